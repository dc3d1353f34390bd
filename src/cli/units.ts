/**
 * Amounts as people write them, and as the contracts store them.
 *
 * power (capacity, quota): stored in watts (Integer); accepted as `10kWp`, `10 kW`,
 * `0.5kW`, `5MW`, `500W` or plain watts. money: stored in R$ (Fixed<2>); accepted as
 * `R$ 700,00`, `1.234,56`, `1,234.56`, `700.00` or `700`. SEB: Fixed<8>, `0.5` or `0,5`.
 * durations: stored in seconds; accepted as `30d`, `12h`, `10m`, `45s`, `1w` or plain
 * seconds.
 *
 * Brazilian (`1.234,56`) and English (`1,234.56`) notation are both read; a number that
 * would read differently in the two is refused, never guessed. The rule (readNumber):
 * - digits alone are a whole number: `1000`;
 * - both `.` and `,`: the last one is the decimal mark and the other groups thousands,
 *   which must then be well formed (1 to 3 digits, then groups of 3): `1.234,56`,
 *   `1,234.56`;
 * - the same mark twice or more: thousands groups, a whole number: `1.000.000`, `1,000,000`;
 * - one mark once: the decimal mark, `0,5`, `1.25`, `1234,567`, `0.500` -- except when it
 *   is followed by exactly 3 digits after 1 to 3 digits not starting with 0 (`1,000`,
 *   `1.000`, `12.500`): a thousands group in one notation and decimals in the other, so
 *   refused ("write 1000, 1.000,00 or 1,000.00"). Hence `1,000W` and `1.000` SEB are
 *   refused, where `1,000W` was once read as 1 W.
 */
import BigNumber from 'bignumber.js';
import { UsageError } from './errors';

const POWER_UNITS: Record<string, number> = { w: 1, wp: 1, kw: 1_000, kwp: 1_000, mw: 1_000_000, mwp: 1_000_000 };
const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, min: 60, h: 3_600, d: 86_400, w: 604_800 };

/** How to write a number that reads the same in both notations (the refusal's advice). */
const NOTATIONS = 'write 1000, "1.000,00" (Brazilian) or 1,000.00 (English)';

/**
 * The plain decimal (`1234.56`) of a number in Brazilian or English notation, by the rule
 * of this file's header; a number that reads differently in the two is refused.
 */
export const readNumber = (text: string, what: string, examples: string, shown = text): string => {
  const bad = (): never => {
    throw new UsageError(`Bad ${what}: "${shown}" (${examples}).`);
  };
  if (!/^\d[\d.,]*$/.test(text) || !/\d$/.test(text) || /[.,][.,]/.test(text)) {
    return bad();
  }
  const groups = (whole: string, mark: string): string => {
    const parts = whole.split(mark);
    if (!/^\d{1,3}$/.test(parts[0]) || parts.slice(1).some((part) => !/^\d{3}$/.test(part))) {
      bad();
    }

    return parts.join('');
  };
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  if (dots > 0 && commas > 0) {
    const decimalMark = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const [whole, fraction, ...more] = text.split(decimalMark);
    if (more.length > 0) {
      return bad();
    }

    return `${groups(whole, decimalMark === ',' ? '.' : ',')}.${fraction}`;
  }
  if (dots + commas === 0) {
    return text;
  }
  const mark = dots > 0 ? '.' : ',';
  if (dots + commas > 1) {
    return groups(text, mark);
  }
  const [whole, fraction] = text.split(mark);
  if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) {
    const grouped = `${whole}${fraction}`;
    const decimal = new BigNumber(`${whole}.${fraction}`).toFixed();
    const [brazilian, english] = mark === '.' ? [grouped, decimal] : [decimal, grouped];
    throw new UsageError(`Bad ${what}: "${shown}" is ${brazilian} in Brazilian notation but ${english} in English: ${NOTATIONS}.`);
  }

  return `${whole}.${fraction}`;
};

/**
 * A whole number of a unit from a number and an optional unit (`units`: lower-case unit →
 * factor; none: the unit itself), refused in one line with `examples`.
 */
const parseWhole = (input: string, what: string, units: Record<string, number>, examples: string, unitName: string): BigNumber => {
  const match = /^\s*([\d.,]+)\s*([a-zA-Z]*)\s*$/.exec(input);
  const unit = match?.[2].toLowerCase() ?? '';
  if (match === null || (unit !== '' && units[unit] === undefined)) {
    throw new UsageError(`Bad ${what}: "${input}" (${examples}).`);
  }
  const value = new BigNumber(readNumber(match[1], what, examples, input)).times(units[unit] ?? 1);
  if (!value.isInteger()) {
    throw new UsageError(`Bad ${what}: "${input}" is not a whole number of ${unitName}.`);
  }

  return value;
};

/** Watts (an integer) from `10kWp`, `0.5 kW`, `5MW`, `500W` or `500`. */
export const parsePower = (input: string, what = 'power'): BigNumber =>
  parseWhole(input, what, POWER_UNITS, 'examples: 10kWp, 0.5kW, 500W, 5MW', 'watts');

/** R$ (at most 2 decimals) from `R$ 700,00`, `1.234,56`, `1,234.56`, `700.00` or `700`. */
export const parseMoney = (input: string, what = 'amount'): BigNumber => {
  const examples = 'R$ with at most 2 decimals; examples: "R$ 700,00", "R$ 1.234,56", 700.00';
  const text = readNumber(input.replace(/^\s*R\$\s*/i, '').replace(/\s+/g, ''), what, examples, input);
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    throw new UsageError(`Bad ${what}: "${input}" (${examples}).`);
  }

  return new BigNumber(text);
};

/** SEB (at most 8 decimals) from `0.5`, `0,5` or `0.5 SEB`. */
export const parseSEB = (input: string, what = 'SEB amount'): BigNumber => {
  const examples = 'at most 8 decimals, e.g. 0.5 or 0,5';
  const text = readNumber(input.replace(/\s*SEB\s*$/i, '').trim(), what, examples, input);
  if (!/^\d+(\.\d{1,8})?$/.test(text)) {
    throw new UsageError(`Bad ${what}: "${input}" (${examples}).`);
  }

  return new BigNumber(text);
};

/** Seconds from `30d`, `12h`, `1.5h`, `10m`, `45s`, `1w` or plain seconds. */
export const parseDuration = (input: string, what = 'duration'): BigNumber =>
  parseWhole(input, what, DURATION_UNITS, 'examples: 30d, 12h, 10m, 45s, or seconds', 'seconds');

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

// ------------------------------------------------------------------ energy and intervals

const ENERGY_UNITS: Record<string, number> = { wh: 1, kwh: 1_000, mwh: 1_000_000 };

/** Watt-hours (an integer) from `750Wh`, `0.75kWh`, `1,5 kWh`, `2MWh` or plain Wh. */
export const parseEnergy = (input: string, what = 'energy'): BigNumber =>
  parseWhole(input, what, ENERGY_UNITS, 'examples: 750Wh, 0.75kWh, 2MWh', 'watt-hours');

/** `1.25 kWh (1250 Wh)`, `750 Wh`. */
export const formatEnergy = (wh: BigNumber | number | string): string => {
  const value = big(wh);

  return value.abs().gte(1_000) ? `${value.div(1_000).toFormat()} kWh (${value.toFixed()} Wh)` : `${value.toFixed()} Wh`;
};

/** Local time of tariffs and billing cycles (spec "Time and units"). */
export const LOCAL_TIME_ZONE = 'America/Sao_Paulo';

const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: LOCAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-12-01 10:15` in LOCAL_TIME_ZONE. */
const localText = (unixSeconds: number): string => {
  const parts = Object.fromEntries(localParts.formatToParts(new Date(unixSeconds * 1_000)).map((part) => [part.type, part.value]));

  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};

/** An interval (15 min, `floor(unixSeconds / 900)`) as its local start and end: `2026-12-01 10:15–10:30 (America/Sao_Paulo)`. */
export const formatInterval = (interval: BigNumber | number | string): string => {
  const start = big(interval).toNumber() * 900;

  return `${localText(start)}–${localText(start + 900).slice(11)} (${LOCAL_TIME_ZONE})`;
};

/**
 * An interval from its number, or from a local start time `2026-12-01 10:15` (or
 * `2026-12-01T10:15`) in LOCAL_TIME_ZONE, which must be on a quarter hour.
 */
export const parseInterval = (input: string, what = 'interval'): BigNumber => {
  if (/^\d+$/.test(input)) {
    return new BigNumber(input);
  }
  const match = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)$/.exec(input.trim());
  if (match === null) {
    throw new UsageError(`Bad ${what}: "${input}" (an interval number, or a local start time like "2026-12-01 10:15").`);
  }
  const [, year, month, day, hour, minute] = match.map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute) / 1_000;
  // The zone's offset at that moment: the wall clock read back there, less the UTC guess.
  const back = localText(wall);
  const [bYear, bMonth, bDay, bHour, bMinute] = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)$/.exec(back)!.slice(1).map(Number);
  const offset = Date.UTC(bYear, bMonth - 1, bDay, bHour, bMinute) / 1_000 - wall;
  const seconds = wall - offset;
  if (seconds % 900 !== 0) {
    throw new UsageError(`Bad ${what}: "${input}" is not on a quarter hour (intervals are 15 minutes).`);
  }

  return new BigNumber(seconds / 900);
};
