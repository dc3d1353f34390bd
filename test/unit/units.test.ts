/**
 * src/cli/units.ts: every parser and formatter of the command line's amounts, and the
 * rule that a number reading differently in Brazilian and English notation is refused.
 */
import BigNumber from 'bignumber.js';
import { UsageError } from '../../src/cli/errors';
import {
  formatDuration,
  formatEnergy,
  formatInterval,
  formatMoney,
  formatPower,
  formatSEB,
  formatTime,
  humanDuration,
  parseCount,
  parseDuration,
  parseEnergy,
  parseInterval,
  parseMoney,
  parsePower,
  parseSEB,
  readNumber,
} from '../../src/cli/units';

/** The one line a refusal prints (and that it is a usage error: exit 2). */
const refusal = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);

    return (error as Error).message;
  }
  throw new Error('accepted');
};

const AMBIGUOUS = /in Brazilian notation but .* in English: write 1000, "1\.000,00" \(Brazilian\) or 1,000\.00 \(English\)\.$/;

describe('readNumber: Brazilian or English notation, never a guess', () => {
  test('read the same in both', () => {
    const cases: Array<[string, string]> = [
      ['1000', '1000'],
      ['0', '0'],
      ['0,5', '0.5'],
      ['0.5', '0.5'],
      ['1,25', '1.25'],
      ['12.5', '12.5'],
      ['0.500', '0.500'],
      ['0,125', '0.125'],
      ['1234,567', '1234.567'],
      ['1234.567', '1234.567'],
      ['1.234,56', '1234.56'],
      ['1,234.56', '1234.56'],
      ['1.000,00', '1000.00'],
      ['1,000.00', '1000.00'],
      ['1.000.000', '1000000'],
      ['1,000,000', '1000000'],
      ['12.345.678,9', '12345678.9'],
      ['1,2345', '1.2345'],
    ];
    expect(cases.map(([text]) => [text, readNumber(text, 'n', 'e')])).toEqual(cases);
  });

  test('refused: a thousands group in one notation, decimals in the other', () => {
    expect(refusal(() => readNumber('1,000', 'n', 'e'))).toBe(
      'Bad n: "1,000" is 1 in Brazilian notation but 1000 in English: write 1000, "1.000,00" (Brazilian) or 1,000.00 (English).',
    );
    expect(refusal(() => readNumber('1.000', 'n', 'e'))).toBe(
      'Bad n: "1.000" is 1000 in Brazilian notation but 1 in English: write 1000, "1.000,00" (Brazilian) or 1,000.00 (English).',
    );
    expect(refusal(() => readNumber('12.500', 'n', 'e'))).toMatch(/is 12500 in Brazilian notation but 12\.5 in English/);
    expect(refusal(() => readNumber('999,999', 'n', 'e'))).toMatch(AMBIGUOUS);
  });

  test('refused: malformed', () => {
    for (const text of ['', '.5', '5.', '1..0', '1.,0', '1,00,000', '1.2.3,4', '1.234.56', '12,34.5,6', '1a', '-1', '1 000']) {
      expect([text, refusal(() => readNumber(text, 'n', 'examples'))]).toEqual([text, `Bad n: "${text}" (examples).`]);
    }
  });
});

describe('parsePower: watts', () => {
  test('units and notations', () => {
    const cases: Array<[string, string]> = [
      ['10kWp', '10000'],
      ['10 kW', '10000'],
      ['0.5kW', '500'],
      ['0,5kW', '500'],
      ['5MW', '5000000'],
      ['5MWp', '5000000'],
      ['500W', '500'],
      ['500Wp', '500'],
      ['500', '500'],
      ['1.5 mw', '1500000'],
      ['1.000,5kW', '1000500'],
      ['1,000.5kW', '1000500'],
      ['1000W', '1000'],
      [' 7 w ', '7'],
    ];
    expect(cases.map(([text]) => [text, parsePower(text).toFixed()])).toEqual(cases);
  });

  test('refusals name the option and the input', () => {
    expect(refusal(() => parsePower('1,000W', '--quota'))).toBe(
      'Bad --quota: "1,000W" is 1 in Brazilian notation but 1000 in English: write 1000, "1.000,00" (Brazilian) or 1,000.00 (English).',
    );
    expect(refusal(() => parsePower('1.000kW'))).toMatch(AMBIGUOUS);
    expect(refusal(() => parsePower('10 kVA', '--capacity'))).toBe('Bad --capacity: "10 kVA" (examples: 10kWp, 0.5kW, 500W, 5MW).');
    expect(refusal(() => parsePower('ten kW'))).toBe('Bad power: "ten kW" (examples: 10kWp, 0.5kW, 500W, 5MW).');
    expect(refusal(() => parsePower('0.5W'))).toBe('Bad power: "0.5W" is not a whole number of watts.');
    expect(refusal(() => parsePower('1.0005kW'))).toBe('Bad power: "1.0005kW" is not a whole number of watts.');
  });
});

describe('parseMoney: R$ with 2 decimals', () => {
  test('Brazilian and English notation', () => {
    const cases: Array<[string, string]> = [
      ['R$ 700,00', '700'],
      ['R$700,00', '700'],
      ['r$ 700', '700'],
      ['700.00', '700'],
      ['700', '700'],
      ['1.234,56', '1234.56'],
      ['R$ 1.234,56', '1234.56'],
      ['1,234.56', '1234.56'],
      ['R$ 1.000.000,00', '1000000'],
      ['1,000,000', '1000000'],
      ['0,01', '0.01'],
      ['12,5', '12.5'],
      ['R$ 1 000,00', '1000'],
    ];
    expect(cases.map(([text]) => [text, parseMoney(text).toFixed()])).toEqual(cases);
  });

  test('refused: ambiguous, over 2 decimals, not money', () => {
    expect(refusal(() => parseMoney('R$ 1,234'))).toBe(
      'Bad amount: "R$ 1,234" is 1.234 in Brazilian notation but 1234 in English: write 1000, "1.000,00" (Brazilian) or 1,000.00 (English).',
    );
    expect(refusal(() => parseMoney('1.000', '--min-bid'))).toMatch(/^Bad --min-bid: "1\.000" is 1000 in Brazilian/);
    const examples = '(R$ with at most 2 decimals; examples: "R$ 700,00", "R$ 1.234,56", 700.00).';
    expect(refusal(() => parseMoney('0,001'))).toBe(`Bad amount: "0,001" ${examples}`);
    expect(refusal(() => parseMoney('1234,567', '--cost'))).toBe(`Bad --cost: "1234,567" ${examples}`);
    expect(refusal(() => parseMoney('US$ 5'))).toBe(`Bad amount: "US$ 5" ${examples}`);
    expect(refusal(() => parseMoney('-5'))).toBe(`Bad amount: "-5" ${examples}`);
  });
});

describe('parseSEB: 8 decimals', () => {
  test('accepted', () => {
    const cases: Array<[string, string]> = [
      ['0.5', '0.5'],
      ['0,5', '0.5'],
      ['0.5 SEB', '0.5'],
      ['2seb', '2'],
      ['0.00000001', '0.00000001'],
      ['1,000.5', '1000.5'],
      ['1.000,5', '1000.5'],
      ['100', '100'],
    ];
    expect(cases.map(([text]) => [text, parseSEB(text).toFixed()])).toEqual(cases);
  });

  test('refused', () => {
    expect(refusal(() => parseSEB('1.000'))).toBe(
      'Bad SEB amount: "1.000" is 1000 in Brazilian notation but 1 in English: write 1000, "1.000,00" (Brazilian) or 1,000.00 (English).',
    );
    expect(refusal(() => parseSEB('0.000000001', '--seb'))).toBe('Bad --seb: "0.000000001" (at most 8 decimals, e.g. 0.5 or 0,5).');
    expect(refusal(() => parseSEB('half'))).toBe('Bad SEB amount: "half" (at most 8 decimals, e.g. 0.5 or 0,5).');
  });
});

describe('parseDuration: seconds', () => {
  test('units', () => {
    const cases: Array<[string, string]> = [
      ['30d', '2592000'],
      ['12h', '43200'],
      ['1.5h', '5400'],
      ['1,5h', '5400'],
      ['10m', '600'],
      ['10min', '600'],
      ['45s', '45'],
      ['1w', '604800'],
      ['90', '90'],
      ['0', '0'],
      [' 2 D ', '172800'],
    ];
    expect(cases.map(([text]) => [text, parseDuration(text).toFixed()])).toEqual(cases);
  });

  test('refused', () => {
    expect(refusal(() => parseDuration('1y', '--valid-for'))).toBe('Bad --valid-for: "1y" (examples: 30d, 12h, 10m, 45s, or seconds).');
    expect(refusal(() => parseDuration('0.5s'))).toBe('Bad duration: "0.5s" is not a whole number of seconds.');
    expect(refusal(() => parseDuration('1.000s'))).toMatch(AMBIGUOUS);
  });
});

test('parseCount: a positive whole number', () => {
  expect([parseCount('9040', 'port'), parseCount('1', '--gas')]).toEqual([9040, 1]);
  for (const text of ['0', '-1', '1.5', '1,000', 'ten', '']) {
    expect(refusal(() => parseCount(text, '--gas'))).toBe(`Bad --gas: "${text}" (a positive whole number).`);
  }
});

describe('formatters', () => {
  test('formatPower', () => {
    expect([0, 500, 999, 1_000, 6_250, 10_000, 999_999, 1_000_000, 5_500_000].map((w) => formatPower(w))).toEqual([
      '0 W',
      '500 W',
      '999 W',
      '1 kW (1000 W)',
      '6.25 kW (6250 W)',
      '10 kW (10000 W)',
      '999.999 kW (999999 W)',
      '1 MW (1000000 W)',
      '5.5 MW (5500000 W)',
    ]);
    expect(formatPower(new BigNumber(10_000), 'p')).toBe('10 kWp (10000 W)');
    expect(formatPower('500', 'p')).toBe('500 Wp');
  });

  test('formatMoney: Brazilian, 2 decimals, never rounded up', () => {
    expect(['0', '0.5', '700', '1234.56', '1000000', '437.5', '0.999'].map(formatMoney)).toEqual([
      'R$ 0,00',
      'R$ 0,50',
      'R$ 700,00',
      'R$ 1.234,56',
      'R$ 1.000.000,00',
      'R$ 437,50',
      'R$ 0,99',
    ]);
  });

  test('formatSEB: every significant decimal', () => {
    expect(['0', '0.5', '4.25', '0.00000001', '1234.5'].map(formatSEB)).toEqual([
      '0 SEB',
      '0.5 SEB',
      '4.25 SEB',
      '0.00000001 SEB',
      '1,234.5 SEB',
    ]);
  });

  test('formatDuration and humanDuration', () => {
    expect([0, 45, 59, 60, 5_400, 86_400, 2_592_000, 90_061].map((s) => formatDuration(s))).toEqual([
      '0 s',
      '45 s',
      '59 s',
      '1 min (60 s)',
      '1 h 30 min (5400 s)',
      '1 d (86400 s)',
      '30 d (2592000 s)',
      '1 d 1 h (90061 s)',
    ]);
    expect([0, -5, 1.4, 303, 2_591_999].map(humanDuration)).toEqual(['0 s', '0 s', '1 s', '5 min 3 s', '29 d 23 h']);
  });

  test('formatTime: UTC, and - for 0', () => {
    expect(formatTime(0)).toBe('-');
    expect(formatTime(1_763_773_323)).toBe('2025-11-22 01:02:03 UTC');
    expect(formatTime(new BigNumber(86_400))).toBe('1970-01-02 00:00:00 UTC');
  });
});

test('energy in Wh from Wh, kWh and MWh in either notation; intervals from and to local time (America/Sao_Paulo)', () => {
  expect([parseEnergy('0.75kWh'), parseEnergy('1,5 kWh'), parseEnergy('2MWh'), parseEnergy('750')].map(String)).toEqual(['750', '1500', '2000000', '750']);
  expect(() => parseEnergy('0.5Wh')).toThrow('Bad energy: "0.5Wh" is not a whole number of watt-hours.');
  expect(() => parseEnergy('2kW')).toThrow('Bad energy: "2kW" (examples: 750Wh, 0.75kWh, 2MWh).');
  expect(formatEnergy(1_250)).toBe('1.25 kWh (1250 Wh)');
  // 18:15 in São Paulo (UTC−3) is 21:15 UTC.
  const interval = Date.UTC(2026, 11, 1, 21, 15) / 1_000 / 900;
  expect(parseInterval('2026-12-01 18:15').toNumber()).toBe(interval);
  expect(parseInterval('2026-12-01T18:15').toNumber()).toBe(interval);
  expect(parseInterval(String(interval)).toNumber()).toBe(interval);
  expect(formatInterval(interval)).toBe('2026-12-01 18:15–18:30 (America/Sao_Paulo)');
  // The day's last interval ends at midnight.
  expect(formatInterval(parseInterval('2026-12-01 23:45'))).toBe('2026-12-01 23:45–00:00 (America/Sao_Paulo)');
  expect(() => parseInterval('2026-12-01 18:10')).toThrow('is not on a quarter hour');
  expect(() => parseInterval('yesterday')).toThrow('Bad interval: "yesterday"');
});
