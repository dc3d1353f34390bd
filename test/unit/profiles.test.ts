/**
 * src/meters/profiles.ts: the simulated meters' PV production and loads — deterministic
 * by seed and by interval in any order, within the physical limit, plausible yields for
 * Rio de Janeiro, and loads whose months add up exactly to their monthly totals.
 */
import { getPosition } from 'suncalc';
import { intervalOf, maxIntervalEnergyWh } from '../../src/domain/energy';
import {
  CATEGORIES,
  cloudCover,
  dayTypeOf,
  firstIntervalOf,
  INTERVALS_PER_DAY,
  loadDayWh,
  loadIntervalWh,
  localDayOf,
  normal,
  pvIntervalWh,
  regimeOf,
  REGIMES,
  RIO_DE_JANEIRO,
  seeded,
  seededNormal,
  THESIS_PROFILES,
  type CloudCover,
} from '../../src/meters/profiles';

const dayOf = (year: number, month: number, day: number): number => localDayOf(intervalOf(Date.UTC(year, month - 1, day, 15) / 1000));
const intervalsOf = (localDay: number, days = 1): number[] =>
  Array.from({ length: days * INTERVALS_PER_DAY }, (_, index) => firstIntervalOf(localDay) + index);
const total = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const pvDayWh = (capacityW: number, localDay: number, clouds: CloudCover | number = 0): number =>
  total(intervalsOf(localDay).map((interval) => pvIntervalWh(capacityW, interval, RIO_DE_JANEIRO, clouds)));
/** A fixed shuffle (Fisher–Yates with a seeded generator). */
const shuffled = <T>(values: readonly T[], seed: number): T[] => {
  const rng = seeded(seed);
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(rng() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }

  return copy;
};

const JAN_2024 = dayOf(2024, 1, 1);
const YEAR_2024 = Array.from({ length: 366 }, (_, index) => JAN_2024 + index);

describe('random numbers', () => {
  test('the same seed gives the same numbers, in [0, 1); another seed others', () => {
    const draw = (seed: number) => {
      const rng = seeded(seed);

      return Array.from({ length: 1000 }, () => rng());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((value) => value >= 0 && value < 1)).toBe(true);
    // Pinned: the generator must not change under the simulations' seeds.
    expect(draw(1).slice(0, 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  test('the normal helper has mean 0 and spread 1, by seed', () => {
    const draws = Array.from({ length: 20_000 }, seededNormal(7));
    const mean = total(draws) / draws.length;
    const sd = Math.sqrt(total(draws.map((value) => (value - mean) ** 2)) / draws.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    expect(Array.from({ length: 10 }, seededNormal(7, 5, 2))).toEqual(draws.slice(0, 10).map((value) => 5 + 2 * value));
    expect(Number.isFinite(normal(() => 0))).toBe(true);
  });
});

describe('local time (America/Sao_Paulo, UTC−3)', () => {
  test('a local day starts at 03:00 UTC and holds 96 intervals', () => {
    const day = dayOf(2024, 1, 15);
    expect(firstIntervalOf(day)).toBe(intervalOf(Date.UTC(2024, 0, 15, 3) / 1000));
    expect(localDayOf(firstIntervalOf(day) - 1)).toBe(day - 1);
    expect(localDayOf(firstIntervalOf(day) + 95)).toBe(day);
    expect(localDayOf(firstIntervalOf(day) + 96)).toBe(day + 1);
  });

  test('day types: 2024-01-01 was a Monday', () => {
    expect([1, 5, 6, 7, 8].map((day) => dayTypeOf(dayOf(2024, 1, day)))).toEqual(['weekday', 'weekday', 'saturday', 'sunday', 'weekday']);
  });
});

describe('PV production', () => {
  test('suncalc 2 gives the altitude in degrees (the Sun near the zenith at noon in Rio in January)', () => {
    const { altitude } = getPosition(new Date(Date.UTC(2024, 0, 15, 15)), RIO_DE_JANEIRO.latitude, RIO_DE_JANEIRO.longitude);
    expect(altitude).toBeGreaterThan(80);
    expect(altitude).toBeLessThanOrEqual(90);
  });

  test('0 at night, positive at noon on a clear day', () => {
    const day = dayOf(2024, 1, 15);
    expect(pvIntervalWh(1000, firstIntervalOf(day))).toBe(0); // local midnight
    expect(pvIntervalWh(1000, firstIntervalOf(day) + 3 * 4)).toBe(0); // 03:00
    expect(pvIntervalWh(1000, firstIntervalOf(day) + 22 * 4)).toBe(0); // 22:00
    expect(pvIntervalWh(1000, firstIntervalOf(day) + 12 * 4)).toBeGreaterThan(150); // noon: over 600 W for 15 minutes
  });

  test('over a year, 0 whenever the Sun is down at the midpoint, whole Wh, and never above the physical limit', () => {
    const intervals = intervalsOf(JAN_2024, 366);
    const clouds = cloudCover(11);
    for (const capacityW of [0, 1, 5, 4321, 2_500_000]) {
      const limit = Number(maxIntervalEnergyWh(BigInt(capacityW)));
      for (const interval of intervals) {
        const clear = pvIntervalWh(capacityW, interval);
        const cloudy = capacityW === 4321 ? pvIntervalWh(capacityW, interval, RIO_DE_JANEIRO, clouds) : clear;
        if (!(Number.isInteger(clear) && clear >= 0 && clear <= limit && Number.isInteger(cloudy) && cloudy >= 0 && cloudy <= clear)) {
          throw new Error(`${capacityW} W at interval ${interval}: ${clear} Wh clear, ${cloudy} Wh cloudy, limit ${limit} Wh`);
        }
      }
    }
    for (const interval of intervals.filter((_, index) => index % 7 === 0)) {
      const { altitude } = getPosition(new Date((interval * 900 + 450) * 1000), RIO_DE_JANEIRO.latitude, RIO_DE_JANEIRO.longitude);
      if (altitude <= 0) {
        expect(pvIntervalWh(2_500_000, interval)).toBe(0);
      }
    }
  });

  test('a clear summer day in Rio gives 4–7 kWh per kWp (horizontal modules), a clear winter day less', () => {
    const summer = pvDayWh(1000, dayOf(2024, 1, 15));
    const winter = pvDayWh(1000, dayOf(2024, 6, 15));
    expect(summer).toBeGreaterThanOrEqual(4000);
    expect(summer).toBeLessThanOrEqual(7000);
    expect(winter).toBeLessThan(summer);
    expect(winter).toBeGreaterThan(2000);
    // Linear in capacity, but for the rounding of each interval (96 of them at most half a Wh each).
    expect(Math.abs(pvDayWh(100_000, dayOf(2024, 1, 15)) - 100 * summer)).toBeLessThanOrEqual(100 * 48);
  });

  test('more cover, less energy; cloudier regimes give less; a year near 120 kWh per kWp a month', () => {
    const day = dayOf(2024, 1, 15);
    const byCover = [0, 0.3, 0.6, 0.9, 1].map((cover) => pvDayWh(1000, day, cover));
    expect(byCover).toEqual([...byCover].sort((a, b) => b - a));
    expect(byCover[4]).toBeLessThan(byCover[0] / 2);

    const seed = 2021;
    const clouds = cloudCover(seed);
    const byRegime = { clear: [] as number[], partly: [] as number[], overcast: [] as number[] };
    for (const localDay of YEAR_2024) {
      byRegime[regimeOf(seed, localDay)].push(pvDayWh(1000, localDay, clouds));
    }
    const mean = (values: number[]) => total(values) / values.length;
    expect(mean(byRegime.clear)).toBeGreaterThan(mean(byRegime.partly));
    expect(mean(byRegime.partly)).toBeGreaterThan(mean(byRegime.overcast));
    // src/experiment/scenario.ts assumes 120 kWh per kWp a month in southeast Brazil.
    const monthly = (total(Object.values(byRegime).flat()) / 12) * 1e-3;
    expect(monthly).toBeGreaterThan(100);
    expect(monthly).toBeLessThan(140);
  });
});

describe('the cloud process', () => {
  const intervals = intervalsOf(JAN_2024, 60);

  test('covers in [0, 1], the same by seed, others by another seed', () => {
    const covers = intervals.map(cloudCover(5));
    expect(covers.every((cover) => cover >= 0 && cover <= 1)).toBe(true);
    expect(intervals.map(cloudCover(5))).toEqual(covers);
    expect(intervals.map(cloudCover(6))).not.toEqual(covers);
  });

  test('random access by interval equals sequential generation', () => {
    const sequential = intervals.map(cloudCover(9));
    const fresh = cloudCover(9);
    const byInterval = new Map(shuffled(intervals, 1).map((interval) => [interval, fresh(interval)]));
    expect(intervals.map((interval) => byInterval.get(interval))).toEqual(sequential);
    // One interval asked alone, far from any other.
    expect(cloudCover(9)(intervals[4321])).toBe(sequential[4321]);
  });

  test('autocorrelated within a day, and regimes persist across days', () => {
    const covers = intervals.map(cloudCover(3));
    const mean = total(covers) / covers.length;
    const lag = (k: number) =>
      total(covers.slice(k).map((cover, index) => (cover - mean) * (covers[index] - mean))) / total(covers.map((cover) => (cover - mean) ** 2));
    expect(lag(1)).toBeGreaterThan(0.8);
    const regimes = YEAR_2024.map((localDay) => regimeOf(3, localDay));
    const kept = regimes.slice(1).filter((regime, index) => regime === regimes[index]).length / (regimes.length - 1);
    // Independent days would keep their regime Σ share² ≈ 35 % of the time; persistence 0.6 makes it ≈ 74 %.
    expect(kept).toBeGreaterThan(0.6);
    for (const regime of Object.keys(REGIMES)) {
      expect(regimes.filter((value) => value === regime).length).toBeGreaterThan(40);
    }
  });
});

describe('loads', () => {
  const months = [
    [2024, 2],
    [2024, 3],
    [2024, 12],
  ] as const;
  const monthIntervals = (year: number, month: number): number[] => {
    const first = dayOf(year, month, 1);

    return intervalsOf(first, new Date(Date.UTC(year, month, 0)).getUTCDate());
  };

  test('THESIS_PROFILES is Table 4: 50 × 360 and 80 × 1,125 kWh a month', () => {
    expect(THESIS_PROFILES.map(({ units, monthlyKWh }) => units * monthlyKWh)).toEqual([18_000, 90_000]);
  });

  test("a unit's month is exactly its monthly total, with noise and without; whole Wh, never negative", () => {
    for (const [year, month] of months) {
      const intervals = monthIntervals(year, month);
      for (const category of CATEGORIES) {
        for (const { monthlyKWh } of THESIS_PROFILES) {
          for (const seed of [undefined, 1]) {
            const values = intervals.map((interval) => loadIntervalWh(monthlyKWh, category, interval, seed, 17));
            expect(values.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
            expect(total(values)).toBe(monthlyKWh * 1000);
          }
        }
      }
    }
    expect(total(monthIntervals(2024, 3).map((interval) => loadIntervalWh(0, 'commercial', interval, 1)))).toBe(0);
    expect(total(monthIntervals(2024, 3).map((interval) => loadIntervalWh(0.3333, 'industrial', interval, 1)))).toBe(333);
  });

  test("a day's intervals add up to the day's share, and noise moves energy between days and units", () => {
    const quiet = loadDayWh(1125, 'residential', dayOf(2024, 3, 12));
    const noisy = loadDayWh(1125, 'residential', dayOf(2024, 3, 12), 4, 0);
    expect(quiet).toHaveLength(96);
    expect(noisy).not.toEqual(quiet);
    expect(loadDayWh(1125, 'residential', dayOf(2024, 3, 12), 4, 1)).not.toEqual(noisy);
    expect(loadDayWh(1125, 'residential', dayOf(2024, 3, 12), 5, 0)).not.toEqual(noisy);
    // Without noise two weekdays of a month are alike (to the Wh of the apportionment).
    expect(Math.abs(total(quiet) - total(loadDayWh(1125, 'residential', dayOf(2024, 3, 13))))).toBeLessThanOrEqual(1);
    // With noise, days stray about DAY_NOISE_SD (10 %) from the noise-free day, never beyond ±40 % (and the month's renormalisation).
    const ratios = intervalsOf(dayOf(2024, 3, 1), 31)
      .filter((_, index) => index % 96 === 0)
      .map((first) => total(loadDayWh(1125, 'residential', localDayOf(first), 4, 0)) / total(loadDayWh(1125, 'residential', localDayOf(first))));
    expect(Math.max(...ratios)).toBeLessThan(1.5);
    expect(Math.min(...ratios)).toBeGreaterThan(0.5);
    expect(Math.max(...ratios) - Math.min(...ratios)).toBeGreaterThan(0.1);
  });

  test('shapes: residential peak in the evening, commercial in business hours and quiet on Sundays, industrial flat', () => {
    const hourly = (category: (typeof CATEGORIES)[number], seed?: number, type = 'weekday') => {
      const hours = new Array<number>(24).fill(0);
      for (const interval of monthIntervals(2024, 3)) {
        if (dayTypeOf(localDayOf(interval)) === type) {
          hours[Math.floor((interval - firstIntervalOf(localDayOf(interval))) / 4)] += loadIntervalWh(1125, category, interval, seed, 2);
        }
      }

      return hours;
    };
    const peakHour = (hours: number[]) => hours.indexOf(Math.max(...hours));
    for (const seed of [undefined, 8]) {
      const residential = peakHour(hourly('residential', seed));
      expect(residential).toBeGreaterThanOrEqual(18);
      expect(residential).toBeLessThan(21);
      expect(peakHour(hourly('residential', seed, 'sunday'))).toBeGreaterThanOrEqual(18);
      const commercial = hourly('commercial', seed);
      expect(peakHour(commercial)).toBeGreaterThanOrEqual(8);
      expect(peakHour(commercial)).toBeLessThan(18);
      expect(total(hourly('commercial', seed, 'sunday')) / 5).toBeLessThan(total(commercial) / 21 / 2);
      const industrial = hourly('industrial', seed);
      expect(Math.max(...industrial) / Math.min(...industrial)).toBeLessThan(1.3);
    }
  });

  test('random access by interval equals sequential generation', () => {
    const intervals = monthIntervals(2024, 12);
    for (const category of CATEGORIES) {
      const sequential = intervals.map((interval) => loadIntervalWh(1125, category, interval, 3, 5));
      const fromDays = Array.from({ length: 31 }, (_, index) => loadDayWh(1125, category, dayOf(2024, 12, 1) + index, 3, 5)).flat();
      expect(fromDays).toEqual(sequential);
    }
    // A fresh copy of the module (its caches empty), asked in a shuffled order with other units and months in between.
    let fresh: typeof import('../../src/meters/profiles') | undefined;
    jest.isolateModules(() => {
      fresh = require('../../src/meters/profiles');
    });
    for (const category of CATEGORIES) {
      const byInterval = new Map<number, number>();
      for (const interval of shuffled(intervals, 2).slice(0, 500)) {
        fresh?.loadIntervalWh(360, category, interval - 96 * 40, 3, (interval * 7) % 50);
        byInterval.set(interval, fresh?.loadIntervalWh(1125, category, interval, 3, 5) ?? -1);
      }
      expect([...byInterval].every(([interval, value]) => value === loadIntervalWh(1125, category, interval, 3, 5))).toBe(true);
    }
  });

  test('refuses nonsense', () => {
    expect(() => pvIntervalWh(-1, 0)).toThrow();
    expect(() => pvIntervalWh(1.5, 0)).toThrow();
    expect(() => loadIntervalWh(-1, 'residential', 0)).toThrow();
    expect(() => loadIntervalWh(100, 'agricultural' as never, 0)).toThrow();
  });
});
