/**
 * `mtemsm energy profile|peaks|tou|alerts|forecast|report`: a device's analytics from the
 * gateway's store (shared/spec/microgrid.md, "Analytics"), off chain — a member's raw
 * consumption never goes on chain, so it is read where the gateway keeps it, and nothing
 * is sent or written.
 *
 * Which device: `--device D3` only. A member's devices (`--member`) are not offered: the
 * store keeps readings, not owners, and the owner is on chain (`mtemsm device list --owner
 * NAME` lists them). The device's kind is the store's (kindOf); a production device is
 * taken as solar PV (the model of src/meters/profiles.ts) of `--capacity`, which the store
 * does not know either.
 *
 * Periods are local dates, `--from` … `--to` both included, in the one local-time rule of
 * src/analytics/common.ts. Each command is a pure function of readings (the …Report
 * functions, tested) and a thin run that checks the options, opens the store and prints a
 * table (kWh to 3 decimals, kW, R$ to 2 decimals, local times) or `--json` (Wh, W,
 * centavos, interval numbers with their local start).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  abnormalUsage,
  carbonOffsetKg,
  CloudCoverHour,
  dailyPerformance,
  dailyProfile,
  dateOfDayNumber,
  DayEnergy,
  DayPerformance,
  dayNumberOfDate,
  expectedYieldByDate,
  firstIntervalOfDate,
  forecastError,
  ForecastError,
  FORECAST_HOURS,
  formatReais,
  hourlyProfile,
  HourEnergy,
  INTERVALS_PER_DAY,
  INTERVALS_PER_HOUR,
  localDate,
  localMinuteOfDay,
  LOCAL_TIME_ZONE,
  MaintenanceAlert,
  maintenanceAlerts,
  modelledSunHours,
  Peak,
  peakDemand,
  peakIntervals,
  priceMicroReais,
  productionForecast,
  Reading,
  Recommendation,
  recommendations,
  SIN_EMISSION_FACTOR_KG_PER_KWH,
  Tariff,
  ThresholdAlert,
  thresholdAlerts,
  Thresholds,
  touBreakdown,
  TouBreakdown,
  touClassifier,
  TOU_PERIODS,
  UsageAlert,
  weatherCloudCover,
} from '../../analytics';
import { Store, StoredReading } from '../../gateway/store';
import { CloudCover, RIO_DE_JANEIRO, Site } from '../../meters/profiles';
import { Command, Option, option } from '../command';
import type { Context } from '../context';
import { OperationError, UsageError } from '../errors';
import { print, printJSON, table } from '../output';
import { parseCount, parsePower, readNumber } from '../units';
import { DEFAULT_GATEWAY_STORE } from './gateway';

// ---------------------------------------------------------------- local time and units

const pad = (value: number): string => String(value).padStart(2, '0');

/** An interval's local start, `2025-03-07 18:15`. */
export const localTime = (interval: number): string => {
  const minute = localMinuteOfDay(interval);

  return `${localDate(interval)} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
};

/** kWh to 3 decimals: exact for whole Wh. */
const kWh = (wh: number): string => (wh / 1000).toFixed(3);
/** kW to 3 decimals: exact for whole W. */
const kW = (w: number): string => (w / 1000).toFixed(3);
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

const LOCAL_NOTE = `local time, ${LOCAL_TIME_ZONE}`;

// ---------------------------------------------------------------- the period

/** Local dates `from` … `to`, both included: intervals `first` (from's 00:00) … `last` (to's 23:45). */
export interface Period {
  readonly from: string;
  readonly to: string;
  readonly first: number;
  readonly last: number;
}

/** YYYY-MM-DD and a day of the calendar (dayNumberOfDate alone would take 2026-02-30 for 03-02). */
const isDate = (text: string): boolean => {
  try {
    return dateOfDayNumber(dayNumberOfDate(text)) === text;
  } catch {
    return false;
  }
};

const dateOption = (text: string, name: string): string => {
  if (!isDate(text)) {
    throw new UsageError(`Bad --${name}: "${text}" (a local date, YYYY-MM-DD).`);
  }

  return text;
};

export const periodOf = (from: string, to: string): Period => {
  dateOption(from, 'from');
  dateOption(to, 'to');
  if (from > to) {
    throw new UsageError(`--from ${from} is after --to ${to}.`);
  }

  return { from, to, first: firstIntervalOfDate(from), last: firstIntervalOfDate(to) + INTERVALS_PER_DAY - 1 };
};

const within = (readings: readonly Reading[], first: number, last: number): Reading[] =>
  readings.filter(({ interval }) => interval >= first && interval <= last);

// ---------------------------------------------------------------- the cores: pure functions of readings

export interface ProfileReport {
  readonly totalWh: number;
  /** Wh per local day, only days with readings. */
  readonly days: DayEnergy[];
  /** The average hourly profile: mean Wh per local hour over the days with readings in it. */
  readonly hours: HourEnergy[];
}

export const profileReport = (readings: readonly Reading[]): ProfileReport => {
  const days = dailyProfile(readings);

  return { totalWh: sum(days.map(({ energyWh }) => energyWh)), days, hours: hourlyProfile(readings) };
};

export interface PeakRow extends Peak {
  /** Local start. */
  readonly start: string;
}

export interface PeaksReport {
  /** The interval of most energy and its mean power (kW = Wh × 4 / 1000), or null without readings. */
  readonly peakDemand: PeakRow | null;
  readonly peaks: PeakRow[];
}

const withStart = <T extends { readonly interval: number }>(item: T): T & { start: string } => ({ ...item, start: localTime(item.interval) });

/** `top`: how many intervals; peakIntervals' default when undefined. */
export const peaksReport = (readings: readonly Reading[], top?: number): PeaksReport => {
  const peak = peakDemand(readings);

  return { peakDemand: peak === null ? null : withStart(peak), peaks: peakIntervals(readings, top).map(withStart) };
};

export interface TouReport {
  readonly tariff: Tariff;
  readonly breakdown: TouBreakdown;
}

export const touReport = (readings: readonly Reading[], tariff: Tariff): TouReport => ({ tariff, breakdown: touBreakdown(readings, tariff) });

/**
 * The baseline of abnormal usage: the same hour on the previous 7 days. Passed to
 * abnormalUsage rather than left to its default, because the store is read this far
 * before the period for it.
 */
export const BASELINE_DAYS = 7;

export interface AlertsReport {
  readonly baselineDays: number;
  readonly abnormal: Array<UsageAlert & { start: string }>;
  readonly thresholds: Array<ThresholdAlert & { start?: string }>;
}

/** `history`: the period's readings and those of the BASELINE_DAYS before it, which serve as baseline only. */
export const alertsReport = (history: readonly Reading[], period: Period, thresholds: Thresholds): AlertsReport => ({
  baselineDays: BASELINE_DAYS,
  abnormal: abnormalUsage(history, { baselineDays: BASELINE_DAYS })
    .filter(({ interval }) => interval >= period.first && interval <= period.last)
    .map(withStart),
  thresholds: thresholdAlerts(within(history, period.first, period.last), thresholds).map((alert) => (alert.kind === 'interval' ? withStart(alert) : alert)),
});

export interface ConsumptionReport {
  readonly profile: ProfileReport;
  readonly peaks: PeaksReport;
  readonly tou: TouReport;
  readonly alerts: AlertsReport;
  /** Load shifting out of the dear postos, with the estimated saving a month. */
  readonly recommendations: Recommendation[];
}

export const consumptionReport = (history: readonly Reading[], period: Period, tariff: Tariff, thresholds: Thresholds, top?: number): ConsumptionReport => {
  const readings = within(history, period.first, period.last);

  return {
    profile: profileReport(readings),
    peaks: peaksReport(readings, top),
    tou: touReport(readings, tariff),
    alerts: alertsReport(history, period, thresholds),
    recommendations: recommendations(readings, tariff),
  };
};

export interface ProductionModel {
  readonly capacityW: number;
  /** The period's cloud cover (the weather's), or 0: clear sky. */
  readonly clouds: CloudCover | number;
  readonly site: Site;
}

export interface ProductionReport {
  readonly capacityW: number;
  readonly site: Site;
  /** True when no weather was given: the expected yield is the clear sky's, and cloudy days show as shortfalls. */
  readonly clearSky: boolean;
  readonly totalWh: number;
  /** Each local day with readings: its energy, the model's sun hours and expected yield, the performance ratio. */
  readonly days: Array<DayPerformance & { expectedWh: number | null }>;
  readonly maintenance: MaintenanceAlert[];
  readonly carbon: { readonly energyWh: number; readonly factorKgPerKWh: number; readonly offsetKg: number };
}

/**
 * A production device over the period: production per day, its performance ratio against
 * the PV model's sun hours, maintenance alerts against the model's expected yield (every
 * date of the period: a day without readings counts 0 Wh), and the carbon it offsets.
 */
export const productionReport = (
  deviceID: string,
  readings: readonly Reading[],
  period: Period,
  model: ProductionModel,
  factorKgPerKWh = SIN_EMISSION_FACTOR_KG_PER_KWH,
): ProductionReport => {
  const { capacityW, clouds, site } = model;
  const plant = { id: deviceID, source: 'solar' as const, capacityW, readings };
  const expected = expectedYieldByDate(capacityW, period.first, period.last, clouds, site);
  const days = dailyPerformance(plant, modelledSunHours(period.first, period.last, clouds, site)).map((day) => ({ ...day, expectedWh: expected[day.date] ?? null }));
  const totalWh = sum(days.map(({ energyWh }) => energyWh));

  return {
    capacityW,
    site,
    clearSky: clouds === 0,
    totalWh,
    days,
    maintenance: maintenanceAlerts(plant, expected),
    carbon: { energyWh: totalWh, factorKgPerKWh, offsetKg: carbonOffsetKg(totalWh, factorKgPerKWh) },
  };
};

export interface ForecastHour {
  readonly interval: number;
  readonly start: string;
  /** The weather's cover for the hour; null where it left the hour out (a night). */
  readonly cloudCover: number | null;
  readonly forecastWh: number;
  /** What the store holds for the hour; null when it holds none of its intervals. */
  readonly recordedWh: number | null;
}

export interface ForecastReport {
  readonly capacityW: number;
  readonly site: Site;
  readonly firstInterval: number;
  readonly start: string;
  readonly hours: ForecastHour[];
  readonly intervals: Array<{ interval: number; start: string; forecastWh: number; recordedWh: number | null }>;
  readonly totalWh: number;
  /** Against what the store recorded in the window, or null when it recorded nothing there yet. */
  readonly error: ForecastError | null;
}

/**
 * The 48-hour forecast from `firstInterval` (an hour's start) under the weather, and its
 * error where `recorded` (the store's readings of the window) has values. `clouds`: the
 * weather's cloud process (weatherCloudCover; the command's names the file in a refusal).
 */
export const forecastReport = (
  capacityW: number,
  firstInterval: number,
  weather: readonly CloudCoverHour[],
  recorded: readonly Reading[],
  site: Site = RIO_DE_JANEIRO,
  clouds: CloudCover = weatherCloudCover(weather),
): ForecastReport => {
  const forecast = productionForecast(capacityW, firstInterval, clouds, site);
  const last = forecast[forecast.length - 1].interval;
  const actual = new Map(within(recorded, firstInterval, last).map(({ interval, energyWh }) => [interval, energyWh]));
  const covers = new Map(weather.map(({ interval, cloudCover }) => [interval, cloudCover]));
  const intervals = forecast.map(({ interval, energyWh }) => ({ interval, start: localTime(interval), forecastWh: energyWh, recordedWh: actual.get(interval) ?? null }));
  const hours = Array.from({ length: forecast.length / INTERVALS_PER_HOUR }, (_, hour): ForecastHour => {
    const quarter = intervals.slice(hour * INTERVALS_PER_HOUR, (hour + 1) * INTERVALS_PER_HOUR);
    const recordedWh = quarter.map(({ recordedWh: wh }) => wh).filter((wh): wh is number => wh !== null);

    return {
      interval: quarter[0].interval,
      start: quarter[0].start,
      cloudCover: covers.get(quarter[0].interval) ?? null,
      forecastWh: sum(quarter.map(({ forecastWh }) => forecastWh)),
      recordedWh: recordedWh.length === 0 ? null : sum(recordedWh),
    };
  });
  const inWindow = [...actual].map(([interval, energyWh]) => ({ interval, energyWh }));

  return {
    capacityW,
    site,
    firstInterval,
    start: localTime(firstInterval),
    hours,
    intervals,
    totalWh: sum(forecast.map(({ energyWh }) => energyWh)),
    error: inWindow.length === 0 ? null : forecastError(forecast, inWindow),
  };
};

// ---------------------------------------------------------------- tables for people

const profileText = ({ totalWh, days, hours }: ProfileReport): string =>
  [
    `Total ${kWh(totalWh)} kWh over ${plural(days.length, 'day')}.`,
    '',
    table(['date', 'kWh', 'intervals'], days.map(({ date, energyWh, intervals }) => [date, kWh(energyWh), String(intervals)]), [1, 2]),
    '',
    'Average hourly profile:',
    table(
      ['hour', 'mean kWh', 'days'],
      hours.map(({ hour, meanWh, days: count }) => [`${pad(hour)}:00`, kWh(meanWh), String(count)]),
      [1, 2],
    ),
  ].join('\n');

const peaksText = ({ peakDemand: peak, peaks }: PeaksReport): string =>
  [
    peak === null ? 'No readings.' : `Peak demand ${kW(peak.demandW)} kW at ${peak.start} (${kWh(peak.energyWh)} kWh in 15 minutes).`,
    '',
    table(['start', 'kWh', 'kW'], peaks.map(({ start, energyWh, demandW }) => [start, kWh(energyWh), kW(demandW)]), [1, 2]),
  ].join('\n');

const touText = ({ tariff, breakdown }: TouReport): string =>
  table(
    ['posto', 'kWh', 'R$/kWh', 'cost'],
    [
      ...TOU_PERIODS.map((period) => [period, kWh(breakdown[period].energyWh), String(tariff.prices[period]), formatReais(breakdown[period].costCentavos)]),
      ['total', kWh(breakdown.total.energyWh), '', formatReais(breakdown.total.costCentavos)],
    ],
    [1, 2, 3],
  );

const alertsText = ({ baselineDays, abnormal, thresholds }: AlertsReport, thresholdsSet: boolean): string =>
  [
    abnormal.length === 0
      ? `No abnormal usage (an interval far above the same hour on the ${baselineDays} days before).`
      : [
          `Abnormal usage, far above the same hour on the ${baselineDays} days before:`,
          table(['start', 'kWh', 'baseline kWh'], abnormal.map(({ start, energyWh, baselineWh }) => [start, kWh(energyWh), kWh(baselineWh)]), [1, 2]),
        ].join('\n'),
    '',
    !thresholdsSet
      ? 'No threshold set (--threshold-kwh for a day, --interval-threshold-kwh for an interval).'
      : thresholds.length === 0
        ? 'No threshold passed.'
        : [
            'Over your thresholds:',
            ...thresholds.map((alert) =>
              alert.kind === 'day'
                ? `  ${alert.date}: ${kWh(alert.energyWh)} kWh in the day, over your ${kWh(alert.thresholdWh)} kWh`
                : `  ${alert.start}: ${kWh(alert.energyWh)} kWh in the interval, over your ${kWh(alert.thresholdWh)} kWh`,
            ),
          ].join('\n'),
  ].join('\n');

const recommendationsText = (list: readonly Recommendation[]): string =>
  list.length === 0 ? 'No saving from moving load: nothing used in the dear postos, or they cost no more.' : list.map(({ text }) => `- ${text}`).join('\n');

const ratio = (value: number | null): string => (value === null ? '-' : value.toFixed(2));

const productionText = ({ totalWh, days, maintenance, carbon, clearSky }: ProductionReport): string =>
  [
    table(
      ['date', 'kWh', 'expected kWh', 'sun hours', 'performance ratio'],
      days.map(({ date, energyWh, expectedWh, sunHours, performanceRatio }) => [
        date,
        kWh(energyWh),
        expectedWh === null ? '-' : kWh(expectedWh),
        ratio(sunHours),
        ratio(performanceRatio),
      ]),
      [1, 2, 3, 4],
    ),
    '',
    `Total ${kWh(totalWh)} kWh; carbon offset ${carbon.offsetKg.toFixed(3)} kg CO₂ at ${carbon.factorKgPerKWh} kg/kWh.`,
    ...(maintenance.length === 0
      ? ['No maintenance alert.']
      : maintenance.map(
          ({ from, to, days: count, energyWh, expectedWh }) =>
            `Maintenance alert: ${from} to ${to} (${plural(count, 'day')}), ${kWh(energyWh)} kWh of ${kWh(expectedWh)} kWh expected: check the plant.`,
        )),
    ...(clearSky ? ['(Expected at clear sky: without --weather, cloudy days show as shortfalls.)'] : []),
  ].join('\n');

const signed = (value: number, digits: number): string => `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;

const forecastText = ({ totalWh, hours, error }: ForecastReport): string =>
  [
    table(
      ['hour', 'cloud cover', 'forecast kWh', 'recorded kWh'],
      hours
        .filter(({ forecastWh, recordedWh }) => forecastWh > 0 || (recordedWh ?? 0) > 0)
        .map(({ start, cloudCover, forecastWh, recordedWh }) => [
          start,
          cloudCover === null ? '-' : cloudCover.toFixed(2),
          kWh(forecastWh),
          recordedWh === null ? '-' : kWh(recordedWh),
        ]),
      [1, 2, 3],
    ),
    '',
    `Forecast ${kWh(totalWh)} kWh in ${hours.length} h (the hours without sun are left out above).`,
    error === null
      ? 'Nothing recorded in these hours yet: no forecast error.'
      : `Forecast error over ${plural(error.intervals, 'recorded interval')}: MAE ${error.maeWh!.toFixed(1)} Wh, RMSE ${error.rmseWh!.toFixed(1)} Wh, total ${signed(
          error.totalErrorWh,
          0,
        )} Wh${error.totalErrorPercent === null ? '' : ` (${signed(error.totalErrorPercent, 1)}%)`}; positive: the forecast was high.`,
  ].join('\n');

// ---------------------------------------------------------------- inputs

const readInput = (file: string, name: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --${name} ${file}: ${(error as Error).message}`);
  }
};

const TARIFF_KEYS = ['prices', 'holidays', 'pontaStartMinutes'];

/**
 * A tariff file, JSON: `{"prices": {"ponta": 1.12, "intermediario": 0.73, "foraPonta": 0.49}}`
 * in R$/kWh (at most 6 decimals), optionally `"holidays": ["2026-11-20", …]` and
 * `"pontaStartMinutes": 1050`; what it leaves out takes src/analytics/tariff.ts' defaults
 * (ANEEL's holidays, ponta from 18:00). Prices have no default: they are the utility's,
 * and the spec makes them a configuration file ("Time and units").
 */
export const parseTariff = (text: string, file: string): Tariff => {
  const bad = (why: string): never => {
    throw new UsageError(`--tariff ${file}: ${why}`);
  };
  let value: any;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return bad(`not JSON (${(error as Error).message}).`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return bad('not an object {prices, holidays?, pontaStartMinutes?}.');
  }
  const unknown = Object.keys(value).filter((key) => !TARIFF_KEYS.includes(key));
  if (unknown.length > 0) {
    bad(`unknown key "${unknown[0]}" (the keys are ${TARIFF_KEYS.join(', ')}).`);
  }
  if (!TOU_PERIODS.every((period) => typeof value.prices?.[period] === 'number')) {
    bad(`"prices" gives R$/kWh for ${TOU_PERIODS.join(', ')}.`);
  }
  if (value.holidays !== undefined && (!Array.isArray(value.holidays) || !value.holidays.every((date: unknown) => typeof date === 'string' && isDate(date)))) {
    bad('"holidays" is a list of local dates, YYYY-MM-DD.');
  }
  const tariff: Tariff = {
    prices: { ponta: value.prices.ponta, intermediario: value.prices.intermediario, foraPonta: value.prices.foraPonta },
    ...(value.holidays === undefined ? {} : { holidays: value.holidays }),
    ...(value.pontaStartMinutes === undefined ? {} : { pontaStartMinutes: value.pontaStartMinutes }),
  };
  try {
    TOU_PERIODS.forEach((period) => priceMicroReais(tariff.prices[period]));
    touClassifier(tariff);
  } catch (error) {
    bad((error as Error).message);
  }

  return tariff;
};

/** A local hour `2026-12-01 10:00` (or `T10:00`) as its first interval. */
const hourOfText = (time: unknown, where: string, file: string): number => {
  const match = typeof time === 'string' ? /^(\d{4}-\d\d-\d\d)[ T](\d\d):00$/.exec(time.trim()) : null;
  if (match === null || !isDate(match[1]) || Number(match[2]) > 23) {
    throw new UsageError(`--weather ${file}, ${where}: "${String(time)}" is no local hour (2026-12-01 10:00).`);
  }

  return firstIntervalOfDate(match[1]) + Number(match[2]) * INTERVALS_PER_HOUR;
};

const coverOfText = (cover: unknown, where: string, file: string): number => {
  const value = typeof cover === 'number' ? cover : typeof cover === 'string' && /^\d+(\.\d+)?$/.test(cover.trim()) ? Number(cover) : Number.NaN;
  if (Number.isNaN(value)) {
    throw new UsageError(`--weather ${file}, ${where}: the cloud cover "${String(cover)}" is no number.`);
  }

  return value;
};

/**
 * A weather input: the cloud cover of local hours (America/Sao_Paulo, on the hour), 0 (clear
 * sky) to 1 (overcast), as a weather service forecasts or observes it. Hours without sun
 * may be left out. Either
 *   JSON  [{"time": "2026-12-01 10:00", "cloudCover": 0.35}, …]
 *   CSV   a header line `time,cloudCover`, then one hour a line: `2026-12-01 10:00,0.35`
 */
export const parseWeather = (text: string, file: string): CloudCoverHour[] => {
  const trimmed = text.trim();
  let rows: Array<{ time: unknown; cloudCover: unknown; where: string }>;
  if (trimmed.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(trimmed);
    } catch (error) {
      throw new UsageError(`--weather ${file}: not JSON (${(error as Error).message}).`);
    }
    rows = (list as any[]).map((entry, index) => ({ time: entry?.time, cloudCover: entry?.cloudCover, where: `entry ${index + 1}` }));
  } else {
    const lines = trimmed.split(/\r?\n/);
    if (lines[0].replace(/\s/g, '').toLowerCase() !== 'time,cloudcover') {
      throw new UsageError(`--weather ${file}: neither a JSON list nor a CSV whose first line is "time,cloudCover".`);
    }
    rows = lines
      .map((line, index) => ({ line: line.trim(), where: `line ${index + 1}` }))
      .slice(1)
      .filter(({ line }) => line !== '')
      .map(({ line, where }) => {
        const [time, cloudCover, ...more] = line.split(',');
        if (more.length > 0) {
          throw new UsageError(`--weather ${file}, ${where}: two columns, time,cloudCover.`);
        }

        return { time, cloudCover, where };
      });
  }
  if (rows.length === 0) {
    throw new UsageError(`--weather ${file} gives no hour.`);
  }
  const hours = rows.map(({ time, cloudCover, where }) => ({ interval: hourOfText(time, where, file), cloudCover: coverOfText(cloudCover, where, file) }));
  weatherClouds(hours, file);

  return hours;
};

/** weatherCloudCover, its refusals (checked now, or an hour of sun missing when asked) naming the file. */
const weatherClouds = (hours: readonly CloudCoverHour[], file: string): CloudCover => {
  const named = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw new UsageError(`--weather ${file}: ${(error as Error).message}`);
    }
  };
  const clouds = named(() => weatherCloudCover(hours));

  return (interval) => named(() => clouds(interval));
};

/** A number of kWh (`12.5`, `12,5`) as whole Wh. */
const kWhOption = (ctx: Context, name: string): number | undefined => {
  const text = ctx.opt(name);
  if (text === undefined) {
    return undefined;
  }
  const wh = Number(readNumber(text.trim(), `--${name}`, 'kWh, e.g. 12.5')) * 1000;
  if (!Number.isSafeInteger(Math.round(wh)) || Math.abs(wh - Math.round(wh)) > 1e-6) {
    throw new UsageError(`Bad --${name}: "${text}" (kWh to at most 3 decimals).`);
  }

  return Math.round(wh);
};

const thresholdsOf = (ctx: Context): Thresholds => {
  const dayWh = kWhOption(ctx, 'threshold-kwh');
  const intervalWh = kWhOption(ctx, 'interval-threshold-kwh');

  return { ...(dayWh === undefined ? {} : { dayWh }), ...(intervalWh === undefined ? {} : { intervalWh }) };
};

const topOf = (ctx: Context): number | undefined => (ctx.opt('top') === undefined ? undefined : parseCount(ctx.need('top'), '--top'));

const capacityOf = (ctx: Context, deviceID: string): number => {
  if (ctx.opt('capacity') === undefined) {
    throw new UsageError(`--capacity is required for ${deviceID}, a production device: its peak capacity, as "mtemsm device show ${deviceID}" gives it (the store does not know it).`);
  }
  const capacityW = parsePower(ctx.need('capacity'), '--capacity').toNumber();
  if (capacityW <= 0) {
    throw new UsageError(`Bad --capacity: "${ctx.opt('capacity')}" (more than 0 W).`);
  }

  return capacityW;
};

const siteOf = (ctx: Context): Site => {
  const text = ctx.opt('site');
  if (text === undefined) {
    return RIO_DE_JANEIRO;
  }
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  const [latitude, longitude] = match === null ? [Number.NaN, Number.NaN] : [Number(match[1]), Number(match[2])];
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
    throw new UsageError(`Bad --site: "${text}" (latitude,longitude in degrees, e.g. ${RIO_DE_JANEIRO.latitude},${RIO_DE_JANEIRO.longitude}).`);
  }

  return { latitude, longitude };
};

const gridFactorOf = (ctx: Context): number =>
  ctx.opt('grid-factor') === undefined ? SIN_EMISSION_FACTOR_KG_PER_KWH : Number(readNumber(ctx.need('grid-factor').trim(), '--grid-factor', 'kg CO₂ per kWh, e.g. 0.0385'));

const tariffOf = (ctx: Context): Tariff | undefined => (ctx.opt('tariff') === undefined ? undefined : parseTariff(readInput(ctx.need('tariff'), 'tariff'), ctx.need('tariff')));

const weatherOf = (ctx: Context): { hours: CloudCoverHour[]; clouds: CloudCover } | undefined => {
  const file = ctx.opt('weather');
  if (file === undefined) {
    return undefined;
  }
  const hours = parseWeather(readInput(file, 'weather'), file);

  return { hours, clouds: weatherClouds(hours, file) };
};

// ---------------------------------------------------------------- the store

export type Kind = 'production' | 'consumption';

/** The gateway salts every consumption reading (its Merkle leaf's salt, given to the owner) and never a production one. */
export const kindOf = (reading: StoredReading): Kind => (reading.salt === undefined ? 'production' : 'consumption');

interface StoredDevice {
  readonly id: string;
  readonly kind: Kind;
  /** Its latest stored interval. */
  readonly latest: number;
}

/** The store `mtemsm gateway` writes. A read never creates one: a folder that is not there is refused (a URL or `memory` is the store's to open). */
const openStore = async (ctx: Context): Promise<Store> => {
  const location = ctx.opt('database') ?? DEFAULT_GATEWAY_STORE;
  if (location !== 'memory' && !/^[a-z]+:\/\//i.test(location) && !fs.existsSync(location)) {
    throw new UsageError(`No gateway store at ${location} ("mtemsm gateway" keeps its readings there; --database names another).`);
  }

  return Store.open(location);
};

const storedDevice = async (store: Store, id: string): Promise<StoredDevice> => {
  const latest = await store.previous(id, Number.MAX_SAFE_INTEGER);
  if (latest === undefined) {
    throw new OperationError(`Unknown device ${id}: the gateway's store has no reading of it (devices are D1, D2, …).`);
  }

  return { id, kind: kindOf(latest), latest: latest.interval };
};

const seriesOf = async (store: Store, id: string, first: number, last: number): Promise<Reading[]> =>
  (await store.readings(id, first, last)).map(({ interval, energyWh }) => ({ interval, energyWh }));

/** The period's readings; none is refused (nothing to analyse), naming the device's latest reading. */
const periodSeries = async (store: Store, device: StoredDevice, period: Period, from = period.first): Promise<Reading[]> => {
  const series = await seriesOf(store, device.id, from, period.last);
  if (!series.some(({ interval }) => interval >= period.first)) {
    throw new OperationError(`${device.id} has no readings from ${period.from} to ${period.to} in the store (its latest: ${localTime(device.latest)}).`);
  }

  return series;
};

const requireKind = (device: StoredDevice, kind: Kind, what: string): void => {
  if (device.kind !== kind) {
    throw new UsageError(`${device.id} is a ${device.kind} device: ${what} is for ${kind} devices.`);
  }
};

/** Opens the store, finds `--device` in it, runs `use`, and closes the store whatever happens. */
const withDevice = async (ctx: Context, use: (store: Store, device: StoredDevice) => Promise<void>): Promise<void> => {
  const id = ctx.need('device').toUpperCase();
  const store = await openStore(ctx);
  try {
    await use(store, await storedDevice(store, id));
  } finally {
    await store.close();
  }
};

/** `--json`: the report with its device and period; else the heading and the table. */
const output = (ctx: Context, device: StoredDevice, period: Period, report: object, text: string): void => {
  if (ctx.json) {
    printJSON({ device: device.id, kind: device.kind, from: period.from, to: period.to, ...report });

    return;
  }
  print(`${device.id} (${device.kind}), ${period.from} to ${period.to} (${LOCAL_NOTE}):`);
  print(text);
};

const periodOfOptions = (ctx: Context): Period => periodOf(ctx.need('from'), ctx.need('to'));

// ---------------------------------------------------------------- the commands

const DEVICE = option('device', 'D', "the device: D1, D2, … (--device only: a member's devices are on chain, not in the store; mtemsm device list --owner NAME)", true);
const FROM_DATE = option('from', 'YYYY-MM-DD', 'the first local date', true);
const TO_DATE = option('to', 'YYYY-MM-DD', 'the last local date (included)', true);
const DATABASE = option(
  'database',
  'DIR|URL',
  `the gateway's store: its folder or postgres://… (default ${path.relative(process.cwd(), DEFAULT_GATEWAY_STORE) || DEFAULT_GATEWAY_STORE}, as mtemsm gateway)`,
);
const TOP = option('top', 'N', 'how many peak intervals (default 10)');
const TARIFF_FILE = 'the tarifa branca\'s prices, JSON {"prices": {"ponta", "intermediario", "foraPonta"} in R$/kWh, "holidays"?, "pontaStartMinutes"?}';
const THRESHOLD = option('threshold-kwh', 'KWH', "your limit for a day's use: a day over it is notified");
const INTERVAL_THRESHOLD = option('interval-threshold-kwh', 'KWH', "your limit for a 15-minute interval's use");
const CAPACITY = (required: boolean): Option =>
  option('capacity', 'P', `a production device's peak capacity, as mtemsm device show gives it: 4kWp, 10kW${required ? '' : ' (required for a production device)'}`, required);
const WEATHER = (purpose: string, required: boolean): Option =>
  option('weather', 'FILE', `hourly cloud cover 0..1 ${purpose}: JSON [{"time": "2026-12-01 10:00", "cloudCover": 0.35}, …] or CSV "time,cloudCover" lines; local hours, nights may be left out`, required);
const SITE = option('site', 'LAT,LON', `the plant's coordinates in degrees (default the group's, Rio de Janeiro: ${RIO_DE_JANEIRO.latitude},${RIO_DE_JANEIRO.longitude})`);
const GRID_FACTOR = option('grid-factor', 'KG/KWH', `kg CO₂ a kWh from the grid emits (default ${SIN_EMISSION_FACTOR_KG_PER_KWH}, Brazil's SIN average)`);

export const analyticsCommands: Command[] = [
  {
    path: ['energy', 'profile'],
    options: [DEVICE, FROM_DATE, TO_DATE, DATABASE],
    summary: "A device's daily totals and average hourly profile over local dates, from the gateway's store (off chain).",
    examples: ['mtemsm energy profile --device D3 --from 2026-12-01 --to 2026-12-07', 'mtemsm energy profile --device D3 --from 2026-12-01 --to 2026-12-01 --json'],
    run: async (ctx) => {
      const period = periodOfOptions(ctx);
      await withDevice(ctx, async (store, device) => {
        const report = profileReport(await periodSeries(store, device, period));
        output(ctx, device, period, report, profileText(report));
      });
    },
  },
  {
    path: ['energy', 'peaks'],
    options: [DEVICE, FROM_DATE, TO_DATE, TOP, DATABASE],
    summary: "A device's top 15-minute intervals and its peak demand (kW = Wh × 4 / 1000), from the gateway's store.",
    examples: ['mtemsm energy peaks --device D3 --from 2026-12-01 --to 2026-12-31 --top 5'],
    run: async (ctx) => {
      const period = periodOfOptions(ctx);
      const top = topOf(ctx);
      await withDevice(ctx, async (store, device) => {
        const report = peaksReport(await periodSeries(store, device, period), top);
        output(ctx, device, period, report, peaksText(report));
      });
    },
  },
  {
    path: ['energy', 'tou'],
    options: [DEVICE, FROM_DATE, TO_DATE, option('tariff', 'FILE.json', TARIFF_FILE, true), DATABASE],
    summary: "A consumption device's tarifa branca breakdown: kWh and cost in each posto (ponta, intermediario, foraPonta) and the total.",
    examples: ['mtemsm energy tou --device D3 --from 2026-12-01 --to 2026-12-31 --tariff light-2026.json'],
    run: async (ctx) => {
      const period = periodOfOptions(ctx);
      const tariff = tariffOf(ctx)!;
      await withDevice(ctx, async (store, device) => {
        requireKind(device, 'consumption', 'the time-of-use cost');
        const report = touReport(await periodSeries(store, device, period), tariff);
        output(ctx, device, period, report, touText(report));
      });
    },
  },
  {
    path: ['energy', 'alerts'],
    options: [DEVICE, FROM_DATE, TO_DATE, THRESHOLD, INTERVAL_THRESHOLD, DATABASE],
    summary: `A consumption device's abnormal usage (intervals far above the same hour on the ${BASELINE_DAYS} days before) and the days or intervals over your thresholds.`,
    examples: ['mtemsm energy alerts --device D3 --from 2026-12-01 --to 2026-12-07 --threshold-kwh 15'],
    run: async (ctx) => {
      const period = periodOfOptions(ctx);
      const thresholds = thresholdsOf(ctx);
      await withDevice(ctx, async (store, device) => {
        requireKind(device, 'consumption', 'usage alerts');
        const history = await periodSeries(store, device, period, period.first - BASELINE_DAYS * INTERVALS_PER_DAY);
        const report = alertsReport(history, period, thresholds);
        output(ctx, device, period, report, alertsText(report, Object.keys(thresholds).length > 0));
      });
    },
  },
  {
    path: ['energy', 'forecast'],
    options: [
      DEVICE,
      CAPACITY(true),
      WEATHER('forecast for the 48 hours', true),
      option('from', 'YYYY-MM-DD', "start at this local date's 00:00 (default: the weather's first hour)"),
      SITE,
      DATABASE,
    ],
    summary:
      "A production device's next 48 hours from the weather's cloud cover and the sun's position (the simulated meters' PV model), and the forecast's error where the store already holds what was recorded.",
    examples: [
      'mtemsm energy forecast --device D1 --capacity 10kWp --weather forecast.csv',
      'mtemsm energy forecast --device D1 --capacity 10kWp --weather past.json --from 2026-12-01 --json',
    ],
    run: async (ctx) => {
      const from = ctx.opt('from');
      const weather = weatherOf(ctx)!;
      const site = siteOf(ctx);
      const first = from === undefined ? Math.min(...weather.hours.map(({ interval }) => interval)) : firstIntervalOfDate(dateOption(from, 'from'));
      await withDevice(ctx, async (store, device) => {
        requireKind(device, 'production', 'the production forecast');
        const capacityW = capacityOf(ctx, device.id);
        const last = first + FORECAST_HOURS * INTERVALS_PER_HOUR - 1;
        const report = forecastReport(capacityW, first, weather.hours, await seriesOf(store, device.id, first, last), site, weather.clouds);
        if (ctx.json) {
          printJSON({ device: device.id, kind: device.kind, ...report });

          return;
        }
        print(`${device.id} (production, ${kW(capacityW)} kWp at ${site.latitude},${site.longitude}), the ${FORECAST_HOURS} hours from ${report.start} (${LOCAL_NOTE}):`);
        print(forecastText(report));
      });
    },
  },
  {
    path: ['energy', 'report'],
    options: [
      DEVICE,
      FROM_DATE,
      TO_DATE,
      option('tariff', 'FILE.json', `${TARIFF_FILE} (required for a consumption device)`),
      THRESHOLD,
      INTERVAL_THRESHOLD,
      TOP,
      CAPACITY(false),
      WEATHER('observed in the period (default: clear sky)', false),
      SITE,
      GRID_FACTOR,
      DATABASE,
    ],
    summary:
      "All of a device's analytics over local dates. Consumption: profile, peaks, time-of-use cost, alerts and recommendations with their saving. Production (taken as solar PV): per day, performance ratio, maintenance alert, carbon offset.",
    examples: [
      'mtemsm energy report --device D3 --from 2026-12-01 --to 2026-12-31 --tariff light-2026.json --threshold-kwh 15',
      'mtemsm energy report --device D1 --from 2026-12-01 --to 2026-12-31 --capacity 10kWp --weather observed.csv --json',
    ],
    run: async (ctx) => {
      const period = periodOfOptions(ctx);
      const tariff = tariffOf(ctx);
      const thresholds = thresholdsOf(ctx);
      const top = topOf(ctx);
      const weather = weatherOf(ctx);
      const site = siteOf(ctx);
      const factor = gridFactorOf(ctx);
      await withDevice(ctx, async (store, device) => {
        if (device.kind === 'production') {
          const model = { capacityW: capacityOf(ctx, device.id), clouds: weather?.clouds ?? 0, site };
          const report = productionReport(device.id, await periodSeries(store, device, period), period, model, factor);
          output(ctx, device, period, report, productionText(report));

          return;
        }
        if (tariff === undefined) {
          throw new UsageError(`--tariff FILE.json is required for ${device.id}, a consumption device: the time-of-use cost and the savings need the tarifa branca's prices.`);
        }
        const history = await periodSeries(store, device, period, period.first - BASELINE_DAYS * INTERVALS_PER_DAY);
        const report = consumptionReport(history, period, tariff, thresholds, top);
        output(
          ctx,
          device,
          period,
          report,
          [
            profileText(report.profile),
            '',
            'Peaks:',
            peaksText(report.peaks),
            '',
            'Time of use (tarifa branca):',
            touText(report.tou),
            '',
            alertsText(report.alerts, Object.keys(thresholds).length > 0),
            '',
            'Recommendations:',
            recommendationsText(report.recommendations),
          ].join('\n'),
        );
      });
    },
  },
];
