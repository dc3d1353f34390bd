/**
 * The auditor's CSV cells (src/audit/exports.ts) without a node: RFC 4180 quoting and
 * the guard against formula injection (OWASP, "CSV Injection"): a text cell a
 * spreadsheet would read as a formula gets a leading single quote; numbers stay numbers;
 * a reader that takes the quote off gets the text back.
 */
import BigNumber from 'bignumber.js';
import { allocation, csvCell, csvRow, referendumRows, unguardCell } from '../../src/audit/exports';
import type { GroupState } from '../../src/audit/rebuild';
import { cells } from '../exports';

const HYPERLINK = '=HYPERLINK("http://x","y")';

test('a cell that starts like a formula gets a leading quote and double quotes; numbers, even negative, stay numbers', () => {
  expect(
    [HYPERLINK, '+1+2', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\t=1', '\r=1', "'=1", 'Light', 'a,b', 'say "hi"', 'line\nbreak'].map(csvCell),
  ).toEqual([
    `"'=HYPERLINK(""http://x"",""y"")"`,
    `"'+1+2"`,
    `"'-2+3+cmd|' /C calc'!A0"`,
    `"'@SUM(A1)"`,
    `"'\t=1"`,
    `"'\r=1"`,
    // A text that starts with ' and = keeps its own quote after the guard's.
    `"''=1"`,
    'Light',
    '"a,b"',
    '"say ""hi"""',
    '"line\nbreak"',
  ]);
  expect([-5, '-12.5', '-0.00000001', new BigNumber('-3'), 0, '42', undefined, null].map(csvCell)).toEqual([
    '-5',
    '-12.5',
    '-0.00000001',
    '-3',
    '0',
    '42',
    '',
    '',
  ]);
  // Only a whole decimal number escapes the guard: these are text.
  expect(['-1e5', '-5 W', '- 5', '+5'].map(csvCell)).toEqual([`"'-1e5"`, `"'-5 W"`, `"'- 5"`, `"'+5"`]);
});

test('a row read back (RFC 4180, the guard taken off) gives every value as written', () => {
  const values = [HYPERLINK, '-7', "'=1", '@x', 'Light, Inc.', '"quoted"', '-2.50', '\t tab'];
  expect(cells(csvRow(values)).map(unguardCell)).toEqual(values);
  // Cells that were not guarded are never changed by taking the guard off.
  expect(['Light', "'plain", "'", '-5'].map(unguardCell)).toEqual(['Light', "'plain", "'", '-5']);
});

test('allocation and referendum rows guard a utility named like a formula, and keep the numbers', () => {
  const member = {
    utility: HYPERLINK,
    profileHash: '0x01',
    quotaW: new BigNumber(600),
    tokens: new BigNumber('0.6'),
    serial: 1,
  };
  const state = {
    members: new Map([['AX1', member]]),
    treasury: { quotaW: new BigNumber(400), tokens: new BigNumber('0.4') },
    totalCapacityW: new BigNumber(1000),
    referendums: new Map([
      [
        'R1',
        {
          kind: 'plantUtility',
          proposer: 'AX1',
          subject: 'P1',
          openedAt: 1_700_000_000,
          endsAt: new BigNumber(1_702_592_000),
          electorate: 1,
          yes: 1,
          no: 0,
          status: 'lapsed',
          proposal: { utility: '@evil', capacityW: new BigNumber(0) },
          reason: '=1+1',
        },
      ],
    ]),
  } as unknown as GroupState;
  const rows = allocation(state, 'ATreasury').map((entry) =>
    csvRow([entry.utility, entry.address, entry.profileHash, entry.quotaW, entry.sharePercent, entry.seb]),
  );
  expect(rows).toEqual([`"'=HYPERLINK(""http://x"",""y"")",AX1,0x01,600,60.000000,0.60000000`, 'treasury,ATreasury,,400,40.000000,0.40000000']);
  const [referendum] = referendumRows(state);
  // The proposal column is JSON (it starts with {); the lapse reason is text.
  expect(cells(referendum)).toEqual([
    'R1',
    'plantUtility',
    'AX1',
    'P1',
    '2023-11-14T22:13:20.000Z',
    '2023-12-14T22:13:20.000Z',
    '1',
    '1',
    '0',
    'lapsed',
    '{"utility":"@evil"}',
    "'=1+1",
  ]);
});
