/**
 * The auditor's exports (src/audit/exports.ts) checked against the contracts' reads,
 * row by row: what a utility's analyst would do with the CSV files and the reads. The
 * files are read as a spreadsheet shows them: RFC 4180 cells, and a cell guarded
 * against formula injection (a leading ' before =, +, -, @, tab or CR) read as its text.
 */
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as path from 'path';
import type { Verdict } from '../src/audit/audit';
import type { AuditedGroup } from '../src/audit/events';
import { unguardCell } from '../src/audit/exports';

/** One CSV line's cells (RFC 4180 quoting), as written: a guarded cell keeps its quote. */
export const cells = (line: string): string[] => {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }

  return [...out, cell];
};

/**
 * A CSV file's rows after its header, each cell's text with the formula guard taken off.
 * Lines are split outside quotes only (a quoted cell may hold a line break).
 */
export const csv = (file: string): string[][] => {
  const text = fs.readFileSync(file, 'utf8').replace(/\n$/, '');
  const lines: string[] = [];
  let line = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
    }
    if (char === '\n' && !quoted) {
      lines.push(line);
      line = '';
    } else {
      line += char;
    }
  }
  lines.push(line);

  return lines.slice(1).map((row) => cells(row).map(unguardCell));
};

const iso = (seconds: BigNumber | undefined): string | undefined =>
  seconds === undefined ? undefined : new Date(seconds.toNumber() * 1_000).toISOString();

/**
 * allocation.csv, referendums.csv, events.csv and audit.json in `dir` against the reads:
 * every member and the treasury, shares adding up to 100 %, every referendum with its
 * proposal, one journal line per event. Returns the allocation rows.
 */
export const expectExportsMatchReads = async (group: AuditedGroup, dir: string, verdict: Verdict): Promise<string[][]> => {
  const { ledger, referendums } = group;
  const allocation = csv(path.join(dir, 'allocation.csv'));
  const summary = await ledger.groupSummary();
  expect(allocation).toHaveLength(summary.members.toNumber() + 1);
  let share = new BigNumber(0);
  for (const [utility, address, profileHash, quotaW, sharePercent, seb] of allocation) {
    share = share.plus(sharePercent);
    if (utility === 'treasury') {
      const treasury = await ledger.treasury();
      expect([address, quotaW, seb]).toEqual([group.contracts.ledger, treasury.quotaW.toFixed(0), treasury.tokens.toFixed(8)]);
    } else {
      const member = await ledger.member(address);
      expect([utility, profileHash, quotaW, seb]).toEqual([
        member?.utility,
        member?.profileHash,
        member?.quotaW.toFixed(0),
        member?.tokens.toFixed(8),
      ]);
    }
    // Each share is within 0.000001 % of quota / capacity.
    const exact = summary.totalCapacityW.isZero() ? new BigNumber(0) : new BigNumber(quotaW).div(summary.totalCapacityW).times(100);
    expect([address, exact.minus(sharePercent).abs().lte('0.000001')]).toEqual([address, true]);
  }
  expect(share.toFixed(6)).toBe(summary.totalCapacityW.isZero() ? '0.000000' : '100.000000');

  const journal = fs.readFileSync(path.join(dir, 'events.csv'), 'utf8').trim().split('\n');
  const rows = csv(path.join(dir, 'referendums.csv'));
  for (const [rID, kind, proposer, subject, openedAt, endsAt, electorate, yes, no, outcome, proposal, lapseReason] of rows) {
    const read = await referendums.referendum(rID);
    expect([rID, kind, proposer, subject, openedAt, endsAt, electorate, yes, no, outcome]).toEqual([
      rID,
      read?.kind,
      read?.proposer,
      read?.subject,
      iso(read?.openedAt),
      iso(read?.endsAt),
      read?.electorate.toFixed(),
      read?.yes.toFixed(),
      read?.no.toFixed(),
      read?.status,
    ]);
    // The proposal column holds the fields the referendum's kind uses (the others are empty).
    const values = await referendums.proposal(rID);
    const used = Object.entries(values ?? {}).filter(
      ([, value]) => value !== undefined && value !== '' && !(BigNumber.isBigNumber(value) && value.isZero()),
    );
    expect([rID, JSON.parse(proposal)]).toEqual([
      rID,
      Object.fromEntries(used.map(([key, value]) => [key, BigNumber.isBigNumber(value) ? value.toFixed() : value])),
    ]);
    // A lapsed referendum's reason is the one its lapse event gave (no read holds it); the others have none.
    const lapse = journal.find((line) => line.includes(',referendums,lapse,') && line.includes(`""rID"":""${rID}""`));
    expect([rID, lapseReason]).toEqual([rID, outcome === 'lapsed' ? JSON.parse(cells(lapse ?? '')[6]).reason : '']);
  }
  // Every referendum, in order: R1 … Rn, and no R(n+1) on chain.
  expect(rows.map(([rID]) => rID)).toEqual(rows.map((_, index) => `R${index + 1}`));
  expect(await referendums.referendum(`R${rows.length + 1}`)).toBeUndefined();

  expect(journal[0]).toBe('block,time,transaction,index,contract,event,parameters');
  expect(journal).toHaveLength(verdict.events + 1);
  const written = JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8'));
  expect(written).toMatchObject({
    ok: verdict.ok,
    events: verdict.events,
    members: verdict.members,
    violations: verdict.violations,
    ignored: verdict.ignored,
  });
  expect(typeof written.seconds).toBe('number');

  return allocation;
};
