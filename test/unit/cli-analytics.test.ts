/**
 * `mtemsm energy profile|peaks|tou|alerts|forecast|report` (src/cli/commands/analytics.ts):
 * the cores on readings read back from an in-memory gateway store, every figure worked out
 * by hand below; then the commands themselves on a store in a folder (--json shapes, a
 * table), and their refusals.
 *
 * Consumption meter D3 (readings salted, as the gateway stores a consumption meter's):
 *   Thursday 2025-03-06 (THU, local 00:00 = interval 1934700): every interval 100 Wh = 9,600 Wh.
 *   Friday   2025-03-07 (FRI = THU + 96): 100 Wh except
 *     17:00–17:59  4 × 200 Wh (intermediario)
 *     18:00–18:59  4 × 500 Wh (ponta)
 *     19:00        1 × 1000 Wh (ponta: the peak, 1000 Wh × 4 = 4.000 kW)
 *   Friday = 87·100 + 4·200 + 4·500 + 1000 = 12,500 Wh.
 * Tarifa branca on Friday (a working day, no holiday):
 *   ponta 18:00–20:59 = 2000 + 1000 + 3·100 (19:15–19:45) + 4·100 (20:xx) = 3,700 Wh
 *   intermediario 17:00–17:59 and 21:00–21:59 = 800 + 400 = 1,200 Wh
 *   foraPonta = 12,500 − 3,700 − 1,200 = 7,600 Wh
 *   at 1.123456 / 0.734567 / 0.487655 R$/kWh: 4.1567872 → R$ 4.16, 0.8814804 → R$ 0.88,
 *   3.706178 → R$ 3.71; total R$ 8.75.
 * Abnormal usage on Friday (baseline: the median of the same hour on the 7 days before =
 * Thursday's 100 Wh; an alert above 3 × 100 and above 250 Wh): 18:00, 18:15, 18:30, 18:45,
 * 19:00; not 17:xx (200 ≤ 300). A day threshold of 12 kWh: Friday's 12.5 kWh passes it.
 * Recommendations over Friday (50 % moved, 30 days a month):
 *   ponta: 3.7 kWh × 0.5 × 30 = 55.5 kWh × (1.123456 − 0.487655) = 35.2869555 → R$ 35.29
 *   intermediario: 1.2 × 0.5 × 30 = 18 kWh × (0.734567 − 0.487655) = 4.444416 → R$ 4.44
 *
 * Production meter D1 (4 kWp, no salt): Friday to Sunday, 4 intervals 12:00–12:45 of 250 Wh,
 * 1,000 Wh a day, 3,000 Wh in all: carbon offset 3 kWh × 0.0385 = 0.1155 kg CO₂; the
 * model expects about 22 kWh a clear day of 4 kWp in March, so 3 days under 80 % of it:
 * one maintenance alert, 2025-03-07 to 2025-03-09.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { firstIntervalOfDate, productionForecast, Tariff } from '../../src/analytics';
import {
  alertsReport,
  BASELINE_DAYS,
  consumptionReport,
  kindOf,
  parseTariff,
  parseWeather,
  peaksReport,
  periodOf,
  productionReport,
  profileReport,
  touReport,
} from '../../src/cli/commands/analytics';
import { UsageError } from '../../src/cli/errors';
import { main } from '../../src/cli/main';
import { Store } from '../../src/gateway/store';
import { RIO_DE_JANEIRO } from '../../src/meters/profiles';

const THU = firstIntervalOfDate('2025-03-06');
const FRI = THU + 96;
const at = (day: number, hour: number, minute = 0): number => day + hour * 4 + minute / 15;
const special = new Map<number, number>([
  ...[0, 1, 2, 3].map((q) => [at(FRI, 17) + q, 200] as const),
  ...[0, 1, 2, 3].map((q) => [at(FRI, 18) + q, 500] as const),
  [at(FRI, 19), 1000],
]);
const consumption = Array.from({ length: 192 }, (_, index) => ({ interval: THU + index, energyWh: special.get(THU + index) ?? 100 }));
const production = [0, 1, 2].flatMap((day) => [0, 1, 2, 3].map((q) => ({ interval: at(FRI + day * 96, 12) + q, energyWh: 250 })));
const tariff: Tariff = { prices: { ponta: 1.123456, intermediario: 0.734567, foraPonta: 0.487655 } };
const friday = periodOf('2025-03-07', '2025-03-07');

/** The readings as meters send them: the register grows by each energy. */
const fill = async (store: Store): Promise<void> => {
  for (const [deviceID, series, isConsumption] of [
    ['D3', consumption, true],
    ['D1', production, false],
  ] as const) {
    let registerWh = 0;
    for (const { interval, energyWh } of series) {
      registerWh += energyWh;
      expect(await store.insert({ deviceID, interval, energyWh, registerWh }, 'mqtt', isConsumption)).toBe('stored');
    }
  }
};

const readBack = async (store: Store, deviceID: string, from: number, to: number) =>
  (await store.readings(deviceID, from, to)).map(({ interval, energyWh }) => ({ interval, energyWh }));

describe('the cores, on readings from an in-memory store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open('memory');
    await fill(store);
  }, 60_000);
  afterAll(async () => store.close());

  test("the device's kind is the store's: consumption readings are salted, production ones not", async () => {
    expect(kindOf((await store.reading('D3', FRI))!)).toBe('consumption');
    expect(kindOf((await store.reading('D1', at(FRI, 12)))!)).toBe('production');
  });

  test("profile: Friday's 12.500 kWh, and the hourly means", async () => {
    const report = profileReport(await readBack(store, 'D3', friday.first, friday.last));
    expect(report.totalWh).toBe(12_500);
    expect(report.days).toEqual([{ date: '2025-03-07', energyWh: 12_500, intervals: 96 }]);
    expect(report.hours).toHaveLength(24);
    expect([17, 18, 19, 20].map((hour) => report.hours[hour].meanWh)).toEqual([800, 2000, 1300, 400]);
    // Over both days, hour 18 is (400 + 2000) / 2.
    expect(profileReport(consumption).hours[18]).toEqual({ hour: 18, totalWh: 2400, days: 2, meanWh: 1200 });
  });

  test('peaks: 4.000 kW at Friday 19:00, then the ponta hour', async () => {
    const report = peaksReport(await readBack(store, 'D3', friday.first, friday.last), 3);
    expect(report.peakDemand).toEqual({ interval: at(FRI, 19), start: '2025-03-07 19:00', energyWh: 1000, demandW: 4000 });
    expect(report.peaks.map(({ start, demandW }) => [start, demandW])).toEqual([
      ['2025-03-07 19:00', 4000],
      ['2025-03-07 18:00', 2000],
      ['2025-03-07 18:15', 2000],
    ]);
  });

  test('tou: R$ 4.16 + R$ 0.88 + R$ 3.71 = R$ 8.75', async () => {
    const { breakdown } = touReport(await readBack(store, 'D3', friday.first, friday.last), tariff);
    expect(breakdown).toEqual({
      ponta: { energyWh: 3700, costCentavos: 416 },
      intermediario: { energyWh: 1200, costCentavos: 88 },
      foraPonta: { energyWh: 7600, costCentavos: 371 },
      total: { energyWh: 12_500, costCentavos: 875 },
    });
  });

  test("alerts: Friday's ponta hour and its 19:00 over Thursday's baseline, and the day over 12 kWh", async () => {
    const history = await readBack(store, 'D3', friday.first - BASELINE_DAYS * 96, friday.last);
    const report = alertsReport(history, friday, { dayWh: 12_000 });
    expect(report.abnormal.map(({ start, energyWh, baselineWh }) => [start, energyWh, baselineWh])).toEqual([
      ['2025-03-07 18:00', 500, 100],
      ['2025-03-07 18:15', 500, 100],
      ['2025-03-07 18:30', 500, 100],
      ['2025-03-07 18:45', 500, 100],
      ['2025-03-07 19:00', 1000, 100],
    ]);
    expect(report.thresholds).toEqual([{ kind: 'day', date: '2025-03-07', energyWh: 12_500, thresholdWh: 12_000 }]);
    // Without the days before, no baseline: no alert.
    expect(alertsReport(await readBack(store, 'D3', friday.first, friday.last), friday, {}).abnormal).toEqual([]);
  });

  test('report of a consumption device: all of it, and the savings R$ 35.29 and R$ 4.44 a month', async () => {
    const report = consumptionReport(consumption, friday, tariff, { dayWh: 12_000 });
    expect(report.profile.totalWh).toBe(12_500);
    expect(report.peaks.peakDemand?.demandW).toBe(4000);
    expect(report.tou.breakdown.total.costCentavos).toBe(875);
    expect(report.alerts.abnormal).toHaveLength(5);
    expect(report.recommendations.map(({ savingCentavosPerMonth }) => savingCentavosPerMonth)).toEqual([3529, 444]);
  });

  test('report of a production device: 1.000 kWh a day, its performance ratio, a maintenance alert, 0.1155 kg CO₂', async () => {
    const period = periodOf('2025-03-07', '2025-03-09');
    const readings = await readBack(store, 'D1', period.first, period.last);
    const report = productionReport('D1', readings, period, { capacityW: 4_000, clouds: 0, site: RIO_DE_JANEIRO });
    expect(report.totalWh).toBe(3_000);
    expect(report.days.map(({ date, energyWh }) => [date, energyWh])).toEqual([
      ['2025-03-07', 1000],
      ['2025-03-08', 1000],
      ['2025-03-09', 1000],
    ]);
    for (const { energyWh, sunHours, performanceRatio, expectedWh } of report.days) {
      // energy / (capacity × sun hours); a clear March day in Rio has about 7 peak sun hours.
      expect(performanceRatio).toBeCloseTo(energyWh / (4_000 * sunHours!), 12);
      expect(sunHours).toBeGreaterThan(6.5);
      expect(sunHours).toBeLessThan(7.5);
      expect(expectedWh).toBeGreaterThan(20_000);
    }
    expect(report.maintenance).toEqual([
      { plantId: 'D1', from: '2025-03-07', to: '2025-03-09', days: 3, energyWh: 3_000, expectedWh: report.days.reduce((sum, day) => sum + day.expectedWh!, 0) },
    ]);
    expect(report.carbon).toEqual({ energyWh: 3_000, factorKgPerKWh: 0.0385, offsetKg: expect.closeTo(0.1155, 10) });
    expect(report.clearSky).toBe(true);
  });
});

describe('inputs', () => {
  test('a tariff file: prices required, the rest tariff.ts defaults; refusals name the file', () => {
    expect(parseTariff(JSON.stringify(tariff), 't.json')).toEqual(tariff);
    expect(parseTariff('{"prices": {"ponta": 1, "intermediario": 0.5, "foraPonta": 0.25}, "holidays": ["2025-11-20"], "pontaStartMinutes": 1050}', 't.json')).toEqual({
      prices: { ponta: 1, intermediario: 0.5, foraPonta: 0.25 },
      holidays: ['2025-11-20'],
      pontaStartMinutes: 1050,
    });
    const refusal = (text: string): string => {
      try {
        parseTariff(text, 't.json');
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);

        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal('{')).toMatch(/^--tariff t\.json: not JSON/);
    expect(refusal('{"prices": {"ponta": 1, "intermediario": 0.5}}')).toBe('--tariff t.json: "prices" gives R$/kWh for ponta, intermediario, foraPonta.');
    expect(refusal('{"prices": {"ponta": 1, "intermediario": 0.5, "foraPonta": 0.25}, "holiday": []}')).toBe(
      '--tariff t.json: unknown key "holiday" (the keys are prices, holidays, pontaStartMinutes).',
    );
    expect(refusal('{"prices": {"ponta": -1, "intermediario": 0.5, "foraPonta": 0.25}}')).toBe('--tariff t.json: A price is R$/kWh, 0 or more, to at most 6 decimals: -1.');
    expect(refusal('{"prices": {"ponta": 1, "intermediario": 0.5, "foraPonta": 0.25}, "pontaStartMinutes": 1385}')).toMatch(/^--tariff t\.json: pontaStartMinutes is on a quarter hour/);
  });

  test('a weather file, JSON or CSV, local hours', () => {
    const hours = [
      { interval: at(FRI, 10), cloudCover: 0.35 },
      { interval: at(FRI, 11), cloudCover: 1 },
    ];
    expect(parseWeather('[{"time": "2025-03-07 10:00", "cloudCover": 0.35}, {"time": "2025-03-07T11:00", "cloudCover": 1}]', 'w.json')).toEqual(hours);
    expect(parseWeather('time,cloudCover\n2025-03-07 10:00,0.35\n\n2025-03-07 11:00,1\n', 'w.csv')).toEqual(hours);
    expect(() => parseWeather('time,cloudCover\n2025-03-07 10:30,0.35', 'w.csv')).toThrow('--weather w.csv, line 2: "2025-03-07 10:30" is no local hour (2026-12-01 10:00).');
    expect(() => parseWeather('time,cloudCover\n2025-03-07 10:00,lots', 'w.csv')).toThrow('--weather w.csv, line 2: the cloud cover "lots" is no number.');
    expect(() => parseWeather('time,cloudCover\n2025-03-07 10:00,1.2', 'w.csv')).toThrow('--weather w.csv: A cloud cover is 0 to 1: 1.2 at 2025-03-07 10:00.');
    expect(() => parseWeather('hour;cover', 'w.csv')).toThrow('neither a JSON list nor a CSV');
    expect(() => parseWeather('time,cloudCover\n', 'w.csv')).toThrow('--weather w.csv gives no hour.');
  });
});

describe('the commands, on a store in a folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-analytics-'));
  const database = path.join(dir, 'gateway');
  const tariffFile = path.join(dir, 'tariff.json');
  const weatherFile = path.join(dir, 'weather.csv');
  let out = '';

  /** Runs `mtemsm ARGS --database …`, returning what it printed. */
  const mtemsm = async (...args: string[]): Promise<string> => {
    out = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      out += String(chunk);

      return true;
    });
    try {
      expect(await main([...args, '--database', database])).toBe(0);
    } finally {
      write.mockRestore();
    }

    return out;
  };
  const json = async (...args: string[]): Promise<any> => JSON.parse(await mtemsm(...args, '--json'));
  const refused = async (...args: string[]): Promise<string> => {
    try {
      await main(args.includes('--database') ? args : [...args, '--database', database]);
    } catch (error) {
      expect(typeof (error as { exitCode?: unknown }).exitCode).toBe('number');

      return (error as Error).message;
    }
    throw new Error(`accepted: ${args.join(' ')}`);
  };
  const FRIDAY = ['--from', '2025-03-07', '--to', '2025-03-07'];

  beforeAll(async () => {
    const store = await Store.open(database);
    await fill(store);
    await store.close();
    fs.writeFileSync(tariffFile, JSON.stringify(tariff));
    // Friday and Saturday 05:00–19:59 at 0.2, the sun's hours; the nights left out.
    const hours = ['2025-03-07', '2025-03-08'].flatMap((date) => Array.from({ length: 15 }, (_, h) => `${date} ${String(5 + h).padStart(2, '0')}:00,0.2`));
    fs.writeFileSync(weatherFile, ['time,cloudCover', ...hours].join('\n'));
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('profile --json: the device, its kind, the period, the daily totals and the hourly profile', async () => {
    const report = await json('energy', 'profile', '--device', 'd3', ...FRIDAY);
    expect(Object.keys(report)).toEqual(['device', 'kind', 'from', 'to', 'totalWh', 'days', 'hours']);
    expect(report).toMatchObject({ device: 'D3', kind: 'consumption', from: '2025-03-07', to: '2025-03-07', totalWh: 12_500, days: [{ date: '2025-03-07', energyWh: 12_500, intervals: 96 }] });
    expect(report.hours[18]).toEqual({ hour: 18, totalWh: 2000, days: 1, meanWh: 2000 });
  }, 60_000);

  test('peaks and tou for people: kW and kWh to 3 decimals, R$ to 2, local times', async () => {
    const peaks = await mtemsm('energy', 'peaks', '--device', 'D3', ...FRIDAY, '--top', '2');
    expect(peaks).toContain('D3 (consumption), 2025-03-07 to 2025-03-07 (local time, America/Sao_Paulo):');
    expect(peaks).toContain('Peak demand 4.000 kW at 2025-03-07 19:00 (1.000 kWh in 15 minutes).');
    expect(peaks).toMatch(/2025-03-07 18:00 +0\.500 +2\.000\n$/);
    const tou = await mtemsm('energy', 'tou', '--device', 'D3', ...FRIDAY, '--tariff', tariffFile);
    expect(tou).toMatch(/ponta +3\.700 +1\.123456 +R\$ 4\.16/);
    expect(tou).toMatch(/total +12\.500 +R\$ 8\.75/);
  }, 60_000);

  test('tou, alerts and report --json', async () => {
    expect((await json('energy', 'tou', '--device', 'D3', ...FRIDAY, '--tariff', tariffFile)).breakdown.total).toEqual({ energyWh: 12_500, costCentavos: 875 });
    const alerts = await json('energy', 'alerts', '--device', 'D3', ...FRIDAY, '--threshold-kwh', '12', '--interval-threshold-kwh', '0.9');
    expect(alerts.baselineDays).toBe(7);
    expect(alerts.abnormal.map(({ start }: { start: string }) => start)).toEqual(['2025-03-07 18:00', '2025-03-07 18:15', '2025-03-07 18:30', '2025-03-07 18:45', '2025-03-07 19:00']);
    expect(alerts.thresholds).toEqual([
      { kind: 'interval', interval: at(FRI, 19), start: '2025-03-07 19:00', energyWh: 1000, thresholdWh: 900 },
      { kind: 'day', date: '2025-03-07', energyWh: 12_500, thresholdWh: 12_000 },
    ]);
    const report = await json('energy', 'report', '--device', 'D3', ...FRIDAY, '--tariff', tariffFile);
    expect(Object.keys(report)).toEqual(['device', 'kind', 'from', 'to', 'profile', 'peaks', 'tou', 'alerts', 'recommendations']);
    expect(report.recommendations.map(({ savingCentavosPerMonth }: { savingCentavosPerMonth: number }) => savingCentavosPerMonth)).toEqual([3529, 444]);
    const plant = await json('energy', 'report', '--device', 'D1', '--from', '2025-03-07', '--to', '2025-03-09', '--capacity', '4kWp');
    expect(Object.keys(plant)).toEqual(['device', 'kind', 'from', 'to', 'capacityW', 'site', 'clearSky', 'totalWh', 'days', 'maintenance', 'carbon']);
    expect(plant).toMatchObject({ kind: 'production', capacityW: 4000, totalWh: 3000, maintenance: [{ from: '2025-03-07', to: '2025-03-09', days: 3 }] });
  }, 60_000);

  test("forecast --json: 48 hours from the weather's first hour, its error where the store recorded the plant", async () => {
    const report = await json('energy', 'forecast', '--device', 'D1', '--capacity', '4kWp', '--weather', weatherFile);
    expect(report).toMatchObject({ device: 'D1', kind: 'production', capacityW: 4000, site: RIO_DE_JANEIRO, firstInterval: at(FRI, 5), start: '2025-03-07 05:00' });
    expect([report.hours.length, report.intervals.length]).toEqual([48, 192]);
    expect(report.hours[7]).toMatchObject({ start: '2025-03-07 12:00', cloudCover: 0.2, recordedWh: 1000 });
    expect(report.hours[15]).toMatchObject({ start: '2025-03-07 20:00', cloudCover: null, forecastWh: 0, recordedWh: null });
    // The store holds the plant's noons: Friday's and Saturday's are in the 48 hours, Sunday's is not.
    const forecastNoon = productionForecast(4000, at(FRI, 12), 0.2, RIO_DE_JANEIRO, 4).reduce((sum, { energyWh }) => sum + energyWh, 0);
    expect(report.hours[7].forecastWh).toBe(forecastNoon);
    expect(report.error).toMatchObject({ intervals: 8, recordedWh: 2000 });
    expect(report.totalWh).toBe(report.intervals.reduce((sum: number, { forecastWh }: { forecastWh: number }) => sum + forecastWh, 0));
  }, 60_000);

  test('refusals: one line naming what is wrong, nothing created', async () => {
    expect(await refused('energy', 'profile', '--device', 'D9', ...FRIDAY)).toBe("Unknown device D9: the gateway's store has no reading of it (devices are D1, D2, …).");
    expect(await refused('energy', 'profile', '--device', 'D3', '--from', '2025-02-30', '--to', '2025-03-07')).toBe('Bad --from: "2025-02-30" (a local date, YYYY-MM-DD).');
    expect(await refused('energy', 'profile', '--device', 'D3', '--from', '2025-03-08', '--to', '2025-03-07')).toBe('--from 2025-03-08 is after --to 2025-03-07.');
    expect(await refused('energy', 'profile', '--device', 'D3', '--from', '2025-03-07')).toBe('--to is required.');
    expect(await refused('energy', 'profile', '--device', 'D3', '--from', '2025-04-01', '--to', '2025-04-01')).toBe(
      'D3 has no readings from 2025-04-01 to 2025-04-01 in the store (its latest: 2025-03-07 23:45).',
    );
    expect(await refused('energy', 'tou', '--device', 'D3', ...FRIDAY, '--tariff', path.join(dir, 'none.json'))).toMatch(/^Cannot read --tariff .*none\.json: ENOENT/);
    expect(await refused('energy', 'tou', '--device', 'D1', ...FRIDAY, '--tariff', tariffFile)).toBe('D1 is a production device: the time-of-use cost is for consumption devices.');
    expect(await refused('energy', 'report', '--device', 'D3', ...FRIDAY)).toMatch(/^--tariff FILE\.json is required for D3, a consumption device/);
    expect(await refused('energy', 'report', '--device', 'D1', ...FRIDAY)).toMatch(/^--capacity is required for D1, a production device/);
    expect(await refused('energy', 'forecast', '--device', 'D1', '--capacity', '4kWp', '--weather', weatherFile, '--from', '2025-03-09')).toBe(
      `--weather ${weatherFile}: The weather has no cloud cover for 2025-03-09 06:00, and the sun is up then.`,
    );
    expect(await refused('energy', 'alerts', '--device', 'D3', ...FRIDAY, '--threshold-kwh', '1.0005')).toBe('Bad --threshold-kwh: "1.0005" (kWh to at most 3 decimals).');
    const nowhere = path.join(dir, 'nowhere');
    expect(await refused('energy', 'profile', '--device', 'D3', ...FRIDAY, '--database', nowhere)).toBe(
      `No gateway store at ${nowhere} ("mtemsm gateway" keeps its readings there; --database names another).`,
    );
    expect(fs.existsSync(nowhere)).toBe(false);
  }, 60_000);
});
