/**
 * Energy quality per device (../shared/spec/microgrid.md, "The meter gateway" and "Grid
 * balancing": stability metrics): over the stored readings that carry quality (SunSpec 203:
 * phase voltage, frequency, power factor), each quantity's min/avg/max and the intervals
 * outside its limit. Pure, no I/O: the caller passes `store.readings(deviceID, from, to)`.
 *
 * Why not an SQL aggregate in the store: a device's readings for a period are one indexed
 * query already, and counting "outside" in SQL would write every limit a second time, in SQL.
 */
import type { MeterReading } from '../gateway/reading';

/**
 * Steady-state voltage, per unit of the nominal: ANEEL PRODIST Módulo 8 ("adequada"
 * 0.93–1.05 pu), as the spec adopts it. PRODIST's table for nominals ≤ 1 kV gives absolute
 * volts instead (117–133 V for 127 V, 202–231 V for 220 V), within 1 V of these.
 */
export const VOLTAGE_MIN_PU = 0.93;
export const VOLTAGE_MAX_PU = 1.05;
/** Frequency in steady state: ANEEL PRODIST Módulo 8, 59.9–60.1 Hz. */
export const FREQUENCY_MIN_HZ = 59.9;
export const FREQUENCY_MAX_HZ = 60.1;
/**
 * Power factor reference: ANEEL (PRODIST Módulo 8; REN 1.000/2021 bills reactive energy
 * below it), 0.92 inductive to 0.92 capacitive, so its magnitude is compared: SunSpec 203's
 * PF carries the leading/lagging sense in its sign.
 */
export const POWER_FACTOR_MIN = 0.92;
/**
 * The nominal phase-to-neutral voltage (SunSpec 203's PhVphA is phase A to neutral): 127 V
 * in Rio de Janeiro's 127/220 V networks; 220 V where the phase voltage is 220 V.
 */
export const DEFAULT_NOMINAL_V = 127;

/** One quantity over a device's readings that carry it. */
export interface QualityStats {
  /** Readings carrying this quantity. */
  readonly readings: number;
  readonly min: number;
  /** The mean, not rounded (a statistic, not a reading). */
  readonly avg: number;
  readonly max: number;
  /** Intervals outside the quantity's limit. */
  readonly outside: number;
}

export interface DeviceQuality {
  readonly deviceID: string;
  /** Every reading given for the device. */
  readonly readings: number;
  /** Those carrying any quality. */
  readonly withQuality: number;
  /** null: no reading carried the quantity. */
  readonly voltageV: QualityStats | null;
  readonly frequencyHz: QualityStats | null;
  /** Of the power factor's magnitude. */
  readonly powerFactor: QualityStats | null;
  /** Intervals with at least one quantity outside its limit. */
  readonly intervalsOutside: number;
}

export interface QualityOptions {
  /** The nominal voltage the pu limits apply to; DEFAULT_NOMINAL_V (127 V) by default. */
  readonly nominalV?: number;
}

type QualityReading = Pick<MeterReading, 'deviceID' | 'interval' | 'quality'>;
type Quantity = 'voltageV' | 'frequencyHz' | 'powerFactor';

/** How a quantity is read from a reading's quality, and whether a value is outside its limit. */
interface Rule {
  readonly value: (quality: NonNullable<MeterReading['quality']>) => number | undefined;
  readonly outside: (value: number) => boolean;
}

/** Volts of a pu limit, rounded off float noise (0.93 × 127 is 118.11, not 118.11000000000001). */
const volts = (pu: number, nominalV: number): number => Number((pu * nominalV).toFixed(9));

const rules = (nominalV: number): Readonly<Record<Quantity, Rule>> => {
  if (!Number.isFinite(nominalV) || nominalV <= 0) {
    throw new Error(`nominalV is a voltage above 0: ${nominalV}.`);
  }
  const low = volts(VOLTAGE_MIN_PU, nominalV);
  const high = volts(VOLTAGE_MAX_PU, nominalV);

  return {
    voltageV: { value: (quality) => quality.voltageV, outside: (value) => value < low || value > high },
    frequencyHz: { value: (quality) => quality.frequencyHz, outside: (value) => value < FREQUENCY_MIN_HZ || value > FREQUENCY_MAX_HZ },
    // Its magnitude: the sign says leading or lagging, not better or worse (an average of signed values would mean nothing).
    powerFactor: { value: (quality) => (quality.powerFactor === undefined ? undefined : Math.abs(quality.powerFactor)), outside: (value) => value < POWER_FACTOR_MIN },
  };
};

const QUANTITIES: readonly Quantity[] = ['voltageV', 'frequencyHz', 'powerFactor'];

const stats = (values: readonly number[], rule: Rule): QualityStats | null =>
  values.length === 0
    ? null
    : {
        readings: values.length,
        // reduce, not Math.min(...values): a long history is more arguments than one call takes.
        min: values.reduce((least, value) => Math.min(least, value)),
        avg: values.reduce((sum, value) => sum + value, 0) / values.length,
        max: values.reduce((most, value) => Math.max(most, value)),
        outside: values.filter(rule.outside).length,
      };

const checkIntervals = (deviceID: string, readings: readonly QualityReading[]): void => {
  const intervals = new Set<number>();
  for (const { interval } of readings) {
    if (intervals.has(interval)) {
      // The store keys readings by (device, interval): a repeat is a caller's bug, not a second sample.
      throw new Error(`Interval ${interval} of ${deviceID} has two readings.`);
    }
    intervals.add(interval);
  }
};

/** One device's summary. */
const deviceQuality = (deviceID: string, readings: readonly QualityReading[], rule: Readonly<Record<Quantity, Rule>>): DeviceQuality => {
  checkIntervals(deviceID, readings);
  const valueOf = (reading: QualityReading, quantity: Quantity): number | undefined =>
    reading.quality === undefined ? undefined : rule[quantity].value(reading.quality);
  const values = (quantity: Quantity): number[] =>
    readings.map((reading) => valueOf(reading, quantity)).filter((value): value is number => value !== undefined);
  const hasQuality = (reading: QualityReading): boolean => QUANTITIES.some((quantity) => valueOf(reading, quantity) !== undefined);
  const isOutside = (reading: QualityReading): boolean =>
    QUANTITIES.some((quantity) => {
      const value = valueOf(reading, quantity);

      return value !== undefined && rule[quantity].outside(value);
    });

  return {
    deviceID,
    readings: readings.length,
    withQuality: readings.filter(hasQuality).length,
    voltageV: stats(values('voltageV'), rule.voltageV),
    frequencyHz: stats(values('frequencyHz'), rule.frequencyHz),
    powerFactor: stats(values('powerFactor'), rule.powerFactor),
    intervalsOutside: readings.filter(isOutside).length,
  };
};

/** Energy quality per device over the readings given, in device order (D2 before D10). */
export const qualitySummary = (readings: readonly QualityReading[], options: QualityOptions = {}): DeviceQuality[] => {
  const rule = rules(options.nominalV ?? DEFAULT_NOMINAL_V);
  const byDevice = new Map<string, QualityReading[]>();
  for (const reading of readings) {
    const device = byDevice.get(reading.deviceID);
    if (device === undefined) {
      byDevice.set(reading.deviceID, [reading]);
    } else {
      device.push(reading);
    }
  }

  return [...byDevice.keys()]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((deviceID) => deviceQuality(deviceID, byDevice.get(deviceID)!, rule));
};
