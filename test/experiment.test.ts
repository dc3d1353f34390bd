/**
 * The thesis experiment with a small group (2 prosumers, 4 consumers) on an in-memory
 * node, on the four v1.1 contracts: the report's figures must equal what the contracts say.
 */
import BigNumber from 'bignumber.js';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inBatches, sendBlock } from '../src/chain/batch';
import { DEFAULT_SETTINGS, Group } from '../src/chain/group';
import { startGroupNode } from '../src/chain/inMemory';
import { RunningNode } from '../src/chain/node';
import { Checks, FREE_GAS, ReportJSON, check, figures, markdown } from '../src/experiment/report';
import { DAY, ExperimentResult, OFFER_VALIDITY, runExperiment, transactionsIn } from '../src/experiment/run';
import { ASSUMPTIONS, SMALL_GROUP, apportion, planMembers } from '../src/experiment/scenario';

const BIN = path.resolve(__dirname, '..', 'bin', 'mtemsm.js');
const PRODUCER = 'test/experiment.test.ts on an in-memory neo-one node';
/** Pinned from a run: the seeded group sends the same transactions, so emits the same events and trades, every time. */
const EVENTS = 129;
const TRADES = 2;

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
  report = figures(result, checks, ASSUMPTIONS, { producer: PRODUCER, wallSeconds: 1, laterJoiners: 1, settings: {} });
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

/** The chain's referendums, R1, R2, … until the first missing (how a member would list them). */
const chainReferendums = async () => {
  const found = [];
  for (let index = 1; ; index += 1) {
    const referendum = await group.referendums.referendum(`R${index}`);
    if (referendum === undefined) {
      return found;
    }
    found.push({ rID: `R${index}`, ...referendum });
  }
};

test('the report says the invariants hold, from every event on chain, and says FAILED when a figure is off', async () => {
  expect(checks.violation).toBeUndefined();
  expect(checks.mismatches).toEqual([]);
  // Deterministic: the seeded group sends the same transactions every run.
  expect(report.eventsChecked).toBe(EVENTS);
  // The same checks on figures that are not the chain's: one member's quota at operation
  // one watt off, and the first trade one watt more than was offered.
  const [first, ...rest] = result.trades;
  expect(first).toBeDefined();
  const tampered = {
    ...result,
    quotas: result.quotas.map((quotaW, index) => (index === 1 ? quotaW + 1 : quotaW)),
    trades: [{ ...first, quotaW: first.quotaW + 1 }, ...rest],
  };
  const off = await check(group, tampered);
  expect(off.violation).toBeUndefined();
  expect(off.mismatches).toEqual(
    expect.arrayContaining([
      `member 2: quota at operation ${result.quotas[1] + 1} W, rule gives ${result.quotas[1]} W`,
      expect.stringMatching(new RegExp(`^offer ${first.offerID}: accepted, ${first.quotaW} W for `)),
    ]),
  );
  const failed = figures(tampered, off, ASSUMPTIONS, { producer: PRODUCER, wallSeconds: 1, laterJoiners: 1, settings: {} });
  expect(failed.invariantsHold).toBe(false);
  expect(markdown(failed, off, 'chart.svg')).toContain('**Checks:** FAILED.');
});

test("the report's members, plants, votes and totals are the contracts' own", async () => {
  const summary = await group.ledger.groupSummary();
  expect(summary.members.toNumber()).toBe(6);
  expect(report.members).toBe(6);
  // The group's plant operating, one extension rejected (no plant), one carport failed.
  expect(summary.powerPlants.toNumber()).toBe(2);
  // By hand: 720 + 4,500 kWh a month / 120 kWh per kWp = 43,500 W at R$ 4.00 a watt; the
  // extension half of it, the carport a fifth. Votes: a strict majority of 6 (4) yes on the
  // approved plants; on the extension 3 yes, then 3 no (half the electorate rejects it).
  expect(
    report.plants.map(({ ppID, rID, capacityW, cost, yes, no, electorate, outcome }) => ({ ppID, rID, capacityW, cost, yes, no, electorate, outcome })),
  ).toEqual([
    { ppID: 'P1', rID: 'R6', capacityW: 43_500, cost: '174000.00', yes: 4, no: 0, electorate: 6, outcome: 'operating' },
    { ppID: '', rID: 'R7', capacityW: 21_750, cost: '87000.00', yes: 3, no: 3, electorate: 6, outcome: 'rejected' },
    { ppID: 'P2', rID: 'R8', capacityW: 8_700, cost: '34800.00', yes: 4, no: 0, electorate: 6, outcome: 'failed' },
  ]);
  for (const plant of report.plants) {
    const referendum = await group.referendums.referendum(plant.rID);
    expect([referendum?.yes.toNumber(), referendum?.no.toNumber(), referendum?.electorate.toNumber()]).toEqual([plant.yes, plant.no, plant.electorate]);
    expect(referendum?.status).toBe(plant.ppID === '' ? 'rejected' : 'approved');
    if (plant.ppID !== '') {
      const read = await group.plants.powerPlant(plant.ppID);
      expect([read?.status, read?.capacityW.toNumber(), read?.cost.toFixed(2)]).toEqual([plant.outcome, plant.capacityW, plant.cost]);
    }
  }
  expect(summary.totalCapacityW.toNumber()).toBe(43_500);
  expect(summary.totalSupply.toFixed()).toBe('43.5');
});

test("each profile's quota and SEB after trades are the sums of its members' reads", async () => {
  expect(report.profiles.map((profile) => [profile.profile, profile.members])).toEqual([
    ['prosumer', 2],
    ['consumer', 4],
  ]);
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
  // Trades move quota and SEB between members: the group still holds the plant's 43,500 W and 43.5 SEB.
  expect(report.profiles.reduce((sum, profile) => sum + profile.quotaAtOperationW, 0)).toBe(43_500);
  expect(report.profiles.reduce((sum, profile) => sum + profile.quotaAfterTradesW, 0)).toBe(43_500);
  expect(report.profiles.reduce((sum, profile) => sum.plus(profile.sebAfterTrades), new BigNumber(0)).toFixed()).toBe('43.5');
});

test("the trades read from the chain move each member's surplus to those short of their need", async () => {
  // Every offer on chain (T1 … offerCount), not the runner's list.
  const count = (await group.trades.offerCount()).toNumber();
  expect(count).toBe(TRADES);
  expect(report.trades).toBe(TRADES);
  const offers = [];
  for (let index = 1; index <= count; index += 1) {
    offers.push(await group.trades.tradeOffer(`T${index}`));
  }
  expect(offers).toHaveLength(TRADES);
  const byAddress = new Map(result.members.map((member) => [member.address, member]));
  const moved = new Map<string, number>();
  let quotaW = 0;
  let seb = new BigNumber(0);
  for (const offer of offers) {
    expect(offer?.status).toBe('accepted');
    // Valid for the command line's default, 7 days.
    expect(offer?.expiresAt.minus(offer.offeredAt).toNumber()).toBe(7 * DAY);
    // At par: 1 SEB a kW.
    expect(offer?.tokens.toFixed()).toBe(offer?.quotaW.div(1_000).toFixed());
    moved.set(offer!.from, (moved.get(offer!.from) ?? 0) - offer!.quotaW.toNumber());
    moved.set(offer!.to, (moved.get(offer!.to) ?? 0) + offer!.quotaW.toNumber());
    quotaW += offer!.quotaW.toNumber();
    seb = seb.plus(offer!.tokens);
  }
  expect(report.tradeVolume.quotaW).toBe(quotaW);
  expect(report.tradeVolume.seb).toBe(seb.toFixed());
  // The spec's rule of the experiment (this month's need = kWh / 120 kWh per kWp): a
  // member above its need only sells, down to its need at most; one below it only buys,
  // up to its need at most; and one side ends exactly at its need.
  let sellersAtNeed = true;
  let buyersAtNeed = true;
  for (const member of result.members) {
    const need = Math.round((member.monthKWh * 1_000) / ASSUMPTIONS.yieldKWhPerKWpMonth);
    const atOperation = result.quotas[member.index];
    const after = (await group.ledger.member(member.address))?.quotaW.toNumber() as number;
    expect(after).toBe(atOperation + (moved.get(member.address) ?? 0));
    expect(byAddress.get(member.address)).toBe(member);
    if (atOperation > need) {
      expect(after).toBeGreaterThanOrEqual(need);
      expect(after).toBeLessThanOrEqual(atOperation);
      sellersAtNeed &&= after === need;
    } else {
      expect(after).toBeGreaterThanOrEqual(atOperation);
      expect(after).toBeLessThanOrEqual(need);
      buyersAtNeed &&= after === need;
    }
  }
  expect(sellersAtNeed || buyersAtNeed).toBe(true);
  expect(OFFER_VALIDITY).toBe(7 * DAY);
});

test("every admission used a member's invitation, sent in an earlier block", async () => {
  expect(result.admissions.map((admission) => admission.member)).toEqual([1, 2, 3, 4, 5]);
  expect(report.invitations).toBe(5);
  // Founding day: 4 candidates, each decided by the founder alone; the later joiner by 3 of 5.
  expect(report.admissions).toEqual({ foundingDayElectorates: [1], laterElectorates: [5], requestedInNextBlock: true, laterInvitationBlocks: 1 });
  for (const admission of result.admissions) {
    const member = result.members[admission.member];
    expect(admission.inviterAddress).toBe(result.members[admission.inviter].address);
    expect(admission.invitedInBlock).toBeLessThan(admission.requestedInBlock);
    const referendum = await group.referendums.referendum(admission.rID);
    expect(referendum?.status).toBe('approved');
    expect([referendum?.electorate.toNumber(), referendum?.yes.toNumber()]).toEqual([admission.electorate, admission.yes]);
    if (member.cohort === 'founding day') {
      expect(admission.inviter).toBe(0);
      expect([admission.electorate, admission.yes]).toEqual([1, 1]);
    } else {
      expect([admission.electorate, admission.yes]).toEqual([5, 3]);
    }
    // Used up by the request, deleted by the result.
    expect(await group.referendums.invitation(member.address)).toBeUndefined();
  }
});

test('the plants went through the v1.1 statuses, their paged steps one page a transaction', () => {
  expect(report.plants).toHaveLength(3);
  const [groupPlant, extension, carport] = report.plants;
  expect(groupPlant.statuses).toEqual(['funding', 'funded', 'issuing', 'operating']);
  expect(extension.statuses).toEqual(['opened', 'rejected']);
  expect(carport.statuses).toEqual(['funding', 'failing', 'failed']);
  // Pledged exactly its cost: nothing cut. The carport: 6 pledges of R$ 200.00.
  expect(groupPlant.pledged).toBe('174000.00');
  expect(carport.pledged).toBe('1200.00');
  expect([groupPlant.funders, extension.funders, carport.funders]).toEqual([6, 0, 6]);
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
  expect(report.gas.length).toBeGreaterThanOrEqual(15);
  const over = report.gas.filter((row) => row.max > FREE_GAS).map((row) => `${row.operation} ${row.max}`);
  expect(over).toEqual([]);
  expect(report.overFreeGas).toEqual([]);
  expect(report.gas.every((row) => row.withinFreeGas)).toBe(true);
});

test('the markdown report says who produced it, states the v1.1 changes from the run and every gas row', () => {
  const text = markdown(report, checks, 'chart.svg');
  expect(text).toContain(`Produced by ${PRODUCER} with the four contracts`);
  expect(text).not.toContain('npm start');
  expect(text).toContain(`${report.transactions} transactions (1 GAS transfer to fund the members among them)`);
  expect(text).toContain('## What v1.1 changed in this run');
  expect(text).toContain('nothing was cut');
  expect(text).toContain('in 1 page of up to 8 pledges, then issues the quota of its 6 funders in 6 pages.');
  expect(text).toContain('its 6 pledges are then cancelled in 3 pages (`cancelPledges`)');
  expect(text).toContain('each requesting admission in the block after its invitation; the later joiner was invited in 1 block.');
  expect(text).toContain('those admissions had an electorate of 1 (read from their referendums)');
  expect(text).toContain('a strict majority of the whole group (an electorate of 5).');
  expect(text).toContain('The extension (21.75 kW) is voted down, 3 yes to 3 no of 6.');
  expect(text).toContain('The carport array, pledged R$ 1.200,00 in all by 6 members for a cost of R$ 34.800,00, fails its crowdfunding.');
  expect(text).toContain('funding → funded → issuing → operating');
  expect(text).toContain('| P1 | R6 | group PV plant: 43.5 kW | R$ 174.000,00 | R$ 174.000,00 | 4 / 0 / 6 |');
  expect(text).toContain('**Met:**');
  expect(report.gas.length).toBeGreaterThan(0);
  for (const row of report.gas) {
    expect(text).toContain(`| ${row.operation} | ${row.count} |`);
  }
});

test('the transactions reported are the ones in the blocks the experiment made', async () => {
  // Counted on chain: every transaction but the miners' in the experiment's blocks, and
  // none after its last (the node may have made empty blocks since).
  expect(await transactionsIn(group, result.firstBlock, result.lastBlock + 1)).toBe(report.transactions);
  expect(await transactionsIn(group, result.lastBlock + 1, await group.chain.getBlockCount())).toBe(0);
  // By hand: 5 members funded with GAS in one transfer (up to 100 outputs each).
  expect(report.gasTransfers).toBe(1);
  const counted = report.gas.reduce((sum, row) => sum + row.count, 0);
  expect(counted).toBe(report.transactions - report.gasTransfers);
  expect(report.transactions).toBe(
    1 /* GAS transfer */ +
      1 /* the founder's admission */ +
      4 * 4 /* founding day: invite, request, the founder's vote, result */ +
      (1 + 1 + 3 + 1) /* the later joiner: invite, request, 3 votes of 5, result */ +
      3 * 2 /* powerUp and powerUpResult of each plant */ +
      (4 + 6 + 4) /* plant votes */ +
      6 * 2 /* pledges: the group plant, the carport */ +
      (1 + 1 + 6) /* the group plant's pages */ +
      (1 + 3) /* the carport's pages */ +
      2 * TRADES /* offer and acceptance */,
  );
  const vote = report.gas.find((row) => row.operation === 'vote');
  expect(vote?.count).toBe(4 + 3 + 14);
});

// Last: it adds referendums to the experiment's chain.
test('`mtemsm referendums --json` on a pipe gives the whole list, parseable, equal to the chain', async () => {
  // By hand: 5 admissions (the founder's needs none) and 3 plant referendums.
  expect(await chainReferendums()).toHaveLength(8);
  // The experiment's 8 print about 6 KB, which a pipe takes at once; the 130-member group's
  // 133 printed 91 KB, cut at 64 KiB. So the members propose 120 plants more (a powerUp
  // opens a referendum, nothing else), for as large an output; 20 a block, as a block of
  // 120 outlasts neo-one's 20-second RPC timeout on a busy machine.
  const proposals = Array.from({ length: 120 }, (_, index) => ({ member: result.members[index % result.members.length], index }));
  await inBatches(proposals, 20, async (batch) =>
    sendBlock(
      group,
      'powerUp',
      batch.map(({ member, index }) =>
        group.referendums.powerUp(member.address, new BigNumber(1_000 + index), new BigNumber(4_000), ASSUMPTIONS.utility, new BigNumber(ASSUMPTIONS.timeToMarket), {
          from: member.account,
        }),
      ),
    ),
  );
  const onChain = await chainReferendums();
  expect(onChain).toHaveLength(128);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-experiment-home-'));
  try {
    // execFile reads the child's stdout through a pipe: the case `| jq .` cut at 64 KiB.
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, 'referendums', '--json', '--rpc', group.rpcURL, '--contract', group.contracts.ledger],
        { env: { ...process.env, MTEMSM_HOME: home }, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
        (error, out, err) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout: out, stderr: err }),
      );
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Beyond the 65,536 bytes a pipe holds, where the output was cut.
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(65_536);
    const listed = JSON.parse(stdout);
    expect(listed).toHaveLength(onChain.length);
    expect(listed.map((entry: any) => [entry.rID, entry.kind, entry.status, String(entry.yes), String(entry.no), String(entry.electorate)])).toEqual(
      onChain.map((entry) => [entry.rID, entry.kind, entry.status, entry.yes.toFixed(), entry.no.toFixed(), entry.electorate.toFixed()]),
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
