/**
 * What the analytics share: the series they take, its checks, and local time.
 * Pure functions, no I/O. Energies are integer Wh in plain numbers: a sum stays exact
 * below 2^53 Wh (9 PWh), far beyond any member's or the community's history. Only the
 * tariff's Wh × price products use bigint (tariff.ts).
 */
import { INTERVAL_SECONDS } from '../domain/energy';

/** One interval's energy: a member's consumption or a plant's production. */
export interface Reading {
  readonly interval: number;
  readonly energyWh: number;
}

/**
 * Local time of tariffs and profiles: America/Sao_Paulo as a fixed UTC−3. Brazil has had
 * no daylight saving since 2019 (Decree 9.772/2019), so this agrees with the zone for
 * any interval from then on; earlier summers would be an hour off.
 */
export const LOCAL_UTC_OFFSET_SECONDS = -3 * 3600;
export const LOCAL_TIME_ZONE = 'America/Sao_Paulo';

export const INTERVALS_PER_HOUR = 3600 / INTERVAL_SECONDS;
export const INTERVALS_PER_DAY = 86400 / INTERVAL_SECONDS;
const DAY_SECONDS = 86400;

/** Days since 1970-01-01 in local time (an offset of whole hours: intervals never straddle a local day). */
export const localDayNumber = (interval: number): number => Math.floor((interval * INTERVAL_SECONDS + LOCAL_UTC_OFFSET_SECONDS) / DAY_SECONDS);

/** The local date `YYYY-MM-DD` an interval starts in. */
export const localDate = (interval: number): string => dateOfDayNumber(localDayNumber(interval));

export const dateOfDayNumber = (day: number): string => new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10);

export const dayNumberOfDate = (date: string): number => {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (match === null) {
    throw new Error(`A date is YYYY-MM-DD: "${date}".`);
  }

  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / (DAY_SECONDS * 1000);
};

/** Minutes after local midnight, 0–1425, at an interval's start. */
export const localMinuteOfDay = (interval: number): number => {
  const seconds = interval * INTERVAL_SECONDS + LOCAL_UTC_OFFSET_SECONDS;

  return Math.floor((((seconds % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS) / 60);
};

/** The local hour of day, 0–23, an interval starts in. */
export const localHour = (interval: number): number => Math.floor(localMinuteOfDay(interval) / 60);

/** The local weekday, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const localWeekday = (interval: number): number => (((localDayNumber(interval) + 4) % 7) + 7) % 7;

/** The first interval of a local date's 00:00. */
export const firstIntervalOfDate = (date: string): number => (dayNumberOfDate(date) * DAY_SECONDS - LOCAL_UTC_OFFSET_SECONDS) / INTERVAL_SECONDS;

/**
 * Checks a series and returns it sorted by interval: integer intervals, integer Wh ≥ 0,
 * each interval once (the store upserts by interval, so a repeat is a caller's bug).
 */
export const checkedSeries = (readings: readonly Reading[], what = 'reading'): Reading[] => {
  const sorted = [...readings].sort((a, b) => a.interval - b.interval);
  sorted.forEach(({ interval, energyWh }, index) => {
    if (!Number.isSafeInteger(interval)) {
      throw new Error(`A ${what}'s interval is an integer: ${interval}.`);
    }
    if (!Number.isSafeInteger(energyWh) || energyWh < 0) {
      throw new Error(`A ${what}'s energy is an integer number of Wh, 0 or more: ${energyWh} (interval ${interval}).`);
    }
    if (index > 0 && sorted[index - 1].interval === interval) {
      throw new Error(`Interval ${interval} has two ${what}s.`);
    }
  });

  return sorted;
};

/** A non-negative finite option, or the default. */
export const option = (value: number | undefined, fallback: number, name: string, integer = false): number => {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen < 0 || (integer && !Number.isInteger(chosen))) {
    throw new Error(`${name} is ${integer ? 'an integer' : 'a number'}, 0 or more: ${chosen}.`);
  }

  return chosen;
};
