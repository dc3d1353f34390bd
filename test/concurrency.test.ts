/**
 * Members act at the same time: transactions of several members on the same
 * contract land in one block and all succeed. (neo-one 2.x faults a transaction
 * that reads a class property another transaction of the same block wrote, so the
 * contracts keep their counters in MapStorage; this test guards that.)
 */
import { TransactionResult } from '@neo-one/client';
import { big, foundWith, MIN_TIME_TO_MARKET, profileHash, withGroup } from './group';

/** Sends every call before confirming any, so they share a block; returns values and block indexes. */
const together = async (calls: ReadonlyArray<Promise<TransactionResult<any>>>) => {
  const sent = [];
  for (const call of calls) {
    sent.push(await call);
  }
  const receipts = await Promise.all(sent.map(async (result) => result.confirmed({ timeoutMS: 60_000 })));

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
    // The R$ 300.00 plant: five pledges of R$ 100.00 in one block, three fit.
    const small = (await plants.powerPlant('P1'))?.cost.toString() === '300' ? 'P1' : 'P2';

    const pledges = await together(
      [founder, alice, ...candidates].map((member) => plants.bid(small, member.address, big(100), { from: member })),
    );
    expect(pledges.filter(({ state }) => state === 'HALT')).toHaveLength(3);
    for (const { value } of pledges.filter(({ state }) => state === 'FAULT')) {
      expect(value).toMatch(/The pledge is above what is still missing\./);
    }
    expect((await plants.powerPlant(small))?.raised.toString()).toEqual('300');
    expect((await plants.powerPlant(small))?.funders.toString()).toEqual('3');

    const offers = await together([
      ledger.offerTrade(founder.address, alice.address, big(0), big('0.001'), { from: founder }),
      ledger.offerTrade(alice.address, founder.address, big(0), big('0.002'), { from: alice }),
    ]);
    expect(offers.map(({ state }) => state)).toEqual(['HALT', 'HALT']);
    expect(offers.map(({ value }) => value).sort()).toEqual(['T1', 'T2']);

    // Two approved removals of the same member resolved in one block: the second finds
    // the member gone, and its refusal (raised in the ledger, a called contract) must
    // fault the whole transaction, leaving its referendum open and the electorate right.
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
    expect(resolved.map(({ state }) => state).sort()).toEqual(['FAULT', 'HALT']);
    const refused = resolved.findIndex(({ state }) => state === 'FAULT');
    expect(resolved[refused].value).toMatch(/That address is no longer a member\./);
    expect((await referendums.referendum(removals[refused]))?.status).toEqual('open');
    expect((await referendums.referendum(removals[1 - refused]))?.status).toEqual('approved');
    expect((await ledger.groupSummary()).members.toString()).toEqual('5');
    const next = await together([referendums.proposeRemoval(founder.address, alice.address, { from: founder })]);
    expect((await referendums.referendum(next[0].value as string))?.electorate.toString()).toEqual('5');
  });
});
