/**
 * The thesis experiment's group (Table 4) and the arithmetic of its plan: pure,
 * no chain. Every rounding rule conserves its total and is stated where it is used.
 *
 * Table 4: 50 prosumers averaging 360 kWh/month and 80 consumers averaging
 * 1,125 kWh/month, 108,000 kWh/month in all.
 */
import BigNumber from 'bignumber.js';
import { apportion } from '../domain/apportion';

export { apportion };

export type Profile = 'prosumer' | 'consumer';

export interface ProfileSpec {
  readonly profile: Profile;
  readonly units: number;
  /** kWh/month, the profile's average (Table 4). */
  readonly averageKWh: number;
}

export interface Assumptions {
  /** Photovoltaic yield, kWh per kWp per month (southeast Brazil, after losses). */
  readonly yieldKWhPerKWpMonth: number;
  /** Installed cost, R$ per Wp (turn-key ground or roof PV, 2020s Brazil). */
  readonly costPerWp: number;
  /** Seconds from full funding to operation (the plant's timeToMarket). */
  readonly timeToMarket: number;
  /** The distribution utility every member and plant belongs to. */
  readonly utility: string;
  /** Price of quota in trades: SEB per kW (1 SEB is 1 kW of capacity, so 1.0 is par). */
  readonly sebPerKW: number;
  /** How far a member's consumption this month may stray from their 12-month average (fraction). */
  readonly monthlySpread: number;
  /** How far a member's average strays from their profile's average (fraction). */
  readonly memberSpread: number;
  /** Seed of the pseudo-random spreads, so a run can be repeated exactly. */
  readonly seed: number;
}

/** Table 4's two profiles at 6 members (2 prosumers, 4 consumers): the tests' small group. */
export const SMALL_GROUP: readonly ProfileSpec[] = [
  { profile: 'prosumer', units: 2, averageKWh: 360 },
  { profile: 'consumer', units: 4, averageKWh: 1125 },
];

export const TABLE_4: readonly ProfileSpec[] = [
  { profile: 'prosumer', units: 50, averageKWh: 360 },
  { profile: 'consumer', units: 80, averageKWh: 1125 },
];

export const ASSUMPTIONS: Assumptions = {
  yieldKWhPerKWpMonth: 120,
  costPerWp: 4,
  timeToMarket: 90 * 86_400,
  utility: 'Light',
  sebPerKW: 1,
  monthlySpread: 0.25,
  memberSpread: 0.2,
  seed: 2021,
};

export interface PlannedMember {
  readonly index: number;
  readonly profile: Profile;
  /** 12-month average consumption, kWh/month: what the member pledges for. */
  readonly averageKWh: number;
  /** This month's consumption, kWh: what the member needs once the plant runs. */
  readonly monthKWh: number;
}

/** A small deterministic generator (mulberry32): the same seed gives the same group. */
export const random = (seed: number): (() => number) => {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};


/**
 * The members: each profile's averages spread by ±memberSpread and apportioned so the
 * profile's total is exactly units × average (Table 4's totals hold to the kWh); each
 * month's consumption spreads by ±monthlySpread around the member's average.
 */
export const planMembers = (profiles: readonly ProfileSpec[], assumptions: Assumptions): PlannedMember[] => {
  const next = random(assumptions.seed);
  const members: PlannedMember[] = [];
  for (const { profile, units, averageKWh } of profiles) {
    const weights = Array.from({ length: units }, () =>
      BigInt(Math.round(1_000 * (1 + assumptions.memberSpread * (2 * next() - 1)))),
    );
    const averages = apportion(BigInt(units * averageKWh), weights);
    for (const average of averages) {
      const monthKWh = Math.round(Number(average) * (1 + assumptions.monthlySpread * (2 * next() - 1)));
      members.push({ index: members.length, profile, averageKWh: Number(average), monthKWh });
    }
  }

  return members;
};

export interface PlantPlan {
  /** Indexes of the members who fund the plant, in pledge order. */
  readonly funders: number[];
  readonly capacityW: number;
  /** R$, exact cents. */
  readonly cost: BigNumber;
  /** R$ per member, exact cents, adding up to `cost`. */
  readonly pledges: BigNumber[];
  /** Once pledged: each pledge's position on chain (the earlier wins a tie of remainders). */
  readonly order?: number[];
}

/**
 * Sizes a plant to its funders' monthly consumption (capacity = consumption / yield,
 * rounded to the watt) and splits its cost in pledges proportional to each funder's
 * average consumption (in cents, largest remainder: they add up to the cost).
 */
export const planPlant = (members: readonly PlannedMember[], assumptions: Assumptions): PlantPlan => {
  const totalKWh = members.reduce((sum, member) => sum + member.averageKWh, 0);
  const capacityW = Math.round((totalKWh * 1_000) / assumptions.yieldKWhPerKWpMonth);
  const costCents = BigInt(Math.round(capacityW * assumptions.costPerWp * 100));
  const pledges = apportion(
    costCents,
    members.map((member) => BigInt(member.averageKWh)),
  ).map((cents) => new BigNumber(cents.toString()).div(100));

  return {
    funders: members.map((member) => member.index),
    capacityW,
    cost: new BigNumber(costCents.toString()).div(100),
    pledges,
  };
};

/**
 * The contract's rule (spec, startOperation): quota_i = floor(capacityW × pledge_i /
 * cost), the leftover watts one each to the largest remainders, ties to the earlier
 * pledge. Used to check the chain's result, not to compute it.
 */
export const expectedQuotas = (
  capacityW: number,
  pledges: readonly BigNumber[],
  order: readonly number[] = pledges.map((_, index) => index),
): number[] => {
  const byOrder = pledges.map((_, index) => index).sort((a, b) => order[a] - order[b]);
  const quotas = apportion(
    BigInt(capacityW),
    byOrder.map((index) => BigInt(pledges[index].times(100).toFixed(0))),
  );
  const expected = new Array<number>(pledges.length);
  byOrder.forEach((index, position) => {
    expected[index] = Number(quotas[position]);
  });

  return expected;
};

export interface PlannedTrade {
  readonly from: number;
  readonly to: number;
  readonly quotaW: number;
  /** SEB, at `sebPerKW`, rounded down to 1e-8 SEB. */
  readonly tokens: BigNumber;
}

/**
 * Members whose quota exceeds this month's need sell the surplus to members short of
 * it: surpluses and shortfalls in watts (need = kWh / yield), largest first, matched
 * greedily; each trade moves min(surplus, shortfall) whole watts.
 */
export const planTrades = (
  members: readonly PlannedMember[],
  quotas: readonly number[],
  assumptions: Assumptions,
): PlannedTrade[] => {
  const balance = members.map((member, index) => ({
    index,
    watts: quotas[index] - Math.round((member.monthKWh * 1_000) / assumptions.yieldKWhPerKWpMonth),
  }));
  const sellers = balance.filter((entry) => entry.watts > 0).sort((a, b) => b.watts - a.watts || a.index - b.index);
  const buyers = balance
    .filter((entry) => entry.watts < 0)
    .map((entry) => ({ index: entry.index, watts: -entry.watts }))
    .sort((a, b) => b.watts - a.watts || a.index - b.index);
  const trades: PlannedTrade[] = [];
  let seller = 0;
  let buyer = 0;
  while (seller < sellers.length && buyer < buyers.length) {
    const quotaW = Math.min(sellers[seller].watts, buyers[buyer].watts);
    trades.push({
      from: sellers[seller].index,
      to: buyers[buyer].index,
      quotaW,
      tokens: new BigNumber(quotaW).times(assumptions.sebPerKW).div(1_000).decimalPlaces(8, BigNumber.ROUND_DOWN),
    });
    sellers[seller].watts -= quotaW;
    buyers[buyer].watts -= quotaW;
    if (sellers[seller].watts === 0) {
      seller += 1;
    }
    if (buyers[buyer].watts === 0) {
      buyer += 1;
    }
  }

  return trades;
};
