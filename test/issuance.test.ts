/**
 * startOperation for plants with more funders than one transaction can issue to
 * (NeoVM's 2,048 stack items): the quota goes out in pages of 20 funders, and the
 * result is exactly the spec's largest-remainder rule, ties to the earlier pledge.
 * 45 members on an in-memory node; two plants of 45 funders each (three pages).
 */
import { UserAccountID, createPrivateKey } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { Receipt, chainPositions, sendBlock, startOperationPages } from '../src/chain/batch';
import { DEFAULT_SETTINGS, Group, fundWithGAS, profileHash } from '../src/chain/group';
import { startGroupNode } from '../src/chain/inMemory';
import { RunningNode } from '../src/chain/node';
import { expectedQuotas } from '../src/experiment/scenario';
import { expectInvariants } from './group';

const MEMBERS = 45;
const TIME_TO_MARKET = DEFAULT_SETTINGS.minTimeToMarket;

let node: RunningNode;
let group: Group;
let members: UserAccountID[];

const send = async (operation: string, calls: Array<Promise<any>>): Promise<Receipt[]> =>
  sendBlock(group, operation, calls);

const quotaOf = async (member: UserAccountID): Promise<BigNumber> =>
  (await group.ledger.member(member.address))?.quotaW ?? new BigNumber(0);

/**
 * A plant approved, pledged by every member (`pledges[i]` by members[i], sent in one
 * block) and funded, its time to market passed. Returns its ID and the expected
 * quota of each member.
 */
const fundedPlant = async (capacityW: number, pledges: readonly BigNumber[]): Promise<{ ppID: string; expected: number[] }> => {
  const [founder] = members;
  const cost = pledges.reduce((sum, pledge) => sum.plus(pledge), new BigNumber(0));
  const [proposal] = await send('powerUp', [
    group.referendums.powerUp(founder.address, new BigNumber(capacityW), cost, 'Light', new BigNumber(TIME_TO_MARKET), {
      from: founder,
    }),
  ]);
  const rID = proposal.value as string;
  await send(
    'vote',
    members.slice(0, 23).map((member) => group.referendums.vote(rID, member.address, true, { from: member })),
  );
  const [registered] = await send('powerUpResult', [group.referendums.powerUpResult(rID, { from: founder })]);
  const ppID = registered.value as string;
  const bids = await send(
    'bid',
    members.map((member, index) => group.plants.bid(ppID, member.address, pledges[index], { from: member })),
  );
  await send('crowdfundingResult', [group.plants.crowdfundingResult(ppID, { from: founder })]);
  await group.developer.fastForwardOffset(TIME_TO_MARKET + 60);
  // The rule computed here in BigInt arithmetic, ties to the pledge that ran first.
  const expected = expectedQuotas(capacityW, pledges, await chainPositions(group, bids));

  return { ppID, expected };
};

beforeAll(async () => {
  ({ node, group } = await startGroupNode());
  const founder = await group.master();
  members = [founder];
  for (let index = 1; index < MEMBERS; index++) {
    members.push(await group.addAccount(createPrivateKey()));
  }
  await fundWithGAS(group, founder, members.slice(1).map((member) => member.address), 50);
  // Founding day: each candidate applies while the founder is the only member.
  await send('admission', [group.referendums.admission(founder.address, profileHash('F', '1', 's'), 'Light', { from: founder })]);
  const candidates = members.slice(1);
  const requests = await send(
    'admission',
    candidates.map((member, index) =>
      group.referendums.admission(member.address, profileHash(`M${index}`, '1', 's'), 'Light', { from: member }),
    ),
  );
  const rIDs = requests.map((receipt) => receipt.value as string);
  await send('vote', rIDs.map((rID) => group.referendums.vote(rID, founder.address, true, { from: founder })));
  await send(
    'admissionResult',
    rIDs.map((rID, index) => group.referendums.admissionResult(rID, { from: candidates[index] })),
  );
});

afterAll(async () => {
  await node?.stop();
});

test('45 equal pledges: three pages, the 10 leftover watts to the 10 earliest pledges', async () => {
  // 1,000 W over 45 equal pledges: 22 W each (990 W), 10 W left over, every remainder equal.
  const { ppID, expected } = await fundedPlant(1_000, members.map(() => new BigNumber(100)));
  expect(expected.filter((quotaW) => quotaW === 23)).toHaveLength(10);
  const { totalCapacityW: before } = await group.ledger.groupSummary();

  // Page 1 of 3: 20 funders hold their quota; the plant is still funded and cannot be removed.
  const [first] = await send('startOperation', [group.plants.startOperation(ppID, { from: members[0] })]);
  expect(first.value).toBe(false);
  expect(first.events.filter((event) => event.name === 'quotaTransfer')).toHaveLength(20);
  expect((await group.plants.powerPlant(ppID))?.status).toBe('funded');
  expect(await group.plants.plantStatus(ppID)).toBe('issuing');
  const issued = first.events
    .filter((event) => event.name === 'quotaTransfer')
    .reduce((sum, event) => sum + Number(event.parameters.quotaW), 0);
  expect((await group.ledger.groupSummary()).totalCapacityW.minus(before).toNumber()).toBe(issued);
  await expectInvariants(group);
  await expect(
    group.referendums.proposePlantRemoval(members[1].address, ppID, { from: members[1] }),
  ).rejects.toThrow(/A plant can be removed only before it operates\./);
  await expect(
    group.plants.bid(ppID, members[1].address, new BigNumber(100), { from: members[1] }),
  ).rejects.toThrow(/The crowdfunding of this plant is closed\./);

  // Pages 2 and 3: the last one puts the plant in operation.
  const rest = await startOperationPages(group, ppID, members[0]);
  expect(rest.map((page) => page.value)).toEqual([false, true]);
  const plant = await group.plants.powerPlant(ppID);
  expect(plant?.status).toBe('operating');
  expect(plant?.operatingSince.toNumber()).toBeGreaterThan(0);
  expect(await group.plants.plantStatus(ppID)).toBe('operating');
  expect((await group.ledger.groupSummary()).totalCapacityW.minus(before).toNumber()).toBe(1_000);
  for (const [index, member] of members.entries()) {
    expect((await quotaOf(member)).toNumber()).toBe(expected[index]);
  }
  await expectInvariants(group);
  await expect(group.plants.startOperation(ppID, { from: members[0] })).rejects.toThrow(/The plant is not funded\./);
});

test('45 mixed pledges with ties and a large leftover: each quota is the rule, to the watt', async () => {
  const already = await Promise.all(members.map(quotaOf));
  // Pledges of R$ 100.00 to R$ 1,000.37 in 7 repeating amounts (ties), capacity prime.
  const pledges = members.map((_, index) => new BigNumber(100).plus(((index * 37) % 7) * 150.06).decimalPlaces(2));
  const { ppID, expected } = await fundedPlant(99_991, pledges);
  // More leftover watts than one selection round samples (16), so the selection narrows.
  const cents = pledges.map((pledge) => BigInt(pledge.times(100).toFixed(0)));
  const cost = cents.reduce((a, b) => a + b, 0n);
  const leftover = 99_991n - cents.reduce((sum, pledge) => sum + (99_991n * pledge) / cost, 0n);
  expect(Number(leftover)).toBeGreaterThan(16);
  const pages = await startOperationPages(group, ppID, members[0]);
  expect(pages.map((page) => page.value)).toEqual([false, false, true]);
  for (const [index, member] of members.entries()) {
    expect((await quotaOf(member)).minus(already[index]).toNumber()).toBe(expected[index]);
  }
  const summary = await group.ledger.groupSummary();
  expect(summary.totalCapacityW.toNumber()).toBe(1_000 + 99_991);
  await expectInvariants(group);
});
