/**
 * `npm run bench`: the gasCost of every MTEMsm v1.1 operation in a group of 130 members
 * against the goals of issue 13, the pages of the paged plant steps at 130 funders, a
 * failing plant with 600 funders (M6), and a SEB `transfer` beside that of a minimal
 * NEP-5 token (`bench/contracts/Nep5Baseline.ts`). Writes reports/gas.md and
 * reports/gas.json (see bench/README.md).
 *
 * One in-memory neo-one node in this process; the four contracts deployed with the
 * default settings. The group is built once and everything is measured on it:
 *   1. founding (not measured against the goals): the founder is admitted; then, while
 *      the founder is still the only member, the founder invites each candidate in turn
 *      (one open invitation at a time) and the candidate requests admission, so every
 *      one of these admission referendums has electorate 1; the founder votes yes on
 *      all of them; 129 results make the 130-member group. The other 470 candidates
 *      (for M6) stay approved but unresolved until M6;
 *   2. every operation measured in the 130-member group: referendums opened there have
 *      electorate 130 and are approved early by 66 yes votes; plants pledged by all 130
 *      members are driven page by page with src/chain/plants.ts;
 *   3. M6: the 470 admission results (600 members), a plant all 600 pledge for and that
 *      fails, its pledges cancelled page by page.
 *
 * BENCH_MEMBERS (default 130) and BENCH_FAILING_FUNDERS (default 600) set the sizes,
 * for a quick trial; BENCH_CONTRACTS=dir compiles the contracts from a copy (scratch
 * experiments, see bench/README.md). BENCH_PROFILE=0 turns the profiler off. BENCH_OUT=dir
 * writes the reports to dir instead of reports/.
 */
import { TransactionOptions, TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { GasLog, Receipt, sendBlock } from '../src/chain/batch';
import { SourceMapConsumer, SourceMapGenerator } from 'source-map';
import { CompiledContract, compileGroup, CONTRACT_NAMES, GUARD_INSTRUCTIONS, VERIFICATION_GUARD } from '../src/chain/compile';
import { blockFor, DEFAULT_SETTINGS, fundWithGAS, Group, NETWORK, passTime } from '../src/chain/group';
import { startGroupNode } from '../src/chain/inMemory';
import { freePort } from '../src/chain/node';
import { cancelPledges, closeCrowdfunding, PLEDGE_PAGE, SendPage, startOperation } from '../src/chain/plants';
import { allMembers } from '../src/chain/reads';
import { PRODUCTION_INTERVALS_PER_CALL } from '../src/domain/energy';
import { READINGS_SCRIPT } from '../src/chain/readings';
import { ENERGY_OPERATIONS, measureEnergy } from './energy';
import { installProfiler, Profile, profileOf, recordedExecutions, resetProfile, scriptHashOf } from './profiler';

/**
 * The profiler records every opcode the VM of this process runs, which slows it down
 * several times: it is switched on only for transactions sent alone in a block (the
 * measured calls and pages), and off for the batches (founding, votes, pledges).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const vm = require('@neo-one/node-vm').vm;
const unprofiled = vm.executeScripts;
let profiled = unprofiled;
const setProfiling = (on: boolean): void => {
  vm.executeScripts = on ? profiled : unprofiled;
};

// A neo-one dependency announces "SourceMapConsumer.initialize is a no-op" on stdout.
console.debug = () => undefined;

const integerSetting = (name: string, fallback: number, minimum: number): number => {
  const text = process.env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${name} must be an integer of at least ${minimum}, not ${JSON.stringify(text)}.`);
  }

  return value;
};

/** The group measured (issue 13: 130 members). At least 8: seven members besides the founder act. */
const MEMBERS = integerSetting('BENCH_MEMBERS', 130, 8);
const MEMBERS_MEASURED = MEMBERS;
/** The smaller group the energy layer's costs are compared with (issue 15: 10 and 130 members). */
const ENERGY_SMALL_GROUP = 10;
/** Funders of the failing plant of M6 (issue 13: 600); as many members are admitted for it. */
const FAILING_FUNDERS = integerSetting('BENCH_FAILING_FUNDERS', 600, 2);
const CONTRACTS_FROM = process.env.BENCH_CONTRACTS;
const PROFILING = process.env.BENCH_PROFILE !== '0';
const UTILITY = 'Light';
const DAY = 86_400;
/** GAS given to every account (what a call costs above the free 10 GAS its sender pays). */
const GAS_PER_ACCOUNT = 100;
/** NEO 2: every transaction gets 10 GAS of execution free. */
const FREE_GAS = 10;
/** Transactions per block in the batches (founding, votes, pledges). */
const PER_BLOCK = 20;
/** Issue 13's goals (GAS). */
const GOAL = 10;
const VOTE_GOAL = 3.5;
const TRANSFER_RATIO_GOAL = 1.1;
const OFFER_PERIOD = 7 * DAY;
/**
 * What the measured calls send, stated once: the report describes the run from these and
 * from the chain's reads, never from numbers of its own.
 */
const P1 = { capacityW: 10_000, cost: 700 };
/** P1's pledges (R$): the founder's; m1's first and what it adds; m2's first and what it changes to; m3's, then withdrawn. */
const P1_PLEDGES = { founder: 300, m1: 200, m1Adds: 50, m2: 100, m2ChangesTo: 150, m3Withdrawn: 100 };
const P2 = { capacityW: 100_000, costPerMember: 100 };
const P3 = { capacityW: 50_000, costPerMember: 1_000, pledge: 100 };
/** Every member's pledge to P2 (R$): from 100 up, together more than its cost. */
const p2Pledge = (index: number): number => 100 + ((index * 37) % 50);
/** The M6 plant: a cost of 1,000 R$ per funder, each pledging 100. */
const M6 = { costPerFunder: 1_000, pledge: 100 };
const TRADE = { quotaW: 500, tokens: '0.6' };
const DECLINED = { quotaW: 100, tokens: '0.1' };
const DONATION_W = 143;
const SEB_TRANSFER = '0.5';
const CORRECTION = { quotaW: 71, tokens: '0.071' };
const BASELINE = { first: 100, second: 100, third: 50 };

const ROOT = path.resolve(__dirname, '..');
/** BENCH_OUT=dir writes the reports there instead (a quick trial leaves reports/ alone). */
const REPORTS = process.env.BENCH_OUT === undefined || process.env.BENCH_OUT === '' ? path.join(ROOT, 'reports') : path.resolve(process.env.BENCH_OUT);

const started = Date.now();
const elapsed = (): number => (Date.now() - started) / 1000;
const progress = (message: string): void => console.log(`[${elapsed().toFixed(1).padStart(7)} s] ${message}`);

const big = (value: number | string): BigNumber => new BigNumber(value);
const profileHash = (text: string): string => `0x${createHash('sha256').update(`bench|${text}`).digest('hex')}`;

/**
 * The i-th account's private key, the same in every run, so runs are reproducible
 * (gasCost depends slightly on the addresses involved). BENCH_SEED picks other keys.
 */
const benchKey = (index: number): string =>
  createHash('sha256').update(`mtemsm bench account ${process.env.BENCH_SEED ?? ''}${index}`).digest('hex');

const expectValue = (receipt: Receipt, expected: unknown, what: string): Receipt => {
  if (receipt.value !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(receipt.value)}`);
  }

  return receipt;
};

// ------------------------------------------------------------------ what is measured

type Kind = 'member' | 'result' | 'propose' | 'page' | 'm6';

interface Measured {
  readonly operation: string;
  readonly kind: Kind;
  readonly goal: number;
  readonly note?: string;
}

/** The table's rows, in order; each is the WORST sample of its operation (several samples: see `samples`). */
const measuredOperations = (funders: number): Measured[] => [
  { operation: 'invite', kind: 'member', goal: GOAL },
  { operation: 'admission', kind: 'member', goal: GOAL, note: 'request, with an invitation' },
  { operation: 'vote', kind: 'member', goal: VOTE_GOAL },
  { operation: 'transfer', kind: 'member', goal: GOAL, note: 'SEB, member to member' },
  { operation: 'changeProfile', kind: 'member', goal: GOAL },
  { operation: 'offerTrade', kind: 'member', goal: GOAL, note: 'an offer of quota for SEB' },
  { operation: 'acceptTrade', kind: 'member', goal: GOAL },
  { operation: 'cancelTrade', kind: 'member', goal: GOAL, note: 'declined by the receiver' },
  { operation: 'donation', kind: 'member', goal: GOAL, note: 'offerTrade with 0 SEB: done at once' },
  { operation: 'bid', kind: 'member', goal: GOAL, note: 'a first pledge' },
  { operation: 'bid (adding)', kind: 'member', goal: GOAL, note: 'to an existing pledge' },
  { operation: 'changeBid', kind: 'member', goal: GOAL, note: 'raised' },
  { operation: 'changeBid (withdraw)', kind: 'member', goal: GOAL, note: 'to 0' },
  { operation: 'admissionResult', kind: 'result', goal: GOAL },
  { operation: 'powerUpResult', kind: 'result', goal: GOAL },
  { operation: 'changeResult (correction)', kind: 'result', goal: GOAL },
  { operation: 'changeResult (removal)', kind: 'result', goal: GOAL, note: 'of a member holding quota and SEB' },
  { operation: 'changeResult (plantUtility)', kind: 'result', goal: GOAL },
  { operation: 'changeResult (plantRemoval)', kind: 'result', goal: GOAL, note: `plant with ${funders} funders` },
  { operation: 'crowdfundingResult (funded)', kind: 'result', goal: GOAL, note: 'exactly pledged: funded at once' },
  { operation: 'crowdfundingResult (failing)', kind: 'result', goal: GOAL, note: `under-pledged, ${FAILING_FUNDERS} funders` },
  { operation: 'powerUp', kind: 'propose', goal: GOAL },
  { operation: 'proposeCorrection', kind: 'propose', goal: GOAL },
  { operation: 'proposeRemoval', kind: 'propose', goal: GOAL },
  { operation: 'proposePlantUtility', kind: 'propose', goal: GOAL },
  { operation: 'proposePlantRemoval', kind: 'propose', goal: GOAL },
  { operation: `crowdfundingResult checking page (${funders} funders)`, kind: 'page', goal: GOAL, note: 'oversubscribed: the cut threshold' },
  { operation: `crowdfundingResult releasing page (${funders} funders)`, kind: 'page', goal: GOAL },
  { operation: `startOperation checking page (${funders} funders)`, kind: 'page', goal: GOAL, note: 'the watts threshold' },
  { operation: `startOperation issuing page (${funders} funders)`, kind: 'page', goal: GOAL },
  { operation: `cancelPledges page (${funders} funders, removed plant)`, kind: 'page', goal: GOAL },
  { operation: `cancelPledges page (${FAILING_FUNDERS} funders, failing plant)`, kind: 'm6', goal: GOAL },
];

// ------------------------------------------------------------------ compiling

/** The four contracts, from neo-one/contracts or (BENCH_CONTRACTS) from a copy, as src/chain/compile.ts deploys them. */
const compileContracts = async (): Promise<CompiledContract[]> => {
  if (CONTRACTS_FROM === undefined || CONTRACTS_FROM === '') {
    return compileGroup();
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileContract } = require('@neo-one/smart-contract-compiler');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createCompilerHost } = require('@neo-one/smart-contract-compiler-node');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { common, crypto, scriptHashToAddress } = require('@neo-one/client-common');
  const dir = path.resolve(CONTRACTS_FROM);
  const compiled: CompiledContract[] = [];
  for (const name of CONTRACT_NAMES) {
    const result = compileContract(path.join(dir, `${name}.ts`), name, createCompilerHost(), {});
    const errors = result.diagnostics.filter((diagnostic: any) => diagnostic.category === 1);
    if (errors.length > 0) {
      const message = errors[0].messageText;
      throw new Error(`${dir}/${name}.ts does not compile: ${typeof message === 'string' ? message : message.messageText}`);
    }
    const script = Buffer.concat([VERIFICATION_GUARD, Buffer.from(result.contract.script, 'hex')]);
    compiled.push({
      name,
      address: scriptHashToAddress(common.uInt160ToString(crypto.toScriptHash(script))),
      contract: { ...result.contract, script: script.toString('hex') },
      abi: result.abi,
      sourceMap: await result.sourceMap,
    });
  }

  return compiled;
};


// ------------------------------------------------------------------ sending

/**
 * Starts `factories` at most `width` at a time and returns their promises in order:
 * a whole batch still lands in one block (sendBlock makes it after all are sent), but
 * the node, which runs in this process, is not flooded with hundreds of RPC calls at
 * once (its answers would time out).
 */
const throttled = <T>(factories: ReadonlyArray<() => Promise<T>>, width = 8): Array<Promise<T>> => {
  const settle = factories.map(() => {
    let resolve: (value: T) => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const promise = new Promise<T>((onValue, onError) => {
      resolve = onValue;
      reject = onError;
    });

    return { promise, resolve, reject };
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < factories.length) {
      const index = next;
      next += 1;
      try {
        settle[index].resolve(await factories[index]());
      } catch (error) {
        settle[index].reject(error);
      }
    }
  };
  for (let count = 0; count < Math.min(width, factories.length); count += 1) {
    void worker();
  }

  return settle.map(({ promise }) => promise);
};

/** Profiled whatever their gas: the two sides of the transfer ratio. */
const ALWAYS_PROFILED = new Set(['transfer', 'baseline transfer']);

/**
 * bench/profiler.ts maps instruction N to generated line N + 1 - GUARD_INSTRUCTIONS (the
 * guard src/chain/compile.ts puts in front of our scripts); the baseline has no guard, so
 * its map is shifted by as many lines.
 */
const mapForProfiler = async (sourceMap: any): Promise<any> => {
  const consumer = await new SourceMapConsumer(sourceMap);
  const generator = new SourceMapGenerator({ file: sourceMap.file });
  consumer.eachMapping((mapping) => {
    if (mapping.generatedLine > GUARD_INSTRUCTIONS && mapping.source !== null) {
      generator.addMapping({
        generated: { line: mapping.generatedLine - GUARD_INSTRUCTIONS, column: mapping.generatedColumn },
        original: { line: mapping.originalLine, column: mapping.originalColumn },
        source: mapping.source,
        name: mapping.name ?? undefined,
      });
    }
  });
  for (const source of consumer.sources) {
    const content = consumer.sourceContentFor(source, true);
    if (content !== null) {
      generator.setSourceContent(source, content);
    }
  }
  consumer.destroy();

  return generator.toJSON();
};

interface WorstProfile {
  readonly operation: string;
  readonly gasCost: number;
  readonly profile: Profile;
}

/** Measurements, and the profile of each operation's worst sample when it is over its goal. */
class Recorder {
  public readonly gas = new GasLog();
  public readonly pages = new Map<string, number[]>();
  public readonly profiles = new Map<string, WorstProfile>();
  public blocks = 0;
  public transactions = 0;
  /** The most transactions a block of each kind (`what`) held: the report's block sizes. */
  public readonly largestBlock = new Map<string, number>();
  private readonly goals = new Map<string, number>();

  public constructor(
    private readonly group: Group,
    private readonly contracts: Array<{ readonly name: string; readonly scriptHash: string; readonly sourceMap: any }>,
    operations: readonly Measured[],
  ) {
    operations.forEach(({ operation, goal }) => this.goals.set(operation, goal));
  }

  /** A contract the profiler should name (the baseline token, deployed later). */
  public addContract(entry: { readonly name: string; readonly scriptHash: string; readonly sourceMap: any }): void {
    this.contracts.push(entry);
  }

  /** One block of `calls`, each receipt recorded under `label(receipt)` (undefined: not recorded). */
  public async block(
    what: string,
    calls: ReadonlyArray<() => Promise<TransactionResult<any>>>,
    label: (receipt: Receipt) => string | undefined = () => what,
    profile = calls.length === 1,
    width = 8,
  ): Promise<Receipt[]> {
    setProfiling(PROFILING && profile);
    resetProfile();
    const receipts = await sendBlock(this.group, what, throttled(calls, width));
    this.blocks += 1;
    this.transactions += receipts.length;
    this.largestBlock.set(what, Math.max(this.largestBlock.get(what) ?? 0, receipts.length));
    for (const receipt of receipts) {
      const operation = label(receipt);
      if (operation !== undefined) {
        await this.record(operation, receipt);
      }
    }
    resetProfile();
    setProfiling(false);

    return receipts;
  }

  /** `factories` in blocks of at most PER_BLOCK transactions. */
  public async blocks_(
    what: string,
    factories: ReadonlyArray<() => Promise<TransactionResult<any>>>,
    label?: (receipt: Receipt) => string | undefined,
  ): Promise<Receipt[]> {
    const receipts: Receipt[] = [];
    for (let start = 0; start < factories.length; start += PER_BLOCK) {
      receipts.push(...(await this.block(what, factories.slice(start, start + PER_BLOCK), label, false)));
    }

    return receipts;
  }

  /** One transaction in its own block, recorded under `operation`. */
  public async one(operation: string, call: () => Promise<TransactionResult<any>>): Promise<Receipt> {
    return (await this.block(operation, [call]))[0];
  }

  /** A SendPage for src/chain/plants.ts: each page in its own block, recorded by its `page` event's step. */
  public pages_(from: UserAccountID, name: (operation: string, step: string) => string): SendPage {
    return async (operation: string, call: (options: TransactionOptions) => Promise<TransactionResult<any>>) => {
      const [receipt] = await this.block(operation, [async () => call({ from })], (page) => {
        const event = page.events.find((entry) => entry.name === 'page');

        return name(operation, event === undefined ? '' : String(event.parameters.step));
      });

      return receipt.value === true;
    };
  }

  private async record(operation: string, receipt: Receipt): Promise<void> {
    this.gas.add(operation, receipt.gasCost);
    const gasCost = receipt.gasCost.toNumber();
    const list = this.pages.get(operation) ?? [];
    list.push(gasCost);
    this.pages.set(operation, list);
    const goal = this.goals.get(operation);
    const worst = this.profiles.get(operation);
    const wanted = (goal !== undefined && gasCost > goal) || ALWAYS_PROFILED.has(operation);
    if (!PROFILING || !wanted || (worst !== undefined && worst.gasCost >= gasCost)) {
      return;
    }
    // The block's execution of this transaction: the last Application run with its gas
    // (the client's test invocation before it ran the same script, on the state before).
    const execution = [...recordedExecutions()]
      .reverse()
      .find((entry) => Math.abs(entry.steps.reduce((sum, step) => sum + step.fee, 0) / 1e8 - gasCost) < 1e-9);
    if (execution === undefined) {
      throw new Error(`The profiler recorded no run of ${operation} that cost its ${gasCost} GAS.`);
    }
    this.profiles.set(operation, { operation, gasCost, profile: await profileOf(execution, this.contracts) });
  }
}

// ------------------------------------------------------------------ the baseline token

interface CompiledBaseline {
  readonly contract: any;
  readonly abi: any;
  readonly sourceMap: any;
  readonly address: string;
  readonly bytes: number;
}

const compileBaseline = async (): Promise<CompiledBaseline> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileContract } = require('@neo-one/smart-contract-compiler');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createCompilerHost } = require('@neo-one/smart-contract-compiler-node');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { common, crypto, scriptHashToAddress } = require('@neo-one/client-common');
  const filePath = path.join(__dirname, 'contracts', 'Nep5Baseline.ts');
  const result = compileContract(filePath, 'Nep5Baseline', createCompilerHost(), {});
  const errors = result.diagnostics.filter((diagnostic: any) => diagnostic.category === 1);
  if (errors.length > 0) {
    const message = errors[0].messageText;
    throw new Error(`Nep5Baseline does not compile: ${typeof message === 'string' ? message : message.messageText}`);
  }
  const script = Buffer.from(result.contract.script, 'hex');

  return {
    contract: result.contract,
    abi: result.abi,
    sourceMap: await result.sourceMap,
    address: scriptHashToAddress(common.uInt160ToString(crypto.toScriptHash(script))),
    bytes: script.length,
  };
};

/** Deploys the baseline (supply to `owner`) and measures three transfers: owner → a, owner → b, a → b. */
const measureBaseline = async (
  group: Group,
  recorder: Recorder,
  baseline: CompiledBaseline,
  owner: UserAccountID,
  a: UserAccountID,
  b: UserAccountID,
): Promise<void> => {
  const sourceMaps = { [baseline.address]: baseline.sourceMap };
  const deployed = await group.client.publishAndDeploy(
    baseline.contract,
    baseline.abi,
    [owner.address],
    { from: owner, systemFee: big(-1) } as any,
    sourceMaps,
  );
  await blockFor(group.developer, group.chain, deployed.transaction.hash);
  const receipt = await deployed.confirmed({ timeoutMS: 60_000 });
  if ((receipt as any).result.state === 'FAULT') {
    throw new Error(`Deploying Nep5Baseline failed: ${(receipt as any).result.message}`);
  }
  recorder.addContract({ name: 'Nep5Baseline', scriptHash: scriptHashOf(baseline.address), sourceMap: await mapForProfiler(baseline.sourceMap) });
  const token: any = group.client.smartContract({
    networks: { [NETWORK]: { address: baseline.address } },
    abi: baseline.abi,
    sourceMaps,
  } as any);
  const op = 'baseline transfer';
  expectValue(await recorder.one(op, () => token.transfer(owner.address, a.address, big(BASELINE.first), { from: owner })), true, op);
  expectValue(await recorder.one(op, () => token.transfer(owner.address, b.address, big(BASELINE.second), { from: owner })), true, op);
  expectValue(await recorder.one(op, () => token.transfer(a.address, b.address, big(BASELINE.third), { from: a })), true, op);
  const balance: BigNumber = await token.balanceOf(b.address);
  if (!balance.isEqualTo(BASELINE.second + BASELINE.third)) {
    throw new Error(`Nep5Baseline: b holds ${balance.toString()}, expected ${BASELINE.second + BASELINE.third}`);
  }
};

// ------------------------------------------------------------------ the run

interface Run {
  readonly recorder: Recorder;
  readonly founding: { readonly transactions: number; readonly blocks: number; readonly seconds: number; readonly gas: GasLog };
  readonly phases: Array<{ readonly phase: string; readonly seconds: number }>;
  readonly m6: { readonly pages: number; readonly totalGAS: number; readonly worst: number; readonly seconds: number; readonly status: string };
  readonly plants: Record<string, string>;
  readonly members: number;
  /** The plants as read from the chain once pledged (capacity W, cost and raised R$, funders). */
  readonly pledged: Record<'p1' | 'p2' | 'p3' | 'm6', { readonly ppID: string; readonly capacityW: number; readonly cost: string; readonly raised: string; readonly funders: number }>;
  /** The range of the members' pledges to P2 (R$). */
  readonly p2Pledges: { readonly min: number; readonly max: number };
  /** Yes votes that approved each referendum opened in the full group. */
  readonly voters: number;
  /** Founding: admission results sent, and candidates left approved but unresolved for M6. */
  readonly admitted: number;
  readonly unresolved: number;
}

type PlantRead = Awaited<ReturnType<Group['plants']['powerPlant']>>;

const readPlant = (ppID: string, plant: PlantRead): Run['pledged']['p1'] => {
  if (plant === undefined) {
    throw new Error(`${ppID} cannot be read`);
  }

  return { ppID, capacityW: plant.capacityW.toNumber(), cost: plant.cost.toFixed(2), raised: plant.raised.toFixed(2), funders: plant.funders.toNumber() };
};

const described = (plant: PlantRead): string =>
  plant === undefined ? 'unknown' : `${plant.capacityW.div(1_000).toFixed()} kW, R$ ${plant.cost.toFixed(2)}, ${plant.funders.toFixed()} funders`;

/**
 * The bench's group of `MEMBERS` members; `full` false: a smaller group for the energy
 * layer's comparison only (founding, the plants, the changes and the energy operations;
 * no baseline token, no M6).
 */
const run = async (compiled: CompiledContract[], baseline: CompiledBaseline, MEMBERS = MEMBERS_MEASURED, full = true): Promise<Run> => {
  const port = await freePort();
  progress(`starting an in-memory node on port ${port} and deploying the six contracts`);
  const { node, group } = await startGroupNode(port, compiled);
  const phases: Array<{ phase: string; seconds: number }> = [];
  let phaseStarted = Date.now();
  const phase = (name: string): void => {
    phases.push({ phase: name, seconds: Number(((Date.now() - phaseStarted) / 1000).toFixed(1)) });
    phaseStarted = Date.now();
    progress(`${name}: done`);
  };
  try {
    const { ledger, trades, plants, referendums } = group;
    const operations = measuredOperations(MEMBERS);
    const recorder = new Recorder(
      group,
      compiled.map(({ name, address, sourceMap }) => ({ name, scriptHash: scriptHashOf(address), sourceMap })),
      operations,
    );
    const founder = await group.master();
    const extras = full ? Math.max(0, FAILING_FUNDERS - MEMBERS) : 0;
    // MEMBERS-1 members besides the founder, the candidate admitted while measuring, the extras of M6.
    const accounts: UserAccountID[] = [];
    for (let index = 0; index < MEMBERS + extras; index++) {
      accounts.push(await group.addAccount(benchKey(index)));
    }
    const others = accounts.slice(0, MEMBERS - 1);
    const candidate = accounts[MEMBERS - 1];
    const extraAccounts = accounts.slice(MEMBERS);
    await fundWithGAS(group, founder, accounts.map((account) => account.address), GAS_PER_ACCOUNT);
    phase(`${accounts.length} accounts with ${GAS_PER_ACCOUNT} GAS each`);

    // ---- 1. Founding: every admission referendum with electorate 1.
    const foundingGas = new GasLog();
    const foundingBlocks = recorder.blocks;
    const foundingStarted = Date.now();
    const record = (operation: string) => (receipt: Receipt) => {
      foundingGas.add(operation, receipt.gasCost);

      return undefined;
    };
    expectValue(
      (await recorder.block('founder admission', [() => referendums.admission(founder.address, profileHash('founder'), UTILITY, { from: founder })], record('founder admission'), false))[0],
      '',
      'founder admission',
    );
    const waiting = [...others, ...extraAccounts];
    const foundingRIDs: string[] = [];
    for (const [index, account] of waiting.entries()) {
      await recorder.block('founding invite', [() => referendums.invite(founder.address, account.address, { from: founder })], record('invite (electorate 1)'), false);
      const [request] = await recorder.block(
        'founding admission',
        [() => referendums.admission(account.address, profileHash(account.address), UTILITY, { from: account })],
        record('admission (electorate 1)'),
        false,
      );
      foundingRIDs.push(request.value as string);
      if ((index + 1) % 50 === 0 || index + 1 === waiting.length) {
        progress(`founding: ${index + 1} of ${waiting.length} candidates invited and requesting (electorate 1)`);
      }
    }
    // The M6 plant is proposed now too (electorate 1), so it needs no 301 votes later.
    const rFailing = (
      await recorder.block(
        'founding powerUp',
        [() => referendums.powerUp(founder.address, big(FAILING_FUNDERS * M6.costPerFunder), big(FAILING_FUNDERS * M6.costPerFunder), UTILITY, big(DEFAULT_SETTINGS.minTimeToMarket), { from: founder })],
        record('powerUp (electorate 1)'),
        false,
      )
    )[0].value as string;
    await recorder.blocks_(
      'founding vote',
      [...foundingRIDs, rFailing].map((rID) => () => referendums.vote(rID, founder.address, true, { from: founder })),
      record('vote (electorate 1)'),
    );
    progress(`founding: the founder's ${foundingRIDs.length + 1} votes`);
    const admitted = await recorder.blocks_(
      'founding admissionResult',
      foundingRIDs.slice(0, others.length).map((rID, index) => () => referendums.admissionResult(rID, { from: others[index] })),
      record('admissionResult (electorate 1)'),
    );
    admitted.forEach((receipt) => expectValue(receipt, true, 'founding admissionResult'));
    const counted = (await ledger.groupSummary()).members.toNumber();
    if (counted !== MEMBERS) {
      throw new Error(`the group has ${counted} members after founding, expected ${MEMBERS}`);
    }
    const founding = {
      transactions: 0,
      blocks: recorder.blocks - foundingBlocks,
      seconds: Number(((Date.now() - foundingStarted) / 1000).toFixed(1)),
      gas: foundingGas,
    };
    founding.transactions = foundingGas.rows().reduce((sum, row) => sum + row.count, 0);
    phase(`founding: ${MEMBERS} members (and ${extras} candidates approved, unresolved) in ${founding.blocks} blocks`);

    // ---- 2. Every operation in the MEMBERS-member group.
    const members = [founder, ...others];
    const [m1, m2, m3, m4, m5, inviter] = others;
    // The voters are the first members by admission serial.
    const accountOf = new Map(members.map((member) => [member.address, member]));
    const voters = (await allMembers(ledger)).slice(0, Math.floor(MEMBERS / 2) + 1).map((address) => accountOf.get(address) as UserAccountID);
    // A block of votes at a time (test/votes.test.ts checks ballots in any order).
    const chunk = 20;
    const approve = async (rIDs: readonly string[]): Promise<void> => {
      for (const rID of rIDs) {
        const electorate = (await referendums.referendum(rID))?.electorate.toNumber();
        if (electorate !== MEMBERS) {
          throw new Error(`${rID}: electorate ${electorate}, expected ${MEMBERS}`);
        }
      }
      for (let start = 0; start < voters.length; start += chunk) {
        const calls = voters
          .slice(start, start + chunk)
          .flatMap((voter) => rIDs.map((rID) => () => referendums.vote(rID, voter.address, true, { from: voter })));
        // Relayed one after another: a block runs its transactions in the order they arrived.
        await recorder.block('vote', calls, () => 'vote', false, 1);
      }
      progress(`${voters.length} yes votes on each of ${rIDs.join(', ')}`);
    };
    const proposal = async (operation: string, call: () => Promise<TransactionResult<any>>): Promise<string> =>
      (await recorder.one(operation, call)).value as string;

    // Three plants, proposed at MEMBERS members: P1 (10 kW, R$ 700.00, 3 funders, exactly
    // pledged), P2 (oversubscribed by every member), P3 (pledged by every member, then removed).
    const rP1 = await proposal('powerUp', () => referendums.powerUp(founder.address, big(P1.capacityW), big(P1.cost), UTILITY, big(DEFAULT_SETTINGS.minTimeToMarket), { from: founder }));
    const rP2 = await proposal('powerUp', () => referendums.powerUp(m1.address, big(P2.capacityW), big(MEMBERS * P2.costPerMember), UTILITY, big(DEFAULT_SETTINGS.minTimeToMarket), { from: m1 }));
    const rP3 = await proposal('powerUp', () => referendums.powerUp(m2.address, big(P3.capacityW), big(MEMBERS * P3.costPerMember), UTILITY, big(DEFAULT_SETTINGS.minTimeToMarket), { from: m2 }));
    await approve([rP1, rP2, rP3]);
    const p1 = expectValue(await recorder.one('powerUpResult', () => referendums.powerUpResult(rP1, { from: founder })), 'P1', 'powerUpResult').value as string;
    const p2 = expectValue(await recorder.one('powerUpResult', () => referendums.powerUpResult(rP2, { from: founder })), 'P2', 'powerUpResult').value as string;
    const p3 = expectValue(await recorder.one('powerUpResult', () => referendums.powerUpResult(rP3, { from: founder })), 'P3', 'powerUpResult').value as string;
    // P1: 300 + (200, then 50 more) + (100 raised to 150); a fourth pledge of 100 withdrawn.
    await recorder.one('bid', () => plants.bid(p1, founder.address, big(P1_PLEDGES.founder), { from: founder }));
    await recorder.one('bid', () => plants.bid(p1, m1.address, big(P1_PLEDGES.m1), { from: m1 }));
    await recorder.one('bid (adding)', () => plants.bid(p1, m1.address, big(P1_PLEDGES.m1Adds), { from: m1 }));
    await recorder.one('bid', () => plants.bid(p1, m3.address, big(P1_PLEDGES.m3Withdrawn), { from: m3 }));
    await recorder.one('changeBid (withdraw)', () => plants.changeBid(p1, m3.address, big(0), { from: m3 }));
    await recorder.one('bid', () => plants.bid(p1, m2.address, big(P1_PLEDGES.m2), { from: m2 }));
    await recorder.one('changeBid', () => plants.changeBid(p1, m2.address, big(P1_PLEDGES.m2ChangesTo), { from: m2 }));
    // P2 and P3: every member pledges (P2: together more than its cost).
    const p2Pledges = members.map((_, index) => p2Pledge(index));
    await recorder.blocks_('bid', members.map((member, index) => () => plants.bid(p2, member.address, big(p2Pledges[index]), { from: member })));
    await recorder.blocks_('bid', members.map((member) => () => plants.bid(p3, member.address, big(P3.pledge), { from: member })));
    // What the report says of the plants, read from the chain once pledged.
    const pledgedPlants = await Promise.all([p1, p2, p3].map(async (ppID) => plants.powerPlant(ppID)));
    const p1Funders = pledgedPlants[0]?.funders.toNumber() ?? 0;
    phase(`P1 (3 funders), P2 and P3 (${MEMBERS} funders each) pledged`);

    // Early close needs minFundingWindow; then the time to market.
    await passTime(group, DEFAULT_SETTINGS.minFundingWindow + DAY);
    const pageName = (operation: string, step: string) => (funders: number) =>
      step === '' ? `${operation} (${funders} funders, no page)` : `${operation} ${step} page (${funders} funders)`;
    const p1Status = await closeCrowdfunding(plants, p1, recorder.pages_(founder, (operation, step) => (step === '' ? 'crowdfundingResult (funded)' : pageName(operation, step)(p1Funders))));
    const p2Status = await closeCrowdfunding(plants, p2, recorder.pages_(founder, (operation, step) => pageName(operation, step)(MEMBERS)));
    if (p1Status !== 'funded' || p2Status !== 'funded') {
      throw new Error(`P1 is ${p1Status} and P2 ${p2Status}, expected funded`);
    }
    await passTime(group, DEFAULT_SETTINGS.minTimeToMarket + DAY);
    await startOperation(plants, p1, recorder.pages_(founder, (operation, step) => pageName(operation, step)(p1Funders)));
    await startOperation(plants, p2, recorder.pages_(founder, (operation, step) => pageName(operation, step)(MEMBERS)));
    for (const ppID of [p1, p2]) {
      const status = (await plants.powerPlant(ppID))?.status;
      if (status !== 'operating') {
        throw new Error(`${ppID} is ${status}, expected operating`);
      }
    }
    phase(`P1 and P2 closed and operating (every page sent)`);

    // Trades, a donation of quota, SEB transfers, a profile change.
    const t1 = (await recorder.one('offerTrade', () => trades.offerTrade(founder.address, m1.address, big(TRADE.quotaW), big(TRADE.tokens), big(OFFER_PERIOD), { from: founder }))).value as string;
    expectValue(await recorder.one('acceptTrade', () => trades.acceptTrade(t1, m1.address, { from: m1 })), true, 'acceptTrade');
    const t2 = (await recorder.one('offerTrade', () => trades.offerTrade(m2.address, m3.address, big(DECLINED.quotaW), big(DECLINED.tokens), big(OFFER_PERIOD), { from: m2 }))).value as string;
    expectValue(await recorder.one('cancelTrade', () => trades.cancelTrade(t2, m3.address, { from: m3 })), true, 'cancelTrade');
    expectValue(await recorder.one('donation', () => trades.offerTrade(m2.address, m3.address, big(DONATION_W), big(0), big(OFFER_PERIOD), { from: m2 })), '', 'donation');
    expectValue(await recorder.one('transfer', () => ledger.transfer(m1.address, m3.address, big(SEB_TRANSFER), { from: m1 })), true, 'transfer');
    expectValue(await recorder.one('transfer', () => ledger.transfer(founder.address, m4.address, big(SEB_TRANSFER), { from: founder })), true, 'transfer');
    expectValue(await recorder.one('transfer', () => ledger.transfer(m2.address, m5.address, big(SEB_TRANSFER), { from: m2 })), true, 'transfer');
    await recorder.one('changeProfile', () => ledger.changeProfile(m3.address, profileHash(`${m3.address} moved`), UTILITY, { from: m3 }));
    phase('trades, transfers and a profile change');

    // A correction and P1 to another utility.
    const rCorrection = await proposal('proposeCorrection', () => referendums.proposeCorrection(founder.address, m1.address, m2.address, big(CORRECTION.quotaW), big(CORRECTION.tokens), { from: founder }));
    const rUtility = await proposal('proposePlantUtility', () => referendums.proposePlantUtility(m2.address, p1, 'Enel', { from: m2 }));
    await approve([rCorrection, rUtility]);
    expectValue(await recorder.one('changeResult (correction)', () => referendums.changeResult(rCorrection, { from: founder })), true, 'correction');
    expectValue(await recorder.one('changeResult (plantUtility)', () => referendums.changeResult(rUtility, { from: founder })), true, 'plantUtility');

    // All opened at MEMBERS members: P3's removal, m3's removal (m3 holds quota and SEB), an admission.
    const rPlantRemoval = await proposal('proposePlantRemoval', () => referendums.proposePlantRemoval(m1.address, p3, { from: m1 }));
    const rRemoval = await proposal('proposeRemoval', () => referendums.proposeRemoval(founder.address, m3.address, { from: founder }));
    await recorder.one('invite', () => referendums.invite(inviter.address, candidate.address, { from: inviter }));
    const rAdmission = await proposal('admission', () => referendums.admission(candidate.address, profileHash(candidate.address), UTILITY, { from: candidate }));
    await approve([rPlantRemoval, rRemoval, rAdmission]);
    expectValue(await recorder.one('changeResult (plantRemoval)', () => referendums.changeResult(rPlantRemoval, { from: founder })), true, 'plantRemoval');
    await cancelPledges(plants, p3, recorder.pages_(founder, (operation) => `${operation} page (${MEMBERS} funders, removed plant)`));
    const m3Member = await ledger.member(m3.address);
    if (m3Member === undefined || m3Member.quotaW.isZero() || m3Member.tokens.isZero()) {
      throw new Error('the member to remove should hold quota and SEB');
    }
    expectValue(await recorder.one('changeResult (removal)', () => referendums.changeResult(rRemoval, { from: founder })), true, 'removal');
    expectValue(await recorder.one('admissionResult', () => referendums.admissionResult(rAdmission, { from: candidate })), true, 'admissionResult');
    const final = (await ledger.groupSummary()).members.toNumber();
    if (final !== MEMBERS || (await plants.powerPlant(p3))?.status !== 'removed') {
      throw new Error(`${final} members at the end, P3 ${(await plants.powerPlant(p3))?.status}`);
    }
    phase('changes, removals and an admission');

    // The energy layer (bench/energy.ts), its operations recorded as "… @<members>".
    await measureEnergy(group, { one: async (operation, call) => recorder.one(`${operation} @${MEMBERS}`, call) }, [founder, m1], p2);
    phase(`the energy layer at ${MEMBERS} members`);
    if (!full) {
      return { recorder, phases, members: MEMBERS } as unknown as Run;
    }

    // The baseline NEP-5 token on the same node.
    await measureBaseline(group, recorder, baseline, founder, m4, m5);
    phase('Nep5Baseline transfers');

    // ---- 3. M6: a failing plant with FAILING_FUNDERS funders.
    const m6Started = Date.now();
    if (extras > 0) {
      const results = await recorder.blocks_(
        'admissionResult (M6 members)',
        foundingRIDs.slice(others.length).map((rID, index) => () => referendums.admissionResult(rID, { from: extraAccounts[index] })),
        () => undefined,
      );
      results.forEach((receipt) => expectValue(receipt, true, 'M6 admissionResult'));
      progress(`M6: ${(await ledger.groupSummary()).members.toNumber()} members`);
    }
    const funders = [...members.filter((member) => member !== m3), candidate, ...extraAccounts].slice(0, FAILING_FUNDERS);
    if (funders.length !== FAILING_FUNDERS) {
      throw new Error(`M6: ${funders.length} funders, expected ${FAILING_FUNDERS}`);
    }
    const failing = expectValue(await recorder.one('powerUpResult (M6, electorate 1)', () => referendums.powerUpResult(rFailing, { from: founder })), 'P4', 'M6 powerUpResult').value as string;
    await recorder.blocks_('bid (M6)', funders.map((funder) => () => plants.bid(failing, funder.address, big(M6.pledge), { from: funder })), () => 'bid (M6)');
    const m6Pledged = await plants.powerPlant(failing);
    progress(`M6: ${FAILING_FUNDERS} pledges of R$ ${big(M6.pledge).toFixed(2)} for ${failing} (cost R$ ${big(FAILING_FUNDERS * M6.costPerFunder).toFixed(2)})`);
    await passTime(group, DEFAULT_SETTINGS.crowdfundingPeriod + DAY);
    let pagesDone = 0;
    const m6Operation = `cancelPledges page (${FAILING_FUNDERS} funders, failing plant)`;
    const m6Status = await closeCrowdfunding(
      plants,
      failing,
      recorder.pages_(founder, (operation, step) => {
        if (operation !== 'cancelPledges') {
          return 'crowdfundingResult (failing)';
        }
        pagesDone += 1;
        if (pagesDone % 50 === 0) {
          progress(`M6: ${pagesDone} cancelPledges pages`);
        }

        return m6Operation;
      }),
    );
    const m6Pages = recorder.pages.get(m6Operation) ?? [];
    const m6 = {
      pages: m6Pages.length,
      totalGAS: Number(m6Pages.reduce((sum, value) => sum + value, 0).toFixed(3)),
      worst: Math.max(...m6Pages),
      seconds: Number(((Date.now() - m6Started) / 1000).toFixed(1)),
      status: m6Status,
    };
    if (m6Status !== 'failed') {
      throw new Error(`M6: ${failing} is ${m6Status}, expected failed`);
    }
    phase(`M6: ${failing} failed, ${m6.pages} cancelPledges pages, ${m6.totalGAS} GAS`);

    return {
      recorder,
      founding,
      phases,
      m6,
      plants: {
        [p1]: `P1: ${described(pledgedPlants[0])}`,
        [p2]: `oversubscribed: ${described(pledgedPlants[1])}`,
        [p3]: `removed: ${described(pledgedPlants[2])}`,
        [failing]: `M6, failing: ${described(m6Pledged)}`,
      },
      members: MEMBERS,
      pledged: {
        p1: readPlant(p1, pledgedPlants[0]),
        p2: readPlant(p2, pledgedPlants[1]),
        p3: readPlant(p3, pledgedPlants[2]),
        m6: readPlant(failing, m6Pledged),
      },
      p2Pledges: { min: Math.min(...p2Pledges), max: Math.max(...p2Pledges) },
      voters: voters.length,
      admitted: admitted.length,
      unresolved: foundingRIDs.length - others.length,
    };
  } finally {
    await node.stop().catch(() => undefined);
  }
};

// ------------------------------------------------------------------ reports

const version = (name: string): string => {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};

const fmt = (value: number | undefined, digits = 3): string => (value === undefined ? '—' : value.toFixed(digits));

/** "P1, 10 kW for R$ 700.00, raised R$ 700.00 from 3 funders": a plant as the chain read it. */
const plantLine = (plant: Run['pledged']['p1']): string =>
  `${plant.ppID}, ${plant.capacityW / 1_000} kW for R$ ${plant.cost}, raised R$ ${plant.raised} from ${plant.funders} funders`;

const main = async (): Promise<void> => {
  if (PROFILING) {
    installProfiler();
    profiled = vm.executeScripts;
    setProfiling(false);
  }
  progress(`compiling the four contracts${CONTRACTS_FROM === undefined ? '' : ` from ${CONTRACTS_FROM}`} and Nep5Baseline`);
  const compiled = await compileContracts();
  const baseline = await compileBaseline();
  const sizes = Object.fromEntries(compiled.map(({ name, contract }) => [name, Buffer.from(contract.script, 'hex').length]));
  progress(`compiled: ${Object.entries(sizes).map(([name, bytes]) => `${name} ${bytes}`).join(', ')}, Nep5Baseline ${baseline.bytes} bytes of AVM`);

  const result = await run(compiled, baseline);
  const { recorder } = result;
  const operations = measuredOperations(MEMBERS);
  const stats = new Map(recorder.gas.rows().map((row) => [row.operation, row]));
  const missing = operations.filter(({ operation }) => !stats.has(operation));
  if (missing.length > 0) {
    throw new Error(`not measured: ${missing.map(({ operation }) => operation).join(', ')}`);
  }
  const table = operations.map((entry) => {
    const row = stats.get(entry.operation)!;

    return { ...entry, gasCost: row.max, min: row.min, median: row.median, samples: row.count, total: row.total, ok: row.max <= entry.goal };
  });
  const seb = stats.get('transfer')!.median;
  const nep5 = stats.get('baseline transfer')!.median;
  const transferRatio = Number((seb / nep5).toFixed(4));
  const over = table.filter((row) => !row.ok);
  const totalSeconds = elapsed();
  const versions = Object.fromEntries(
    ['@neo-one/node', '@neo-one/client', '@neo-one/client-full-core', '@neo-one/smart-contract', '@neo-one/smart-contract-compiler'].map(
      (name) => [name, version(name)],
    ),
  );
  const profiles = [...recorder.profiles.values()];

  // ---- the energy layer: the same operations in a group of ENERGY_SMALL_GROUP members (a node of its own)
  progress(`the energy layer again, in a group of ${ENERGY_SMALL_GROUP} members`);
  const small = await run(compiled, baseline, ENERGY_SMALL_GROUP, false);
  const energyStats = (rows: ReturnType<GasLog['rows']>, members: number) =>
    new Map(rows.filter((row) => row.operation.endsWith(` @${members}`)).map((row) => [row.operation.replace(/ @\d+$/, ''), row]));
  const energyLarge = energyStats(recorder.gas.rows(), MEMBERS);
  const energySmall = energyStats(small.recorder.gas.rows(), ENERGY_SMALL_GROUP);
  const energyRows = ENERGY_OPERATIONS.map(({ operation, note, recurring }) => {
    const large = energyLarge.get(operation);
    const smallRow = energySmall.get(operation);
    if (large === undefined || smallRow === undefined) {
      throw new Error(`energy: ${operation} was not measured at both sizes`);
    }
    const same = Math.abs(large.max - smallRow.max) <= 0.05 * smallRow.max;

    return { operation, note, recurring, small: smallRow.max, large: large.max, samples: large.count, same, ok: large.max <= GOAL && smallRow.max <= GOAL && same };
  });
  // ---- reports/gas.json
  const json = {
    members: MEMBERS,
    failingFunders: FAILING_FUNDERS,
    rows: table.map(({ operation, kind, goal, gasCost, min, median, samples, ok }) => ({ operation, kind, goal, gasCost, min, median, samples, ok })),
    transferRatio,
    transferRatioGoal: TRANSFER_RATIO_GOAL,
    baseline: { sebTransfer: seb, baselineTransfer: nep5 },
    m6: result.m6,
    energy: { members: [ENERGY_SMALL_GROUP, MEMBERS], rows: energyRows, phases: small.phases },
    pledgesReadLimit: PLEDGE_PAGE,
    pages: Object.fromEntries(
      [...recorder.pages.entries()].filter(([operation]) => operation.includes('page') || operation.startsWith('bid')).map(([operation, list]) => [operation, list]),
    ),
    samples: recorder.gas.rows(),
    founding: {
      transactions: result.founding.transactions,
      blocks: result.founding.blocks,
      seconds: result.founding.seconds,
      operations: result.founding.gas.rows(),
    },
    profiles: profiles.map(({ operation, gasCost, profile }) => ({
      operation,
      gasCost,
      byContract: profile.byContract,
      byOp: Object.fromEntries(Object.entries(profile.byOp).slice(0, 12)),
      lines: profile.lines.slice(0, 25).map(({ contract, line, source, gas, ops }) => ({ contract, line, source, gas: Number(gas.toFixed(4)), ops })),
    })),
    scriptBytes: sizes,
    contractsFrom: CONTRACTS_FROM ?? 'neo-one/contracts',
    settings: DEFAULT_SETTINGS,
    phases: result.phases,
    blocks: recorder.blocks,
    transactions: recorder.transactions,
    versions,
    node: process.version,
    seconds: Number(totalSeconds.toFixed(1)),
    measuredAt: new Date().toISOString(),
  };
  fs.mkdirSync(REPORTS, { recursive: true });
  const scratch = CONTRACTS_FROM !== undefined && CONTRACTS_FROM !== '';
  const jsonPath = path.join(REPORTS, scratch ? 'gas-scratch.json' : 'gas.json');
  const mdPath = path.join(REPORTS, scratch ? 'gas-scratch.md' : 'gas.md');
  fs.writeFileSync(jsonPath, `${JSON.stringify(json, undefined, 2)}\n`);

  // ---- reports/gas.md
  const yes = (value: boolean): string => (value ? 'yes' : '**no**');
  const minutes = (secondsValue: number): string => `${Math.floor(secondsValue / 60)} min ${Math.round(secondsValue % 60)} s`;
  const lines: string[] = [];
  const section: Record<Kind, string> = {
    member: 'Member-facing operations',
    result: 'Result calls',
    propose: 'Proposals (open a referendum)',
    page: `Paged plant steps at ${MEMBERS} funders: the worst page`,
    m6: `M6: a failing plant with ${FAILING_FUNDERS} funders`,
  };
  lines.push('# MTEMsm v1.1: cost of each operation (gasCost, GAS)');
  lines.push('');
  lines.push(
    `Generated by \`npm run bench\` (\`bench/gas.ts\`) on ${json.measuredAt.slice(0, 10)}, in ${minutes(totalSeconds)}, ` +
      `in a group of **${MEMBERS} members**${scratch ? ` (**scratch contracts from ${CONTRACTS_FROM}**, not neo-one/contracts)` : ''}. ` +
      `gasCost is the GAS a transaction's execution costs on NEO 2; every transaction runs its first ${FREE_GAS} GAS free and the sender pays the rest. ` +
      `Goals (issue 13): every member-facing operation, result call and proposal ≤ ${GOAL} GAS; \`vote\` ≤ ${VOTE_GOAL}; ` +
      `each page of a paged step ≤ ${GOAL}; SEB \`transfer\` ≤ ${TRANSFER_RATIO_GOAL} × a minimal NEP-5 transfer.`,
  );
  lines.push('');
  lines.push(
    `**${over.length === 0 ? 'Every goal holds.' : `${over.length} of ${table.length} rows are over their goal: ${over.map((row) => `${row.operation} (${fmt(row.gasCost)})`).join('; ')}.`}** ` +
      `SEB transfer ratio ${transferRatio} (goal ≤ ${TRANSFER_RATIO_GOAL}: ${transferRatio <= TRANSFER_RATIO_GOAL ? 'holds' : '**does not hold**'}).`,
  );
  lines.push('');
  lines.push('GAS is the worst sample of the operation; several samples show their count and range.');
  lines.push('');
  for (const kind of ['member', 'result', 'propose', 'page', 'm6'] as const) {
    lines.push(`## ${section[kind]}`);
    lines.push('');
    lines.push('| operation | GAS | goal | ok | samples |');
    lines.push('|---|---:|---:|:---:|---|');
    for (const row of table.filter((entry) => entry.kind === kind)) {
      const samples = row.samples === 1 ? '1' : `${row.samples} (${fmt(row.min)}–${fmt(row.gasCost)}, median ${fmt(row.median)})`;
      lines.push(`| ${row.operation}${row.note === undefined ? '' : ` — ${row.note}`} | ${fmt(row.gasCost)} | ≤ ${row.goal} | ${yes(row.ok)} | ${samples} |`);
    }
    lines.push('');
    if (kind === 'm6') {
      lines.push(
        `The plant (R$ ${result.pledged.m6.cost}, ${result.pledged.m6.funders} pledges of R$ ${big(M6.pledge).toFixed(2)}, R$ ${result.pledged.m6.raised} in all) is under-pledged when its crowdfunding ends: ` +
          `\`crowdfundingResult\` makes it failing, then \`cancelPledges\` (src/chain/plants.ts \`cancelPledges\`, one page a block) completes in ` +
          `**${result.m6.pages} pages**, the worst ${fmt(result.m6.worst)} GAS, **${fmt(result.m6.totalGAS)} GAS in all** ` +
          `(${(result.m6.totalGAS / result.pledged.m6.funders).toFixed(3)} GAS a pledge); the plant ends ${result.m6.status}. ` +
          `${result.m6.pages} transactions, each within the free ${FREE_GAS} GAS: ${result.m6.worst <= FREE_GAS ? 'nobody pays' : 'some page is paid for'}.`,
      );
      lines.push('');
    }
  }
  lines.push(`## The energy layer at ${ENERGY_SMALL_GROUP} and ${MEMBERS} members`);
  lines.push('');
  lines.push(
    `The same operations (\`bench/energy.ts\`) in the ${MEMBERS}-member group and in a group of ${ENERGY_SMALL_GROUP} built the same way on a node of its own. ` +
      `Goal (issue 15): every operation within ${GOAL} GAS and the same (±5%) at both sizes. A day of readings (${PRODUCTION_INTERVALS_PER_CALL} intervals) is one ` +
      `transaction, and so is a day of consumption: the intervals travel packed and MTEMsmReadings, a contract in raw NeoVM, checks them (README, "The energy layer").`,
  );
  lines.push('');
  lines.push(`| operation | ${ENERGY_SMALL_GROUP} members | ${MEMBERS} members | same (±5%) | ≤ ${GOAL} | samples |`);
  lines.push('|---|---:|---:|:---:|:---:|---:|');
  for (const row of energyRows) {
    lines.push(`| ${row.operation}${row.note === '' ? '' : ` — ${row.note}`} | ${fmt(row.small)} | ${fmt(row.large)} | ${yes(row.same)} | ${yes(row.large <= GOAL && row.small <= GOAL)} | ${row.samples} |`);
  }
  lines.push('');
  lines.push('');
  lines.push('## SEB transfer against a minimal NEP-5 token');
  lines.push('');
  lines.push(
    "`bench/contracts/Nep5Baseline.ts` is the smallest NEP-5 token in neo-one's dialect: a balances map, the witness " +
      `check (\`Address.isCaller\`), the NEP-5 \`transfer\` event, nothing else (${baseline.bytes} bytes of AVM). ` +
      `It is deployed on the same node in the same run; ${stats.get('transfer')!.count} SEB transfers and ${stats.get('baseline transfer')!.count} of the baseline are measured (median).`,
  );
  lines.push('');
  lines.push('| SEB `transfer` | baseline `transfer` | ratio | goal | ok |');
  lines.push('|---:|---:|---:|---:|:---:|');
  lines.push(`| ${fmt(seb)} | ${fmt(nep5)} | ${transferRatio.toFixed(3)} | ≤ ${TRANSFER_RATIO_GOAL} | ${yes(transferRatio <= TRANSFER_RATIO_GOAL)} |`);
  lines.push('');
  const profileBlock = ({ operation, gasCost, profile }: WorstProfile, top: number): void => {
    lines.push(`### ${operation}: ${fmt(gasCost)} GAS`);
    lines.push('');
    lines.push(
      `By contract: ${Object.entries(profile.byContract).sort((a, b) => b[1] - a[1]).map(([name, value]) => `${name} ${fmt(value)}`).join(', ')}. ` +
        `By opcode: ${Object.entries(profile.byOp).slice(0, 6).map(([name, value]) => `${name} ${fmt(value)}`).join(', ')}.`,
    );
    lines.push('');
    lines.push('| GAS | ops | line |');
    lines.push('|---:|---:|---|');
    for (const line of profile.lines.slice(0, top)) {
      lines.push(`| ${fmt(line.gas)} | ${line.ops} | ${line.contract}:${line.line} \`${line.source.replace(/\|/g, '\\|').slice(0, 110)}\` |`);
    }
    lines.push('');
  };
  const transferProfiles = profiles.filter(({ operation }) => ALWAYS_PROFILED.has(operation));
  if (transferProfiles.length > 0) {
    lines.push('Where each transfer\'s GAS goes (bench/profiler.ts, the worst sample):');
    lines.push('');
    transferProfiles.forEach((entry) => profileBlock(entry, 10));
  }
  const overProfiles = profiles.filter(({ operation }) => !ALWAYS_PROFILED.has(operation));
  if (overProfiles.length > 0) {
    lines.push('## Over the goal: where the GAS goes');
    lines.push('');
    lines.push(
      "`bench/profiler.ts` charges every opcode of the worst sample's execution on chain to the contract source line it was compiled from " +
        '(line 0 or an `import` line: code neo-one adds, such as the method dispatch and the set-up of module-level functions). ' +
        'Per contract (`transaction`: the invocation script) and the lines that cost most:',
    );
    lines.push('');
    overProfiles.forEach((entry) => profileBlock(entry, 12));
  }
  lines.push('## How it was measured');
  lines.push('');
  lines.push(
    `- One in-memory neo-one node in the bench's process; script bytes ${Object.entries(sizes).map(([name, bytes]) => `${name} ${bytes}`).join(', ')}; the group's six contracts and MTEMsmReadings (${READINGS_SCRIPT.length} bytes) deployed with the default settings ` +
      `(${DEFAULT_SETTINGS.referendumPeriod / DAY}-day referendums, ${DEFAULT_SETTINGS.crowdfundingPeriod / DAY}-day crowdfunding, ${DEFAULT_SETTINGS.minFundingWindow / DAY}-day minimum funding window, ` +
      `${DEFAULT_SETTINGS.minTimeToMarket / DAY}-day minimum time to market, R$ ${DEFAULT_SETTINGS.minBid} minimum bid, ${DEFAULT_SETTINGS.maxPowerW / 1e6} MW maximum plant); time moved with \`passTime\` (src/chain/group.ts: to a time past the last block).`,
  );
  lines.push(
    `- **Founding** (not in the tables): the founder is admitted; while the founder is still the only member, the founder invites each candidate in turn (a member has one open invitation at a time; ` +
      `a used invitation is no longer open) and the candidate requests admission, so each admission's electorate is 1; the founder votes yes on all; ${result.admitted} results make the ${MEMBERS}-member group, ` +
      `and the other ${result.unresolved} candidates (for M6) stay approved but unresolved until M6. ${result.founding.transactions} transactions in ${result.founding.blocks} blocks, ${minutes(result.founding.seconds)}.`,
  );
  lines.push(
    `- **Then every operation in the ${MEMBERS}-member group.** Every referendum opened there has electorate ${MEMBERS} (checked before its votes) and is approved early by ${result.voters} yes votes, sent in blocks of up to ${recorder.largestBlock.get('vote') ?? 0} ` +
      `(votes on several referendums at once); \`vote\` covers all of them. Other operations are sent alone in a block of their own, except the pledges of every member (blocks of up to ${recorder.largestBlock.get('bid') ?? 0}).`,
  );
  lines.push(
    `- Plants (as read from the chain once pledged): ${plantLine(result.pledged.p1)}, exactly pledged (${P1_PLEDGES.founder}, ${P1_PLEDGES.m1} + ${P1_PLEDGES.m1Adds}: \`bid (adding)\`, ` +
      `${P1_PLEDGES.m2} changed to ${P1_PLEDGES.m2ChangesTo}: \`changeBid\`; another pledge of ${P1_PLEDGES.m3Withdrawn} withdrawn). ` +
      `${plantLine(result.pledged.p2)} (R$ ${big(result.p2Pledges.min).toFixed(2)} to ${big(result.p2Pledges.max).toFixed(2)} each: oversubscribed, so its crowdfundingResult checks the cut threshold and releases in pages, then startOperation checks the watts threshold and issues in pages). ` +
      `${plantLine(result.pledged.p3)} (R$ ${big(P3.pledge).toFixed(2)} each), then removed by referendum and its pledges cancelled in pages. ` +
      'The paged steps are driven by src/chain/plants.ts (closeCrowdfunding, startOperation, cancelPledges) with each page in its own block, and each page is named by its `page` event.',
  );
  lines.push(
    `- The thresholds are computed off chain from the pledges, read ${PLEDGE_PAGE} a page (src/chain/plants.ts; MTEMsmPlants.pledges refuses more, as a longer read overflows NeoVM's stack).`,
  );
  lines.push(
    `- Trades: an offer of ${TRADE.quotaW} W for ${TRADE.tokens} SEB accepted, one of ${DECLINED.quotaW} W for ${DECLINED.tokens} SEB declined by its receiver, a donation of ${DONATION_W} W, ` +
      `${stats.get('transfer')!.count} SEB transfers of ${SEB_TRANSFER} SEB. The correction moves ${CORRECTION.quotaW} W one way and ${CORRECTION.tokens} SEB the other; the removal sends a member's quota and SEB to the treasury; ${result.pledged.p1.ppID} moves to another utility.`,
  );
  lines.push(
    `- Phases: ${result.phases.map(({ phase, seconds }) => `${phase} ${seconds} s`).join('; ')}. In all ${recorder.transactions} transactions in ${recorder.blocks} blocks.`,
  );
  lines.push(
    `- Accounts come from fixed keys (\`BENCH_SEED\` changes them), so a run repeats these numbers. Each transaction pays exactly its gas above the free ${FREE_GAS} (\`systemFee\` -1); accounts got ${GAS_PER_ACCOUNT} GAS each.`,
  );
  lines.push(`- Versions: ${Object.entries(versions).map(([name, value]) => `${name} ${value}`).join(', ')}; Node.js ${process.version}.`);
  lines.push('');
  fs.writeFileSync(mdPath, lines.join('\n'));

  // ---- summary
  console.log('');
  console.log(`${'operation'.padEnd(60)} ${'GAS'.padStart(8)} ${'goal'.padStart(6)}  ok  samples`);
  for (const row of table) {
    console.log(`${row.operation.padEnd(60)} ${fmt(row.gasCost).padStart(8)} ${String(row.goal).padStart(6)}  ${row.ok ? 'yes' : 'NO '} ${row.samples}`);
  }
  console.log(`SEB transfer ${fmt(seb)} / baseline ${fmt(nep5)} = ${transferRatio} (goal ≤ ${TRANSFER_RATIO_GOAL})`);
  console.log(`M6: ${result.m6.pages} pages, worst ${fmt(result.m6.worst)}, total ${fmt(result.m6.totalGAS)} GAS`);
  console.log(`over the goal: ${over.length === 0 ? 'none' : over.map((row) => row.operation).join(', ')}`);
  console.log(`wrote ${path.relative(ROOT, mdPath)} and ${path.relative(ROOT, jsonPath)} in ${totalSeconds.toFixed(0)} s`);
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
