/**
 * Rebuilds the whole state of an MTEMsm group from its events alone
 * (shared/spec/mtemsm.md, "Events (what auditors read)" and "Changes in v1.1"), and
 * finds the first event at which one of the spec's invariants 1–5 breaks.
 *
 * Input: the events of the group's four contracts — ledger `MTEMsm`, `MTEMsmTrades`,
 * `MTEMsmPlants`, `MTEMsmReferendums` — merged in emission order (src/audit/events.ts
 * reads them from a node, leaving out every transaction with neo-one's `error`
 * notification), and the treasury's address (the ledger contract's own address).
 * Output: the state the contracts' reads return, field for field (src/audit/compare.ts).
 *
 * Pure: no network, no clock; every time comes from the event's block. The one read
 * that depends on the time it is made, a trade offer's status ('expired'), is given by
 * `offerStatus(state, offerID, now)`.
 *
 * One small handler per event (HANDLERS, below), each saying how its event changes
 * the state:
 * - members: `membership` admitted (ledger) gives the next admission serial (1, 2, …:
 *   listOfMembers is by serial, and a removal leaves a gap), removed, profile.
 *   A member's memberState follows from other events: removals (frozen) counts the
 *   open removal referendums of this membership; reserved quota / SEB are what its
 *   open corrections would move; pledges counts its pledges in plants that have not
 *   yet issued to it or cancelled them; openOffers its trade offers still recorded
 *   as offered. Each is bound to the membership (serial) it was made by, as in the
 *   contracts: a later membership of the same address starts from nothing.
 * - quota and SEB: only `quotaTransfer` and the NEP-5 `transfer` move them; `from`
 *   undefined is an issue (capacity, supply grow). The treasury is one more holder.
 * - invitations: `invitation` (referendums) records one; the admission request
 *   (`membership` requested, after its referendum) uses it; the admission's result
 *   deletes it. Pending admissions are the used ones.
 * - referendums: `referendum` opens one (a removal freezes its member's membership),
 *   `proposal` carries what is voted on (a correction reserves what it would move),
 *   `ballot` counts, `process(rID, approved | rejected | lapsed)` resolves it once, with
 *   the outcome its tally gives at that block (src/domain/majority.ts; freeze and
 *   reservations end), `lapse` gives a lapsed one's reason.
 * - trade offers (MTEMsmTrades): `trade` offered (bound to both memberships, with its
 *   expiry), accepted, cancelled; donated moves quota only (its quotaTransfer).
 * - plants: `plant` registers one in funding; `offer` is, while funding, a member's
 *   pledge as made after each change (the pledges keep the contract's index order:
 *   a withdrawn pledge's place goes to the last one), while closing the amount a
 *   pledge keeps of an oversubscribed plant (checked against the cut), while failing
 *   or removing a cancellation (0, from the last pledge); `process(ppID, status)`
 *   moves it along funding → closing → funded → issuing → operating, funding →
 *   failing → failed, funding/closing/funded → removing → removed (utility: a new
 *   utility, from `plantUtility`); `threshold` gives the largest-remainder thresholds
 *   the contract checked (cut: cents kept; quota: watts); `page` the pledges done by
 *   a paged step (an issuing page is checked: the quota it issued is the page's
 *   funder's share by src/domain/apportion.ts, to the funder or, for a membership
 *   that left, the treasury).
 * - settings and partners: `referendumSettings`, `plantSettings`, `attached`.
 *
 * Invariants (spec 1–5). 4 is checked at each ballot. 1, 2, 3 and 5 hold "after every
 * transaction", not between the events of one (a removal emits `membership` removed
 * before the quota and SEB move to the treasury), so they are checked after the last
 * event of each transaction and reported at that event. Rebuilding goes on after a
 * violation; only the first is reported, with every invariant it breaks.
 *
 * Events that contradict each other (an unknown name, referendum, plant or offer, a
 * second admission of a member, a referendum resolved against its tally, a holder
 * spending more than it holds, a plant status out of turn, an issue that is not the
 * rule's share, events out of order, a malformed parameter) cannot come from the
 * contracts: rebuild throws a RebuildError naming the event.
 */
import BigNumber from 'bignumber.js';
import { sharesAt } from '../domain/apportion';
import { invitationOpen, offerOpen } from '../domain/deadlines';
import { canLapse, isApproved, outcomeAt } from '../domain/majority';
import { WATTS_PER_SEB } from '../domain/units';

/** The group's four contracts, and the energy layer's two (rebuilt by src/audit/energy.ts). */
export type ContractRole = 'ledger' | 'trades' | 'plants' | 'referendums' | 'energy' | 'consumption';

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
  /** memberState(address): admission serial, open removals, reserved quota (W) and SEB, pledges, open offers. */
  readonly serial: number;
  readonly removals: number;
  readonly reservedQuotaW: BigNumber;
  readonly reservedTokens: BigNumber;
  readonly pledges: number;
  readonly openOffers: number;
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
  /** plantState(ppID): registration time, Σ pledges at the close (R$), thresholds (0 until checked), pledges done by the current step. */
  readonly openedAt: number;
  readonly pledged: BigNumber;
  readonly cutThreshold: BigNumber;
  readonly quotaThreshold: BigNumber;
  readonly done: number;
}

/** A pledge as the plants contract keeps it, in its index order (pledges(ppID, offset, limit)). */
export interface PledgeMade {
  readonly member: string;
  /** R$ as pledged (what it keeps is in `pledges`). */
  readonly amount: BigNumber;
  /** The plant's count of first pledges when it was made (ties of the apportionment). */
  readonly order: number;
  /** The admission serial of the membership that made it. */
  readonly serial: number;
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
  /** open | approved | rejected | lapsed */
  readonly status: string;
  readonly proposal: ProposalState;
  /** Why an approved change lapsed ('' otherwise). */
  readonly reason: string;
  /** Members with an admission serial up to this may vote. */
  readonly lastSerial: number;
  /** A removal's member, or a correction's from side: the serial named (0: the treasury). */
  readonly fromSerial: number;
  /** A correction's to side's serial (0: the treasury). */
  readonly toSerial: number;
}

export interface TradeOfferState {
  readonly from: string;
  readonly to: string;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
  /** As recorded: offered | accepted | cancelled (the read says expired or cancelled later: offerStatus). */
  readonly status: string;
  readonly offeredAt: number;
  readonly expiresAt: BigNumber;
  /** The admission serials of both sides when it was made. */
  readonly fromSerial: number;
  readonly toSerial: number;
}

export interface InvitationState {
  readonly inviter: string;
  readonly expiresAt: BigNumber;
  /** The admission referendum it was used for; '' while unused. */
  readonly rID: string;
}

export interface Ballot {
  readonly answer: boolean;
  /** The voter's admission serial (hasVoted is by the address's current membership). */
  readonly serial: number;
}

export interface Partners {
  /** The ledger's partners(): who may apply outcomes there. */
  readonly trades?: string;
  readonly plants?: string;
  readonly referendums?: string;
  /** MTEMsmEnergy: the group plants' readings and claims (the energy layer). */
  readonly energy?: string;
  /** The operator an operator referendum elected (MTEMsmReferendums' operator(); the founder until then). */
  readonly operator?: string;
  /** The referendums contract MTEMsmPlants attached. */
  readonly plantsReferendums?: string;
}

export interface GroupState {
  /** Members by address, in admission order. */
  readonly members: ReadonlyMap<string, MemberState>;
  /** Addresses by admission serial: listOfMembers without its gaps. */
  readonly listOfMembers: readonly string[];
  /** Admissions so far: the latest serial. */
  readonly admissions: number;
  readonly treasury: {
    readonly quotaW: BigNumber;
    readonly tokens: BigNumber;
    readonly reservedQuotaW: BigNumber;
    readonly reservedTokens: BigNumber;
  };
  readonly totalCapacityW: BigNumber;
  readonly totalSupply: BigNumber;
  /** Plants by ID, in order of registration (plant count = size). */
  readonly plants: ReadonlyMap<string, PlantState>;
  /** ppID → member → what the pledge keeps (bidOf; contributionsOf is the same map read by member). */
  readonly pledges: ReadonlyMap<string, ReadonlyMap<string, BigNumber>>;
  /** ppID → the pledges as made, in the contract's index order. */
  readonly pledgesMade: ReadonlyMap<string, readonly PledgeMade[]>;
  /** Referendums by ID, in order of opening. */
  readonly referendums: ReadonlyMap<string, ReferendumState>;
  /** rID → voter → ballot. */
  readonly ballots: ReadonlyMap<string, ReadonlyMap<string, Ballot>>;
  /** Trade offers by ID. */
  readonly offers: ReadonlyMap<string, TradeOfferState>;
  /** Candidate → invitation (invitation(candidate)). */
  readonly invitations: ReadonlyMap<string, InvitationState>;
  /** Candidate → admission referendum still open. */
  readonly pendingAdmissions: ReadonlyMap<string, string>;
  /** Deployment settings, once the contracts' deployments have been read. */
  readonly settings: Settings;
  readonly partners: Partners;
}

export interface Settings {
  readonly founder?: string;
  readonly referendumPeriod?: BigNumber;
  readonly minTimeToMarket?: BigNumber;
  readonly maxPowerW?: BigNumber;
  readonly crowdfundingPeriod?: BigNumber;
  readonly minBid?: BigNumber;
  readonly minFundingWindow?: BigNumber;
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

/**
 * BigNumbers and Maps to plain JSON values, and back (encode, decode): checkpoints, and
 * recorded events (test/fixtures; an `undefined` parameter is written as null, which
 * the handlers read as absent).
 */
export const encode = (value: unknown): unknown => {
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
export const decode = (value: unknown): any => {
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

/** A member's pledges as contributionsOf returns them: [{ ppID, amount }] (what each keeps), in plant order. */
export const contributionsOf = (state: GroupState, member: string): Array<{ ppID: string; amount: BigNumber }> =>
  [...state.pledges].flatMap(([ppID, pledges]) => {
    const amount = pledges.get(member);

    return amount === undefined ? [] : [{ ppID, amount }];
  });

/**
 * A trade offer's status as tradeOffer reads it at time `now` (a read runs at the last
 * block's time plus one block interval): as recorded unless still offered; then
 * 'cancelled' once a side's membership is not the one it was made with, 'expired'
 * once past expiresAt.
 */
export const offerStatus = (state: GroupState, offerID: string, now: number): string | undefined => {
  const offer = state.offers.get(offerID);
  if (offer === undefined) {
    return undefined;
  }
  if (offer.status !== 'offered') {
    return offer.status;
  }
  const bound = state.members.get(offer.from)?.serial === offer.fromSerial && state.members.get(offer.to)?.serial === offer.toSerial;

  return !bound ? 'cancelled' : offerOpen(now, offer.expiresAt.toNumber()) ? 'offered' : 'expired';
};

/** hasVoted(rID, address): a ballot of the address's current membership. */
export const hasVoted = (state: GroupState, rID: string, address: string): boolean => {
  const ballot = state.ballots.get(rID)?.get(address);

  return ballot !== undefined && ballot.serial === state.members.get(address)?.serial;
};

const ZERO = new BigNumber(0);

/** Raw cents of an R$ amount, and back. */
const cents = (amount: BigNumber): bigint => BigInt(amount.times(100).toFixed(0));
const reais = (value: bigint): BigNumber => new BigNumber(value.toString()).div(100);
const integer = (value: BigNumber): bigint => BigInt(value.toFixed(0));

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Holding {
  quotaW: BigNumber;
  tokens: BigNumber;
}
type MemberRecord = Mutable<Omit<MemberState, 'quotaW' | 'tokens'>>;
type PlantRecord = Mutable<PlantState>;
type PledgeRecord = Mutable<PledgeMade>;
type ReferendumRecord = Mutable<ReferendumState>;

/** The rebuild's working state (what a checkpoint saves). */
interface Working {
  readonly treasury: string;
  members: Map<string, MemberRecord>;
  /** Holdings by address (a removed member's stay until they move to the treasury, in the same transaction). */
  holdings: Map<string, Holding>;
  treasuryReserved: Holding;
  admissions: number;
  plants: Map<string, PlantRecord>;
  pledgeRows: Map<string, PledgeRecord[]>;
  referendums: Map<string, ReferendumRecord>;
  ballots: Map<string, Map<string, Ballot>>;
  offers: Map<string, Mutable<TradeOfferState>>;
  invitations: Map<string, Mutable<InvitationState>>;
  settings: Settings;
  partners: Mutable<Partners>;
  totalCapacityW: BigNumber;
  totalSupply: BigNumber;
  /** The referendum opened last, and in which transaction (an admission request names none). */
  lastOpened: { readonly rID: string; readonly transactionHash: string } | undefined;
  /** Quota issued in the current transaction since the last issuing page: [holder, watts]. */
  issued: { transactionHash: string; entries: Array<[string, string]> };
}

const freshWorking = (treasury: string): Working => ({
  treasury,
  members: new Map(),
  holdings: new Map([[treasury, { quotaW: ZERO, tokens: ZERO }]]),
  treasuryReserved: { quotaW: ZERO, tokens: ZERO },
  admissions: 0,
  plants: new Map(),
  pledgeRows: new Map(),
  referendums: new Map(),
  ballots: new Map(),
  offers: new Map(),
  invitations: new Map(),
  settings: {},
  partners: {},
  totalCapacityW: ZERO,
  totalSupply: ZERO,
  lastOpened: undefined,
  issued: { transactionHash: '', entries: [] },
});

/** One event being applied: its parameters, read with their types, and how it fails. */
class Reading {
  public constructor(public readonly event: GroupEvent, public readonly position: number) {}

  public fail(message: string): never {
    throw new RebuildError(this.position, this.event, message);
  }

  public param(name: string): unknown {
    if (!(name in this.event.parameters)) {
      this.fail(`missing parameter ${name}`);
    }

    return this.event.parameters[name];
  }

  public text(name: string): string {
    const value = this.param(name);

    return typeof value === 'string' ? value : this.fail(`${name} is not a string`);
  }

  public optionalText(name: string): string | undefined {
    const value = this.param(name);

    return value === undefined || value === null ? undefined : this.text(name);
  }

  public flag(name: string): boolean {
    const value = this.param(name);

    return typeof value === 'boolean' ? value : this.fail(`${name} is not a boolean`);
  }

  public amount(name: string): BigNumber {
    const value = this.param(name);
    const big =
      BigNumber.isBigNumber(value) || typeof value === 'number' || typeof value === 'string' ? new BigNumber(value) : undefined;

    return big !== undefined && big.isFinite() && big.gte(0) ? big : this.fail(`${name} is not a non-negative number`);
  }

  public count(name: string): number {
    const value = this.amount(name);

    return value.isInteger() ? value.toNumber() : this.fail(`${name} is not an integer`);
  }

  public known<T>(map: ReadonlyMap<string, T>, id: string, what: string): T {
    return map.get(id) ?? this.fail(`unknown ${what} ${id}`);
  }
}

// ---------------------------------------------------------------- shared steps

const holding = (w: Working, address: string): Holding => {
  const existing = w.holdings.get(address);
  if (existing !== undefined) {
    return existing;
  }
  const created = { quotaW: ZERO, tokens: ZERO };
  w.holdings.set(address, created);

  return created;
};

/** Moves quota or SEB; `from` undefined issues (capacity or supply grow), `to` undefined burns. */
const move = (w: Working, e: Reading, field: keyof Holding, from: string | undefined, to: string | undefined, value: BigNumber): void => {
  if (from !== undefined) {
    const source = holding(w, from);
    if (source[field].lt(value)) {
      e.fail(`${from} holds less ${field} than it sends`);
    }
    source[field] = source[field].minus(value);
  }
  if (to !== undefined) {
    const target = holding(w, to);
    target[field] = target[field].plus(value);
  }
  const issued = (from === undefined ? value : ZERO).minus(to === undefined ? value : ZERO);
  if (field === 'quotaW') {
    w.totalCapacityW = w.totalCapacityW.plus(issued);
  } else {
    w.totalSupply = w.totalSupply.plus(issued);
  }
};

/** The member record if `address` is still membership `serial` (0: never a member record). */
const membership = (w: Working, address: string | undefined, serial: number): MemberRecord | undefined => {
  const member = address === undefined ? undefined : w.members.get(address);

  return member !== undefined && member.serial === serial ? member : undefined;
};

const serialOf = (w: Working, e: Reading, address: string): number =>
  address === w.treasury ? 0 : (w.members.get(address) ?? e.fail(`${address} is not a member`)).serial;

/** What a pledge keeps: all of it, or its share of an oversubscribed plant's cost once the cut is checked. */
const keptOf = (plant: PlantState, pledge: PledgeMade): BigNumber => {
  if (plant.pledged.lte(plant.cost) || plant.cutThreshold.isZero()) {
    return pledge.amount;
  }
  const [kept] = sharesAt(
    cents(plant.cost),
    [{ weight: cents(pledge.amount), order: BigInt(pledge.order) }],
    cents(plant.pledged),
    integer(plant.cutThreshold),
  );

  return reais(kept);
};

/** The watts a funder gets when its plant issues (the quota threshold checked). */
const quotaOf = (plant: PlantState, pledge: PledgeMade): bigint => {
  const [quotaW] = sharesAt(
    integer(plant.capacityW),
    [{ weight: cents(keptOf(plant, pledge)), order: BigInt(pledge.order) }],
    cents(plant.cost),
    integer(plant.quotaThreshold),
  );

  return quotaW;
};

/** Which plant statuses may follow which (process events of plants). */
const PLANT_STEPS: Readonly<Record<string, readonly string[]>> = {
  funding: ['closing', 'funded', 'failing', 'failed', 'removing', 'removed'],
  closing: ['funded', 'removing', 'removed'],
  funded: ['issuing', 'removing', 'removed'],
  issuing: ['operating'],
  failing: ['failed'],
  removing: ['removed'],
};

/** A correction's reservations, added (+1) when it opens or released (-1) when it ends. */
const reserve = (w: Working, referendum: ReferendumState, sign: 1 | -1): void => {
  const { from, to, quotaW, tokens } = referendum.proposal;
  const source = membership(w, from, referendum.fromSerial);
  const target = membership(w, to, referendum.toSerial);
  if (source !== undefined) {
    source.reservedQuotaW = source.reservedQuotaW.plus(quotaW.times(sign));
  }
  if (target !== undefined) {
    target.reservedTokens = target.reservedTokens.plus(tokens.times(sign));
  }
  if (from === w.treasury) {
    w.treasuryReserved.quotaW = w.treasuryReserved.quotaW.plus(quotaW.times(sign));
  }
  if (to === w.treasury) {
    w.treasuryReserved.tokens = w.treasuryReserved.tokens.plus(tokens.times(sign));
  }
};

// ---------------------------------------------------------------- one handler per event

type Handler = (w: Working, e: Reading) => BrokenInvariant[] | void;

const PLANT_PROCESS: Readonly<Record<string, (plant: PlantRecord, e: Reading, previous: string) => void>> = {
  funding: () => undefined,
  closing: (plant) => {
    plant.pledged = plant.raised;
    plant.cutThreshold = ZERO;
    plant.done = 0;
  },
  funded: (plant, e) => {
    plant.raised = plant.cost;
    plant.fundedAt = plant.fundedAt === 0 ? e.event.blockTime : plant.fundedAt;
    plant.done = 0;
  },
  failing: (plant) => {
    plant.done = 0;
  },
  // After cancelling pages the count of pledges cancelled stays; at once (no funders) it is 0.
  failed: (plant, _e, previous) => {
    plant.done = previous === 'failing' ? plant.done : 0;
  },
  removing: (plant, _e, previous) => {
    plant.cutThreshold = previous === 'closing' ? ZERO : plant.cutThreshold;
    plant.done = 0;
    plant.operatingSince = 0;
  },
  removed: (plant, _e, previous) => {
    plant.cutThreshold = previous === 'closing' ? ZERO : plant.cutThreshold;
    plant.done = previous === 'removing' ? plant.done : 0;
    plant.operatingSince = 0;
  },
  issuing: () => undefined,
  operating: (plant, e) => {
    plant.operatingSince = e.event.blockTime;
  },
};

/** A plant's pledge event, by the plant's status: a member's pledge, what a cut pledge keeps, a cancellation. */
const PLEDGE_EVENT: Readonly<Record<string, (w: Working, e: Reading, plant: PlantRecord, rows: PledgeRecord[]) => void>> = {
  funding: (w, e, plant, rows) => {
    const address = e.text('member');
    const amount = e.amount('amount');
    const member = w.members.get(address) ?? e.fail(`${address} pledges but is not a member`);
    const at = rows.findIndex((row) => row.member === address);
    const previous = at < 0 ? ZERO : rows[at].amount;
    if (amount.gt(0) && at < 0) {
      plant.done += 1;
      rows.push({ member: address, amount, order: plant.done, serial: member.serial });
      member.pledges += 1;
    } else if (amount.gt(0)) {
      rows[at].amount = amount;
    } else if (at >= 0) {
      // Withdrawn: the last pledge takes its place.
      const last = rows.pop() as PledgeRecord;
      if (at < rows.length) {
        rows[at] = last;
      }
      member.pledges -= 1;
    } else {
      e.fail(`${address} withdraws a pledge it does not have`);
    }
    plant.raised = plant.raised.minus(previous).plus(amount);
    plant.funders = rows.length;
  },
  closing: (_w, e, plant, rows) => {
    const row = rows.find((pledge) => pledge.member === e.text('member')) ?? e.fail('a released pledge that was not made');
    const kept = keptOf(plant, row);
    if (plant.cutThreshold.isZero() || !kept.eq(e.amount('amount'))) {
      e.fail(`the pledge keeps ${e.amount('amount')} but the checked cut gives ${kept}`);
    }
  },
  failing: (w, e, plant, rows) => cancelPledge(w, e, plant, rows),
  removing: (w, e, plant, rows) => cancelPledge(w, e, plant, rows),
};

/** Cancelling pages take the pledges from the last one. */
const cancelPledge = (w: Working, e: Reading, plant: PlantRecord, rows: PledgeRecord[]): void => {
  const last = rows[rows.length - 1];
  if (last === undefined || last.member !== e.text('member') || !e.amount('amount').isZero()) {
    e.fail('a cancellation that is not of the last pledge, or not to 0');
  }
  rows.pop();
  plant.raised = plant.raised.minus(keptOf(plant, last));
  plant.funders = rows.length;
  const member = membership(w, last.member, last.serial);
  if (member !== undefined) {
    member.pledges -= 1;
  }
};

/** A plant's paged step: the pledges it has done so far (an issuing page is checked against the rule). */
const PAGE_STEP: Readonly<Record<string, (w: Working, e: Reading, plant: PlantRecord, rows: PledgeRecord[]) => void>> = {
  checking: () => undefined,
  releasing: (_w, e, plant) => {
    plant.done = e.count('done');
  },
  cancelling: (_w, e, plant) => {
    plant.done = e.count('done');
  },
  issuing: (w, e, plant, rows) => {
    const index = e.count('done');
    const row = rows[index - 1] ?? e.fail(`no pledge ${index} to issue to`);
    if (index !== plant.done + 1 || plant.quotaThreshold.isZero()) {
      e.fail(`pledge ${index} issued out of turn (after ${plant.done}, threshold ${plant.quotaThreshold})`);
    }
    const member = membership(w, row.member, row.serial);
    const quotaW = quotaOf(plant, row);
    const expected = quotaW > 0n ? [[member === undefined ? w.treasury : row.member, quotaW.toString()]] : [];
    const issued = w.issued.transactionHash === e.event.transactionHash ? w.issued.entries : [];
    if (JSON.stringify(issued) !== JSON.stringify(expected)) {
      e.fail(`the page issued ${JSON.stringify(issued)}, the pledges give ${JSON.stringify(expected)}`);
    }
    w.issued = { transactionHash: '', entries: [] };
    if (member !== undefined) {
      member.pledges -= 1;
    }
    plant.done = index;
  },
};

const REFERENDUM_RESOLVED: Readonly<Record<string, (w: Working, referendum: ReferendumRecord) => void>> = {
  admission: (w, referendum) => {
    w.invitations.delete(referendum.subject);
  },
  // The freeze ends (an applied removal has already taken the member away).
  removal: (w, referendum) => {
    const member = membership(w, referendum.subject, referendum.fromSerial);
    if (member !== undefined) {
      member.removals -= 1;
    }
  },
  correction: (w, referendum) => reserve(w, referendum, -1),
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  // ---- ledger
  'ledger.transfer': (w, e) => move(w, e, 'tokens', e.optionalText('from'), e.optionalText('to'), e.amount('amount')),
  'ledger.quotaTransfer': (w, e) => {
    const from = e.optionalText('from');
    const to = e.optionalText('to');
    const quotaW = e.amount('quotaW');
    move(w, e, 'quotaW', from, to, quotaW);
    if (from === undefined && to !== undefined) {
      if (w.issued.transactionHash !== e.event.transactionHash) {
        w.issued = { transactionHash: e.event.transactionHash, entries: [] };
      }
      w.issued.entries.push([to, quotaW.toFixed()]);
    }
  },
  'ledger.membership': (w, e) => {
    const address = e.text('address');
    const status = e.text('status');
    if (status === 'admitted') {
      if (w.members.has(address)) {
        e.fail(`${address} is already a member`);
      }
      w.admissions += 1;
      w.members.set(address, {
        utility: e.text('utility'),
        profileHash: e.text('profileHash'),
        joinedAt: e.event.blockTime,
        serial: w.admissions,
        removals: 0,
        reservedQuotaW: ZERO,
        reservedTokens: ZERO,
        pledges: 0,
        openOffers: 0,
      });
    } else if (status === 'removed') {
      e.known(w.members, address, 'member');
      w.members.delete(address);
    } else if (status === 'profile') {
      const member = e.known(w.members, address, 'member');
      member.profileHash = e.text('profileHash');
      member.utility = e.text('utility');
    } else {
      e.fail(`unknown membership status ${status}`);
    }
  },
  'ledger.attached': (w, e) => {
    const named = e.text('role');
    const role =
      named === 'trades' || named === 'plants' || named === 'referendums' || named === 'energy' ? named : e.fail(`unknown role ${named}`);
    if (w.partners[role] !== undefined) {
      e.fail(`a second ${role} contract is attached`);
    }
    w.partners[role] = e.text('contract');
  },

  // ---- trades
  'trades.trade': (w, e) => {
    const offerID = e.text('offerID');
    const status = e.text('status');
    if (status === 'offered') {
      if (w.offers.has(offerID)) {
        e.fail(`offer ${offerID} already exists`);
      }
      const from = e.text('from');
      const to = e.text('to');
      w.offers.set(offerID, {
        from,
        to,
        quotaW: e.amount('quotaW'),
        tokens: e.amount('tokens'),
        status,
        offeredAt: e.event.blockTime,
        expiresAt: e.amount('expiresAt'),
        fromSerial: serialOf(w, e, from),
        toSerial: serialOf(w, e, to),
      });
      (w.members.get(from) as MemberRecord).openOffers += 1;
    } else if (status === 'accepted' || status === 'cancelled') {
      const offer = e.known(w.offers, offerID, 'trade offer');
      if (offer.status !== 'offered') {
        e.fail(`offer ${offerID} is ${offer.status} already`);
      }
      offer.status = status;
      const maker = membership(w, offer.from, offer.fromSerial);
      if (maker !== undefined) {
        maker.openOffers -= 1;
      }
    } else if (status !== 'donated') {
      e.fail(`unknown trade status ${status}`);
    }
  },

  // ---- plants
  'plants.plant': (w, e) => {
    const ppID = e.text('ppID');
    if (w.plants.has(ppID)) {
      e.fail(`plant ${ppID} already exists`);
    }
    w.plants.set(ppID, {
      capacityW: e.amount('capacityW'),
      cost: e.amount('cost'),
      utility: e.text('utility'),
      timeToMarket: e.amount('timeToMarket'),
      status: 'registered',
      fundingEndsAt: e.amount('fundingEndsAt'),
      raised: ZERO,
      funders: 0,
      fundedAt: 0,
      operatingSince: 0,
      rID: e.text('rID'),
      openedAt: e.event.blockTime,
      pledged: ZERO,
      cutThreshold: ZERO,
      quotaThreshold: ZERO,
      done: 0,
    });
    w.pledgeRows.set(ppID, []);
  },
  'plants.offer': (w, e) => {
    const ppID = e.text('ppID');
    const plant = e.known(w.plants, ppID, 'plant');
    const step = PLEDGE_EVENT[plant.status] ?? e.fail(`a pledge event while ${ppID} is ${plant.status}`);
    step(w, e, plant, w.pledgeRows.get(ppID) as PledgeRecord[]);
  },
  'plants.process': (w, e) => {
    const ppID = e.text('id');
    const plant = e.known(w.plants, ppID, 'plant');
    const status = e.text('status');
    if (status === 'utility') {
      return;
    }
    const previous = plant.status;
    const allowed = previous === 'registered' ? status === 'funding' : (PLANT_STEPS[previous] ?? []).includes(status);
    const apply = PLANT_PROCESS[status];
    if (apply === undefined || !allowed) {
      e.fail(`plant ${ppID} goes from ${previous} to ${status}`);
    }
    plant.status = status;
    apply(plant, e, previous);
  },
  'plants.page': (w, e) => {
    const ppID = e.text('ppID');
    const plant = e.known(w.plants, ppID, 'plant');
    const step = PAGE_STEP[e.text('step')] ?? e.fail(`unknown step ${e.text('step')}`);
    step(w, e, plant, w.pledgeRows.get(ppID) as PledgeRecord[]);
  },
  'plants.threshold': (w, e) => {
    const plant = e.known(w.plants, e.text('ppID'), 'plant');
    const step = e.text('step');
    if (step === 'cut' && plant.status === 'closing') {
      plant.cutThreshold = e.amount('threshold');
    } else if (step === 'quota' && plant.status === 'funded') {
      plant.quotaThreshold = e.amount('threshold');
    } else {
      e.fail(`a ${step} threshold while the plant is ${plant.status}`);
    }
  },
  'plants.plantUtility': (w, e) => {
    e.known(w.plants, e.text('ppID'), 'plant').utility = e.text('utility');
  },
  'plants.plantSettings': (w, e) => {
    w.settings = {
      ...w.settings,
      founder: e.text('founder'),
      crowdfundingPeriod: e.amount('crowdfundingPeriod'),
      minBid: e.amount('minBid'),
      minFundingWindow: e.amount('minFundingWindow'),
    };
  },
  'plants.attached': (w, e) => {
    if (e.text('role') !== 'referendums' || w.partners.plantsReferendums !== undefined) {
      e.fail(`plants attaches ${e.text('role')} again or out of its role`);
    }
    w.partners.plantsReferendums = e.text('contract');
  },

  // ---- referendums
  'referendums.referendum': (w, e) => {
    const rID = e.text('rID');
    if (w.referendums.has(rID)) {
      e.fail(`referendum ${rID} already exists`);
    }
    const kind = e.text('kind');
    const member = e.optionalText('member');
    const electorate = e.count('electorate');
    if (electorate !== w.members.size) {
      e.fail(`electorate ${electorate}, but the group has ${w.members.size} members`);
    }
    // A removal names its member's membership, and freezes it while open.
    const removed = kind === 'removal' ? e.known(w.members, member ?? '', 'member') : undefined;
    if (removed !== undefined) {
      removed.removals += 1;
    }
    w.referendums.set(rID, {
      kind,
      proposer: e.text('proposer'),
      subject: member ?? e.text('plant'),
      openedAt: e.event.blockTime,
      endsAt: e.amount('endsAt'),
      electorate,
      yes: 0,
      no: 0,
      status: 'open',
      proposal: emptyProposal(),
      reason: '',
      lastSerial: w.admissions,
      fromSerial: removed?.serial ?? 0,
      toSerial: 0,
    });
    w.ballots.set(rID, new Map());
    w.lastOpened = { rID, transactionHash: e.event.transactionHash };
  },
  'referendums.proposal': (w, e) => {
    const referendum = e.known(w.referendums, e.text('rID'), 'referendum');
    referendum.proposal = {
      ...emptyProposal(),
      utility: e.text('utility'),
      capacityW: e.amount('capacityW'),
      cost: e.amount('cost'),
      timeToMarket: e.amount('timeToMarket'),
      from: e.optionalText('from'),
      to: e.optionalText('to'),
      quotaW: e.amount('quotaW'),
      tokens: e.amount('tokens'),
    };
    if (referendum.kind === 'correction') {
      // Both sides as the memberships they are now; what would move is reserved on them.
      referendum.fromSerial = serialOf(w, e, referendum.proposal.from ?? '');
      referendum.toSerial = serialOf(w, e, referendum.proposal.to ?? '');
      reserve(w, referendum, 1);
    }
  },
  'referendums.membership': (w, e) => {
    const address = e.text('address');
    const status = e.text('status');
    if (status === 'requested') {
      // The event names no referendum: it is the admission referendum opened just before, in this transaction.
      const rID = w.lastOpened?.transactionHash === e.event.transactionHash ? w.lastOpened.rID : '';
      const referendum = e.known(w.referendums, rID, 'admission referendum for this request');
      if (referendum.kind !== 'admission' || referendum.subject !== address) {
        e.fail(`${rID} is not the admission referendum of ${address}`);
      }
      const invitation = e.known(w.invitations, address, 'invitation of');
      if (invitation.rID !== '' || !invitationOpen(e.event.blockTime, invitation.expiresAt.toNumber())) {
        e.fail(`the invitation of ${address} is used or expired`);
      }
      invitation.rID = rID;
      referendum.proposal = { ...emptyProposal(), profileHash: e.text('profileHash'), utility: e.text('utility') };
    } else if (status !== 'rejected') {
      e.fail(`unknown membership status ${status}`);
    }
  },
  'referendums.invitation': (w, e) => {
    const inviter = e.text('inviter');
    e.known(w.members, inviter, 'member');
    w.invitations.set(e.text('candidate'), { inviter, expiresAt: e.amount('expiresAt'), rID: '' });
  },
  'referendums.ballot': (w, e) => {
    const rID = e.text('rID');
    const referendum = e.known(w.referendums, rID, 'referendum');
    const voter = e.text('member');
    const serial = w.members.get(voter)?.serial ?? e.fail(`${voter} votes but is not a member`);
    const cast = w.ballots.get(rID) as Map<string, Ballot>;
    const broken: BrokenInvariant[] = [];
    if (cast.has(voter)) {
      broken.push({ invariant: 4, message: `${voter} votes twice in ${rID}` });
    }
    if (serial > referendum.lastSerial) {
      broken.push({ invariant: 4, message: `${voter} votes in ${rID}, opened before its admission` });
    }
    const answer = e.flag('answer');
    cast.set(voter, { answer, serial });
    if (answer) {
      referendum.yes += 1;
    } else {
      referendum.no += 1;
    }
    if (referendum.yes + referendum.no > referendum.electorate) {
      broken.push({ invariant: 4, message: `${rID} has more votes than its electorate` });
    }

    return broken;
  },
  'referendums.process': (w, e) => {
    const rID = e.text('id');
    const referendum = e.known(w.referendums, rID, 'referendum');
    const status = e.text('status');
    if (status === 'opened') {
      return;
    }
    if (status !== 'approved' && status !== 'rejected' && status !== 'lapsed') {
      e.fail(`unknown referendum status ${status}`);
    }
    if (referendum.status !== 'open') {
      e.fail(`${rID} is resolved twice`);
    }
    if (status === 'lapsed' && !canLapse(referendum.kind)) {
      e.fail(`${rID} (${referendum.kind}) cannot lapse`);
    }
    // The outcome the tally gives at this block (src/domain/majority.ts): approved and lapsed need a
    // majority of the electorate; a rejection, a decided tally or endsAt passed.
    const { yes, no, electorate } = referendum;
    const outcome = outcomeAt(yes, no, electorate, e.event.blockTime, referendum.endsAt.toNumber());
    if (status === 'rejected' ? outcome !== 'rejected' : !isApproved(yes, electorate)) {
      e.fail(`${rID} is ${status} at ${yes} yes and ${no} no of ${electorate}${outcome === undefined ? ', still open' : ''}`);
    }
    referendum.status = status;
    REFERENDUM_RESOLVED[referendum.kind]?.(w, referendum);
  },
  // An approved operator referendum (its process event follows).
  'referendums.operator': (w, e) => {
    w.partners.operator = e.text('operator');
  },
  'referendums.lapse': (w, e) => {
    const referendum = e.known(w.referendums, e.text('rID'), 'referendum');
    if (referendum.status !== 'lapsed' || referendum.reason !== '') {
      e.fail(`a lapse reason for a referendum that is ${referendum.status}`);
    }
    referendum.reason = e.text('reason');
  },
  'referendums.referendumSettings': (w, e) => {
    w.settings = {
      ...w.settings,
      founder: e.text('founder'),
      referendumPeriod: e.amount('referendumPeriod'),
      minTimeToMarket: e.amount('minTimeToMarket'),
      maxPowerW: e.amount('maxPowerW'),
    };
  },
};

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

// ---------------------------------------------------------------- invariants after a transaction

/** Invariant 3 for one plant (v1.1): raised against its pledges and cost, by status. */
const plantHolds = (plant: PlantState, rows: readonly PledgeMade[]): boolean => {
  const made = rows.reduce((sum, row) => sum.plus(row.amount), ZERO);
  const kept = rows.reduce((sum, row) => sum.plus(keptOf(plant, row)), ZERO);
  switch (plant.status) {
    case 'funding':
    case 'closing':
      return plant.raised.eq(made);
    case 'failing':
    case 'removing':
      return plant.raised.eq(kept);
    case 'funded':
    case 'issuing':
    case 'operating':
      return plant.raised.eq(plant.cost) && kept.eq(plant.cost);
    default:
      return rows.length === 0 && plant.raised.isZero();
  }
};

/** Invariants 1, 2, 3 and 5 of the spec on the state after a transaction: the ones that break, in order. */
const brokenAfterTransaction = (w: Working, touched: ReadonlySet<string>): BrokenInvariant[] => {
  const broken: BrokenInvariant[] = [];
  let quotaW = ZERO;
  let tokens = ZERO;
  for (const [address, held] of w.holdings) {
    if (address === w.treasury || w.members.has(address)) {
      quotaW = quotaW.plus(held.quotaW);
      tokens = tokens.plus(held.tokens);
    } else if (!held.quotaW.isZero() || !held.tokens.isZero()) {
      broken.push({ invariant: 5, message: `${address} holds quota or SEB but is not a member` });
    }
  }
  if (!tokens.eq(w.totalSupply) || !w.totalSupply.times(WATTS_PER_SEB).eq(w.totalCapacityW)) {
    broken.push({
      invariant: 1,
      message: `SEB of members and treasury ${tokens}, totalSupply ${w.totalSupply}, totalCapacityW ${w.totalCapacityW}`,
    });
  }
  if (!quotaW.eq(w.totalCapacityW)) {
    broken.push({ invariant: 2, message: `quota of members and treasury ${quotaW}, totalCapacityW ${w.totalCapacityW}` });
  }
  // A plant's pledges and raised change only with its own events: the plants this transaction named.
  for (const ppID of touched) {
    const plant = w.plants.get(ppID);
    if (plant !== undefined && !plantHolds(plant, w.pledgeRows.get(ppID) ?? [])) {
      broken.push({ invariant: 3, message: `${ppID} is ${plant.status} with raised ${plant.raised} of cost ${plant.cost}` });
    }
  }

  return broken.sort((left, right) => left.invariant - right.invariant);
};

// ---------------------------------------------------------------- the rebuild

/** Events in emission order: strictly increasing (block, transaction, index), one hash per transaction. */
const inOrder = (event: GroupEvent, previous: GroupEvent | undefined): boolean => {
  if (previous === undefined) {
    return true;
  }
  const order = [
    event.blockIndex - previous.blockIndex,
    event.transactionIndex - previous.transactionIndex,
    event.index - previous.index,
  ].find((difference) => difference !== 0);
  const sameTransaction = event.transactionHash === previous.transactionHash;

  return (
    order !== undefined &&
    order > 0 &&
    sameTransaction === (event.blockIndex === previous.blockIndex && event.transactionIndex === previous.transactionIndex)
  );
};

/** The state every read returns, from the working state. */
const stateOf = (w: Working): GroupState => {
  const holdingOf = (address: string): Holding => w.holdings.get(address) ?? { quotaW: ZERO, tokens: ZERO };
  const members = new Map(
    [...w.members]
      .sort(([, left], [, right]) => left.serial - right.serial)
      .map(([address, member]) => [address, { ...member, ...holdingOf(address) }] as const),
  );
  const pledges = new Map(
    [...w.pledgeRows].map(([ppID, rows]) => {
      const plant = w.plants.get(ppID) as PlantState;

      return [ppID, new Map(rows.map((row) => [row.member, keptOf(plant, row)] as const))] as const;
    }),
  );
  const treasury = holdingOf(w.treasury);

  return {
    members,
    listOfMembers: [...members.keys()],
    admissions: w.admissions,
    treasury: {
      quotaW: treasury.quotaW,
      tokens: treasury.tokens,
      reservedQuotaW: w.treasuryReserved.quotaW,
      reservedTokens: w.treasuryReserved.tokens,
    },
    totalCapacityW: w.totalCapacityW,
    totalSupply: w.totalSupply,
    plants: w.plants,
    pledges,
    pledgesMade: w.pledgeRows,
    referendums: w.referendums,
    ballots: w.ballots,
    offers: w.offers,
    invitations: w.invitations,
    pendingAdmissions: new Map(
      [...w.invitations].filter(([, invitation]) => invitation.rID !== '').map(([candidate, { rID }]) => [candidate, rID] as const),
    ),
    settings: w.settings,
    partners: w.partners,
  };
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
  const w: Working = resume === undefined ? freshWorking(treasury) : { ...decode(resume.data), treasury };
  let violation: Violation | undefined;
  const violations: Array<{ invariant: number; message: string; event: GroupEvent }> = [];
  const report = (position: number, event: GroupEvent, broken: readonly BrokenInvariant[]): void => {
    if (violation === undefined && broken.length > 0) {
      violation = { position, event, broken };
    }
    for (const { invariant, message } of broken) {
      if (!violations.some((first) => first.invariant === invariant)) {
        violations.push({ invariant, message, event });
      }
    }
  };

  const touched = new Set<string>();
  events.forEach((event, position) => {
    const e = new Reading(event, position);
    const plant = event.contract === 'plants' ? event.parameters.ppID ?? event.parameters.id : undefined;
    if (typeof plant === 'string') {
      touched.add(plant);
    }
    if (!inOrder(event, position > 0 ? events[position - 1] : resume?.lastEvent)) {
      e.fail('events are not in emission order');
    }
    const handler = HANDLERS[`${event.contract}.${event.name}`] ?? e.fail('unknown event');
    report(position, event, handler(w, e) ?? []);
    // Invariants 1, 2, 3, 5, after the last event of each transaction.
    const next = events[position + 1];
    if (next === undefined || next.transactionHash !== event.transactionHash) {
      if (w.issued.entries.length > 0) {
        e.fail(`quota issued without an issuing page: ${JSON.stringify(w.issued.entries)}`);
      }
      report(position, event, brokenAfterTransaction(w, touched));
      touched.clear();
    }
  });

  const { treasury: _treasury, ...saved } = w;

  return {
    state: stateOf(w),
    violation,
    violations: violations.sort((left, right) => left.invariant - right.invariant),
    checkpoint: {
      treasury,
      lastEvent: events.length > 0 ? events[events.length - 1] : resume?.lastEvent,
      data: encode(saved),
    },
  };
};
