/**
 * The thesis experiment with a small group (2 prosumers, 4 consumers) on an in-memory
 * node, on the four v1.1 contracts: the report's figures must equal what the contracts say.
 */
import BigNumber from 'bignumber.js';
import { DEFAULT_SETTINGS, Group } from '../src/chain/group';
import { startGroupNode } from '../src/chain/inMemory';
import { RunningNode } from '../src/chain/node';
import { Checks, FREE_GAS, ReportJSON, check, figures, markdown } from '../src/experiment/report';
import { DAY, ExperimentResult, OFFER_VALIDITY, runExperiment } from '../src/experiment/run';
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
    const offer = await group.trades.tradeOffer(trade.offerID);
    expect(offer?.status).toBe('accepted');
    expect(offer?.from).toBe(result.members[trade.from].address);
    expect(offer?.to).toBe(result.members[trade.to].address);
    expect(offer?.quotaW.toNumber()).toBe(trade.quotaW);
    expect(offer?.tokens.toString()).toBe(trade.tokens.toString());
    // Valid for the command line's default, 7 days.
    expect(offer?.expiresAt.minus(offer.offeredAt).toNumber()).toBe(7 * DAY);
  }
  expect(OFFER_VALIDITY).toBe(7 * DAY);
  expect((await group.trades.offerCount()).toNumber()).toBe(result.trades.length);
});

test("every admission used a member's invitation, sent in an earlier block", async () => {
  expect(result.admissions.map((admission) => admission.member)).toEqual(result.members.slice(1).map((member) => member.index));
  expect(report.invitations).toBe(5);
  for (const admission of result.admissions) {
    const member = result.members[admission.member];
    expect(admission.inviterAddress).toBe(result.members[admission.inviter].address);
    expect(admission.invitedInBlock).toBeLessThan(admission.requestedInBlock);
    const referendum = await group.referendums.referendum(admission.rID);
    expect(referendum?.status).toBe('approved');
    // Founding day: invited by the founder, decided by the founder alone.
    if (member.cohort === 'founding day') {
      expect(admission.inviter).toBe(0);
      expect(referendum?.electorate.toNumber()).toBe(1);
    } else {
      expect(referendum?.electorate.toNumber()).toBe(5);
    }
    // Used up by the request, deleted by the result.
    expect(await group.referendums.invitation(member.address)).toBeUndefined();
  }
});

test('the plants went through the v1.1 statuses, their paged steps one page a transaction', () => {
  const [groupPlant, extension, carport] = report.plants;
  expect(groupPlant.statuses).toEqual(['funding', 'funded', 'issuing', 'operating']);
  expect(extension.statuses).toEqual(['opened', 'rejected']);
  expect(carport.statuses).toEqual(['funding', 'failing', 'failed']);
  // Pledged exactly its cost: nothing cut. The carport: 6 pledges of R$ 200.00.
  expect(groupPlant.pledged).toBe(groupPlant.cost);
  expect(carport.pledged).toBe('1200.00');
  const count = (operation: string) => report.gas.find((row) => row.operation === operation)?.count;
  // 6 funders: one checking page (up to 8 pledges), then one funder a page.
  expect(count('crowdfundingResult (funded)')).toBe(1);
  expect(count('startOperation (checking page)')).toBe(1);
  expect(count('startOperation (issuing page)')).toBe(6);
  expect(groupPlant.pages).toBe(1 + 1 + 6);
  // 6 pledges cancelled two a page.
  expect(count('crowdfundingResult (failing)')).toBe(1);
  expect(count('cancelPledges page')).toBe(3);
  expect(carport.pages).toBe(1 + 3);
  // The 7-day funding window, the time to market and the crowdfunding period (each + 60 s).
  expect(report.minFundingWindowDays).toBe(7);
  expect(result.fastForwardSeconds).toBe(7 * DAY + ASSUMPTIONS.timeToMarket + DEFAULT_SETTINGS.crowdfundingPeriod + 180);
});

test('every operation, each page of a paged step included, fits in the free 10 GAS', () => {
  const over = report.gas.filter((row) => row.max > FREE_GAS).map((row) => `${row.operation} ${row.max}`);
  expect(over).toEqual([]);
  expect(report.overFreeGas).toEqual([]);
  expect(report.gas.every((row) => row.withinFreeGas)).toBe(true);
});

test('the markdown report states the v1.1 changes and every gas row', () => {
  const text = markdown(report, checks, 'chart.svg');
  expect(text).toContain('## What v1.1 changed in this run');
  expect(text).toContain('nothing was cut');
  expect(text).toContain('funding → funded → issuing → operating');
  expect(text).toContain('**Met:**');
  for (const row of report.gas) {
    expect(text).toContain(`| ${row.operation} | ${row.count} |`);
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
