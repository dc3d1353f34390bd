/**
 * Members act at the same time: transactions of several members on the same
 * contract land in one block and all succeed. (neo-one 2.x faults a transaction
 * that reads a class property another transaction of the same block wrote, so the
 * contracts keep their counters in MapStorage; this test guards that.)
 */
import { TransactionResult } from '@neo-one/client';
import { readPledges } from '../src/chain/plants';
import { cutThresholdOf } from '../src/domain/apportion';
import { big, foundWith, MIN_FUNDING_WINDOW, MIN_TIME_TO_MARKET, OFFER_PERIOD, passTime, profileHash, withGroup } from './group';

/** Sends every call before confirming any, so they share a block; returns values and block indexes. */
const together = async (calls: ReadonlyArray<Promise<TransactionResult<any>>>) => {
  const sent = [];
  for (const call of calls) {
    sent.push(await call);
  }
  const receipts = await Promise.all(sent.map(async (result) => result.confirmed({ timeoutMS: 60_000 })));
  // The point of the file: every batch in one block (else the same-block fault is not exercised).
  expect(new Set(receipts.map((receipt) => receipt.blockIndex)).size).toBe(1);

  return receipts.map((receipt) => ({
    block: receipt.blockIndex,
    state: receipt.result.state,
    value: receipt.result.state === 'HALT' ? receipt.result.value : receipt.result.message,
  }));
};

test('several members act in the same block', async () => {
  await withGroup(async (group) => {
    const { ledger, plants, referendums, accounts } = group;
    const members = await foundWith(group, 2);
    const candidates = accounts.slice(2, 5);

    // Three members invite three candidates in one block (one open invitation each).
    const invitations = await together(
      candidates.map((account, index) =>
        referendums.invite(members[index].address, account.address, { from: members[index] }),
      ),
    );
    expect(invitations.map(({ state, value }) => [state, value])).toEqual([
      ['HALT', true],
      ['HALT', true],
      ['HALT', true],
    ]);
    const requests = await together(
      candidates.map((account) =>
        referendums.admission(account.address, profileHash(account.address), 'Light', { from: account }),
      ),
    );
    expect(new Set(requests.map(({ block }) => block)).size).toBe(1);
    // The block orders its transactions: the IDs are R3 to R5 in some order.
    expect(requests.map(({ state }) => state)).toEqual(['HALT', 'HALT', 'HALT']);
    expect(requests.map(({ value }) => value).sort()).toEqual(['R3', 'R4', 'R5']);

    const ballots = await together(
      ['R3', 'R4', 'R5'].flatMap((rID) =>
        members.slice(0, 2).map((member) => referendums.vote(rID, member.address, true, { from: member })),
      ),
    );
    expect(ballots.every(({ state }) => state === 'HALT')).toBe(true);
    const results = await together(['R3', 'R4', 'R5'].map((rID) => referendums.admissionResult(rID)));
    expect(results.map(({ state, value }) => [state, value])).toEqual([
      ['HALT', true],
      ['HALT', true],
      ['HALT', true],
    ]);
    expect((await ledger.groupSummary()).members.toString()).toEqual('6');
    const listed = await ledger.listOfMembers(big(0), big(10));
    expect(listed.slice(0, 3)).toEqual(members.map((member) => member.address));
    expect([...listed].sort()).toEqual([...members, ...candidates].map((member) => member.address).sort());

    // Two plants proposed at once, then pledges and trade offers at once.
    const [founder, alice] = members;
    const proposals = await together([
      referendums.powerUp(founder.address, big(1_000), big(300), 'Light', big(MIN_TIME_TO_MARKET), { from: founder }),
      referendums.powerUp(alice.address, big(2_000), big(600), 'Light', big(MIN_TIME_TO_MARKET), { from: alice }),
    ]);
    expect(proposals.map(({ value }) => value).sort()).toEqual(['R6', 'R7']);

    await together(
      ['R6', 'R7'].flatMap((rID) =>
        [founder, alice, candidates[0], candidates[1]].map((member) =>
          referendums.vote(rID, member.address, true, { from: member }),
        ),
      ),
    );
    const registered = await together(['R6', 'R7'].map((rID) => referendums.powerUpResult(rID)));
    expect(registered.map(({ value }) => value).sort()).toEqual(['P1', 'P2']);
    // The R$ 300.00 plant: five pledges of R$ 100.00 in one block all land (v1.1 §6: a
    // plant may be oversubscribed while funding); at the close each keeps R$ 60.00.
    const small = (await plants.powerPlant('P1'))?.cost.toString() === '300' ? 'P1' : 'P2';

    const pledgers = [founder, alice, ...candidates];
    const pledges = await together(pledgers.map((member) => plants.bid(small, member.address, big(100), { from: member })));
    expect(pledges.map(({ state, value }) => [state, value])).toEqual(pledgers.map(() => ['HALT', true]));
    expect(new Set(pledges.map(({ block }) => block)).size).toBe(1);
    expect((await plants.powerPlant(small))?.raised.toString()).toEqual('500');
    expect((await plants.powerPlant(small))?.funders.toString()).toEqual('5');
    // Orders 1 … 5 in the block's order: each pledge got its own.
    expect((await plants.pledges(small, big(0), big(10))).map(({ order }) => order.toNumber()).sort()).toEqual([1, 2, 3, 4, 5]);

    const offers = await together([
      group.trades.offerTrade(founder.address, alice.address, big(0), big('0.001'), big(OFFER_PERIOD), { from: founder }),
      group.trades.offerTrade(alice.address, founder.address, big(0), big('0.002'), big(OFFER_PERIOD), { from: alice }),
    ]);
    expect(offers.map(({ state }) => state)).toEqual(['HALT', 'HALT']);
    expect(offers.map(({ value }) => value).sort()).toEqual(['T1', 'T2']);

    // Closing the oversubscribed plant after its window: the cut's check and release
    // (one page each for 5 pledges), each pledge keeping 300 * 100 / 500 = R$ 60.00.
    await passTime(group.connected, MIN_FUNDING_WINDOW + 60);
    const closing = await together([plants.crowdfundingResult(small, big(0))]);
    expect(closing.map(({ state, value }) => [state, value])).toEqual([['HALT', false]]);
    expect((await plants.powerPlant(small))?.status).toEqual('closing');
    // The first call closes and checks threshold 0, which is wrong (every key is at or
    // above it): dropped. Equal pledges leave no cent over, so the right threshold is a
    // key above all: src/domain/apportion.ts gives 500_00 * 2^40 + 2^40.
    const cutThreshold = 50_000n * (1n << 40n) + (1n << 40n);
    expect(cutThresholdOf(30_000n, await readPledges(plants, small))).toEqual(cutThreshold);
    expect((await plants.plantState(small))[2].toString()).toEqual('0');
    const checked = await together([plants.crowdfundingResult(small, big(cutThreshold.toString()))]);
    expect(checked.map(({ state, value }) => [state, value])).toEqual([['HALT', false]]);
    expect((await plants.plantState(small))[2].toString()).toEqual(cutThreshold.toString());
    const released = await together([plants.crowdfundingResult(small, big(0))]);
    expect(released.map(({ state, value }) => [state, value])).toEqual([['HALT', true]]);
    expect(await plants.powerPlant(small)).toMatchObject({ status: 'funded', raised: big(300), funders: big(5) });
    for (const member of pledgers) {
      expect((await plants.bidOf(small, member.address)).toString()).toEqual('60');
    }

    // Two approved removals of the same member resolved in one block: both land, the
    // first removes the member and the second, finding them gone, lapses (v1.1 §2)
    // instead of faulting or staying open; the electorate stays right.
    const leaving = candidates[2];
    const proposed = await together([
      referendums.proposeRemoval(founder.address, leaving.address, { from: founder }),
      referendums.proposeRemoval(alice.address, leaving.address, { from: alice }),
    ]);
    const removals = proposed.map(({ value }) => value as string);
    await together(
      removals.flatMap((rID) =>
        [founder, alice, candidates[0], candidates[1]].map((member) =>
          referendums.vote(rID, member.address, true, { from: member }),
        ),
      ),
    );
    const resolved = await together(removals.map((rID) => referendums.changeResult(rID)));
    expect(new Set(resolved.map(({ block }) => block)).size).toBe(1);
    expect(resolved.map(({ state }) => state)).toEqual(['HALT', 'HALT']);
    expect(resolved.map(({ value }) => value).sort()).toEqual([false, true]);
    const lapsed = resolved.findIndex(({ value }) => value === false);
    expect((await referendums.referendum(removals[lapsed]))?.status).toEqual('lapsed');
    expect((await referendums.referendum(removals[1 - lapsed]))?.status).toEqual('approved');
    expect(await ledger.member(leaving.address)).toBeUndefined();
    expect((await ledger.groupSummary()).members.toString()).toEqual('5');
    const next = await together([referendums.proposeRemoval(founder.address, alice.address, { from: founder })]);
    expect((await referendums.referendum(next[0].value as string))?.electorate.toString()).toEqual('5');
  });
});
