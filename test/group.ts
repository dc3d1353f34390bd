/**
 * Test harness: a founded-or-not MTEMsm group on an in-memory neo-one node in this
 * process, deployed as users deploy it (src/chain/compile.ts and deployGroup: the
 * scripts with the founder in them and the verification guard in front).
 *
 * `withGroup` deploys the four contracts (ledger, trades, plants, referendums) with
 * their default settings (30-day referendums, 60-day crowdfunding with a 7-day minimum
 * window, 30-day minimum time to market, R$ 100.00 minimum bid, 5 MW maximum plant),
 * founded by neo-one's private-network master account, gives nine test accounts GAS
 * (some pages of paged work and deployments cost more than NEO's 10 free GAS) and hands
 * the test named contracts and accounts.
 */
import { Hash256, privateKeyToAddress, TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { createHash } from 'crypto';
import { AuditedGroup, auditedGroup as connectedAudit } from '../src/audit/events';
import { plain, WITHOUT_TEST_RUN } from '../src/chain/batch';
import { compileGroup, CompiledContract } from '../src/chain/compile';
import { connect, deployGroup, DEFAULT_SETTINGS, Group as ChainGroup, NETWORK, profileHash as hashProfile } from '../src/chain/group';
import { startNode } from '../src/chain/node';

export { passTime } from '../src/chain/group';
import { lastBlockTime as chainLastBlockTime } from '../src/chain/group';
import { readPledges } from '../src/chain/plants';
import { allContributions, allMembers as readAllMembers } from '../src/chain/reads';

export const DAY = 86_400;
export const REFERENDUM_PERIOD = 30 * DAY;
export const CROWDFUNDING_PERIOD = 60 * DAY;
export const MIN_TIME_TO_MARKET = 30 * DAY;
export const MIN_FUNDING_WINDOW = 7 * DAY;
/** The CLI's default validity of a trade offer. */
export const OFFER_PERIOD = 7 * DAY;

/** What tests reach of the node: the client, its name for the network, the developer RPC (time, blocks). */
export interface TestContext {
  readonly client: ChainGroup['client'];
  readonly networkName: string;
  readonly developerClient: ChainGroup['developer'];
}

export interface Group {
  readonly ledger: ChainGroup['ledger'];
  readonly trades: ChainGroup['trades'];
  readonly plants: ChainGroup['plants'];
  readonly referendums: ChainGroup['referendums'];
  /** The deployer, who founds the group. */
  readonly founder: UserAccountID;
  /** Nine other funded accounts, in a fixed order. */
  readonly accounts: readonly UserAccountID[];
  /** The group treasury's address: the ledger contract's own. */
  readonly treasury: string;
  readonly context: TestContext;
  /** The group as src/chain/group.ts connects it (addresses, chain reader). */
  readonly connected: ChainGroup;
}

/** The compiled contracts, once per test process (about 10 s). */
let compiled: Promise<CompiledContract[]> | undefined;
export const compiledGroup = async (): Promise<CompiledContract[]> => {
  compiled = compiled ?? compileGroup();

  return compiled;
};

/** Nine fixed test keys (never funded anywhere but on these throwaway nodes). */
const testKey = (index: number): string => createHash('sha256').update(`mtemsm test account ${index}`).digest('hex');

/** SHA-256 of a member's plain profile: what goes on chain instead of personal data. */
export const profileHash = (fullName: string, consumerUnit = '0000000', salt = 'test salt'): string =>
  hashProfile(fullName, consumerUnit, salt);

export const big = (value: number | string): BigNumber => new BigNumber(value);

/** Runs `test` on a freshly deployed group (one in-memory node per call: share it within a file). */
export const withGroup = async (test: (group: Group) => Promise<void>): Promise<void> => {
  const node = await startNode();
  try {
    const deployer = connect({ rpcURL: node.rpcURL, autoConsensus: true });
    const master = await deployer.master();
    const deployment = await deployGroup(deployer, master, DEFAULT_SETTINGS, await compiledGroup());
    const group = connect({
      rpcURL: node.rpcURL,
      contracts: deployment.contracts,
      sourceMaps: deployment.sourceMaps,
      autoConsensus: true,
    });
    const founder = await group.master();
    const accounts: UserAccountID[] = [];
    for (let index = 0; index < 9; index++) {
      accounts.push(await group.addAccount(testKey(index)));
    }
    const transfer = await group.client.transfer(
      accounts.map((account) => ({ amount: big(10_000), asset: Hash256.GAS, to: account.address })),
      { from: founder },
    );
    await transfer.confirmed();
    await test({
      ledger: group.ledger,
      trades: group.trades,
      plants: group.plants,
      referendums: group.referendums,
      founder,
      accounts,
      treasury: deployment.contracts.ledger,
      context: { client: group.client, networkName: NETWORK, developerClient: group.developer },
      connected: group,
    });
  } finally {
    await node.stop().catch(() => undefined);
  }
};

/** The time of the test group's last block (src/chain/group.ts lastBlockTime). */
export const lastBlockTime = async (group: Group): Promise<number> => chainLastBlockTime(group.connected);

/** The address of test account `index` (0-8), before any group exists. */
export const testAddress = (index: number): string => privateKeyToAddress(testKey(index));

/** The test group as the auditor reads it (src/audit/events.ts). */
export const auditedGroup = (group: Group): AuditedGroup => connectedAudit(group.connected);

export interface Outcome {
  readonly value: unknown;
  readonly gasCost: BigNumber;
  readonly events: ReadonlyArray<{ readonly name: string; readonly parameters: Record<string, unknown> }>;
}

/** Sends a confirmed call and returns its value, gas and events; fails the test on a FAULT. */
export const send = async (call: Promise<TransactionResult<any>>): Promise<Outcome> => {
  const result = await call;
  const receipt = await result.confirmed({ timeoutMS: 10_000 });
  if (receipt.result.state === 'FAULT') {
    throw new Error(`FAULT: ${receipt.result.message}`);
  }

  return {
    value: receipt.result.value,
    gasCost: receipt.result.gasCost,
    events: receipt.events.map((event: any) => ({ name: event.name, parameters: plain(event.parameters) })),
  };
};

/** BigNumbers as strings, so events compare with toEqual. */
export { plain };

/**
 * Fixture calls skip the client's test run (src/chain/batch.ts WITHOUT_TEST_RUN): `send`
 * fails on a FAULT anyway. A third of a fixture's time was those test runs.
 */
export const FIXTURE = WITHOUT_TEST_RUN;

/** Votes `answers` (account → yes/no) on a referendum, one transaction each. */
export const voteAll = async (
  group: Group,
  rID: string,
  answers: ReadonlyArray<readonly [UserAccountID, boolean]>,
): Promise<void> => {
  for (const [account, answer] of answers) {
    await send(group.referendums.vote(rID, account.address, answer, { from: account, ...FIXTURE } as any));
  }
};

/** Founds the group and admits `count` accounts by unanimous referendums; returns the members, founder first. */
export const foundWith = async (group: Group, count: number, utility = 'Light'): Promise<UserAccountID[]> => {
  const { referendums, founder, accounts } = group;
  await send(referendums.admission(founder.address, profileHash('Founder'), utility, { from: founder, ...FIXTURE } as any));
  const members = [founder];
  for (const account of accounts.slice(0, count)) {
    await send(referendums.invite(founder.address, account.address, { from: founder, ...FIXTURE } as any));
    const outcome = await send(
      referendums.admission(account.address, profileHash(account.address), utility, { from: account, ...FIXTURE } as any),
    );
    const rID = outcome.value as string;
    await voteAll(group, rID, members.map((member) => [member, true] as const));
    await send(referendums.admissionResult(rID, { from: founder, ...FIXTURE } as any));
    members.push(account);
  }

  return members;
};

/** All members, read page by page (src/chain/reads.ts). */
export const allMembers = async (group: Pick<Group, 'ledger'>): Promise<string[]> => readAllMembers(group.ledger);

/**
 * Invariants 1, 2, 3 (from reads), 4 (for the given referendums) and 5 (for the
 * given non-member addresses). Returns nothing; fails the test on a violation.
 */
export const expectInvariants = async (
  group: Pick<Group, 'ledger' | 'plants' | 'referendums'>,
  options: { readonly referendums?: readonly string[]; readonly outsiders?: readonly string[] } = {},
): Promise<void> => {
  const { ledger, plants, referendums } = group;
  const summary = await ledger.groupSummary();
  const treasury = await ledger.treasury();
  let quotaW = treasury.quotaW;
  let tokens = treasury.tokens;
  const contributions = new Map<string, BigNumber>();
  for (const address of await allMembers(group)) {
    const member = await ledger.member(address);
    if (member === undefined) {
      throw new Error(`listed member ${address} has no record`);
    }
    expect((await ledger.balanceOf(address)).toString()).toEqual(member.tokens.toString());
    quotaW = quotaW.plus(member.quotaW);
    tokens = tokens.plus(member.tokens);
    for (const { ppID, amount } of await allContributions(ledger, plants, address)) {
      contributions.set(ppID, (contributions.get(ppID) ?? big(0)).plus(amount));
    }
  }
  // 1 and 2
  expect(tokens.toString()).toEqual(summary.totalSupply.toString());
  expect(summary.totalSupply.toString()).toEqual(summary.totalCapacityW.div(1000).toString());
  expect((await ledger.totalSupply()).toString()).toEqual(summary.totalSupply.toString());
  expect(quotaW.toString()).toEqual(summary.totalCapacityW.toString());
  // 3: while funding or closing, raised is exactly the sum of the plant's pledges (removed
  // members' pledges included, so the members' own contributions are only a lower bound).
  const listed = await plants.listOfPowerPlants(big(0), big(100));
  expect(listed.length).toEqual(summary.powerPlants.toNumber());
  for (const ppID of listed) {
    const plant = await plants.powerPlant(ppID);
    if (plant === undefined) {
      throw new Error(`listed plant ${ppID} has no record`);
    }
    const pledged = contributions.get(ppID) ?? big(0);
    // v1.1: pledges may exceed the cost while funding; an oversubscribed plant is cut at the close.
    if (plant.status === 'funding' || plant.status === 'closing') {
      const rows = await readPledges(plants, ppID);
      const sum = rows.reduce((total, row) => total + row.amount, 0n);
      expect([ppID, (Number(sum) / 100).toFixed(2)]).toEqual([ppID, plant.raised.toFixed(2)]);
    }
    if (plant.status === 'funding' || plant.status === 'failing' || plant.status === 'removing') {
      expect(pledged.lte(plant.raised)).toBe(true);
    } else if (plant.status === 'closing') {
      expect(plant.raised.gt(plant.cost)).toBe(true);
    } else if (plant.status === 'funded' || plant.status === 'issuing' || plant.status === 'operating') {
      expect(plant.raised.toString()).toEqual(plant.cost.toString());
    } else {
      expect([plant.status, plant.raised.toString(), pledged.toString()]).toEqual([plant.status, '0', '0']);
    }
  }
  // 4 (an ID that names no referendum is the caller's mistake: fail on it)
  for (const rID of options.referendums ?? []) {
    const referendum = await referendums.referendum(rID);
    if (referendum === undefined) {
      throw new Error(`expectInvariants: no referendum ${rID}`);
    }
    expect([rID, referendum.yes.plus(referendum.no).lte(referendum.electorate)]).toEqual([rID, true]);
  }
  // 5
  for (const address of options.outsiders ?? []) {
    expect((await ledger.balanceOf(address)).toString()).toEqual('0');
    expect(await ledger.member(address)).toBeUndefined();
  }
};
