/**
 * The thesis experiment on a deployed group: founding, admissions by referendum, a
 * plant approved, crowdfunded and put in operation, a proposal rejected, one
 * under-funded, and quota traded for SEB. Every transaction's gasCost is recorded.
 */
import { UserAccountID, createPrivateKey } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { randomBytes } from 'crypto';
import { GasLog, ISSUE_PAGE, Receipt, chainPositions, inBatches, sendBlock, startOperationPages } from '../chain/batch';
import { DEFAULT_SETTINGS, Group, fundWithGAS, profileHash } from '../chain/group';
import { Progress, silentProgress } from './progress';
import {
  ASSUMPTIONS,
  Assumptions,
  PlannedMember,
  PlannedTrade,
  PlantPlan,
  expectedQuotas,
  TABLE_4,
  planMembers,
  planPlant,
  planTrades,
} from './scenario';

/** NEO 2 blocks hold at most 500 transactions; blocks of 100 keep progress visible and stay
 * under neo-one's 20-second RPC timeout on a busy machine. */
const BLOCK = 100;
const DAY = 86_400;

export interface ExperimentMember extends PlannedMember {
  readonly address: string;
  readonly account: UserAccountID;
  readonly profileHash: string;
  /** Admitted on founding day (electorate 1) or later, by the whole group. */
  readonly cohort: 'founder' | 'founding day' | 'later';
}

export interface ExperimentPlant {
  readonly ppID: string;
  readonly rID: string;
  readonly title: string;
  readonly capacityW: number;
  readonly cost: BigNumber;
  readonly votes: { readonly yes: number; readonly no: number; readonly electorate: number };
  readonly outcome: string;
}

export interface ExperimentResult {
  readonly members: ExperimentMember[];
  readonly plans: PlantPlan[];
  readonly quotas: number[];
  readonly trades: Array<PlannedTrade & { readonly offerID: string }>;
  readonly plants: ExperimentPlant[];
  readonly gas: GasLog;
  readonly firstBlock: number;
  readonly lastBlock: number;
  readonly transactions: number;
  /** Seconds the chain's clock was moved forward (time to market, crowdfunding period). */
  readonly fastForwardSeconds: number;
}

export interface ExperimentOptions {
  readonly group: Group;
  readonly founder: UserAccountID;
  readonly planned: readonly PlannedMember[];
  readonly assumptions: Assumptions;
  /** Settings the group was deployed with (seconds). */
  readonly crowdfundingPeriod: number;
  /** How many members join after founding day, voted in by the whole group. */
  readonly laterJoiners: number;
  readonly progress?: Progress;
}

/** Strict majority of the electorate: the votes that decide a referendum early. */
const majority = (electorate: number): number => Math.floor(electorate / 2) + 1;

export const runExperiment = async (options: ExperimentOptions): Promise<ExperimentResult> => {
  const { group, founder, planned, assumptions } = options;
  const progress = options.progress ?? silentProgress;
  const { referendums, plants, ledger } = group;
  const gas = new GasLog();
  let transactions = 0;
  let fastForwardSeconds = 0;
  const send = async (operation: string, calls: Array<Promise<any>>): Promise<Receipt[]> => {
    const receipts = await sendBlock(group, operation, calls, gas);
    transactions += receipts.length;

    return receipts;
  };
  const batched = async <T>(
    step: string,
    operation: string,
    items: readonly T[],
    call: (item: T) => Promise<any>,
  ): Promise<Receipt[]> => {
    progress(step, 0, items.length);

    return inBatches(items, BLOCK, async (batch) => send(operation, batch.map(call)), (done, total) =>
      progress(step, done, total),
    );
  };
  const fastForward = async (seconds: number): Promise<void> => {
    await group.developer.fastForwardOffset(seconds);
    fastForwardSeconds += seconds;
  };
  const firstBlock = await group.chain.getBlockCount();

  // ------------------------------------------------------------ members' wallets
  progress('wallets', 0, planned.length);
  const members: ExperimentMember[] = [];
  const laterFrom = planned.length - options.laterJoiners;
  for (const member of planned) {
    const account = member.index === 0 ? founder : await group.addAccount(createPrivateKey());
    members.push({
      ...member,
      account,
      address: account.address,
      profileHash: profileHash(`Member ${member.index + 1}`, `UC-${100_000 + member.index}`, randomBytes(8).toString('hex')),
      cohort: member.index === 0 ? 'founder' : member.index < laterFrom ? 'founding day' : 'later',
    });
  }
  progress('wallets', planned.length, planned.length);
  // Every member-facing operation fits NEO's 10 free GAS; a little GAS covers the rest.
  await fundWithGAS(group, founder, members.slice(1).map((member) => member.address), 20);
  transactions += Math.ceil((members.length - 1) / 100);

  // ------------------------------------------------------------ founding and admissions
  const [first] = members;
  await send('admission (founder)', [
    referendums.admission(first.address, first.profileHash, assumptions.utility, { from: first.account }),
  ]);
  const admit = async (cohort: readonly ExperimentMember[], electorate: readonly ExperimentMember[], step: string) => {
    const requests = await batched(`${step}: requests`, 'admission', cohort, (member) =>
      referendums.admission(member.address, member.profileHash, assumptions.utility, { from: member.account }),
    );
    const rIDs = requests.map((receipt) => receipt.value as string);
    const voters = electorate.slice(0, majority(electorate.length));
    const ballots = rIDs.flatMap((rID) => voters.map((voter) => ({ rID, voter })));
    await batched(`${step}: votes`, 'vote', ballots, ({ rID, voter }) =>
      referendums.vote(rID, voter.address, true, { from: voter.account }),
    );
    // Each candidate sends its own result (anyone may): a result costs more than the
    // free 10 GAS, and one account's paid transactions in one block would spend the
    // same GAS input twice.
    const decided = cohort.map((member, index) => ({ member, rID: rIDs[index] }));
    const results = await batched(`${step}: results`, 'admissionResult', decided, ({ member, rID }) =>
      referendums.admissionResult(rID, { from: member.account }),
    );
    if (results.some((receipt) => receipt.value !== true)) {
      throw new Error('An admission was not approved.');
    }
  };
  // Founding day: everyone applies while the founder is the only member, so each
  // admission's electorate is the founder alone (the spec's rule: members at opening).
  await admit(members.slice(1, laterFrom), [first], 'founding day admissions');
  if (laterFrom < members.length) {
    // Later joiners are voted in by the whole group: a strict majority of it.
    await admit(members.slice(laterFrom), members.slice(0, laterFrom), 'later admissions');
  }

  // ------------------------------------------------------------ plant referendums
  const electorate = members.length;
  /** `yes` members vote yes, then `no` members vote no: members vote until it is decided. */
  const vote = async (step: string, rID: string, yes: number, no: number) => {
    const voters = members.slice(0, yes + no);
    await batched(step, 'vote', voters, (member) =>
      referendums.vote(rID, member.address, member.index < yes, { from: member.account }),
    );

    return { yes, no, electorate };
  };
  const propose = async (proposer: ExperimentMember, capacityW: number, cost: BigNumber) => {
    const [receipt] = await send('powerUp', [
      referendums.powerUp(
        proposer.address,
        new BigNumber(capacityW),
        cost,
        assumptions.utility,
        new BigNumber(assumptions.timeToMarket),
        { from: proposer.account },
      ),
    ]);

    return receipt.value as string;
  };
  const resolve = async (rID: string): Promise<string> => {
    const [receipt] = await send('powerUpResult', [referendums.powerUpResult(rID, { from: founder })]);

    return receipt.value as string;
  };
  const result: ExperimentPlant[] = [];

  // The group's plant: sized to its consumption, approved, pledged by every member in
  // proportion to consumption, funded, and started (its quota is issued in pages).
  const plan = planPlant(members, assumptions);
  const rID1 = await propose(members[0], plan.capacityW, plan.cost);
  const votes1 = await vote('group plant: votes', rID1, majority(electorate), 0);
  const p1 = await resolve(rID1);
  const pledges = plan.funders.map((index, position) => ({ member: members[index], amount: plan.pledges[position] }));
  const bids = await batched('group plant: pledges', 'bid', pledges, ({ member, amount }) =>
    plants.bid(p1, member.address, amount, { from: member.account }),
  );
  const plans: PlantPlan[] = [{ ...plan, order: await chainPositions(group, bids) }];
  await send('crowdfundingResult', [plants.crowdfundingResult(p1, { from: founder })]);
  await fastForward(assumptions.timeToMarket + 60);
  const pageCount = Math.ceil(plan.funders.length / ISSUE_PAGE);
  progress('start of operation', 0, pageCount);
  const pages = await startOperationPages(group, p1, founder, gas, (done) => progress('start of operation', done, pageCount));
  transactions += pages.length;
  result.push({ ppID: p1, rID: rID1, title: 'group PV plant', capacityW: plan.capacityW, cost: plan.cost, votes: votes1, outcome: 'operating' });
  const groupW = plan.capacityW;

  // An extension half the group's size, voted down.
  const capacity2 = Math.round(groupW / 2);
  const cost2 = new BigNumber(capacity2).times(assumptions.costPerWp);
  const r2 = await propose(members[0], capacity2, cost2);
  const votes2 = await vote('extension: votes', r2, Math.min(20, electorate - Math.ceil(electorate / 2)), Math.ceil(electorate / 2));
  if ((await resolve(r2)) !== '') {
    throw new Error('The rejected plant was registered.');
  }
  result.push({ ppID: '', rID: r2, title: 'extension (voted down)', capacityW: capacity2, cost: cost2, votes: votes2, outcome: 'rejected' });

  // A carport array approved but pledged by every member with only R$ 200 each: its
  // crowdfunding fails after the period and every pledge is cancelled at once.
  const capacity3 = Math.round(groupW / 5);
  const cost3 = new BigNumber(capacity3).times(assumptions.costPerWp);
  const r3 = await propose(members[0], capacity3, cost3);
  const votes3 = await vote('carport: votes', r3, majority(electorate), 0);
  const p3 = await resolve(r3);
  await batched('carport: pledges', 'bid', members, (member) =>
    plants.bid(p3, member.address, new BigNumber(200), { from: member.account }),
  );
  await fastForward(options.crowdfundingPeriod + 60);
  const [failed] = await send('crowdfundingResult (failed)', [plants.crowdfundingResult(p3, { from: founder })]);
  if (failed.value !== false) {
    throw new Error('The under-funded plant was funded.');
  }
  result.push({ ppID: p3, rID: r3, title: 'carport (under-funded)', capacityW: capacity3, cost: cost3, votes: votes3, outcome: 'failed' });

  // ------------------------------------------------------------ trades
  const quotas: number[] = [];
  for (const member of members) {
    const record = await ledger.member(member.address);
    quotas.push(record === undefined ? 0 : record.quotaW.toNumber());
  }
  const planned_trades = planTrades(members, quotas, assumptions);
  const offers = await batched('trades: offers', 'offerTrade', planned_trades, (trade) =>
    ledger.offerTrade(members[trade.from].address, members[trade.to].address, new BigNumber(trade.quotaW), trade.tokens, {
      from: members[trade.from].account,
    }),
  );
  const trades = planned_trades.map((trade, index) => ({ ...trade, offerID: offers[index].value as string }));
  await batched('trades: acceptances', 'acceptTrade', trades, (trade) =>
    ledger.acceptTrade(trade.offerID, members[trade.to].address, { from: members[trade.to].account }),
  );

  return {
    members,
    plans,
    quotas,
    trades,
    plants: result,
    gas,
    firstBlock,
    lastBlock: (await group.chain.getBlockCount()) - 1,
    transactions,
    fastForwardSeconds,
  };
};

/** Members of the thesis experiment admitted after founding day, by the whole group. */
export const THESIS_LATER_JOINERS = 10;

/** The thesis experiment (`npm start`, `npm run bench:audit`): Table 4's group at the spec's default settings. */
export const runThesisExperiment = async (group: Group, progress?: Progress): Promise<ExperimentResult> =>
  runExperiment({
    group,
    founder: await group.master(),
    planned: planMembers(TABLE_4, ASSUMPTIONS),
    assumptions: ASSUMPTIONS,
    crowdfundingPeriod: DEFAULT_SETTINGS.crowdfundingPeriod,
    laterJoiners: THESIS_LATER_JOINERS,
    progress,
  });

export { expectedQuotas, DAY };
