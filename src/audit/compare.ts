/**
 * The rebuilt state against the contracts' own reads, field by field: group totals,
 * treasury, the member list in order, every member, every plant and its pledges, every
 * referendum with its proposal and every trade offer. Returns the differences, one line each.
 */
import BigNumber from 'bignumber.js';
import { AuditedGroup } from './events';
import { GroupState } from './rebuild';

/** Runs `work` on every item, at most `limit` at a time (reads are independent). */
const eachLimited = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

const same = (read: unknown, rebuilt: unknown): boolean =>
  BigNumber.isBigNumber(read) || BigNumber.isBigNumber(rebuilt)
    ? new BigNumber(read as any).isEqualTo(rebuilt as any)
    : (read ?? '') === (rebuilt ?? '');

export const compareWithReads = async (group: AuditedGroup, state: GroupState): Promise<string[]> => {
  const mismatches: string[] = [];
  const expect = (what: string, read: unknown, rebuilt: unknown): void => {
    if (!same(read, rebuilt)) {
      mismatches.push(`${what}: the contract reads ${String(read)}, the events give ${String(rebuilt)}`);
    }
  };
  const { ledger, plants, referendums } = group;

  const [summary, treasury] = await Promise.all([ledger.groupSummary(), ledger.treasury()]);
  expect('members', summary.members, state.members.size);
  expect('power plants', summary.powerPlants, state.plants.size);
  expect('totalCapacityW', summary.totalCapacityW, state.totalCapacityW);
  expect('totalSupply', summary.totalSupply, state.totalSupply);
  expect('treasury quota', treasury.quotaW, state.treasury.quotaW);
  expect('treasury SEB', treasury.tokens, state.treasury.tokens);

  const listed: string[] = [];
  for (let offset = 0; offset < state.listOfMembers.length + 100; offset += 100) {
    const page = await ledger.listOfMembers(new BigNumber(offset), new BigNumber(100));
    listed.push(...page);
    if (page.length < 100) {
      break;
    }
  }
  expect('listOfMembers', listed.join(' '), state.listOfMembers.join(' '));

  await eachLimited([...state.members], 8, async ([address, member]) => {
    // One read per member (its SEB is the NEP-5 balance: the same record).
    const read = await ledger.member(address);
    if (read === undefined) {
      mismatches.push(`member ${address}: the contract has no such member`);

      return;
    }
    expect(`member ${address} utility`, read.utility, member.utility);
    expect(`member ${address} profileHash`, read.profileHash, member.profileHash);
    expect(`member ${address} quotaW`, read.quotaW, member.quotaW);
    expect(`member ${address} SEB`, read.tokens, member.tokens);
    expect(`member ${address} joinedAt`, read.joinedAt, member.joinedAt);
  });

  await eachLimited([...state.plants], 8, async ([ppID, plant]) => {
    const read = await plants.powerPlant(ppID);
    if (read === undefined) {
      mismatches.push(`plant ${ppID}: the contract has no such plant`);

      return;
    }
    for (const field of ['capacityW', 'cost', 'utility', 'timeToMarket', 'status', 'fundingEndsAt', 'raised', 'funders', 'fundedAt', 'operatingSince'] as const) {
      expect(`plant ${ppID} ${field}`, read[field], plant[field]);
    }
  });
  const pledges = [...state.pledges].flatMap(([ppID, byMember]) => [...byMember].map(([member, amount]) => ({ ppID, member, amount })));
  await eachLimited(pledges, 8, async ({ ppID, member, amount }) => {
    expect(`pledge of ${member} to ${ppID}`, await plants.bidOf(ppID, member), amount);
  });

  await eachLimited([...state.referendums], 8, async ([rID, referendum]) => {
    const read = await referendums.referendum(rID);
    if (read === undefined) {
      mismatches.push(`referendum ${rID}: the contract has no such referendum`);

      return;
    }
    for (const field of ['kind', 'proposer', 'subject', 'openedAt', 'endsAt', 'electorate', 'yes', 'no', 'status'] as const) {
      expect(`referendum ${rID} ${field}`, read[field], referendum[field]);
    }
    // What was voted on (the spec: an auditor must see it).
    const proposal = await referendums.proposal(rID);
    for (const field of ['profileHash', 'utility', 'capacityW', 'cost', 'timeToMarket', 'from', 'to', 'quotaW', 'tokens'] as const) {
      expect(`referendum ${rID} proposal ${field}`, proposal?.[field], referendum.proposal[field]);
    }
  });

  await eachLimited([...state.offers], 8, async ([offerID, offer]) => {
    const read = await ledger.tradeOffer(offerID);
    if (read === undefined) {
      mismatches.push(`trade offer ${offerID}: the contract has no such offer`);

      return;
    }
    for (const field of ['from', 'to', 'quotaW', 'tokens', 'status', 'offeredAt'] as const) {
      expect(`trade offer ${offerID} ${field}`, read[field], offer[field]);
    }
  });

  return mismatches.sort();
};
