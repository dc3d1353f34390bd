/**
 * A member's own consumption: profiles per local day and hour, peaks, abnormal usage
 * against the same hour's baseline, and the member's own thresholds.
 */
import { checkedSeries, INTERVALS_PER_HOUR, localDate, localDayNumber, localHour, option, Reading } from './common';

export interface DayEnergy {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  readonly energyWh: number;
  /** Intervals with a reading that day (96 when none is missing). */
  readonly intervals: number;
}

/** Wh per local day, in date order; only days with readings. */
export const dailyProfile = (readings: readonly Reading[]): DayEnergy[] => {
  const days = new Map<string, { energyWh: number; intervals: number }>();
  for (const { interval, energyWh } of checkedSeries(readings)) {
    const date = localDate(interval);
    const day = days.get(date) ?? { energyWh: 0, intervals: 0 };
    day.energyWh += energyWh;
    day.intervals += 1;
    days.set(date, day);
  }

  return [...days].map(([date, day]) => ({ date, ...day }));
};

export interface HourEnergy {
  /** Local hour of day, 0–23. */
  readonly hour: number;
  readonly totalWh: number;
  /** Local days with at least one reading in this hour. */
  readonly days: number;
  /** totalWh / days (not rounded: a statistic, not a reading); 0 without days. */
  readonly meanWh: number;
}

/** Mean Wh per local hour of day over the period: 24 entries, hour 0 first. */
export const hourlyProfile = (readings: readonly Reading[]): HourEnergy[] => {
  const totals = new Array<number>(24).fill(0);
  const days = Array.from({ length: 24 }, () => new Set<number>());
  for (const { interval, energyWh } of checkedSeries(readings)) {
    const hour = localHour(interval);
    totals[hour] += energyWh;
    days[hour].add(localDayNumber(interval));
  }

  return totals.map((totalWh, hour) => ({ hour, totalWh, days: days[hour].size, meanWh: days[hour].size === 0 ? 0 : totalWh / days[hour].size }));
};

/** The mean power of a 15-minute interval: W = Wh / 0.25 h. */
export const demandW = (energyWh: number): number => energyWh * INTERVALS_PER_HOUR;

export interface Peak {
  readonly interval: number;
  readonly energyWh: number;
  readonly demandW: number;
}

/** The `count` intervals of most energy, largest first (ties: the earlier interval first). */
export const peakIntervals = (readings: readonly Reading[], count = 10): Peak[] => {
  option(count, 10, 'count', true);

  return checkedSeries(readings)
    .sort((a, b) => b.energyWh - a.energyWh || a.interval - b.interval)
    .slice(0, count)
    .map(({ interval, energyWh }) => ({ interval, energyWh, demandW: demandW(energyWh) }));
};

/** The peak demand (the first interval of most energy), or null without readings. */
export const peakDemand = (readings: readonly Reading[]): Peak | null => peakIntervals(readings, 1)[0] ?? null;

export interface AbnormalUsageOptions {
  /** The baseline's window: the same local hour on the previous N local days; 7 by default. */
  readonly baselineDays?: number;
  /** "Far above": more than factor × the baseline; 3 by default. */
  readonly factor?: number;
  /** …and more than this many Wh in the interval (1 kW for 15 minutes); 250 by default, so a quiet hour's small blip is no alert. */
  readonly minWh?: number;
  /** The baseline statistic over that hour's intervals; median by default (one earlier spike does not lift it). */
  readonly statistic?: 'median' | 'mean';
}

export interface UsageAlert {
  readonly interval: number;
  readonly date: string;
  readonly hour: number;
  readonly energyWh: number;
  readonly baselineWh: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Intervals far above the same hour's baseline: the median (or mean) of every reading in
 * that local hour on the previous `baselineDays` local days. An interval with no such
 * reading has no baseline and raises nothing.
 */
export const abnormalUsage = (readings: readonly Reading[], options: AbnormalUsageOptions = {}): UsageAlert[] => {
  const baselineDays = option(options.baselineDays, 7, 'baselineDays', true);
  const factor = option(options.factor, 3, 'factor');
  const minWh = option(options.minWh, 250, 'minWh');
  const statistic = options.statistic ?? 'median';
  const series = checkedSeries(readings);
  const byDayHour = new Map<string, number[]>();
  for (const { interval, energyWh } of series) {
    const key = `${localDayNumber(interval)}:${localHour(interval)}`;
    const values = byDayHour.get(key);
    if (values === undefined) {
      byDayHour.set(key, [energyWh]);
    } else {
      values.push(energyWh);
    }
  }
  const alerts: UsageAlert[] = [];
  for (const { interval, energyWh } of series) {
    const day = localDayNumber(interval);
    const hour = localHour(interval);
    const samples: number[] = [];
    for (let back = 1; back <= baselineDays; back++) {
      samples.push(...(byDayHour.get(`${day - back}:${hour}`) ?? []));
    }
    if (samples.length === 0) {
      continue;
    }
    const baselineWh = statistic === 'median' ? median(samples) : samples.reduce((sum, value) => sum + value, 0) / samples.length;
    if (energyWh > factor * baselineWh && energyWh > minWh) {
      alerts.push({ interval, date: localDate(interval), hour, energyWh, baselineWh });
    }
  }

  return alerts;
};

/** A member's own limits; an energy strictly above one notifies. */
export interface Thresholds {
  readonly intervalWh?: number;
  readonly dayWh?: number;
}

export type ThresholdAlert =
  | { readonly kind: 'interval'; readonly interval: number; readonly energyWh: number; readonly thresholdWh: number }
  | { readonly kind: 'day'; readonly date: string; readonly energyWh: number; readonly thresholdWh: number };

/** Intervals, then local days, above the member's thresholds, each in time order. */
export const thresholdAlerts = (readings: readonly Reading[], thresholds: Thresholds): ThresholdAlert[] => {
  const series = checkedSeries(readings);
  const alerts: ThresholdAlert[] = [];
  if (thresholds.intervalWh !== undefined) {
    const thresholdWh = option(thresholds.intervalWh, 0, 'intervalWh');
    for (const { interval, energyWh } of series) {
      if (energyWh > thresholdWh) {
        alerts.push({ kind: 'interval', interval, energyWh, thresholdWh });
      }
    }
  }
  if (thresholds.dayWh !== undefined) {
    const thresholdWh = option(thresholds.dayWh, 0, 'dayWh');
    for (const { date, energyWh } of dailyProfile(series)) {
      if (energyWh > thresholdWh) {
        alerts.push({ kind: 'day', date, energyWh, thresholdWh });
      }
    }
  }

  return alerts;
};
