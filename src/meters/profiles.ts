/**
 * The simulated meters' profiles (issue 16, `mtemsm meters simulate`; ../shared/spec/
 * microgrid.md, "The meter gateway"): what a PV plant produces and what a unit consumes in
 * each 15-minute interval. Pure and deterministic: every value is a function of its
 * arguments (seed, interval, …) alone, so an interval gives the same Wh however, and in
 * whatever order, it is asked for — a restarted simulator resends exactly what it sent.
 *
 * Units as src/domain/energy.ts: `interval = floor(unixSeconds / 900)` (UTC), energy in
 * integer Wh, power in integer W (plain numbers here, as the gateway's readings).
 */
import { getPosition } from 'suncalc';
import { INTERVALS_PER_DAY, LOCAL_UTC_OFFSET_SECONDS, localDayNumber } from '../analytics/common';
import { apportion } from '../domain/apportion';
import { random } from '../experiment/scenario';
import { INTERVAL_SECONDS, intervalStart, maxIntervalEnergyWh } from '../domain/energy';

const DAY_SECONDS = 86_400;

// ---------------------------------------------------------------- Random numbers

/** mulberry32, the experiment's generator (src/experiment/scenario.ts): numbers in [0, 1), the seed as an unsigned 32-bit integer. */
export const seeded = random;

/** A normal draw from `rng` (Box–Muller; 1 − u keeps the logarithm finite). */
export const normal = (rng: () => number, mean = 0, sd = 1): number =>
  mean + sd * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

/** A seeded generator of normal draws. */
export const seededNormal = (seed: number, mean = 0, sd = 1): (() => number) => {
  const rng = seeded(seed);

  return () => normal(rng, mean, sd);
};

/**
 * An unsigned 32-bit hash of integers (each taken modulo 2^32; murmur3's mixing): the seed of one random value
 * keyed by (seed, stream, day or interval, …), which is what makes random access possible.
 */
export const hash32 = (...parts: readonly number[]): number => {
  let h = 0x9e3779b9 ^ parts.length;
  for (const part of parts) {
    let k = Math.imul(part >>> 0, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;

  return h >>> 0;
};

/** Independent streams of one seed, so that e.g. the clouds and the loads never share draws. */
const STREAM = { regime: 1, persistence: 2, cloudNoise: 3, loadDay: 4, loadInterval: 5 } as const;
/** Computed days (and months) are kept, up to this many a cache: a speed-up only, the values are the same. */
const CACHE_SIZE = 4096;

/** A uniform draw in [0, 1) keyed by integers: the hash itself (its final mixing spreads every bit). */
const uniformAt = (...parts: readonly number[]): number => hash32(...parts) / 4294967296;
const normalAt = (...parts: readonly number[]): number => normal(seeded(hash32(...parts)));

// ---------------------------------------------------------------- Local time

// Local time, America/Sao_Paulo at UTC−3 all year: one rule, in src/analytics/common.ts.
export const UTC_OFFSET_SECONDS = LOCAL_UTC_OFFSET_SECONDS;
export { INTERVALS_PER_DAY };
/** The local day (days since 1970-01-01 local) of an interval. */
export const localDayOf = localDayNumber;
/** The first interval of a local day: 03:00 UTC, a multiple of 900 s. */
export const firstIntervalOf = (localDay: number): number => (localDay * DAY_SECONDS - LOCAL_UTC_OFFSET_SECONDS) / INTERVAL_SECONDS;

export type DayType = 'weekday' | 'saturday' | 'sunday';

/** 1970-01-01 was a Thursday. National holidays are not modelled: they count as their weekday. */
export const dayTypeOf = (localDay: number): DayType => {
  const weekday = (((localDay + 4) % 7) + 7) % 7;

  return weekday === 0 ? 'sunday' : weekday === 6 ? 'saturday' : 'weekday';
};

// ---------------------------------------------------------------- Clouds

export type Regime = 'clear' | 'partly' | 'overcast';
/** An interval's cloud cover, 0 (clear sky) to 1 (overcast). */
export type CloudCover = (interval: number) => number;

/**
 * Each local day has a regime: its share of days, and the mean and spread of the cover on
 * such a day. Rough figures for Rio de Janeiro, no seasons, chosen so that a year's mean
 * yield is near the experiment's 120 kWh per kWp a month (src/experiment/scenario.ts).
 */
export const REGIMES: Readonly<Record<Regime, { readonly share: number; readonly mean: number; readonly sd: number }>> = {
  clear: { share: 0.35, mean: 0.1, sd: 0.08 },
  partly: { share: 0.4, mean: 0.5, sd: 0.2 },
  overcast: { share: 0.25, mean: 0.9, sd: 0.08 },
};
/** The chance a day keeps the previous day's regime (else a fresh draw by share: a Markov chain whose stationary shares are REGIMES'). */
export const REGIME_PERSISTENCE = 0.6;
/** How far back a day looks for its regime's fresh draw; the chain is cut there (0.6^20 ≈ 4·10⁻⁵). */
const REGIME_LOOKBACK = 20;
/** The intraday noise: AR(1) per interval with this coefficient (correlation time ≈ 2.4 h), */
export const CLOUD_AR = 0.9;
/** written as a moving sum of the last CLOUD_TERMS shocks, so an interval needs no history (the rest weighs 0.9^48 ≈ 0.6 %). */
const CLOUD_TERMS = 48;
const CLOUD_NORM = Math.sqrt((1 - CLOUD_AR ** 2) / (1 - CLOUD_AR ** (2 * CLOUD_TERMS)));

const freshRegime = (seed: number, localDay: number): Regime => {
  const u = uniformAt(seed, STREAM.regime, localDay);

  return u < REGIMES.clear.share ? 'clear' : u < REGIMES.clear.share + REGIMES.partly.share ? 'partly' : 'overcast';
};

/** A day's regime: walk back while days keep their predecessor's regime, to the last fresh draw. */
export const regimeOf = (seed: number, localDay: number): Regime => {
  for (let back = 0; back < REGIME_LOOKBACK; back++) {
    if (uniformAt(seed, STREAM.persistence, localDay - back) >= REGIME_PERSISTENCE) {
      return freshRegime(seed, localDay - back);
    }
  }

  return freshRegime(seed, localDay - REGIME_LOOKBACK);
};

/**
 * The seeded cloud process of a site: cover = the day's regime mean + its spread × an
 * AR(1) noise of unit variance, clipped to [0, 1]. The noise at interval t is
 * Σ_{k<CLOUD_TERMS} CLOUD_AR^k · e_{t−k}, normalised, with uniform shocks e keyed by
 * (seed, t): a function of (seed, interval) alone, in any order. A whole local day is
 * computed at once and kept (the same sums whichever of its intervals is asked first).
 */
export const cloudCover = (seed: number): CloudCover => {
  const days = new Map<number, readonly number[]>();
  const coversOf = (localDay: number): readonly number[] => {
    const first = firstIntervalOf(localDay);
    // Uniform shocks of unit variance: the moving sum of many is near normal.
    const shocks = Array.from({ length: INTERVALS_PER_DAY + CLOUD_TERMS - 1 }, (_, index) =>
      (uniformAt(seed, STREAM.cloudNoise, first - CLOUD_TERMS + 1 + index) - 0.5) * Math.sqrt(12),
    );
    const { mean, sd } = REGIMES[regimeOf(seed, localDay)];

    return Array.from({ length: INTERVALS_PER_DAY }, (_, index) => {
      let noise = 0;
      let weight = 1;
      for (let lag = 0; lag < CLOUD_TERMS; lag++) {
        noise += weight * shocks[index + CLOUD_TERMS - 1 - lag];
        weight *= CLOUD_AR;
      }

      return Math.min(1, Math.max(0, mean + sd * noise * CLOUD_NORM));
    });
  };

  return (interval) => {
    const localDay = localDayOf(interval);
    let covers = days.get(localDay);
    if (covers === undefined) {
      if (days.size >= CACHE_SIZE) {
        days.clear();
      }
      covers = coversOf(localDay);
      days.set(localDay, covers);
    }

    return covers[interval - firstIntervalOf(localDay)];
  };
};

/** No clouds: the clear-sky production. */
export const CLEAR_SKY: CloudCover = () => 0;

// ---------------------------------------------------------------- PV production

export interface Site {
  readonly latitude: number;
  readonly longitude: number;
}
/** The group's coordinates by default: Rio de Janeiro. */
export const RIO_DE_JANEIRO: Site = { latitude: -22.9068, longitude: -43.1729 };

/** Meinel & Meinel (1976): clear-sky beam irradiance at the ground = 1353 W/m² (the solar constant they used) × 0.7^(air mass^0.678). */
const MEINEL_SOLAR_CONSTANT = 1353;
const MEINEL_TRANSMITTANCE = 0.7;
const MEINEL_EXPONENT = 0.678;
/** Diffuse light adds about a tenth to the beam on a clear day. */
const DIFFUSE_FACTOR = 1.1;
/** Standard test conditions: a module gives its watts-peak at 1000 W/m². */
const STC_IRRADIANCE = 1000;
/** Performance ratio: temperature, inverter, wiring and soiling losses of a typical plant. */
export const PERFORMANCE_RATIO = 0.8;
/** Kasten & Czeplak (1980): global irradiance under cover C is clear × (1 − 0.75 C^3.4). */
const CLOUD_LOSS = 0.75;
const CLOUD_EXPONENT = 3.4;

/** Relative air mass at an altitude in degrees (Kasten & Young 1989; finite at the horizon). */
const airMass = (altitudeDeg: number): number =>
  1 / (Math.sin((altitudeDeg * Math.PI) / 180) + 0.50572 * (altitudeDeg + 6.07995) ** -1.6364);

/**
 * Clear-sky global irradiance on a horizontal plane, W/m², at a sun altitude in degrees
 * (suncalc 2's getPosition gives degrees, refraction-corrected; 0 below the horizon).
 * Modules are taken as horizontal: Rio's latitude is low, and a tilt would add a few %.
 */
export const clearSkyIrradiance = (altitudeDeg: number): number =>
  altitudeDeg <= 0
    ? 0
    : DIFFUSE_FACTOR * MEINEL_SOLAR_CONSTANT * MEINEL_TRANSMITTANCE ** (airMass(altitudeDeg) ** MEINEL_EXPONENT) * Math.sin((altitudeDeg * Math.PI) / 180);

/**
 * The energy of one interval of a PV plant of `capacityW` watts-peak: its power at the
 * interval's midpoint (sun position × clear-sky irradiance × PERFORMANCE_RATIO × the
 * cloud factor) for 15 minutes, rounded to the nearest Wh and kept within 0 and the
 * interval's physical limit (maxIntervalEnergyWh). `clouds` is a cover in [0, 1] or a
 * cloud process; clear sky by default.
 */
export const pvIntervalWh = (capacityW: number, interval: number, site: Site = RIO_DE_JANEIRO, clouds: CloudCover | number = 0): number => {
  if (!Number.isSafeInteger(capacityW) || capacityW < 0) {
    throw new Error(`A capacity is a whole number of watts, 0 or more: ${capacityW}.`);
  }
  const midpoint = new Date((intervalStart(interval) + INTERVAL_SECONDS / 2) * 1000);
  const { altitude } = getPosition(midpoint, site.latitude, site.longitude);
  const irradiance = clearSkyIrradiance(altitude);
  if (irradiance === 0) {
    return 0;
  }
  const cover = Math.min(1, Math.max(0, typeof clouds === 'number' ? clouds : clouds(interval)));
  const powerW = ((capacityW * irradiance) / STC_IRRADIANCE) * PERFORMANCE_RATIO * (1 - CLOUD_LOSS * cover ** CLOUD_EXPONENT);
  const energyWh = Math.round((powerW * INTERVAL_SECONDS) / 3600);

  return Math.min(Number(maxIntervalEnergyWh(BigInt(capacityW))), Math.max(0, energyWh));
};

// ---------------------------------------------------------------- Loads

/** The spec's consumption categories (microgrid.md, "Devices"). */
export type Category = 'residential' | 'commercial' | 'industrial';
export const CATEGORIES: readonly Category[] = ['residential', 'commercial', 'industrial'];

/**
 * Relative power by local hour (0–23) and day type, on one scale per category, so a
 * day's weight in its month is its shape's sum (a commercial Sunday weighs little).
 * - residential: a morning bump, and the evening peak 18–21 h (electric showers, cooking,
 *   lights); weekends later mornings and more at home during the day;
 * - commercial: business hours 8–18 h, Saturday mornings, closed (base load) on Sundays;
 * - industrial: three shifts (6, 14, 22 h) with a dip at each change, two shifts on
 *   Saturdays, base load on Sundays.
 */
export const LOAD_SHAPES: Readonly<Record<Category, Readonly<Record<DayType, readonly number[]>>>> = (() => {
  const residentialWeekday = [
    0.45, 0.38, 0.35, 0.34, 0.34, 0.4, 0.65, 0.8, 0.7, 0.6, 0.6, 0.65, 0.75, 0.7, 0.62, 0.6, 0.65, 0.85, 1.35, 1.6, 1.5, 1.2, 0.85, 0.6,
  ];
  const residentialWeekend = [
    0.5, 0.42, 0.38, 0.35, 0.34, 0.35, 0.42, 0.55, 0.72, 0.82, 0.88, 0.92, 0.98, 0.92, 0.85, 0.8, 0.8, 0.92, 1.3, 1.5, 1.42, 1.18, 0.9, 0.65,
  ];
  const commercialWeekday = [
    0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.3, 0.5, 0.9, 1, 1, 1, 0.95, 1, 1, 1, 1, 0.9, 0.6, 0.4, 0.3, 0.28, 0.25, 0.25,
  ];
  const commercialSaturday = commercialWeekday.map((_, hour) => (hour >= 8 && hour < 13 ? 0.6 : hour === 7 || hour === 13 ? 0.4 : 0.25));
  const industrial = (hour: number, working: (hour: number) => boolean, base: number): number =>
    !working(hour) ? base : hour === 6 || hour === 14 || hour === 22 ? 0.85 : hour < 6 || hour > 22 ? 0.9 : 1;

  return {
    residential: { weekday: residentialWeekday, saturday: residentialWeekend, sunday: residentialWeekend },
    commercial: { weekday: commercialWeekday, saturday: commercialSaturday, sunday: commercialWeekday.map(() => 0.25) },
    industrial: {
      weekday: Array.from({ length: 24 }, (_, hour) => industrial(hour, () => true, 0.45)),
      saturday: Array.from({ length: 24 }, (_, hour) => industrial(hour, (h) => h >= 6 && h < 22, 0.5)),
      sunday: Array.from({ length: 24 }, () => 0.45),
    },
  };
})();

/**
 * Table 4 of the thesis (src/experiment/scenario.ts TABLE_4): 50 prosumers at 360 kWh a
 * month and 80 consumers at 1,125. The table gives no category: both are taken as
 * residential here.
 */
export const THESIS_PROFILES = [
  { profile: 'prosumer', units: 50, monthlyKWh: 360, category: 'residential' },
  { profile: 'consumer', units: 80, monthlyKWh: 1125, category: 'residential' },
] as const;

/** A day's weight is its shape × (1 + DAY_NOISE_SD × a normal draw), kept within ±DAY_NOISE_LIMIT. */
export const DAY_NOISE_SD = 0.1;
const DAY_NOISE_LIMIT = 0.4;
/** An interval's weight is its hour's shape × a uniform factor within ±INTERVAL_NOISE. */
export const INTERVAL_NOISE = 0.15;
/** Weights become integers at this scale for the exact apportionment (all are ≥ 0.25 × 0.85 × 0.6, so none is 0). */
const WEIGHT_SCALE = 1e6;

const dayNoise = (seed: number | undefined, unitIndex: number, localDay: number): number =>
  seed === undefined
    ? 1
    : 1 + Math.min(DAY_NOISE_LIMIT, Math.max(-DAY_NOISE_LIMIT, DAY_NOISE_SD * normalAt(seed, STREAM.loadDay, unitIndex, localDay)));
const intervalNoise = (seed: number | undefined, unitIndex: number, interval: number): number =>
  seed === undefined ? 1 : 1 + INTERVAL_NOISE * (2 * uniformAt(seed, STREAM.loadInterval, unitIndex, interval) - 1);
const toWeight = (value: number): bigint => BigInt(Math.round(value * WEIGHT_SCALE));
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The local days of the local calendar month that holds `localDay`. */
const monthOf = (localDay: number): { first: number; days: number } => {
  const date = new Date(localDay * DAY_SECONDS * 1000);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / (DAY_SECONDS * 1000);
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / (DAY_SECONDS * 1000);

  return { first, days: next - first };
};

const monthCache = new Map<string, readonly bigint[]>();
const dayCache = new Map<string, readonly number[]>();
const remember = <T>(cache: Map<string, T>, key: string, compute: () => T): T => {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_SIZE) {
      cache.clear();
    }
    value = compute();
    cache.set(key, value);
  }

  return value;
};

/**
 * A unit's 96 intervals of one local day (from firstIntervalOf(localDay)), Wh. The
 * rounding rule, both steps by largest remainder (src/domain/apportion.ts):
 * 1. the month's round(monthlyKWh × 1000) Wh are apportioned to its days by weight (the
 *    day type's shape sum × the day's noise), so a month's days add up to it exactly;
 * 2. a day's Wh are apportioned to its 96 intervals by weight (the hour's shape × the
 *    interval's noise), so a day's intervals add up to it exactly.
 * The noise only moves energy within the month: a unit's month is exactly its monthly
 * total, with noise or without (`seed` undefined: no noise, `unitIndex` unused).
 */
export const loadDayWh = (monthlyKWh: number, category: Category, localDay: number, seed?: number, unitIndex = 0): readonly number[] => {
  if (!Number.isFinite(monthlyKWh) || monthlyKWh < 0) {
    throw new Error(`A monthly consumption is 0 kWh or more: ${monthlyKWh}.`);
  }
  const shapes = LOAD_SHAPES[category];
  if (shapes === undefined) {
    throw new Error(`A category is residential, commercial or industrial: ${category}.`);
  }
  const unit = `${monthlyKWh}|${category}|${seed}|${unitIndex}`;
  const month = monthOf(localDay);
  const daysWh = remember(monthCache, `${unit}|${month.first}`, () =>
    apportion(
      BigInt(Math.round(monthlyKWh * 1000)),
      Array.from({ length: month.days }, (_, index) =>
        toWeight(sum(shapes[dayTypeOf(month.first + index)]) * dayNoise(seed, unitIndex, month.first + index)),
      ),
    ),
  );

  return remember(dayCache, `${unit}|${localDay}`, () => {
    const shape = shapes[dayTypeOf(localDay)];
    const first = firstIntervalOf(localDay);

    return apportion(
      daysWh[localDay - month.first],
      Array.from({ length: INTERVALS_PER_DAY }, (_, index) => toWeight(shape[Math.floor(index / 4)] * intervalNoise(seed, unitIndex, first + index))),
    ).map(Number);
  });
};

/** One interval of a unit's consumption, Wh (loadDayWh's rule; never negative). */
export const loadIntervalWh = (monthlyKWh: number, category: Category, interval: number, seed?: number, unitIndex = 0): number => {
  const localDay = localDayOf(interval);

  return loadDayWh(monthlyKWh, category, localDay, seed, unitIndex)[interval - firstIntervalOf(localDay)];
};
