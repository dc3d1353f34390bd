/**
 * A plain TypeScript model of an MTEMsm group (shared/spec/mtemsm.md v1 plus the decisions
 * documented in neo-one/contracts/*.ts), used by the random test as its oracle.
 *
 * No neo-one here: addresses are strings, amounts are exact bigints in raw units
 * (R$ in cents, SEB in 1e-8 SEB, quota and capacity in W), times are Unix seconds.
 *
 * Each operation either applies and returns `{ ok: true, value }`, or returns
 * `{ ok: false, error }` with the exact message the contracts throw and leaves the
 * state as it was (every operation runs on a snapshot that is restored on rejection,
 * like a NEO transaction that FAULTs). Checks run in the contracts' order, so the
 * first failing check gives the message.
 *
 * `Ctx.skipWitness` models the client's test invocation before a transaction is sent:
 * neo-one's node runs it with witness checks disabled, so a call signed by the wrong
 * account is only rejected on chain (FAULT) when every other check passes.
 */

export type Address = string;

export const DAY = 86_400;
/** 1 W of quota == 0.001 SEB == 100_000 raw units of Fixed<8>. */
export const SEB_PER_WATT = 100_000n;
export const MAX_UTILITY_BYTES = 64;

export interface Settings {
  readonly founder: Address;
  /** The treasury's address: the ledger contract's own. */
  readonly treasury: Address;
  readonly referendumPeriod: number;
  readonly crowdfundingPeriod: number;
  readonly minTimeToMarket: number;
  /** Raw cents. */
  readonly minBid: bigint;
  readonly maxPowerW: bigint;
}

export const defaultSettings = (founder: Address, treasury: Address): Settings => ({
  founder,
  treasury,
  referendumPeriod: 30 * DAY,
  crowdfundingPeriod: 60 * DAY,
  minTimeToMarket: 30 * DAY,
  minBid: 100_00n,
  maxPowerW: 5_000_000n,
});

/** The contracts' messages (every rejection is `throw new Error(<message>)`). */
export const E = {
  witness: 'Missing witness: the acting address must sign this call.',
  notFounded: 'The group has not been founded yet.',
  onlyMembers: 'Only members may do this.',
  utility: 'The utility must have 1 to 64 characters.',
  alreadyMember: 'Already a member.',
  pending: 'An admission request is already pending.',
  notAdmissionRef: 'Not an admission referendum.',
  notPowerUpRef: 'Not a powerUp referendum.',
  notChangeRef: 'Not a change referendum.',
  resolved: 'The referendum is already resolved.',
  stillOpen: 'The referendum is still open.',
  unknownRef: 'Unknown referendum.',
  notEligible: 'Only members admitted before the referendum opened may vote.',
  refClosed: 'The referendum is closed.',
  alreadyVoted: 'This member has already voted.',
  capacity: 'The capacity must be above 0 W and at most maxPowerW.',
  cost: 'The cost must be positive.',
  timeToMarket: 'The time to market is shorter than minTimeToMarket.',
  bothSides: 'Both sides must be members or the treasury.',
  differ: 'Sender and receiver must differ.',
  exchange: 'quotaW and tokens must not be negative, nor both zero.',
  notMemberSubject: 'That address is not a member.',
  unknownPlant: 'Unknown power plant.',
  plantDead: 'The plant has failed or was removed.',
  notRemovable: 'A plant can be removed only before it operates.',
  correctionQuota: 'The correction cannot apply: the sender does not hold that quota.',
  correctionTokens: 'The correction cannot apply: the receiver does not hold that SEB.',
  noLongerMember: 'That address is no longer a member.',
  cannotProfit: 'This member cannot profit from this power utility.',
  fundingClosed: 'The crowdfunding of this plant is closed.',
  positive: 'The amount must be positive.',
  notNegative: 'The amount must not be negative.',
  noPledge: 'This member has no pledge for this plant.',
  belowMinBid: 'The pledge is below the minimum bid.',
  aboveMissing: 'The pledge is above what is still missing.',
  notInFunding: 'The plant is not in funding.',
  fundingOpen: 'The crowdfunding is still open.',
  notFunded: 'The plant is not funded.',
  timeToMarketRunning: 'The plant is still within its time to market.',
  receiverNotMember: 'The receiver is not a member.',
  insufficientSEB: 'Insufficient SEB balance.',
  sameUtility: 'Both members must belong to the same power utility coverage area.',
  senderQuota: 'The sender does not hold that quota.',
  unknownOffer: 'Unknown trade offer.',
  offerClosed: 'The trade offer is no longer open.',
  onlyReceiver: 'Only the receiver of the offer may accept it.',
  senderLeft: 'The sender of the offer is no longer a member.',
  senderNoLongerQuota: 'The sender no longer holds that quota.',
  onlySide: 'Only a side of the offer may cancel it.',
  page: 'Pages need offset >= 0 and 1 <= limit <= 100.',
} as const;

export interface MemberRecord {
  utility: string;
  profileHash: string;
  quotaW: bigint;
  /** Raw 1e-8 SEB. */
  tokens: bigint;
  joinedAt: number;
}

export type PlantStatus = 'funding' | 'funded' | 'failed' | 'operating' | 'removed';

export interface PlantRecord {
  capacityW: bigint;
  /** Raw cents. */
  cost: bigint;
  utility: string;
  timeToMarket: number;
  status: PlantStatus;
  fundingEndsAt: number;
  raised: bigint;
  funders: number;
  fundedAt: number;
  operatingSince: number;
}

export interface Pledge {
  amount: bigint;
  /** Global order of the first pledge (ties in apportionment: smaller first). */
  order: number;
}

export type Kind = 'admission' | 'powerUp' | 'correction' | 'removal' | 'plantUtility' | 'plantRemoval';
export type ReferendumStatus = 'open' | 'approved' | 'rejected';

/** What a referendum votes on; unused fields are undefined, '' or 0 (as in the contract). */
export interface Proposal {
  profileHash: string | undefined;
  utility: string;
  capacityW: bigint;
  cost: bigint;
  timeToMarket: number;
  from: Address | undefined;
  to: Address | undefined;
  quotaW: bigint;
  tokens: bigint;
}

export interface ReferendumRecord {
  kind: Kind;
  proposer: Address;
  /** The plant ID of plant referendums, else ''. */
  plant: string;
  /** The candidate or member, for admission and removal. */
  member: Address | undefined;
  openedAt: number;
  endsAt: number;
  electorate: number;
  /** Members with an admission serial <= lastSerial may vote. */
  lastSerial: number;
  yes: number;
  no: number;
  status: ReferendumStatus;
  proposal: Proposal;
}

export type OfferStatus = 'offered' | 'accepted' | 'cancelled';

export interface OfferRecord {
  from: Address;
  to: Address;
  quotaW: bigint;
  tokens: bigint;
  status: OfferStatus;
  offeredAt: number;
}

export interface State {
  // Ledger (MTEMsm)
  founded: boolean;
  members: Map<Address, MemberRecord>;
  /** listOfMembers order: position i + 1 (a removed member's place goes to the last member). */
  memberList: Address[];
  plantCount: number;
  offerCount: number;
  capacityW: bigint;
  treasuryQuotaW: bigint;
  treasuryTokens: bigint;
  offers: Map<string, OfferRecord>;
  // Plants (MTEMsmPlants)
  plants: Map<string, PlantRecord>;
  /** ppID → member → pledge (pledges of operating plants stay, as in the contract). */
  pledges: Map<string, Map<Address, Pledge>>;
  pledgeCount: number;
  // Referendums (MTEMsmReferendums): the electoral roll and the referendums
  roll: Map<Address, number>;
  admissions: number;
  pending: Map<Address, string>;
  referendums: Map<string, ReferendumRecord>;
  ballots: Map<string, Map<Address, boolean>>;
  referendumCount: number;
}

export interface Ctx {
  /** The block time the operation runs at. */
  readonly now: number;
  /** The address that signed the transaction. */
  readonly signer?: Address;
  /** Witness checks pass (the client's test invocation before sending). */
  readonly skipWitness?: boolean;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export type OpName =
  | 'admission'
  | 'admissionResult'
  | 'vote'
  | 'powerUp'
  | 'powerUpResult'
  | 'bid'
  | 'changeBid'
  | 'crowdfundingResult'
  | 'startOperation'
  | 'offerTrade'
  | 'acceptTrade'
  | 'cancelTrade'
  | 'transfer'
  | 'changeProfile'
  | 'proposeCorrection'
  | 'proposeRemoval'
  | 'proposePlantUtility'
  | 'proposePlantRemoval'
  | 'changeResult';

export const OPS: readonly OpName[] = [
  'admission',
  'admissionResult',
  'vote',
  'powerUp',
  'powerUpResult',
  'bid',
  'changeBid',
  'crowdfundingResult',
  'startOperation',
  'offerTrade',
  'acceptTrade',
  'cancelTrade',
  'transfer',
  'changeProfile',
  'proposeCorrection',
  'proposeRemoval',
  'proposePlantUtility',
  'proposePlantRemoval',
  'changeResult',
];

/** One call of an operation, with the contract's argument order (amounts raw bigints, integers bigints). */
export type OpCall =
  | { readonly op: 'admission'; readonly args: readonly [Address, string, string] }
  | { readonly op: 'admissionResult'; readonly args: readonly [string] }
  | { readonly op: 'vote'; readonly args: readonly [string, Address, boolean] }
  | { readonly op: 'powerUp'; readonly args: readonly [Address, bigint, bigint, string, bigint] }
  | { readonly op: 'powerUpResult'; readonly args: readonly [string] }
  | { readonly op: 'bid'; readonly args: readonly [string, Address, bigint] }
  | { readonly op: 'changeBid'; readonly args: readonly [string, Address, bigint] }
  | { readonly op: 'crowdfundingResult'; readonly args: readonly [string] }
  | { readonly op: 'startOperation'; readonly args: readonly [string] }
  | { readonly op: 'offerTrade'; readonly args: readonly [Address, Address, bigint, bigint] }
  | { readonly op: 'acceptTrade'; readonly args: readonly [string, Address] }
  | { readonly op: 'cancelTrade'; readonly args: readonly [string, Address] }
  | { readonly op: 'transfer'; readonly args: readonly [Address, Address, bigint] }
  | { readonly op: 'changeProfile'; readonly args: readonly [Address, string, string] }
  | { readonly op: 'proposeCorrection'; readonly args: readonly [Address, Address, Address, bigint, bigint] }
  | { readonly op: 'proposeRemoval'; readonly args: readonly [Address, Address] }
  | { readonly op: 'proposePlantUtility'; readonly args: readonly [Address, string, string] }
  | { readonly op: 'proposePlantRemoval'; readonly args: readonly [Address, string] }
  | { readonly op: 'changeResult'; readonly args: readonly [string] };

/** The address whose witness the operation needs, if any. */
export const actingAddress = (call: OpCall): Address | undefined => {
  switch (call.op) {
    case 'admission':
    case 'powerUp':
    case 'offerTrade':
    case 'transfer':
    case 'changeProfile':
    case 'proposeCorrection':
    case 'proposeRemoval':
    case 'proposePlantUtility':
    case 'proposePlantRemoval':
      return call.args[0];
    case 'vote':
    case 'bid':
    case 'changeBid':
    case 'acceptTrade':
    case 'cancelTrade':
      return call.args[1];
    default:
      return undefined;
  }
};

class Rejection extends Error {}

const reject = (message: string): never => {
  throw new Rejection(message);
};

export const utilityBytes = (utility: string): number => Buffer.byteLength(utility, 'utf8');

export interface Share {
  readonly funder: Address;
  readonly quotaW: bigint;
}

/**
 * Largest-remainder apportionment of capacityW among pledges that add up to cost:
 * floor(capacityW * amount / cost) each, then one leftover watt each to the largest
 * remainders, ties to the earlier first pledge (smaller order).
 */
export const apportion = (
  capacityW: bigint,
  cost: bigint,
  pledges: ReadonlyArray<{ readonly funder: Address; readonly amount: bigint; readonly order: number }>,
): Share[] => {
  const rows = pledges.map(({ funder, amount, order }) => {
    const product = capacityW * amount;

    return { funder, quotaW: product / cost, remainder: product % cost, order };
  });
  let leftover = capacityW - rows.reduce((sum, row) => sum + row.quotaW, 0n);
  const ranked = [...rows].sort((a, b) =>
    a.remainder === b.remainder ? a.order - b.order : a.remainder > b.remainder ? -1 : 1,
  );
  for (const row of ranked) {
    if (leftover <= 0n) {
      break;
    }
    row.quotaW += 1n;
    leftover -= 1n;
  }
  if (leftover !== 0n) {
    throw new Error(`apportionment left ${leftover} W (pledges do not add up to the cost)`);
  }

  return rows.map(({ funder, quotaW }) => ({ funder, quotaW }));
};

const emptyState = (): State => ({
  founded: false,
  members: new Map(),
  memberList: [],
  plantCount: 0,
  offerCount: 0,
  capacityW: 0n,
  treasuryQuotaW: 0n,
  treasuryTokens: 0n,
  offers: new Map(),
  plants: new Map(),
  pledges: new Map(),
  pledgeCount: 0,
  roll: new Map(),
  admissions: 0,
  pending: new Map(),
  referendums: new Map(),
  ballots: new Map(),
  referendumCount: 0,
});

const noProposal = (): Proposal => ({
  profileHash: undefined,
  utility: '',
  capacityW: 0n,
  cost: 0n,
  timeToMarket: 0,
  from: undefined,
  to: undefined,
  quotaW: 0n,
  tokens: 0n,
});

export class Model {
  public state: State;

  public constructor(public readonly settings: Settings, state?: State) {
    this.state = state ?? emptyState();
  }

  public clone(): Model {
    return new Model(this.settings, structuredClone(this.state));
  }

  /** Dispatches a call; the result is the operation's return value or the contract's message. */
  public apply(call: OpCall, ctx: Ctx): Outcome<string | boolean> {
    switch (call.op) {
      case 'admission':
        return this.admission(ctx, ...call.args);
      case 'admissionResult':
        return this.admissionResult(ctx, ...call.args);
      case 'vote':
        return this.vote(ctx, ...call.args);
      case 'powerUp':
        return this.powerUp(ctx, ...call.args);
      case 'powerUpResult':
        return this.powerUpResult(ctx, ...call.args);
      case 'bid':
        return this.bid(ctx, ...call.args);
      case 'changeBid':
        return this.changeBid(ctx, ...call.args);
      case 'crowdfundingResult':
        return this.crowdfundingResult(ctx, ...call.args);
      case 'startOperation':
        return this.startOperation(ctx, ...call.args);
      case 'offerTrade':
        return this.offerTrade(ctx, ...call.args);
      case 'acceptTrade':
        return this.acceptTrade(ctx, ...call.args);
      case 'cancelTrade':
        return this.cancelTrade(ctx, ...call.args);
      case 'transfer':
        return this.transfer(ctx, ...call.args);
      case 'changeProfile':
        return this.changeProfile(ctx, ...call.args);
      case 'proposeCorrection':
        return this.proposeCorrection(ctx, ...call.args);
      case 'proposeRemoval':
        return this.proposeRemoval(ctx, ...call.args);
      case 'proposePlantUtility':
        return this.proposePlantUtility(ctx, ...call.args);
      case 'proposePlantRemoval':
        return this.proposePlantRemoval(ctx, ...call.args);
      case 'changeResult':
        return this.changeResult(ctx, ...call.args);
      default:
        throw new Error(`unknown operation ${JSON.stringify(call)}`);
    }
  }

  // ---------------------------------------------------------------- General

  public admission(ctx: Ctx, address: Address, profileHash: string, utility: string): Outcome<string> {
    return this.run(() => {
      const s = this.state;
      this.requireWitness(ctx, address);
      this.requireUtility(utility);
      if (s.admissions === 0) {
        if (address !== this.settings.founder) {
          reject(E.notFounded);
        }
        this.admit(ctx, address, profileHash, utility);

        return '';
      }
      if (s.roll.has(address)) {
        reject(E.alreadyMember);
      }
      if (s.pending.has(address)) {
        reject(E.pending);
      }
      const rID = this.open(ctx, 'admission', address, '', address, {
        ...noProposal(),
        profileHash,
        utility,
      });
      s.pending.set(address, rID);

      return rID;
    });
  }

  public admissionResult(ctx: Ctx, rID: string): Outcome<boolean> {
    return this.run(() => {
      const [approved, referendum] = this.resolve(ctx, rID, 'admission');
      const candidate = referendum.member as Address;
      this.state.pending.delete(candidate);
      if (approved) {
        this.admit(ctx, candidate, referendum.proposal.profileHash as string, referendum.proposal.utility);
      }

      return approved;
    });
  }

  public vote(ctx: Ctx, rID: string, address: Address, answer: boolean): Outcome<boolean> {
    return this.run(() => {
      const serial = this.actingVoter(ctx, address);
      const referendum = this.state.referendums.get(rID);
      if (referendum === undefined) {
        return reject(E.unknownRef);
      }
      if (serial > referendum.lastSerial) {
        reject(E.notEligible);
      }
      if (referendum.status !== 'open' || ctx.now > referendum.endsAt) {
        reject(E.refClosed);
      }
      const ballots = this.ballotsOf(rID);
      if (ballots.has(address)) {
        reject(E.alreadyVoted);
      }
      ballots.set(address, answer);
      if (answer) {
        referendum.yes += 1;
      } else {
        referendum.no += 1;
      }

      return true;
    });
  }

  // ---------------------------------------------------------------- Power plants

  public powerUp(
    ctx: Ctx,
    address: Address,
    capacityW: bigint,
    cost: bigint,
    utility: string,
    timeToMarket: bigint,
  ): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, address);
      if (capacityW <= 0n || capacityW > this.settings.maxPowerW) {
        reject(E.capacity);
      }
      if (cost <= 0n) {
        reject(E.cost);
      }
      this.requireUtility(utility);
      if (timeToMarket < BigInt(this.settings.minTimeToMarket)) {
        reject(E.timeToMarket);
      }

      return this.open(ctx, 'powerUp', address, '', undefined, {
        ...noProposal(),
        utility,
        capacityW,
        cost,
        timeToMarket: Number(timeToMarket),
      });
    });
  }

  public powerUpResult(ctx: Ctx, rID: string): Outcome<string> {
    return this.run(() => {
      const [approved, referendum] = this.resolve(ctx, rID, 'powerUp');
      if (!approved) {
        return '';
      }
      const s = this.state;
      const { utility, capacityW, cost, timeToMarket } = referendum.proposal;
      s.plantCount += 1;
      const ppID = `P${s.plantCount}`;
      s.plants.set(ppID, {
        capacityW,
        cost,
        utility,
        timeToMarket,
        status: 'funding',
        fundingEndsAt: ctx.now + this.settings.crowdfundingPeriod,
        raised: 0n,
        funders: 0,
        fundedAt: 0,
        operatingSince: 0,
      });
      s.pledges.set(ppID, new Map());

      return ppID;
    });
  }

  public bid(ctx: Ctx, ppID: string, address: Address, amount: bigint): Outcome<boolean> {
    return this.run(() => {
      this.requireFundingPlant(ctx, ppID, address);
      if (amount <= 0n) {
        reject(E.positive);
      }
      this.setPledge(ppID, address, this.bidOf(ppID, address) + amount);

      return true;
    });
  }

  public changeBid(ctx: Ctx, ppID: string, address: Address, amount: bigint): Outcome<boolean> {
    return this.run(() => {
      this.requireFundingPlant(ctx, ppID, address);
      if (amount < 0n) {
        reject(E.notNegative);
      }
      if (!this.pledgesOf(ppID).has(address)) {
        reject(E.noPledge);
      }
      this.setPledge(ppID, address, amount);

      return true;
    });
  }

  public crowdfundingResult(ctx: Ctx, ppID: string): Outcome<boolean> {
    return this.run(() => {
      const plant = this.requirePlant(ppID);
      if (plant.status !== 'funding') {
        reject(E.notInFunding);
      }
      if (plant.raised < plant.cost && ctx.now <= plant.fundingEndsAt) {
        reject(E.fundingOpen);
      }
      if (plant.raised < plant.cost) {
        this.cancelPlant(ppID, 'failed');

        return false;
      }
      plant.status = 'funded';
      plant.fundedAt = ctx.now;

      return true;
    });
  }

  public startOperation(ctx: Ctx, ppID: string): Outcome<boolean> {
    return this.run(() => {
      const s = this.state;
      const plant = this.requirePlant(ppID);
      if (plant.status !== 'funded') {
        reject(E.notFunded);
      }
      if (ctx.now < plant.fundedAt + plant.timeToMarket) {
        reject(E.timeToMarketRunning);
      }
      const pledges = [...this.pledgesOf(ppID)].map(([funder, { amount, order }]) => ({ funder, amount, order }));
      for (const { funder, quotaW } of apportion(plant.capacityW, plant.cost, pledges)) {
        if (quotaW > 0n) {
          const tokens = quotaW * SEB_PER_WATT;
          const member = s.members.get(funder);
          if (member === undefined) {
            // A removed funder's share goes to the treasury (invariant 5).
            s.treasuryQuotaW += quotaW;
            s.treasuryTokens += tokens;
          } else {
            member.quotaW += quotaW;
            member.tokens += tokens;
          }
          s.capacityW += quotaW;
        }
      }
      plant.status = 'operating';
      plant.operatingSince = ctx.now;

      return true;
    });
  }

  // ---------------------------------------------------------------- Trading

  public offerTrade(ctx: Ctx, from: Address, to: Address, quotaW: bigint, tokens: bigint): Outcome<string> {
    return this.run(() => {
      const s = this.state;
      const seller = this.actingMember(ctx, from);
      const buyer = this.requireTradeParties(seller, s.members.get(to));
      if (from === to) {
        reject(E.differ);
      }
      if (quotaW < 0n || tokens < 0n || (quotaW === 0n && tokens === 0n)) {
        reject(E.exchange);
      }
      if (seller.quotaW < quotaW) {
        reject(E.senderQuota);
      }
      if (tokens === 0n) {
        seller.quotaW -= quotaW;
        buyer.quotaW += quotaW;

        return '';
      }
      s.offerCount += 1;
      const offerID = `T${s.offerCount}`;
      s.offers.set(offerID, { from, to, quotaW, tokens, status: 'offered', offeredAt: ctx.now });

      return offerID;
    });
  }

  public acceptTrade(ctx: Ctx, offerID: string, address: Address): Outcome<boolean> {
    return this.run(() => {
      const s = this.state;
      this.requireWitness(ctx, address);
      const offer = this.requireOpenOffer(offerID);
      if (address !== offer.to) {
        reject(E.onlyReceiver);
      }
      const seller = s.members.get(offer.from);
      if (seller === undefined) {
        return reject(E.senderLeft);
      }
      const buyer = this.requireTradeParties(seller, s.members.get(offer.to));
      if (seller.quotaW < offer.quotaW) {
        reject(E.senderNoLongerQuota);
      }
      if (buyer.tokens < offer.tokens) {
        reject(E.insufficientSEB);
      }
      seller.quotaW -= offer.quotaW;
      seller.tokens += offer.tokens;
      buyer.quotaW += offer.quotaW;
      buyer.tokens -= offer.tokens;
      offer.status = 'accepted';

      return true;
    });
  }

  public cancelTrade(ctx: Ctx, offerID: string, address: Address): Outcome<boolean> {
    return this.run(() => {
      this.requireWitness(ctx, address);
      const offer = this.requireOpenOffer(offerID);
      if (address !== offer.from && address !== offer.to) {
        reject(E.onlySide);
      }
      offer.status = 'cancelled';

      return true;
    });
  }

  /** NEP-5 transfer: SEB from one member to another. */
  public transfer(ctx: Ctx, from: Address, to: Address, amount: bigint): Outcome<boolean> {
    return this.run(() => {
      const sender = this.actingMember(ctx, from);
      const receiver = this.state.members.get(to);
      if (receiver === undefined) {
        return reject(E.receiverNotMember);
      }
      if (from === to) {
        reject(E.differ);
      }
      if (amount <= 0n) {
        reject(E.positive);
      }
      if (sender.tokens < amount) {
        reject(E.insufficientSEB);
      }
      sender.tokens -= amount;
      receiver.tokens += amount;

      return true;
    });
  }

  // ---------------------------------------------------------------- Changes

  public changeProfile(ctx: Ctx, address: Address, profileHash: string, utility: string): Outcome<boolean> {
    return this.run(() => {
      const member = this.actingMember(ctx, address);
      this.requireUtility(utility);
      member.profileHash = profileHash;
      member.utility = utility;

      return true;
    });
  }

  public proposeCorrection(
    ctx: Ctx,
    proposer: Address,
    from: Address,
    to: Address,
    quotaW: bigint,
    tokens: bigint,
  ): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, proposer);
      if (!this.isHolder(from) || !this.isHolder(to)) {
        reject(E.bothSides);
      }
      if (from === to) {
        reject(E.differ);
      }
      if (quotaW < 0n || tokens < 0n || (quotaW === 0n && tokens === 0n)) {
        reject(E.exchange);
      }

      return this.open(ctx, 'correction', proposer, '', undefined, { ...noProposal(), from, to, quotaW, tokens });
    });
  }

  public proposeRemoval(ctx: Ctx, proposer: Address, member: Address): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, proposer);
      if (!this.state.roll.has(member)) {
        reject(E.notMemberSubject);
      }

      return this.open(ctx, 'removal', proposer, '', member, noProposal());
    });
  }

  public proposePlantUtility(ctx: Ctx, proposer: Address, ppID: string, utility: string): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, proposer);
      this.requirePlantFor(ppID, 'live');
      this.requireUtility(utility);

      return this.open(ctx, 'plantUtility', proposer, ppID, undefined, { ...noProposal(), utility });
    });
  }

  public proposePlantRemoval(ctx: Ctx, proposer: Address, ppID: string): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, proposer);
      this.requirePlantFor(ppID, 'removable');

      return this.open(ctx, 'plantRemoval', proposer, ppID, undefined, noProposal());
    });
  }

  /** Resolves a change referendum and applies it once when approved; a change that cannot apply changes nothing. */
  public changeResult(ctx: Ctx, rID: string): Outcome<boolean> {
    return this.run(() => {
      const s = this.state;
      const [approved, referendum] = this.resolve(ctx, rID, 'change');
      if (!approved) {
        return false;
      }
      const { kind, plant: ppID, member, proposal } = referendum;
      if (kind === 'correction') {
        const from = proposal.from as Address;
        const to = proposal.to as Address;
        const fromHoldings = this.holdingsOf(from);
        const toHoldings = this.holdingsOf(to);
        if (fromHoldings.quotaW < proposal.quotaW) {
          reject(E.correctionQuota);
        }
        if (toHoldings.tokens < proposal.tokens) {
          reject(E.correctionTokens);
        }
        this.setHoldingsOf(from, fromHoldings.quotaW - proposal.quotaW, fromHoldings.tokens + proposal.tokens);
        this.setHoldingsOf(to, toHoldings.quotaW + proposal.quotaW, toHoldings.tokens - proposal.tokens);
      } else if (kind === 'removal') {
        const address = member as Address;
        const record = s.members.get(address);
        if (record === undefined) {
          reject(E.noLongerMember);
        } else {
          // The last member takes the removed member's position.
          const index = s.memberList.indexOf(address);
          const last = s.memberList[s.memberList.length - 1];
          s.memberList[index] = last;
          s.memberList.pop();
          s.members.delete(address);
          s.treasuryQuotaW += record.quotaW;
          s.treasuryTokens += record.tokens;
          s.roll.delete(address);
        }
      } else if (kind === 'plantUtility') {
        const plant = this.requirePlant(ppID);
        if (plant.status === 'failed' || plant.status === 'removed') {
          reject(E.plantDead);
        }
        plant.utility = proposal.utility;
      } else {
        const plant = this.requirePlant(ppID);
        if (plant.status !== 'funding' && plant.status !== 'funded') {
          reject(E.notRemovable);
        }
        this.cancelPlant(ppID, 'removed');
      }

      return true;
    });
  }

  // ---------------------------------------------------------------- Reads (as the contracts return them)

  public groupSummary(): {
    minPowerW: bigint;
    maxPowerW: bigint;
    powerPlants: number;
    members: number;
    name: string;
    symbol: string;
    totalSupply: bigint;
    totalCapacityW: bigint;
  } {
    const s = this.state;

    return {
      minPowerW: 1n,
      maxPowerW: this.settings.maxPowerW,
      powerPlants: s.plantCount,
      members: s.memberList.length,
      name: this.name,
      symbol: this.symbol,
      totalSupply: s.capacityW * SEB_PER_WATT,
      totalCapacityW: s.capacityW,
    };
  }

  public totalSupply(): bigint {
    return this.state.capacityW * SEB_PER_WATT;
  }

  public member(address: Address): MemberRecord | undefined {
    const member = this.state.members.get(address);

    return member === undefined ? undefined : { ...member };
  }

  public balanceOf(address: Address): bigint {
    if (address === this.settings.treasury) {
      return this.state.treasuryTokens;
    }

    return this.state.members.get(address)?.tokens ?? 0n;
  }

  public treasury(): { quotaW: bigint; tokens: bigint } {
    return { quotaW: this.state.treasuryQuotaW, tokens: this.state.treasuryTokens };
  }

  public readonly name = 'Sharing Electricity in Brazil';
  public readonly symbol = 'SEB';
  public readonly decimals = 8;

  /** Members in listOfMembers order, paged (pages need offset >= 0 and 1 <= limit <= 100). */
  public listOfMembers(offset: number, limit: number): Outcome<Address[]> {
    return this.run(() => {
      this.requirePage(offset, limit);

      return this.state.memberList.slice(offset, offset + limit);
    });
  }

  public listOfPowerPlants(offset: number, limit: number): Outcome<string[]> {
    return this.run(() => {
      this.requirePage(offset, limit);
      const page: string[] = [];
      for (let index = offset; index < offset + limit && index < this.state.plantCount; index++) {
        page.push(`P${index + 1}`);
      }

      return page;
    });
  }

  // Scalar reads the partner contracts use.

  public founded(): boolean {
    return this.state.founded;
  }

  public utilityOf(address: Address): string {
    return this.state.members.get(address)?.utility ?? '';
  }

  public plantCount(): number {
    return this.state.plantCount;
  }

  public plantStatus(ppID: string): string {
    return this.state.plants.get(ppID)?.status ?? '';
  }

  public powerPlant(ppID: string): PlantRecord | undefined {
    const plant = this.state.plants.get(ppID);

    return plant === undefined ? undefined : { ...plant };
  }

  public bidOf(ppID: string, address: Address): bigint {
    return this.state.pledges.get(ppID)?.get(address)?.amount ?? 0n;
  }

  /** The member's pledges, sorted by plant ID (the contract's order is its storage order). */
  public contributionsOf(address: Address): Array<{ ppID: string; amount: bigint }> {
    const result: Array<{ ppID: string; amount: bigint }> = [];
    for (const [ppID, pledges] of this.state.pledges) {
      const pledge = pledges.get(address);
      if (pledge !== undefined) {
        result.push({ ppID, amount: pledge.amount });
      }
    }

    return result.sort((a, b) => a.ppID.localeCompare(b.ppID));
  }

  public tradeOffer(offerID: string): OfferRecord | undefined {
    const offer = this.state.offers.get(offerID);

    return offer === undefined ? undefined : { ...offer };
  }

  public referendum(rID: string):
    | {
        kind: Kind;
        proposer: Address;
        subject: string;
        openedAt: number;
        endsAt: number;
        electorate: number;
        yes: number;
        no: number;
        status: ReferendumStatus;
      }
    | undefined {
    const r = this.state.referendums.get(rID);
    if (r === undefined) {
      return undefined;
    }

    return {
      kind: r.kind,
      proposer: r.proposer,
      subject: r.member === undefined ? r.plant : r.member,
      openedAt: r.openedAt,
      endsAt: r.endsAt,
      electorate: r.electorate,
      yes: r.yes,
      no: r.no,
      status: r.status,
    };
  }

  public proposal(rID: string): Proposal | undefined {
    const r = this.state.referendums.get(rID);

    return r === undefined ? undefined : { ...r.proposal };
  }

  public hasVoted(rID: string, address: Address): boolean {
    return this.state.ballots.get(rID)?.has(address) ?? false;
  }

  // ---------------------------------------------------------------- Helpers for test generators

  public isMember(address: Address): boolean {
    return this.state.members.has(address);
  }

  /** Whether a member may vote on a referendum now (eligible, open, not voted). */
  public canVote(rID: string, address: Address, now: number): boolean {
    const serial = this.state.roll.get(address);
    const r = this.state.referendums.get(rID);

    return (
      serial !== undefined &&
      r !== undefined &&
      serial <= r.lastSerial &&
      r.status === 'open' &&
      now <= r.endsAt &&
      !this.hasVoted(rID, address)
    );
  }

  /** Whether a result call is accepted now (it may still fail to apply). */
  public decidable(rID: string, now: number): boolean {
    const r = this.state.referendums.get(rID);

    return r !== undefined && r.status === 'open' && (r.yes * 2 > r.electorate || r.no * 2 >= r.electorate || now > r.endsAt);
  }

  public missing(ppID: string): bigint {
    const plant = this.state.plants.get(ppID);

    return plant === undefined ? 0n : plant.cost - plant.raised;
  }

  /**
   * Times at which some operation's validity changes (open referendums' endsAt, funding
   * plants' fundingEndsAt, funded plants' start time): the test avoids running near them.
   */
  public deadlines(): number[] {
    const times: number[] = [];
    for (const r of this.state.referendums.values()) {
      if (r.status === 'open') {
        times.push(r.endsAt);
      }
    }
    for (const plant of this.state.plants.values()) {
      if (plant.status === 'funding') {
        times.push(plant.fundingEndsAt);
      } else if (plant.status === 'funded') {
        times.push(plant.fundedAt + plant.timeToMarket);
      }
    }

    return times;
  }

  // ---------------------------------------------------------------- Internals

  private run<T>(operation: () => T): Outcome<T> {
    const snapshot = structuredClone(this.state);
    try {
      return { ok: true, value: operation() };
    } catch (error) {
      if (error instanceof Rejection) {
        this.state = snapshot;

        return { ok: false, error: error.message };
      }
      throw error;
    }
  }

  private requirePage(offset: number, limit: number): void {
    if (offset < 0 || limit <= 0 || limit > 100) {
      reject(E.page);
    }
  }

  private requireWitness(ctx: Ctx, address: Address): void {
    if (!ctx.skipWitness && ctx.signer !== address) {
      reject(E.witness);
    }
  }

  private requireUtility(utility: string): void {
    const bytes = utilityBytes(utility);
    if (bytes === 0 || bytes > MAX_UTILITY_BYTES) {
      reject(E.utility);
    }
  }

  /** The referendums contract's acting member: witness, founded, on the roll; returns the admission serial. */
  private actingVoter(ctx: Ctx, address: Address): number {
    this.requireWitness(ctx, address);
    if (this.state.admissions === 0) {
      reject(E.notFounded);
    }
    const serial = this.state.roll.get(address);
    if (serial === undefined) {
      return reject(E.onlyMembers);
    }

    return serial;
  }

  /** The ledger's acting member: witness, founded, member record. */
  private actingMember(ctx: Ctx, address: Address): MemberRecord {
    this.requireWitness(ctx, address);
    if (!this.state.founded) {
      reject(E.notFounded);
    }
    const member = this.state.members.get(address);
    if (member === undefined) {
      return reject(E.onlyMembers);
    }

    return member;
  }

  private requireTradeParties(seller: MemberRecord, buyer: MemberRecord | undefined): MemberRecord {
    if (buyer === undefined) {
      return reject(E.receiverNotMember);
    }
    if (seller.utility !== buyer.utility) {
      reject(E.sameUtility);
    }

    return buyer;
  }

  private requireOpenOffer(offerID: string): OfferRecord {
    const offer = this.state.offers.get(offerID);
    if (offer === undefined) {
      return reject(E.unknownOffer);
    }
    if (offer.status !== 'offered') {
      reject(E.offerClosed);
    }

    return offer;
  }

  private requirePlant(ppID: string): PlantRecord {
    const plant = this.state.plants.get(ppID);
    if (plant === undefined) {
      return reject(E.unknownPlant);
    }

    return plant;
  }

  private requirePlantFor(ppID: string, change: 'live' | 'removable'): void {
    const status = this.state.plants.get(ppID)?.status;
    if (status === undefined) {
      reject(E.unknownPlant);
    }
    if (change === 'live' && (status === 'failed' || status === 'removed')) {
      reject(E.plantDead);
    }
    if (change === 'removable' && status !== 'funding' && status !== 'funded') {
      reject(E.notRemovable);
    }
  }

  private requireFundingPlant(ctx: Ctx, ppID: string, address: Address): PlantRecord {
    this.requireWitness(ctx, address);
    const utility = this.state.members.get(address)?.utility;
    if (utility === undefined) {
      reject(this.state.founded ? E.onlyMembers : E.notFounded);
    }
    const plant = this.requirePlant(ppID);
    if (utility !== plant.utility) {
      reject(E.cannotProfit);
    }
    if (plant.status !== 'funding' || ctx.now > plant.fundingEndsAt) {
      reject(E.fundingClosed);
    }

    return plant;
  }

  private pledgesOf(ppID: string): Map<Address, Pledge> {
    let pledges = this.state.pledges.get(ppID);
    if (pledges === undefined) {
      pledges = new Map();
      this.state.pledges.set(ppID, pledges);
    }

    return pledges;
  }

  private ballotsOf(rID: string): Map<Address, boolean> {
    let ballots = this.state.ballots.get(rID);
    if (ballots === undefined) {
      ballots = new Map();
      this.state.ballots.set(rID, ballots);
    }

    return ballots;
  }

  /** Sets a member's pledge (0 withdraws it); a new pledge takes the next global order. */
  private setPledge(ppID: string, address: Address, amount: bigint): void {
    const s = this.state;
    const plant = this.requirePlant(ppID);
    const pledges = this.pledgesOf(ppID);
    const pledge = pledges.get(address);
    if (amount > 0n && amount < this.settings.minBid) {
      reject(E.belowMinBid);
    }
    const current = pledge === undefined ? 0n : pledge.amount;
    const raised = plant.raised - current + amount;
    if (raised > plant.cost) {
      reject(E.aboveMissing);
    }
    if (amount === 0n) {
      pledges.delete(address);
      plant.funders -= 1;
    } else if (pledge === undefined) {
      s.pledgeCount += 1;
      pledges.set(address, { amount, order: s.pledgeCount });
      plant.funders += 1;
    } else {
      pledge.amount = amount;
    }
    plant.raised = raised;
  }

  private cancelPlant(ppID: string, status: 'failed' | 'removed'): void {
    const plant = this.requirePlant(ppID);
    this.pledgesOf(ppID).clear();
    plant.status = status;
    plant.raised = 0n;
    plant.funders = 0;
    plant.operatingSince = 0;
  }

  private admit(ctx: Ctx, address: Address, profileHash: string, utility: string): void {
    const s = this.state;
    s.admissions += 1;
    s.roll.set(address, s.admissions);
    s.founded = true;
    s.members.set(address, { utility, profileHash, quotaW: 0n, tokens: 0n, joinedAt: ctx.now });
    s.memberList.push(address);
  }

  private open(
    ctx: Ctx,
    kind: Kind,
    proposer: Address,
    plant: string,
    member: Address | undefined,
    proposal: Proposal,
  ): string {
    const s = this.state;
    s.referendumCount += 1;
    const rID = `R${s.referendumCount}`;
    s.referendums.set(rID, {
      kind,
      proposer,
      plant,
      member,
      openedAt: ctx.now,
      endsAt: ctx.now + this.settings.referendumPeriod,
      electorate: s.roll.size,
      lastSerial: s.admissions,
      yes: 0,
      no: 0,
      status: 'open',
      proposal,
    });
    s.ballots.set(rID, new Map());

    return rID;
  }

  /** Resolves an open referendum of the expected kind once; approved iff yes * 2 > electorate. */
  private resolve(ctx: Ctx, rID: string, expected: 'admission' | 'powerUp' | 'change'): [boolean, ReferendumRecord] {
    const r = this.state.referendums.get(rID);
    const isChange = r !== undefined && r.kind !== 'admission' && r.kind !== 'powerUp';
    if (r === undefined || (expected === 'change' ? !isChange : r.kind !== expected)) {
      return reject(
        expected === 'admission' ? E.notAdmissionRef : expected === 'powerUp' ? E.notPowerUpRef : E.notChangeRef,
      );
    }
    if (r.status !== 'open') {
      reject(E.resolved);
    }
    const approved = r.yes * 2 > r.electorate;
    if (!approved && r.no * 2 < r.electorate && ctx.now <= r.endsAt) {
      reject(E.stillOpen);
    }
    r.status = approved ? 'approved' : 'rejected';

    return [approved, r];
  }

  private isHolder(address: Address): boolean {
    return this.state.roll.has(address) || address === this.settings.treasury;
  }

  private holdingsOf(address: Address): { quotaW: bigint; tokens: bigint } {
    if (address === this.settings.treasury) {
      return { quotaW: this.state.treasuryQuotaW, tokens: this.state.treasuryTokens };
    }
    const member = this.state.members.get(address);
    if (member === undefined) {
      return reject(E.bothSides);
    }

    return { quotaW: member.quotaW, tokens: member.tokens };
  }

  private setHoldingsOf(address: Address, quotaW: bigint, tokens: bigint): void {
    if (address === this.settings.treasury) {
      this.state.treasuryQuotaW = quotaW;
      this.state.treasuryTokens = tokens;
    } else {
      const member = this.state.members.get(address) as MemberRecord;
      member.quotaW = quotaW;
      member.tokens = tokens;
    }
  }
}

/**
 * Invariants 1–5 of the spec on a model state (plus the model's own bookkeeping:
 * the roll, the member list and the records agree). Returns the violations found.
 */
export const invariantViolations = (model: Model): string[] => {
  const s = model.state;
  const problems: string[] = [];
  // 1 and 2
  let tokens = s.treasuryTokens;
  let quotaW = s.treasuryQuotaW;
  for (const member of s.members.values()) {
    tokens += member.tokens;
    quotaW += member.quotaW;
    if (member.tokens < 0n || member.quotaW < 0n) {
      problems.push(`negative holdings ${JSON.stringify(member, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
    }
  }
  if (s.treasuryTokens < 0n || s.treasuryQuotaW < 0n) {
    problems.push('negative treasury');
  }
  const supply = model.totalSupply();
  if (tokens !== supply) {
    problems.push(`1: Σ SEB ${tokens} != totalSupply ${supply}`);
  }
  if (supply !== s.capacityW * SEB_PER_WATT) {
    problems.push(`1: totalSupply ${supply} != totalCapacityW / 1000 (${s.capacityW} W)`);
  }
  if (quotaW !== s.capacityW) {
    problems.push(`2: Σ quota ${quotaW} != totalCapacityW ${s.capacityW}`);
  }
  // 3
  for (const [ppID, plant] of s.plants) {
    const pledges = [...(s.pledges.get(ppID) ?? new Map<Address, Pledge>()).values()];
    const pledged = pledges.reduce((sum, pledge) => sum + pledge.amount, 0n);
    if (plant.status === 'funding') {
      if (plant.raised !== pledged || plant.raised > plant.cost) {
        problems.push(`3: ${ppID} funding raised ${plant.raised} pledged ${pledged} cost ${plant.cost}`);
      }
    } else if (plant.status === 'funded' || plant.status === 'operating') {
      if (plant.raised !== plant.cost || pledged !== plant.cost) {
        problems.push(`3: ${ppID} ${plant.status} raised ${plant.raised} pledged ${pledged} cost ${plant.cost}`);
      }
    } else if (plant.raised !== 0n || pledges.length !== 0) {
      problems.push(`3: ${ppID} ${plant.status} still holds pledges`);
    }
    if (plant.funders !== pledges.length) {
      problems.push(`3: ${ppID} funders ${plant.funders} != ${pledges.length} pledges`);
    }
    if (pledges.some((pledge) => pledge.amount < model.settings.minBid)) {
      problems.push(`3: ${ppID} has a pledge below the minimum bid`);
    }
  }
  // 4
  for (const [rID, r] of s.referendums) {
    const ballots = s.ballots.get(rID) ?? new Map<Address, boolean>();
    const yes = [...ballots.values()].filter((answer) => answer).length;
    if (r.yes + r.no > r.electorate) {
      problems.push(`4: ${rID} yes ${r.yes} + no ${r.no} > electorate ${r.electorate}`);
    }
    if (ballots.size !== r.yes + r.no || yes !== r.yes) {
      problems.push(`4: ${rID} tally ${r.yes}/${r.no} does not match ${ballots.size} ballots`);
    }
  }
  // 5: only members and the treasury hold quota or SEB (holdings live in member records
  // only; the records, the roll and the list name the same members).
  const listed = new Set(s.memberList);
  if (listed.size !== s.memberList.length || listed.size !== s.members.size || s.roll.size !== s.members.size) {
    problems.push(`5: ${s.memberList.length} listed, ${s.members.size} records, ${s.roll.size} on the roll`);
  }
  for (const address of s.members.keys()) {
    if (!listed.has(address) || !s.roll.has(address)) {
      problems.push(`5: member ${address} missing from the list or the roll`);
    }
  }
  if (s.founded !== s.admissions > 0) {
    problems.push('founded flag out of step with admissions');
  }

  return problems;
};
