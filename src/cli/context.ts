/**
 * Which node and which group a command talks to, the signing wallet, and sending a
 * transaction with a one-line report of a rejection.
 *
 * Node: `--rpc URL`, else the saved deployment's, else the local network's.
 * Ledger: `--contract HASH`, else the saved deployment's, else the generated client's
 * (`src/neo-one/MTEMsm/contract.ts`). Partners (MTEMsmTrades, MTEMsmPlants,
 * MTEMsmReferendums): the ones attached to the ledger, read from its partners();
 * `--trades`/`--plants`/`--referendums` must name those.
 */
import { Hash256, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as path from 'path';
import { firstLine } from '../chain/batch';
import { cachedSourceMaps, DEFAULT_FOUNDER } from '../chain/compile';
import { ContractAddresses, Deployment, Group, connect } from '../chain/group';
import { PROJECT_ROOT, networkStatus, readDeployment } from '../chain/network';
import { OperationError, UsageError } from './errors';
import { ParsedArgs } from './args';
import { askPassword, isAddress, keystoreDir, readWallet, unlockWallet, walletExists, listWallets } from './wallets';

export const LEDGER_NAME = 'Sharing Electricity in Brazil';

export interface Context {
  readonly args: ParsedArgs;
  readonly json: boolean;
  readonly keystore: string;
  /** An option's value (undefined when absent); a flag given without value is a usage error. */
  readonly opt: (name: string) => string | undefined;
  /** A required option. */
  readonly need: (name: string) => string;
}

export const makeContext = (args: ParsedArgs): Context => {
  const opt = (name: string): string | undefined => {
    const value = args.options[name];
    if (value === true) {
      throw new UsageError(`--${name} needs a value.`);
    }

    return value;
  };

  return {
    args,
    json: args.options.json === true,
    keystore: keystoreDir(opt('keystore')),
    opt,
    need: (name: string) => {
      const value = opt(name);
      if (value === undefined || value === '') {
        throw new UsageError(`--${name} is required.`);
      }

      return value;
    },
  };
};

const generatedAddress = (contract: string): string => {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, 'src', 'neo-one', contract, 'contract.ts'), 'utf8');
  const match = /address:\s*'([^']+)'/.exec(text);
  if (match === null) {
    throw new OperationError(`No address for ${contract} in the generated client.`);
  }

  return match[1];
};

/** True when the node at rpcURL answers neo-one's developer RPC (a private network). */
export const isDeveloperNode = async (rpcURL: string): Promise<boolean> => {
  try {
    const response = await fetch(rpcURL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getsettings', params: [] }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as { result?: unknown };

    return body.result !== undefined && body.result !== null;
  } catch {
    return false;
  }
};

/** The node's URL: --rpc, else the saved deployment's, else the local network's. */
export const resolveRPC = async (ctx: Context): Promise<string> => {
  const rpc = ctx.opt('rpc');
  if (rpc !== undefined) {
    return rpc;
  }
  const status = await networkStatus();
  if (status.running) {
    return status.rpcURL;
  }

  return readDeployment()?.rpcURL ?? status.rpcURL;
};

const checkHash = (value: string, option: string): string => {
  if (!isAddress(value)) {
    throw new UsageError(`Bad --${option}: "${value}" is not a NEO address.`);
  }

  return value;
};

/**
 * The contracts a command names: the ledger (--contract, else the saved deployment's,
 * else the generated client's), and the partners given with --trades, --plants,
 * --referendums (connectGroup reads the others from the ledger's partners()).
 */
export const resolveContracts = (ctx: Context): { readonly ledger: string } & Partial<Omit<ContractAddresses, 'ledger'>> => {
  const saved: Deployment | undefined = readDeployment();
  const given = ctx.opt('contract');
  const ledger =
    given !== undefined ? checkHash(given, 'contract') : saved?.contracts.ledger ?? generatedAddress('MTEMsm');
  const partner = (role: Role): string | undefined => {
    const value = ctx.opt(role);

    return value === undefined ? undefined : checkHash(value, role);
  };

  return { ledger, trades: partner('trades'), plants: partner('plants'), referendums: partner('referendums') };
};

type Role = 'trades' | 'plants' | 'referendums';
const ROLES: readonly Role[] = ['trades', 'plants', 'referendums'];

export interface Connection {
  readonly group: Group;
  /** The node answers neo-one's developer RPC (the local network). */
  readonly local: boolean;
}

/** Connects to the node (blocks made at once on a private network) without checking the group. */
export const connectNode = async (ctx: Context, contracts?: ContractAddresses): Promise<Connection> => {
  const rpcURL = await resolveRPC(ctx);
  const local = await isDeveloperNode(rpcURL);

  return { group: connect({ rpcURL, contracts, autoConsensus: local }), local };
};

/**
 * Connects to the group: checks that the ledger is an MTEMsm and takes its partners
 * from the ledger's partners() (the attached contracts, the only ones it accepts
 * outcomes from); a partner given on the command line must be that one.
 */
export const connectGroup = async (ctx: Context): Promise<Connection> => {
  const named = resolveContracts(ctx);
  const probe = await connectNode(ctx, { ledger: named.ledger, trades: '', plants: '', referendums: '' });
  let name: string | undefined;
  // Read together: a contract that is no MTEMsm fails partners() too, and says so by its name.
  const partnersRead = probe.group.ledger.partners().catch(() => undefined);
  try {
    name = await probe.group.ledger.name();
  } catch (error) {
    const message = firstLine(error);
    if (/fetch failed|ECONNREFUSED|timeout/i.test(message)) {
      throw new OperationError(
        `No node answers at ${probe.group.rpcURL} (start one with "mtemsm network start", or pass --rpc URL).`,
      );
    }
    name = undefined;
  }
  if (name !== LEDGER_NAME) {
    throw new OperationError(
      `No MTEMsm group at ${named.ledger} on ${probe.group.rpcURL} (deploy one with "mtemsm deploy", or pass --contract HASH).`,
    );
  }
  const partners = await partnersRead;
  if (partners === undefined) {
    throw new OperationError(`The MTEMsm ledger at ${named.ledger} did not answer partners(): is it an MTEMsm v1.1 ledger?`);
  }
  const contracts: Record<string, string> = { ledger: named.ledger };
  for (const role of ROLES) {
    const attached = partners[role];
    if (attached === undefined) {
      throw new OperationError(`The MTEMsm ledger at ${named.ledger} has no ${role} contract attached: its deployment is incomplete.`);
    }
    const given = named[role];
    if (given !== undefined && given !== attached) {
      throw new OperationError(`--${role} ${given} is not the ${role} contract of this ledger (${attached}, see "mtemsm partners").`);
    }
    contracts[role] = attached;
  }

  // The energy layer: MTEMsmEnergy attached itself to the ledger; MTEMsmConsumption never
  // changes the ledger, so only the saved deployment of this ledger names it.
  const saved = readDeployment();
  if (partners.energy !== undefined) {
    contracts.energy = partners.energy;
  }
  if (saved?.contracts.ledger === named.ledger && saved.contracts.consumption !== undefined) {
    contracts.consumption = saved.contracts.consumption;
  }
  // The deployed scripts' own source maps when this machine compiled them (the saved
  // deployment's founder, else the default one): FAULTs then read as the contract's message.
  const addresses = Object.values(contracts);
  const sourceMaps =
    (saved?.founder !== undefined && saved.contracts.ledger === named.ledger ? cachedSourceMaps(saved.founder, addresses) : undefined) ??
    cachedSourceMaps(DEFAULT_FOUNDER, addresses);

  return {
    group: connect({ rpcURL: probe.group.rpcURL, contracts: contracts as unknown as ContractAddresses, sourceMaps, autoConsensus: probe.local }),
    local: probe.local,
  };
};

/**
 * An address from a wallet name, a NEO address, or `treasury` (the ledger's own
 * address, when `treasury` is given).
 */
export const resolveAddress = (ctx: Context, who: string, treasury?: string): string => {
  if (isAddress(who)) {
    return who;
  }
  if (who === 'treasury' && treasury !== undefined) {
    return treasury;
  }
  if (walletExists(ctx.keystore, who)) {
    return readWallet(ctx.keystore, who).address;
  }
  throw new UsageError(`"${who}" is neither a NEO address nor a wallet (see "mtemsm wallet list").`);
};

/** Wallet names by address, to label members in tables. */
export const walletNames = (ctx: Context): Map<string, string> =>
  new Map(listWallets(ctx.keystore).map((wallet) => [wallet.address, wallet.name] as const));

/** The account of the `--from` wallet, unlocked with its password. */
export const signer = async (ctx: Context, group: Group, option = 'from'): Promise<UserAccountID> => {
  const name = ctx.need(option);
  const wallet = readWallet(ctx.keystore, name);
  const privateKey = await unlockWallet(wallet, await askPassword(name));

  return group.addAccount(privateKey);
};

export interface Sent {
  readonly value: unknown;
  readonly block: number;
  readonly transaction: string;
  readonly gasCost: BigNumber;
  readonly events: ReadonlyArray<{ readonly name: string; readonly parameters: Record<string, unknown> }>;
}

/**
 * neo-one's node runs the client's test invocation on live storage, not on a snapshot:
 * a block that lands while it runs (another member's transaction) can make it fail with
 * this message though the call is fine. The state has moved on; the call is priced again.
 */
const LIVE_STORAGE_RACE = /^VM Error: Attempted to add an already existing object for key storageItem:/;
const PRICING_ATTEMPTS = 3;

/**
 * Sends a transaction and waits for its block. neo-one's client runs the invocation
 * before sending and throws with the contract's message; a FAULT in the block is
 * reported the same way: one line, exit 1.
 */
export const send = async (start: () => Promise<any>): Promise<Sent> => {
  let result: any;
  for (let attempt = 1; result === undefined; attempt++) {
    try {
      result = await start();
    } catch (error) {
      if (attempt < PRICING_ATTEMPTS && LIVE_STORAGE_RACE.test(firstLine(error))) {
        continue;
      }
      throw new OperationError(firstLine(error));
    }
  }
  let receipt: any;
  try {
    receipt = await result.confirmed({ timeoutMS: 120_000 });
  } catch (error) {
    throw new OperationError(`Sent ${result.transaction.hash} but no block confirmed it: ${firstLine(error)}`);
  }
  if (receipt.result.state === 'FAULT') {
    throw new OperationError(firstLine(receipt.result.message));
  }

  return {
    value: receipt.result.value,
    block: receipt.blockIndex,
    transaction: result.transaction.hash,
    gasCost: receipt.result.gasCost,
    events: (receipt.events ?? []).map((event: any) => ({ name: event.name, parameters: event.parameters })),
  };
};

/** The GAS an address holds. */
export const gasBalance = async (group: Group, address: string): Promise<BigNumber> => {
  const account = await group.chain.getAccount(address);

  return account.balances[Hash256.GAS] ?? new BigNumber(0);
};

/** The chain's "now": the later of the last block's time and the clock (blocks may be fast-forwarded). */
export const chainNow = async (group: Group): Promise<number> => {
  const count = await group.chain.getBlockCount();
  const block = await group.chain.getBlock(count - 1);

  return Math.max(block.time, Math.floor(Date.now() / 1000));
};
