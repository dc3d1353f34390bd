/** How far a forecast was from what was then recorded. */
import { checkedSeries, Reading } from './common';

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
