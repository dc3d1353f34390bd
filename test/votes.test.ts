/**
 * Ballots of a ten-member group: each vote is one bit of a per-referendum bitmap,
 * indexed by admission serial (v1.1). neo-one's `&` pads numbers of different byte
 * lengths wrongly, so with `word & bit` a vote of serial 1 refused serial 9 ("already
 * voted") and serial 1 could vote again once serial 10 had voted: this test caught that.
 */
import { big, foundWith, send, withGroup } from './group';

test('every member of ten votes exactly once, in any order, and hasVoted says who did', async () => {
  await withGroup(async (group) => {
    const members = await foundWith(group, 9);
    const { referendums, founder } = group;
    // An open referendum with all ten in its electorate: a plant proposal.
    const proposal = await send(
      referendums.powerUp(founder.address, big(10_000), big(700), 'Light', big(30 * 86_400), { from: founder }),
    );
    const rID = proposal.value as string;
    const order = [0, 8, 9, 1, 5]; // serials 1, 9, 10, 2, 6
    for (const index of order) {
      await send(referendums.vote(rID, members[index].address, index % 2 === 0, { from: members[index] }));
    }
    for (const [index, member] of members.entries()) {
      expect([index, await referendums.hasVoted(rID, member.address)]).toEqual([index, order.includes(index)]);
    }
    for (const index of order) {
      await expect(referendums.vote.confirmed(rID, members[index].address, true, { from: members[index] })).rejects.toThrow(
        'This member has already voted.',
      );
    }
    const referendum = await referendums.referendum(rID);
    expect([referendum?.yes.toString(), referendum?.no.toString(), referendum?.electorate.toString()]).toEqual([
      '2',
      '3',
      '10',
    ]);
  });
});
