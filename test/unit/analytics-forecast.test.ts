/**
 * The production forecast of src/analytics/forecast.ts: the weather's hourly cloud cover,
 * the PV model of src/meters/profiles.ts over 48 hours, the expected yield and sun hours
 * it gives a period. Figures worked out by hand below.
 *
 * Friday 2025-03-07 in Rio de Janeiro (−22.9068, −43.1729), local 00:00 = interval FRI.
 * Noon: the sun's declination is about −5.3°, so its altitude at solar noon (12:04 local:
 * longitude 43.17° W is 2 h 53 min after UTC noon, less 3 h, plus 11 min of the equation of
 * time) is 90° − (22.9° − 5.3°) = 72.4°, sin 0.9532. Air mass (Kasten & Young)
 * 1 / (0.9532 + 0.50572 × 78.48^−1.6364) = 1.0487. Clear-sky irradiance (Meinel, +10 %
 * diffuse): 1.1 × 1353 × 0.7^(1.0487^0.678) × 0.9532 = 1488.3 × 0.69187 × 0.9532 = 981.5 W/m².
 * A 4 kWp plant at the model's performance ratio 0.8 for 15 minutes:
 * 4000 × 0.9815 × 0.8 × 0.25 = 785 Wh (the 12:00 interval; the declination's 0.1° moves it by 1).
 * Clouds (Kasten & Czeplak): × (1 − 0.75 C^3.4): C = 1 → 0.25; C = 0.5 → 1 − 0.75 × 0.094732 = 0.928951.
 */
import {
  expectedYieldByDate,
  FORECAST_HOURS,
  firstIntervalOfDate,
  INTERVALS_PER_HOUR,
  modelledSunHours,
  productionForecast,
  weatherCloudCover,
} from '../../src/analytics';
import { PERFORMANCE_RATIO } from '../../src/meters/profiles';

const FRI = firstIntervalOfDate('2025-03-07');
const hour = (day: number, h: number): number => day + h * INTERVALS_PER_HOUR;
const NOON = hour(FRI, 12);

describe('the weather', () => {
  test("each interval takes its hour's cover; an hour is refused when malformed, or missing when asked", () => {
    const clouds = weatherCloudCover([
      { interval: hour(FRI, 11), cloudCover: 0.2 },
      { interval: hour(FRI, 12), cloudCover: 0.9 },
    ]);
    expect([NOON - 1, NOON, NOON + 1, NOON + 3].map(clouds)).toEqual([0.2, 0.9, 0.9, 0.9]);
    expect(() => clouds(hour(FRI, 13))).toThrow('The weather has no cloud cover for 2025-03-07 13:00, and the sun is up then.');
    expect(() => weatherCloudCover([{ interval: NOON + 1, cloudCover: 0 }])).toThrow('An hour of weather starts on an hour');
    expect(() => weatherCloudCover([{ interval: NOON, cloudCover: 1.5 }])).toThrow('A cloud cover is 0 to 1: 1.5 at 2025-03-07 12:00.');
    expect(() => weatherCloudCover([{ interval: NOON, cloudCover: 0.5 }, { interval: NOON, cloudCover: 0.5 }])).toThrow('The weather gives 2025-03-07 12:00 twice.');
  });
});

describe('the production forecast', () => {
  test('48 hours of intervals from the start; noon of a clear March day in Rio as computed by hand; nothing at night', () => {
    const forecast = productionForecast(4_000, FRI);
    expect(FORECAST_HOURS).toBe(48);
    expect(forecast).toHaveLength(192);
    expect([forecast[0].interval, forecast[191].interval]).toEqual([FRI, FRI + 191]);
    const noon = forecast[12 * 4].energyWh;
    expect(Math.abs(noon - 785)).toBeLessThanOrEqual(2);
    // Local 00:00–04:59 and 19:00–23:59: the sun is down.
    for (const h of [0, 1, 2, 3, 4, 19, 20, 21, 22, 23]) {
      expect(forecast.slice(h * 4, h * 4 + 4).map(({ energyWh }) => energyWh)).toEqual([0, 0, 0, 0]);
    }
  });

  test('clouds take their share of the clear sky: overcast a quarter, half cover 0.928951 (within the rounding to Wh)', () => {
    const clear = productionForecast(4_000, NOON, 0, undefined, 4);
    const overcast = productionForecast(4_000, NOON, 1, undefined, 4);
    const half = productionForecast(4_000, NOON, weatherCloudCover([{ interval: NOON, cloudCover: 0.5 }]), undefined, 4);
    clear.forEach(({ energyWh }, index) => {
      expect(Math.abs(overcast[index].energyWh - energyWh * 0.25)).toBeLessThanOrEqual(1);
      expect(Math.abs(half[index].energyWh - energyWh * 0.928951)).toBeLessThanOrEqual(1);
    });
  });

  test('a weather input may leave the nights out; a sunlit hour missing is refused', () => {
    const daylight = Array.from({ length: 14 }, (_, index) => ({ interval: hour(FRI, 5 + index), cloudCover: 0 }));
    expect(productionForecast(4_000, FRI, weatherCloudCover(daylight), undefined, 96)).toEqual(productionForecast(4_000, FRI, 0, undefined, 96));
    const noNoon = daylight.filter(({ interval }) => interval !== NOON);
    expect(() => productionForecast(4_000, FRI, weatherCloudCover(noNoon), undefined, 96)).toThrow('no cloud cover for 2025-03-07 12:00');
  });
});

describe("the model's expectations of a period", () => {
  test('expected yield per local date is the sum of its forecast intervals', () => {
    const two = expectedYieldByDate(4_000, FRI, FRI + 191);
    const day = (first: number) => productionForecast(4_000, first, 0, undefined, 96).reduce((sum, { energyWh }) => sum + energyWh, 0);
    expect(two).toEqual({ '2025-03-07': day(FRI), '2025-03-08': day(FRI + 96) });
  });

  test("sun hours: the model's irradiance summed, so that capacity × sun hours × 0.8 is the expected yield (within 96 × 0.5 Wh)", () => {
    const hours = modelledSunHours(FRI, FRI + 95);
    const expected = expectedYieldByDate(4_000, FRI, FRI + 95)['2025-03-07'];
    expect(Object.keys(hours)).toEqual(['2025-03-07']);
    expect(Math.abs(hours['2025-03-07'] * 4_000 * PERFORMANCE_RATIO - expected)).toBeLessThanOrEqual(48);
    // Overcast all day: a quarter of the clear sky's.
    expect(modelledSunHours(FRI, FRI + 95, 1)['2025-03-07']).toBeCloseTo(hours['2025-03-07'] * 0.25, 3);
  });
});
