/**
 * The experiment's report: checks (invariants from the chain's events, figures
 * against the four contracts' reads), then `thesis-experiment.md`, `.json` and an SVG chart.
 */
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as path from 'path';
import { auditedGroup, readGroupHistory } from '../audit/events';
import { rebuild } from '../audit/rebuild';
import { firstLine } from '../chain/batch';
import { Group } from '../chain/group';
import { allMembers } from '../chain/reads';
import { QUOTA_CHECK_PAGE } from '../domain/pages';
import { ExperimentResult } from './run';
import { Assumptions, Profile, expectedQuotas } from './scenario';

export interface Checks {
  /** Events read from the chain and replayed (src/audit/rebuild.ts). */
  readonly events: number;
  /** Invariants 1–5 after every transaction, from events alone; undefined when they hold. */
  readonly violation: string | undefined;
  /** Differences between the report's figures (or the events) and the contracts' reads. */
  readonly mismatches: string[];
}

/** NEO 2's free GAS per transaction: the goal is that every member-facing operation fits in it. */
export const FREE_GAS = 10;

/** `work` on every item, `width` at a time (reads of a busy node, in order). */
const eachAtMost = async <T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    out.push(...(await Promise.all(items.slice(start, start + width).map(work))));
  }

  return out;
};

/**
 * Replays the chain's events (the auditor's rebuild: invariants 1–5 after each one),
 * reads every member, plant and offer back from the contracts and compares both with
 * the plan's arithmetic.
 */
export const check = async (group: Group, result: ExperimentResult): Promise<Checks> => {
  const mismatches: string[] = [];
  let events = 0;
  let violation: string | undefined;
  let rebuilt: ReturnType<typeof rebuild> | undefined;
  try {
    const history = await readGroupHistory(auditedGroup(group));
    events = history.events.length;
    rebuilt = rebuild(history.events, group.contracts.ledger);
    violation =
      rebuilt.violation === undefined
        ? undefined
        : `${rebuilt.violation.broken.map((broken) => `invariant ${broken.invariant}: ${broken.message}`).join('; ')} ` +
          `(block ${rebuilt.violation.event.blockIndex}, tx ${rebuilt.violation.event.transactionHash}, ${rebuilt.violation.event.name})`;
  } catch (error) {
    violation = `the auditor could not replay the chain's events: ${firstLine(error)}`;
  }
  const { ledger, plants, trades } = group;
  const summary = await ledger.groupSummary();
  const operating = result.plants.filter((plant) => plant.outcome === 'operating');
  const expectedCapacity = operating.reduce((sum, plant) => sum + plant.capacityW, 0);
  if (!summary.totalCapacityW.isEqualTo(expectedCapacity)) {
    mismatches.push(`totalCapacityW ${summary.totalCapacityW} W, planned ${expectedCapacity} W`);
  }
  if (!summary.totalSupply.isEqualTo(summary.totalCapacityW.div(1_000)) || !(await ledger.totalSupply()).isEqualTo(summary.totalSupply)) {
    mismatches.push(`totalSupply ${summary.totalSupply} SEB for ${summary.totalCapacityW} W`);
  }
  if (!summary.members.isEqualTo(result.members.length)) {
    mismatches.push(`members ${summary.members}, planned ${result.members.length}`);
  }
  const listed = await allMembers(ledger);
  const addresses = new Set(result.members.map((member) => member.address));
  if (listed.length !== addresses.size || listed.some((address) => !addresses.has(address))) {
    mismatches.push(`listOfMembers gives ${listed.length} members, not the experiment's ${addresses.size}`);
  }
  // Nobody left nor gave quota away: the treasury holds nothing.
  const treasury = await ledger.treasury();
  if (!treasury.quotaW.isZero() || !treasury.tokens.isZero()) {
    mismatches.push(`the treasury holds ${treasury.quotaW} W ${treasury.tokens} SEB`);
  }
  // Quotas at operation: the contract's rounding, recomputed here from the pledges.
  const planned = new Array<number>(result.members.length).fill(0);
  const pledged = result.members.map(() => new BigNumber(0));
  for (const plan of result.plans) {
    expectedQuotas(plan.capacityW, plan.pledges, plan.order).forEach((quotaW, position) => {
      planned[plan.funders[position]] += quotaW;
      pledged[plan.funders[position]] = pledged[plan.funders[position]].plus(plan.pledges[position]);
    });
  }
  const moved = new Array<number>(result.members.length).fill(0);
  const paid = result.members.map(() => new BigNumber(0));
  for (const trade of result.trades) {
    moved[trade.from] -= trade.quotaW;
    moved[trade.to] += trade.quotaW;
    paid[trade.from] = paid[trade.from].plus(trade.tokens);
    paid[trade.to] = paid[trade.to].minus(trade.tokens);
  }
  const [groupPlant] = operating;
  const serials: number[] = [];
  await eachAtMost(result.members, 10, async (member) => {
    const [read, state, kept] = await Promise.all([
      ledger.member(member.address),
      ledger.memberState(member.address),
      groupPlant === undefined ? Promise.resolve(new BigNumber(0)) : plants.bidOf(groupPlant.ppID, member.address),
    ]);
    const events = rebuilt?.state.members.get(member.address);
    const quotaW = planned[member.index] + moved[member.index];
    const tokens = new BigNumber(planned[member.index]).div(1_000).plus(paid[member.index]);
    const name = `member ${member.index + 1}`;
    if (read === undefined || state.length === 0) {
      mismatches.push(`${name} is not a member`);

      return;
    }
    if (result.quotas[member.index] !== planned[member.index]) {
      mismatches.push(`${name}: quota at operation ${result.quotas[member.index]} W, rule gives ${planned[member.index]} W`);
    }
    if (!read.quotaW.isEqualTo(quotaW) || !read.tokens.isEqualTo(tokens)) {
      mismatches.push(`${name}: reads ${read.quotaW} W ${read.tokens} SEB, expected ${quotaW} W ${tokens} SEB`);
    }
    if (rebuilt !== undefined && (events === undefined || !events.quotaW.isEqualTo(read.quotaW) || !events.tokens.isEqualTo(read.tokens))) {
      mismatches.push(`${name}: events give ${events?.quotaW} W ${events?.tokens} SEB, reads ${read.quotaW} W ${read.tokens} SEB`);
    }
    // memberState: [serial, removals, reserved W, reserved SEB, pledges in plants not yet operating, open offers].
    const [serial, ...rest] = state.map((value) => value.toNumber());
    serials.push(serial);
    if (rest.some((value) => value !== 0)) {
      mismatches.push(`${name}: memberState [${state.join(', ')}], expected nothing frozen, reserved, pledged or offered`);
    }
    if (groupPlant !== undefined && !kept.isEqualTo(pledged[member.index])) {
      mismatches.push(`${name}: keeps R$ ${kept.toFixed(2)} in ${groupPlant.ppID}, pledged R$ ${pledged[member.index].toFixed(2)}`);
    }
  });
  // Admission serials: one each, 1 … members (nobody left, so no gaps).
  if ([...serials].sort((a, b) => a - b).some((serial, position) => serial !== position + 1)) {
    mismatches.push('admission serials are not 1 … members');
  }
  for (const plant of result.plants.filter((entry) => entry.ppID !== '')) {
    const read = await plants.powerPlant(plant.ppID);
    if (read === undefined || read.status !== plant.outcome || read.status !== plant.statuses[plant.statuses.length - 1]) {
      mismatches.push(`${plant.ppID}: status ${read?.status}, expected ${plant.outcome}`);
      continue;
    }
    const operates = plant.outcome === 'operating';
    if (!read.raised.isEqualTo(operates ? plant.cost : 0) || (!operates && !read.funders.isZero())) {
      mismatches.push(`${plant.ppID} (${read.status}): raised R$ ${read.raised.toFixed(2)} from ${read.funders} funders`);
    }
  }
  if (!(await trades.offerCount()).isEqualTo(result.trades.length)) {
    mismatches.push(`offerCount ${await trades.offerCount()}, ${result.trades.length} offers made`);
  }
  await eachAtMost(result.trades, 10, async (trade) => {
    const offer = await trades.tradeOffer(trade.offerID);
    if (
      offer === undefined ||
      offer.status !== 'accepted' ||
      offer.from !== result.members[trade.from].address ||
      offer.to !== result.members[trade.to].address ||
      !offer.quotaW.isEqualTo(trade.quotaW) ||
      !offer.tokens.isEqualTo(trade.tokens) ||
      !offer.expiresAt.minus(offer.offeredAt).isEqualTo(result.offerValidity)
    ) {
      mismatches.push(`offer ${trade.offerID}: ${offer === undefined ? 'unknown' : `${offer.status}, ${offer.quotaW} W for ${offer.tokens} SEB`}`);
    }
  });

  return { events, violation, mismatches };
};

// ------------------------------------------------------------------ figures

export interface ProfileFigures {
  readonly profile: Profile;
  readonly members: number;
  readonly averageKWh: number;
  readonly monthKWh: number;
  readonly quotaAtOperationW: number;
  readonly quotaAfterTradesW: number;
  readonly sebAfterTrades: string;
}

export interface ReportJSON {
  /** What ran the experiment and on which chain, as its caller says (`npm start`, a test, a bench). */
  readonly producer: string;
  readonly members: number;
  readonly plants: Array<{
    ppID: string;
    rID: string;
    title: string;
    capacityW: number;
    cost: string;
    yes: number;
    no: number;
    electorate: number;
    outcome: string;
    /** Its statuses in order, from its `process` events (funding → funded → issuing → operating, …). */
    statuses: string[];
    /** R$ pledged when its crowdfunding closed (above the cost: cut pro rata). */
    pledged: string;
    /** Its funders when the crowdfunding closed. */
    funders: number;
    /** Transactions of its paged steps: crowdfundingResult, cancelPledges and startOperation pages. */
    pages: number;
  }>;
  /** Admissions, each after a member's invitation (v1.1 §4). */
  readonly invitations: number;
  /** Founding-day and later admissions: the electorates their referendums had, and the blocks their invitations took. */
  readonly admissions: {
    readonly foundingDayElectorates: number[];
    readonly laterElectorates: number[];
    /** Every request was in the block right after its invitation. */
    readonly requestedInNextBlock: boolean;
    readonly laterInvitationBlocks: number;
  };
  readonly trades: number;
  readonly tradeVolume: { quotaW: number; seb: string; sebPerKW: number };
  readonly profiles: ProfileFigures[];
  readonly invariantsHold: boolean;
  readonly eventsChecked: number;
  readonly mismatches: string[];
  readonly blocks: number;
  readonly transactions: number;
  /** Of the transactions, the GAS transfers that funded the members. */
  readonly gasTransfers: number;
  readonly wallSeconds: number;
  readonly gas: Array<{ operation: string; count: number; min: number; median: number; max: number; total: number; withinFreeGas: boolean }>;
  /** Operations that cost more than NEO's 10 free GAS at least once (the goal: none). */
  readonly overFreeGas: string[];
  readonly assumptions: Assumptions & { laterJoiners: number };
  readonly settings: Record<string, unknown>;
  readonly fastForwardDays: number;
  /** Days a fully pledged plant waits from the opening of its funding before it may close (v1.1 §6). */
  readonly minFundingWindowDays: number;
  /** Days each trade offer was valid for (v1.1 §9). */
  readonly offerValidityDays: number;
}

export const figures = (
  result: ExperimentResult,
  checks: Checks,
  assumptions: Assumptions,
  extra: { producer: string; wallSeconds: number; laterJoiners: number; settings: Record<string, unknown> },
): ReportJSON => {
  const after = result.members.map((member) => result.quotas[member.index]);
  const seb = result.members.map((member) => new BigNumber(result.quotas[member.index]).div(1_000));
  for (const trade of result.trades) {
    after[trade.from] -= trade.quotaW;
    after[trade.to] += trade.quotaW;
    seb[trade.from] = seb[trade.from].plus(trade.tokens);
    seb[trade.to] = seb[trade.to].minus(trade.tokens);
  }
  const profiles = (['prosumer', 'consumer'] as const)
    .map((profile) => {
      const members = result.members.filter((member) => member.profile === profile);

      return {
        profile,
        members: members.length,
        averageKWh: members.reduce((sum, member) => sum + member.averageKWh, 0),
        monthKWh: members.reduce((sum, member) => sum + member.monthKWh, 0),
        quotaAtOperationW: members.reduce((sum, member) => sum + result.quotas[member.index], 0),
        quotaAfterTradesW: members.reduce((sum, member) => sum + after[member.index], 0),
        sebAfterTrades: members.reduce((sum, member) => sum.plus(seb[member.index]), new BigNumber(0)).toFixed(),
      };
    })
    .filter((entry) => entry.members > 0);
  const gas = result.gas.rows();
  const cohortOf = (admission: ExperimentResult['admissions'][number]) => result.members[admission.member].cohort;
  const distinct = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
  const later = result.admissions.filter((admission) => cohortOf(admission) === 'later');

  return {
    producer: extra.producer,
    members: result.members.length,
    plants: result.plants.map((plant) => ({
      ppID: plant.ppID,
      rID: plant.rID,
      title: plant.title,
      capacityW: plant.capacityW,
      cost: plant.cost.toFixed(2),
      yes: plant.votes.yes,
      no: plant.votes.no,
      electorate: plant.votes.electorate,
      outcome: plant.outcome,
      statuses: plant.statuses,
      pledged: plant.pledged.toFixed(2),
      funders: plant.funders,
      pages: plant.pages,
    })),
    invitations: result.admissions.length,
    admissions: {
      foundingDayElectorates: distinct(result.admissions.filter((admission) => cohortOf(admission) === 'founding day').map((admission) => admission.electorate)),
      laterElectorates: distinct(later.map((admission) => admission.electorate)),
      requestedInNextBlock: result.admissions.every((admission) => admission.requestedInBlock === admission.invitedInBlock + 1),
      laterInvitationBlocks: new Set(later.map((admission) => admission.invitedInBlock)).size,
    },
    trades: result.trades.length,
    tradeVolume: {
      quotaW: result.trades.reduce((sum, trade) => sum + trade.quotaW, 0),
      seb: result.trades.reduce((sum, trade) => sum.plus(trade.tokens), new BigNumber(0)).toFixed(),
      sebPerKW: assumptions.sebPerKW,
    },
    profiles,
    invariantsHold: checks.violation === undefined && checks.mismatches.length === 0,
    eventsChecked: checks.events,
    mismatches: checks.mismatches,
    blocks: result.lastBlock - result.firstBlock + 1,
    transactions: result.transactions,
    gasTransfers: result.gasTransfers,
    wallSeconds: extra.wallSeconds,
    gas: gas.map((row) => ({ ...row, withinFreeGas: row.max <= FREE_GAS })),
    overFreeGas: gas.filter((row) => row.max > FREE_GAS).map((row) => row.operation),
    assumptions: { ...assumptions, laterJoiners: extra.laterJoiners },
    settings: extra.settings,
    fastForwardDays: result.fastForwardSeconds / 86_400,
    minFundingWindowDays: result.minFundingWindow / 86_400,
    offerValidityDays: result.offerValidity / 86_400,
  };
};

// ------------------------------------------------------------------ output

const kW = (watts: number): string => `${(watts / 1_000).toLocaleString('en-US', { maximumFractionDigits: 3 })} kW`;
const reais = (value: string): string =>
  `R$ ${Number(value).toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const gasFixed = (value: number): string => value.toFixed(3);
/** "1 page", "3 pages"; `many` replaces the noun (and what follows) after other counts. */
const plural = (value: number, one: string, many = `${one}s`): string => `${value} ${value === 1 ? one : many}`;

export const table = (header: string[], rows: string[][]): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );

/** Quota after trades beside this month's need, per member, grouped by profile. */
export const chartSVG = (result: ExperimentResult, assumptions: Assumptions): string => {
  const after = result.members.map((member) => result.quotas[member.index]);
  for (const trade of result.trades) {
    after[trade.from] -= trade.quotaW;
    after[trade.to] += trade.quotaW;
  }
  const members = [...result.members].sort((a, b) => (a.profile === b.profile ? a.index - b.index : a.profile === 'prosumer' ? -1 : 1));
  const need = (index: number) => (result.members[index].monthKWh * 1_000) / assumptions.yieldKWhPerKWpMonth;
  const top = Math.max(...members.map((member) => Math.max(result.quotas[member.index], need(member.index), after[member.index])));
  const width = 900;
  const height = 360;
  const left = 60;
  const bottom = 40;
  const plotW = width - left - 20;
  const plotH = height - bottom - 50;
  const step = plotW / members.length;
  const y = (watts: number) => 50 + plotH - (plotH * watts) / top;
  const parts: string[] = [];
  members.forEach((member, position) => {
    const x = left + position * step;
    const fill = member.profile === 'prosumer' ? '#f2a900' : '#2b7bb9';
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y(after[member.index]).toFixed(1)}" width="${Math.max(step - 1, 0.5).toFixed(1)}" height="${(50 + plotH - y(after[member.index])).toFixed(1)}" fill="${fill}"><title>member ${member.index + 1} (${member.profile}): quota ${after[member.index]} W after trades, ${result.quotas[member.index]} W at operation, need ${Math.round(need(member.index))} W</title></rect>`,
      `<line x1="${x.toFixed(1)}" x2="${(x + step - 1).toFixed(1)}" y1="${y(need(member.index)).toFixed(1)}" y2="${y(need(member.index)).toFixed(1)}" stroke="#c0392b" stroke-width="2"/>`,
    );
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
    const watts = Math.round(top * fraction);

    return `<text x="${left - 6}" y="${(y(watts) + 4).toFixed(1)}" text-anchor="end" font-size="11">${(watts / 1000).toFixed(1)}</text><line x1="${left}" x2="${width - 20}" y1="${y(watts).toFixed(1)}" y2="${y(watts).toFixed(1)}" stroke="#ddd"/>`;
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">Quota after trades (bars) and this month's need (red), per member, kW</text>`,
    `<text x="${left}" y="40" font-size="12"><tspan fill="#f2a900">■ prosumers</tspan>  <tspan fill="#2b7bb9">■ consumers</tspan>  <tspan fill="#c0392b">— need = consumption / ${assumptions.yieldKWhPerKWpMonth} kWh per kWp</tspan></text>`,
    ...ticks,
    ...parts,
    `<text x="${width / 2}" y="${height - 10}" text-anchor="middle" font-size="12">members (${members.length}), prosumers first</text>`,
    '</svg>',
  ].join('\n');
};

export const markdown = (report: ReportJSON, checks: Checks, chartFile: string): string => {
  const a = report.assumptions;
  const operatingPlants = report.plants.filter((plant) => plant.outcome === 'operating');
  const capacity = operatingPlants.reduce((sum, plant) => sum + plant.capacityW, 0);
  const count = (operation: string): number => report.gas.find((row) => row.operation === operation)?.count ?? 0;
  const row = (operation: string) => report.gas.find((entry) => entry.operation === operation);
  const span = (operation: string): string => {
    const found = row(operation);

    return found === undefined ? '—' : found.min === found.max ? `${gasFixed(found.min)} GAS` : `${gasFixed(found.min)} to ${gasFixed(found.max)} GAS`;
  };
  const [groupPlant] = operatingPlants;
  const failed = report.plants.find((plant) => plant.outcome === 'failed');
  const foundingDay = report.members - 1 - a.laterJoiners;
  const costliest = [...report.gas].sort((x, y) => y.max - x.max)[0];
  const pagedOver = report.overFreeGas.filter((operation) => /^(crowdfundingResult|cancelPledges|startOperation)/.test(operation));
  const oversubscribed = report.plants.filter((plant) => plant.ppID !== '' && Number(plant.pledged) > Number(plant.cost));
  const rejected = report.plants.filter((plant) => plant.outcome === 'rejected');
  const electorates = (values: number[]): string =>
    values.length === 1 ? `an electorate of ${values[0]}` : `electorates of ${values.join(', ')}`;
  const { admissions } = report;

  return `# The thesis experiment (section 3.5), measured

Produced by ${report.producer} with the four contracts of
MTEMsm v1.1: the ledger \`MTEMsm\` (members, quota, SEB), \`MTEMsmTrades\`, \`MTEMsmPlants\` and \`MTEMsmReferendums\`.
${report.members} members, ${report.transactions} transactions (${plural(report.gasTransfers, 'GAS transfer')} to fund the members among them)
in ${report.blocks} blocks, ${report.wallSeconds.toFixed(1)} s of wall time (compilation and deployment included). The chain's clock was moved forward ${report.fastForwardDays.toFixed(0)} days with
neo-one's developer RPC: the ${report.minFundingWindowDays}-day minimum funding window before the group plant's early close, its
time to market, and the carport's crowdfunding period.

**Checks:** ${report.invariantsHold ? 'all hold' : 'FAILED'}. The spec's invariants 1–5 were checked after every one of the
${checks.events} events read back from the chain (the auditor's rebuild, \`src/audit/rebuild.ts\`)${checks.violation === undefined ? '' : ` — ${checks.violation}`};
every member's quota and SEB read from the ledger equal the rebuilt state and the figures below, nothing is left
frozen, reserved, pledged or on offer (\`memberState\`), each member keeps exactly its pledge in the group plant, and every
trade offer reads accepted${checks.mismatches.length === 0 ? '' : ` — differences: ${checks.mismatches.slice(0, 5).join('; ')}`}.

## What v1.1 changed in this run

- **Invitations.** An admission needs an open invitation from a member, and a member has one open invitation at a
  time (it is used up by the candidate's request). On founding day the founder invited the ${foundingDay} candidates one after
  another, each requesting admission ${admissions.requestedInNextBlock ? 'in the block after its invitation' : 'in a later block than its invitation'}${
    a.laterJoiners === 0
      ? ''
      : `; ${a.laterJoiners === 1 ? 'the later joiner was invited' : `the ${a.laterJoiners} later joiners were each invited by a different member,`} in ${plural(admissions.laterInvitationBlocks, 'block')}`
  }. ${plural(report.invitations, 'invitation')} in all.
- **Early close after the funding window.** ${groupPlant === undefined ? 'No plant operates.' : `The group plant was fully pledged in its first blocks of pledges, but a plant closes early only once \`minFundingWindow\` (${report.minFundingWindowDays} days) has passed since its funding opened: the clock was moved ${report.minFundingWindowDays} days before \`crowdfundingResult\`.`}
- **Oversubscription.** v1 refused a pledge that took a plant above its cost; v1.1 accepts it and, at the close, keeps
  from each pledge its pro-rata share of the cost (cents by largest remainder, ties to the earlier pledge) and
  releases the rest. ${oversubscribed.length === 0 ? "Here no plant was oversubscribed: the group plant's pledges add up to its cost exactly, so nothing was cut." : `Cut here: ${oversubscribed.map((plant) => `${plant.ppID} (${reais(plant.pledged)} pledged for ${reais(plant.cost)})`).join(', ')}.`}
- **Paged steps.** Every loop over a plant's pledges runs in pages, one per transaction, each meant to fit the free 10 GAS
  (${pagedOver.length === 0 ? 'here every page did' : `here ${pagedOver.join(' and ')} did not: see the gas table`}).
  \`startOperation\` first checks the watts threshold (computed off chain from the public pledges,
  \`src/domain/apportion.ts\`; the contract checks it) in ${plural(count('startOperation (checking page)'), 'page')} of up to ${QUOTA_CHECK_PAGE} pledges, then issues${
    groupPlant === undefined ? '' : ` the quota of its ${plural(groupPlant.funders, 'funder')}`
  } in ${plural(count('startOperation (issuing page)'), 'page')}. ${failed === undefined ? '' : `The carport's failed crowdfunding leaves it \`failing\`; its ${plural(failed.funders, 'pledge')} are then cancelled in ${plural(count('cancelPledges page'), 'page')} (\`cancelPledges\`) until it is \`failed\`.`}
- **Trades** are offers on \`MTEMsmTrades\` that expire: each was valid for ${report.offerValidityDays} days (the command line's default)
  and accepted by its buyer within it.

## The group (Table 4 of the thesis)

${table(
  ['profile', 'members', 'average consumption', 'this month', 'quota at operation', 'quota after trades', 'SEB after trades'],
  report.profiles.map((profile) => [
    profile.profile,
    String(profile.members),
    `${(profile.averageKWh / profile.members).toFixed(0)} kWh/month (Σ ${profile.averageKWh.toLocaleString('en-US')})`,
    `Σ ${profile.monthKWh.toLocaleString('en-US')} kWh`,
    kW(profile.quotaAtOperationW),
    kW(profile.quotaAfterTradesW),
    profile.sebAfterTrades,
  ]),
)}

Each member's 12-month average is their profile's average spread by ±${(a.memberSpread * 100).toFixed(0)}% and
apportioned so each profile's total is exactly Table 4's; this month's consumption strays by up to
±${(a.monthlySpread * 100).toFixed(0)}% from it (seeded, \`seed\` ${a.seed}). The founder and ${foundingDay} members applied on founding day,
when the founder was the only member: those admissions had ${electorates(admissions.foundingDayElectorates)} (read from their referendums), and the founder's vote decided
them (the spec's rule: the electorate is the members at opening).${
    a.laterJoiners === 0
      ? ''
      : ` ${a.laterJoiners === 1 ? 'The last member applied after and was' : `The last ${a.laterJoiners} applied after and were`} voted in by
a strict majority of the whole group (${electorates(admissions.laterElectorates)}).`
  }

![Quota and need per member](${chartFile})

## Plants

Assumptions: photovoltaic yield **${a.yieldKWhPerKWpMonth} kWh per kWp per month** (southeast Brazil, after losses,
about ${(a.yieldKWhPerKWpMonth * 12).toLocaleString('en-US')} kWh/kWp a year); installed cost **R$ ${a.costPerWp.toFixed(2)} per Wp**; time to market
**${(a.timeToMarket / 86_400).toFixed(0)} days**; utility "${a.utility}". Capacity is sized to consumption: consumption / yield.
Pledges are proportional to each funder's average consumption, in cents, with the leftover cents to the largest remainders
(they add up to the cost exactly); the contract turns them into quota by the spec's largest-remainder rule.

The group's generation is **one plant funded by ${groupPlant === undefined ? 'its members' : `${groupPlant.funders} of the ${report.members} members`}**${groupPlant === undefined ? '' : `, started in ${count('startOperation (checking page)') + count('startOperation (issuing page)')} \`startOperation\` calls`}.
${rejected.length === 0 ? '' : `${rejected.map((plant) => `The ${plant.title.replace(/ \(.*\)$/, '')} (${kW(plant.capacityW)}) is voted down, ${plant.yes} yes to ${plant.no} no of ${plant.electorate}`).join('; ')}. `}${
    failed === undefined ? '' : `The ${failed.title.replace(/ \(.*\)$/, '')} array, pledged ${reais(failed.pledged)} in all by ${plural(failed.funders, 'member')} for a cost of ${reais(failed.cost)}, fails its crowdfunding. `
  }Every path shows. Statuses are the plant's (or, with no plant, the referendum's) \`process\` events in order.

${table(
  ['plant', 'referendum', 'capacity', 'cost', 'pledged at the close', 'votes yes / no / electorate', 'statuses', 'paged calls'],
  report.plants.map((plant) => [
    plant.ppID === '' ? '—' : plant.ppID,
    plant.rID,
    `${plant.title}: ${kW(plant.capacityW)}`,
    reais(plant.cost),
    plant.ppID === '' ? '—' : reais(plant.pledged),
    `${plant.yes} / ${plant.no} / ${plant.electorate}`,
    plant.statuses.join(' → '),
    String(plant.pages),
  ]),
)}

In operation: ${kW(capacity)}, ${(capacity / 1_000).toLocaleString('en-US')} SEB issued.

## Trades

Members whose quota exceeds this month's need (consumption / yield) sell the surplus to members short of it, largest
first, at **${a.sebPerKW} SEB per kW** (par: 1 SEB is 1 kW of capacity): ${report.trades} trades (an offer valid for
${report.offerValidityDays} days, then acceptance by the buyer), ${kW(report.tradeVolume.quotaW)} of quota for ${report.tradeVolume.seb} SEB.

## Cost of every operation (gasCost, GAS)

NEO 2 gives ${FREE_GAS} GAS free per transaction; the sender pays the rest. The goal: every member-facing operation within
the free ${FREE_GAS} GAS. ${
    report.overFreeGas.length === 0
      ? `**Met:** every transaction of the run cost at most ${FREE_GAS} GAS, each page of a paged step included (the most: ${costliest === undefined ? '—' : `${gasFixed(costliest.max)} GAS, ${costliest.operation}`}).`
      : `**Not met:** ${report.gas
          .filter((entry) => !entry.withinFreeGas)
          .map((entry) => `${entry.operation} (up to ${gasFixed(entry.max)} GAS, ${gasFixed(entry.max - FREE_GAS)} paid above the free ${FREE_GAS})`)
          .join(', ')} cost more than ${FREE_GAS} GAS.`
  }
Members send their own invitations, requests, votes, pledges, proposals, offers and acceptances, and here each
candidate its admission result; the paged plant steps (\`crowdfundingResult\`, \`cancelPledges\`, \`startOperation\`)
may be sent by anyone, here by the founder, one page per block, and each row counts pages: a \`startOperation\` page
costs ${span('startOperation (issuing page)')} to issue one funder's quota, a checking page ${span('startOperation (checking page)')}, a
\`cancelPledges\` page ${span('cancelPledges page')}.

${table(
  ['operation', 'count', 'min', 'median', 'max', 'total', `within ${FREE_GAS} GAS`],
  report.gas.map((entry) => [
    entry.operation,
    String(entry.count),
    gasFixed(entry.min),
    gasFixed(entry.median),
    gasFixed(entry.max),
    gasFixed(entry.total),
    entry.withinFreeGas ? 'yes' : 'no',
  ]),
)}

Deployment settings: ${Object.entries(report.settings)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ')}.
`;
};

export const writeReport = (
  dir: string,
  report: ReportJSON,
  checks: Checks,
  svg: string,
  name = 'thesis-experiment',
): { md: string; json: string; svg: string } => {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    md: path.join(dir, `${name}.md`),
    json: path.join(dir, `${name}.json`),
    svg: path.join(dir, `${name}-quota.svg`),
  };
  fs.writeFileSync(files.svg, `${svg}\n`);
  fs.writeFileSync(files.json, `${JSON.stringify(report, undefined, 2)}\n`);
  fs.writeFileSync(files.md, markdown(report, checks, path.basename(files.svg)));

  return files;
};
