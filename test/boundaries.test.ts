/**
 * Every deadline at its boundary (test review H1), the majority rule at its edges on
 * chain (H2), and custom deployment settings taking effect (M6), on one group deployed
 * with short periods: referendums 600 s, crowdfunding 1,200 s, a minimum funding window
 * of 300 s, a minimum time to market of 600 s, a minimum bid of R$ 50.00 and a
 * largest plant of 7,000 W.
 *
 * A transaction runs at its block's time, max(node clock, previous block + 1). Each
 * probe moves the node's clock to the intended second (just after the node's clock
 * ticked: it rounds to the nearest second), sends its calls without the client's
 * test run (skipSysFeeCheck: the client would judge them at the last block + 15 s),
 * makes one block and reads that block's time. Every outcome is checked against the
 * spec's rule for the block's actual time; when the block missed its second (the wall
 * clock ticked), the case is built again on a fresh fixture (at most three times).
 *
 * Each deadline is probed at −1 s, at the deadline and at +1 s, so each comparison
 * fails the test if it is off by one either way; the comments name the slips.
 */
import { createPrivateKey, TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { firstLine, sendBlock, WITHOUT_TEST_RUN } from '../src/chain/batch';
import { connect, deployGroup, fundWithGAS, Group, lastBlockTime, passTime as passGroupTime, profileHash, Settings } from '../src/chain/group';
import { RunningNode, startNode } from '../src/chain/node';
import { cents, readPledges, startOperation } from '../src/chain/plants';
import { quotaThresholdOf } from '../src/domain/apportion';
import { compiledGroup, expectInvariants } from './group';

const SETTINGS: Settings = {
  referendumPeriod: 600,
  crowdfundingPeriod: 1_200,
  minTimeToMarket: 600,
  minBid: '50',
  maxPowerW: 7_000,
  minFundingWindow: 300,
};
const TTM = SETTINGS.minTimeToMarket;
const UTILITY = 'Light';

const STILL_OPEN = 'The referendum is still open.';
const CLOSED = 'The referendum is closed.';
const NO_INVITATION = 'An admission needs an open invitation from a member.';
const OPEN_INVITATION = 'This member already has an open invitation.';
const FUNDING_CLOSED = 'The crowdfunding of this plant is closed.';
const FUNDING_OPEN = 'The crowdfunding is still open.';
const TOO_EARLY = 'The plant is still within its time to market.';
const EXPIRED = 'The trade offer has expired.';

let node: RunningNode;
let group: Group;
/** The founder and the members A1 … A4 (A4 joins after the electorate-4 case). */
let founder: UserAccountID;
let a: UserAccountID[];
/** Funded accounts that are not members: candidates. */
let outsiders: UserAccountID[];

const big = (value: number | string): BigNumber => new BigNumber(value);
/** Options of a probe: sent as is, judged by its block alone. */
const raw = (from: UserAccountID): any => ({ from, ...WITHOUT_TEST_RUN });
const passTime = async (seconds: number): Promise<void> => passGroupTime(group, seconds);
const sleep = async (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A setup block: every call must HALT; returns the values. */
const ok = async (operation: string, calls: Array<Promise<TransactionResult<any>>>): Promise<any[]> =>
  (await sendBlock(group, operation, calls)).map((receipt) => receipt.value);

/** What a probe must give at block time `now`. */
type Expected = { readonly state: 'HALT'; readonly value: unknown } | { readonly state: 'FAULT'; readonly message: string };
const halt = (value: unknown): Expected => ({ state: 'HALT', value });
const fault = (message: string): Expected => ({ state: 'FAULT', message });

interface Call {
  readonly label: string;
  readonly send: () => Promise<TransactionResult<any>>;
  readonly expect: (now: number) => Expected;
}

/**
 * Sends `calls` in one block at chain time `time` and checks each outcome against what
 * the rule gives at the block's actual time; returns that time. The developer client's
 * fastForwardToTime(t) moves the node's clock to t and makes an empty block at t, so
 * the next block is at t + 1 exactly while the clock has not passed it: the probe is
 * sent right after one at time − 1 (the previous probe, or that empty block).
 */
const at = async (time: number, calls: readonly Call[]): Promise<number> => {
  if ((await lastBlockTime(group)) < time - 1) {
    // Just after the node's clock (Math.round of the wall clock) turned a second, so the
    // empty block is made before it turns again.
    const ms = Date.now() % 1000;
    if (ms < 500 || ms > 800) {
      await sleep((1510 - ms) % 1000);
    }
    await group.developer.fastForwardToTime(time - 1).catch(() => undefined);
  }
  const sent = await Promise.all(calls.map(async (call) => call.send()));
  await group.developer.runConsensusNow();
  const receipts = await Promise.all(sent.map(async (result) => result.confirmed({ timeoutMS: 30_000 })));
  const blocks = new Set(receipts.map((receipt) => receipt.blockIndex));
  expect(blocks.size).toBe(1);
  const now = (await group.chain.getBlock(receipts[0].blockIndex)).time;
  const outcomes = receipts.map((receipt, index) => [
    calls[index].label,
    receipt.result.state === 'HALT' ? halt(receipt.result.value) : fault(firstLine((receipt.result as any).message)),
  ]);
  expect({ now, outcomes }).toEqual({ now, outcomes: calls.map((call) => [call.label, call.expect(now)]) });

  return now;
};

/** One deadline of a case: computed once the earlier stages ran, and the calls sent at −1, 0 and +1 s. */
interface Stage {
  readonly name: string;
  readonly deadline: () => Promise<number>;
  readonly probes: (offset: number) => Call[];
}

/**
 * Runs each stage's probes at deadline −1, deadline and deadline + 1, in order. A
 * block that missed its second was still checked for the time it got; the case is then
 * built again (`build`: a fresh fixture) and run again, three times at most.
 */
const boundaries = async (name: string, build: (attempt: number) => Promise<Stage[]>): Promise<void> => {
  const misses: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const stages = await build(attempt);
    let missed = false;
    for (const stage of stages) {
      const deadline = await stage.deadline();
      for (const offset of [-1, 0, 1]) {
        const now = await at(deadline + offset, stage.probes(offset));
        if (now !== deadline + offset) {
          misses.push(`${stage.name}: block at ${now} instead of ${deadline + offset}`);
          missed = true;
          break;
        }
      }
      if (missed) {
        break;
      }
    }
    if (!missed) {
      if (misses.length > 0) {
        console.log(`${name}: built again after ${misses.join('; ')}`);
      }

      return;
    }
  }
  throw new Error(`${name}: every attempt missed a second (${misses.join('; ')})`);
};

const rID = /^R\d+$/;
const ppID = /^P\d+$/;

/** Opens powerUp referendums (one block) and returns their IDs; capacities and costs as given. */
const powerUps = async (plants: ReadonlyArray<readonly [number, number]>, timeToMarket = TTM): Promise<string[]> =>
  ok(
    'powerUp',
    plants.map(([capacityW, cost]) =>
      group.referendums.powerUp(founder.address, big(capacityW), big(cost), UTILITY, big(timeToMarket), { from: founder }),
    ),
  );

/** Votes: [rID, member, answer] in one block. */
const votes = async (ballots: ReadonlyArray<readonly [string, UserAccountID, boolean]>): Promise<void> => {
  await ok(
    'vote',
    ballots.map(([id, member, answer]) => group.referendums.vote(id, member.address, answer, { from: member })),
  );
};

/** Invites `candidate` and has it request admission; returns the referendum's ID. */
const request = async (inviter: UserAccountID, candidate: UserAccountID): Promise<string> => {
  await ok('invite', [group.referendums.invite(inviter.address, candidate.address, { from: inviter })]);
  const [id] = await ok('admission', [
    group.referendums.admission(candidate.address, profileHash(candidate.address, '1', 's'), UTILITY, { from: candidate }),
  ]);

  return id as string;
};

beforeAll(async () => {
  node = await startNode();
  const deployer = connect({ rpcURL: node.rpcURL });
  const master = await deployer.master();
  const deployment = await deployGroup(deployer, master, SETTINGS, await compiledGroup());
  group = connect({ rpcURL: node.rpcURL, contracts: deployment.contracts, sourceMaps: deployment.sourceMaps });
  founder = await group.master();
  const accounts: UserAccountID[] = [];
  for (let index = 0; index < 16; index++) {
    accounts.push(await group.addAccount(createPrivateKey()));
  }
  await fundWithGAS(group, founder, accounts.map((account) => account.address), 100);
  a = accounts.slice(0, 4);
  outsiders = accounts.slice(4);
  // Founded, then A1 … A3 admitted one by one (each while the earlier members are the electorate).
  await ok('admission', [group.referendums.admission(founder.address, profileHash('F', '1', 's'), UTILITY, { from: founder })]);
  const members = [founder];
  for (const member of a.slice(0, 3)) {
    const id = await request(founder, member);
    await votes(members.map((voter) => [id, voter, true] as const));
    await ok('admissionResult', [group.referendums.admissionResult(id, { from: founder })]);
    members.push(member);
  }
  expect((await group.ledger.groupSummary()).members.toNumber()).toBe(4);
});

afterAll(async () => {
  await node?.stop().catch(() => undefined);
});

describe('on a group of short periods', () => {
  test('custom settings take effect: the reads, the periods, maxPowerW, minTimeToMarket and minBid at their edges', async () => {
    expect({
      referendumPeriod: (await group.referendums.referendumPeriod()).toNumber(),
      minTimeToMarket: (await group.referendums.minTimeToMarket()).toNumber(),
      maxPowerW: (await group.referendums.maxPowerW()).toNumber(),
      crowdfundingPeriod: (await group.plants.crowdfundingPeriod()).toNumber(),
      minBid: (await group.plants.minBid()).toString(),
      minFundingWindow: (await group.plants.minFundingWindow()).toNumber(),
    }).toEqual({ ...SETTINGS });
    const summary = await group.ledger.groupSummary();
    expect([summary.minPowerW.toNumber(), summary.maxPowerW.toNumber()]).toEqual([1, 7_000]);
    // powerUp with capacityW == maxPowerW and == minPowerW (1 W) is accepted; one more than
    // the custom maximum (the default would take it) is refused, as is a time to market
    // one second under the custom minimum.
    await expect(
      group.referendums.powerUp(founder.address, big(7_001), big(100), UTILITY, big(TTM), { from: founder }),
    ).rejects.toThrow('The capacity must be above 0 W and at most maxPowerW.');
    await expect(
      group.referendums.powerUp(founder.address, big(1_000), big(100), UTILITY, big(TTM - 1), { from: founder }),
    ).rejects.toThrow('The time to market must be at least minTimeToMarket and at most 10 years.');
    const [largest, smallest] = await powerUps([
      [7_000, 100],
      [1, 100],
    ]);
    for (const id of [largest, smallest]) {
      const referendum = await group.referendums.referendum(id);
      // endsAt = openedAt + the custom referendumPeriod.
      expect(referendum?.endsAt.minus(referendum.openedAt).toNumber()).toBe(600);
    }
    expect([(await group.referendums.proposal(largest))?.capacityW.toNumber(), (await group.referendums.proposal(smallest))?.capacityW.toNumber()]).toEqual([7_000, 1]);
    await votes([largest, smallest].flatMap((id) => [founder, a[0], a[1]].map((member) => [id, member, true] as const)));
    const [big7000, tiny] = await ok('powerUpResult', [
      group.referendums.powerUpResult(largest, { from: founder }),
      group.referendums.powerUpResult(smallest, { from: founder }),
    ]);
    const registered = await lastBlockTime(group);
    expect(await group.plants.powerPlant(big7000)).toMatchObject({ capacityW: big(7_000), status: 'funding', fundingEndsAt: big(registered + 1_200) });
    expect((await group.plants.powerPlant(tiny))?.capacityW.toNumber()).toBe(1);
    // The custom minimum bid: R$ 49.99 refused, R$ 50.00 (under the default R$ 100.00) taken.
    await expect(group.plants.bid(big7000, a[0].address, big('49.99'), { from: a[0] })).rejects.toThrow(
      'The pledge is below the minimum bid.',
    );
    await ok('bid', [group.plants.bid(big7000, a[0].address, big(50), { from: a[0] })]);
    expect((await group.plants.bidOf(big7000, a[0].address)).toString()).toEqual('50');
  });

  test('H2 at an electorate of 4: exactly half yes stays open to endsAt and is rejected after; 3 yes close early, 2 no too', async () => {
    let half = '';
    let three = '';
    let twoNo = '';
    await boundaries('electorate 4', async () => {
      // 4 members: each referendum's electorate is 4.
      [half, three, twoNo] = await powerUps([
        [1_000, 100],
        [1_000, 100],
        [1_000, 100],
      ]);
      await votes([
        [half, founder, true],
        [half, a[0], true],
        [three, founder, true],
        [three, a[0], true],
        [three, a[1], true],
        [twoNo, founder, false],
        [twoNo, a[0], false],
      ]);
      const endsAt = (await group.referendums.referendum(half))!.endsAt.toNumber();
      expect((await group.referendums.referendum(half))?.electorate.toNumber()).toBe(4);

      return [
        {
          name: 'electorate 4',
          deadline: async () => endsAt,
          probes: (offset) => [
            // 2 yes of 4 (yes * 2 == electorate): refused while now <= endsAt (a `>=` majority
            // would approve it; `now < endsAt` would accept the call at endsAt), and
            // rejected once now > endsAt (`>=` would approve it; "more yes than no" too).
            {
              label: 'powerUpResult 2 yes 0 no of 4',
              send: () => group.referendums.powerUpResult(half, raw(founder)),
              expect: (now) => (now > endsAt ? halt('') : fault(STILL_OPEN)),
            },
            // Before endsAt: 3 yes of 4 is decided (approved), 2 no of 4 too (no * 2 >=
            // electorate: the 2 left cannot make a majority; a `no * 2 > electorate` slip
            // would keep it open).
            ...(offset === -1
              ? [
                  { label: 'powerUpResult 3 yes of 4', send: () => group.referendums.powerUpResult(three, raw(founder)), expect: () => halt(expect.stringMatching(ppID)) },
                  { label: 'powerUpResult 2 no of 4', send: () => group.referendums.powerUpResult(twoNo, raw(founder)), expect: () => halt('') },
                ]
              : []),
          ],
        },
      ];
    });
    // The last attempt's referendums as resolved: the half-yes one rejected.
    const read = async (id: string) => {
      const referendum = await group.referendums.referendum(id);

      return [referendum?.yes.toNumber(), referendum?.no.toNumber(), referendum?.electorate.toNumber(), referendum?.status];
    };
    expect([await read(half), await read(three), await read(twoNo)]).toEqual([
      [2, 0, 4, 'rejected'],
      [3, 0, 4, 'approved'],
      [0, 2, 4, 'rejected'],
    ]);
  });

  test('H1 at endsAt (vote, result calls, invitations) and H2 at an electorate of 5: a majority of the votes cast is not enough', async () => {
    // A4 joins: 5 members from here on.
    const id = await request(founder, a[3]);
    await votes([founder, a[0], a[1]].map((voter) => [id, voter, true] as const));
    await ok('admissionResult', [group.referendums.admissionResult(id, { from: founder })]);
    expect((await group.ledger.groupSummary()).members.toNumber()).toBe(5);

    let ballot = '';
    let cast = '';
    let tie = '';
    let three = '';
    let candidates: UserAccountID[] = [];
    await boundaries('endsAt', async (attempt) => {
      if (attempt > 0) {
        // Every invitation of the attempt before has expired: the inviters may invite again.
        await passTime(SETTINGS.referendumPeriod + 1);
      }
      candidates = outsiders.slice(attempt * 4, attempt * 4 + 4);
      const [c1, c2, c3] = candidates;
      // One block: four referendums and three invitations, all ending at the same second.
      const opened = await ok('open', [
        ...[0, 1, 2, 3].map(() =>
          group.referendums.powerUp(founder.address, big(1_000), big(100), UTILITY, big(TTM), { from: founder }),
        ),
        group.referendums.invite(founder.address, c1.address, { from: founder }),
        group.referendums.invite(a[0].address, c2.address, { from: a[0] }),
        group.referendums.invite(a[1].address, c3.address, { from: a[1] }),
      ]);
      [ballot, cast, tie, three] = opened as string[];
      await votes([
        // 2 yes 1 no of 5: a majority of the votes cast, not of the electorate.
        [cast, founder, true],
        [cast, a[0], true],
        [cast, a[1], false],
        // 2 yes 2 no of 5: no side decided (no * 2 = 4 < 5).
        [tie, founder, true],
        [tie, a[0], true],
        [tie, a[1], false],
        [tie, a[2], false],
        // 3 yes of 5: approved early.
        [three, founder, true],
        [three, a[0], true],
        [three, a[1], true],
      ]);
      const endsAt = (await group.referendums.referendum(ballot))!.endsAt.toNumber();
      expect((await group.referendums.referendum(cast))?.electorate.toNumber()).toBe(5);
      // Invitations expire after referendumPeriod: the same second.
      expect((await group.referendums.invitation(c1.address))?.expiresAt.toNumber()).toBe(endsAt);
      const voters = [a[0], a[1], a[2]];
      const invited = [c1, c2, c3];
      const c5 = candidates[3];

      return [
        {
          name: 'endsAt',
          deadline: async () => endsAt,
          probes: (offset) => [
            // A vote counts while now <= endsAt: `now >= endsAt` closing it would refuse the
            // one at endsAt; `now > endsAt + 1` would take the one at +1.
            {
              label: 'vote',
              send: () => group.referendums.vote(ballot, voters[offset + 1].address, true, raw(voters[offset + 1])),
              expect: (now) => (now <= endsAt ? halt(true) : fault(CLOSED)),
            },
            // Result calls: refused while now <= endsAt (undecided), rejected after. A rule of
            // "more yes than no" would approve 2 yes 1 no after endsAt, or close it early;
            // `now < endsAt` would take the call at endsAt.
            {
              label: 'powerUpResult 2 yes 1 no of 5',
              send: () => group.referendums.powerUpResult(cast, raw(founder)),
              expect: (now) => (now > endsAt ? halt('') : fault(STILL_OPEN)),
            },
            {
              label: 'powerUpResult 2 yes 2 no of 5',
              send: () => group.referendums.powerUpResult(tie, raw(founder)),
              expect: (now) => (now > endsAt ? halt('') : fault(STILL_OPEN)),
            },
            ...(offset === -1
              ? [{ label: 'powerUpResult 3 yes of 5', send: () => group.referendums.powerUpResult(three, raw(founder)), expect: () => halt(expect.stringMatching(ppID)) }]
              : []),
            // An invitation can be used while now <= expiresAt (one candidate per second):
            // `>=` would refuse the one at expiresAt, `> expiresAt + 1` take the one at +1.
            {
              label: 'admission',
              send: () =>
                group.referendums.admission(
                  invited[offset + 1].address,
                  profileHash(invited[offset + 1].address, '1', 's'),
                  UTILITY,
                  raw(invited[offset + 1]),
                ),
              expect: (now) => (now <= endsAt ? halt(expect.stringMatching(rID)) : fault(NO_INVITATION)),
            },
            // A1's open invitation (to c3, unused) blocks another while now <= expiresAt.
            {
              label: 'invite while one is open',
              send: () => group.referendums.invite(a[1].address, c5.address, raw(a[1])),
              expect: (now) => (now <= endsAt ? fault(OPEN_INVITATION) : halt(true)),
            },
          ],
        },
      ];
    });
    const tally = async (id: string) => {
      const referendum = await group.referendums.referendum(id);

      return [referendum?.yes.toNumber(), referendum?.no.toNumber(), referendum?.electorate.toNumber(), referendum?.status];
    };
    expect([await tally(ballot), await tally(cast), await tally(tie), await tally(three)]).toEqual([
      [2, 0, 5, 'open'],
      [2, 1, 5, 'rejected'],
      [2, 2, 5, 'rejected'],
      [3, 0, 5, 'approved'],
    ]);
    expect(await group.referendums.hasVoted(ballot, a[2].address)).toBe(false);
    // c1 and c2 requested admission; c3's invitation expired unused; c5 is invited.
    const [c1, c2, c3, c5] = candidates;
    expect((await group.referendums.invitation(c1.address))?.rID).toMatch(rID);
    expect((await group.referendums.invitation(c2.address))?.rID).toMatch(rID);
    expect((await group.referendums.invitation(c3.address))?.rID).toEqual('');
    expect((await group.referendums.invitation(c5.address))?.inviter).toEqual(a[1].address);
  });

  let x = '';
  let y = '';
  let z1 = '';
  let z2 = '';
  test('H1 in crowdfunding and operation: the minimum window, the time to market, fundingEndsAt (bid, changeBid, crowdfundingResult), trade expiry', async () => {
    await boundaries('plants', async () => {
      const opened = await powerUps([
        [5_000, 10_000],
        [1_000, 1_000],
        [2_000, 200],
        [2_000, 200],
      ]);
      await votes(opened.flatMap((id) => [founder, a[0], a[1]].map((member) => [id, member, true] as const)));
      [x, y, z1, z2] = (await ok('powerUpResult', opened.map((id) => group.referendums.powerUpResult(id, { from: founder })))) as string[];
      // Z1 and Z2 exactly pledged (R$ 100.00 each by F and A1); X pledged R$ 100.00 by F; Y nothing.
      await ok('bid', [
        ...[z1, z2].flatMap((id) => [founder, a[0]].map((member) => group.plants.bid(id, member.address, big(100), { from: member }))),
        group.plants.bid(x, founder.address, big(100), { from: founder }),
      ]);
      const fundingEndsAt = (await group.plants.powerPlant(x))!.fundingEndsAt.toNumber();
      expect((await group.plants.powerPlant(z1))?.fundingEndsAt.toNumber()).toBe(fundingEndsAt);
      // Registered in one block: openedAt = fundingEndsAt - crowdfundingPeriod.
      const windowEnds = fundingEndsAt - SETTINGS.crowdfundingPeriod + SETTINGS.minFundingWindow;
      let startsAt = 0;
      let threshold = big(0);
      let expiresAt = 0;
      let offers: string[] = [];
      const bidders = [a[1], a[2], a[3]];

      return [
        {
          // A fully pledged plant closes once now >= openedAt + minFundingWindow: a `<=`
          // (`now <= openedAt + window` still open) would refuse Z1 at the second itself.
          name: 'minFundingWindow',
          deadline: async () => windowEnds,
          probes: (offset) =>
            (offset === -1 ? [z1, z2] : offset === 0 ? [z1] : [z2]).map((id) => ({
              label: `crowdfundingResult ${id === z1 ? 'Z1' : 'Z2'}`,
              send: () => group.plants.crowdfundingResult(id, big(0), raw(founder)),
              expect: (now: number) => (now >= windowEnds ? halt(true) : fault(FUNDING_OPEN)),
            })),
        },
        {
          // startOperation once now >= fundedAt + timeToMarket: `>` would refuse the page at
          // that second; the page at −1 catches `fundedAt + timeToMarket - 1`.
          name: 'timeToMarket',
          deadline: async () => {
            const plant = (await group.plants.powerPlant(z1))!;
            expect([plant.status, plant.fundedAt.toNumber(), plant.timeToMarket.toNumber()]).toEqual(['funded', windowEnds, TTM]);
            threshold = big(quotaThresholdOf(2_000n, cents(plant.cost), await readPledges(group.plants, z1)).toString());
            startsAt = plant.fundedAt.toNumber() + TTM;

            return startsAt;
          },
          // Each page re-checks the time: at 0 the threshold's check page, at +1 the first funder's page.
          probes: () => [
            {
              label: 'startOperation Z1',
              send: () => group.plants.startOperation(z1, threshold, raw(founder)),
              expect: (now) => (now >= startsAt ? halt(false) : fault(TOO_EARLY)),
            },
          ],
        },
        {
          // Pledges while now <= fundingEndsAt; an under-pledged plant closes once now >
          // fundingEndsAt. `>=` in bid/changeBid would refuse the pledges at the second
          // itself, `<` in crowdfundingResult would close Y then; the +1 calls catch a
          // deadline one second late.
          name: 'fundingEndsAt',
          deadline: async () => {
            // Z1's last page: operating, F and A1 hold 1,000 W and 1 SEB each.
            await startOperation(group.plants, z1, async (operation, call) => (await sendBlock(group, operation, [call({ from: founder })]))[0].value === true);
            expect((await group.plants.powerPlant(z1))?.status).toEqual('operating');

            return fundingEndsAt;
          },
          probes: (offset) => [
            {
              label: 'bid X',
              send: () => group.plants.bid(x, bidders[offset + 1].address, big(100), raw(bidders[offset + 1])),
              expect: (now) => (now <= fundingEndsAt ? halt(true) : fault(FUNDING_CLOSED)),
            },
            {
              label: 'changeBid X',
              send: () => group.plants.changeBid(x, founder.address, big(300 + offset * 100), raw(founder)),
              expect: (now) => (now <= fundingEndsAt ? halt(true) : fault(FUNDING_CLOSED)),
            },
            {
              label: 'crowdfundingResult Y',
              send: () => group.plants.crowdfundingResult(y, big(0), raw(founder)),
              expect: (now) => (now > fundingEndsAt ? halt(false) : fault(FUNDING_OPEN)),
            },
          ],
        },
        {
          // An offer can be accepted while now <= expiresAt: `>=` would refuse the one at
          // that second, `> expiresAt + 1` take the one at +1.
          name: 'offer expiry',
          deadline: async () => {
            offers = (await ok(
              'offerTrade',
              [0, 1, 2].map(() => group.trades.offerTrade(founder.address, a[0].address, big(1), big('0.001'), big(300), { from: founder })),
            )) as string[];
            expiresAt = (await group.trades.tradeOffer(offers[0]))!.expiresAt.toNumber();
            expect((await group.trades.tradeOffer(offers[2]))?.expiresAt.toNumber()).toBe(expiresAt);

            return expiresAt;
          },
          probes: (offset) => [
            {
              label: 'acceptTrade',
              send: () => group.trades.acceptTrade(offers[offset + 1], a[0].address, raw(a[0])),
              expect: (now) => (now <= expiresAt ? halt(true) : fault(EXPIRED)),
            },
          ],
        },
      ];
    });
    const plant = async (id: string) => {
      const read = (await group.plants.powerPlant(id))!;

      return [read.status, read.raised.toString(), read.funders.toNumber()];
    };
    // X: F's pledge R$ 300.00 (the +1 change refused), A2's and A3's R$ 100.00 (A4's refused).
    expect([await plant(x), await plant(y), await plant(z1), await plant(z2)]).toEqual([
      ['funding', '500', 3],
      ['failed', '0', 0],
      ['operating', '200', 2],
      ['funded', '200', 2],
    ]);
    expect((await group.plants.bidOf(x, founder.address)).toString()).toEqual('300');
    expect((await group.plants.bidOf(x, a[3].address)).toString()).toEqual('0');
    // Two offers of 1 W for 0.001 SEB accepted, the third expired.
    const member = async (account: UserAccountID) => {
      const read = (await group.ledger.member(account.address))!;

      return [read.quotaW.toNumber(), read.tokens.toString()];
    };
    expect([await member(founder), await member(a[0])]).toEqual([
      [998, '1.002'],
      [1_002, '0.998'],
    ]);
  });

  test('M6: a funded plant (not yet operating) removed by referendum: its pledges cancelled, nothing issued', async () => {
    const before = await group.ledger.groupSummary();
    const [id] = await ok('proposePlantRemoval', [group.referendums.proposePlantRemoval(a[2].address, z2, { from: a[2] })]);
    await votes([founder, a[0], a[1]].map((member) => [id, member, true] as const));
    const [applied] = await sendBlock(group, 'changeResult', [group.referendums.changeResult(id, { from: a[2] })]);
    expect(applied.value).toBe(true);
    expect(applied.events).toEqual([
      { name: 'process', parameters: { id: z2, status: 'removing' } },
      { name: 'process', parameters: { id, status: 'approved' } },
    ]);
    expect((await group.plants.powerPlant(z2))?.status).toEqual('removing');
    const [cancelled] = await sendBlock(group, 'cancelPledges', [group.plants.cancelPledges(z2, { from: a[2] })]);
    expect(cancelled.value).toBe(true);
    expect(cancelled.events.filter((event) => event.name === 'offer').map((event) => event.parameters)).toEqual([
      { ppID: z2, member: a[0].address, amount: '0' },
      { ppID: z2, member: founder.address, amount: '0' },
    ]);
    expect(await group.plants.powerPlant(z2)).toMatchObject({ status: 'removed', raised: big(0), funders: big(0) });
    expect([(await group.plants.bidOf(z2, founder.address)).toString(), (await group.plants.bidOf(z2, a[0].address)).toString()]).toEqual(['0', '0']);
    const after = await group.ledger.groupSummary();
    expect([after.totalCapacityW.toString(), after.totalSupply.toString()]).toEqual([before.totalCapacityW.toString(), before.totalSupply.toString()]);
    await expectInvariants(group, { referendums: [id], outsiders: outsiders.slice(8).map((account) => account.address) });
  });
});
