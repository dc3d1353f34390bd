/**
 * The thesis experiment with a small group (2 prosumers, 4 consumers) on an in-memory
 * node: the report's figures must equal what the contracts say.
 */
import BigNumber from 'bignumber.js';
import { DEFAULT_SETTINGS, Group } from '../src/chain/group';
import { startGroupNode } from '../src/chain/inMemory';
import { RunningNode } from '../src/chain/node';
import { Checks, ReportJSON, check, figures } from '../src/experiment/report';
import { ExperimentResult, runExperiment } from '../src/experiment/run';
import { ASSUMPTIONS, SMALL_GROUP, apportion, planMembers, planTrades } from '../src/experiment/scenario';

let node: RunningNode;
let group: Group;
let result: ExperimentResult;
let checks: Checks;
let report: ReportJSON;

beforeAll(async () => {
  ({ node, group } = await startGroupNode());
  result = await runExperiment({
    group,
    founder: await group.master(),
    planned: planMembers(SMALL_GROUP, ASSUMPTIONS),
    assumptions: ASSUMPTIONS,
    crowdfundingPeriod: DEFAULT_SETTINGS.crowdfundingPeriod,
    laterJoiners: 1,
  });
  checks = await check(group, result);
  report = figures(result, checks, ASSUMPTIONS, { wallSeconds: 1, laterJoiners: 1, settings: {} });
});

afterAll(async () => {
  await node?.stop();
});

test('apportioning conserves the total and gives leftovers to the largest remainders', () => {
  expect(apportion(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
  expect(apportion(700n, [300n, 250n, 150n])).toEqual([300n, 250n, 150n]);
  expect(apportion(10_000n, [30_000n, 25_000n, 15_000n])).toEqual([4286n, 3571n, 2143n]);
});

test('the small group plans exact totals: Table 4 consumption and pledges adding up to each cost', () => {
  const members = planMembers(SMALL_GROUP, ASSUMPTIONS);
  expect(members.filter((member) => member.profile === 'prosumer').reduce((sum, m) => sum + m.averageKWh, 0)).toBe(720);
  expect(members.filter((member) => member.profile === 'consumer').reduce((sum, m) => sum + m.averageKWh, 0)).toBe(4500);
  for (const plan of result.plans) {
    expect(plan.pledges.reduce((sum, pledge) => sum.plus(pledge), new BigNumber(0)).toFixed(2)).toBe(plan.cost.toFixed(2));
  }
});

test('the report says the invariants hold, from every event on chain', () => {
  expect(checks.violation).toBeUndefined();
  expect(checks.mismatches).toEqual([]);
  expect(report.invariantsHold).toBe(true);
  expect(report.eventsChecked).toBeGreaterThan(50);
});

test("the report's members, plants and totals are the contracts' own", async () => {
  const summary = await group.ledger.groupSummary();
  expect(report.members).toBe(summary.members.toNumber());
  expect(report.members).toBe(6);
  // The group's plant operating, one extension rejected (no plant), one carport failed.
  expect(summary.powerPlants.toNumber()).toBe(2);
  for (const plant of report.plants) {
    if (plant.ppID === '') {
      const referendum = await group.referendums.referendum(plant.rID);
      expect(referendum?.status).toBe('rejected');
      expect(referendum?.no.toNumber()).toBe(plant.no);
      continue;
    }
    const read = await group.plants.powerPlant(plant.ppID);
    expect(read?.status).toBe(plant.outcome);
    expect(read?.capacityW.toNumber()).toBe(plant.capacityW);
    expect(read?.cost.toFixed(2)).toBe(plant.cost);
    const referendum = await group.referendums.referendum(plant.rID);
    expect(referendum?.yes.toNumber()).toBe(plant.yes);
    expect(referendum?.electorate.toNumber()).toBe(plant.electorate);
  }
  const operating = report.plants.filter((plant) => plant.outcome === 'operating');
  expect(operating).toHaveLength(1);
  expect(summary.totalCapacityW.toNumber()).toBe(operating.reduce((sum, plant) => sum + plant.capacityW, 0));
  expect(summary.totalSupply.toString()).toBe(summary.totalCapacityW.div(1000).toString());
});

test("each profile's quota and SEB after trades are the sums of its members' reads", async () => {
  for (const profile of report.profiles) {
    let quotaW = 0;
    let seb = new BigNumber(0);
    for (const member of result.members.filter((entry) => entry.profile === profile.profile)) {
      const read = await group.ledger.member(member.address);
      quotaW += read?.quotaW.toNumber() ?? 0;
      seb = seb.plus(read?.tokens ?? 0);
    }
    expect(profile.quotaAfterTradesW).toBe(quotaW);
    expect(profile.sebAfterTrades).toBe(seb.toFixed());
  }
});

test('every planned trade was accepted on chain, with the planned quota and SEB', async () => {
  expect(result.trades).toEqual(
    planTrades(result.members, result.quotas, ASSUMPTIONS).map((trade, index) => ({ ...trade, offerID: result.trades[index].offerID })),
  );
  expect(report.trades).toBe(result.trades.length);
  expect(report.trades).toBeGreaterThan(0);
  for (const trade of result.trades) {
    const offer = await group.ledger.tradeOffer(trade.offerID);
    expect(offer?.status).toBe('accepted');
    expect(offer?.quotaW.toNumber()).toBe(trade.quotaW);
    expect(offer?.tokens.toString()).toBe(trade.tokens.toString());
  }
});

test('the gas table counts every transaction the experiment sent, within the blocks it made', async () => {
  const counted = report.gas.reduce((sum, row) => sum + row.count, 0);
  // The GAS transfers that fund members are not contract operations.
  expect(counted).toBe(report.transactions - 1);
  const vote = report.gas.find((row) => row.operation === 'vote');
  expect(vote?.count).toBe(
    report.plants.reduce((sum, plant) => sum + plant.yes + plant.no, 0) + 4 /* founding day: the founder on each */ + 3 /* the later joiner: a majority of 5 */,
  );
  for (const row of report.gas) {
    expect(row.min).toBeLessThanOrEqual(row.median);
    expect(row.median).toBeLessThanOrEqual(row.max);
  }
  expect(report.blocks).toBe((await group.chain.getBlockCount()) - result.firstBlock);
});
