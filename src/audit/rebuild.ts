/**
 * Rebuilds the whole state of an MTEMsm group from its events alone
 * (shared/spec/mtemsm.md, "Events (what auditors read)"), and finds the first
 * event at which one of the spec's invariants 1–5 breaks.
 *
 * Input: the events of the group's three contracts — ledger `MTEMsm`, `MTEMsmPlants`,
 * `MTEMsmReferendums` — merged in emission order (src/audit/events.ts reads them from
 * a node), and the treasury's address (the ledger contract's own address).
 * Output: the state every read of the contracts returns, field for field.
 *
 * Pure: no network, no clock; every time comes from the event's block.
 *
 * How each part of the state follows from the events:
 * - members: `membership` admitted (ledger: address, profileHash, utility; joinedAt is
 *   the block time) · profile (new profileHash, utility) · removed. listOfMembers
 *   appends on admission; a removal moves the last member into the freed position.
 * - quota and SEB: only `quotaTransfer(from, to, quotaW)` and the NEP-5
 *   `transfer(from, to, amount)` move them; `from` undefined is an issue (capacity,
 *   supply grow), `to` undefined would be a burn. The treasury is one more holder.
 * - pending admission requests: `membership` requested (MTEMsmReferendums) adds the
 *   candidate with the admission referendum opened in the same transaction;
 *   admitted / rejected removes it.
 * - referendums: `referendum(rID, kind, proposer, plant, member, electorate, endsAt)`
 *   opens one (openedAt is the block time; subject is the member's address if any,
 *   else the plant ID, '' for a new plant); `proposal(...)` carries the values of
 *   powerUp / correction / plantUtility; an admission's profileHash and utility come
 *   from `membership` requested; `ballot` counts yes/no; `process(rID, approved |
 *   rejected)` resolves it.
 * - plants: `plant(...)` registers one in funding; `offer(ppID, member, amount)` is a
 *   member's pledge after each change (raised and funders follow); `process(ppID,
 *   status)` moves it: funded (fundedAt = block time), operating (operatingSince =
 *   block time), failed / removed (raised, funders, operatingSince back to 0; the
 *   pledges were cancelled by `offer(…, 0)` events just before); `plantUtility`
 *   gives the new utility (with process(ppID, 'utility')). Pledges stay after a plant
 *   operates and after their member leaves, as in the contract.
 * - trade offers: `trade(offerID, from, to, quotaW, tokens, status)`: offered (offeredAt
 *   is the block time), accepted, cancelled; donated has no offer ID and no record.
 *
 * - settings: `referendumSettings(founder, referendumPeriod, minTimeToMarket,
 *   maxPowerW)` and `plantSettings(founder, crowdfundingPeriod, minBid)`, emitted when
 *   MTEMsmReferendums and MTEMsmPlants are deployed (maxPowerW is groupSummary's).
 *   `name`, `symbol`, `minPowerW` are constants of the code, not state.
 *
 * Invariants (spec 1–5). 4 is checked at each ballot. 1, 2, 3 and 5 hold "after every
 * transaction", not between the events of one (a removal emits `membership` removed
 * before the quota and SEB move to the treasury), so they are checked after the last
 * event of each transaction and reported at that event. Rebuilding goes on after a
 * violation; only the first is reported, with every invariant it breaks.
 *
 * Events that contradict each other (an unknown name, referendum, plant or offer, a
 * second admission of a member, a holder spending more than it holds, events out of
 * order, a malformed parameter) cannot come from the contracts: rebuild throws a
 * RebuildError naming the event.
 */
import BigNumber from 'bignumber.js';

export type ContractRole = 'ledger' | 'plants' | 'referendums';

/** One event, as the neo-one client decodes it (Integer and Fixed<N> as BigNumber in units). */
export interface GroupEvent {
  readonly contract: ContractRole;
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly blockIndex: number;
  /** Unix seconds of the block: what the contract saw as Blockchain.currentBlockTime. */
  readonly blockTime: number;
  readonly transactionIndex: number;
  readonly transactionHash: string;
  /** Position of the event among all actions of its transaction (every contract). */
  readonly index: number;
}

export interface MemberState {
  readonly utility: string;
  readonly profileHash: string;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
  readonly joinedAt: number;
}

export interface PlantState {
  readonly capacityW: BigNumber;
  readonly cost: BigNumber;
  readonly utility: string;
  readonly timeToMarket: BigNumber;
  readonly status: string;
  readonly fundingEndsAt: BigNumber;
  readonly raised: BigNumber;
  readonly funders: number;
  readonly fundedAt: number;
  readonly operatingSince: number;
  /** The powerUp referendum that approved it. */
  readonly rID: string;
}

/** What a referendum votes on; fields its kind does not use are 0, '' or undefined (as the `proposal` read). */
export interface ProposalState {
  readonly profileHash: string | undefined;
  readonly utility: string;
  readonly capacityW: BigNumber;
  readonly cost: BigNumber;
  readonly timeToMarket: BigNumber;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
}

export interface ReferendumState {
  readonly kind: string;
  readonly proposer: string;
  readonly subject: string;
  readonly openedAt: number;
  readonly endsAt: BigNumber;
  readonly electorate: number;
  readonly yes: number;
  readonly no: number;
  readonly status: string;
  readonly proposal: ProposalState;
}

export interface TradeOfferState {
  readonly from: string;
  readonly to: string;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
  readonly status: string;
  readonly offeredAt: number;
}

export interface GroupState {
  /** Members by address. */
  readonly members: ReadonlyMap<string, MemberState>;
  /** Addresses in the order of listOfMembers. */
  readonly listOfMembers: readonly string[];
  readonly treasury: { readonly quotaW: BigNumber; readonly tokens: BigNumber };
  readonly totalCapacityW: BigNumber;
  readonly totalSupply: BigNumber;
  /** Plants by ID, in order of registration (plant count = size). */
  readonly plants: ReadonlyMap<string, PlantState>;
  /** ppID → member → pledge (bidOf; contributionsOf is the same map read by member). */
  readonly pledges: ReadonlyMap<string, ReadonlyMap<string, BigNumber>>;
  /** Referendums by ID, in order of opening. */
  readonly referendums: ReadonlyMap<string, ReferendumState>;
  /** rID → member → answer (hasVoted is membership of this map). */
  readonly ballots: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
  /** Trade offers by ID. */
  readonly offers: ReadonlyMap<string, TradeOfferState>;
  /** Candidate → admission referendum still open. */
  readonly pendingAdmissions: ReadonlyMap<string, string>;
  /** Deployment settings, once the contracts' deployments have been read. */
  readonly settings: Settings;
}

export interface Settings {
  readonly founder?: string;
  readonly referendumPeriod?: BigNumber;
  readonly minTimeToMarket?: BigNumber;
  readonly maxPowerW?: BigNumber;
  readonly crowdfundingPeriod?: BigNumber;
  readonly minBid?: BigNumber;
}

export interface BrokenInvariant {
  readonly invariant: 1 | 2 | 3 | 4 | 5;
  readonly message: string;
}

export interface Violation {
  /** Position of the event in the input. */
  readonly position: number;
  readonly event: GroupEvent;
  readonly broken: readonly BrokenInvariant[];
}

export interface Rebuilt {
  readonly state: GroupState;
  /** The first event after which an invariant does not hold, if any. */
  readonly violation: Violation | undefined;
  /** For each invariant that broke, the first event after which it did not hold. */
  readonly violations: ReadonlyArray<{ readonly invariant: number; readonly message: string; readonly event: GroupEvent }>;
  /** Everything needed to go on rebuilding from the next event (see `resume`), JSON-safe. */
  readonly checkpoint: RebuildCheckpoint;
}

/**
 * The rebuild's whole working state after the last event read, as plain JSON
 * (BigNumbers as {"$big": "…"}, Maps as {"$map": [[key, value], …]}): a daily audit
 * saves it and rebuilds only the events that came after.
 */
export interface RebuildCheckpoint {
  readonly treasury: string;
  readonly lastEvent: GroupEvent | undefined;
  readonly data: unknown;
}

/** BigNumbers and Maps to plain JSON values, and back (encode, decode). */
const encode = (value: unknown): unknown => {
  if (BigNumber.isBigNumber(value)) {
    return { $big: value.toString() };
  }
  if (value instanceof Map) {
    return { $map: [...value].map(([key, inner]) => [key, encode(inner)]) };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, encode(inner)]));
  }

  return value;
};
const decode = (value: unknown): any => {
  if (Array.isArray(value)) {
    return value.map(decode);
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$big === 'string') {
      return new BigNumber(record.$big);
    }
    if (Array.isArray(record.$map)) {
      return new Map((record.$map as Array<[string, unknown]>).map(([key, inner]) => [key, decode(inner)]));
    }

    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, decode(inner)]));
  }

  return value;
};

export class RebuildError extends Error {
  public constructor(public readonly position: number, public readonly event: GroupEvent, message: string) {
    super(
      `event ${position} (${event.contract}.${event.name}, block ${event.blockIndex}, tx ${event.transactionHash}): ${message}`,
    );
    this.name = 'RebuildError';
  }
}

/** A member's pledges as contributionsOf returns them: [{ ppID, amount }], in plant order. */
export const contributionsOf = (state: GroupState, member: string): Array<{ ppID: string; amount: BigNumber }> =>
  [...state.pledges].flatMap(([ppID, pledges]) => {
    const amount = pledges.get(member);

    return amount === undefined ? [] : [{ ppID, amount }];
  });

const ZERO = new BigNumber(0);
const WATTS_PER_SEB = 1000;

interface Holding {
  quotaW: BigNumber;
  tokens: BigNumber;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const emptyProposal = (): ProposalState => ({
  profileHash: undefined,
  utility: '',
  capacityW: ZERO,
  cost: ZERO,
  timeToMarket: ZERO,
  from: undefined,
  to: undefined,
  quotaW: ZERO,
  tokens: ZERO,
});

/** Invariants 1, 2, 3 and 5 of the spec on the state after a transaction: the ones that break, in order. */
const brokenAfterTransaction = ({
  treasury,
  members,
  holdings,
  plants,
  pledges,
  totalCapacityW,
  totalSupply,
}: {
  readonly treasury: string;
  readonly members: ReadonlyMap<string, unknown>;
  readonly holdings: ReadonlyMap<string, Holding>;
  readonly plants: ReadonlyMap<string, PlantState>;
  readonly pledges: ReadonlyMap<string, ReadonlyMap<string, BigNumber>>;
  readonly totalCapacityW: BigNumber;
  readonly totalSupply: BigNumber;
}): BrokenInvariant[] => {
  const broken: BrokenInvariant[] = [];
  let quotaW = ZERO;
  let tokens = ZERO;
  for (const [address, held] of holdings) {
    if (address === treasury || members.has(address)) {
      quotaW = quotaW.plus(held.quotaW);
      tokens = tokens.plus(held.tokens);
    } else if (!held.quotaW.isZero() || !held.tokens.isZero()) {
      broken.push({ invariant: 5, message: `${address} holds quota or SEB but is not a member` });
    }
  }
  if (!tokens.eq(totalSupply) || !totalSupply.times(WATTS_PER_SEB).eq(totalCapacityW)) {
    broken.push({
      invariant: 1,
      message: `SEB of members and treasury ${tokens}, totalSupply ${totalSupply}, totalCapacityW ${totalCapacityW}`,
    });
  }
  if (!quotaW.eq(totalCapacityW)) {
    broken.push({ invariant: 2, message: `quota of members and treasury ${quotaW}, totalCapacityW ${totalCapacityW}` });
  }
  for (const [ppID, plant] of plants) {
    // raised follows the pledges (raised == Σ pledges by construction), so 3 checks the bounds.
    const pledged = (pledges.get(ppID)?.size ?? 0) > 0;
    if (
      (plant.status === 'funding' && plant.raised.gt(plant.cost)) ||
      ((plant.status === 'funded' || plant.status === 'operating') && !plant.raised.eq(plant.cost)) ||
      ((plant.status === 'failed' || plant.status === 'removed') && pledged)
    ) {
      broken.push({
        invariant: 3,
        message: `${ppID} is ${plant.status} with raised ${plant.raised} of cost ${plant.cost}`,
      });
    }
  }

  return broken.sort((left, right) => left.invariant - right.invariant);
};

/**
 * Rebuilds the group state from its events in emission order: from the group's first
 * event, or from a checkpoint a previous rebuild returned (`resume`), in which case
 * `events` are the ones that came after it.
 */
export const rebuild = (events: readonly GroupEvent[], treasury: string, resume?: RebuildCheckpoint): Rebuilt => {
  if (resume !== undefined && resume.treasury !== treasury) {
    throw new Error(`The checkpoint is of the group whose treasury is ${resume.treasury}, not ${treasury}.`);
  }
  const saved = resume === undefined ? undefined : decode(resume.data);
  // Holdings live in `holdings` (a removed member's stay there until they move to the treasury).
  const members: Map<string, Mutable<Omit<MemberState, 'quotaW' | 'tokens'>>> = saved?.members ?? new Map();
  const listOfMembers: string[] = saved?.listOfMembers ?? [];
  const holdings: Map<string, Holding> = saved?.holdings ?? new Map([[treasury, { quotaW: ZERO, tokens: ZERO }]]);
  const plants: Map<string, Mutable<PlantState>> = saved?.plants ?? new Map();
  const pledges: Map<string, Map<string, BigNumber>> = saved?.pledges ?? new Map();
  const referendums: Map<string, Mutable<ReferendumState>> = saved?.referendums ?? new Map();
  const ballots: Map<string, Map<string, boolean>> = saved?.ballots ?? new Map();
  const offers: Map<string, Mutable<TradeOfferState>> = saved?.offers ?? new Map();
  const pendingAdmissions: Map<string, string> = saved?.pendingAdmissions ?? new Map();
  let settings: Settings = saved?.settings ?? {};
  let totalCapacityW: BigNumber = saved?.totalCapacityW ?? ZERO;
  let totalSupply: BigNumber = saved?.totalSupply ?? ZERO;
  let violation: Violation | undefined;
  const violations: Array<{ invariant: number; message: string; event: GroupEvent }> = [];
  let lastOpened: { readonly rID: string; readonly transactionHash: string } | undefined = saved?.lastOpened;

  events.forEach((event, position) => {
    const fail = (message: string): never => {
      throw new RebuildError(position, event, message);
    };
    const report = (broken: BrokenInvariant[]): void => {
      if (violation === undefined && broken.length > 0) {
        violation = { position, event, broken };
      }
      for (const { invariant, message } of broken) {
        if (!violations.some((first) => first.invariant === invariant)) {
          violations.push({ invariant, message, event });
        }
      }
    };

    // ---- parameters
    const param = (name: string): unknown => {
      if (!(name in event.parameters)) {
        fail(`missing parameter ${name}`);
      }

      return event.parameters[name];
    };
    const text = (name: string): string => {
      const value = param(name);

      return typeof value === 'string' ? value : fail(`${name} is not a string`);
    };
    const optionalText = (name: string): string | undefined => {
      const value = param(name);

      return value === undefined || value === null ? undefined : text(name);
    };
    const flag = (name: string): boolean => {
      const value = param(name);

      return typeof value === 'boolean' ? value : fail(`${name} is not a boolean`);
    };
    const amount = (name: string): BigNumber => {
      const value = param(name);
      const big =
        BigNumber.isBigNumber(value) || typeof value === 'number' || typeof value === 'string'
          ? new BigNumber(value)
          : undefined;

      return big !== undefined && big.isFinite() && big.gte(0) ? big : fail(`${name} is not a non-negative number`);
    };
    const count = (name: string): number => amount(name).toNumber();

    // ---- lookups
    const known = <T>(map: ReadonlyMap<string, T>, id: string, what: string): T =>
      map.get(id) ?? fail(`unknown ${what} ${id}`);
    const holding = (address: string): Holding => {
      const existing = holdings.get(address);
      if (existing !== undefined) {
        return existing;
      }
      const created = { quotaW: ZERO, tokens: ZERO };
      holdings.set(address, created);

      return created;
    };
    const move = (field: keyof Holding, from: string | undefined, to: string | undefined, value: BigNumber): void => {
      if (from !== undefined) {
        const source = holding(from);
        if (source[field].lt(value)) {
          fail(`${from} holds less ${field} than it sends`);
        }
        source[field] = source[field].minus(value);
      }
      if (to !== undefined) {
        const target = holding(to);
        target[field] = target[field].plus(value);
      }
      const issued = (from === undefined ? value : ZERO).minus(to === undefined ? value : ZERO);
      if (field === 'quotaW') {
        totalCapacityW = totalCapacityW.plus(issued);
      } else {
        totalSupply = totalSupply.plus(issued);
      }
    };

    // ---- order: strictly increasing (block, transaction, index)
    const previous = position > 0 ? events[position - 1] : resume?.lastEvent;
    if (previous !== undefined) {
      const order = [
        event.blockIndex - previous.blockIndex,
        event.transactionIndex - previous.transactionIndex,
        event.index - previous.index,
      ].find((difference) => difference !== 0);
      const sameTransaction = event.transactionHash === previous.transactionHash;
      if (
        order === undefined ||
        order < 0 ||
        sameTransaction !==
          (event.blockIndex === previous.blockIndex && event.transactionIndex === previous.transactionIndex)
      ) {
        fail('events are not in emission order');
      }
    }

    // ---- apply
    const key = `${event.contract}.${event.name}`;
    switch (key) {
      case 'ledger.transfer':
        move('tokens', optionalText('from'), optionalText('to'), amount('amount'));
        break;
      case 'ledger.quotaTransfer':
        move('quotaW', optionalText('from'), optionalText('to'), amount('quotaW'));
        break;
      case 'ledger.membership': {
        const address = text('address');
        const status = text('status');
        const profileHash = text('profileHash');
        const utility = text('utility');
        if (status === 'admitted') {
          if (members.has(address)) {
            fail(`${address} is already a member`);
          }
          members.set(address, { utility, profileHash, joinedAt: event.blockTime });
          listOfMembers.push(address);
          pendingAdmissions.delete(address);
        } else if (status === 'removed') {
          known(members, address, 'member');
          members.delete(address);
          const freed = listOfMembers.indexOf(address);
          const last = listOfMembers.pop() as string;
          if (freed < listOfMembers.length) {
            listOfMembers[freed] = last;
          }
        } else if (status === 'profile') {
          const member = known(members, address, 'member');
          member.profileHash = profileHash;
          member.utility = utility;
        } else {
          fail(`unknown membership status ${status}`);
        }
        break;
      }
      case 'ledger.trade': {
        const offerID = text('offerID');
        const status = text('status');
        if (status === 'offered') {
          if (offers.has(offerID)) {
            fail(`offer ${offerID} already exists`);
          }
          offers.set(offerID, {
            from: text('from'),
            to: text('to'),
            quotaW: amount('quotaW'),
            tokens: amount('tokens'),
            status,
            offeredAt: event.blockTime,
          });
        } else if (status === 'accepted' || status === 'cancelled') {
          known(offers, offerID, 'trade offer').status = status;
        } else if (status !== 'donated') {
          fail(`unknown trade status ${status}`);
        }
        break;
      }
      case 'plants.plant': {
        const ppID = text('ppID');
        if (plants.has(ppID)) {
          fail(`plant ${ppID} already exists`);
        }
        plants.set(ppID, {
          capacityW: amount('capacityW'),
          cost: amount('cost'),
          utility: text('utility'),
          timeToMarket: amount('timeToMarket'),
          status: 'funding',
          fundingEndsAt: amount('fundingEndsAt'),
          raised: ZERO,
          funders: 0,
          fundedAt: 0,
          operatingSince: 0,
          rID: text('rID'),
        });
        pledges.set(ppID, new Map());
        break;
      }
      case 'plants.offer': {
        const ppID = text('ppID');
        const plant = known(plants, ppID, 'plant');
        const member = text('member');
        const pledge = amount('amount');
        const byMember = pledges.get(ppID) as Map<string, BigNumber>;
        const previous = byMember.get(member) ?? ZERO;
        plant.raised = plant.raised.minus(previous).plus(pledge);
        plant.funders += (pledge.gt(0) ? 1 : 0) - (previous.gt(0) ? 1 : 0);
        if (pledge.gt(0)) {
          byMember.set(member, pledge);
        } else {
          byMember.delete(member);
        }
        break;
      }
      case 'plants.plantUtility':
        known(plants, text('ppID'), 'plant').utility = text('utility');
        break;
      case 'plants.process': {
        const plant = known(plants, text('id'), 'plant');
        const status = text('status');
        if (status === 'funded') {
          plant.fundedAt = event.blockTime;
        } else if (status === 'operating') {
          plant.operatingSince = event.blockTime;
        } else if (status === 'failed' || status === 'removed') {
          plant.raised = ZERO;
          plant.funders = 0;
          plant.operatingSince = 0;
        } else if (status !== 'funding' && status !== 'utility') {
          fail(`unknown plant status ${status}`);
        }
        if (status !== 'utility') {
          plant.status = status;
        }
        break;
      }
      case 'referendums.referendum': {
        const rID = text('rID');
        if (referendums.has(rID)) {
          fail(`referendum ${rID} already exists`);
        }
        referendums.set(rID, {
          kind: text('kind'),
          proposer: text('proposer'),
          subject: optionalText('member') ?? text('plant'),
          openedAt: event.blockTime,
          endsAt: amount('endsAt'),
          electorate: count('electorate'),
          yes: 0,
          no: 0,
          status: 'open',
          proposal: emptyProposal(),
        });
        ballots.set(rID, new Map());
        lastOpened = { rID, transactionHash: event.transactionHash };
        break;
      }
      case 'referendums.proposal':
        known(referendums, text('rID'), 'referendum').proposal = {
          ...emptyProposal(),
          utility: text('utility'),
          capacityW: amount('capacityW'),
          cost: amount('cost'),
          timeToMarket: amount('timeToMarket'),
          from: optionalText('from'),
          to: optionalText('to'),
          quotaW: amount('quotaW'),
          tokens: amount('tokens'),
        };
        break;
      case 'referendums.membership': {
        const address = text('address');
        const status = text('status');
        if (status === 'requested') {
          // The event names no referendum: it is the admission referendum opened just before, in this transaction.
          const rID = lastOpened?.transactionHash === event.transactionHash ? lastOpened.rID : '';
          const referendum = known(referendums, rID, 'admission referendum for this request');
          if (referendum.kind !== 'admission' || referendum.subject !== address) {
            fail(`${rID} is not the admission referendum of ${address}`);
          }
          referendum.proposal = { ...emptyProposal(), profileHash: text('profileHash'), utility: text('utility') };
          pendingAdmissions.set(address, rID);
        } else if (status === 'rejected') {
          pendingAdmissions.delete(address);
        } else {
          fail(`unknown membership status ${status}`);
        }
        break;
      }
      case 'referendums.ballot': {
        const rID = text('rID');
        const referendum = known(referendums, rID, 'referendum');
        const member = text('member');
        const cast = ballots.get(rID) as Map<string, boolean>;
        const broken: BrokenInvariant[] = [];
        if (cast.has(member)) {
          broken.push({ invariant: 4, message: `${member} votes twice in ${rID}` });
        }
        cast.set(member, flag('answer'));
        if (flag('answer')) {
          referendum.yes += 1;
        } else {
          referendum.no += 1;
        }
        if (referendum.yes + referendum.no > referendum.electorate) {
          broken.push({ invariant: 4, message: `${rID} has more votes than its electorate` });
        }
        report(broken);
        break;
      }
      case 'referendums.process': {
        const rID = text('id');
        const referendum = known(referendums, rID, 'referendum');
        const status = text('status');
        if (status === 'approved' || status === 'rejected') {
          if (referendum.status !== 'open') {
            fail(`${rID} is resolved twice`);
          }
          referendum.status = status;
        } else if (status !== 'opened') {
          fail(`unknown referendum status ${status}`);
        }
        break;
      }
      case 'referendums.referendumSettings':
      case 'plants.plantSettings':
        settings = { ...settings, ...(event.parameters as Settings) };
        break;
      default:
        fail('unknown event');
    }

    // ---- invariants 1, 2, 3, 5, after the last event of each transaction
    const next = events[position + 1];
    if (next === undefined || next.transactionHash !== event.transactionHash) {
      report(brokenAfterTransaction({ treasury, members, holdings, plants, pledges, totalCapacityW, totalSupply }));
    }
  });

  const holdingOf = (address: string): Holding => holdings.get(address) ?? { quotaW: ZERO, tokens: ZERO };
  const treasuryHolding = holdingOf(treasury);
  // What the state read and the checkpoint have in common.
  const shared = {
    listOfMembers,
    totalCapacityW,
    totalSupply,
    plants,
    pledges,
    referendums,
    ballots,
    offers,
    pendingAdmissions,
    settings,
  };

  return {
    state: {
      ...shared,
      members: new Map(
        [...members].map(([address, member]) => [address, { ...member, ...holdingOf(address) }] as const),
      ),
      treasury: { quotaW: treasuryHolding.quotaW, tokens: treasuryHolding.tokens },
    },
    violation,
    violations: violations.sort((left, right) => left.invariant - right.invariant),
    checkpoint: {
      treasury,
      lastEvent: events.length > 0 ? events[events.length - 1] : resume?.lastEvent,
      data: encode({ ...shared, members, holdings, lastOpened }),
    },
  };
};
