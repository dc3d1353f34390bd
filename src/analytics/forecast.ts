/**
 * The production forecast (the next 48 h) from the weather's cloud cover and the sun's
 * position, what the same PV model expects of a plant over a period (its yield, its sun
 * hours), and how far a forecast was from what was then recorded.
 */
import { CloudCover, PERFORMANCE_RATIO, pvIntervalWh, RIO_DE_JANEIRO, Site } from '../meters/profiles';
import { checkedSeries, INTERVALS_PER_HOUR, localDate, localHour, option, Reading } from './common';
import { dailyProfile } from './consumption';
import { sunHoursFromIrradiance } from './production';

export interface ForecastError {
  /** Intervals in both series; the others are ignored. */
  readonly intervals: number;
  /** Mean absolute error, Wh an interval; null without common intervals. */
  readonly maeWh: number | null;
  /** Root mean square error, Wh an interval; null without common intervals. */
  readonly rmseWh: number | null;
  readonly forecastWh: number;
  readonly recordedWh: number;
  /** forecastWh − recordedWh (positive: the forecast was high). */
  readonly totalErrorWh: number;
  /** totalErrorWh as % of recordedWh; null when nothing was recorded. */
  readonly totalErrorPercent: number | null;
}

export const forecastError = (forecast: readonly Reading[], recorded: readonly Reading[]): ForecastError => {
  const actual = new Map(checkedSeries(recorded, 'recorded value').map(({ interval, energyWh }) => [interval, energyWh]));
  let intervals = 0;
  let absolute = 0;
  let squares = 0;
  let forecastWh = 0;
  let recordedWh = 0;
  for (const { interval, energyWh } of checkedSeries(forecast, 'forecast value')) {
    const value = actual.get(interval);
    if (value === undefined) {
      continue;
    }
    const error = energyWh - value;
    intervals += 1;
    absolute += Math.abs(error);
    squares += error * error;
    forecastWh += energyWh;
    recordedWh += value;
  }
  const totalErrorWh = forecastWh - recordedWh;

  return {
    intervals,
    maeWh: intervals === 0 ? null : absolute / intervals,
    rmseWh: intervals === 0 ? null : Math.sqrt(squares / intervals),
    forecastWh,
    recordedWh,
    totalErrorWh,
    totalErrorPercent: recordedWh === 0 ? null : (totalErrorWh / recordedWh) * 100,
  };
};

// ---------------------------------------------------------------- the forecast itself

/**
 * One hour of weather: the cloud cover forecast (or observed) for a local hour, 0 (clear
 * sky) to 1 (overcast). `interval` is the hour's first interval: local hours start on UTC
 * hours (the offset is whole hours), so it is a multiple of INTERVALS_PER_HOUR.
 */
export interface CloudCoverHour {
  readonly interval: number;
  readonly cloudCover: number;
}

/** The spec's horizon: the next 48 hours. */
export const FORECAST_HOURS = 48;

/** `2026-12-01 10:00`: a local hour as people read it (the one local-time rule, common.ts). */
const localHourText = (interval: number): string => `${localDate(interval)} ${String(localHour(interval)).padStart(2, '0')}:00`;

/**
 * The cloud process of a weather input: each interval takes its hour's cover. The hours
 * are checked here (each once, on an hour's start, a cover in [0, 1]); an hour missing is
 * refused only when it is asked for, and the PV model asks only while the sun is up
 * (pvIntervalWh), so a weather input may leave the nights out.
 */
export const weatherCloudCover = (hours: readonly CloudCoverHour[]): CloudCover => {
  const covers = new Map<number, number>();
  for (const { interval, cloudCover } of hours) {
    if (!Number.isSafeInteger(interval) || interval % INTERVALS_PER_HOUR !== 0) {
      throw new Error(`An hour of weather starts on an hour: interval ${interval}.`);
    }
    if (!Number.isFinite(cloudCover) || cloudCover < 0 || cloudCover > 1) {
      throw new Error(`A cloud cover is 0 to 1: ${cloudCover} at ${localHourText(interval)}.`);
    }
    if (covers.has(interval)) {
      throw new Error(`The weather gives ${localHourText(interval)} twice.`);
    }
    covers.set(interval, cloudCover);
  }

  return (interval) => {
    const hour = interval - (((interval % INTERVALS_PER_HOUR) + INTERVALS_PER_HOUR) % INTERVALS_PER_HOUR);
    const cover = covers.get(hour);
    if (cover === undefined) {
      throw new Error(`The weather has no cloud cover for ${localHourText(hour)}, and the sun is up then.`);
    }

    return cover;
  };
};

/**
 * What a PV plant of `capacityW` watts-peak at `site` would produce in each of `intervals`
 * intervals from `firstInterval`, under `clouds` (a cover or a cloud process; 0 is clear
 * sky): the simulated meters' model (src/meters/profiles.ts pvIntervalWh, the sun's
 * position from suncalc), so a forecast and the simulation never disagree on physics.
 * The 48-hour production forecast is this with the weather's cover (weatherCloudCover).
 */
export const productionForecast = (
  capacityW: number,
  firstInterval: number,
  clouds: CloudCover | number = 0,
  site: Site = RIO_DE_JANEIRO,
  intervals = FORECAST_HOURS * INTERVALS_PER_HOUR,
): Reading[] => {
  option(intervals, 0, 'intervals', true);
  if (!Number.isSafeInteger(firstInterval)) {
    throw new Error(`A forecast starts at an integer interval: ${firstInterval}.`);
  }

  return Array.from({ length: intervals }, (_, index) => ({ interval: firstInterval + index, energyWh: pvIntervalWh(capacityW, firstInterval + index, site, clouds) }));
};

/** The model's yield per local date of intervals `first` … `last` (Wh): the expected yield maintenanceAlerts compares a plant with. */
export const expectedYieldByDate = (capacityW: number, first: number, last: number, clouds: CloudCover | number = 0, site: Site = RIO_DE_JANEIRO): Record<string, number> =>
  Object.fromEntries(dailyProfile(productionForecast(capacityW, first, clouds, site, Math.max(0, last - first + 1))).map(({ date, energyWh }) => [date, energyWh]));

/**
 * A plant large enough that the model's rounding to whole Wh moves a day's sun hours by
 * less than 10⁻⁴ h (96 × 0.5 Wh / 0.8 MW), and small enough to stay under the interval's
 * physical limit (250,000 Wh at 1 MW; the model's power never passes 0.84 MW).
 */
const REFERENCE_CAPACITY_W = 1_000_000;

/**
 * Peak sun hours per local date of intervals `first` … `last` under `clouds`: Σ G × 0.25 h /
 * 1 kW/m², the denominator of the performance ratio. G is the model's irradiance, read
 * back from the model itself — a 1 MWp plant's Wh / (1 MW × 0.25 h × PERFORMANCE_RATIO) —
 * so that the irradiance model (clear sky, clouds) stays in src/meters/profiles.ts.
 */
export const modelledSunHours = (first: number, last: number, clouds: CloudCover | number = 0, site: Site = RIO_DE_JANEIRO): Record<string, number> =>
  sunHoursFromIrradiance(
    productionForecast(REFERENCE_CAPACITY_W, first, clouds, site, Math.max(0, last - first + 1)).map(({ interval, energyWh }) => ({
      interval,
      irradianceWm2: ((energyWh * INTERVALS_PER_HOUR) / (REFERENCE_CAPACITY_W * PERFORMANCE_RATIO)) * 1000,
    })),
  );
