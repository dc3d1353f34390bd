/**
 * src/analytics/quality.ts on a small fixed data set, every figure worked out by hand.
 *
 * Limits at 127 V: 0.93 × 127 = 118.11 V, 1.05 × 127 = 133.35 V; at 220 V: 204.6 V, 231 V.
 * Frequency 59.9–60.1 Hz; power factor magnitude 0.92 or more. Limits themselves are inside.
 *
 * D1 (127 V):
 *   10  127.0 V  60.00 Hz   0.95        all inside
 *   11  118.0 V  60.05 Hz   0.90        voltage low, PF low        → outside
 *   12  134.0 V  60.20 Hz  −0.93        voltage high, Hz high; |PF| 0.93 inside → outside
 *   13  (no quality)
 *   14  118.11 V                        the lower limit: inside
 *   voltage: 127, 118, 134, 118.11 → min 118, max 134, avg 497.11 / 4 = 124.2775, outside 2
 *   frequency: 60, 60.05, 60.2      → min 60, max 60.2, avg 180.25 / 3 = 60.08333…, outside 1
 *   |PF|: 0.95, 0.90, 0.93          → min 0.90, max 0.95, avg 2.78 / 3 = 0.92666…, outside 1
 *   5 readings, 4 with quality, 2 intervals outside.
 * D2: 10 {133.35 V, 59.9 Hz, 0.92} every limit, inside; 11 {59.89 Hz} outside.
 * D10: one reading, no quality.
 */
import {
  DEFAULT_NOMINAL_V,
  FREQUENCY_MAX_HZ,
  FREQUENCY_MIN_HZ,
  POWER_FACTOR_MIN,
  qualitySummary,
  VOLTAGE_MAX_PU,
  VOLTAGE_MIN_PU,
} from '../../src/analytics/quality';
import type { Quality } from '../../src/gateway/reading';

const reading = (deviceID: string, interval: number, quality?: Quality) => ({
  deviceID,
  interval,
  energyWh: 100,
  registerWh: 100 * interval,
  ...(quality === undefined ? {} : { quality }),
});

const readings = [
  reading('D10', 10),
  reading('D1', 10, { voltageV: 127, frequencyHz: 60, powerFactor: 0.95 }),
  reading('D2', 11, { frequencyHz: 59.89 }),
  reading('D1', 11, { voltageV: 118, frequencyHz: 60.05, powerFactor: 0.9 }),
  reading('D1', 12, { voltageV: 134, frequencyHz: 60.2, powerFactor: -0.93 }),
  reading('D1', 13),
  reading('D2', 10, { voltageV: 133.35, frequencyHz: 59.9, powerFactor: 0.92 }),
  reading('D1', 14, { voltageV: 118.11 }),
];

test('the limits, each written once: PRODIST Módulo 8 and ANEEL’s power factor reference, 127 V by default', () => {
  expect([VOLTAGE_MIN_PU, VOLTAGE_MAX_PU, FREQUENCY_MIN_HZ, FREQUENCY_MAX_HZ, POWER_FACTOR_MIN, DEFAULT_NOMINAL_V]).toEqual([0.93, 1.05, 59.9, 60.1, 0.92, 127]);
});

test('per device, in device order: counts, min/avg/max of each quantity, intervals outside the limits', () => {
  const [d1, d2, d10] = qualitySummary(readings);
  expect([d1.deviceID, d2.deviceID, d10.deviceID]).toEqual(['D1', 'D2', 'D10']);

  expect([d1.readings, d1.withQuality, d1.intervalsOutside]).toEqual([5, 4, 2]);
  expect(d1.voltageV).toEqual({ readings: 4, min: 118, avg: expect.closeTo(124.2775, 9), max: 134, outside: 2 });
  expect(d1.frequencyHz).toEqual({ readings: 3, min: 60, avg: expect.closeTo(60.083333333, 8), max: 60.2, outside: 1 });
  expect(d1.powerFactor).toEqual({ readings: 3, min: 0.9, avg: expect.closeTo(0.926666667, 8), max: 0.95, outside: 1 });

  expect(d2).toEqual({
    deviceID: 'D2',
    readings: 2,
    withQuality: 2,
    voltageV: { readings: 1, min: 133.35, avg: 133.35, max: 133.35, outside: 0 },
    frequencyHz: { readings: 2, min: 59.89, avg: expect.closeTo(59.895, 9), max: 59.9, outside: 1 },
    powerFactor: { readings: 1, min: 0.92, avg: 0.92, max: 0.92, outside: 0 },
    intervalsOutside: 1,
  });
  expect(d10).toEqual({ deviceID: 'D10', readings: 1, withQuality: 0, voltageV: null, frequencyHz: null, powerFactor: null, intervalsOutside: 0 });
});

test('the nominal voltage is a parameter: 220 V moves the voltage limits to 204.6–231 V', () => {
  const at220 = [204.5, 204.6, 220, 231, 231.1].map((voltageV, index) => reading('D3', index, { voltageV }));
  expect(qualitySummary(at220, { nominalV: 220 })[0].voltageV).toEqual({ readings: 5, min: 204.5, avg: expect.closeTo(218.24, 9), max: 231.1, outside: 2 });
  // At the 127 V default every one of them is far above 133.35 V.
  expect(qualitySummary(at220)[0].voltageV?.outside).toBe(5);
});

test('nothing given, nothing summarised; a repeated interval or a nominal of 0 is refused', () => {
  expect(qualitySummary([])).toEqual([]);
  expect(() => qualitySummary([reading('D1', 10), reading('D1', 10)])).toThrow('Interval 10 of D1 has two readings.');
  expect(() => qualitySummary(readings, { nominalV: 0 })).toThrow('nominalV is a voltage above 0: 0.');
});
