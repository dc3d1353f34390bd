/**
 * Seeded random test of the MTEMsm group against the plain model in test/model.ts.
 *
 * The generators (test/generators/: one per operation, per kind of mistake and per
 * effect) mix valid and invalid operations of every kind, by the founder and the nine
 * other accounts, with time jumps of 0 to 40 days. Each operation is run on the model
 * and on the contracts:
 * - the client's test invocation before sending ignores witnesses (neo-one's node runs
 *   it with witness checks off), so the model is first run with `skipWitness` on a copy:
 *   if it rejects, the client must throw that exact message and nothing is sent;
 * - otherwise the transaction is sent and the model runs at the block's time with the
 *   real signer: a HALT must return the model's value, a FAULT must carry the model's
 *   message (this is how a missing witness shows).
 * The paged steps (v1.1 §7: crowdfundingResult, cancelPledges, startOperation) are sent
 * as every client sends them, by src/chain/plants.ts, one transaction a page; the model
 * runs the whole step at once. Single pages with a chosen threshold (right or wrong) are
 * sent too (crowdfundingPage, startOperationPage).
 * After every sent step the contracts' whole state must equal the model's, read from
 * their storage (src/audit/storage.ts StorageView: each read computed from the decoded
 * records as the contract computes it, four RPC requests and no VM): the group summary,
 * treasury, member and plant lists, every member()/balanceOf()/memberState(), every
 * referendum, proposal and ballot, every plant, plantState, pledge page, bid and
 * contribution, every offer and invitation; invariants 1–5 must hold on the model.
 * Every 100 steps (MTEMSM_SWEEP), and at the start and the end, a full sweep makes the
 * same comparison through the contracts' own @constant reads (each a run of neo-one's
 * VM; at the end also every ballot, proposal and page), so the reads' code is compared
 * with the model as well as the state, and checks invariants 1–5 from the contracts'
 * reads (test/group.ts expectInvariants, over every referendum and every account never
 * admitted). A change that lapses must emit lapse(rID, reason)
 * with the model's reason. A run of 200 operations must have every operation succeed,
 * all ten signers, 15–40 % rejected and jumps; a pinned seed must also have every
 * operation succeed and show its effects (an exploring seed reports what it missed).
 *
 * Seeds: `npm test` runs every pinned seed (PINNED); `npm run test:random` adds a random
 * seed (MTEMSM_RANDOM_SEEDS=<n> adds n); a seed it finds failing is worth pinning.
 * Replay: MTEMSM_SEED=<seed> npx jest test/random.test.ts --forceExit runs that seed
 * alone; it replays step for step (block times are planned: BLOCK_STEP; the summary's
 * trace is the same for two runs of a seed). A failing seed is printed with the step
 * log and appended to random-failed-seeds.txt (MTEMSM_FAILED_SEEDS=<file> to change it);
 * MTEMSM_LOG=<file> writes the step log, pass or fail; MTEMSM_OPS=<n> changes the
 * number of operations (200 by default; below 200 only for local debugging: the
 * run-level checks are then reported as not checked, and under CI the file fails).
 *
 * Timing: the generator's clock is the last planned block's time; the node runs a call
 * at the next planned block (its test invocation at the last block + 15 s), so the test
 * never runs an operation within 10 minutes of a deadline that could change its
 * outcome: it jumps past it first.
 */
import { TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { createHash } from 'crypto';
import { appendFileSync, writeFileSync } from 'fs';
import { readGroupStorage, StorageView } from '../src/audit/storage';
import { cancelPledges, closeCrowdfunding, SendPage, startOperation } from '../src/chain/plants';
import { EFFECT_CHECKS, EFFECTS, Effect, GENERATORS_OF, Generator, MISSIONS, OpStep, Rng, newCoverage } from './generators';
import { DAY, expectInvariants, Group, withGroup } from './group';
import {
  Address,
  Model,
  OPS,
  OpCall,
  Outcome,
  PAGED,
  actingAddress,
  defaultSettings,
  invariantViolations,
} from './model';

/** Operations per run (MTEMSM_OPS overrides it, for quick local runs; the spec asks for at least 200). */
const MIN_OPS = 200;
const TARGET_OPS = process.env.MTEMSM_OPS !== undefined && process.env.MTEMSM_OPS !== '' ? Number(process.env.MTEMSM_OPS) : MIN_OPS;
/** Under CI the run-level checks must run: a shorter run is refused rather than skipping them. */
const SHORT_RUN = TARGET_OPS < MIN_OPS;
/** Extra operations allowed when some operation has not succeeded yet at TARGET_OPS. */
const COVERAGE_EXTRA = 80;
/**
 * Every this many steps (and at the start and the end) every read is also made through the
 * contracts' @constant methods (MTEMSM_SWEEP; a sweep reads every member, plant,
 * referendum and offer through the VM, about ten seconds; after the other steps the
 * same reads are computed from the contracts' storage).
 */
const FULL_SWEEP_EVERY = Number(process.env.MTEMSM_SWEEP ?? 100);
/** A group of reads that takes longer than this fails the test (it names the reads). */
const READ_TIMEOUT = 120_000;
/** No operation runs within this many seconds of a deadline that could change its outcome. */
const DEADLINE_MARGIN = 600;
/** Block time that steps may add between two jumps (checked before each step too: clearDeadlines). */
const CREEP_ALLOWANCE = 1_800;
/** The node's test invocation runs at the last block's time plus this (secondsPerBlock). */
const TEST_INVOCATION_DELAY = 15;
/**
 * Every block the test makes is planned BLOCK_STEP seconds after the previous planned
 * block (a jump: its length after it), and the node's clock is set to that time just
 * before the transaction is sent. So block times, and with them every time the model
 * and the generator see, follow from the seed alone, not from how fast this machine
 * runs (longer than BLOCK_STEP of wall time between two blocks, or a second ticking over
 * while a block is made, puts a block a little late: counted, and harmless next to the
 * 600 s kept from deadlines).
 */
const BLOCK_STEP = 20;
/** Where a failing seed is written (one line each, appended), besides the test's output. */
const FAILED_SEEDS_FILE = process.env.MTEMSM_FAILED_SEEDS ?? 'random-failed-seeds.txt';

/**
 * Pinned seeds, run on every CI run (each replays identically: see BLOCK_STEP), with the
 * effects each one must show; together they show every effect of EFFECTS. A failure found
 * by the random seed can be added here once fixed.
 */
const PINNED: ReadonlyArray<{ readonly seed: number; readonly effects: readonly Effect[] }> = [
  // 200 operations, 10 jumps, 190.7 days; 5 admissions, 28 referendums, 4 plants (removed,
  // failed, two operating), 11 pages; every operation succeeded; every effect, the lapse
  // being "The plant has failed or was removed.".
  { seed: 182, effects: EFFECTS },
];

const seedFromEnv = process.env.MTEMSM_SEED;
const REPLAY = seedFromEnv !== undefined && seedFromEnv !== '';
const RANDOM_SEED = REPLAY ? Number(seedFromEnv) >>> 0 : Math.floor(Math.random() * 2 ** 32);
/**
 * Random seeds besides the pinned ones (MTEMSM_RANDOM_SEEDS, `npm run test:random`: 1).
 * `npm test` runs the pinned seeds only: a run of 200 operations costs about two minutes
 * of the suite's five, and a CI run must not depend on luck (a random seed leaves an
 * operation uncovered about one time in ten, which is not a defect).
 */
const RANDOM_SEEDS = Number(process.env.MTEMSM_RANDOM_SEEDS ?? 0);
/** MTEMSM_SEED runs that seed alone (with the pinned seed's effects, if it is one). */
const RUNS: ReadonlyArray<{ readonly seed: number; readonly pinned: boolean; readonly effects: readonly Effect[] }> = REPLAY
  ? [{ seed: RANDOM_SEED, pinned: PINNED.some((p) => p.seed === RANDOM_SEED), effects: PINNED.find((p) => p.seed === RANDOM_SEED)?.effects ?? [] }]
  : [
      ...PINNED.map((p) => ({ ...p, pinned: true })),
      ...Array.from({ length: RANDOM_SEEDS }, (_, index) => ({
        seed: (RANDOM_SEED + index * 0x9e3779b9) >>> 0,
        pinned: false,
        effects: [] as readonly Effect[],
      })),
    ];

// ---------------------------------------------------------------- Units

const toBig = (value: bigint, decimals: number): BigNumber => new BigNumber(value.toString()).div(new BigNumber(10).pow(decimals));

/** A client BigNumber in raw units, or a marker string when it is not an exact raw integer. */
const raw = (value: BigNumber, decimals = 0): bigint | string => {
  const scaled = value.times(new BigNumber(10).pow(decimals));

  return scaled.isInteger() ? BigInt(scaled.toFixed(0)) : `not raw: ${value.toString()}`;
};

const num = (value: BigNumber): number => value.toNumber();

const show = (value: unknown, names: Map<string, string>): string =>
  typeof value === 'bigint'
    ? value.toString()
    : typeof value === 'string'
    ? names.get(value) ?? JSON.stringify(value)
    : JSON.stringify(value);

const firstLine = (message: string): string => message.split('\n')[0].trim();

/** A deterministic text of a model state (Maps and bigints included), to check that it did not change. */
const serialize = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'bigint'
      ? `${inner}n`
      : Object.prototype.toString.call(inner) === '[object Map]'
      ? { map: [...(inner as Map<unknown, unknown>).entries()] }
      : inner,
  );

// ---------------------------------------------------------------- The test

test('every operation has a valid generator, every effect a mission and a check', () => {
  expect(OPS.filter((op) => GENERATORS_OF[op].length === 0)).toEqual([]);
  expect(EFFECTS.filter((effect) => MISSIONS[effect] === undefined || EFFECT_CHECKS[effect] === undefined)).toEqual([]);
});

test('pinned seeds show every effect between them', () => {
  expect(EFFECTS.filter((effect) => !PINNED.some((p) => p.effects.includes(effect)))).toEqual([]);
});

if (SHORT_RUN && process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== '0') {
  test('MTEMSM_OPS is not below 200 under CI', () => {
    throw new Error(`MTEMSM_OPS=${TARGET_OPS} is below ${MIN_OPS}: the run-level checks need ${MIN_OPS} operations (unset it under CI)`);
  });
} else {
  test.each(RUNS)('random operations against the model (seed $seed)', async ({ seed, pinned, effects }) => {
    const log: string[] = [];
    const started = Date.now();
    const summary: string[] = [];
    const logFile = process.env.MTEMSM_LOG;
    const writeLog = () => {
      if (logFile !== undefined && logFile !== '') {
        writeFileSync(RUNS.length > 1 ? `${logFile}.${seed}` : logFile, `${log.join('\n')}\n`);
      }
    };
    try {
      await withGroup(async (group) => {
        await runRandom(group, seed, pinned ? effects : undefined, log, summary);
      });
      writeLog();
    } catch (error) {
      writeLog();
      const replay = `MTEMSM_SEED=${seed} npx jest test/random.test.ts --forceExit`;
      const message = firstLine(error instanceof Error ? error.message : String(error));
      appendFileSync(FAILED_SEEDS_FILE, `${new Date().toISOString()} seed ${seed}${pinned ? ' (pinned)' : ''}: ${message} (replay: ${replay})\n`);
      process.stderr.write(`\nMTEMsm random test FAILED with seed ${seed} (written to ${FAILED_SEEDS_FILE})\nreplay: ${replay}\nstep log:\n${log.join('\n')}\n\n`);
      throw new Error(
        `seed ${seed} (replay: ${replay}); last steps:\n` +
          `${log.slice(-12).join('\n')}\n${error instanceof Error ? error.stack ?? error.message : String(error)}`,
      );
    }
    console.log(`MTEMsm random test: seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s\n${summary.join('\n')}`);
  }, 900_000);
}

/** At most this many calls of the contracts in flight: the in-process node runs one at a time, and a long queue would outlast the client's 20 s request timeout. */
const IN_FLIGHT = 8;

/** The contract's methods, queued so that at most IN_FLIGHT run at once (reads are fired by the hundred in a sweep). */
const queued = <T extends object>(contract: T): T => {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  const slot = async (): Promise<void> => {
    if (running >= IN_FLIGHT) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running += 1;
  };

  return new Proxy(contract, {
    get(target: any, key: string | symbol) {
      const value = target[key];
      if (typeof value !== 'function') {
        return value;
      }

      return async (...args: unknown[]) => {
        await slot();
        try {
          return await value.apply(target, args);
        } finally {
          release();
        }
      };
    },
  });
};

/** What a contract read returns (the generated client's type). */
type ReadOf<C, K extends keyof C> = C[K] extends (...args: any[]) => Promise<infer R> ? Promise<R> : never;
type Ledger = Group['ledger'];
type Trades = Group['trades'];
type Plants = Group['plants'];
type Referendums = Group['referendums'];

/** The reads the test compares with the model: the contracts' own (VM), or computed from their storage. */
interface ReadSource {
  readonly ledger: {
    member(address: string): ReadOf<Ledger, 'member'>;
    balanceOf(address: string): ReadOf<Ledger, 'balanceOf'>;
    memberState(address: string): ReadOf<Ledger, 'memberState'>;
    groupSummary(): ReadOf<Ledger, 'groupSummary'>;
    treasury(): ReadOf<Ledger, 'treasury'>;
    listOfMembers(offset: BigNumber, limit: BigNumber): ReadOf<Ledger, 'listOfMembers'>;
    totalSupply(): ReadOf<Ledger, 'totalSupply'>;
  };
  readonly trades: {
    tradeOffer(offerID: string): ReadOf<Trades, 'tradeOffer'>;
    offerCount(): ReadOf<Trades, 'offerCount'>;
  };
  readonly plants: {
    powerPlant(ppID: string): ReadOf<Plants, 'powerPlant'>;
    plantState(ppID: string): ReadOf<Plants, 'plantState'>;
    pledges(ppID: string, offset: BigNumber, limit: BigNumber): ReadOf<Plants, 'pledges'>;
    bidOf(ppID: string, address: string): ReadOf<Plants, 'bidOf'>;
    contributionsOf(address: string, offset: BigNumber, limit: BigNumber): ReadOf<Plants, 'contributionsOf'>;
    listOfPowerPlants(offset: BigNumber, limit: BigNumber): ReadOf<Plants, 'listOfPowerPlants'>;
  };
  readonly referendums: {
    referendum(rID: string): ReadOf<Referendums, 'referendum'>;
    proposal(rID: string): ReadOf<Referendums, 'proposal'>;
    hasVoted(rID: string, address: string): ReadOf<Referendums, 'hasVoted'>;
    invitation(candidate: string): ReadOf<Referendums, 'invitation'>;
    memberCount(): ReadOf<Referendums, 'memberCount'>;
  };
}

/**
 * The reads computed from the contracts' decoded storage (src/audit/storage.ts, checked
 * against the contracts' reads by the auditor and by every sweep here) at time `now`;
 * `constants` are groupSummary's literals (minPowerW, name, symbol), which no storage holds.
 */
const storageSource = (
  view: StorageView,
  now: number,
  constants: Pick<Awaited<ReadOf<Ledger, 'groupSummary'>>, 'minPowerW' | 'name' | 'symbol'>,
): ReadSource => {
  const integer = (value: bigint): BigNumber => new BigNumber(value.toString());
  const page = <T>(rows: readonly T[], offset: BigNumber, limit: BigNumber): T[] =>
    rows.slice(offset.toNumber(), offset.toNumber() + limit.toNumber());

  return {
    ledger: {
      member: async (address) => view.member(address),
      balanceOf: async (address) => view.balanceOf(address),
      memberState: async (address) => view.memberState(address).map(integer),
      groupSummary: async () => ({ ...constants, ...view.groupSummary() }),
      treasury: async () => view.treasury(),
      listOfMembers: async (offset, limit) => view.listOfMembers(offset.toNumber(), limit.toNumber()),
      totalSupply: async () => view.groupSummary().totalSupply,
    },
    trades: {
      tradeOffer: async (offerID) => view.tradeOffer(offerID, now),
      offerCount: async () => view.offerCount(),
    },
    plants: {
      powerPlant: async (ppID) => view.powerPlant(ppID),
      plantState: async (ppID) => view.plantState(ppID).map(integer),
      pledges: async (ppID, offset, limit) =>
        page(view.pledges(ppID), offset, limit).map(({ member, amount, order }) => ({
          member,
          amount: integer(amount).shiftedBy(-2),
          order: integer(order),
        })),
      bidOf: async (ppID, address) => view.bidOf(ppID, address),
      contributionsOf: async (address, offset, limit) => page(view.contributionsOf(address), offset, limit),
      listOfPowerPlants: async (offset, limit) => view.listOfPowerPlants(offset.toNumber(), limit.toNumber()),
    },
    referendums: {
      referendum: async (rID) => view.referendum(rID),
      proposal: async (rID) => view.proposal(rID),
      hasVoted: async (rID, address) => view.hasVoted(rID, address),
      invitation: async (candidate) => view.invitation(candidate),
      memberCount: async () => view.memberCount(),
    },
  };
};

const runRandom = async (
  group: Group,
  seed: number,
  /** A pinned seed's effects (it must show them); undefined for the random seed. */
  expectedEffects: readonly Effect[] | undefined,
  log: string[],
  summary: string[],
): Promise<void> => {
  const { context } = group;
  const [ledger, trades, plants, referendums] = [queued(group.ledger), queued(group.trades), queued(group.plants), queued(group.referendums)];
  const contracts: ReadSource = { ledger, trades, plants, referendums };
  const reader = context.client.read(context.networkName);
  const accounts: UserAccountID[] = [group.founder, ...group.accounts];
  const actors = accounts.map((account, index) => ({ name: `A${index}`, address: account.address }));
  const accountOf = new Map(accounts.map((account) => [account.address, account] as const));
  const tradesAddress = trades.definition.networks[context.networkName].address;
  const plantsAddress = plants.definition.networks[context.networkName].address;
  const referendumsAddress = referendums.definition.networks[context.networkName].address;
  const strangers = [tradesAddress, plantsAddress, referendumsAddress];
  const names = new Map<string, string>([
    ...actors.map((actor) => [actor.address, actor.name] as const),
    [group.treasury, 'TREASURY'],
    [tradesAddress, 'TRADES'],
    [plantsAddress, 'PLANTS'],
    [referendumsAddress, 'REFERENDUMS'],
  ]);
  const model = new Model(
    defaultSettings(group.founder.address, group.treasury, {
      trades: tradesAddress,
      plants: plantsAddress,
      referendums: referendumsAddress,
      energy: group.connected.contracts.energy,
    }),
  );
  const coverage = newCoverage();
  const rng = new Rng(seed);
  const generator = new Generator(rng, model, actors, coverage, strangers);
  log.push(`seed ${seed}; actors ${actors.map((a) => `${a.name}=${a.address}`).join(' ')}; TREASURY=${group.treasury}`);
  log.push('amounts are raw: R$ in cents, SEB in 1e-8 SEB, quota in W, times in s');

  // ---------------------------------------------------------------- Clock

  const latestBlockTime = async (): Promise<number> => {
    const count = await reader.getBlockCount();

    return (await reader.getBlock(count - 1)).time;
  };
  /** The planned time of the last block the test made (see BLOCK_STEP): what the generator and the deadline checks use. */
  let now = await latestBlockTime();
  const startTime = now;
  const day = (): string => `d${((now - startTime) / DAY).toFixed(2)}`;
  /** Blocks not at their planned time (the clock was already past it, or a second ticked over). */
  let lateBlocks = 0;

  /**
   * Plans the next block `seconds` after the last planned one and returns its time. The
   * node's clock is set one second short of it: the node makes an empty block there at
   * once, and the next block (the transaction's, or a jump's) is one second later.
   */
  const planBlock = async (seconds: number): Promise<number> => {
    const planned = now + seconds;
    try {
      await context.developerClient.fastForwardToTime(planned - 1);
    } catch (error) {
      // The clock is already past it (a long pause between blocks): the block comes late.
      if (!/future time/.test((error as Error).message)) {
        throw error;
      }
    }

    return planned;
  };

  /** A block made at its planned time moves `now` there; a late one is counted (the model runs at the block's real time). */
  const madeBlock = (planned: number, time: number): void => {
    if (time !== planned) {
      lateBlocks += 1;
    }
    now = planned;
  };

  /** Moves the node's clock `seconds` past the last planned block and makes a block there. */
  const jump = async (seconds: number, note: string): Promise<void> => {
    const before = await reader.getBlockCount();
    const planned = await planBlock(Math.max(2, seconds));
    await context.developerClient.runConsensusNow();
    let blocks = await reader.getBlockCount();
    for (let attempt = 0; attempt < 100 && blocks <= before; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      blocks = await reader.getBlockCount();
    }
    if (blocks <= before) {
      throw new Error('the node made no block after a jump');
    }
    madeBlock(planned, (await reader.getBlock(blocks - 1)).time);
    log.push(`   jump ${(seconds / DAY).toFixed(2)} days (${note}) -> ${day()}`);
  };

  /**
   * After a jump: jumps again until no deadline is near now or within the next
   * CREEP_ALLOWANCE seconds, so the steps until the next jump (BLOCK_STEP seconds of
   * block time each) are unlikely to bring one within DEADLINE_MARGIN.
   */
  let safetyJumps = 0;
  const clearAhead = async (): Promise<void> => {
    for (;;) {
      const near = model.deadlines().filter((time) => time > now - DEADLINE_MARGIN && time < now + DEADLINE_MARGIN + CREEP_ALLOWANCE);
      if (near.length === 0) {
        return;
      }
      await jump(Math.max(...near) + 2 * DEADLINE_MARGIN - now, 'past a near deadline');
    }
  };

  /** Before each step (planned times, so a replay jumps at the same steps): away from a deadline the steps crept near. */
  const clearDeadlines = async (): Promise<void> => {
    while (model.deadlines().some((time) => Math.abs(time - now) < DEADLINE_MARGIN + BLOCK_STEP)) {
      await jump(2 * DEADLINE_MARGIN, 'away from a deadline');
      safetyJumps += 1;
    }
  };

  // ---------------------------------------------------------------- Calls

  const invoke = (call: OpCall, from: UserAccountID): Promise<TransactionResult<any>> => {
    const options = { from };
    const int = (value: bigint) => toBig(value, 0);
    const cents = (value: bigint) => toBig(value, 2);
    const seb = (value: bigint) => toBig(value, 8);
    switch (call.op) {
      case 'invite':
        return referendums.invite(call.args[0], call.args[1], options);
      case 'admission':
        return referendums.admission(call.args[0], call.args[1], call.args[2], options);
      case 'admissionResult':
        return referendums.admissionResult(call.args[0], options);
      case 'vote':
        return referendums.vote(call.args[0], call.args[1], call.args[2], options);
      case 'powerUp': {
        const [address, capacityW, cost, utility, timeToMarket] = call.args;

        return referendums.powerUp(address, int(capacityW), cents(cost), utility, int(timeToMarket), options);
      }
      case 'powerUpResult':
        return referendums.powerUpResult(call.args[0], options);
      case 'bid':
        return plants.bid(call.args[0], call.args[1], cents(call.args[2]), options);
      case 'changeBid':
        return plants.changeBid(call.args[0], call.args[1], cents(call.args[2]), options);
      case 'crowdfundingPage':
        return plants.crowdfundingResult(call.args[0], int(call.args[1]), options);
      case 'startOperationPage':
        return plants.startOperation(call.args[0], int(call.args[1]), options);
      case 'offerTrade': {
        const [from, to, quotaW, tokens, validFor] = call.args;

        return trades.offerTrade(from, to, int(quotaW), seb(tokens), int(validFor), options);
      }
      case 'acceptTrade':
        return trades.acceptTrade(call.args[0], call.args[1], options);
      case 'cancelTrade':
        return trades.cancelTrade(call.args[0], call.args[1], options);
      case 'transfer':
        return ledger.transfer(call.args[0], call.args[1], seb(call.args[2]), options);
      case 'changeProfile':
        return ledger.changeProfile(call.args[0], call.args[1], call.args[2], options);
      case 'proposeCorrection': {
        const [proposer, from, to, quotaW, tokens] = call.args;

        return referendums.proposeCorrection(proposer, from, to, int(quotaW), seb(tokens), options);
      }
      case 'proposeRemoval':
        return referendums.proposeRemoval(call.args[0], call.args[1], options);
      case 'proposePlantUtility':
        return referendums.proposePlantUtility(call.args[0], call.args[1], call.args[2], options);
      case 'proposePlantRemoval':
        return referendums.proposePlantRemoval(call.args[0], call.args[1], options);
      case 'changeResult':
        return referendums.changeResult(call.args[0], options);
      default:
        throw new Error(`not a single transaction: ${JSON.stringify(call)}`);
    }
  };

  /** A paged step as src/chain/plants.ts sends it; resolves to the step's result (void steps: true). */
  const invokePaged = async (call: OpCall, send: SendPage): Promise<string | boolean> => {
    switch (call.op) {
      case 'crowdfundingResult':
        return closeCrowdfunding(plants, call.args[0], send);
      case 'cancelPledges':
        await cancelPledges(plants, call.args[0], send);

        return true;
      case 'startOperation':
        await startOperation(plants, call.args[0], send);

        return true;
      default:
        throw new Error(`not a paged step: ${JSON.stringify(call)}`);
    }
  };

  const describe = (step: OpStep): string => {
    const acting = actingAddress(step.call);
    const signer = names.get(step.signer) ?? step.signer;
    const witness = acting !== undefined && acting !== step.signer ? ` [signed by ${signer}]` : '';

    return `${step.call.op}(${step.call.args.map((arg) => show(arg, names)).join(', ')})${witness} {${step.intent}: ${step.note}}`;
  };

  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const signers = new Set<string>();
  let rejectedCount = 0;
  let prechecked = 0;
  let faulted = 0;
  let jumps = 0;
  let pagesSent = 0;
  const lapsed: string[] = [];
  const timing = { send: 0, precheck: 0, reads: 0, sweeps: 0, jumps: 0 };
  const timed = async <T>(key: keyof typeof timing, work: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await work();
    } finally {
      timing[key] += Date.now() - start;
    }
  };

  /** Runs one operation on the contracts and the model; fails on any disagreement. */
  const execute = async (
    step: OpStep,
    index: number,
  ): Promise<{ readonly outcome: Outcome<string | boolean>; readonly sent: boolean }> => {
    const { call } = step;
    const account = accountOf.get(step.signer);
    if (account === undefined) {
      throw new Error(`no account for signer ${step.signer}`);
    }
    signers.add(step.signer);
    const prefix = `#${index} ${day()} ${names.get(step.signer)}: ${describe(step)}`;
    // The client's test invocation (witness checks off) at the last block's time + 15 s.
    const precheck = model.clone().apply(call, { now: now + TEST_INVOCATION_DELAY, skipWitness: true });
    if (PAGED.has(call.op)) {
      return executePaged(step, index, prefix, precheck, account);
    }
    let relayed: TransactionResult<any> | undefined;
    let clientError: string | undefined;
    const sent = Date.now();
    // Only a call the model accepts makes a block (the client refuses the others before sending).
    const planned = precheck.ok ? await planBlock(BLOCK_STEP) : now;
    try {
      relayed = await within(`sending ${call.op}`, invoke(call, account));
    } catch (error) {
      clientError = firstLine(error instanceof Error ? error.message : String(error));
    }
    timing.precheck += Date.now() - sent;
    if (!precheck.ok) {
      if (relayed !== undefined) {
        const receipt = await relayed.confirmed({ timeoutMS: 30_000 });
        log.push(`${prefix}\n      !! model rejects "${precheck.error}" but the client sent it: ${receipt.result.state} ${String((receipt.result as any).value ?? (receipt.result as any).message)}`);
        throw new Error(`step ${index}: the model rejects (${precheck.error}) but the contract accepted ${call.op}`);
      }
      log.push(`${prefix}\n      -> rejected before sending: ${clientError}`);
      expect({ step: index, op: call.op, error: clientError }).toEqual({ step: index, op: call.op, error: precheck.error });
      count(coverage.rejected, call.op);
      rejectedCount += 1;
      prechecked += 1;

      return { outcome: precheck, sent: false };
    }
    if (relayed === undefined) {
      log.push(`${prefix}\n      !! the client rejected: ${clientError}; the model accepts`);
      throw new Error(`step ${index}: the contract rejected ${call.op} with "${clientError}" but the model accepts it`);
    }
    const confirmed = relayed;
    const receipt = await timed('send', () => confirmed.confirmed({ timeoutMS: 30_000 }));
    const blockTime = (await reader.getBlock(receipt.blockIndex)).time;
    madeBlock(planned, blockTime);
    const outcome = model.apply(call, { now: blockTime, signer: step.signer });
    const chain: Outcome<string | boolean> =
      receipt.result.state === 'HALT'
        ? { ok: true, value: receipt.result.value as string | boolean }
        : { ok: false, error: firstLine(receipt.result.message) };
    log.push(
      `${prefix}\n      -> block ${receipt.blockIndex} t=${blockTime}${blockTime === planned ? '' : ` (planned ${planned})`}: ${chain.ok ? `ok ${JSON.stringify(chain.value)}` : `FAULT ${chain.error}`}`,
    );
    expect({ step: index, op: call.op, outcome: chain }).toEqual({ step: index, op: call.op, outcome });
    if (call.op === 'changeResult') {
      // A lapsed change says why (v1.1 §2).
      const r = model.state.referendums.get(call.args[0]);
      const lapses = (receipt.events ?? [])
        .filter((event: any) => event.name === 'lapse')
        .map((event: any) => ({ rID: event.parameters.rID, reason: event.parameters.reason }));
      expect({ step: index, lapses }).toEqual({
        step: index,
        lapses: r !== undefined && r.status === 'lapsed' && outcome.ok ? [{ rID: call.args[0], reason: r.reason }] : [],
      });
      if (r?.status === 'lapsed' && outcome.ok) {
        lapsed.push(`${call.args[0]}: ${r.reason}`);
      }
    }
    if (chain.ok) {
      count(coverage.succeeded, call.op);
    } else {
      count(coverage.rejected, call.op);
      rejectedCount += 1;
      faulted += 1;
    }

    return { outcome, sent: true };
  };

  /** A paged step: every page must HALT when the model accepts; nothing is sent when it rejects. */
  const executePaged = async (
    step: OpStep,
    index: number,
    prefix: string,
    precheck: Outcome<string | boolean>,
    account: UserAccountID,
  ): Promise<{ readonly outcome: Outcome<string | boolean>; readonly sent: boolean }> => {
    const { call } = step;
    const pages: Array<{ readonly operation: string; readonly block: number; readonly time: number; readonly text: string }> = [];
    const send: SendPage = async (operation, page) => {
      const planned = await planBlock(BLOCK_STEP);
      const result = await within(`sending a page of ${operation}`, page({ from: account }));
      const receipt = await timed('send', () => result.confirmed({ timeoutMS: 30_000 }));
      const time = (await reader.getBlock(receipt.blockIndex)).time;
      madeBlock(planned, time);
      const text = receipt.result.state === 'HALT' ? `ok ${JSON.stringify(receipt.result.value)}` : `FAULT ${firstLine(receipt.result.message)}`;
      pages.push({ operation, block: receipt.blockIndex, time, text });
      if (receipt.result.state !== 'HALT') {
        throw new Error(`page ${pages.length} (${operation}) FAULT: ${firstLine(receipt.result.message)}`);
      }

      return receipt.result.value === true;
    };
    let value: string | boolean | undefined;
    let clientError: string | undefined;
    const started = Date.now();
    try {
      value = await invokePaged(call, send);
    } catch (error) {
      clientError = firstLine(error instanceof Error ? error.message : String(error));
    }
    timing.precheck += Date.now() - started;
    const pageLog = pages.map((page) => `\n      page ${page.operation} block ${page.block} t=${page.time}: ${page.text}`).join('');
    if (!precheck.ok) {
      log.push(`${prefix}${pageLog}\n      -> ${pages.length === 0 ? 'rejected before sending' : 'SENT'}: ${clientError ?? `ok ${String(value)}`}`);
      expect({ step: index, op: call.op, pages: pages.length, error: clientError }).toEqual({
        step: index,
        op: call.op,
        pages: 0,
        error: precheck.error,
      });
      count(coverage.rejected, call.op);
      rejectedCount += 1;
      prechecked += 1;

      return { outcome: precheck, sent: false };
    }
    log.push(`${prefix}${pageLog}\n      -> ${clientError === undefined ? `ok ${JSON.stringify(value)} in ${pages.length} pages` : `!! ${clientError}`}`);
    if (clientError !== undefined || pages.length === 0) {
      throw new Error(`step ${index}: the model accepts ${call.op} but the paged step failed: ${clientError ?? 'no page sent'}`);
    }
    const outcome = model.apply(call, { now: pages[0].time, end: pages[pages.length - 1].time, signer: step.signer });
    expect({ step: index, op: call.op, outcome: { ok: true, value } }).toEqual({ step: index, op: call.op, outcome });
    count(coverage.succeeded, call.op);
    pagesSent += pages.length;

    return { outcome, sent: true };
  };

  // ---------------------------------------------------------------- Reads

  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return names.get(value) ?? value;
    }
    if (Array.isArray(value)) {
      return value.map(rename);
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rename(inner)]));
    }

    return value;
  };

  /** Which reads to compare (the group summary, treasury and member list are always read). */
  interface Scope {
    /** member(), balanceOf() and memberState(). */
    readonly holders: readonly Address[];
    readonly referendums: readonly string[];
    readonly proposals: readonly string[];
    readonly ballots: ReadonlyArray<readonly [string, Address]>;
    /** powerPlant() and plantState(). */
    readonly plants: readonly string[];
    readonly bids: ReadonlyArray<readonly [string, Address]>;
    readonly offers: readonly string[];
    readonly contributors: readonly Address[];
    /** invitation(candidate). */
    readonly invitations: readonly Address[];
    /** Also totalSupply(), listOfPowerPlants(), offerCount(), memberCount() and every plant's pledges(). */
    readonly full: boolean;
    /** Also the NEP-5 constants, partners(), other pages (valid and not) and plantStatus(). */
    readonly final?: boolean;
  }

  /** A read's value, or the first line of the message it fails with. */
  const attempt = async <T>(read: () => Promise<T>): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await read() };
    } catch (error) {
      return { ok: false, error: firstLine(error instanceof Error ? error.message : String(error)) };
    }
  };
  const PAGES: ReadonlyArray<readonly [number, number]> = [[0, 1], [1, 2], [2, 3], [3, 100], [50, 5], [-1, 5], [0, 0], [0, 101]];
  const page = (offset: number, limit: number): [BigNumber, BigNumber] => [new BigNumber(offset), new BigNumber(limit)];
  const ints = (values: readonly BigNumber[]): Array<bigint | string> => values.map((value) => raw(value));
  const byOrder = <T extends { readonly order: unknown }>(rows: T[]): T[] =>
    rows.sort((a, b) => Number(a.order as bigint) - Number(b.order as bigint));

  const readFinalChain = async () => {
    const ppIDs = ids('P', model.state.plantCount);
    const addresses = actors.map((actor) => actor.address);

    return rename({
      name: await ledger.name(),
      symbol: await ledger.symbol(),
      decimals: num(await ledger.decimals()),
      partners: await ledger.partners(),
      plantStatus: await Promise.all(ppIDs.map((ppID) => plants.plantStatus(ppID))),
      memberPages: await Promise.all(PAGES.map(([o, l]) => attempt(() => ledger.listOfMembers(...page(o, l))))),
      plantPages: await Promise.all(PAGES.map(([o, l]) => attempt(() => plants.listOfPowerPlants(...page(o, l))))),
      contributionPages: await Promise.all(
        addresses.flatMap((address) =>
          [[1, 2], [0, 0], [-1, 3]].map(async ([o, l]) => {
            const read = await attempt(() => plants.contributionsOf(address, ...page(o, l)));

            return read.ok ? { ok: true, value: read.value.map(({ ppID, amount }) => ({ ppID, amount: raw(amount, 2) })) } : read;
          }),
        ),
      ),
      unknownPledges: await attempt(() => plants.pledges(`P${model.state.plantCount + 1}`, ...page(0, 10))),
    });
  };

  const readFinalModel = () => {
    const ppIDs = ids('P', model.state.plantCount);
    const addresses = actors.map((actor) => actor.address);

    return rename({
      name: model.name,
      symbol: model.symbol,
      decimals: model.decimals,
      partners: model.partners(),
      plantStatus: ppIDs.map((ppID) => model.plantStatus(ppID)),
      memberPages: PAGES.map(([o, l]) => model.listOfMembers(o, l)),
      plantPages: PAGES.map(([o, l]) => model.listOfPowerPlants(o, l)),
      contributionPages: addresses.flatMap((address) => [[1, 2], [0, 0], [-1, 3]].map(([o, l]) => model.contributionsOf(address, o, l))),
      unknownPledges: model.pledges(`P${model.state.plantCount + 1}`),
    });
  };

  const allAddresses = [...actors.map((actor) => actor.address), group.treasury, tradesAddress, plantsAddress, referendumsAddress];

  /** A group of reads, or an error naming it when it does not answer within READ_TIMEOUT. */
  const within = async <T>(label: string, reads: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        reads,
        new Promise<never>((_, fail) => {
          timer = setTimeout(() => fail(new Error(`${label} did not answer within ${READ_TIMEOUT / 1000} s`)), READ_TIMEOUT);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  const readChain = async (scope: Scope, { ledger, trades, plants, referendums }: ReadSource = contracts) => {
    const holders = Promise.all(
      scope.holders.map(async (address) => {
        const [member, balance, state] = await Promise.all([
          ledger.member(address),
          ledger.balanceOf(address),
          ledger.memberState(address),
        ]);

        return {
          address,
          member:
            member === undefined
              ? undefined
              : {
                  utility: member.utility,
                  profileHash: member.profileHash,
                  quotaW: raw(member.quotaW),
                  tokens: raw(member.tokens, 8),
                  joinedAt: num(member.joinedAt),
                },
          balance: raw(balance, 8),
          state: ints(state),
        };
      }),
    );
    const referendumReads = Promise.all(
      scope.referendums.map(async (rID) => {
        const r = await referendums.referendum(rID);

        return {
          rID,
          referendum:
            r === undefined
              ? undefined
              : {
                  kind: r.kind,
                  proposer: r.proposer,
                  subject: r.subject,
                  openedAt: num(r.openedAt),
                  endsAt: num(r.endsAt),
                  electorate: num(r.electorate),
                  yes: num(r.yes),
                  no: num(r.no),
                  status: r.status,
                },
        };
      }),
    );
    const proposalReads = Promise.all(
      scope.proposals.map(async (rID) => {
        const p = await referendums.proposal(rID);

        return {
          rID,
          proposal:
            p === undefined
              ? undefined
              : {
                  profileHash: p.profileHash,
                  utility: p.utility,
                  capacityW: raw(p.capacityW),
                  cost: raw(p.cost, 2),
                  timeToMarket: num(p.timeToMarket),
                  from: p.from,
                  to: p.to,
                  quotaW: raw(p.quotaW),
                  tokens: raw(p.tokens, 8),
                },
        };
      }),
    );
    const ballotReads = Promise.all(
      scope.ballots.map(async ([rID, address]) => ({ rID, address, voted: await referendums.hasVoted(rID, address) })),
    );
    const plantReads = Promise.all(
      scope.plants.map(async (ppID) => {
        const [plant, state] = await Promise.all([plants.powerPlant(ppID), plants.plantState(ppID)]);

        return {
          ppID,
          plant:
            plant === undefined
              ? undefined
              : {
                  capacityW: raw(plant.capacityW),
                  cost: raw(plant.cost, 2),
                  utility: plant.utility,
                  timeToMarket: num(plant.timeToMarket),
                  status: plant.status,
                  fundingEndsAt: num(plant.fundingEndsAt),
                  raised: raw(plant.raised, 2),
                  funders: num(plant.funders),
                  fundedAt: num(plant.fundedAt),
                  operatingSince: num(plant.operatingSince),
                },
          state: ints(state),
        };
      }),
    );
    const pledgeReads = Promise.all(
      (scope.full ? ids('P', model.state.plantCount).slice(0, -1) : []).map(async (ppID) => ({
        ppID,
        pledges: byOrder(
          (await plants.pledges(ppID, ...page(0, 50))).map(({ member, amount, order }) => ({
            member,
            amount: raw(amount, 2),
            order: raw(order),
          })),
        ),
      })),
    );
    const bidReads = Promise.all(
      scope.bids.map(async ([ppID, address]) => ({ ppID, address, bid: raw(await plants.bidOf(ppID, address), 2) })),
    );
    const offerReads = Promise.all(
      scope.offers.map(async (offerID) => {
        const offer = await trades.tradeOffer(offerID);

        return {
          offerID,
          offer:
            offer === undefined
              ? undefined
              : {
                  from: offer.from,
                  to: offer.to,
                  quotaW: raw(offer.quotaW),
                  tokens: raw(offer.tokens, 8),
                  status: offer.status,
                  offeredAt: num(offer.offeredAt),
                  expiresAt: num(offer.expiresAt),
                },
        };
      }),
    );
    const contributionReads = Promise.all(
      scope.contributors.map(async (address) => ({
        address,
        pledges: (await plants.contributionsOf(address, ...page(0, 100))).map(({ ppID, amount }) => ({ ppID, amount: raw(amount, 2) })),
      })),
    );
    const invitationReads = Promise.all(
      scope.invitations.map(async (candidate) => {
        const invitation = await referendums.invitation(candidate);

        return {
          candidate,
          invitation:
            invitation === undefined
              ? undefined
              : { inviter: invitation.inviter, expiresAt: num(invitation.expiresAt), rID: invitation.rID },
        };
      }),
    );
    const [groupSummary, treasury, list, supply, plantList, offerCount, memberCount] = await within('summary reads', Promise.all([
      ledger.groupSummary(),
      ledger.treasury(),
      attempt(() => ledger.listOfMembers(new BigNumber(0), new BigNumber(100))),
      scope.full ? ledger.totalSupply() : Promise.resolve(undefined),
      scope.full ? attempt(() => plants.listOfPowerPlants(new BigNumber(0), new BigNumber(100))) : Promise.resolve(undefined),
      scope.full ? trades.offerCount() : Promise.resolve(undefined),
      scope.full ? referendums.memberCount() : Promise.resolve(undefined),
    ]));

    return rename({
      summary: {
        minPowerW: raw(groupSummary.minPowerW),
        maxPowerW: raw(groupSummary.maxPowerW),
        powerPlants: num(groupSummary.powerPlants),
        members: num(groupSummary.members),
        name: groupSummary.name,
        symbol: groupSummary.symbol,
        totalSupply: raw(groupSummary.totalSupply, 8),
        totalCapacityW: raw(groupSummary.totalCapacityW),
      },
      treasury: { quotaW: raw(treasury.quotaW), tokens: raw(treasury.tokens, 8) },
      listOfMembers: list,
      supply: supply === undefined ? undefined : raw(supply, 8),
      listOfPowerPlants: plantList,
      offerCount: offerCount === undefined ? undefined : num(offerCount),
      memberCount: memberCount === undefined ? undefined : num(memberCount),
      holders: await within('member reads', holders),
      referendums: await within('referendum reads', referendumReads),
      proposals: await within('proposal reads', proposalReads),
      ballots: await within('hasVoted reads', ballotReads),
      plants: await within('plant reads', plantReads),
      pledges: await within('pledges reads', pledgeReads),
      bids: await within('bidOf reads', bidReads),
      offers: await within('tradeOffer reads', offerReads),
      contributions: await within('contributionsOf reads', contributionReads),
      invitations: await within('invitation reads', invitationReads),
    });
  };

  const readModel = (scope: Scope) =>
    rename({
      summary: model.groupSummary(),
      treasury: model.treasury(),
      listOfMembers: model.listOfMembers(0, 100),
      supply: scope.full ? model.totalSupply() : undefined,
      listOfPowerPlants: scope.full ? model.listOfPowerPlants(0, 100) : undefined,
      offerCount: scope.full ? model.state.offerCount : undefined,
      memberCount: scope.full ? model.memberCount() : undefined,
      holders: scope.holders.map((address) => ({
        address,
        member: model.member(address),
        balance: model.balanceOf(address),
        state: model.memberState(address),
      })),
      referendums: scope.referendums.map((rID) => ({ rID, referendum: model.referendum(rID) })),
      proposals: scope.proposals.map((rID) => ({ rID, proposal: model.proposal(rID) })),
      ballots: scope.ballots.map(([rID, address]) => ({ rID, address, voted: model.hasVoted(rID, address) })),
      plants: scope.plants.map((ppID) => ({ ppID, plant: model.powerPlant(ppID), state: model.plantState(ppID) })),
      pledges: (scope.full ? ids('P', model.state.plantCount).slice(0, -1) : []).map((ppID) => {
        const read = model.pledges(ppID);

        return { ppID, pledges: read.ok ? read.value.map((row) => ({ ...row, order: BigInt(row.order) })) : read };
      }),
      bids: scope.bids.map(([ppID, address]) => ({ ppID, address, bid: model.bidOf(ppID, address) })),
      offers: scope.offers.map((offerID) => ({ offerID, offer: model.tradeOffer(offerID, now) })),
      contributions: scope.contributors.map((address) => {
        const read = model.contributionsOf(address, 0, 100);

        return { address, pledges: read.ok ? read.value : read };
      }),
      invitations: scope.invitations.map((candidate) => ({ candidate, invitation: model.invitation(candidate) })),
    });

  const ids = (prefix: string, countOf: number): string[] => Array.from({ length: countOf + 1 }, (_, i) => `${prefix}${i + 1}`);
  const pairs = <A, B>(as: readonly A[], bs: readonly B[]): Array<readonly [A, B]> => as.flatMap((a) => bs.map((b) => [a, b] as const));

  /** Accounts that have been members at some time (only they can have pledged). */
  const everMembers = new Set<Address>();

  /**
   * Everything (one ID past the last of each kind too) every FULL_SWEEP_EVERY steps; at the end also
   * every ballot and proposal, and the bids of accounts that were never members.
   */
  const fullScope = (final: boolean): Scope => {
    const s = model.state;
    const rIDs = ids('R', s.referendumCount);
    const ppIDs = ids('P', s.plantCount);
    const addresses = actors.map((actor) => actor.address);
    // Accounts never admitted cannot have pledged: their bids and pledges are read at the end.
    const bidders = final ? addresses : addresses.filter((address) => everMembers.has(address));

    return {
      holders: allAddresses,
      referendums: rIDs,
      proposals: final ? rIDs : [],
      ballots: final ? pairs(rIDs, addresses) : [],
      plants: ppIDs,
      bids: pairs(ppIDs, bidders),
      offers: ids('T', s.offerCount),
      contributors: bidders,
      invitations: final ? allAddresses : addresses,
      full: true,
      final,
    };
  };

  /** The reads compared after every step (from storage): everything a final sweep reads but its pages and constants. */
  const storedScope = (): Scope => ({ ...fullScope(true), final: false });

  const verify = async (scope: Scope, label: string): Promise<void> => {
    const [chain, chainFinal] = await Promise.all([readChain(scope), scope.final ? readFinalChain() : undefined]);
    expect({ after: label, reads: chain, final: chainFinal }).toEqual({
      after: label,
      reads: readModel(scope),
      final: scope.final ? readFinalModel() : undefined,
    });
    expect({ after: label, invariants: invariantViolations(model) }).toEqual({ after: label, invariants: [] });
    if (scope.full) {
      // The invariants from the contracts' reads too (test/group.ts), over every referendum
      // (4) and every account never admitted and the other contracts (5).
      await within(`invariants (${label})`, expectInvariants(group, {
        referendums: ids('R', model.state.referendumCount).slice(0, -1),
        outsiders: [...actors.map((actor) => actor.address).filter((address) => !everMembers.has(address)), ...strangers],
      }));
    }
  };

  /** groupSummary's literals, read once (every sweep reads them again through the VM). */
  const constants = await ledger.groupSummary();

  /** Every read of storedScope, computed from the contracts' storage, against the model. */
  const verifyStored = async (label: string): Promise<void> => {
    const storage = await within(`storage (${label})`, readGroupStorage(group.connected.rpcURL, group.connected.contracts));
    const scope = storedScope();
    const stored = await readChain(scope, storageSource(new StorageView(storage, group.treasury), now, constants));
    expect({ after: label, stored }).toEqual({ after: label, stored: readModel(scope) });
    expect({ after: label, invariants: invariantViolations(model) }).toEqual({ after: label, invariants: [] });
  };

  /** Blocks whose transactions have been accounted for (the node also makes empty blocks on a timer). */
  let knownBlocks = await reader.getBlockCount();

  /** No transaction is pending, and blocks made since the last step hold only their miner transaction. */
  const verifyNothingSent = async (label: string): Promise<void> => {
    const [pending, blocks] = await Promise.all([reader.getMemPool(), reader.getBlockCount()]);
    const newBlocks = await Promise.all(
      Array.from({ length: blocks - knownBlocks }, (_, i) => reader.getBlock(knownBlocks + i)),
    );
    const sent = newBlocks.flatMap((block) => block.transactions.filter((tx) => tx.type !== 'MinerTransaction').map((tx) => tx.hash));
    expect({ after: label, pending, sent }).toEqual({ after: label, pending: [], sent: [] });
  };

  // ---------------------------------------------------------------- The run

  await verify(fullScope(true), 'deployment');
  let ops = 0;
  const uncovered = () => OPS.filter((op) => (coverage.succeeded.get(op) ?? 0) === 0);
  /** The run's steps and outcomes (no block times or jump lengths): equal for two runs of a seed that replayed identically. */
  const trace = createHash('sha256');
  while (ops < TARGET_OPS || (!SHORT_RUN && uncovered().length > 0 && ops < TARGET_OPS + COVERAGE_EXTRA)) {
    await clearDeadlines();
    const step = generator.next(now, ops, Math.max(TARGET_OPS, ops + 1));
    if (step.kind === 'jump') {
      // A jump's length follows deadlines, which carry a block's real time: a block made a
      // second late moves it by a second, so the trace notes the jump, not its length.
      trace.update(`jump (${step.note})\n`);
      await timed('jumps', () => jump(step.seconds, step.note));
      jumps += 1;
      await clearAhead();
      continue;
    }
    ops += 1;
    const snapshot = serialize(model.state);
    // What a startOperation shows only while it runs (ties, a removed funder's share): recorded once it HALTs.
    const effects = generator.effectsOf(step.call);
    const { outcome, sent } = await execute(step, ops);
    trace.update(`${describe(step)} ${serialize(outcome)}\n`);
    if (sent && outcome.ok) {
      generator.record(effects);
    }
    [...model.state.members.keys()].forEach((member) => everMembers.add(member));
    if (sent) {
      await timed('reads', () => verifyStored(`step ${ops}`));
    } else {
      // Rejected by the client before sending: no transaction exists, so the contracts'
      // state is the one verified after the previous step. Checked without reading the
      // contracts (each read runs the contract, ~20 ms): nothing is pending or was added
      // to a block since, and the model did not change either.
      await timed('reads', () => verifyNothingSent(`step ${ops}`));
      expect({ after: `step ${ops}`, model: serialize(model.state) }).toEqual({ after: `step ${ops}`, model: snapshot });
      expect({ after: `step ${ops}`, invariants: invariantViolations(model) }).toEqual({ after: `step ${ops}`, invariants: [] });
    }
    knownBlocks = await reader.getBlockCount();
    if (process.env.MTEMSM_LOG !== undefined && process.env.MTEMSM_LOG !== '') {
      writeFileSync(process.env.MTEMSM_LOG, `${log.join('\n')}\n`);
    }
    if (ops % FULL_SWEEP_EVERY === 0) {
      await timed('sweeps', () => verify(fullScope(false), `full sweep at step ${ops}`));
    }
  }
  await timed('sweeps', () => verify(fullScope(true), 'the end'));

  // ---------------------------------------------------------------- Coverage of the run itself

  const perOp = OPS.map((op) => `${op} ${coverage.succeeded.get(op) ?? 0}/${coverage.rejected.get(op) ?? 0}`).join(', ');
  const plantStatuses = [...model.state.plants.entries()].map(([id, plant]) => `${id}:${plant.status}`).join(' ');
  summary.push(
    `${ops} operations (${rejectedCount} rejected: ${prechecked} before sending, ${faulted} FAULT on chain), ` +
      `${jumps} jumps (+${safetyJumps} safety-net jumps), ` +
      `${((now - startTime) / DAY).toFixed(1)} days; members ${model.state.members.size} (${model.state.admissions} admissions), ` +
      `referendums ${model.state.referendumCount}, offers ${model.state.offerCount}, plants ${plantStatuses}, ${pagesSent} pages of paged steps`,
    `succeeded/rejected per operation: ${perOp}`,
    `effects: ${generator.effects().join(', ')}; lapsed: ${lapsed.join('; ') || 'none'}`,
    `time (s): ${Object.entries(timing).map(([key, ms]) => `${key} ${(ms / 1000).toFixed(1)}`).join(', ')}`,
    `replay: trace ${trace.digest('hex').slice(0, 16)}; ${lateBlocks} blocks off their planned time`,
  );
  log.push(...summary);
  // The run itself: every operation succeeded at least once, by all ten accounts, with
  // about one step in four rejected, over time jumps; a pinned seed shows its effects
  // (recorded above, or read from the model's state: generators/effects.ts). These need a
  // run of 200 operations: a shorter one (MTEMSM_OPS, local debugging only; refused under
  // CI) checks what holds at any length and says what it left out.
  expect(ops).toBeGreaterThanOrEqual(TARGET_OPS);
  if (SHORT_RUN) {
    summary.push(`MTEMSM_OPS=${TARGET_OPS} < ${MIN_OPS}: not checked: every operation succeeded, all signers, the rejected share, jumps, the pinned effects`);
    console.warn(summary[summary.length - 1]);

    return;
  }
  if (expectedEffects !== undefined) {
    expect({ uncovered: uncovered() }).toEqual({ uncovered: [] });
  } else if (uncovered().length > 0) {
    // An exploring seed reports what it did not reach; pinned seeds must reach everything.
    console.warn(`seed ${seed}: no successful ${uncovered().join(', ')} in ${ops} operations (reported, not a failure)`);
  }
  expect(signers.size).toBe(accounts.length);
  expect(rejectedCount / ops).toBeGreaterThan(0.15);
  expect(rejectedCount / ops).toBeLessThan(0.4);
  expect(jumps).toBeGreaterThan(0);
  if (expectedEffects !== undefined) {
    expect({ seed, missing: expectedEffects.filter((effect) => !generator.effects().includes(effect)) }).toEqual({ seed, missing: [] });
  }
};
