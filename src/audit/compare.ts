/**
 * The rebuilt state against the contracts' own reads, field by field: group totals,
 * treasury (with its reservations), the attached partners, the member list page by
 * page (by admission serial, with the gaps removals leave), every member with its
 * memberState, every plant with its plantState, pledges (as made and as kept) and
 * every member's contributions, every referendum with its proposal, every invitation
 * and every trade offer. Returns the differences, one line each.
 */
import BigNumber from 'bignumber.js';
import { allContributions, PAGE_LIMIT } from '../chain/reads';
import { readPledges } from '../chain/plants';
import { AuditedGroup } from './events';
import { contributionsOf, GroupState, offerStatus } from './rebuild';

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

/** SEB and R$ as the Integer[] reads give them: raw 1e-8 SEB, raw cents. */
const RAW_SEB = 100_000_000;
const RAW_CENTS = 100;
/** neo-one's private and main networks make a block every 15 s. */
const SECONDS_PER_BLOCK = 15;

export const compareWithReads = async (group: AuditedGroup, state: GroupState): Promise<string[]> => {
  const mismatches: string[] = [];
  const expect = (what: string, read: unknown, rebuilt: unknown): void => {
    if (!same(read, rebuilt)) {
      mismatches.push(`${what}: the contract reads ${String(read)}, the events give ${String(rebuilt)}`);
    }
  };
  const list = (values: readonly unknown[]): string =>
    values.map((value) => (BigNumber.isBigNumber(value) ? value.toFixed() : String(value))).join(' ');
  const { ledger, trades, plants, referendums } = group;

  const [summary, treasury, treasuryState, partners, offerCount, lastBlock] = await Promise.all([
    ledger.groupSummary(),
    ledger.treasury(),
    ledger.memberState(group.contracts.ledger),
    ledger.partners(),
    trades.offerCount(),
    group.chain.getBlockCount(),
  ]);
  expect('members', summary.members, state.members.size);
  expect('power plants', summary.powerPlants, state.plants.size);
  expect('totalCapacityW', summary.totalCapacityW, state.totalCapacityW);
  expect('totalSupply', summary.totalSupply, state.totalSupply);
  expect('maxPowerW', summary.maxPowerW, state.settings.maxPowerW);
  expect('treasury quota', treasury.quotaW, state.treasury.quotaW);
  expect('treasury SEB', treasury.tokens, state.treasury.tokens);
  expect(
    'treasury memberState',
    list(treasuryState),
    list([0, 0, state.treasury.reservedQuotaW, state.treasury.reservedTokens.times(RAW_SEB), 0, 0]),
  );
  // The partners the ledger and the plants contract attached are the group's own contracts.
  for (const role of ['trades', 'plants', 'referendums'] as const) {
    expect(`partners ${role}`, partners[role], state.partners[role]);
    expect(`attached ${role} is the group's`, group.contracts[role], state.partners[role]);
  }
  expect("the plants contract's referendums is the group's", group.contracts.referendums, state.partners.plantsReferendums);
  expect('trade offers', offerCount, state.offers.size);

  // listOfMembers pages by serial: each page holds the members admitted with serials offset+1 … offset+limit.
  const serials = [...state.members].map(([address, member]) => [member.serial, address] as const);
  const pages: number[] = [];
  for (let offset = 0; offset < Math.max(state.admissions, 1); offset += PAGE_LIMIT) {
    pages.push(offset);
  }
  await eachLimited(pages, 4, async (offset) => {
    const page = await ledger.listOfMembers(new BigNumber(offset), new BigNumber(PAGE_LIMIT));
    const rebuilt = serials.filter(([serial]) => serial > offset && serial <= offset + PAGE_LIMIT).map(([, address]) => address);
    expect(`listOfMembers(${offset}, ${PAGE_LIMIT})`, page.join(' '), rebuilt.join(' '));
  });
  const beyond = await ledger.listOfMembers(new BigNumber(pages[pages.length - 1] + PAGE_LIMIT), new BigNumber(PAGE_LIMIT));
  expect('listOfMembers after the last admission', beyond.join(' '), '');

  await eachLimited([...state.members], 8, async ([address, member]) => {
    // One read per member (its SEB is the NEP-5 balance: the same record).
    const [read, memberState] = await Promise.all([ledger.member(address), ledger.memberState(address)]);
    if (read === undefined) {
      mismatches.push(`member ${address}: the contract has no such member`);

      return;
    }
    expect(`member ${address} utility`, read.utility, member.utility);
    expect(`member ${address} profileHash`, read.profileHash, member.profileHash);
    expect(`member ${address} quotaW`, read.quotaW, member.quotaW);
    expect(`member ${address} SEB`, read.tokens, member.tokens);
    expect(`member ${address} joinedAt`, read.joinedAt, member.joinedAt);
    expect(
      `member ${address} memberState [serial, removals, reservedQuotaW, reservedTokens, pledges, openOffers]`,
      list(memberState),
      list([member.serial, member.removals, member.reservedQuotaW, member.reservedTokens.times(RAW_SEB), member.pledges, member.openOffers]),
    );
  });

  await eachLimited([...state.plants], 8, async ([ppID, plant]) => {
    const [read, plantState, made] = await Promise.all([plants.powerPlant(ppID), plants.plantState(ppID), readPledges(plants, ppID)]);
    if (read === undefined) {
      mismatches.push(`plant ${ppID}: the contract has no such plant`);

      return;
    }
    for (const field of ['capacityW', 'cost', 'utility', 'timeToMarket', 'status', 'fundingEndsAt', 'raised', 'funders', 'fundedAt', 'operatingSince'] as const) {
      expect(`plant ${ppID} ${field}`, read[field], plant[field]);
    }
    expect(
      `plant ${ppID} plantState [openedAt, pledged, cutThreshold, quotaThreshold, done]`,
      list(plantState),
      list([plant.openedAt, plant.pledged.times(RAW_CENTS), plant.cutThreshold, plant.quotaThreshold, plant.done]),
    );
    // The pledges as made, in the contract's index order (what the thresholds are computed from).
    expect(
      `plant ${ppID} pledges`,
      made.map((row) => `${row.member}:${row.amount}:${row.order}`).join(' '),
      (state.pledgesMade.get(ppID) ?? []).map((row) => `${row.member}:${row.amount.times(RAW_CENTS).toFixed()}:${row.order}`).join(' '),
    );
  });
  const pledges = [...state.pledges].flatMap(([ppID, byMember]) => [...byMember].map(([member, amount]) => ({ ppID, member, amount })));
  await eachLimited(pledges, 8, async ({ ppID, member, amount }) => {
    expect(`pledge of ${member} to ${ppID}`, await plants.bidOf(ppID, member), amount);
  });
  // contributionsOf, paged over plants, for every member and every other address with a pledge.
  const contributors = [...new Set([...state.members.keys(), ...pledges.map(({ member }) => member)])];
  await eachLimited(contributors, 8, async (address) => {
    const read = await allContributions(ledger, plants, address);
    expect(
      `contributionsOf ${address}`,
      read.map(({ ppID, amount }) => `${ppID}:${amount.toFixed()}`).join(' '),
      contributionsOf(state, address).map(({ ppID, amount }) => `${ppID}:${amount.toFixed()}`).join(' '),
    );
  });

  await eachLimited([...state.referendums], 8, async ([rID, referendum]) => {
    const [read, proposal] = await Promise.all([referendums.referendum(rID), referendums.proposal(rID)]);
    if (read === undefined) {
      mismatches.push(`referendum ${rID}: the contract has no such referendum`);

      return;
    }
    for (const field of ['kind', 'proposer', 'subject', 'openedAt', 'endsAt', 'electorate', 'yes', 'no', 'status'] as const) {
      expect(`referendum ${rID} ${field}`, read[field], referendum[field]);
    }
    // What was voted on (the spec: an auditor must see it).
    for (const field of ['profileHash', 'utility', 'capacityW', 'cost', 'timeToMarket', 'from', 'to', 'quotaW', 'tokens'] as const) {
      expect(`referendum ${rID} proposal ${field}`, proposal?.[field], referendum.proposal[field]);
    }
  });

  // Every invitation not yet ended by an admission's result (expired ones stay until replaced).
  await eachLimited([...state.invitations], 8, async ([candidate, invitation]) => {
    const read = await referendums.invitation(candidate);
    expect(
      `invitation of ${candidate}`,
      read === undefined ? 'none' : `${read.inviter} ${read.expiresAt} ${read.rID}`,
      `${invitation.inviter} ${invitation.expiresAt} ${invitation.rID}`,
    );
  });

  // A read runs at the last block's time plus one block (neo-one's Runtime.GetTime outside a block).
  let now = 0;
  for await (const block of group.chain.iterBlocks({ indexStart: lastBlock - 1, indexStop: lastBlock })) {
    now = block.time + SECONDS_PER_BLOCK;
  }
  await eachLimited([...state.offers], 8, async ([offerID, offer]) => {
    const read = await trades.tradeOffer(offerID);
    if (read === undefined) {
      mismatches.push(`trade offer ${offerID}: the contract has no such offer`);

      return;
    }
    for (const field of ['from', 'to', 'quotaW', 'tokens', 'offeredAt', 'expiresAt'] as const) {
      expect(`trade offer ${offerID} ${field}`, read[field], offer[field]);
    }
    expect(`trade offer ${offerID} status`, read.status, offerStatus(state, offerID, now));
  });

  return mismatches.sort();
};
