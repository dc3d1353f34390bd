/**
 * The rebuilt state against the chain, field by field: group totals, treasury (with its
 * reservations), the partners, the deployment settings, the member list page by page
 * (by admission serial, with the gaps removals leave), every member with its
 * memberState and its place on the electoral roll, every plant with its plantState,
 * pledges (as made and as kept) and every member's contributions, every referendum
 * with its proposal and its ballots (hasVoted of every member), every invitation and
 * every trade offer; and nothing more on chain: no stored member, plant, pledge,
 * referendum, ballot, invitation or offer the events do not give (no R<n+1>, T<n+1>,
 * P<n+1>), no record the auditor cannot place.
 *
 * Where the chain's side comes from: the contracts' raw storage, four RPC requests
 * (src/audit/storage.ts decodes it and computes each @constant read from it as the
 * contract does). One read per record through neo-one's JavaScript NeoVM took 75 s on
 * the 10,467 events of `npm run bench:audit`. The decoding itself is checked at every
 * audit against the contracts' own reads: the totals, partners, offer count and member
 * pages, the first and last record of each kind, and the next IDs (R<n+1>, T<n+1>,
 * P<n+1>) read as absent.
 *
 * Returns the differences, one line each, and per check how many comparisons it made.
 */
import BigNumber from 'bignumber.js';
import { allContributions, PAGE_LIMIT } from '../chain/reads';
import { PLEDGE_READ_LIMIT } from '../domain/pages';
import { offerID, plantID, referendumID } from '../domain/ids';
import { AuditedGroup } from './events';
import { contributionsOf, GroupState, hasVoted, offerStatus } from './rebuild';
import { readGroupStorage, StorageView, toAddress } from './storage';

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

const list = (values: readonly unknown[]): string =>
  values.map((value) => (BigNumber.isBigNumber(value) ? value.toFixed() : String(value))).join(' ');

/** SEB and R$ as the Integer[] reads give them: raw 1e-8 SEB, raw cents. */
const RAW_SEB = 100_000_000;
const RAW_CENTS = 100;
/** neo-one's private and main networks make a block every 15 s. */
const SECONDS_PER_BLOCK = 15;

/** The checks of the comparison, in the verdict's order (the verdict lists each with its count). */
export const COMPARISONS = {
  totals:
    'totals: members, plants, totalCapacityW, totalSupply, maxPowerW, the treasury (quota, SEB, memberState), the offer count and the roll counts (admissions, members, referendums)',
  partners: "partners: the ledger's, each partner's own and the group's contract addresses",
  settings: "settings: the founder and the deployment settings the contracts' storage holds",
  members: 'members: every member (utility, profileHash, quotaW, SEB, joinedAt, memberState, serial on the roll) and listOfMembers page by page',
  plants: 'plants: every plant (powerPlant, plantState)',
  pledges: "pledges: every plant's pledges as made (in index order), bidOf of every pledge, contributionsOf of every member and funder",
  referendums: 'referendums: every referendum and its proposal',
  ballots: 'ballots: the voters of every referendum, and hasVoted of every member in every referendum',
  invitations: 'invitations: every invitation not yet ended by an admission result',
  offers: 'trade offers: every offer (from, to, quotaW, SEB, offeredAt, expiresAt, status now)',
  nothingElse:
    "nothing else on chain: every stored member, member list entry, plant, pledge, pledge index, referendum, tally, roll entry, invitation and offer is a rebuilt one (no R<n+1>, T<n+1>, P<n+1>), and every storage record is decoded (two kinds are the contracts' working records, decoded but not compared: each inviter's latest invitation, and a threshold check while its pages run)",
  reads: "the contracts' own reads equal the decoded storage: totals, treasury, partners, offer count, every member page, the first and last member, plant, pledge page, referendum, invitation and offer, and the next IDs absent",
} as const;

export type ComparisonName = keyof typeof COMPARISONS;

export interface Comparison {
  readonly name: ComparisonName;
  readonly check: string;
  /** Values compared (one per field of each record). */
  readonly compared: number;
  readonly mismatches: number;
}

export interface ChainComparison {
  readonly mismatches: string[];
  readonly comparisons: Comparison[];
  /** Where the seconds went: reading the storage (and decoding it), the contracts' own reads, comparing. */
  readonly seconds: { readonly storage: number; readonly reads: number; readonly compare: number };
  /** Storage records read, by contract. */
  readonly records: Readonly<Record<'ledger' | 'trades' | 'plants' | 'referendums', number>>;
}

export const compareWithChain = async (group: AuditedGroup, state: GroupState): Promise<ChainComparison> => {
  const started = Date.now();
  const mismatches: string[] = [];
  const counts = new Map<ComparisonName, { compared: number; mismatches: number }>(
    (Object.keys(COMPARISONS) as ComparisonName[]).map((name) => [name, { compared: 0, mismatches: 0 }]),
  );
  const comparer =
    (name: ComparisonName, source = "the contracts' storage gives", other = 'the events give') =>
    (what: string, read: unknown, rebuilt: unknown): void => {
      const count = counts.get(name) as { compared: number; mismatches: number };
      count.compared += 1;
      if (!same(read, rebuilt)) {
        count.mismatches += 1;
        mismatches.push(`${what}: ${source} ${String(read)}, ${other} ${String(rebuilt)}`);
      }
    };
  const fail = (name: ComparisonName, message: string): void => {
    const count = counts.get(name) as { compared: number; mismatches: number };
    count.compared += 1;
    count.mismatches += 1;
    mismatches.push(message);
  };

  const [storage, lastBlock] = await Promise.all([readGroupStorage(group.rpcURL, group.contracts), group.chain.getBlockCount()]);
  const view = new StorageView(storage, group.contracts.ledger);
  // A read runs at the last block's time plus one block (neo-one's Runtime.GetTime outside a block).
  let now = 0;
  for await (const block of group.chain.iterBlocks({ indexStart: lastBlock - 1, indexStop: lastBlock })) {
    now = block.time + SECONDS_PER_BLOCK;
  }
  const storageRead = Date.now();
  const readsSeconds = await compareViewWithReads(group, view, state, now, comparer('reads', "the contract's read gives", 'its storage gives'), fail);
  const readsDone = Date.now();

  // ---- totals, partners, settings
  const expect = comparer('totals');
  const summary = view.groupSummary();
  const treasury = view.treasury();
  expect('members', summary.members, state.members.size);
  expect('power plants', summary.powerPlants, state.plants.size);
  expect('totalCapacityW', summary.totalCapacityW, state.totalCapacityW);
  expect('totalSupply', summary.totalSupply, state.totalSupply);
  expect('maxPowerW', summary.maxPowerW, state.settings.maxPowerW);
  expect('treasury quota', treasury.quotaW, state.treasury.quotaW);
  expect('treasury SEB', treasury.tokens, state.treasury.tokens);
  expect(
    'treasury memberState',
    list(view.memberState(group.contracts.ledger)),
    list([0, 0, state.treasury.reservedQuotaW, state.treasury.reservedTokens.times(RAW_SEB), 0, 0]),
  );
  expect('trade offers', view.offerCount(), state.offers.size);
  const [admissions, members, referendumCount] = view.referendumCounts();
  expect('admissions (the latest serial)', admissions.toString(), String(state.admissions));
  expect("the roll's member count", members.toString(), String(state.members.size));
  expect('referendums opened', referendumCount.toString(), String(state.referendums.size));

  const partner = comparer('partners');
  const ledgerPartners = view.partners('ledger');
  // The partners the ledger and the plants contract attached are the group's own contracts.
  for (const role of ['trades', 'plants', 'referendums'] as const) {
    partner(`partners ${role}`, ledgerPartners[role], state.partners[role]);
    partner(`attached ${role} is the group's`, group.contracts[role], state.partners[role]);
  }
  partner('the elected operator', view.partners('referendums').operator, state.partners.operator);
  // The energy layer's MTEMsmEnergy, attached by its deployment (absent in a group deployed before it).
  if (group.contracts.energy !== undefined || state.partners.energy !== undefined) {
    partner('partners energy', ledgerPartners.energy, state.partners.energy);
    partner("attached energy is the group's", group.contracts.energy, state.partners.energy);
  }
  partner("the plants contract's referendums is the group's", group.contracts.referendums, state.partners.plantsReferendums);
  partner("the plants contract's referendums", view.partners('plants').referendums, state.partners.plantsReferendums);
  // Each partner's own ledger and plants are the group's (given at deployment; no event names them).
  partner("the trades contract's ledger", view.partners('trades').ledger, group.contracts.ledger);
  partner("the plants contract's ledger", view.partners('plants').ledger, group.contracts.ledger);
  partner("the referendums contract's ledger", view.partners('referendums').ledger, group.contracts.ledger);
  partner("the referendums contract's plants", view.partners('referendums').plants, group.contracts.plants);

  const setting = comparer('settings');
  const property = (role: 'ledger' | 'trades' | 'plants' | 'referendums', name: string): unknown => {
    const value = storage[role].properties.get(name);

    return typeof value === 'bigint' ? new BigNumber(value.toString()) : Buffer.isBuffer(value) ? toAddress(value) : value;
  };
  for (const role of ['ledger', 'trades', 'plants', 'referendums'] as const) {
    setting(`${role} founder`, property(role, 'founder'), state.settings.founder);
  }
  setting('crowdfundingPeriod', property('plants', 'crowdfundingPeriod'), state.settings.crowdfundingPeriod);
  // minBid is R$ in raw cents in storage.
  setting('minBid (raw cents)', property('plants', 'minBid'), state.settings.minBid?.times(RAW_CENTS));
  setting('minFundingWindow', property('plants', 'minFundingWindow'), state.settings.minFundingWindow);
  setting('referendumPeriod', property('referendums', 'referendumPeriod'), state.settings.referendumPeriod);
  setting('minTimeToMarket', property('referendums', 'minTimeToMarket'), state.settings.minTimeToMarket);
  setting("the referendums contract's maxPowerW", property('referendums', 'maxPowerW'), state.settings.maxPowerW);

  // ---- members: listOfMembers pages by serial (offset+1 … offset+limit), then every member.
  const member = comparer('members');
  const serials = [...state.members].map(([address, record]) => [record.serial, address] as const);
  const lastOffset = Math.floor(Math.max(state.admissions - 1, 0) / PAGE_LIMIT) * PAGE_LIMIT;
  for (let offset = 0; offset <= lastOffset + PAGE_LIMIT; offset += PAGE_LIMIT) {
    const rebuilt = serials.filter(([serial]) => serial > offset && serial <= offset + PAGE_LIMIT).map(([, address]) => address);
    const what = offset > lastOffset ? 'listOfMembers after the last admission' : `listOfMembers(${offset}, ${PAGE_LIMIT})`;
    member(what, view.listOfMembers(offset, PAGE_LIMIT).join(' '), rebuilt.join(' '));
  }
  for (const [address, rebuilt] of state.members) {
    const read = view.member(address);
    if (read === undefined) {
      fail('members', `member ${address}: the contract has no such member`);
      continue;
    }
    member(`member ${address} utility`, read.utility, rebuilt.utility);
    member(`member ${address} profileHash`, read.profileHash, rebuilt.profileHash);
    member(`member ${address} quotaW`, read.quotaW, rebuilt.quotaW);
    member(`member ${address} SEB`, read.tokens, rebuilt.tokens);
    member(`member ${address} joinedAt`, read.joinedAt, rebuilt.joinedAt);
    member(
      `member ${address} memberState [serial, removals, reservedQuotaW, reservedTokens, pledges, openOffers]`,
      list(view.memberState(address)),
      list([rebuilt.serial, rebuilt.removals, rebuilt.reservedQuotaW, rebuilt.reservedTokens.times(RAW_SEB), rebuilt.pledges, rebuilt.openOffers]),
    );
    member(`member ${address} serial on the roll`, view.rollSerial(address), rebuilt.serial);
  }

  // ---- plants and pledges
  const plant = comparer('plants');
  const pledge = comparer('pledges');
  for (const [ppID, rebuilt] of state.plants) {
    const read = view.powerPlant(ppID);
    if (read === undefined) {
      fail('plants', `plant ${ppID}: the contract has no such plant`);
      continue;
    }
    for (const name of ['capacityW', 'cost', 'utility', 'timeToMarket', 'status', 'fundingEndsAt', 'raised', 'funders', 'fundedAt', 'operatingSince'] as const) {
      plant(`plant ${ppID} ${name}`, read[name], rebuilt[name]);
    }
    plant(
      `plant ${ppID} plantState [openedAt, pledged, cutThreshold, quotaThreshold, done]`,
      list(view.plantState(ppID)),
      list([rebuilt.openedAt, rebuilt.pledged.times(RAW_CENTS), rebuilt.cutThreshold, rebuilt.quotaThreshold, rebuilt.done]),
    );
    // The pledges as made, in the contract's index order (what the thresholds are computed from).
    pledge(
      `plant ${ppID} pledges`,
      view
        .pledges(ppID)
        .map((row) => `${row.member}:${row.amount}:${row.order}`)
        .join(' '),
      (state.pledgesMade.get(ppID) ?? []).map((row) => `${row.member}:${row.amount.times(RAW_CENTS).toFixed()}:${row.order}`).join(' '),
    );
  }
  const pledges = [...state.pledges].flatMap(([ppID, byMember]) => [...byMember].map(([address, amount]) => ({ ppID, address, amount })));
  for (const { ppID, address, amount } of pledges) {
    pledge(`pledge of ${address} to ${ppID}`, view.bidOf(ppID, address), amount);
  }
  // contributionsOf, over every plant, for every member and every other address with a pledge.
  for (const address of new Set([...state.members.keys(), ...pledges.map((row) => row.address)])) {
    pledge(
      `contributionsOf ${address}`,
      view
        .contributionsOf(address)
        .map(({ ppID, amount }) => `${ppID}:${amount.toFixed()}`)
        .join(' '),
      contributionsOf(state, address)
        .map(({ ppID, amount }) => `${ppID}:${amount.toFixed()}`)
        .join(' '),
    );
  }

  // ---- referendums, ballots
  const referendum = comparer('referendums');
  const ballot = comparer('ballots');
  const memberList = [...state.members.keys()];
  for (const [rID, rebuilt] of state.referendums) {
    const read = view.referendum(rID);
    const proposal = view.proposal(rID);
    if (read === undefined) {
      fail('referendums', `referendum ${rID}: the contract has no such referendum`);
      continue;
    }
    for (const name of ['kind', 'proposer', 'subject', 'openedAt', 'endsAt', 'electorate', 'yes', 'no', 'status'] as const) {
      referendum(`referendum ${rID} ${name}`, read[name], rebuilt[name]);
    }
    // What was voted on (the spec: an auditor must see it).
    for (const name of ['profileHash', 'utility', 'capacityW', 'cost', 'timeToMarket', 'from', 'to', 'quotaW', 'tokens'] as const) {
      referendum(`referendum ${rID} proposal ${name}`, proposal?.[name], rebuilt.proposal[name]);
    }
    // Who voted: the serials of the ballot bitset (removed members' ballots stay in it).
    const voted = new Set(view.votedSerials(rID));
    ballot(
      `referendum ${rID} voters (admission serials)`,
      [...voted].sort((left, right) => left - right).join(' '),
      [...(state.ballots.get(rID)?.values() ?? [])]
        .map(({ serial }) => serial)
        .sort((left, right) => left - right)
        .join(' '),
    );
    for (const address of memberList) {
      const serial = view.rollSerial(address);
      ballot(`hasVoted(${rID}, ${address})`, serial !== undefined && voted.has(serial), hasVoted(state, rID, address));
    }
  }

  // ---- invitations: every invitation not yet ended by an admission's result (expired ones stay until replaced).
  const invitation = comparer('invitations');
  for (const [candidate, rebuilt] of state.invitations) {
    const read = view.invitation(candidate);
    invitation(
      `invitation of ${candidate}`,
      read === undefined ? 'none' : `${read.inviter} ${read.expiresAt} ${read.rID}`,
      `${rebuilt.inviter} ${rebuilt.expiresAt} ${rebuilt.rID}`,
    );
  }

  // ---- trade offers
  const offer = comparer('offers');
  for (const [offerID, rebuilt] of state.offers) {
    const read = view.tradeOffer(offerID, now);
    if (read === undefined) {
      fail('offers', `trade offer ${offerID}: the contract has no such offer`);
      continue;
    }
    for (const name of ['from', 'to', 'quotaW', 'tokens', 'offeredAt', 'expiresAt'] as const) {
      offer(`trade offer ${offerID} ${name}`, read[name], rebuilt[name]);
    }
    offer(`trade offer ${offerID} status`, read.status, offerStatus(state, offerID, now));
  }

  // ---- nothing else on chain: each stored record of a kind is one the events give.
  const extra = (name: string, role: 'ledger' | 'trades' | 'plants' | 'referendums', map: string, known: (key: string) => boolean): void => {
    const stored = [...view.map(role, map).keys()];
    const unknown = stored.filter((key) => !known(key));
    const count = counts.get('nothingElse') as { compared: number; mismatches: number };
    count.compared += stored.length;
    for (const key of unknown) {
      count.mismatches += 1;
      mismatches.push(`${name} ${key}: stored by the ${role} contract, but no event gives it`);
    }
  };
  const pledgeKeys = new Set(
    [...state.pledgesMade].flatMap(([ppID, rows]) => rows.map((_, index) => `${ppID}|${index + 1}`)),
  );
  const pledgeMembers = new Set([...state.pledgesMade].flatMap(([ppID, rows]) => rows.map((row) => `${ppID}|${row.member}`)));
  extra('member', 'ledger', 'members', (key) => state.members.has(key));
  const bySerial = new Map([...state.members].map(([address, record]) => [String(record.serial), address]));
  extra('member list entry (serial)', 'ledger', 'memberAt', (key) => bySerial.get(key) === view.listOfMembers(Number(key) - 1, 1)[0]);
  extra('plant', 'plants', 'plants', (key) => state.plants.has(key));
  extra('pledge (plant|index)', 'plants', 'pledgeAt', (key) => pledgeKeys.has(key));
  extra('pledge index (plant|member)', 'plants', 'pledgeIndex', (key) => pledgeMembers.has(key));
  extra('referendum', 'referendums', 'referendums', (key) => state.referendums.has(key));
  extra('tally', 'referendums', 'tallies', (key) => state.referendums.has(key));
  extra('roll entry', 'referendums', 'roll', (key) => state.members.has(key));
  extra('invitation', 'referendums', 'invitations', (key) => state.invitations.has(key));
  extra('trade offer', 'trades', 'offers', (key) => state.offers.has(key));
  for (const role of ['ledger', 'trades', 'plants', 'referendums'] as const) {
    const count = counts.get('nothingElse') as { compared: number; mismatches: number };
    count.compared += 1;
    for (const key of storage[role].unknown) {
      count.mismatches += 1;
      mismatches.push(`storage record ${key} of the ${role} contract: the auditor cannot place it`);
    }
  }
  const done = Date.now();

  return {
    mismatches: mismatches.sort(),
    comparisons: (Object.keys(COMPARISONS) as ComparisonName[]).map((name) => ({
      name,
      check: COMPARISONS[name],
      ...(counts.get(name) as { compared: number; mismatches: number }),
    })),
    seconds: {
      storage: (storageRead - started) / 1_000,
      reads: readsSeconds,
      compare: (done - readsDone) / 1_000,
    },
    records: {
      ledger: storage.ledger.records,
      trades: storage.trades.records,
      plants: storage.plants.records,
      referendums: storage.referendums.records,
    },
  };
};

/** compareWithChain's differences alone. */
export const compareWithReads = async (group: AuditedGroup, state: GroupState): Promise<string[]> =>
  (await compareWithChain(group, state)).mismatches;

/**
 * The contracts' own @constant reads against the storage view: the aggregates, every
 * member page, the first and last record of each kind and the next IDs. Returns its seconds.
 */
const compareViewWithReads = async (
  group: AuditedGroup,
  view: StorageView,
  state: GroupState,
  now: number,
  expect: (what: string, read: unknown, rebuilt: unknown) => void,
  fail: (name: ComparisonName, message: string) => void,
): Promise<number> => {
  const started = Date.now();
  const { ledger, trades, plants, referendums } = group;
  const fields = <T extends object>(what: string, read: T | undefined, stored: T | undefined): void => {
    if (read === undefined || stored === undefined) {
      expect(what, read === undefined ? 'none' : 'a record', stored === undefined ? 'none' : 'a record');

      return;
    }
    for (const [name, value] of Object.entries(read)) {
      expect(`${what} ${name}`, value, (stored as any)[name]);
    }
  };
  const firstAndLast = <T>(items: readonly T[]): T[] => [...new Set([items[0], items[items.length - 1]])].filter((item) => item !== undefined);
  // The contract's read first, the storage view second: `expect(what, read, stored)`.
  const work: Array<() => Promise<void>> = [
    async () => {
      const read = await ledger.groupSummary();
      const stored = view.groupSummary();
      for (const name of ['maxPowerW', 'powerPlants', 'members', 'totalSupply', 'totalCapacityW'] as const) {
        expect(`groupSummary ${name}`, read[name], stored[name]);
      }
    },
    async () => fields('treasury', await ledger.treasury(), view.treasury()),
    async () => expect('memberState of the treasury', list(await ledger.memberState(group.contracts.ledger)), list(view.memberState(group.contracts.ledger))),
    async () => {
      const read = await ledger.partners();
      const stored = view.partners('ledger');
      for (const role of ['trades', 'plants', 'referendums'] as const) {
        expect(`partners ${role}`, read[role], stored[role]);
      }
    },
    async () => expect('offerCount', await trades.offerCount(), view.offerCount()),
  ];
  for (let offset = 0; offset <= Math.max(state.admissions - 1, 0) + PAGE_LIMIT; offset += PAGE_LIMIT) {
    work.push(async () =>
      expect(
        `listOfMembers(${offset}, ${PAGE_LIMIT})`,
        (await ledger.listOfMembers(new BigNumber(offset), new BigNumber(PAGE_LIMIT))).join(' '),
        view.listOfMembers(offset, PAGE_LIMIT).join(' '),
      ),
    );
  }
  const memberKeys = [...view.map('ledger', 'members').keys()];
  for (const address of firstAndLast(memberKeys)) {
    work.push(async () => fields(`member ${address}`, await ledger.member(address), view.member(address)));
    work.push(async () => expect(`memberState ${address}`, list(await ledger.memberState(address)), list(view.memberState(address))));
  }
  const plantKeys = [...view.map('plants', 'plants').keys()];
  for (const ppID of firstAndLast(plantKeys)) {
    work.push(async () => fields(`plant ${ppID}`, await plants.powerPlant(ppID), view.powerPlant(ppID)));
    work.push(async () => expect(`plantState ${ppID}`, list(await plants.plantState(ppID)), list(view.plantState(ppID))));
    work.push(async () =>
      expect(
        `pledges(${ppID}, 0, ${PLEDGE_READ_LIMIT})`,
        (await plants.pledges(ppID, new BigNumber(0), new BigNumber(PLEDGE_READ_LIMIT))).map((row) => `${row.member}:${row.amount.times(RAW_CENTS).toFixed()}:${row.order}`).join(' '),
        view
          .pledges(ppID)
          .slice(0, PLEDGE_READ_LIMIT)
          .map((row) => `${row.member}:${row.amount}:${row.order}`)
          .join(' '),
      ),
    );
  }
  // bidOf and contributionsOf of the first and last pledge made (kept amounts: the cut's rule).
  const pledgeKeys = firstAndLast([...view.map('plants', 'pledgeIndex').keys()]);
  for (const key of pledgeKeys) {
    const [ppID, address] = key.split('|');
    work.push(async () => expect(`bidOf(${ppID}, ${address})`, await plants.bidOf(ppID, address), view.bidOf(ppID, address)));
    work.push(async () =>
      expect(
        `contributionsOf ${address}`,
        (await allContributions(ledger, plants, address)).map(({ ppID: id, amount }) => `${id}:${amount.toFixed()}`).join(' '),
        view
          .contributionsOf(address)
          .map(({ ppID: id, amount }) => `${id}:${amount.toFixed()}`)
          .join(' '),
      ),
    );
  }
  const referendumKeys = [...view.map('referendums', 'referendums').keys()];
  for (const rID of firstAndLast(referendumKeys)) {
    work.push(async () => fields(`referendum ${rID}`, await referendums.referendum(rID), view.referendum(rID)));
    work.push(async () => fields(`proposal ${rID}`, await referendums.proposal(rID), view.proposal(rID)));
    // A member who voted (if any) and one who did not.
    const voters = new Set(view.votedSerials(rID));
    const members = [...view.map('ledger', 'members').keys()];
    const voter = members.find((address) => voters.has(view.rollSerial(address) ?? 0));
    const other = members.find((address) => !voters.has(view.rollSerial(address) ?? 0));
    for (const address of [voter, other].filter((item): item is string => item !== undefined)) {
      work.push(async () => expect(`hasVoted(${rID}, ${address})`, await referendums.hasVoted(rID, address), view.hasVoted(rID, address)));
    }
  }
  for (const candidate of firstAndLast([...view.map('referendums', 'invitations').keys()])) {
    work.push(async () => fields(`invitation of ${candidate}`, await referendums.invitation(candidate), view.invitation(candidate)));
  }
  const offerKeys = [...view.map('trades', 'offers').keys()];
  for (const offerID of firstAndLast(offerKeys)) {
    work.push(async () => fields(`trade offer ${offerID}`, await trades.tradeOffer(offerID), view.tradeOffer(offerID, now)));
  }
  // The next IDs: none on chain (the storage's absence is checked under "nothing else").
  const nextIDs = [referendumID(state.referendums.size + 1), offerID(state.offers.size + 1), plantID(state.plants.size + 1)];
  work.push(async () => expect(`referendum ${nextIDs[0]}`, await referendums.referendum(nextIDs[0]), view.referendum(nextIDs[0])));
  work.push(async () => expect(`trade offer ${nextIDs[1]}`, await trades.tradeOffer(nextIDs[1]), view.tradeOffer(nextIDs[1], now)));
  work.push(async () => expect(`plant ${nextIDs[2]}`, await plants.powerPlant(nextIDs[2]), view.powerPlant(nextIDs[2])));
  await eachLimited(work, 4, async (step) =>
    step().catch((error) => fail('reads', `a contract read failed: ${String(error?.message ?? error)}`)),
  );

  return (Date.now() - started) / 1_000;
};
