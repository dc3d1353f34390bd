/**
 * What the command line prints: aligned text for people, plain JSON for scripts
 * (`--json`: BigNumbers as strings in the client's units, undefined as null).
 */
import BigNumber from 'bignumber.js';

/** BigNumbers as strings, undefined as null: the stable JSON of `--json`. */
export const plain = (value: any): any => {
  if (BigNumber.isBigNumber(value)) {
    return value.toFixed();
  }
  if (value === undefined) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }

  return value;
};

export const printJSON = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(plain(value), undefined, 2)}\n`);
};

export const print = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

/** `label  value` lines with the labels padded to one width. */
export const fields = (rows: ReadonlyArray<readonly [string, string]>, indent = ''): string => {
  const width = Math.max(0, ...rows.map(([label]) => label.length));

  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join('\n');
};

/** An aligned table with a header row; `right` lists the columns aligned right. */
export const table = (
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  right: readonly number[] = [],
): string => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();

  return [line(header), ...rows.map(line)].join('\n');
};
