/**
 * Connecting to a deployed MTEMsm group, and deploying one.
 *
 * A group is four contracts (README, "Four contracts, not one"): the ledger
 * (`MTEMsm`), `MTEMsmTrades`, `MTEMsmPlants` and `MTEMsmReferendums`. A `Deployment`
 * names the node and the four addresses; it is what `mtemsm deploy` and `npm start`
 * save and what every other command reads.
 */
import {
  DeveloperClient,
  Hash256,
  LocalKeyStore,
  LocalMemoryStore,
  NEOONEDataProvider,
  NEOONEProvider,
  SourceMaps,
  UserAccountID,
  privateKeyToAddress,
  scriptHashToAddress,
  wifToPrivateKey,
} from '@neo-one/client';
// The full client: the core one cannot publish contracts.
import { Client, LocalUserAccountProvider } from '@neo-one/client-full-core';
import BigNumber from 'bignumber.js';
import { createHash } from 'crypto';
import { mteMsmABI } from '../neo-one/MTEMsm/abi';
import { MTEMsmSmartContract } from '../neo-one/MTEMsm/types';
import { mteMsmPlantsABI } from '../neo-one/MTEMsmPlants/abi';
import { MTEMsmPlantsSmartContract } from '../neo-one/MTEMsmPlants/types';
import { mteMsmReferendumsABI } from '../neo-one/MTEMsmReferendums/abi';
import { MTEMsmReferendumsSmartContract } from '../neo-one/MTEMsmReferendums/types';
import { mteMsmConsumptionABI } from '../neo-one/MTEMsmConsumption/abi';
import { MTEMsmConsumptionSmartContract } from '../neo-one/MTEMsmConsumption/types';
import { mteMsmEnergyABI } from '../neo-one/MTEMsmEnergy/abi';
import { MTEMsmEnergySmartContract } from '../neo-one/MTEMsmEnergy/types';
import { mteMsmTradesABI } from '../neo-one/MTEMsmTrades/abi';
import { MTEMsmTradesSmartContract } from '../neo-one/MTEMsmTrades/types';
import { CompiledContract, deployedSourceMap } from './compile';
import { READINGS_ADDRESS, READINGS_CONTRACT } from './readings';

export type { CompiledContract } from './compile';
import { sourceMaps as generatedSourceMaps } from '../neo-one/sourceMaps';
import { useNativeCrypto } from './crypto';
import { MASTER_PRIVATE_KEY } from './node';

// Every client, key and address made through this module signs and derives with OpenSSL (src/chain/crypto.ts).
useNativeCrypto();
// neo-one encodes a number argument from BigNumber's toString(), which switches to
// exponential notation at 1e21 ("1.1e+24": refused as "Invalid character"): a paged
// close's threshold of a large plant is that big (found by the random test, seed
// 3841736723). Plain digits always (one bignumber.js copy is shared with neo-one).
BigNumber.config({ EXPONENTIAL_AT: 1e9 });

/**
 * What goes on chain instead of a member's personal data: SHA-256 of
 * `${fullName}|${consumerUnit}|${salt}`, as `0x` + hex. The member keeps the plain profile.
 */
export const profileHash = (fullName: string, consumerUnit: string, salt: string): string =>
  `0x${createHash('sha256').update(`${fullName}|${consumerUnit}|${salt}`).digest('hex')}`;

/** The network name the client uses for the node a command talks to. */
export const NETWORK = 'group';

export interface ContractAddresses {
  readonly ledger: string;
  readonly trades: string;
  readonly plants: string;
  readonly referendums: string;
  /** The energy layer (shared/spec/microgrid.md): absent in a deployment saved before it. */
  readonly energy?: string;
  readonly consumption?: string;
}

/** The spec's deployment settings (seconds, R$, watts). */
export interface Settings {
  readonly referendumPeriod: number;
  readonly crowdfundingPeriod: number;
  readonly minTimeToMarket: number;
  readonly minBid: string;
  readonly maxPowerW: number;
  readonly minFundingWindow: number;
}

export const DEFAULT_SETTINGS: Settings = {
  referendumPeriod: 2_592_000,
  crowdfundingPeriod: 5_184_000,
  minTimeToMarket: 2_592_000,
  minBid: '100',
  maxPowerW: 5_000_000,
  minFundingWindow: 604_800,
};

/**
 * Which of the spec's two settings a group runs in (shared/spec/microgrid.md, "Two
 * settings"): Brazil's compensation system, where the utility credits consumer units by
 * registered percentages (the default, the thesis' setting), or an islanded microgrid.
 * Off chain (the contracts are the same): the exports and the market read it.
 */
export type EnergySetting = 'brazil-dg' | 'microgrid';
export const ENERGY_SETTINGS: readonly EnergySetting[] = ['brazil-dg', 'microgrid'];

export interface Deployment {
  readonly rpcURL: string;
  readonly contracts: ContractAddresses;
  /** brazil-dg when absent (a deployment saved before the energy layer). */
  readonly setting?: EnergySetting;
  readonly founder?: string;
  readonly settings?: Settings;
  readonly deployedAt?: string;
  /** Source maps of the deployed scripts by address (in memory only: error messages then name the contract's line). */
  readonly sourceMaps?: Record<string, any>;
}

export interface Group {
  readonly client: Client;
  /** Only on a private network (neo-one's node): makes blocks and moves time. */
  readonly developer: DeveloperClient;
  /** Blocks, transactions and contracts, read straight from the node. */
  readonly chain: NEOONEDataProvider;
  readonly ledger: MTEMsmSmartContract;
  readonly trades: MTEMsmTradesSmartContract;
  readonly plants: MTEMsmPlantsSmartContract;
  readonly referendums: MTEMsmReferendumsSmartContract;
  readonly energy: MTEMsmEnergySmartContract;
  readonly consumption: MTEMsmConsumptionSmartContract;
  readonly contracts: ContractAddresses;
  readonly rpcURL: string;
  /** Adds a key to this process' in-memory keystore and returns its account. */
  readonly addAccount: (privateKeyOrWIF: string) => Promise<UserAccountID>;
  readonly master: () => Promise<UserAccountID>;
}

export interface ConnectOptions {
  readonly rpcURL: string;
  readonly contracts?: ContractAddresses;
  /**
   * Private networks only: make a block as soon as a transaction waits for its
   * confirmation instead of waiting for the next 15-second block.
   */
  readonly autoConsensus?: boolean;
  /** Source maps by contract address (a Deployment's); else the generated client's. */
  readonly sourceMaps?: Record<string, any>;
}

/**
 * Makes a block for transactions in the pool (private networks) and returns once blocks
 * hold them all. neo-one 2.x's consensus drops a waiting "block now" request when a block
 * is persisted meanwhile (ConsensusQueue.write clears the queue and re-adds the timer
 * without its promise): with two clients asking at once (two members' commands), one
 * request hangs until the client's 20 s RPC timeout. So the request is not awaited: the
 * block count is watched every POLL_MS (the receipts looked up when it moves), and a block
 * asked for again while one of them is still in the pool once the request has ended or
 * ASK_AGAIN_MS have passed.
 */
export const blockForAll = async (developer: DeveloperClient, chain: NEOONEDataProvider, hashes: readonly string[]): Promise<void> => {
  const remaining = new Set(hashes);
  const lookUp = async (): Promise<void> => {
    const found = await Promise.all([...remaining].map(async (hash) => chain.getTransactionReceipt(hash).then(() => hash, () => undefined)));
    found.forEach((hash) => hash !== undefined && remaining.delete(hash));
  };
  let request: Promise<void> | undefined;
  let askedAt = 0;
  const ask = (): void => {
    const current: Promise<void> = developer.runConsensusNow().then(
      () => undefined,
      () => undefined,
    );
    request = current;
    askedAt = Date.now();
    void current.then(() => {
      if (request === current) {
        request = undefined;
      }
    });
  };
  const waiting = async (): Promise<boolean> => {
    const pool = new Set(await chain.getMemPool().catch(() => [] as string[]));

    return [...remaining].some((hash) => pool.has(hash));
  };
  let blocks = await chain.getBlockCount();
  // None in the pool: already in a block (the client's own wait after a batch's block), or on its way.
  if (!(await waiting())) {
    await lookUp();
  }
  if (remaining.size > 0) {
    ask();
  }
  const deadline = Date.now() + BLOCK_WAIT_MS;
  while (remaining.size > 0 && Date.now() < deadline) {
    // The request normally ends with its block; the poll is for a request the node dropped.
    await Promise.race([request ?? new Promise(() => undefined), new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
    const count = await chain.getBlockCount();
    const idle = request === undefined || Date.now() - askedAt > ASK_AGAIN_MS;
    if (count !== blocks || idle) {
      blocks = count;
      await lookUp();
    }
    if (remaining.size > 0 && idle && (await waiting())) {
      ask();
    }
  }
};

/** blockForAll of one transaction. */
export const blockFor = async (developer: DeveloperClient, chain: NEOONEDataProvider, hash: string): Promise<void> =>
  blockForAll(developer, chain, [hash]);

const POLL_MS = 40;
const ASK_AGAIN_MS = 3_000;
/** After this the client's own wait for the receipts takes over. */
const BLOCK_WAIT_MS = 60_000;

const toPrivateKey = (key: string): string => (/^[0-9a-f]{64}$/i.test(key) ? key : wifToPrivateKey(key));

export const connect = (options: ConnectOptions): Group => {
  const { rpcURL } = options;
  const provider = new NEOONEProvider([{ network: NETWORK, rpcURL }]);
  const keystore = new LocalKeyStore(new LocalMemoryStore());
  const memory = new LocalUserAccountProvider({ keystore, provider });
  const client = new Client({ memory });
  const chain = new NEOONEDataProvider({ network: NETWORK, rpcURL });
  const developer = new DeveloperClient(chain);
  // Every invocation pays exactly its gas above the free 10 GAS.
  client.hooks.beforeRelay.tapPromise('SystemFee', async (relayOptions: any) => {
    relayOptions.systemFee = new BigNumber(-1);
  });
  if (options.autoConsensus === true) {
    client.hooks.beforeConfirmed.tapPromise('Consensus', async (transaction: { readonly hash: string }) =>
      blockFor(developer, chain, transaction.hash),
    );
  }
  const contracts = options.contracts ?? { ledger: '', trades: '', plants: '', referendums: '' };
  const sourceMaps: SourceMaps = options.sourceMaps ?? generatedSourceMaps;
  const definition = (abi: any, address: string) =>
    ({ networks: address === '' ? {} : { [NETWORK]: { address } }, abi, sourceMaps } as any);
  const addAccount = async (key: string): Promise<UserAccountID> => {
    const privateKey = toPrivateKey(key);
    const wallet = await keystore.addUserAccount({ network: NETWORK, privateKey });

    return wallet.userAccount.id;
  };

  return {
    client,
    developer,
    chain,
    ledger: client.smartContract(definition(mteMsmABI, contracts.ledger)) as any,
    trades: client.smartContract(definition(mteMsmTradesABI, contracts.trades)) as any,
    plants: client.smartContract(definition(mteMsmPlantsABI, contracts.plants)) as any,
    referendums: client.smartContract(definition(mteMsmReferendumsABI, contracts.referendums)) as any,
    energy: client.smartContract(definition(mteMsmEnergyABI, contracts.energy ?? '')) as any,
    consumption: client.smartContract(definition(mteMsmConsumptionABI, contracts.consumption ?? '')) as any,
    contracts,
    rpcURL,
    addAccount,
    master: async () => addAccount(MASTER_PRIVATE_KEY),
  };
};

/** The time (Unix seconds) of the last block. */
export const lastBlockTime = async (group: Pick<Group, 'chain'>): Promise<number> =>
  (await group.chain.getBlock((await group.chain.getBlockCount()) - 1)).time;

/**
 * Private networks only: moves the node's clock to `seconds` past the last block, so the
 * next block is at least that late. Not "forward from the node's clock": a block is never
 * earlier than its predecessor plus one second, so blocks made faster than one a second
 * run ahead of the wall clock, and a plain offset would land short by that lead.
 */
export const passTime = async (group: Pick<Group, 'chain' | 'developer'>, seconds: number): Promise<void> => {
  try {
    await group.developer.fastForwardToTime((await lastBlockTime(group)) + seconds);
  } catch (error) {
    // The node's clock is already past that time: nothing to move.
    if (!/future time/.test((error as Error).message)) {
      throw error;
    }
  }
};

export const masterAddress = (): string => privateKeyToAddress(MASTER_PRIVATE_KEY);

// ------------------------------------------------------------------ deployment

/**
 * neo-one 2.x passes a constructor argument of 0 as if it were missing, so a contract
 * takes that parameter's default instead (measured: minBid '0' deployed R$ 100.00,
 * maxPowerW 0 deployed 5 MW, a period of 0 its default). The contracts' own checks then
 * never see the 0, so it is refused here, before anything is deployed. (Negative values
 * reach the contracts, which refuse them.) A period of 0, which the spec allows, cannot
 * be deployed on neo-one 2.x: use 1 s.
 */
export const refuseZeroSettings = (settings: Settings): void => {
  for (const name of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    if (new BigNumber(settings[name]).isZero()) {
      throw new Error(
        `${name} 0 cannot be deployed: neo-one 2.x passes a 0 constructor argument as missing and the contract would use its default (${DEFAULT_SETTINGS[name]}); give a positive value.`,
      );
    }
  }
};

/**
 * MTEMsmReadings (src/chain/readings.ts), which MTEMsmEnergy and MTEMsmConsumption call at
 * a constant address: stateless and the same script for every group, so it is deployed
 * once per chain and left alone when it is there already.
 */
export const deployReadings = async (group: Group, from: UserAccountID): Promise<void> => {
  if ((await group.chain.getContract(READINGS_ADDRESS).catch(() => undefined)) !== undefined) {
    return;
  }
  const result = await group.client.publishAndDeploy(READINGS_CONTRACT as any, { functions: [] } as any, [], {
    from,
    systemFee: new BigNumber(-1),
  } as any);
  await blockFor(group.developer, group.chain, result.transaction.hash);
  const receipt = await result.confirmed({ timeoutMS: 60_000 });
  if (receipt.result.state === 'FAULT') {
    throw new Error(`Deploying MTEMsmReadings failed: ${receipt.result.message}`);
  }
};

/**
 * Deploys the six contracts (the group's four and the energy layer's two) with `settings`, signed by `founder` (whose address they
 * were compiled with: src/chain/compile.ts; the founder alone may deploy and found the
 * group). A contract's address is its script's hash, so each can be deployed once per
 * chain: deploy to a fresh network.
 */
export const deployGroup = async (
  group: Group,
  founder: UserAccountID,
  settings: Settings = DEFAULT_SETTINGS,
  compiled?: CompiledContract[],
): Promise<Deployment> => {
  refuseZeroSettings(settings);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const contracts: CompiledContract[] = compiled ?? (await require('./compile').compileGroup(founder.address));
  const [ledger, trades, plants, referendums, energy, consumption] = contracts;
  const existing = await group.chain.getContract(ledger.address).catch(() => undefined);
  if (existing !== undefined) {
    throw new Error(
      `MTEMsm is already deployed on this network at ${ledger.address}: start a fresh network (mtemsm network start --fresh).`,
    );
  }
  const params: Record<string, any[]> = {
    MTEMsm: [],
    MTEMsmTrades: [ledger.address],
    MTEMsmPlants: [
      ledger.address,
      new BigNumber(settings.crowdfundingPeriod),
      new BigNumber(settings.minBid),
      new BigNumber(settings.minFundingWindow),
    ],
    MTEMsmReferendums: [
      ledger.address,
      plants.address,
      new BigNumber(settings.referendumPeriod),
      new BigNumber(settings.minTimeToMarket),
      new BigNumber(settings.maxPowerW),
    ],
    // The energy layer, linked one way: it calls the ledger, the plants and the referendums.
    MTEMsmEnergy: [ledger.address, plants.address, referendums.address],
    MTEMsmConsumption: [ledger.address, referendums.address],
  };
  await deployReadings(group, founder);
  const sourceMaps: Record<string, any> = {};
  for (const { name, address, contract, abi, sourceMap } of [ledger, trades, plants, referendums, energy, consumption]) {
    sourceMaps[address] = deployedSourceMap(sourceMap);
    const result = await group.client.publishAndDeploy(
      contract,
      abi,
      params[name],
      { from: founder, systemFee: new BigNumber(-1) } as any,
      sourceMaps,
    );
    await blockFor(group.developer, group.chain, result.transaction.hash);
    const receipt = await result.confirmed({ timeoutMS: 60_000 });
    if (receipt.result.state === 'FAULT') {
      throw new Error(`Deploying ${name} failed: ${receipt.result.message}`);
    }
  }

  return {
    rpcURL: group.rpcURL,
    contracts: {
      ledger: ledger.address,
      trades: trades.address,
      plants: plants.address,
      referendums: referendums.address,
      energy: energy.address,
      consumption: consumption.address,
    },
    founder: founder.address,
    settings,
    setting: 'brazil-dg',
    deployedAt: new Date().toISOString(),
    sourceMaps,
  };
};

/**
 * A group at the default settings on the node at `rpcURL`, founded by its master account:
 * the deployment, and the group connected to it (npm start, the tests, the benchmarks).
 */
export const deployDefaultGroup = async (
  rpcURL: string,
  compiled?: CompiledContract[],
): Promise<{ readonly deployment: Deployment; readonly group: Group }> => {
  const deployer = connect({ rpcURL });
  const deployment = await deployGroup(deployer, await deployer.master(), DEFAULT_SETTINGS, compiled);

  return { deployment, group: connect({ rpcURL, contracts: deployment.contracts, sourceMaps: deployment.sourceMaps }) };
};

/** GAS for `accounts` from `from`, in one transaction (NEO 2 transfers take many outputs). */
export const fundWithGAS = async (
  group: Group,
  from: UserAccountID,
  addresses: readonly string[],
  amount: number,
): Promise<void> => {
  for (let start = 0; start < addresses.length; start += 100) {
    const result = await group.client.transfer(
      addresses.slice(start, start + 100).map((to) => ({ amount: new BigNumber(amount), asset: Hash256.GAS, to })),
      { from },
    );
    await blockFor(group.developer, group.chain, result.transaction.hash);
    await result.confirmed({ timeoutMS: 60_000 });
  }
};
