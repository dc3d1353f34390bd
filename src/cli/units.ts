/**
 * Amounts as people write them, and as the contracts store them.
 *
 * power (capacity, quota): stored in watts (Integer); accepted as `10kWp`, `10 kW`,
 * `0.5kW`, `5MW`, `500W` or plain watts. money: stored in R$ (Fixed<2>); accepted as
 * `R$ 700,00`, `1.234,56`, `700.00` or `700`. SEB: Fixed<8>, `0.5` or `0,5`.
 * durations: stored in seconds; accepted as `30d`, `12h`, `10m`, `45s`, `1w` or plain
 * seconds.
 */
import BigNumber from 'bignumber.js';
import { UsageError } from './errors';

const POWER_UNITS: Record<string, number> = { w: 1, wp: 1, kw: 1_000, kwp: 1_000, mw: 1_000_000, mwp: 1_000_000 };
const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, min: 60, h: 3_600, d: 86_400, w: 604_800 };

const decimal = (text: string, what: string): BigNumber => {
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new UsageError(`Bad ${what}: "${text}".`);
  }

  return new BigNumber(text);
};

/** Watts (an integer) from `10kWp`, `0.5 kW`, `5MW`, `500W` or `500`. */
export const parsePower = (input: string, what = 'power'): BigNumber => {
  const match = /^\s*([\d.,]+)\s*([a-zA-Z]*)\s*$/.exec(input);
  const unit = match?.[2].toLowerCase() ?? '';
  if (match === null || (unit !== '' && POWER_UNITS[unit] === undefined)) {
    throw new UsageError(`Bad ${what}: "${input}" (examples: 10kWp, 0.5kW, 500W, 5MW).`);
  }
  const watts = decimal(match[1].replace(',', '.'), what).times(POWER_UNITS[unit] ?? 1);
  if (!watts.isInteger()) {
    throw new UsageError(`Bad ${what}: "${input}" is not a whole number of watts.`);
  }

  return watts;
};

/** R$ (at most 2 decimals) from `R$ 700,00`, `1.234,56`, `700.00` or `700`. */
export const parseMoney = (input: string, what = 'amount'): BigNumber => {
  let text = input.replace(/^\s*R\$\s*/i, '').replace(/\s+/g, '');
  if (text.includes(',')) {
    // Brazilian: dots group thousands, the comma marks the cents.
    if (!/^\d{1,3}(\.\d{3})*,\d{1,2}$|^\d+,\d{1,2}$/.test(text)) {
      throw new UsageError(`Bad ${what}: "${input}" (examples: "R$ 700,00", 700.00).`);
    }
    text = text.replace(/\./g, '').replace(',', '.');
  }
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    throw new UsageError(`Bad ${what}: "${input}" (R$ with at most 2 decimals; examples: "R$ 700,00", 700.00).`);
  }

  return new BigNumber(text);
};

/** SEB (at most 8 decimals) from `0.5`, `0,5` or `0.5 SEB`. */
export const parseSEB = (input: string, what = 'SEB amount'): BigNumber => {
  const text = input.replace(/\s*SEB\s*$/i, '').trim().replace(',', '.');
  if (!/^\d+(\.\d{1,8})?$/.test(text)) {
    throw new UsageError(`Bad ${what}: "${input}" (at most 8 decimals, e.g. 0.5).`);
  }

  return new BigNumber(text);
};

/** Seconds from `30d`, `12h`, `10m`, `45s`, `1w` or plain seconds. */
export const parseDuration = (input: string, what = 'duration'): BigNumber => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(input);
  const unit = match?.[2].toLowerCase() ?? '';
  if (match === null || (unit !== '' && DURATION_UNITS[unit] === undefined)) {
    throw new UsageError(`Bad ${what}: "${input}" (examples: 30d, 12h, 10m, 45s, or seconds).`);
  }
  const seconds = new BigNumber(match[1]).times(DURATION_UNITS[unit] ?? 1);
  if (!seconds.isInteger()) {
    throw new UsageError(`Bad ${what}: "${input}" is not a whole number of seconds.`);
  }

  return seconds;
};

/** A positive whole number (a port, a GAS amount). */
export const parseCount = (input: string, what: string): number => {
  if (!/^\d+$/.test(input) || Number(input) <= 0) {
    throw new UsageError(`Bad ${what}: "${input}" (a positive whole number).`);
  }

  return Number(input);
};

// ------------------------------------------------------------------ formatting

const big = (value: BigNumber | number | string): BigNumber => new BigNumber(value);

/** `10 kW (10000 W)`, `500 W`, `5 MW (5000000 W)`; `suffix` is `p` for a plant's peak capacity. */
export const formatPower = (watts: BigNumber | number | string, suffix = ''): string => {
  const w = big(watts);
  if (w.abs().gte(1_000_000)) {
    return `${w.div(1_000_000).toFormat()} MW${suffix} (${w.toFixed()} W)`;
  }
  if (w.abs().gte(1_000)) {
    return `${w.div(1_000).toFormat()} kW${suffix} (${w.toFixed()} W)`;
  }

  return `${w.toFixed()} W${suffix}`;
};

/** `R$ 1.234,56` (Brazilian notation). */
export const formatMoney = (amount: BigNumber | number | string): string =>
  `R$ ${big(amount).toFormat(2, BigNumber.ROUND_DOWN, {
    decimalSeparator: ',',
    groupSeparator: '.',
    groupSize: 3,
  })}`;

/** `4.286 SEB` (all significant decimals, at most 8). */
export const formatSEB = (amount: BigNumber | number | string): string => `${big(amount).toFormat()} SEB`;

/** `30 d (2592000 s)`, `1 h 30 min (5400 s)`, `45 s`. */
export const formatDuration = (seconds: BigNumber | number | string): string => {
  const total = big(seconds).toNumber();
  if (total < 60) {
    return `${total} s`;
  }

  return `${humanDuration(total)} (${total} s)`;
};

/** `29 d 23 h`, `5 min 3 s`: the two largest units. */
export const humanDuration = (seconds: number): string => {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }

  return parts.length === 0 ? '0 s' : parts.slice(0, 2).join(' ');
};

/** A Unix time as `2025-11-22 01:02:03 UTC`, or `-` for 0. */
export const formatTime = (unixSeconds: BigNumber | number | string): string => {
  const seconds = big(unixSeconds).toNumber();
  if (seconds === 0) {
    return '-';
  }

  return `${new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
};
