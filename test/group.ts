/**
 * Test harness: a founded-or-not MTEMsm group on an in-memory neo-one node.
 *
 * `withGroup` deploys the three contracts (ledger, plants, referendums) with their
 * default settings (30-day referendums, 60-day crowdfunding, 30-day minimum time to
 * market, R$ 100.00 minimum bid, 5 MW maximum plant), funds the test accounts with
 * GAS (results of referendums and startOperation can cost more than NEO's 10 free
 * GAS) and hands the test named contracts and accounts.
 */
import { Hash256, TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import type { AuditedGroup, ChainReader } from '../src/audit/events';
import { plain } from '../src/chain/batch';
import { profileHash as hashProfile } from '../src/chain/group';
import { Contracts } from '../src/neo-one/contracts';
import { withContracts } from '../src/neo-one/test';

export const DAY = 86_400;
export const REFERENDUM_PERIOD = 30 * DAY;
export const CROWDFUNDING_PERIOD = 60 * DAY;
export const MIN_TIME_TO_MARKET = 30 * DAY;

type TestContext = Parameters<Parameters<typeof withContracts>[0]>[0];

export interface Group {
  readonly ledger: Contracts['mteMsm'];
  readonly plants: Contracts['mteMsmPlants'];
  readonly referendums: Contracts['mteMsmReferendums'];
  /** The deployer, who founds the group. */
  readonly founder: UserAccountID;
  /** Nine other funded accounts, in a fixed order. */
  readonly accounts: readonly UserAccountID[];
  /** The group treasury's address: the ledger contract's own. */
  readonly treasury: string;
  readonly context: TestContext;
}

/** SHA-256 of a member's plain profile: what goes on chain instead of personal data. */
export const profileHash = (fullName: string, consumerUnit = '0000000', salt = 'test salt'): string =>
  hashProfile(fullName, consumerUnit, salt);

export const big = (value: number | string): BigNumber => new BigNumber(value);

/** Runs `test` on a freshly deployed group (one in-memory node per call: share it within a file). */
export const withGroup = async (test: (group: Group) => Promise<void>): Promise<void> =>
  withContracts(async (context) => {
    const { client, masterAccountID, accountIDs } = context;
    const transfer = await client.transfer(
      accountIDs.map((account) => ({ amount: big(10_000), asset: Hash256.GAS, to: account.address })),
      { from: masterAccountID },
    );
    await transfer.confirmed();
    await test({
      ledger: context.mteMsm,
      plants: context.mteMsmPlants,
      referendums: context.mteMsmReferendums,
      founder: masterAccountID,
      accounts: accountIDs.slice(0, 9),
      treasury: context.mteMsm.definition.networks[context.networkName].address,
      context,
    });
  });

/** The test group as the auditor reads it (src/audit/events.ts): the node of neo-one's test context. */
export const auditedGroup = ({ ledger, plants, referendums, context }: Group): AuditedGroup => {
  const { client, networkName } = context;
  const address = (contract: { readonly definition: { readonly networks: Record<string, { readonly address: string }> } }) =>
    contract.definition.networks[networkName].address;

  return {
    ledger: ledger as AuditedGroup['ledger'],
    plants: plants as AuditedGroup['plants'],
    referendums: referendums as AuditedGroup['referendums'],
    chain: client.read(networkName) as ChainReader,
    contracts: { ledger: address(ledger), plants: address(plants), referendums: address(referendums) },
    rpcURL: `neo-one's in-memory test node (network ${networkName})`,
    network: networkName,
  };
};

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

/** Votes `answers` (account → yes/no) on a referendum, one transaction each. */
export const voteAll = async (
  group: Group,
  rID: string,
  answers: ReadonlyArray<readonly [UserAccountID, boolean]>,
): Promise<void> => {
  for (const [account, answer] of answers) {
    await send(group.referendums.vote(rID, account.address, answer, { from: account }));
  }
};

/** Founds the group and admits `count` accounts by unanimous referendums; returns the members, founder first. */
export const foundWith = async (group: Group, count: number, utility = 'Light'): Promise<UserAccountID[]> => {
  const { referendums, founder, accounts } = group;
  await send(referendums.admission(founder.address, profileHash('Founder'), utility, { from: founder }));
  const members = [founder];
  for (const account of accounts.slice(0, count)) {
    const outcome = await send(
      referendums.admission(account.address, profileHash(account.address), utility, { from: account }),
    );
    const rID = outcome.value as string;
    await voteAll(group, rID, members.map((member) => [member, true] as const));
    await send(referendums.admissionResult(rID));
    members.push(account);
  }

  return members;
};

/** All members, read page by page. */
export const allMembers = async (group: Pick<Group, 'ledger'>): Promise<string[]> => {
  const members: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await group.ledger.listOfMembers(big(offset), big(100));
    members.push(...page);
    if (page.length < 100) {
      return members;
    }
  }
};

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
    for (const { ppID, amount } of await plants.contributionsOf(address)) {
      contributions.set(ppID, (contributions.get(ppID) ?? big(0)).plus(amount));
    }
  }
  // 1 and 2
  expect(tokens.toString()).toEqual(summary.totalSupply.toString());
  expect(summary.totalSupply.toString()).toEqual(summary.totalCapacityW.div(1000).toString());
  expect((await ledger.totalSupply()).toString()).toEqual(summary.totalSupply.toString());
  expect(quotaW.toString()).toEqual(summary.totalCapacityW.toString());
  // 3 (pledges of removed members still count in `raised`, so members' pledges are a lower bound)
  for (const ppID of await plants.listOfPowerPlants(big(0), big(100))) {
    const plant = await plants.powerPlant(ppID);
    if (plant === undefined) {
      throw new Error(`listed plant ${ppID} has no record`);
    }
    const pledged = contributions.get(ppID) ?? big(0);
    if (plant.status === 'funding') {
      expect(pledged.lte(plant.raised)).toBe(true);
      expect(plant.raised.lte(plant.cost)).toBe(true);
    } else if (plant.status === 'funded' || plant.status === 'operating') {
      expect(plant.raised.toString()).toEqual(plant.cost.toString());
    } else {
      expect(plant.raised.toString()).toEqual('0');
      expect(pledged.toString()).toEqual('0');
    }
  }
  // 4
  for (const rID of options.referendums ?? []) {
    const referendum = await referendums.referendum(rID);
    if (referendum !== undefined) {
      expect(referendum.yes.plus(referendum.no).lte(referendum.electorate)).toBe(true);
    }
  }
  // 5
  for (const address of options.outsiders ?? []) {
    expect((await ledger.balanceOf(address)).toString()).toEqual('0');
    expect(await ledger.member(address)).toBeUndefined();
  }
};
