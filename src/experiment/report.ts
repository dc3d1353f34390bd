/**
 * The experiment's report: checks (invariants from the chain's events, figures
 * against the contracts' reads), then `thesis-experiment.md`, `.json` and an SVG chart.
 */
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as path from 'path';
import { auditedGroup, readGroupHistory } from '../audit/events';
import { rebuild } from '../audit/rebuild';
import { Group } from '../chain/group';
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

/** Reads every member back, replays the chain's events and compares them with the plan. */
export const check = async (group: Group, result: ExperimentResult): Promise<Checks> => {
  const mismatches: string[] = [];
  const history = await readGroupHistory(auditedGroup(group));
  const rebuilt = rebuild(history.events, group.contracts.ledger);
  const violation =
    rebuilt.violation === undefined
      ? undefined
      : `${rebuilt.violation.broken.map((broken) => `invariant ${broken.invariant}: ${broken.message}`).join('; ')} ` +
        `(block ${rebuilt.violation.event.blockIndex}, tx ${rebuilt.violation.event.transactionHash}, ${rebuilt.violation.event.name})`;
  const summary = await group.ledger.groupSummary();
  const expectedCapacity = result.plans.reduce((sum, plan) => sum + plan.capacityW, 0);
  if (!summary.totalCapacityW.isEqualTo(expectedCapacity)) {
    mismatches.push(`totalCapacityW ${summary.totalCapacityW} W, planned ${expectedCapacity} W`);
  }
  if (!summary.members.isEqualTo(result.members.length)) {
    mismatches.push(`members ${summary.members}, planned ${result.members.length}`);
  }
  // Quotas at operation: the contract's rounding, recomputed here from the pledges.
  const planned = new Array<number>(result.members.length).fill(0);
  for (const plan of result.plans) {
    expectedQuotas(plan.capacityW, plan.pledges, plan.order).forEach((quotaW, position) => {
      planned[plan.funders[position]] += quotaW;
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
  for (const member of result.members) {
    const read = await group.ledger.member(member.address);
    const events = rebuilt.state.members.get(member.address);
    const quotaW = planned[member.index] + moved[member.index];
    const tokens = new BigNumber(planned[member.index]).div(1_000).plus(paid[member.index]);
    if (read === undefined || events === undefined) {
      mismatches.push(`member ${member.index + 1} is not a member`);
      continue;
    }
    if (result.quotas[member.index] !== planned[member.index]) {
      mismatches.push(`member ${member.index + 1}: quota at operation ${result.quotas[member.index]} W, rule gives ${planned[member.index]} W`);
    }
    if (!read.quotaW.isEqualTo(quotaW) || !read.tokens.isEqualTo(tokens)) {
      mismatches.push(`member ${member.index + 1}: reads ${read.quotaW} W ${read.tokens} SEB, expected ${quotaW} W ${tokens} SEB`);
    }
    if (!events.quotaW.isEqualTo(read.quotaW) || !events.tokens.isEqualTo(read.tokens)) {
      mismatches.push(`member ${member.index + 1}: events give ${events.quotaW} W ${events.tokens} SEB, reads ${read.quotaW} W ${read.tokens} SEB`);
    }
  }
  for (const plant of result.plants.filter((entry) => entry.ppID !== '')) {
    const read = await group.plants.powerPlant(plant.ppID);
    if (read === undefined || read.status !== plant.outcome) {
      mismatches.push(`${plant.ppID}: status ${read?.status}, expected ${plant.outcome}`);
    }
  }

  return { events: history.events.length, violation, mismatches };
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
  }>;
  readonly trades: number;
  readonly tradeVolume: { quotaW: number; seb: string; sebPerKW: number };
  readonly profiles: ProfileFigures[];
  readonly invariantsHold: boolean;
  readonly eventsChecked: number;
  readonly mismatches: string[];
  readonly blocks: number;
  readonly transactions: number;
  readonly wallSeconds: number;
  readonly gas: Array<{ operation: string; count: number; min: number; median: number; max: number; total: number }>;
  readonly assumptions: Assumptions & { laterJoiners: number };
  readonly settings: Record<string, unknown>;
  readonly fastForwardDays: number;
}

export const figures = (
  result: ExperimentResult,
  checks: Checks,
  assumptions: Assumptions,
  extra: { wallSeconds: number; laterJoiners: number; settings: Record<string, unknown> },
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

  return {
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
    })),
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
    wallSeconds: extra.wallSeconds,
    gas: result.gas.rows(),
    assumptions: { ...assumptions, laterJoiners: extra.laterJoiners },
    settings: extra.settings,
    fastForwardDays: result.fastForwardSeconds / 86_400,
  };
};

// ------------------------------------------------------------------ output

const kW = (watts: number): string => `${(watts / 1_000).toLocaleString('en-US', { maximumFractionDigits: 3 })} kW`;
const reais = (value: string): string =>
  `R$ ${Number(value).toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const gasFixed = (value: number): string => value.toFixed(3);

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
  const capacity = report.plants.filter((plant) => plant.outcome === 'operating').reduce((sum, plant) => sum + plant.capacityW, 0);

  return `# The thesis experiment (section 3.5), measured

Produced by \`npm start\` on a local neo-one private network (NEO 2, one validator).
${report.members} members, ${report.transactions} transactions in ${report.blocks} blocks, ${report.wallSeconds.toFixed(1)} s of wall time
(compilation and deployment included). The chain's clock was moved forward ${report.fastForwardDays.toFixed(0)} days
(time to market and a crowdfunding period) with neo-one's developer RPC.

**Checks:** ${report.invariantsHold ? 'all hold' : 'FAILED'}. The spec's invariants 1–5 were checked after every one of the
${checks.events} events read back from the chain (the auditor's rebuild, \`src/audit/rebuild.ts\`)${checks.violation === undefined ? '' : ` — broken: ${checks.violation}`};
every member's quota and SEB read from the contract equal the rebuilt state and the figures below${checks.mismatches.length === 0 ? '' : ` — differences: ${checks.mismatches.slice(0, 5).join('; ')}`}.

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
±${(a.monthlySpread * 100).toFixed(0)}% from it (seeded, \`seed\` ${a.seed}). The founder and ${report.members - 1 - a.laterJoiners} members applied on founding day,
when the founder was the only member: each of those admissions had an electorate of 1, and the founder's vote decided
it (the spec's rule: the electorate is the members at opening). The last ${a.laterJoiners} applied after and were voted in by
a strict majority of the whole group.

![Quota and need per member](${chartFile})

## Plants

Assumptions: photovoltaic yield **${a.yieldKWhPerKWpMonth} kWh per kWp per month** (southeast Brazil, after losses,
about ${(a.yieldKWhPerKWpMonth * 12).toLocaleString('en-US')} kWh/kWp a year); installed cost **R$ ${a.costPerWp.toFixed(2)} per Wp**; time to market
**${(a.timeToMarket / 86_400).toFixed(0)} days**; utility "${a.utility}". Capacity is sized to consumption: consumption / yield.
Pledges are proportional to each funder's average consumption, in cents, with the leftover cents to the largest remainders
(they add up to the cost exactly); the contract turns them into quota by the spec's largest-remainder rule.

The group's generation is **one plant funded by all ${report.members} members**. \`startOperation\` issues its quota to 20
funders per call (NeoVM allows 2,048 stack items per transaction), so the plant starts in
${report.gas.find((row) => row.operation === 'startOperation')?.count ?? 0} calls; see the README.

${table(
  ['plant', 'referendum', 'capacity', 'cost', 'votes yes / no / electorate', 'outcome'],
  report.plants.map((plant) => [
    plant.ppID === '' ? '—' : plant.ppID,
    plant.rID,
    `${plant.title}: ${kW(plant.capacityW)}`,
    reais(plant.cost),
    `${plant.yes} / ${plant.no} / ${plant.electorate}`,
    plant.outcome,
  ]),
)}

In operation: ${kW(capacity)}, ${(capacity / 1_000).toLocaleString('en-US')} SEB issued.

## Trades

Members whose quota exceeds this month's need (consumption / yield) sell the surplus to members short of it, largest
first, at **${a.sebPerKW} SEB per kW** (par: 1 SEB is 1 kW of capacity): ${report.trades} trades (offer, then acceptance by the
buyer), ${kW(report.tradeVolume.quotaW)} of quota for ${report.tradeVolume.seb} SEB.

## Cost of every operation (gasCost, GAS)

NEO 2 gives 10 GAS free per transaction; the sender pays the rest.

${table(
  ['operation', 'count', 'min', 'median', 'max', 'total'],
  report.gas.map((row) => [row.operation, String(row.count), gasFixed(row.min), gasFixed(row.median), gasFixed(row.max), gasFixed(row.total)]),
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
