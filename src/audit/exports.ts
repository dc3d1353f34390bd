/**
 * What the auditor writes for the distribution utility and the regulator (README,
 * "The auditor"): allocation.csv, events.csv, referendums.csv and audit.json.
 * CSV: comma-separated, one header line, UTF-8, RFC 4180 quoting, and cells guarded
 * against formula injection (OWASP, "CSV Injection"): a cell that starts with =, +, -,
 * @, a tab or a carriage return, such as a utility named `=HYPERLINK("http://x","y")`,
 * gets a leading single quote and double quotes, so a spreadsheet shows it as text
 * and runs nothing. A cell that is a plain decimal number (`-12.5`) is left as it is:
 * numeric columns stay numbers. A reader takes the quote off (`unguardCell`).
 *
 * v1.1: events.csv holds the events of the four contracts (contract ledger, trades,
 * plants or referendums); referendums.csv's outcome may be `lapsed`, with the reason
 * in its last column, lapseReason; the shares of allocation.csv are apportioned by
 * src/domain/apportion.ts, the contracts' own largest-remainder rule. Transactions the
 * auditor left out (neo-one's `error` notification) are listed in audit.json, `ignored`.
 */
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as path from 'path';
import { apportion } from '../domain/apportion';
import type { Audit } from './audit';
import type { EnergySetting } from '../chain/group';
import { ALLOCATION_HEADER, allocationRows, ENERGY_HEADER, energyRows } from './energy';
import { GroupEvent, GroupState } from './rebuild';

/**
 * What a spreadsheet reads as the start of a formula (OWASP's list), after any quotes
 * (so a text that itself starts with ' and = is guarded too, and reads back unchanged).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A plain decimal number: the exports' numeric cells (quotaW, SEB, shares, blocks, counts). */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** One CSV cell: guarded against formula injection, then quoted per RFC 4180 when needed. */
export const csvCell = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(text) && !DECIMAL.test(text)) {
    return `"'${text.replace(/"/g, '""')}"`;
  }

  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A cell's text as written by csvCell, once unquoted: the guarding quote taken off. */
export const unguardCell = (cell: string): string => (/^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** One CSV line. */
export const csvRow = (values: readonly unknown[]): string => values.map(csvCell).join(',');
const row = csvRow;

/** Parameters as JSON with BigNumbers as decimal strings. */
const parametersJSON = (parameters: Readonly<Record<string, unknown>>): string =>
  JSON.stringify(parameters, (_key, value) => (BigNumber.isBigNumber(value) ? value.toFixed() : value));

export const JOURNAL_HEADER = row(['block', 'time', 'transaction', 'index', 'contract', 'event', 'parameters']);

/** One events.csv line: block, ISO time (UTC), transaction hash, position in it, contract, event, parameters. */
export const journalRow = (event: GroupEvent): string =>
  row([
    event.blockIndex,
    new Date(event.blockTime * 1_000).toISOString(),
    event.transactionHash,
    event.index,
    event.contract,
    event.name,
    parametersJSON(event.parameters),
  ]);

export interface AllocationRow {
  readonly utility: string;
  readonly address: string;
  readonly profileHash: string;
  readonly quotaW: string;
  /** Share of the group's capacity, % with 6 decimals; the rows add up to exactly 100. */
  readonly sharePercent: string;
  readonly seb: string;
}

/**
 * Each holder's share of the group's capacity: quotaW / totalCapacityW in units of
 * 0.000001 %, largest remainders rounded up (ties to the earlier row), so the shares add
 * up to 100.000000 % exactly, as a utility's apportionment list must. Members by utility,
 * then address; the treasury (removed members' holdings) last, with utility "treasury".
 */
export const allocation = (state: GroupState, treasury: string): AllocationRow[] => {
  const holders = [...state.members]
    .map(([address, member]) => ({ utility: member.utility, address, profileHash: member.profileHash, quotaW: member.quotaW, seb: member.tokens }))
    .sort((left, right) => left.utility.localeCompare(right.utility) || left.address.localeCompare(right.address));
  holders.push({ utility: 'treasury', address: treasury, profileHash: '', quotaW: state.treasury.quotaW, seb: state.treasury.tokens });
  const total = state.totalCapacityW;
  const shares = total.isZero()
    ? holders.map(() => 0n)
    : apportion(100_000_000n, holders.map((holder) => BigInt(holder.quotaW.toFixed(0))));

  return holders.map((holder, index) => ({
    utility: holder.utility,
    address: holder.address,
    profileHash: holder.profileHash,
    quotaW: holder.quotaW.toFixed(0),
    sharePercent: new BigNumber(shares[index].toString()).div(1_000_000).toFixed(6),
    seb: holder.seb.toFixed(8),
  }));
};

export const referendumRows = (state: GroupState): string[] =>
  [...state.referendums].map(([rID, referendum]) => {
    const { proposal } = referendum;
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(proposal)) {
      const empty = value === undefined || value === '' || (BigNumber.isBigNumber(value) && value.isZero());
      if (!empty) {
        values[key] = value;
      }
    }

    return row([
      rID,
      referendum.kind,
      referendum.proposer,
      referendum.subject,
      new Date(referendum.openedAt * 1_000).toISOString(),
      new Date(referendum.endsAt.toNumber() * 1_000).toISOString(),
      referendum.electorate,
      referendum.yes,
      referendum.no,
      referendum.status,
      parametersJSON(values),
      referendum.reason,
    ]);
  });

/**
 * Writes the exports to `dir` (created if missing); returns their paths: the four of the
 * group, and with the energy layer energy.csv and, per billing cycle with plant production,
 * allocation-<YYYY-MM>.csv (src/audit/energy.ts: the utility's percentages in the
 * brazil-dg setting, the default; none in the microgrid setting).
 */
export const writeExports = (dir: string, result: Audit, setting: EnergySetting = 'brazil-dg'): string[] => {
  fs.mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    [
      'allocation.csv',
      [
        row(['utility', 'address', 'profileHash', 'quotaW', 'sharePercent', 'seb']),
        ...allocation(result.state, result.checkpoint.rebuild.treasury).map((entry) =>
          row([entry.utility, entry.address, entry.profileHash, entry.quotaW, entry.sharePercent, entry.seb]),
        ),
      ].join('\n'),
    ],
    ['events.csv', [JOURNAL_HEADER, ...result.journal].join('\n')],
    [
      'referendums.csv',
      [
        row(['rID', 'kind', 'proposer', 'subject', 'openedAt', 'endsAt', 'electorate', 'yes', 'no', 'outcome', 'proposal', 'lapseReason']),
        ...referendumRows(result.state),
      ].join('\n'),
    ],
    ['audit.json', JSON.stringify(result.verdict, undefined, 2)],
  ];
  const { energy } = result;
  if (energy !== undefined) {
    files.push(['energy.csv', [row(ENERGY_HEADER), ...energyRows(energy).map(row)].join('\n')]);
    // The utility's allocation lists exist only under Brazil's compensation system.
    for (const cycle of setting === 'brazil-dg' ? [...energy.quotaAtCycleStart.keys()].sort() : []) {
      files.push([`allocation-${cycle}.csv`, [row(ALLOCATION_HEADER), ...allocationRows(energy, cycle).map(row)].join('\n')]);
    }
  }

  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${text}\n`);

    return file;
  });
};
