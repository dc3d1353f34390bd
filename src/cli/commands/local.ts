/** Wallets, the local network and deployment. */
import { createPrivateKey, wifToPrivateKey } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { DEFAULT_SETTINGS, ENERGY_SETTINGS, EnergySetting, Settings, deployGroup, fundWithGAS, masterAddress, passTime } from '../../chain/group';
import {
  DEFAULT_PORT,
  homeDir,
  networkStatus,
  readDeployment,
  saveDeployment,
  startNetwork,
  stopNetwork,
} from '../../chain/network';
import { firstLine } from '../../chain/batch';
import { Command, Option, flag, option } from '../command';
import { connectNode, gasBalance, resolveAddress, signer, isDeveloperNode, resolveRPC } from '../context';
import { OperationError, UsageError } from '../errors';
import { fields, print, printJSON, table } from '../output';
import { formatDuration, formatMoney, formatPower, parseCount, parseDuration, parseMoney, parsePower } from '../units';
import {
  Profile,
  WalletFile,
  askPassword,
  checkName,
  createWallet,
  listWallets,
  makeProfile,
  readNEP6File,
  readWallet,
  unlockWallet,
  walletExists,
  writeWallet,
} from '../wallets';

/** GAS the founder needs to deploy the six contracts (about 1,000 each), and what the local network gives it when it has less. */
const DEPLOY_GAS = 6_500;
const DEPLOY_FUNDING = 7_000;

const PROFILE_OPTIONS: ReadonlyArray<Option> = [
  option('name', '"FULL NAME"', "the member's full name (kept in the wallet, never on chain)"),
  option('unit', 'NUMBER', 'the consumer-unit number of the utility bill'),
  option('salt', 'TEXT', 'the salt of the profile hash (random when omitted)'),
];

const profileFrom = (name?: string, unit?: string, salt?: string): Profile | undefined => {
  if (name === undefined && unit === undefined) {
    if (salt !== undefined) {
      throw new UsageError('--salt needs --name and --unit.');
    }

    return undefined;
  }
  if (name === undefined || unit === undefined) {
    throw new UsageError('A profile needs both --name and --unit.');
  }

  return makeProfile(name, unit, salt);
};

const walletJSON = (wallet: WalletFile) => ({
  name: wallet.name,
  address: wallet.address,
  profileHash: wallet.profile?.profileHash,
  profile: wallet.profile,
  createdAt: wallet.createdAt,
  format: wallet.format,
});

const showWallet = (wallet: WalletFile, keystore: string): void => {
  print(
    fields([
      ['wallet', wallet.name],
      ['address', wallet.address],
      ['profile hash', wallet.profile?.profileHash ?? '(no profile)'],
      ...(wallet.profile === undefined
        ? []
        : ([
            ['full name', wallet.profile.fullName],
            ['consumer unit', wallet.profile.consumerUnit],
            ['salt', wallet.profile.salt],
          ] as Array<[string, string]>)),
      ['file', `${keystore}/${wallet.name}.json (${wallet.format === 'NEP-6' ? 'NEP-6: importable into other NEO wallets' : 'the first mtemsm format'})`],
    ]),
  );
};

export const localCommands: Command[] = [
  {
    path: ['wallet', 'create'],
    args: 'NAME',
    arity: [1, 1],
    options: PROFILE_OPTIONS,
    summary: 'Create a wallet: a new key, stored NEP-2 encrypted, and the plain profile whose hash goes on chain.',
    examples: ['mtemsm wallet create ana --name "Ana Souza" --unit 1234567'],
    run: async (ctx, [name]) => {
      checkName(name);
      const profile = profileFrom(ctx.opt('name'), ctx.opt('unit'), ctx.opt('salt'));
      const password = await askPassword(name, true);
      const wallet = await createWallet(ctx.keystore, name, createPrivateKey(), password, profile);
      if (ctx.json) {
        printJSON(walletJSON(wallet));
      } else {
        print(`Created wallet "${name}".`);
        showWallet(wallet, ctx.keystore);
      }
    },
  },
  {
    path: ['wallet', 'import'],
    args: 'NAME',
    arity: [1, 1],
    options: [
      option('wif', 'WIF', 'the private key in WIF (stored NEP-2 encrypted with the password asked)'),
      option('nep6', 'FILE', "a NEP-6 wallet file of another NEO wallet (its key stays encrypted with that wallet's password)"),
      option('address', 'ADDRESS', "with --nep6: the account to take (default: the file's default account, else its first)"),
      ...PROFILE_OPTIONS,
    ],
    summary: 'Import a key into a new wallet: a WIF (stored NEP-2 encrypted), or an account of a NEP-6 file made by another NEO wallet.',
    examples: [
      'mtemsm wallet import bob --wif KxDgvEKzgSBPPfuVfw67oPQBSjidEiqTHURKSDL1R7yGaGYAeYnr --name "Bob" --unit 7654321',
      'mtemsm wallet import bob --nep6 ~/neon-wallet.json --name "Bob" --unit 7654321',
    ],
    run: async (ctx, [name]) => {
      checkName(name);
      const wif = ctx.opt('wif');
      const file = ctx.opt('nep6');
      if ((wif === undefined) === (file === undefined)) {
        throw new UsageError('Give the key as --wif WIF or --nep6 FILE (one of them).');
      }
      if (ctx.opt('address') !== undefined && file === undefined) {
        throw new UsageError('--address picks an account of a --nep6 file.');
      }
      const profile = profileFrom(ctx.opt('name'), ctx.opt('unit'), ctx.opt('salt'));
      let wallet: WalletFile;
      if (file !== undefined) {
        if (walletExists(ctx.keystore, name)) {
          throw new UsageError(`Wallet "${name}" already exists.`);
        }
        const found = readNEP6File(file, name, ctx.opt('address'));
        // The password of the other wallet must open the key before it is kept.
        await unlockWallet(found, await askPassword(name));
        const kept = found.document?.accounts.find((account) => account.address === found.address);
        wallet = {
          ...found,
          profile: profile ?? found.profile,
          createdAt: new Date().toISOString(),
          // Only the account taken, as this wallet's default; the other wallet's file is not changed.
          document:
            found.document === undefined || kept === undefined
              ? undefined
              : { ...found.document, name, accounts: [{ ...kept, isDefault: true }] },
        };
        writeWallet(ctx.keystore, wallet);
      } else {
        let privateKey: string;
        try {
          privateKey = wifToPrivateKey(wif as string);
        } catch {
          throw new UsageError('Bad --wif: not a WIF private key.');
        }
        const password = await askPassword(name, true);
        wallet = await createWallet(ctx.keystore, name, privateKey, password, profile);
      }
      if (ctx.json) {
        printJSON(walletJSON(wallet));
      } else {
        print(`Imported wallet "${name}".`);
        showWallet(wallet, ctx.keystore);
      }
    },
  },
  {
    path: ['wallet', 'list'],
    arity: [0, 0],
    summary: 'List the wallets of the keystore.',
    examples: ['mtemsm wallet list', 'mtemsm wallet list --keystore ./wallets --json'],
    run: async (ctx) => {
      const wallets = listWallets(ctx.keystore);
      if (ctx.json) {
        printJSON(wallets.map(walletJSON));

        return;
      }
      if (wallets.length === 0) {
        print(`No wallets in ${ctx.keystore} (create one with "mtemsm wallet create NAME").`);

        return;
      }
      print(
        table(
          ['NAME', 'ADDRESS', 'PROFILE HASH'],
          wallets.map((wallet) => [wallet.name, wallet.address, wallet.profile?.profileHash ?? '-']),
        ),
      );
    },
  },
  {
    path: ['wallet', 'show'],
    args: 'NAME',
    arity: [1, 1],
    summary: "Show a wallet's address, profile and profile hash (no password needed).",
    examples: ['mtemsm wallet show ana'],
    run: async (ctx, [name]) => {
      const wallet = readWallet(ctx.keystore, name);
      if (ctx.json) {
        printJSON(walletJSON(wallet));
      } else {
        showWallet(wallet, ctx.keystore);
      }
    },
  },
  {
    path: ['wallet', 'verify'],
    args: 'NAME',
    arity: [1, 1],
    summary: "Check a wallet's password: decrypts the key and checks it matches the address.",
    examples: ['MTEMSM_PASSWORD=secret mtemsm wallet verify ana'],
    run: async (ctx, [name]) => {
      const wallet = readWallet(ctx.keystore, name);
      await unlockWallet(wallet, await askPassword(name));
      if (ctx.json) {
        printJSON({ name, address: wallet.address, unlocked: true });
      } else {
        print(`The password opens wallet "${name}" (${wallet.address}).`);
      }
    },
  },
  // ---------------------------------------------------------------- network
  {
    path: ['network', 'start'],
    arity: [0, 0],
    options: [
      flag('fresh', 'delete the chain and the saved deployment first'),
      option('port', 'N', `the RPC port (default: the last one used, else ${DEFAULT_PORT})`),
    ],
    summary: 'Start the local NEO private network in the background (reuses a running one).',
    examples: ['mtemsm network start', 'mtemsm network start --fresh --port 9050'],
    run: async (ctx) => {
      // Without --port, the port this home's network used last time (else the default).
      const previous = Number(/:(\d+)\/rpc$/.exec((await networkStatus()).rpcURL)?.[1] ?? DEFAULT_PORT);
      const port = ctx.opt('port') === undefined ? previous : parseCount(ctx.need('port'), 'port');
      let status;
      try {
        status = await startNetwork({ port, fresh: ctx.args.options.fresh === true });
      } catch (error) {
        throw new OperationError(firstLine(error));
      }
      if (ctx.json) {
        printJSON(status);

        return;
      }
      print(status.reused ? 'The local network is already running.' : 'Started the local network.');
      print(
        fields([
          ['rpc', status.rpcURL],
          ['pid', String(status.pid)],
          ['blocks', String(status.blockCount)],
          ['home', status.home],
        ]),
      );
    },
  },
  {
    path: ['network', 'stop'],
    arity: [0, 0],
    summary: 'Stop the local network (its chain is kept for the next start).',
    examples: ['mtemsm network stop'],
    run: async (ctx) => {
      const stopped = await stopNetwork();
      if (ctx.json) {
        printJSON({ stopped });
      } else {
        print(stopped ? 'Stopped the local network.' : 'The local network was not running.');
      }
    },
  },
  {
    path: ['network', 'status'],
    arity: [0, 0],
    summary: 'Show whether the local network runs, its RPC URL, blocks and the saved deployment.',
    examples: ['mtemsm network status --json'],
    run: async (ctx) => {
      const status = await networkStatus();
      const deployment = readDeployment();
      if (ctx.json) {
        printJSON({ ...status, deployment });

        return;
      }
      print(
        fields([
          ['running', status.running ? 'yes' : 'no'],
          ['rpc', status.rpcURL],
          ...(status.running
            ? ([
                ['pid', String(status.pid)],
                ['blocks', String(status.blockCount ?? '?')],
              ] as Array<[string, string]>)
            : []),
          ['home', status.home],
          ['ledger', deployment?.contracts.ledger ?? '(not deployed)'],
          ...(deployment === undefined
            ? []
            : ([
                ['trades', deployment.contracts.trades ?? '-'],
                ['plants', deployment.contracts.plants],
                ['referendums', deployment.contracts.referendums],
                ['energy', deployment.contracts.energy ?? '(not deployed)'],
                ['consumption', deployment.contracts.consumption ?? '(not deployed)'],
                ['founder', deployment.founder ?? '-'],
              ] as Array<[string, string]>)),
        ]),
      );
    },
  },
  {
    path: ['network', 'fund'],
    args: 'NAME|ADDRESS',
    arity: [1, 1],
    options: [option('gas', 'N', 'GAS to send (default 500)')],
    summary: "Send GAS from the local network's master account (results and startOperation cost more than the free 10 GAS).",
    examples: ['mtemsm network fund ana --gas 100'],
    run: async (ctx, [who]) => {
      const to = resolveAddress(ctx, who);
      const amount = ctx.opt('gas') === undefined ? 500 : parseCount(ctx.need('gas'), '--gas');
      const { group } = await connectNode(ctx);
      try {
        await fundWithGAS(group, await group.master(), [to], amount);
      } catch (error) {
        throw new OperationError(`Funding failed: ${firstLine(error)}`);
      }
      const balance = await gasBalance(group, to);
      if (ctx.json) {
        printJSON({ to, amount: String(amount), balance });
      } else {
        print(`Sent ${amount} GAS from the master account ${masterAddress()} to ${who} (${to}): it holds ${balance.toFormat()} GAS.`);
      }
    },
  },
  {
    path: ['network', 'advance'],
    args: 'DURATION',
    arity: [1, 1],
    summary: "Move the local network's clock forward (makes a block with the later time): referendums end, time to market passes.",
    examples: ['mtemsm network advance 30d', 'mtemsm network advance 90s'],
    run: async (ctx, [duration]) => {
      const seconds = parseDuration(duration);
      const rpcURL = await resolveRPC(ctx);
      if (!(await isDeveloperNode(rpcURL))) {
        throw new OperationError(`The node at ${rpcURL} cannot move its clock (only a neo-one private network can).`);
      }
      const { group } = await connectNode(ctx);
      await passTime(group, seconds.toNumber());
      const count = await group.chain.getBlockCount();
      const block = await group.chain.getBlock(count - 1);
      if (ctx.json) {
        printJSON({ advanced: seconds, block: block.index, time: block.time });
      } else {
        print(`Moved the clock ${formatDuration(seconds)} forward: block ${block.index} at ${new Date(block.time * 1000).toISOString()}.`);
      }
    },
  },
  // ---------------------------------------------------------------- deploy
  {
    path: ['deploy'],
    arity: [0, 0],
    options: [
      option('founder', 'NAME', 'the wallet that deploys and alone may found the group', true),
      option('referendum-period', 'D', 'how long a referendum lasts (default 30d)'),
      option('crowdfunding-period', 'D', 'how long a plant funds (default 60d)'),
      option('min-time-to-market', 'D', "a plant's shortest time to market (default 30d)"),
      option('min-funding-window', 'D', 'how long a fully pledged plant still funds before it may close early (default 7d; 0 allowed)'),
      option('min-bid', 'R$', 'the smallest pledge (default 100.00)'),
      option('max-power', 'P', 'the largest plant (default 5MW)'),
      option('setting', 'brazil-dg|microgrid', "the group's setting: Brazil's compensation system (default; the utility's allocation lists) or an islanded microgrid"),
    ],
    summary:
      'Compile and deploy the six contracts (ledger, trades, plants, referendums, energy, consumption; about 6,000 GAS; on the local network the founder is funded first) and save the deployment.',
    examples: [
      'mtemsm deploy --founder ana',
      'mtemsm deploy --founder ana --referendum-period 10m --crowdfunding-period 10m --min-funding-window 1m --min-time-to-market 1m --min-bid 50 --max-power 100kW',
    ],
    run: async (ctx) => {
      const duration = (option: string, fallback: number): number =>
        ctx.opt(option) === undefined ? fallback : parseDuration(ctx.need(option), `--${option}`).toNumber();
      const settings: Settings = {
        referendumPeriod: duration('referendum-period', DEFAULT_SETTINGS.referendumPeriod),
        crowdfundingPeriod: duration('crowdfunding-period', DEFAULT_SETTINGS.crowdfundingPeriod),
        minTimeToMarket: duration('min-time-to-market', DEFAULT_SETTINGS.minTimeToMarket),
        minFundingWindow: duration('min-funding-window', DEFAULT_SETTINGS.minFundingWindow),
        minBid: ctx.opt('min-bid') === undefined ? DEFAULT_SETTINGS.minBid : parseMoney(ctx.need('min-bid'), '--min-bid').toFixed(),
        maxPowerW:
          ctx.opt('max-power') === undefined
            ? DEFAULT_SETTINGS.maxPowerW
            : parsePower(ctx.need('max-power'), '--max-power').toNumber(),
      };
      if (settings.referendumPeriod <= 0 || new BigNumber(settings.minBid).lte(0) || settings.maxPowerW <= 0) {
        throw new UsageError('The referendum period, the minimum bid and the maximum power must be positive.');
      }
      const setting = (ctx.opt('setting') ?? 'brazil-dg') as EnergySetting;
      if (!ENERGY_SETTINGS.includes(setting)) {
        throw new UsageError(`Bad --setting: "${setting}" (brazil-dg or microgrid).`);
      }
      const { group, local } = await connectNode(ctx);
      if ((await group.chain.getBlockCount().catch(() => undefined)) === undefined) {
        throw new OperationError(`No node answers at ${group.rpcURL} (start one with "mtemsm network start").`);
      }
      const founder = await signer(ctx, group, 'founder');
      if (local && (await gasBalance(group, founder.address)).lt(DEPLOY_GAS)) {
        if (!ctx.json) {
          process.stderr.write(`Funding the founder ${founder.address} with ${DEPLOY_FUNDING.toLocaleString('en-US')} GAS from the master account…\n`);
        }
        await fundWithGAS(group, await group.master(), [founder.address], DEPLOY_FUNDING);
      }
      if (!ctx.json) {
        process.stderr.write('Compiling and deploying the six contracts (about 20 s)…\n');
      }
      let deployment;
      try {
        deployment = { ...(await deployGroup(group, founder, settings)), setting };
      } catch (error) {
        throw new OperationError(firstLine(error));
      }
      saveDeployment(deployment);
      if (ctx.json) {
        // As saved: the source maps (megabytes) stay in memory.
        const { sourceMaps: _sourceMaps, ...saved } = deployment;
        printJSON(saved);

        return;
      }
      print('Deployed MTEMsm.');
      print(
        fields([
          ['rpc', deployment.rpcURL],
          ['ledger (MTEMsm)', deployment.contracts.ledger],
          ['trades', deployment.contracts.trades],
          ['plants', deployment.contracts.plants],
          ['referendums', deployment.contracts.referendums],
          ['energy', deployment.contracts.energy ?? '-'],
          ['consumption', deployment.contracts.consumption ?? '-'],
          ['founder', `${ctx.need('founder')} (${founder.address})`],
          ['referendum period', formatDuration(settings.referendumPeriod)],
          ['crowdfunding period', formatDuration(settings.crowdfundingPeriod)],
          ['min funding window', formatDuration(settings.minFundingWindow)],
          ['min time to market', formatDuration(settings.minTimeToMarket)],
          ['min bid', formatMoney(settings.minBid)],
          ['max power', formatPower(settings.maxPowerW)],
          ['setting', setting],
          ['saved in', `${homeDir()}/deployment.json`],
        ]),
      );
      print(
        `Next: the founder founds the group with "mtemsm admission --from ${ctx.need('founder')} --utility NAME", then invites members with "mtemsm invite NAME --from ${ctx.need('founder')}".`,
      );
    },
  },
];
