/**
 * Production per plant and source, performance ratio, underperformance → maintenance
 * alerts, and the carbon the production offsets.
 */
import { SOURCES } from '../domain/energy';
import { checkedSeries, dayNumberOfDate, INTERVALS_PER_HOUR, localDate, option, Reading } from './common';
import { dailyProfile } from './consumption';

export type Source = (typeof SOURCES)[number];

export interface Plant {
  readonly id: string;
  readonly source: Source;
  readonly capacityW: number;
  readonly readings: readonly Reading[];
}

export interface PlantTotal {
  readonly id: string;
  readonly source: Source;
  readonly capacityW: number;
  readonly energyWh: number;
}

export interface ProductionTotals {
  readonly plants: PlantTotal[];
  /** Wh by source, every source of SOURCES present (0 when none). */
  readonly sources: Record<Source, number>;
  readonly totalWh: number;
}

const checkPlant = (plant: Plant): void => {
  if (!(SOURCES as readonly string[]).includes(plant.source)) {
    throw new Error(`Plant ${plant.id}: unknown source "${plant.source}" (one of ${SOURCES.join(', ')}).`);
  }
  option(plant.capacityW, 0, `Plant ${plant.id}'s capacityW`, true);
};

export const productionTotals = (plants: readonly Plant[]): ProductionTotals => {
  const ids = new Set<string>();
  const sources = Object.fromEntries(SOURCES.map((source) => [source, 0])) as Record<Source, number>;
  const totals = plants.map((plant) => {
    checkPlant(plant);
    if (ids.has(plant.id)) {
      throw new Error(`Plant ${plant.id} is listed twice.`);
    }
    ids.add(plant.id);
    const energyWh = checkedSeries(plant.readings).reduce((sum, { energyWh: wh }) => sum + wh, 0);
    sources[plant.source] += energyWh;

    return { id: plant.id, source: plant.source, capacityW: plant.capacityW, energyWh };
  });

  return { plants: totals, sources, totalWh: totals.reduce((sum, { energyWh }) => sum + energyWh, 0) };
};

/** energy / (capacity × sun hours): Wh / (W × h), dimensionless; null when the denominator is 0. */
export const performanceRatio = (energyWh: number, capacityW: number, sunHours: number): number | null =>
  capacityW * sunHours > 0 ? energyWh / (capacityW * sunHours) : null;

export interface Irradiance {
  readonly interval: number;
  /** Mean irradiance on the plane of the array over the interval, W/m². */
  readonly irradianceWm2: number;
}

/** Peak sun hours per local date: Σ G × 0.25 h / 1000 W/m² (kWh/m² a day at the 1 kW/m² standard). */
export const sunHoursFromIrradiance = (series: readonly Irradiance[]): Record<string, number> => {
  const hours: Record<string, number> = {};
  for (const { interval, irradianceWm2 } of series) {
    if (!Number.isSafeInteger(interval) || !Number.isFinite(irradianceWm2) || irradianceWm2 < 0) {
      throw new Error(`An irradiance is an integer interval and W/m², 0 or more: ${interval}, ${irradianceWm2}.`);
    }
    const date = localDate(interval);
    hours[date] = (hours[date] ?? 0) + irradianceWm2 / INTERVALS_PER_HOUR / 1000;
  }

  return hours;
};

export interface DayPerformance {
  readonly date: string;
  readonly energyWh: number;
  readonly sunHours: number | null;
  readonly performanceRatio: number | null;
}

/**
 * Each local day the plant produced: its energy and performance ratio. `sunHours` is the
 * peak sun hours of every day, or per date (sunHoursFromIrradiance); a date missing has none.
 */
export const dailyPerformance = (plant: Plant, sunHours: number | Readonly<Record<string, number>>): DayPerformance[] => {
  checkPlant(plant);

  return dailyProfile(plant.readings).map(({ date, energyWh }) => {
    const hours = typeof sunHours === 'number' ? sunHours : sunHours[date] ?? null;

    return { date, energyWh, sunHours: hours, performanceRatio: hours === null ? null : performanceRatio(energyWh, plant.capacityW, hours) };
  });
};

export interface UnderperformanceOptions {
  /** Below the expected yield by more than this (%); 20 by default. */
  readonly shortfallPercent?: number;
  /** For at least this many consecutive days; 3 by default. */
  readonly days?: number;
}

export interface MaintenanceAlert {
  readonly plantId: string;
  /** The run of consecutive local dates under the expected yield, first and last. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly energyWh: number;
  readonly expectedWh: number;
}

/**
 * A maintenance alert per run of at least `days` consecutive dates, among those given an
 * expected yield (Wh), on which the plant made less than (100 − shortfallPercent)% of it
 * (compared in integers: energy × 100 < expected × (100 − shortfall)). A date without
 * readings counts 0 Wh; a date without an expected yield breaks the run.
 */
export const maintenanceAlerts = (plant: Plant, expectedWhByDate: Readonly<Record<string, number>>, options: UnderperformanceOptions = {}): MaintenanceAlert[] => {
  checkPlant(plant);
  const shortfall = option(options.shortfallPercent, 20, 'shortfallPercent', true);
  const minDays = Math.max(1, option(options.days, 3, 'days', true));
  const produced = new Map(dailyProfile(plant.readings).map(({ date, energyWh }) => [date, energyWh]));
  const alerts: MaintenanceAlert[] = [];
  let run: { from: string; to: string; day: number; days: number; energyWh: number; expectedWh: number } | undefined;
  const close = (): void => {
    if (run !== undefined && run.days >= minDays) {
      alerts.push({ plantId: plant.id, from: run.from, to: run.to, days: run.days, energyWh: run.energyWh, expectedWh: run.expectedWh });
    }
    run = undefined;
  };
  for (const date of Object.keys(expectedWhByDate).sort()) {
    const expectedWh = option(expectedWhByDate[date], 0, `Expected yield on ${date}`, true);
    const energyWh = produced.get(date) ?? 0;
    const day = dayNumberOfDate(date);
    if (energyWh * 100 >= expectedWh * (100 - shortfall)) {
      close();
      continue;
    }
    if (run !== undefined && run.day + 1 !== day) {
      close();
    }
    run =
      run === undefined
        ? { from: date, to: date, day, days: 1, energyWh, expectedWh }
        : { ...run, to: date, day, days: run.days + 1, energyWh: run.energyWh + energyWh, expectedWh: run.expectedWh + expectedWh };
  }
  close();

  return alerts;
};

/**
 * Brazil's grid (SIN) average emission factor, kg CO₂ per kWh (= t CO₂/MWh): 0.0385, the
 * 2023 annual average MCTI publishes (SIRENE, "fator médio – inventários corporativos").
 * It changes every year (0.0617 in 2022 as reported); pass the current one.
 */
export const SIN_EMISSION_FACTOR_KG_PER_KWH = 0.0385;

/** kg CO₂ the energy offsets: kWh × factor. */
export const carbonOffsetKg = (energyWh: number, factorKgPerKWh = SIN_EMISSION_FACTOR_KG_PER_KWH): number =>
  (option(energyWh, 0, 'energyWh', true) / 1000) * option(factorKgPerKWh, SIN_EMISSION_FACTOR_KG_PER_KWH, 'factorKgPerKWh');
