/**
 * Time of use with ANEEL's *tarifa branca* (white tariff), its cost, and the saving of
 * moving load out of the dear hours.
 *
 * Postos on working days (local time): `ponta` 18:00–20:59 by default (a utility may set
 * another 3-hour window: `pontaStartMinutes`), `intermediario` the hour before and the
 * hour after, `foraPonta` the rest. Saturdays, Sundays and holidays are all `foraPonta`.
 *
 * Money: prices are R$/kWh to at most 6 decimals, held as integer micro-reais per kWh.
 * Wh × µR$/kWh = 10⁻⁹ R$ = 10⁻⁷ centavo, summed exactly in bigint (a community's month
 * of Wh × a price in µR$ can pass 2^53). ROUNDING, once: each posto's total is rounded
 * half up to the centavo, `centavos = floor((Σ Wh·µR$ + 5·10⁶) / 10⁷)`, never each
 * interval; the total is the sum of the rounded postos, as a bill adds up its lines.
 */
import { checkedSeries, localDate, localDayNumber, localMinuteOfDay, localWeekday, option, Reading } from './common';

export const TOU_PERIODS = ['ponta', 'intermediario', 'foraPonta'] as const;
export type TouPeriod = (typeof TOU_PERIODS)[number];

export interface Tariff {
  /** R$ per kWh in each posto, at most 6 decimals. */
  readonly prices: Readonly<Record<TouPeriod, number>>;
  /**
   * Local dates (`YYYY-MM-DD`) billed all `foraPonta`. Omitted: ANEEL's list for every
   * year (brazilNationalHolidays). An empty list: weekends only.
   */
  readonly holidays?: readonly string[];
  /** Local start of `ponta` in minutes after midnight, on a quarter hour; 18:00 by default. */
  readonly pontaStartMinutes?: number;
}

export const DEFAULT_PONTA_START_MINUTES = 18 * 60;
const PONTA_MINUTES = 180;
const INTERMEDIARIO_MINUTES = 60;

/** Easter Sunday of a Gregorian year (the anonymous algorithm, Meeus/Jones/Butcher), as a UTC day number. */
const easterDay = (year: number): number => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;

  return Date.UTC(year, month - 1, day) / 86_400_000;
};

const isoOfDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The default holidays of a year: the days ANEEL's rule excepts from `ponta` besides
 * weekends (REN 414/2010 art. 2, kept by REN 1000/2021): 01-01, Carnival Tuesday, Good
 * Friday, 04-21, 05-01, Corpus Christi, 09-07, 10-12, 11-02, 11-15, 12-25. 11-20 (national
 * since Law 14.759/2023) is not in that list: add it with `holidays` if the utility does.
 */
export const brazilNationalHolidays = (year: number): string[] => {
  const easter = easterDay(year);
  const fixed = ['01-01', '04-21', '05-01', '09-07', '10-12', '11-02', '11-15', '12-25'].map((day) => `${year}-${day}`);
  const movable = [easter - 47, easter - 2, easter + 60].map(isoOfDay);

  return [...fixed, ...movable].sort();
};

const defaultHolidays = new Map<number, ReadonlySet<string>>();
const isDefaultHoliday = (date: string): boolean => {
  const year = Number(date.slice(0, 4));
  let set = defaultHolidays.get(year);
  if (set === undefined) {
    set = new Set(brazilNationalHolidays(year));
    defaultHolidays.set(year, set);
  }

  return set.has(date);
};

/** A function interval → posto, for one tariff (holidays looked up in a set). */
export const touClassifier = (tariff: Pick<Tariff, 'holidays' | 'pontaStartMinutes'> = {}): ((interval: number) => TouPeriod) => {
  const start = option(tariff.pontaStartMinutes, DEFAULT_PONTA_START_MINUTES, 'pontaStartMinutes', true);
  if (start % 15 !== 0 || start < INTERMEDIARIO_MINUTES || start + PONTA_MINUTES + INTERMEDIARIO_MINUTES > 24 * 60) {
    throw new Error(`pontaStartMinutes is on a quarter hour, with an hour of intermediario either side within the day: ${start}.`);
  }
  const holidays = tariff.holidays === undefined ? undefined : new Set(tariff.holidays);
  const isHoliday = (date: string): boolean => (holidays === undefined ? isDefaultHoliday(date) : holidays.has(date));

  // Whether a local day is all foraPonta, once a day rather than once an interval.
  const offDays = new Map<number, boolean>();
  const isOffDay = (interval: number): boolean => {
    const day = localDayNumber(interval);
    let off = offDays.get(day);
    if (off === undefined) {
      const weekday = localWeekday(interval);
      off = weekday === 0 || weekday === 6 || isHoliday(localDate(interval));
      offDays.set(day, off);
    }

    return off;
  };

  return (interval) => {
    if (isOffDay(interval)) {
      return 'foraPonta';
    }
    const minute = localMinuteOfDay(interval);
    if (minute >= start && minute < start + PONTA_MINUTES) {
      return 'ponta';
    }
    if (minute >= start - INTERMEDIARIO_MINUTES && minute < start + PONTA_MINUTES + INTERMEDIARIO_MINUTES) {
      return 'intermediario';
    }

    return 'foraPonta';
  };
};

/** The posto of one interval. */
export const touPeriodOf = (interval: number, tariff: Pick<Tariff, 'holidays' | 'pontaStartMinutes'> = {}): TouPeriod => touClassifier(tariff)(interval);

/** R$/kWh as integer micro-reais per kWh; more than 6 decimals is refused rather than silently rounded. */
export const priceMicroReais = (reaisPerKWh: number): bigint => {
  const micro = Math.round(reaisPerKWh * 1e6);
  if (!Number.isFinite(reaisPerKWh) || reaisPerKWh < 0 || Math.abs(reaisPerKWh * 1e6 - micro) > 1e-6 * Math.max(1, micro)) {
    throw new Error(`A price is R$/kWh, 0 or more, to at most 6 decimals: ${reaisPerKWh}.`);
  }

  return BigInt(micro);
};

/** Non-negative numerator / denominator rounded half up. */
export const roundHalfUp = (numerator: bigint, denominator: bigint): bigint => (2n * numerator + denominator) / (2n * denominator);

/** 10⁷ (Wh × µR$/kWh) make a centavo. */
const WH_MICRO_PER_CENTAVO = 10_000_000n;

export interface TouLine {
  readonly energyWh: number;
  readonly costCentavos: number;
}

export interface TouBreakdown extends Readonly<Record<TouPeriod, TouLine>> {
  readonly total: TouLine;
}

/** Energy and cost per posto (rounding: see the top of this file). */
export const touBreakdown = (readings: readonly Reading[], tariff: Tariff): TouBreakdown => {
  const classify = touClassifier(tariff);
  const energy: Record<TouPeriod, number> = { ponta: 0, intermediario: 0, foraPonta: 0 };
  for (const { interval, energyWh } of checkedSeries(readings)) {
    energy[classify(interval)] += energyWh;
  }
  const line = (period: TouPeriod): TouLine => ({
    energyWh: energy[period],
    costCentavos: Number(roundHalfUp(BigInt(energy[period]) * priceMicroReais(tariff.prices[period]), WH_MICRO_PER_CENTAVO)),
  });
  const [ponta, intermediario, foraPonta] = TOU_PERIODS.map(line);

  return {
    ponta,
    intermediario,
    foraPonta,
    total: {
      energyWh: ponta.energyWh + intermediario.energyWh + foraPonta.energyWh,
      costCentavos: ponta.costCentavos + intermediario.costCentavos + foraPonta.costCentavos,
    },
  };
};

/** `R$ 13.35` from integer centavos. */
export const formatReais = (centavos: number): string =>
  `${centavos < 0 ? '-' : ''}R$ ${Math.floor(Math.abs(centavos) / 100)}.${String(Math.abs(centavos) % 100).padStart(2, '0')}`;

export interface Recommendation {
  readonly text: string;
  /** Integer centavos a month (rounded half up once). */
  readonly savingCentavosPerMonth: number;
}

export interface RecommendationOptions {
  /** The share (%) of a posto's energy taken as movable (washing, water heating, charging); 50 by default, a guess. */
  readonly shiftPercent?: number;
  /** A month, for scaling the period's energy; 30 days by default. */
  readonly daysPerMonth?: number;
}

/**
 * Moving load from `ponta` (and from `intermediario`) into the solar hours 10:00–15:00
 * (`foraPonta`, when the group's plants produce): saving = (posto price − foraPonta price)
 * × shifted kWh a month, with a month's energy = the period's × daysPerMonth / the local
 * days that have readings. Only savings above zero, largest first.
 */
export const recommendations = (readings: readonly Reading[], tariff: Tariff, options: RecommendationOptions = {}): Recommendation[] => {
  const shiftPercent = option(options.shiftPercent, 50, 'shiftPercent', true);
  const daysPerMonth = option(options.daysPerMonth, 30, 'daysPerMonth', true);
  const series = checkedSeries(readings);
  const days = new Set(series.map(({ interval }) => localDayNumber(interval))).size;
  if (days === 0 || shiftPercent === 0) {
    return [];
  }
  const breakdown = touBreakdown(series, tariff);
  const offPeak = priceMicroReais(tariff.prices.foraPonta);
  const windows: Record<'ponta' | 'intermediario', string> = {
    ponta: 'ponta (the 3 dearest hours of working days)',
    intermediario: 'intermediario (the hour either side of ponta)',
  };

  return (['ponta', 'intermediario'] as const)
    .map((period) => {
      const difference = priceMicroReais(tariff.prices[period]) - offPeak;
      const shiftedWh = BigInt(breakdown[period].energyWh) * BigInt(shiftPercent) * BigInt(daysPerMonth);
      const denominator = BigInt(days) * 100n;
      const saving = difference > 0n ? Number(roundHalfUp(shiftedWh * difference, denominator * WH_MICRO_PER_CENTAVO)) : 0;
      const kWh = (Number(shiftedWh) / Number(denominator) / 1000).toFixed(1);

      return {
        text: `Move ${shiftPercent}% of your ${windows[period]} use, about ${kWh} kWh a month, into the solar hours 10:00–15:00: saves about ${formatReais(saving)} a month.`,
        savingCentavosPerMonth: saving,
      };
    })
    .filter(({ savingCentavosPerMonth }) => savingCentavosPerMonth > 0)
    .sort((a, b) => b.savingCentavosPerMonth - a.savingCentavosPerMonth);
};
