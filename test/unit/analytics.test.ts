/**
 * src/analytics on a small fixed data set, every expected figure worked out by hand below.
 *
 * Consumption, two local days (America/Sao_Paulo = UTC−3):
 *   Friday 2025-03-07 00:00 local = 03:00 UTC = unix 1741316400 → interval 1934796 (FRI).
 *   Saturday 2025-03-08 00:00 local → interval 1934892 (SAT = FRI + 96).
 * Every interval 100 Wh except:
 *   Friday   17:00–17:59 (4 intervals, intermediário) 200 Wh each
 *   Friday   18:00–18:59 (4 intervals, ponta)         500 Wh each
 *   Saturday 18:00–18:59 (4 intervals, weekend)       500 Wh each
 *   Saturday 19:00       (1 interval, the spike)     1000 Wh
 * Friday   = 88·100 + 4·200 + 4·500         = 11,600 Wh
 * Saturday = 91·100 + 4·500 + 1000          = 12,100 Wh   (total 23,700 Wh)
 */
import {
  abnormalUsage,
  brazilNationalHolidays,
  carbonOffsetKg,
  dailyPerformance,
  dailyProfile,
  demandW,
  firstIntervalOfDate,
  forecastError,
  formatReais,
  hourlyProfile,
  localDate,
  localHour,
  localWeekday,
  LOCAL_TIME_ZONE,
  LOCAL_UTC_OFFSET_SECONDS,
  maintenanceAlerts,
  peakDemand,
  peakIntervals,
  Plant,
  priceMicroReais,
  productionTotals,
  Reading,
  recommendations,
  SIN_EMISSION_FACTOR_KG_PER_KWH,
  sunHoursFromIrradiance,
  Tariff,
  thresholdAlerts,
  touBreakdown,
  touPeriodOf,
} from '../../src/analytics';

const FRI = 1934796;
const SAT = FRI + 96;
/** The interval of a local hour:minute on the day starting at `day`. */
const at = (day: number, hour: number, minute = 0): number => day + hour * 4 + minute / 15;

const special = new Map<number, number>([
  ...[0, 1, 2, 3].map((q) => [at(FRI, 17) + q, 200] as const),
  ...[0, 1, 2, 3].map((q) => [at(FRI, 18) + q, 500] as const),
  ...[0, 1, 2, 3].map((q) => [at(SAT, 18) + q, 500] as const),
  [at(SAT, 19), 1000],
]);
const twoDays: Reading[] = Array.from({ length: 192 }, (_, index) => ({ interval: FRI + index, energyWh: special.get(FRI + index) ?? 100 }));

/** Prices with 6 decimals, so that rounding shows. */
const tariff: Tariff = { prices: { ponta: 1.123456, intermediario: 0.734567, foraPonta: 0.487655 } };

describe('local time', () => {
  test('a fixed UTC−3: the interval numbers of the data set, and weekdays', () => {
    expect(LOCAL_UTC_OFFSET_SECONDS).toBe(-10800);
    expect(FRI).toBe(Date.UTC(2025, 2, 7, 3) / 900_000);
    expect(firstIntervalOfDate('2025-03-07')).toBe(FRI);
    expect([localDate(FRI), localHour(FRI), localWeekday(FRI)]).toEqual(['2025-03-07', 0, 5]);
    expect([localDate(SAT - 1), localHour(SAT - 1)]).toEqual(['2025-03-07', 23]);
    expect([localDate(SAT), localWeekday(SAT)]).toEqual(['2025-03-08', 6]);
  });

  test('agrees with the America/Sao_Paulo zone from 2019-11 on (no daylight saving since)', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    const start = Date.UTC(2019, 10, 1) / 900_000;
    const end = Date.UTC(2027, 0, 1) / 900_000;
    for (let interval = start; interval < end; interval += 29 * 4 + 1) {
      const parts = Object.fromEntries(format.formatToParts(new Date(interval * 900_000)).map((part) => [part.type, part.value]));
      expect(`${localDate(interval)} ${localHour(interval)}`).toBe(`${parts.year}-${parts.month}-${parts.day} ${Number(parts.hour)}`);
    }
  });
});

describe('consumption profiles and peaks', () => {
  test('daily profile: Wh per local day', () => {
    expect(dailyProfile(twoDays)).toEqual([
      { date: '2025-03-07', energyWh: 11600, intervals: 96 },
      { date: '2025-03-08', energyWh: 12100, intervals: 96 },
    ]);
  });

  test('hourly profile: mean Wh per local hour over the two days', () => {
    const hours = hourlyProfile(twoDays);
    expect(hours).toHaveLength(24);
    // Hour 0: 400 Wh each day → mean 400.
    expect(hours[0]).toEqual({ hour: 0, totalWh: 800, days: 2, meanWh: 400 });
    // Hour 17: Friday 4·200 = 800, Saturday 400 → 1200 / 2 = 600.
    expect(hours[17]).toEqual({ hour: 17, totalWh: 1200, days: 2, meanWh: 600 });
    // Hour 18: 2000 both days → 2000.
    expect(hours[18].meanWh).toBe(2000);
    // Hour 19: Friday 400, Saturday 1000 + 3·100 = 1300 → 1700 / 2 = 850.
    expect(hours[19]).toEqual({ hour: 19, totalWh: 1700, days: 2, meanWh: 850 });
    expect(hours.reduce((sum, { totalWh }) => sum + totalWh, 0)).toBe(23700);
  });

  test('peaks: largest first, ties to the earlier interval; demand W = Wh × 4', () => {
    expect(peakIntervals(twoDays, 3)).toEqual([
      { interval: at(SAT, 19), energyWh: 1000, demandW: 4000 },
      { interval: at(FRI, 18), energyWh: 500, demandW: 2000 },
      { interval: at(FRI, 18, 15), energyWh: 500, demandW: 2000 },
    ]);
    expect(peakDemand(twoDays)).toEqual({ interval: at(SAT, 19), energyWh: 1000, demandW: 4000 });
    expect(demandW(250)).toBe(1000);
  });
});

describe('tarifa branca', () => {
  test('postos on a Friday, all foraPonta on a Saturday and on a holiday', () => {
    expect(touPeriodOf(at(FRI, 16, 45))).toBe('foraPonta');
    expect(touPeriodOf(at(FRI, 17))).toBe('intermediario');
    expect(touPeriodOf(at(FRI, 18))).toBe('ponta');
    expect(touPeriodOf(at(FRI, 20, 45))).toBe('ponta');
    expect(touPeriodOf(at(FRI, 21))).toBe('intermediario');
    expect(touPeriodOf(at(FRI, 21, 45))).toBe('intermediario');
    expect(touPeriodOf(at(FRI, 22))).toBe('foraPonta');
    expect(touPeriodOf(at(SAT, 18))).toBe('foraPonta');
    // Monday 2025-04-21, Tiradentes: a holiday by default, a working day with an empty list.
    const tiradentes = at(firstIntervalOfDate('2025-04-21'), 18);
    expect(localWeekday(tiradentes)).toBe(1);
    expect(touPeriodOf(tiradentes)).toBe('foraPonta');
    expect(touPeriodOf(tiradentes, { holidays: [] })).toBe('ponta');
    expect(touPeriodOf(at(FRI, 18), { holidays: ['2025-03-07'] })).toBe('foraPonta');
  });

  test("a utility's other window: ponta 17:30–20:29", () => {
    const light = { pontaStartMinutes: 17 * 60 + 30 };
    expect(touPeriodOf(at(FRI, 16, 15), light)).toBe('foraPonta');
    expect(touPeriodOf(at(FRI, 16, 30), light)).toBe('intermediario');
    expect(touPeriodOf(at(FRI, 17, 30), light)).toBe('ponta');
    expect(touPeriodOf(at(FRI, 20, 30), light)).toBe('intermediario');
    expect(touPeriodOf(at(FRI, 21, 30), light)).toBe('foraPonta');
    expect(() => touPeriodOf(FRI, { pontaStartMinutes: 18 * 60 + 5 })).toThrow('quarter hour');
  });

  test("the default holidays: ANEEL's list with Easter's movable days", () => {
    // Easter 2025 is 04-20: Carnival Tuesday 03-04 (−47), Good Friday 04-18 (−2), Corpus Christi 06-19 (+60).
    expect(brazilNationalHolidays(2025)).toEqual([
      '2025-01-01', '2025-03-04', '2025-04-18', '2025-04-21', '2025-05-01', '2025-06-19',
      '2025-09-07', '2025-10-12', '2025-11-02', '2025-11-15', '2025-12-25',
    ]);
    // Easter 2026 is 04-05: 02-17, 04-03, 06-04.
    expect(brazilNationalHolidays(2026)).toEqual(expect.arrayContaining(['2026-02-17', '2026-04-03', '2026-06-04']));
  });

  test('breakdown and cost of the two days, each posto rounded half up once', () => {
    // Friday: ponta 18–21 h = 4·500 + 8·100 = 2800 Wh; intermediário 17 h 4·200 + 21 h 4·100 = 1200 Wh;
    // foraPonta 76·100 = 7600 Wh. Saturday: all 12,100 Wh foraPonta → 19,700 Wh.
    // ponta         2.8 kWh × 1.123456 = R$ 3.1456768 → 315 centavos
    // intermediário 1.2 kWh × 0.734567 = R$ 0.8814804 →  88 centavos
    // foraPonta    19.7 kWh × 0.487655 = R$ 9.6068035 → 961 centavos; total 1364.
    expect(touBreakdown(twoDays, tariff)).toEqual({
      ponta: { energyWh: 2800, costCentavos: 315 },
      intermediario: { energyWh: 1200, costCentavos: 88 },
      foraPonta: { energyWh: 19700, costCentavos: 961 },
      total: { energyWh: 23700, costCentavos: 1364 },
    });
    expect(formatReais(1364)).toBe('R$ 13.64');
    expect(formatReais(5)).toBe('R$ 0.05');
  });

  test('rounding once per total, not per interval', () => {
    const flat: Tariff = { prices: { ponta: 1, intermediario: 1, foraPonta: 1 } };
    // 3 × 5 Wh at R$ 1/kWh = 1.5 centavos → 2 (per interval 0.5 → 1 each would make 3).
    const three = [0, 1, 2].map((q) => ({ interval: SAT + q, energyWh: 5 }));
    expect(touBreakdown(three, flat).foraPonta.costCentavos).toBe(2);
    // 14 Wh = 1.4 centavos → 1.
    expect(touBreakdown([{ interval: SAT, energyWh: 14 }], flat).total.costCentavos).toBe(1);
    expect(priceMicroReais(0.58932)).toBe(589320n);
    expect(() => priceMicroReais(0.1234567)).toThrow('6 decimals');
    expect(() => priceMicroReais(-1)).toThrow();
  });
});

describe('alerts', () => {
  test("abnormal usage: Saturday 19:00 against Friday's 19 h (defaults: median of 7 days, × 3, > 250 Wh)", () => {
    // Saturday 19:00: 1000 > 3 × median(100,100,100,100) = 300 and > 250 → an alert.
    // Saturday 18 h: 500 against Friday's 500 → none. Friday has no earlier day → none.
    expect(abnormalUsage(twoDays)).toEqual([{ interval: at(SAT, 19), date: '2025-03-08', hour: 19, energyWh: 1000, baselineWh: 100 }]);
    expect(abnormalUsage(twoDays, { statistic: 'mean' })).toHaveLength(1);
    // 1000 is not above 10 × 100, nor above 1000 Wh (strict).
    expect(abnormalUsage(twoDays, { factor: 10 })).toEqual([]);
    expect(abnormalUsage(twoDays, { minWh: 1000 })).toEqual([]);
    expect(abnormalUsage(twoDays, { baselineDays: 0 })).toEqual([]);
  });

  test('median against mean: one earlier spike lifts the mean only', () => {
    // Hour 0 of three days: day 1 100,100,100,2000; day 2 all 100; day 3 the first quarter 600.
    // Baseline for day 3 = 8 samples: median 100 → 600 > 300, alert; mean (700+2000+300... ) = 2700/8 = 337.5 → 600 < 1012.5, none.
    const day = (d: number, values: number[]): Reading[] => values.map((energyWh, q) => ({ interval: FRI + 96 * d + q, energyWh }));
    const readings = [...day(0, [100, 100, 100, 2000]), ...day(1, [100, 100, 100, 100]), ...day(2, [600])];
    expect(abnormalUsage(readings).map(({ interval, baselineWh }) => [interval, baselineWh])).toEqual([[FRI + 192, 100]]);
    expect(abnormalUsage(readings, { statistic: 'mean' })).toEqual([]);
  });

  test("member's thresholds: an interval above 600 Wh, a day above 12,000 Wh", () => {
    expect(thresholdAlerts(twoDays, { intervalWh: 600, dayWh: 12000 })).toEqual([
      { kind: 'interval', interval: at(SAT, 19), energyWh: 1000, thresholdWh: 600 },
      { kind: 'day', date: '2025-03-08', energyWh: 12100, thresholdWh: 12000 },
    ]);
    // Strictly above: a threshold equal to the value is not passed.
    expect(thresholdAlerts(twoDays, { intervalWh: 1000, dayWh: 12100 })).toEqual([]);
    expect(thresholdAlerts(twoDays, {})).toEqual([]);
  });
});

describe('recommendations', () => {
  test('moving half of ponta and intermediário into the solar hours', () => {
    // 2 days → a 30-day month is × 15. ponta 2800 Wh × 15 × 50% = 21 kWh a month;
    // (1.123456 − 0.487655) = 0.635801 R$/kWh × 21 = R$ 13.351821 → 1335 centavos.
    // intermediário 1200 × 15 × 50% = 9 kWh × (0.734567 − 0.487655 = 0.246912) = R$ 2.222208 → 222.
    const list = recommendations(twoDays, tariff);
    expect(list.map(({ savingCentavosPerMonth }) => savingCentavosPerMonth)).toEqual([1335, 222]);
    expect(list[0].text).toContain('ponta');
    expect(list[0].text).toContain('21.0 kWh');
    expect(list[0].text).toContain('R$ 13.35');
    expect(list[1].text).toContain('9.0 kWh');
    // All of it: 42 kWh × 0.635801 = R$ 26.703642 → 2670.
    expect(recommendations(twoDays, tariff, { shiftPercent: 100 })[0].savingCentavosPerMonth).toBe(2670);
    // No difference in price, no saving to recommend.
    expect(recommendations(twoDays, { prices: { ponta: 0.5, intermediario: 0.5, foraPonta: 0.5 } })).toEqual([]);
  });
});

describe('production', () => {
  const days = ['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10'];
  /** A day's energy over 20 intervals from 10:00, the remainder on the first. */
  const spread = (date: string, totalWh: number): Reading[] =>
    Array.from({ length: 20 }, (_, q) => ({
      interval: at(firstIntervalOfDate(date), 10) + q,
      energyWh: Math.floor(totalWh / 20) + (q === 0 ? totalWh % 20 : 0),
    }));
  const plant = (id: string, source: Plant['source'], capacityW: number, daily: number[]): Plant => ({
    id,
    source,
    capacityW,
    readings: daily.flatMap((wh, index) => spread(days[index], wh)),
  });
  // pv1 10 kW, expected 45,000 Wh a day (80% = 36,000): 44,000 ok, then 30,000, 35,999, 20,000 under → 3 days.
  const pv1 = plant('pv1', 'solar', 10000, [44000, 30000, 35999, 20000]);
  // pv2 5 kW, expected 22,500 (80% = 18,000): 18,000 is not under (exactly 80%), 17,000 and 16,000 are, 20,000 not → 2 days.
  const pv2 = plant('pv2', 'solar', 5000, [18000, 17000, 16000, 20000]);
  const wind1: Plant = { id: 'wind1', source: 'wind', capacityW: 2000, readings: [{ interval: FRI, energyWh: 500 }] };

  test('totals per plant and per source; carbon offset at the SIN factor', () => {
    // pv1 129,999; pv2 71,000; wind1 500 → solar 200,999, total 201,499 Wh.
    const totals = productionTotals([pv1, pv2, wind1]);
    expect(totals.plants.map(({ id, energyWh }) => [id, energyWh])).toEqual([
      ['pv1', 129999],
      ['pv2', 71000],
      ['wind1', 500],
    ]);
    expect(totals.sources).toEqual({ solar: 200999, wind: 500, hydro: 0, biomass: 0, other: 0 });
    expect(totals.totalWh).toBe(201499);
    // 201.499 kWh × 0.0385 kg/kWh = 7.7577115 kg.
    expect(SIN_EMISSION_FACTOR_KG_PER_KWH).toBe(0.0385);
    expect(carbonOffsetKg(totals.totalWh)).toBeCloseTo(7.7577115, 9);
    expect(carbonOffsetKg(1000, 0.1)).toBeCloseTo(0.1, 12);
    expect(() => productionTotals([pv1, pv1])).toThrow('twice');
  });

  test('performance ratio from peak sun hours, or from irradiance', () => {
    // 5 h: 44,000 / (10,000 × 5) = 0.88; 0.6; 0.71998; 0.4.
    expect(dailyPerformance(pv1, 5).map(({ performanceRatio }) => performanceRatio)).toEqual([0.88, 0.6, 0.71998, 0.4]);
    // 22 intervals at 1000 W/m² = 22 × 0.25 h = 5.5 h on 03-07 → 44,000 / 55,000 = 0.8; other days have none.
    // 03-08: 4 × 1000 + 4 × 500 W/m² → 1 + 0.5 = 1.5 h.
    const irradiance = [
      ...Array.from({ length: 22 }, (_, q) => ({ interval: at(FRI, 9) + q, irradianceWm2: 1000 })),
      ...Array.from({ length: 8 }, (_, q) => ({ interval: at(SAT, 11) + q, irradianceWm2: q < 4 ? 1000 : 500 })),
    ];
    const hours = sunHoursFromIrradiance(irradiance);
    expect(hours).toEqual({ '2025-03-07': 5.5, '2025-03-08': 1.5 });
    const performance = dailyPerformance(pv1, { '2025-03-07': hours['2025-03-07'] });
    expect(performance[0]).toEqual({ date: '2025-03-07', energyWh: 44000, sunHours: 5.5, performanceRatio: 0.8 });
    expect(performance[1]).toEqual({ date: '2025-03-08', energyWh: 30000, sunHours: null, performanceRatio: null });
  });

  test('three consecutive days under 80% of the expected yield → one maintenance alert', () => {
    const expected = (wh: number): Record<string, number> => Object.fromEntries(days.map((date) => [date, wh]));
    expect(maintenanceAlerts(pv1, expected(45000))).toEqual([
      { plantId: 'pv1', from: '2025-03-08', to: '2025-03-10', days: 3, energyWh: 85999, expectedWh: 135000 },
    ]);
    expect(maintenanceAlerts(pv2, expected(22500))).toEqual([]);
    expect(maintenanceAlerts(pv2, expected(22500), { days: 2 }).map(({ from, to }) => [from, to])).toEqual([['2025-03-08', '2025-03-09']]);
    // A day without readings counts 0 Wh: wind1 made 500 of 600 on 03-07 (≥ 480, fine), nothing from 03-08 on.
    expect(maintenanceAlerts(wind1, expected(600)).map(({ from, to, days: n }) => [from, to, n])).toEqual([['2025-03-08', '2025-03-10', 3]]);
    // A gap in the dates given breaks the run.
    const gapped = expected(45000);
    delete gapped['2025-03-09'];
    expect(maintenanceAlerts(pv1, gapped)).toEqual([]);
  });
});

describe('forecast error', () => {
  test('MAE, RMSE and the total over the common intervals only', () => {
    // Common: 0, 1, 2 (forecast − recorded: −10, +20, 0); 3 and 4 are in one series only.
    // MAE 30/3 = 10; RMSE √(500/3) = 12.9099…; totals 600 against 590: +10 Wh, +1.6949…%.
    const forecast = [100, 200, 300, undefined, 50].flatMap((energyWh, q) => (energyWh === undefined ? [] : [{ interval: FRI + q, energyWh }]));
    const recorded = [110, 180, 300, 70].map((energyWh, q) => ({ interval: FRI + q, energyWh }));
    const error = forecastError(forecast, recorded);
    expect(error).toMatchObject({ intervals: 3, maeWh: 10, forecastWh: 600, recordedWh: 590, totalErrorWh: 10 });
    expect(error.rmseWh).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(error.totalErrorPercent).toBeCloseTo((10 / 590) * 100, 12);
  });
});

describe('edge cases', () => {
  test('empty input', () => {
    expect(dailyProfile([])).toEqual([]);
    expect(hourlyProfile([]).every(({ totalWh, days, meanWh }) => totalWh === 0 && days === 0 && meanWh === 0)).toBe(true);
    expect(peakIntervals([])).toEqual([]);
    expect(peakDemand([])).toBeNull();
    expect(touBreakdown([], tariff).total).toEqual({ energyWh: 0, costCentavos: 0 });
    expect(abnormalUsage([])).toEqual([]);
    expect(thresholdAlerts([], { intervalWh: 0, dayWh: 0 })).toEqual([]);
    expect(recommendations([], tariff)).toEqual([]);
    expect(productionTotals([])).toEqual({ plants: [], sources: { solar: 0, wind: 0, hydro: 0, biomass: 0, other: 0 }, totalWh: 0 });
    expect(forecastError([], [])).toEqual({ intervals: 0, maeWh: null, rmseWh: null, forecastWh: 0, recordedWh: 0, totalErrorWh: 0, totalErrorPercent: null });
    expect(carbonOffsetKg(0)).toBe(0);
  });

  test('a single reading: Friday 18:00, 500 Wh', () => {
    const one = [{ interval: at(FRI, 18), energyWh: 500 }];
    expect(dailyProfile(one)).toEqual([{ date: '2025-03-07', energyWh: 500, intervals: 1 }]);
    expect(hourlyProfile(one)[18]).toEqual({ hour: 18, totalWh: 500, days: 1, meanWh: 500 });
    expect(peakDemand(one)).toEqual({ interval: at(FRI, 18), energyWh: 500, demandW: 2000 });
    // 0.5 kWh × 1.123456 = R$ 0.561728 → 56 centavos.
    expect(touBreakdown(one, tariff).ponta).toEqual({ energyWh: 500, costCentavos: 56 });
    expect(abnormalUsage(one)).toEqual([]);
    // One day → × 30: 500 × 30 × 50% = 7.5 kWh × 0.635801 = R$ 4.7685075 → 477; no intermediário.
    expect(recommendations(one, tariff).map(({ savingCentavosPerMonth }) => savingCentavosPerMonth)).toEqual([477]);
    expect(forecastError(one, one)).toMatchObject({ intervals: 1, maeWh: 0, rmseWh: 0, totalErrorPercent: 0 });
    // Recorded 0: the percentage has no meaning.
    expect(forecastError(one, [{ interval: at(FRI, 18), energyWh: 0 }]).totalErrorPercent).toBeNull();
  });

  test('bad input is refused with a reason', () => {
    expect(() => dailyProfile([{ interval: FRI, energyWh: 1.5 }])).toThrow('integer number of Wh');
    expect(() => dailyProfile([{ interval: FRI, energyWh: -1 }])).toThrow('integer number of Wh');
    expect(() => dailyProfile([{ interval: 0.5, energyWh: 1 }])).toThrow('interval');
    expect(() => touBreakdown([{ interval: FRI, energyWh: 1 }, { interval: FRI, energyWh: 2 }], tariff)).toThrow('two readings');
    expect(() => abnormalUsage(twoDays, { factor: -1 })).toThrow('factor');
    expect(() => productionTotals([{ id: 'x', source: 'coal' as Plant['source'], capacityW: 1, readings: [] }])).toThrow('unknown source');
  });
});
