/**
 * The thesis experiment on a deployed group (the four v1.1 contracts): founding,
 * admissions by invitation and referendum, a plant approved, crowdfunded and put in
 * operation, a proposal rejected, one under-funded, and quota traded for SEB. Every
 * transaction's gasCost is recorded, each page of a paged plant step on its own.
 */
import { TransactionOptions, UserAccountID, createPrivateKey } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { randomBytes } from 'crypto';
import { GasLog, Receipt, WITHOUT_TEST_RUN, blockPages, chainPositions, inBatches, sendBlock } from '../chain/batch';
import { DEFAULT_SETTINGS, Group, fundWithGAS, passTime, profileHash } from '../chain/group';
import { SendPage, closeCrowdfunding, startOperation } from '../chain/plants';
import { cancelPages, startOperationPages } from '../domain/pages';
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
/** Each member's pledge for the carport array (R$): together far below its cost, so it fails. */
export const CARPORT_PLEDGE = new BigNumber(200);
/** How long the experiment's trade offers stay open: the command line's default. */
export const OFFER_VALIDITY = 7 * DAY;

/**
 * Every call of the experiment is planned to succeed, so it is sent without the client's
 * test run before it (src/chain/batch.ts WITHOUT_TEST_RUN: half of the VM's work): a call
 * that fails anyway FAULTs in its block and stops the run with the contract's message
 * (sendBlock), and no operation needs more than the 10 free GAS (reports/gas.md).
 */
const by = (account: UserAccountID): TransactionOptions => ({ from: account, ...WITHOUT_TEST_RUN } as TransactionOptions);

export interface ExperimentMember extends PlannedMember {
  readonly address: string;
  readonly account: UserAccountID;
  readonly profileHash: string;
  /** Admitted on founding day (electorate 1) or later, by the whole group. */
  readonly cohort: 'founder' | 'founding day' | 'later';
  /** Index of the member whose invitation the candidate used (v1.1 §4); -1 for the founder. */
  readonly invitedBy: number;
}

export interface ExperimentPlant {
  readonly ppID: string;
  readonly rID: string;
  readonly title: string;
  readonly capacityW: number;
  readonly cost: BigNumber;
  readonly votes: { readonly yes: number; readonly no: number; readonly electorate: number };
  readonly outcome: string;
  /** The plant's statuses in the order its `process` events gave them (no plant: the referendum's). */
  readonly statuses: string[];
  /** Σ pledges when the crowdfunding closed, R$ (above the cost: oversubscribed, cut pro rata). */
  readonly pledged: BigNumber;
  /** Its funders when the crowdfunding closed, read from the plant (0: no plant). */
  readonly funders: number;
  /** Transactions of its paged steps (crowdfundingResult, cancelPledges, startOperation), one block each. */
  readonly pages: number;
}

/** A candidate's way in (v1.1 §4): a member's invitation, then the request, in a later block. */
export interface ExperimentAdmission {
  readonly member: number;
  readonly inviter: number;
  /** The inviter as the `invitation` event names it. */
  readonly inviterAddress: string;
  readonly rID: string;
  readonly invitedInBlock: number;
  readonly requestedInBlock: number;
  /** The admission referendum's electorate and yes votes, read back after its result. */
  readonly electorate: number;
  readonly yes: number;
}

export interface ExperimentResult {
  readonly members: ExperimentMember[];
  readonly admissions: ExperimentAdmission[];
  readonly plans: PlantPlan[];
  readonly quotas: number[];
  readonly trades: Array<PlannedTrade & { readonly offerID: string }>;
  readonly plants: ExperimentPlant[];
  readonly gas: GasLog;
  readonly firstBlock: number;
  readonly lastBlock: number;
  /** Every transaction the run sent: its contract calls (the gas log) and its GAS transfers. */
  readonly transactions: number;
  /** The GAS transfers that funded the members, counted in the blocks they made (not contract calls). */
  readonly gasTransfers: number;
  /** Seconds the chain's clock was moved forward (funding window, time to market, crowdfunding period). */
  readonly fastForwardSeconds: number;
  /** The plants contract's minFundingWindow (seconds): the wait before a fully pledged plant may close. */
  readonly minFundingWindow: number;
  /** Seconds each trade offer was valid for. */
  readonly offerValidity: number;
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

/** Transactions in blocks [from, to), the miner's of each block left out. */
export const transactionsIn = async (group: Group, from: number, to: number): Promise<number> => {
  let count = 0;
  for (let index = from; index < to; index += 1) {
    const block = await group.chain.getBlock(index);
    count += block.transactions.filter((transaction) => transaction.type !== 'MinerTransaction').length;
  }

  return count;
};

/** Strict majority of the electorate: the votes that decide a referendum early. */
const majority = (electorate: number): number => Math.floor(electorate / 2) + 1;

/**
 * A paged step's page in the gas table, named by what it did (its events): a
 * crowdfundingResult by the status it left (funded, failing, closing) or the page it
 * did (checking, releasing); a startOperation page checking the watts threshold or
 * issuing a funder's quota; a cancelPledges page.
 */
export const pageOperation = (operation: string, receipt: Receipt): string => {
  const page = receipt.events.find((event) => event.name === 'page');
  const status = receipt.events.find((event) => event.name === 'process');
  const what = page !== undefined && page.parameters.step !== 'cancelling' ? `${page.parameters.step} page` : status?.parameters.status;

  return what === undefined || operation === 'cancelPledges' ? `${operation} page` : `${operation} (${what})`;
};

export const runExperiment = async (options: ExperimentOptions): Promise<ExperimentResult> => {
  const { group, founder, planned, assumptions } = options;
  const progress = options.progress ?? silentProgress;
  const { referendums, plants, ledger, trades: tradesContract } = group;
  const gas = new GasLog();
  const receipts: Receipt[] = [];
  let transactions = 0;
  let fastForwardSeconds = 0;
  const send = async (operation: string, calls: Array<Promise<any>>): Promise<Receipt[]> => {
    const sent = await sendBlock(group, operation, calls, gas);
    transactions += sent.length;
    receipts.push(...sent);

    return sent;
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
  /**
   * A paged plant step's SendPage (src/chain/plants.ts): each page in a block of its own
   * (src/chain/batch.ts blockPages), sent by the founder (anyone may), its gas logged
   * per kind of page.
   */
  const pages = (step: string, expected: number): { readonly send: SendPage; readonly finish: () => number } => {
    const sentPages: Receipt[] = [];
    progress(step, 0, expected);
    const inner = blockPages(group, founder, sentPages, { skipTestRun: true, onPage: (done) => progress(step, done, Math.max(expected, done)) });

    return {
      send: async (operation, call) => {
        const done = await inner(operation, call);
        const page = sentPages[sentPages.length - 1];
        gas.add(pageOperation(operation, page), page.gasCost);
        receipts.push(page);
        transactions += 1;

        return done;
      },
      // The step is done: complete its progress if the estimate was off.
      finish: () => {
        if (sentPages.length !== expected) {
          progress(step, sentPages.length, sentPages.length);
        }

        return sentPages.length;
      },
    };
  };
  /**
   * Moves the chain's clock `seconds` past the last block's time. From the chain's time,
   * not the wall clock's: blocks made faster than one a second run ahead of the wall
   * clock (each is at least a second after the last; founding day makes hundreds), so
   * an offset of 7 days would move the chain less than 7 days. The new time applies to
   * the next block, and neo-one's client tries every call before sending it at the last
   * persisted block's time (plus 15 s), so a block is made at once and waited for.
   */
  const fastForward = async (seconds: number): Promise<void> => {
    const blocks = await group.chain.getBlockCount();
    await passTime(group, seconds);
    await group.developer.runConsensusNow();
    for (let waited = 0; (await group.chain.getBlockCount()) <= blocks; waited += 100) {
      if (waited > 60_000) {
        throw new Error('No block was made after moving the clock.');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    fastForwardSeconds += seconds;
  };
  /** The statuses an ID went through, from every `process` event the experiment's transactions emitted. */
  const statusesOf = (id: string): string[] =>
    receipts.flatMap((receipt) =>
      receipt.events
        .filter((event) => event.name === 'process' && event.parameters.id === id)
        .map((event) => String(event.parameters.status)),
    );
  const firstBlock = await group.chain.getBlockCount();
  const minFundingWindow = (await plants.minFundingWindow()).toNumber();

  // ------------------------------------------------------------ members' wallets
  progress('wallets', 0, planned.length);
  const laterFrom = planned.length - options.laterJoiners;
  const accounts: UserAccountID[] = [];
  for (const member of planned) {
    accounts.push(member.index === 0 ? founder : await group.addAccount(createPrivateKey()));
  }
  /**
   * Who invites whom (v1.1 §4: one open invitation per member): on founding day the
   * founder alone, one candidate after another; later joiners each by a different
   * member of the group, in admission order.
   */
  const inviterOf = (index: number): number => (index < laterFrom ? 0 : (index - laterFrom) % laterFrom);
  const members: ExperimentMember[] = planned.map((member, position) => ({
    ...member,
    account: accounts[position],
    address: accounts[position].address,
    profileHash: profileHash(`Member ${member.index + 1}`, `UC-${100_000 + member.index}`, randomBytes(8).toString('hex')),
    cohort: member.index === 0 ? 'founder' : member.index < laterFrom ? 'founding day' : 'later',
    invitedBy: member.index === 0 ? -1 : inviterOf(member.index),
  }));
  progress('wallets', planned.length, planned.length);
  // Every member-facing operation fits NEO's 10 free GAS; a little GAS covers the rest.
  // The transfers are counted in the blocks they made: every transaction but the miner's.
  const fundedFrom = await group.chain.getBlockCount();
  await fundWithGAS(group, founder, members.slice(1).map((member) => member.address), 20);
  const gasTransfers = await transactionsIn(group, fundedFrom, await group.chain.getBlockCount());
  transactions += gasTransfers;

  // ------------------------------------------------------------ founding and admissions
  const [first] = members;
  const admissions: ExperimentAdmission[] = [];
  await send('admission (founder)', [
    referendums.admission(first.address, first.profileHash, assumptions.utility, by(first.account)),
  ]);
  const admit = async (cohort: readonly ExperimentMember[], electorate: readonly ExperimentMember[], step: string) => {
    // Invitations before admissions: a member invites, then the candidate requests
    // admission (which uses the invitation up, so its inviter may invite again). A
    // member has one open invitation at a time, so each round invites as many
    // candidates as there are distinct inviters: one on founding day (the founder).
    const rounds: ExperimentMember[][] = [];
    for (const candidate of cohort) {
      const round = rounds.find((entry) => entry.every((other) => other.invitedBy !== candidate.invitedBy));
      if (round === undefined || round.length >= BLOCK) {
        rounds.push([candidate]);
      } else {
        round.push(candidate);
      }
    }
    const rIDs = new Map<number, string>();
    const requestsOf = new Map<number, Omit<ExperimentAdmission, 'electorate' | 'yes'>>();
    progress(`${step}: invitations and requests`, 0, cohort.length);
    let requested = 0;
    for (const round of rounds) {
      const invitations = await send(
        'invite',
        round.map((candidate) =>
          referendums.invite(members[candidate.invitedBy].address, candidate.address, by(members[candidate.invitedBy].account)),
        ),
      );
      const requests = await send(
        'admission',
        round.map((candidate) =>
          referendums.admission(candidate.address, candidate.profileHash, assumptions.utility, by(candidate.account)),
        ),
      );
      round.forEach((candidate, position) => {
        const rID = requests[position].value as string;
        const event = invitations[position].events.find((entry) => entry.name === 'invitation');
        rIDs.set(candidate.index, rID);
        requestsOf.set(candidate.index, {
          member: candidate.index,
          inviter: candidate.invitedBy,
          inviterAddress: String(event?.parameters.inviter),
          rID,
          invitedInBlock: invitations[position].blockIndex,
          requestedInBlock: requests[position].blockIndex,
        });
      });
      requested += round.length;
      progress(`${step}: invitations and requests`, requested, cohort.length);
    }
    const voters = electorate.slice(0, majority(electorate.length));
    const ballots = cohort.flatMap((member) => voters.map((voter) => ({ rID: rIDs.get(member.index) as string, voter })));
    await batched(`${step}: votes`, 'vote', ballots, ({ rID, voter }) =>
      referendums.vote(rID, voter.address, true, by(voter.account)),
    );
    // Each candidate sends its own result (anyone may): a result may cost more than the
    // free 10 GAS, and one account's paid transactions in one block would spend the
    // same GAS input twice.
    const results = await batched(`${step}: results`, 'admissionResult', cohort, (member) =>
      referendums.admissionResult(rIDs.get(member.index) as string, by(member.account)),
    );
    if (results.some((receipt) => receipt.value !== true)) {
      throw new Error('An admission was not approved.');
    }
    // The tally each admission was decided by, as the chain keeps it.
    for (const candidate of cohort) {
      const request = requestsOf.get(candidate.index) as Omit<ExperimentAdmission, 'electorate' | 'yes'>;
      const tally = await referendums.referendum(request.rID);
      admissions.push({ ...request, electorate: tally?.electorate.toNumber() ?? 0, yes: tally?.yes.toNumber() ?? 0 });
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
  /**
   * `yes` members vote yes, then `no` members vote no: members vote until it is decided.
   * The tally reported is the referendum's, read back from the chain once the votes are in.
   */
  const vote = async (step: string, rID: string, yes: number, no: number) => {
    const voters = members.slice(0, yes + no);
    await batched(step, 'vote', voters, (member) =>
      referendums.vote(rID, member.address, member.index < yes, by(member.account)),
    );
    const tally = await referendums.referendum(rID);
    if (tally === undefined) {
      throw new Error(`Referendum ${rID} cannot be read after its votes.`);
    }

    return { yes: tally.yes.toNumber(), no: tally.no.toNumber(), electorate: tally.electorate.toNumber() };
  };
  const propose = async (proposer: ExperimentMember, capacityW: number, cost: BigNumber) => {
    const [receipt] = await send('powerUp', [
      referendums.powerUp(
        proposer.address,
        new BigNumber(capacityW),
        cost,
        assumptions.utility,
        new BigNumber(assumptions.timeToMarket),
        by(proposer.account),
      ),
    ]);

    return receipt.value as string;
  };
  const resolve = async (rID: string): Promise<string> => {
    const [receipt] = await send('powerUpResult', [referendums.powerUpResult(rID, by(founder))]);

    return receipt.value as string;
  };
  const fundersOf = async (ppID: string): Promise<number> => ((await plants.powerPlant(ppID))?.funders ?? new BigNumber(0)).toNumber();
  const pledgedOf = async (ppID: string): Promise<BigNumber> => {
    const state = await plants.plantState(ppID);

    // [openedAt, pledged (raw cents), …]: 0 until the crowdfunding closes oversubscribed.
    return state[1].isZero() ? ((await plants.powerPlant(ppID))?.raised ?? new BigNumber(0)) : state[1].div(100);
  };
  const result: ExperimentPlant[] = [];

  // The group's plant: sized to its consumption, approved, pledged by every member in
  // proportion to consumption (exactly its cost), closed early once the minimum funding
  // window has passed, and started in pages (the watts threshold is checked, then one
  // funder's quota is issued per page).
  const plan = planPlant(members, assumptions);
  const rID1 = await propose(members[0], plan.capacityW, plan.cost);
  const votes1 = await vote('group plant: votes', rID1, majority(electorate), 0);
  const p1 = await resolve(rID1);
  const pledges = plan.funders.map((index, position) => ({ member: members[index], amount: plan.pledges[position] }));
  const bids = await batched('group plant: pledges', 'bid', pledges, ({ member, amount }) =>
    plants.bid(p1, member.address, amount, by(member.account)),
  );
  const plans: PlantPlan[] = [{ ...plan, order: await chainPositions(group, bids) }];
  const funders1 = await fundersOf(p1);
  // v1.1 §6: a fully pledged plant closes early only once minFundingWindow has passed since its funding opened.
  await fastForward(minFundingWindow + 60);
  const close1 = pages('group plant: crowdfunding result', 1);
  const funded = await closeCrowdfunding(plants, p1, close1.send);
  if (funded !== 'funded') {
    throw new Error(`The group plant ended its crowdfunding ${funded}, not funded.`);
  }
  const pledged1 = await pledgedOf(p1);
  await fastForward(assumptions.timeToMarket + 60);
  const start1 = pages('group plant: start of operation', startOperationPages(plan.funders.length));
  await startOperation(plants, p1, start1.send);
  result.push({
    ppID: p1,
    rID: rID1,
    title: 'group PV plant',
    capacityW: plan.capacityW,
    cost: plan.cost,
    votes: votes1,
    outcome: (await plants.powerPlant(p1))?.status ?? '',
    statuses: statusesOf(p1),
    pledged: pledged1,
    funders: funders1,
    pages: close1.finish() + start1.finish(),
  });
  const groupW = plan.capacityW;

  // An extension half the group's size, voted down.
  const capacity2 = Math.round(groupW / 2);
  const cost2 = new BigNumber(capacity2).times(assumptions.costPerWp);
  const r2 = await propose(members[0], capacity2, cost2);
  const votes2 = await vote('extension: votes', r2, Math.min(20, electorate - Math.ceil(electorate / 2)), Math.ceil(electorate / 2));
  if ((await resolve(r2)) !== '') {
    throw new Error('The rejected plant was registered.');
  }
  result.push({
    ppID: '',
    rID: r2,
    title: 'extension (voted down)',
    capacityW: capacity2,
    cost: cost2,
    votes: votes2,
    outcome: 'rejected',
    statuses: statusesOf(r2),
    pledged: new BigNumber(0),
    funders: 0,
    pages: 0,
  });

  // A carport array approved but pledged by every member with only CARPORT_PLEDGE each: its
  // crowdfunding fails after the period (failing), and its pledges are cancelled in
  // pages (cancelPledges) until it is failed.
  const capacity3 = Math.round(groupW / 5);
  const cost3 = new BigNumber(capacity3).times(assumptions.costPerWp);
  const r3 = await propose(members[0], capacity3, cost3);
  const votes3 = await vote('carport: votes', r3, majority(electorate), 0);
  const p3 = await resolve(r3);
  await batched('carport: pledges', 'bid', members, (member) =>
    plants.bid(p3, member.address, CARPORT_PLEDGE, by(member.account)),
  );
  const pledged3 = await pledgedOf(p3);
  const funders3 = await fundersOf(p3);
  await fastForward(options.crowdfundingPeriod + 60);
  const close3 = pages('carport: failed crowdfunding', 1 + cancelPages(members.length));
  if ((await closeCrowdfunding(plants, p3, close3.send)) !== 'failed') {
    throw new Error('The under-funded plant was not failed.');
  }
  result.push({
    ppID: p3,
    rID: r3,
    title: 'carport (under-funded)',
    capacityW: capacity3,
    cost: cost3,
    votes: votes3,
    outcome: (await plants.powerPlant(p3))?.status ?? '',
    statuses: statusesOf(p3),
    pledged: pledged3,
    funders: funders3,
    pages: close3.finish(),
  });

  // ------------------------------------------------------------ trades
  const quotas: number[] = [];
  for (const member of members) {
    const record = await ledger.member(member.address);
    quotas.push(record === undefined ? 0 : record.quotaW.toNumber());
  }
  const plannedTrades = planTrades(members, quotas, assumptions);
  const validFor = new BigNumber(OFFER_VALIDITY);
  const offers = await batched('trades: offers', 'offerTrade', plannedTrades, (trade) =>
    tradesContract.offerTrade(members[trade.from].address, members[trade.to].address, new BigNumber(trade.quotaW), trade.tokens, validFor, by(members[trade.from].account)),
  );
  const trades = plannedTrades.map((trade, index) => ({ ...trade, offerID: offers[index].value as string }));
  const accepted = await batched('trades: acceptances', 'acceptTrade', trades, (trade) =>
    tradesContract.acceptTrade(trade.offerID, members[trade.to].address, by(members[trade.to].account)),
  );
  if (accepted.some((receipt) => receipt.value !== true)) {
    throw new Error('A trade offer was not accepted.');
  }

  return {
    members,
    admissions,
    plans,
    quotas,
    trades,
    plants: result,
    gas,
    firstBlock,
    lastBlock: (await group.chain.getBlockCount()) - 1,
    transactions,
    gasTransfers,
    fastForwardSeconds,
    minFundingWindow,
    offerValidity: OFFER_VALIDITY,
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
