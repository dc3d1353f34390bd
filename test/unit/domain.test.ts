/**
 * The rules of src/domain/, at their edges, and each constant stated there against the
 * contract source it mirrors (read as text: no compiler, no node), so a change in one
 * place without the other fails here.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { apportion, cutThresholdOf, keptAmounts, quotasOf } from '../../src/domain/apportion';
import {
  fundingClosable,
  invitationOpen,
  offerOpen,
  pledgesOpen,
  resultAllowed,
  timeToMarketPassed,
  votingOpen,
} from '../../src/domain/deadlines';
import { idNumber, idProblem, isAnyID, isOfferID, isPlantID, isReferendumID, membershipBinding, normalizeID, offerID, plantID, referendumID } from '../../src/domain/ids';
import { canLapse, closesEarly, decidedOutcome, isApproved, majorityImpossible, outcomeAt, resolvedStatus } from '../../src/domain/majority';
import {
  CANCEL_PAGE,
  CUT_CHECK_PAGE,
  ISSUE_PAGE,
  LIST_PAGE_LIMIT,
  PLEDGE_READ_LIMIT,
  QUOTA_CHECK_PAGE,
  RELEASE_PAGE,
  startOperationPages,
} from '../../src/domain/pages';
import { MAX_COST_CENTS, MAX_TIME_TO_MARKET, MAX_VALID_FOR, SEB_DECIMALS, SEB_PER_WATT, WATTS_PER_SEB } from '../../src/domain/units';
import { MAX_UTILITY_BYTES, UTILITY_MESSAGE, utilityBytes, utilityProblem, validUtility } from '../../src/domain/utility';

const source = (name: string): string => readFileSync(join(__dirname, '../../neo-one/contracts', `${name}.ts`), 'utf8');
const contracts = {
  MTEMsm: source('MTEMsm'),
  MTEMsmPlants: source('MTEMsmPlants'),
  MTEMsmReferendums: source('MTEMsmReferendums'),
  MTEMsmTrades: source('MTEMsmTrades'),
};

/** The numbers captured by `pattern` in a contract's source (each occurrence), as written there. */
const literals = (contract: keyof typeof contracts, pattern: RegExp): number[] =>
  [...contracts[contract].matchAll(new RegExp(pattern.source, 'g'))].map((match) => Number(match[1].replace(/_/g, '')));

test('each page size, bound and unit of src/domain is the contracts’ literal', () => {
  const cases: ReadonlyArray<readonly [string, number, keyof typeof contracts, RegExp, number]> = [
    // [constant, value here, contract, its literal there, occurrences]
    ['LIST_PAGE_LIMIT (listOfMembers)', LIST_PAGE_LIMIT, 'MTEMsm', /limit <= 0 \|\| limit > ([\d_]+)\)/, 1],
    ['LIST_PAGE_LIMIT (plants’ page())', LIST_PAGE_LIMIT, 'MTEMsmPlants', /limit <= 0 \|\| limit > ([\d_]+)\)/, 1],
    ['PLEDGE_READ_LIMIT', PLEDGE_READ_LIMIT, 'MTEMsmPlants', /if \(limit > ([\d_]+)\) \{\s*throw new Error\('Pages of pledges/, 1],
    ['CUT_CHECK_PAGE', CUT_CHECK_PAGE, 'MTEMsmPlants', /const CUT_CHECK_PAGE = ([\d_]+);/, 1],
    ['QUOTA_CHECK_PAGE', QUOTA_CHECK_PAGE, 'MTEMsmPlants', /const QUOTA_CHECK_PAGE = ([\d_]+);/, 1],
    ['RELEASE_PAGE', RELEASE_PAGE, 'MTEMsmPlants', /const RELEASE_PAGE = ([\d_]+);/, 1],
    ['CANCEL_PAGE', CANCEL_PAGE, 'MTEMsmPlants', /const last = funders > ([\d_]+) \? funders - \1 : 0;/, 1],
    ['ISSUE_PAGE', ISSUE_PAGE, 'MTEMsmPlants', /const last = done \+ ([\d_]+);/, 1],
    ['MAX_UTILITY_BYTES (requireUtility)', MAX_UTILITY_BYTES, 'MTEMsmReferendums', /bytes === 0 \|\| bytes > ([\d_]+)\)/, 1],
    ['MAX_UTILITY_BYTES (changeProfile)', MAX_UTILITY_BYTES, 'MTEMsm', /bytes === 0 \|\| bytes > ([\d_]+)\)/, 1],
    ['SEB_PER_WATT (issue, treasury, totals)', Number(SEB_PER_WATT), 'MTEMsm', /(?:watts|capacityW|treasuryQuotaW|\[1\]) \* ([\d_]+)/, 5],
    ['MAX_COST_CENTS', Number(MAX_COST_CENTS), 'MTEMsmReferendums', /cost > ([\d_]+)\)/, 1],
    ['MAX_TIME_TO_MARKET', MAX_TIME_TO_MARKET, 'MTEMsmReferendums', /timeToMarket > ([\d_]+)\)/, 1],
    ['MAX_VALID_FOR', MAX_VALID_FOR, 'MTEMsmTrades', /validFor > ([\d_]+)\)/, 1],
  ];
  for (const [name, value, contract, pattern, occurrences] of cases) {
    expect([name, literals(contract, pattern)]).toEqual([name, Array(occurrences).fill(value)]);
  }
  // Units: 1 SEB (1e8 raw) == 1 kW.
  expect(SEB_PER_WATT * BigInt(WATTS_PER_SEB)).toBe(10n ** BigInt(SEB_DECIMALS));
  expect(contracts.MTEMsmReferendums).toContain(`throw new Error('${UTILITY_MESSAGE}')`);
  expect(contracts.MTEMsm).toContain(`throw new Error('${UTILITY_MESSAGE}')`);
  // The majority and early close as the contract writes them (MTEMsmReferendums.outcomeOf).
  expect(contracts.MTEMsmReferendums).toContain('const approved = yes * 2 > electorate;');
  expect(contracts.MTEMsmReferendums).toContain('if (!approved && no * 2 < electorate && Blockchain.currentBlockTime <= endsAt) {');
  // The IDs as the contracts make them.
  expect(contracts.MTEMsmReferendums).toContain('const rID = `R${opened + 1}`;');
  expect(contracts.MTEMsmTrades).toContain('const offerID = `T${count}`;');
  expect(contracts.MTEMsm).toMatch(/`P\$\{addTotals\(/);
  expect(contracts.MTEMsm).toContain('`#${serial}`, 0]');
});

test('majority of the electorate: exactly half is not a majority, nor a majority of the votes cast', () => {
  // [yes, no, electorate] → approved, decided before endsAt, after endsAt.
  const cases: ReadonlyArray<readonly [number, number, number, boolean, string | undefined, string]> = [
    [2, 0, 4, false, undefined, 'rejected'], // exactly half yes
    [2, 2, 4, false, 'rejected', 'rejected'], // exactly half no: the yes can no longer reach 3
    [3, 0, 4, true, 'approved', 'approved'],
    [3, 0, 5, true, 'approved', 'approved'],
    [2, 1, 5, false, undefined, 'rejected'], // a majority of the votes cast, not of the electorate
    [2, 2, 5, false, undefined, 'rejected'],
    [2, 3, 5, false, 'rejected', 'rejected'],
    [0, 0, 1, false, undefined, 'rejected'],
    [1, 0, 1, true, 'approved', 'approved'],
    [0, 1, 1, false, 'rejected', 'rejected'],
    [1, 0, 2, false, undefined, 'rejected'],
    [0, 1, 2, false, 'rejected', 'rejected'],
    [65, 1, 131, false, undefined, 'rejected'], // 65 of 66 votes cast, not 66 of 131
    [66, 65, 131, true, 'approved', 'approved'],
    [66, 0, 130, true, 'approved', 'approved'],
    [65, 65, 130, false, 'rejected', 'rejected'],
  ];
  for (const [yes, no, electorate, approved, early, late] of cases) {
    const row = [yes, no, electorate];
    expect([row, isApproved(yes, electorate), decidedOutcome(yes, no, electorate)]).toEqual([row, approved, early]);
    expect([row, outcomeAt(yes, no, electorate, 1000, 1000), outcomeAt(yes, no, electorate, 1001, 1000)]).toEqual([row, early, late]);
  }
});

test('early close at the ballot that decides it, and not one before', () => {
  // Electorate 7: the 4th yes approves, at the last ballot here; 4 no reject (3 yes are then all that is left).
  const endsAt = 5000;
  const tally = { yes: 0, no: 0 };
  const decisions: Array<string | undefined> = [];
  for (const answer of [true, false, true, false, true, false, true]) {
    tally[answer ? 'yes' : 'no'] += 1;
    decisions.push(outcomeAt(tally.yes, tally.no, 7, endsAt - 1, endsAt));
  }
  expect(decisions).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 'approved']);
  expect([3, 4].map((no) => majorityImpossible(no, 7))).toEqual([false, true]);
  expect(closesEarly(4, 3, 7, endsAt, endsAt)).toBe(true);
  expect(closesEarly(4, 3, 7, endsAt + 1, endsAt)).toBe(false);
  expect(closesEarly(3, 3, 7, endsAt, endsAt)).toBe(false);
  const rejecting = [false, false, false, false].map((_, index) => outcomeAt(0, index + 1, 7, endsAt, endsAt));
  expect(rejecting).toEqual([undefined, undefined, undefined, 'rejected']);
  // At endsAt the call is still refused without a decision; one second later it rejects.
  expect([outcomeAt(3, 3, 7, endsAt, endsAt), outcomeAt(3, 3, 7, endsAt + 1, endsAt)]).toEqual([undefined, 'rejected']);
  // Lapses: only an approved change.
  expect([resolvedStatus(false, 'gone'), resolvedStatus(true), resolvedStatus(true, 'The member has already left the group.')]).toEqual([
    'rejected',
    'approved',
    'lapsed',
  ]);
  expect(['admission', 'powerUp', 'correction', 'removal', 'plantUtility', 'plantRemoval'].filter(canLapse)).toEqual([
    'correction',
    'removal',
    'plantUtility',
    'plantRemoval',
  ]);
});

test('deadlines include their last second', () => {
  const at = 1_000;
  // [rule, at −1 s, at, at +1 s]
  expect([votingOpen(at - 1, at), votingOpen(at, at), votingOpen(at + 1, at)]).toEqual([true, true, false]);
  expect([resultAllowed(at - 1, at), resultAllowed(at, at), resultAllowed(at + 1, at)]).toEqual([false, false, true]);
  expect([invitationOpen(at - 1, at), invitationOpen(at, at), invitationOpen(at + 1, at)]).toEqual([true, true, false]);
  expect([offerOpen(at - 1, at), offerOpen(at, at), offerOpen(at + 1, at)]).toEqual([true, true, false]);
  expect([pledgesOpen(at - 1, at), pledgesOpen(at, at), pledgesOpen(at + 1, at)]).toEqual([true, true, false]);
  expect([timeToMarketPassed(at - 1, 400, 600), timeToMarketPassed(at, 400, 600), timeToMarketPassed(at + 1, 400, 600)]).toEqual([false, true, true]);
  // Funding ends at 1000; opened at 0 with a window of 700: fully pledged closes from 700, otherwise after 1000.
  expect([699, 700, 701].map((now) => fundingClosable(now, at, true, 0, 700))).toEqual([false, true, true]);
  expect([999, 1000, 1001].map((now) => fundingClosable(now, at, false, 0, 700))).toEqual([false, false, true]);
});

test('utility names: 1 to 64 bytes of UTF-8', () => {
  expect(['', 'a', 'Light', 'x'.repeat(64), 'x'.repeat(65), 'ç'.repeat(32), 'ç'.repeat(33)].map(validUtility)).toEqual([
    false,
    true,
    true,
    true,
    false,
    true,
    false,
  ]);
  expect(utilityBytes('Energisa Mato Grosso do Sul ç')).toBe(30);
  expect(utilityProblem('Light')).toBeUndefined();
  expect(utilityProblem('')).toBe('The utility name is empty (it needs 1 to 64 bytes).');
  expect(utilityProblem('ç'.repeat(33))).toBe(`The utility name "${'ç'.repeat(20)}…" has 66 bytes of UTF-8; at most 64 are allowed.`);
});

test('IDs as the contracts write them', () => {
  expect([referendumID(1), plantID(12), offerID(3), membershipBinding(7)]).toEqual(['R1', 'P12', 'T3', '#7']);
  expect(['R1', 'R10', 'R0', 'R01', 'r1', 'P1', ' R1', 'R1x'].map(isReferendumID)).toEqual([true, true, false, false, false, false, false, false]);
  expect(['P3', 'T3'].map(isPlantID)).toEqual([true, false]);
  expect(['T3', 'P3'].map(isOfferID)).toEqual([true, false]);
  expect([idNumber('P', 'P12'), idNumber('P', 'R12')]).toEqual([12, undefined]);
  expect([normalizeID('T', 't4'), normalizeID('T', ' T4'), normalizeID('T', 'T0')]).toEqual(['T4', undefined, undefined]);
  expect([idProblem('P', 'p2'), idProblem('P', 'X1'), idProblem('R', 'R-1')]).toEqual([undefined, 'Bad plant ID "X1" (like P1).', 'Bad referendum ID "R-1" (like R1).']);
  expect(['R2', 'P3', 'T4', 'X1', ''].map(isAnyID)).toEqual([true, true, true, false, false]);
});

test('largest remainder: ties to the earlier, the parts add up, a cut keeps the cost', () => {
  expect(apportion(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
  expect(apportion(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
  expect(apportion(7n, [5n, 3n, 2n])).toEqual([4n, 2n, 1n]);
  expect(apportion(0n, [1n, 2n])).toEqual([0n, 0n]);
  // Conservation over awkward weights.
  for (const total of [1n, 7n, 999n, 10_000n, 5_000_000n]) {
    for (const weights of [[1n], [1n, 2n], [3n, 3n, 3n], [1n, 1_000_000n, 7n], [13n, 17n, 19n, 23n, 29n]]) {
      const parts = apportion(total, weights);
      expect([total, weights, parts.reduce((a, b) => a + b, 0n)]).toEqual([total, weights, total]);
    }
  }
  // R$ 100.00 oversubscribed by three R$ 100.00 pledges: 33.34, 33.33, 33.33; the order breaks the tie, not the position.
  const pledges = [
    { amount: 100_00n, order: 3n },
    { amount: 100_00n, order: 1n },
    { amount: 100_00n, order: 2n },
  ];
  expect(keptAmounts(100_00n, pledges)).toEqual([33_33n, 33_34n, 33_33n]);
  expect(cutThresholdOf(100_00n, pledges) > 0n).toBe(true);
  expect(cutThresholdOf(300_00n, pledges)).toBe(0n);
  // 10 kW over the kept cents: the watts add up to the capacity.
  expect(quotasOf(10_000n, 100_00n, pledges)).toEqual([3_333n, 3_334n, 3_333n]);
  expect(startOperationPages(9)).toBe(2 + 9);
});
