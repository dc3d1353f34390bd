/**
 * The auditor's rebuild (src/audit/rebuild.ts) without a node:
 * - from recorded events: test/fixtures/rebuild-events.json holds the events of
 *   test/rebuild.test.ts's chain scenario (every v1.1 event kind and status) and the four
 *   contracts' reads after it. Re-record it after a contract or event change with
 *   `MTEMSM_RECORD_EVENTS=1 npx jest test/rebuild.test.ts` (it writes the file only once
 *   every check of that run has passed); the state rebuilt here must give those reads.
 * - from hand-written events: the first event that breaks an invariant is named, and
 *   events no chain of these contracts can produce are refused.
 */
import BigNumber from 'bignumber.js';
import { readFileSync } from 'fs';
import { join } from 'path';
import { contributionsOf, ContractRole, decode, GroupEvent, offerStatus, rebuild, RebuildError } from '../../src/audit/rebuild';
import { ORDER_BASE, thresholdOf } from '../../src/domain/apportion';
import { flat } from '../flat';

const big = (value: number | string): BigNumber => new BigNumber(value);


interface Fixture {
  readonly treasury: string;
  readonly names: Record<'F' | 'A' | 'B' | 'C' | 'H' | 'G' | 'D' | 'E' | 'X', string>;
  readonly rIDs: Record<string, string>;
  readonly events: unknown;
  readonly reads: {
    readonly now: number;
    readonly listOfMembers: string[];
    readonly membersAfterRemovingH: { readonly lastBlock: number; readonly members: string[] };
    readonly summary: Record<string, string>;
    readonly treasury: Record<string, string>;
    readonly members: Record<string, { member: Record<string, string> | null; memberState: string[]; contributions: unknown[] }>;
    readonly plants: Record<string, Record<string, string>>;
    readonly referendums: Record<string, Record<string, string>>;
    readonly offers: Record<string, Record<string, string>>;
  };
}

const fixture: Fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/rebuild-events.json'), 'utf8'));
const recorded: GroupEvent[] = decode(fixture.events);

test('the state rebuilt from the recorded events gives the contracts’ reads of that run', () => {
  const { treasury, names, rIDs, reads } = fixture;
  const { state, violation } = rebuild(recorded, treasury);
  expect(violation).toBeUndefined();

  // Members: by admission serial, H's place (5) a gap; C left, D rejected, E pending, X only invited.
  const { F, A, B, C, H, G, D, E, X } = names;
  expect(state.listOfMembers).toEqual(reads.listOfMembers);
  expect(state.listOfMembers).toEqual([F, A, B, G]);
  expect(state.admissions).toBe(6);
  for (const address of [H, C, D, E, X]) {
    expect([address, state.members.has(address)]).toEqual([address, false]);
  }
  const before = rebuild(recorded.filter((event) => event.blockIndex <= reads.membersAfterRemovingH.lastBlock), treasury);
  expect(before.state.listOfMembers).toEqual(reads.membersAfterRemovingH.members);
  expect(before.state.listOfMembers).toEqual([F, A, B, C, G]);

  // Holdings, each member's state and pledges, as the ledger and the plants read them.
  for (const [address, read] of Object.entries(reads.members)) {
    const member = state.members.get(address);
    expect([address, member === undefined ? null : flat({ utility: member.utility, profileHash: member.profileHash, quotaW: member.quotaW, tokens: member.tokens, joinedAt: member.joinedAt })]).toEqual([
      address,
      read.member,
    ]);
    expect([address, flat(member === undefined ? [] : [member.serial, member.removals, member.reservedQuotaW, member.reservedTokens.times(1e8), member.pledges, member.openOffers])]).toEqual([
      address,
      read.memberState,
    ]);
    expect([address, flat(contributionsOf(state, address))]).toEqual([address, read.contributions]);
  }
  expect(flat({ quotaW: state.treasury.quotaW, tokens: state.treasury.tokens })).toEqual(reads.treasury);
  expect({ ...reads.summary, name: undefined, symbol: undefined, minPowerW: undefined }).toMatchObject(
    flat({ powerPlants: state.plants.size, members: state.members.size, totalSupply: state.totalSupply, totalCapacityW: state.totalCapacityW }),
  );
  // Only P1 issued: 10 kW of quota, 10 SEB.
  expect(flat([state.totalCapacityW, state.totalSupply])).toEqual(['10000', '10']);

  // Plants: P1 operating (cut pro rata), P2 failed, P3 removed while funding, P4 failed with no pledge.
  expect([...state.plants.keys()]).toEqual(Object.keys(reads.plants));
  for (const [ppID, read] of Object.entries(reads.plants)) {
    const { rID: _approvedBy, openedAt: _openedAt, pledged: _pledged, cutThreshold: _cut, quotaThreshold: _quota, done: _done, ...plant } = state.plants.get(ppID)!;
    expect([ppID, flat(plant)]).toEqual([ppID, read]);
  }
  expect(Object.values(reads.plants).map((plant) => plant.status)).toEqual(['operating', 'failed', 'removed', 'failed']);

  // Referendums: every outcome as read, and the ones a user checks by name.
  for (const [rID, read] of Object.entries(reads.referendums)) {
    const { kind, proposer, subject, openedAt, endsAt, electorate, yes, no, status } = state.referendums.get(rID)!;
    expect([rID, flat({ kind, proposer, subject, openedAt, endsAt, electorate, yes, no, status })]).toEqual([rID, read]);
  }
  const outcome = (name: string) => {
    const referendum = state.referendums.get(rIDs[name])!;

    return [name, referendum.status, referendum.yes, referendum.no, referendum.electorate];
  };
  expect(['rD', 'rRejected', 'r1', 'rFix', 'rFixRejected', 'rFixLapse', 'rRemoveC', 'rExpired', 'rOpenFix', 'rE'].map(outcome)).toEqual([
    ['rD', 'rejected', 0, 3, 6], // rejected early: exactly half say no
    ['rRejected', 'rejected', 0, 3, 6],
    ['r1', 'approved', 4, 0, 6],
    ['rFix', 'approved', 3, 1, 5],
    ['rFixRejected', 'rejected', 1, 3, 5],
    ['rFixLapse', 'lapsed', 3, 0, 5],
    ['rRemoveC', 'approved', 3, 0, 5],
    ['rExpired', 'rejected', 1, 0, 4], // a majority of the votes cast, not of the electorate, past endsAt
    ['rOpenFix', 'open', 0, 0, 4],
    ['rE', 'open', 1, 0, 4],
  ]);
  expect(state.referendums.get(rIDs.rFixLapse)?.reason).toBe('A side of the correction has left the group.');

  // Trade offers as tradeOffer read them at the recorded time.
  for (const [offerID, read] of Object.entries(reads.offers)) {
    const { from, to, quotaW, tokens, offeredAt, expiresAt } = state.offers.get(offerID)!;
    expect([offerID, flat({ from, to, quotaW, tokens, status: offerStatus(state, offerID, reads.now), offeredAt, expiresAt })]).toEqual([offerID, read]);
  }
});

test('recorded events that contradict the tally or the holdings are refused or reported', () => {
  const { treasury, rIDs } = fixture;
  // The expired correction (1 yes of 4) shown as approved: refused, naming the event.
  const position = recorded.findIndex((event) => event.name === 'process' && event.parameters.id === rIDs.rExpired && event.parameters.status === 'rejected');
  const approved = recorded.map((event, index) => (index === position ? { ...event, parameters: { ...event.parameters, status: 'approved' } } : event));
  expect(() => rebuild(approved, treasury)).toThrow(new RegExp(`^event ${position} .*${rIDs.rExpired} is approved at 1 yes and 0 no of 4$`));
  // One SEB issued to the treasury without its quota: invariant 1 breaks at that event.
  const last = recorded[recorded.length - 1];
  const extra: GroupEvent = {
    ...last,
    contract: 'ledger',
    name: 'transfer',
    parameters: { from: undefined, to: treasury, amount: big(1) },
    blockIndex: last.blockIndex + 1,
    transactionIndex: 0,
    transactionHash: '0xextra',
    index: 0,
  };
  const { violation } = rebuild([...recorded, extra], treasury);
  expect([violation?.position, violation?.broken.map((item) => item.invariant)]).toEqual([recorded.length, [1]]);
});

// ---------------------------------------------------------------- rebuild() on hand-written events

const TREASURY = 'AQVh2pG732YvtNaxEGkQUei3YA4cvo7d2i';
const [FOUNDER, ALICE, OUTSIDER] = ['AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG', 'AJoGx7DJyVN4vdzyEqwspzHgXkNnBmvmmn', 'AMbz77q5JXcDM6v7fRafQPDUhmpUJAYrnS'];
const HASH = `0x${'ab'.repeat(32)}`;

type Written = readonly [ContractRole, string, Record<string, unknown>];

/** Events of consecutive transactions, one block each (blockTime 1000 + block). */
const history = (transactions: ReadonlyArray<ReadonlyArray<Written>>): GroupEvent[] =>
  transactions.flatMap((transaction, block) =>
    transaction.map(([contract, name, parameters], index) => ({
      contract,
      name,
      parameters,
      blockIndex: block,
      blockTime: 1000 + block,
      transactionIndex: 1,
      transactionHash: `0x${block}`,
      index,
    })),
  );
const admitted = (address: string): Written => ['ledger', 'membership', { address, status: 'admitted', profileHash: HASH, utility: 'Light' }];
const quota = (from: string | undefined, to: string | undefined, quotaW: number): Written => ['ledger', 'quotaTransfer', { from, to, quotaW: big(quotaW) }];
const seb = (from: string | undefined, to: string | undefined, amount: string): Written => ['ledger', 'transfer', { from, to, amount: big(amount) }];
const plantProcess = (ppID: string, status: string): Written => ['plants', 'process', { id: ppID, status }];
const referendum = (rID: string, kind: string, member: string | undefined, electorate: number): ReadonlyArray<Written> => [
  ['referendums', 'referendum', { rID, kind, proposer: ALICE, plant: '', member, electorate: big(electorate), endsAt: big(9999) }],
  ['referendums', 'process', { id: rID, status: 'opened' }],
];
/** One transaction of yes ballots. */
const votedYes = (rID: string, members: readonly string[]): ReadonlyArray<Written> =>
  members.map((member) => ['referendums', 'ballot', { rID, member, answer: true }]);
/** Plant `ppID` approved by `rID` (its majority cast before) and registered: capacityW, cost in R$. */
const registered = (ppID: string, rID: string, capacityW: number, cost: number): ReadonlyArray<Written> => [
  ['referendums', 'process', { id: rID, status: 'approved' }],
  ['plants', 'plant', { ppID, rID, capacityW: big(capacityW), cost: big(cost), utility: 'Light', timeToMarket: big(0), fundingEndsAt: big(9999) }],
  plantProcess(ppID, 'funding'),
];
const pledge = (ppID: string, member: string, amount: number | string): Written => ['plants', 'offer', { ppID, member, amount: big(amount) }];
/** The watts threshold of a lone funder's plant (no watt left over). */
const loneQuota = (capacityW: number, cost: number): bigint => thresholdOf(BigInt(capacityW), [{ weight: BigInt(cost * 100), order: 1n }], BigInt(cost * 100));

// The founder and Alice; P1 (1000 W for R$ 100.00) funded by the founder alone and issued: 1000 W and 1 SEB.
const founding: ReadonlyArray<ReadonlyArray<Written>> = [
  [['ledger', 'attached', { role: 'trades', contract: OUTSIDER }]],
  [admitted(FOUNDER)],
  [admitted(ALICE)],
  referendum('R1', 'powerUp', undefined, 2),
  votedYes('R1', [FOUNDER, ALICE]),
  registered('P1', 'R1', 1000, 100),
  [pledge('P1', FOUNDER, 100)],
  [plantProcess('P1', 'funded')],
  [['plants', 'page', { ppID: 'P1', step: 'checking', done: big(1) }], ['plants', 'threshold', { ppID: 'P1', step: 'quota', threshold: big(loneQuota(1000, 100).toString()) }]],
  [quota(undefined, FOUNDER, 1000), seb(undefined, FOUNDER, '1'), plantProcess('P1', 'issuing'), ['plants', 'page', { ppID: 'P1', step: 'issuing', done: big(1) }], plantProcess('P1', 'operating')],
];

test('rebuild() follows hand-written events and names the first event that breaks an invariant', () => {
  const valid = rebuild(history(founding), TREASURY);
  expect(valid.violation).toBeUndefined();
  expect(flat(valid.state.members.get(FOUNDER))).toEqual({
    utility: 'Light',
    profileHash: HASH,
    quotaW: '1000',
    tokens: '1',
    joinedAt: '1001',
    serial: '1',
    removals: '0',
    reservedQuotaW: '0',
    reservedTokens: '0',
    pledges: '0',
    openOffers: '0',
  });
  expect(flat([valid.state.totalCapacityW, valid.state.totalSupply, valid.state.listOfMembers])).toEqual(['1000', '1', [FOUNDER, ALICE]]);
  expect(flat(valid.state.plants.get('P1'))).toMatchObject({ status: 'operating', raised: '100', funders: '1', done: '1' });

  // A removal inside one transaction (holdings move after `removed`) breaks nothing, and leaves a gap in the serials.
  const removal: ReadonlyArray<Written> = [
    ['ledger', 'membership', { address: FOUNDER, status: 'removed', profileHash: HASH, utility: 'Light' }],
    quota(FOUNDER, TREASURY, 1000),
    seb(FOUNDER, TREASURY, '1'),
  ];
  const removed = rebuild(history([...founding, removal, [admitted(FOUNDER)]]), TREASURY);
  expect(removed.violation).toBeUndefined();
  expect(flat([removed.state.listOfMembers, removed.state.treasury, removed.state.members.get(FOUNDER)?.serial])).toEqual([
    [ALICE, FOUNDER],
    { quotaW: '1000', tokens: '1', reservedQuotaW: '0', reservedTokens: '0' },
    '3',
  ]);

  const ballot = (rID: string, member: string): ReadonlyArray<Written> => [['referendums', 'ballot', { rID, member, answer: true }]];
  // P2 (R$ 100.00) oversubscribed by three pledges of R$ 100.00: each keeps R$ 33.33, and one cent by the cut's threshold.
  const oversubscribed = (threshold: string): ReadonlyArray<ReadonlyArray<Written>> => [
    ...founding,
    [admitted(OUTSIDER)],
    referendum('R2', 'powerUp', undefined, 3),
    votedYes('R2', [FOUNDER, ALICE]),
    registered('P2', 'R2', 1000, 100),
    [pledge('P2', FOUNDER, 100)],
    [pledge('P2', ALICE, 100)],
    [pledge('P2', OUTSIDER, 100)],
    [plantProcess('P2', 'closing'), ['plants', 'page', { ppID: 'P2', step: 'checking', done: big(3) }]],
    [['plants', 'page', { ppID: 'P2', step: 'checking', done: big(3) }], ['plants', 'threshold', { ppID: 'P2', step: 'cut', threshold: big(threshold) }]],
  ];
  const cut = thresholdOf(100_00n, [1n, 2n, 3n].map((order) => ({ weight: 100_00n, order })), 300_00n);
  const kept = rebuild(history(oversubscribed(cut.toString())), TREASURY);
  expect(flat([...kept.state.pledges.get('P2')!.values()])).toEqual(['33.34', '33.33', '33.33']);
  const release = (amounts: readonly string[]): ReadonlyArray<Written> => [
    pledge('P2', FOUNDER, amounts[0]),
    pledge('P2', ALICE, amounts[1]),
    pledge('P2', OUTSIDER, amounts[2]),
    ['plants', 'page', { ppID: 'P2', step: 'releasing', done: big(3) }],
    plantProcess('P2', 'funded'),
  ];
  expect(rebuild(history([...oversubscribed(cut.toString()), release(['33.34', '33.33', '33.33'])]), TREASURY).violation).toBeUndefined();

  const cases: ReadonlyArray<readonly [string, GroupEvent[], number, number[]]> = [
    // [what, events, position of the reported event, broken invariants]
    ['SEB issued without its quota', history([...founding, [seb(undefined, ALICE, '0.5')]]), 19, [1]],
    [
      'an issuing page that mints more SEB than its watts, reported at the end of its transaction',
      history([
        ...founding.slice(0, -1),
        [quota(undefined, FOUNDER, 1000), seb(undefined, FOUNDER, '1.1'), plantProcess('P1', 'issuing'), ['plants', 'page', { ppID: 'P1', step: 'issuing', done: big(1) }], plantProcess('P1', 'operating')],
      ]),
      18,
      [1],
    ],
    ['quota given to a non-member', history([...founding, [quota(FOUNDER, OUTSIDER, 400)]]), 19, [2, 5]],
    ['a removed member keeps its holdings', history([...founding, [removal[0]]]), 19, [1, 2, 5]],
    ['a member votes twice', history([...founding, referendum('R2', 'removal', FOUNDER, 2), ballot('R2', ALICE), ballot('R2', ALICE)]), 22, [4]],
    [
      'a member admitted after the referendum opened votes in it',
      history([...founding, referendum('R2', 'removal', FOUNDER, 2), [admitted(OUTSIDER)], ballot('R2', OUTSIDER)]),
      22,
      [4],
    ],
    [
      'a ballot of a later member, one more than the electorate',
      history([...founding.slice(0, 2), referendum('R2', 'powerUp', undefined, 1), [admitted(ALICE)], ballot('R2', FOUNDER), ballot('R2', ALICE)]),
      6,
      [4, 4],
    ],
    [
      'a plant funded below its cost',
      history([...founding, referendum('R2', 'powerUp', undefined, 2), votedYes('R2', [FOUNDER, ALICE]), registered('P2', 'R2', 10, 100), [pledge('P2', ALICE, 99)], [plantProcess('P2', 'funded')]]),
      27,
      [3],
    ],
    [
      'a cut that does not keep the whole cost (no cent left over to anyone)',
      history([...oversubscribed((300_00n * ORDER_BASE + ORDER_BASE).toString()), release(['33.33', '33.33', '33.33'])]),
      38,
      [3],
    ],
  ];
  for (const [what, events, position, broken] of cases) {
    const { violation } = rebuild(events, TREASURY);
    expect([what, violation?.position, violation?.event, violation?.broken.map((item) => item.invariant)]).toEqual([what, position, events[position], broken]);
  }

  // The auditor's list: each invariant's first break. SEB given to a non-member breaks 5, and 1 (the
  // members' and treasury's SEB fall short of the supply) at event 19; the transfer from that non-member
  // changes neither; a second ballot breaks 4 at event 24.
  const several = history([
    ...founding,
    [seb(FOUNDER, OUTSIDER, '0.5')],
    [seb(OUTSIDER, ALICE, '0.25')],
    referendum('R2', 'removal', FOUNDER, 2),
    ballot('R2', ALICE),
    ballot('R2', ALICE),
  ]);
  expect(rebuild(several, TREASURY).violations.map(({ invariant, event }) => [invariant, several.indexOf(event)])).toEqual([
    [1, 19],
    [4, 24],
    [5, 19],
  ]);

  // Events that no chain of these contracts can produce are refused, naming the event.
  const issuedWrong = [
    ...founding.slice(0, -1),
    [quota(undefined, FOUNDER, 999), quota(undefined, ALICE, 1), seb(undefined, FOUNDER, '1'), plantProcess('P1', 'issuing'), ['plants', 'page', { ppID: 'P1', step: 'issuing', done: big(1) }]] as ReadonlyArray<Written>,
  ];
  const refused: Array<readonly [GroupEvent[], RegExp]> = [
    [history([...founding, [seb(ALICE, FOUNDER, '0.5')]]), /event 19 .*holds less tokens/],
    [history([...founding, ballot('R9', ALICE)]), /event 19 .*unknown referendum R9/],
    [history([...founding, [['plants', 'transfer', { from: ALICE, to: FOUNDER, amount: big(1) }]]]), /event 19 .*unknown event/],
    [history(founding).slice(0, 3).reverse(), /event 1 .*not in emission order/],
    [history([...founding, [quota(undefined, ALICE, 10), seb(undefined, ALICE, '0.01')]]), /event 20 .*quota issued without an issuing page/],
    [history(issuedWrong), /event 18 .*the page issued .*"999".*"1".*, the pledges give .*"1000"/],
    [history([...founding, [plantProcess('P1', 'funded')]]), /event 19 .*plant P1 goes from operating to funded/],
    [history([...founding, [['referendums', 'process', { id: 'R1', status: 'rejected' }]]]), /event 19 .*R1 is resolved twice/],
    [history([...founding, referendum('R2', 'removal', FOUNDER, 3)]), /event 19 .*electorate 3, but the group has 2 members/],
    [history([...oversubscribed(cut.toString()), release(['33.33', '33.34', '33.33'])]), /event 34 .*the pledge keeps 33.33 but the checked cut gives 33.34/],
    [history([...founding, [['referendums', 'membership', { address: OUTSIDER, status: 'requested', profileHash: HASH, utility: 'Light' }]]]), /event 19 .*unknown admission referendum/],
  ];
  // The outcome must be the tally's (src/domain/majority.ts): approved or lapsed with a majority of the
  // electorate, rejected once decided or past endsAt.
  const removalOf = (endsAt: number): ReadonlyArray<Written> => [
    ['referendums', 'referendum', { rID: 'R2', kind: 'removal', proposer: ALICE, plant: '', member: FOUNDER, electorate: big(2), endsAt: big(endsAt) }],
    ['referendums', 'process', { id: 'R2', status: 'opened' }],
  ];
  const resolved = (status: string): ReadonlyArray<Written> => [['referendums', 'process', { id: 'R2', status }]];
  refused.push(
    // 1 yes of 2: a majority of the votes cast, not of the electorate.
    [history([...founding, removalOf(9999), ballot('R2', ALICE), resolved('approved')]), /event 22 .*R2 is approved at 1 yes and 0 no of 2, still open/],
    [history([...founding, removalOf(1000), ballot('R2', ALICE), resolved('lapsed')]), /event 22 .*R2 is lapsed at 1 yes and 0 no of 2$/],
    [history([...founding, removalOf(9999), resolved('rejected')]), /event 21 .*R2 is rejected at 0 yes and 0 no of 2, still open/],
  );
  // Past endsAt (the result's block time 1012 > 1011) the same tally is rejected; at endsAt exactly it is still open.
  expect(rebuild(history([...founding, removalOf(1011), ballot('R2', ALICE), resolved('rejected')]), TREASURY).state.referendums.get('R2')?.status).toBe('rejected');
  expect(() => rebuild(history([...founding, removalOf(1012), ballot('R2', ALICE), resolved('rejected')]), TREASURY)).toThrow(/R2 is rejected at 1 yes and 0 no of 2, still open/);
  // One no of 2 decides a rejection early (the other vote cannot make 2 yes).
  expect(rebuild(history([...founding, removalOf(9999), [['referendums', 'ballot', { rID: 'R2', member: ALICE, answer: false }]], resolved('rejected')]), TREASURY).violation).toBeUndefined();
  for (const [events, message] of refused) {
    expect(() => rebuild(events, TREASURY)).toThrow(RebuildError);
    expect(() => rebuild(events, TREASURY)).toThrow(message);
  }

  // A checkpoint (through JSON) resumes to the same state.
  const all = history([...oversubscribed(cut.toString()), release(['33.34', '33.33', '33.33'])]);
  const half = rebuild(all.slice(0, 25), TREASURY);
  const resumed = rebuild(all.slice(25), TREASURY, JSON.parse(JSON.stringify(half.checkpoint)));
  expect(flat(resumed.state)).toEqual(flat(rebuild(all, TREASURY).state));
});
