/**
 * A plain TypeScript model of an MTEMsm group (shared/spec/mtemsm.md v1 with its
 * "Changes in v1.1"), used by the random test as its oracle.
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
 * The model keeps only what the spec talks about and derives the rest: a member is
 * frozen while an open removal names its membership (admission serial); the quota and
 * SEB reserved on a holder are the sums of the open corrections naming it; a member's
 * open offers and live pledges are counted from the offers and the plants. The
 * contracts keep counters instead; memberState() compares the two.
 *
 * Paged steps (v1.1 §7) are modelled whole, as src/chain/plants.ts drives them
 * (`crowdfundingResult`: closeCrowdfunding, `cancelPledges`, `startOperation`), plus
 * the single pages whose effect does not depend on the contract's page sizes
 * (`crowdfundingPage`: one crowdfundingResult call with a given threshold, and
 * `startOperationPage` while the watts threshold is not adopted: its check only).
 * With at most ten funders a cut's check fits one page (14 pledges); a watts check
 * page is modelled only for plants of at most QUOTA_CHECK_PAGE funders. The rules themselves
 * (majority and early close, deadlines, IDs, units, page sizes, utility names, the
 * largest-remainder arithmetic) are src/domain's, the one place of each for all off-chain
 * code; the state machine (what each operation checks, in which order, and changes) is the
 * model's own.
 *
 * `Ctx.skipWitness` models the client's test invocation before a transaction is sent:
 * neo-one's node runs it with witness checks disabled, so a call signed by the wrong
 * account is only rejected on chain (FAULT) when every other check passes.
 */
import { cutThresholdOf, quotasOf, quotaThresholdOf, sharesAt } from '../src/domain/apportion';
import {
  fundingClosable,
  invitationOpen,
  offerOpen,
  pledgesOpen,
  timeToMarketPassed,
  votingOpen,
} from '../src/domain/deadlines';
import { offerID as offerIDOf, plantID, referendumID } from '../src/domain/ids';
import { isApproved, outcomeAt, resolvedStatus } from '../src/domain/majority';
import { LIST_PAGE_LIMIT, QUOTA_CHECK_PAGE } from '../src/domain/pages';
import { MAX_COST_CENTS, MAX_TIME_TO_MARKET, MAX_VALID_FOR, SEB_PER_WATT } from '../src/domain/units';
import { MAX_UTILITY_BYTES, utilityBytes, validUtility } from '../src/domain/utility';

export type Address = string;

export const DAY = 86_400;
/**
 * The rules' constants are src/domain's (one place for all off-chain code), re-exported for
 * the generator: 1 W of quota == 100_000 raw SEB; utility names of 1 to 64 bytes; cost and
 * time-to-market bounds (v1.1 §8); offers valid 1 s to 365 days (v1.1 §9). QUOTA_CHECK_PAGE:
 * the most pledges one page checks of a watts threshold (a cut's check takes 14, more than
 * the ten accounts of the test can pledge): the model's single startOperation page is the
 * check of all pledges at once.
 */
export { MAX_TIME_TO_MARKET, MAX_UTILITY_BYTES, MAX_VALID_FOR, QUOTA_CHECK_PAGE, SEB_PER_WATT, utilityBytes };
/** R$ 10,000,000,000.00 in cents (v1.1 §8). */
export const MAX_COST = MAX_COST_CENTS;

export interface Settings {
  readonly founder: Address;
  /** The treasury's address: the ledger contract's own. */
  readonly treasury: Address;
  /** The other contracts' addresses (partners()). */
  readonly partners: { readonly trades: Address; readonly plants: Address; readonly referendums: Address; readonly energy?: Address };
  readonly referendumPeriod: number;
  readonly crowdfundingPeriod: number;
  readonly minTimeToMarket: number;
  readonly minFundingWindow: number;
  /** Raw cents. */
  readonly minBid: bigint;
  readonly maxPowerW: bigint;
}

export const defaultSettings = (
  founder: Address,
  treasury: Address,
  partners: Settings['partners'],
): Settings => ({
  founder,
  treasury,
  partners,
  referendumPeriod: 30 * DAY,
  crowdfundingPeriod: 60 * DAY,
  minTimeToMarket: 30 * DAY,
  minFundingWindow: 7 * DAY,
  minBid: 100_00n,
  maxPowerW: 5_000_000n,
});

/** The contracts' messages (every rejection is `throw new Error(<message>)`). */
export const E = {
  witness: 'Missing witness: the acting address must sign this call.',
  notFounded: 'The group has not been founded yet.',
  onlyMembers: 'Only members may do this.',
  frozen: "This member's holdings are frozen while a removal is open.",
  utility: 'The utility must have 1 to 64 characters.',
  utilityLocked: 'The utility can change only while the member holds no quota, no pledge and no open offer.',
  alreadyMember: 'Already a member.',
  pending: 'An admission request is already pending.',
  needsInvitation: 'An admission needs an open invitation from a member.',
  openInvitation: 'This member already has an open invitation.',
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
  cost: 'The cost must be positive and at most R$ 10,000,000,000.00.',
  timeToMarket: 'The time to market must be at least minTimeToMarket and at most 10 years.',
  bothSides: 'Both sides must be members or the treasury.',
  differ: 'Sender and receiver must differ.',
  exchange: 'quotaW and tokens must not be negative, nor both zero.',
  notMemberSubject: 'That address is not a member.',
  lastMember: 'The last member cannot be removed.',
  unknownPlant: 'Unknown power plant.',
  plantDead: 'The plant has failed or was removed.',
  notRemovable: 'A plant can be removed only before it operates.',
  reserveQuota: 'The sender does not hold that quota.',
  reserveTokens: 'The receiver does not hold that SEB.',
  cannotProfit: 'This member cannot profit from this power utility.',
  fundingClosed: 'The crowdfunding of this plant is closed.',
  positive: 'The amount must be positive.',
  notNegative: 'The amount must not be negative.',
  noPledge: 'This member has no pledge for this plant.',
  belowMinBid: 'The pledge is below the minimum bid.',
  aboveCost: "A pledge cannot exceed the plant's cost.",
  earlierMembership: 'This pledge was made by an earlier membership of this address.',
  notInFunding: 'The plant is not in funding.',
  fundingOpen: 'The crowdfunding is still open.',
  notFunded: 'The plant is not funded.',
  noPledgesToCancel: 'The plant has no pledges to cancel.',
  timeToMarketRunning: 'The plant is still within its time to market.',
  receiverNotMember: 'The receiver is not a member.',
  insufficientSEB: 'Insufficient SEB balance.',
  sameUtility: 'Both members must belong to the same power utility coverage area.',
  senderQuota: 'The sender does not hold that quota.',
  validFor: 'An offer is valid for 1 second to 365 days.',
  unknownOffer: 'Unknown trade offer.',
  offerClosed: 'The trade offer is no longer open.',
  offerExpired: 'The trade offer has expired.',
  onlyReceiver: 'Only the receiver of the offer may accept it.',
  senderNoLongerQuota: 'The sender no longer holds that quota.',
  onlySide: 'Only a side of the offer may cancel it.',
  page: 'Pages need offset >= 0 and 1 <= limit <= 100.',
} as const;

/** Why an approved change lapsed (v1.1 §2): the reason of its `lapse` event. */
export const LAPSE = {
  memberLeft: 'The member has already left the group.',
  sideLeft: 'A side of the correction has left the group.',
  lastMember: E.lastMember,
  plantDead: E.plantDead,
  notRemovable: E.notRemovable,
} as const;

export interface MemberRecord {
  utility: string;
  profileHash: string;
  quotaW: bigint;
  /** Raw 1e-8 SEB. */
  tokens: bigint;
  joinedAt: number;
  /** Admission serial: this membership (a later admission of the address gets another). */
  serial: number;
}

export type PlantStatus =
  | 'funding'
  | 'closing'
  | 'funded'
  | 'failing'
  | 'failed'
  | 'issuing'
  | 'operating'
  | 'removing'
  | 'removed';

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
  /** When funding opened (early close needs minFundingWindow since then). */
  openedAt: number;
  /** Σ pledges when an oversubscribed crowdfunding closed, else 0. */
  pledged: bigint;
  /** The adopted thresholds (0: none yet). */
  cutThreshold: bigint;
  quotaThreshold: bigint;
  /** First pledges made while funding (the next pledge's order). */
  made: number;
  /** Pledges handled by the paged step that ended the plant's last phase (plantState's last field). */
  done: number;
}

export interface Pledge {
  /** Raw cents, as pledged. */
  amount: bigint;
  /** Order of the first pledge within the plant (ties of the apportionment: smaller first). */
  order: number;
  /** The membership that made it. */
  serial: number;
}

export type Kind = 'admission' | 'powerUp' | 'correction' | 'removal' | 'plantUtility' | 'plantRemoval';
export type ReferendumStatus = 'open' | 'approved' | 'rejected' | 'lapsed';

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
  /** The removed member's serial, or a correction's sides' (0: the treasury). */
  fromSerial: number;
  toSerial: number;
  yes: number;
  no: number;
  status: ReferendumStatus;
  /** Why an approved change lapsed, else ''. */
  reason: string;
  proposal: Proposal;
}

export type OfferStatus = 'offered' | 'accepted' | 'cancelled';

export interface OfferRecord {
  from: Address;
  to: Address;
  quotaW: bigint;
  tokens: bigint;
  /** As recorded; reads show 'expired' past expiresAt and 'cancelled' once a side left. */
  status: OfferStatus;
  offeredAt: number;
  expiresAt: number;
  fromSerial: number;
  toSerial: number;
}

export interface Invitation {
  inviter: Address;
  expiresAt: number;
  /** The admission it was used for; '' while unused. */
  rID: string;
}

export interface State {
  members: Map<Address, MemberRecord>;
  /** Admission serial → member (a removed member leaves a gap). */
  memberAt: Map<number, Address>;
  admissions: number;
  plantCount: number;
  offerCount: number;
  capacityW: bigint;
  treasuryQuotaW: bigint;
  treasuryTokens: bigint;
  offers: Map<string, OfferRecord>;
  plants: Map<string, PlantRecord>;
  /** ppID → address → pledge (pledges of operating plants stay, as the investment record). */
  pledges: Map<string, Map<Address, Pledge>>;
  invitations: Map<Address, Invitation>;
  /** Each member's latest invitation: inviter → candidate. */
  invited: Map<Address, Address>;
  referendums: Map<string, ReferendumRecord>;
  /** rID → admission serial → answer. */
  ballots: Map<string, Map<number, boolean>>;
  referendumCount: number;
}

export interface Ctx {
  /** The block time the operation (its first page) runs at. */
  readonly now: number;
  /** The block time of a paged step's last page (fundedAt, operatingSince); `now` if absent. */
  readonly end?: number;
  /** The address that signed the transaction. */
  readonly signer?: Address;
  /** Witness checks pass (the client's test invocation before sending). */
  readonly skipWitness?: boolean;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const OPS = [
  'invite',
  'admission',
  'admissionResult',
  'vote',
  'powerUp',
  'powerUpResult',
  'bid',
  'changeBid',
  'crowdfundingResult',
  'crowdfundingPage',
  'cancelPledges',
  'startOperation',
  'startOperationPage',
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
] as const;
export type OpName = typeof OPS[number];

/** One call of an operation, with the contract's argument order (amounts raw bigints, integers bigints). */
export type OpCall =
  | { readonly op: 'invite'; readonly args: readonly [Address, Address] }
  | { readonly op: 'admission'; readonly args: readonly [Address, string, string] }
  | { readonly op: 'admissionResult'; readonly args: readonly [string] }
  | { readonly op: 'vote'; readonly args: readonly [string, Address, boolean] }
  | { readonly op: 'powerUp'; readonly args: readonly [Address, bigint, bigint, string, bigint] }
  | { readonly op: 'powerUpResult'; readonly args: readonly [string] }
  | { readonly op: 'bid'; readonly args: readonly [string, Address, bigint] }
  | { readonly op: 'changeBid'; readonly args: readonly [string, Address, bigint] }
  /** The whole close (closeCrowdfunding): returns the status it leaves, funded or failed (removed for a removing plant). */
  | { readonly op: 'crowdfundingResult'; readonly args: readonly [string] }
  /** One crowdfundingResult call with this threshold. */
  | { readonly op: 'crowdfundingPage'; readonly args: readonly [string, bigint] }
  /** Every page (src/chain/plants.ts cancelPledges). */
  | { readonly op: 'cancelPledges'; readonly args: readonly [string] }
  /** Every page (src/chain/plants.ts startOperation). */
  | { readonly op: 'startOperation'; readonly args: readonly [string] }
  /** One startOperation call with this threshold, while none is adopted (its check). */
  | { readonly op: 'startOperationPage'; readonly args: readonly [string, bigint] }
  | { readonly op: 'offerTrade'; readonly args: readonly [Address, Address, bigint, bigint, bigint] }
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
    case 'invite':
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

/** Operations made of several transactions (src/chain/plants.ts drives them page by page). */
export const PAGED: ReadonlySet<OpName> = new Set<OpName>(['crowdfundingResult', 'cancelPledges', 'startOperation']);

class Rejection extends Error {}

const reject = (message: string): never => {
  throw new Rejection(message);
};

const emptyState = (): State => ({
  members: new Map(),
  memberAt: new Map(),
  admissions: 0,
  plantCount: 0,
  offerCount: 0,
  capacityW: 0n,
  treasuryQuotaW: 0n,
  treasuryTokens: 0n,
  offers: new Map(),
  plants: new Map(),
  pledges: new Map(),
  invitations: new Map(),
  invited: new Map(),
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

const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

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
      case 'invite':
        return this.invite(ctx, ...call.args);
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
      case 'crowdfundingPage':
        return this.crowdfundingPage(ctx, ...call.args);
      case 'cancelPledges':
        return this.cancelPledges(ctx, ...call.args);
      case 'startOperation':
        return this.startOperation(ctx, ...call.args);
      case 'startOperationPage':
        return this.startOperationPage(ctx, ...call.args);
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

  // ---------------------------------------------------------------- Admissions

  public invite(ctx: Ctx, member: Address, candidate: Address): Outcome<boolean> {
    return this.run(() => {
      const s = this.state;
      this.actingVoter(ctx, member);
      if (s.members.has(candidate)) {
        reject(E.alreadyMember);
      }
      const current = s.invitations.get(candidate);
      if (current !== undefined && current.rID !== '') {
        reject(E.pending);
      }
      if (this.hasOpenInvitation(member, ctx.now)) {
        reject(E.openInvitation);
      }
      // A new invitation replaces an unused one of the candidate (from whoever).
      s.invitations.set(candidate, { inviter: member, expiresAt: ctx.now + this.settings.referendumPeriod, rID: '' });
      s.invited.set(member, candidate);

      return true;
    });
  }

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
      if (s.members.has(address)) {
        reject(E.alreadyMember);
      }
      const invitation = s.invitations.get(address);
      if (invitation !== undefined && invitation.rID !== '') {
        reject(E.pending);
      }
      if (invitation === undefined || !invitationOpen(ctx.now, invitation.expiresAt) || !s.members.has(invitation.inviter)) {
        return reject(E.needsInvitation);
      }
      const rID = this.open(ctx, 'admission', address, '', address, 0, 0, { ...noProposal(), profileHash, utility });
      invitation.rID = rID;

      return rID;
    });
  }

  public admissionResult(ctx: Ctx, rID: string): Outcome<boolean> {
    return this.run(() => {
      const [approved, referendum] = this.resolve(ctx, rID, 'admission');
      const candidate = referendum.member as Address;
      this.state.invitations.delete(candidate);
      referendum.status = approved ? 'approved' : 'rejected';
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
      if (referendum.status !== 'open' || !votingOpen(ctx.now, referendum.endsAt)) {
        reject(E.refClosed);
      }
      const ballots = this.ballotsOf(rID);
      if (ballots.has(serial)) {
        reject(E.alreadyVoted);
      }
      ballots.set(serial, answer);
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
      if (cost <= 0n || cost > MAX_COST) {
        reject(E.cost);
      }
      this.requireUtility(utility);
      if (timeToMarket < BigInt(this.settings.minTimeToMarket) || timeToMarket > BigInt(MAX_TIME_TO_MARKET)) {
        reject(E.timeToMarket);
      }

      return this.open(ctx, 'powerUp', address, '', undefined, 0, 0, {
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
      referendum.status = approved ? 'approved' : 'rejected';
      if (!approved) {
        return '';
      }
      const s = this.state;
      const { utility, capacityW, cost, timeToMarket } = referendum.proposal;
      s.plantCount += 1;
      const ppID = plantID(s.plantCount);
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
        openedAt: ctx.now,
        pledged: 0n,
        cutThreshold: 0n,
        quotaThreshold: 0n,
        made: 0,
        done: 0,
      });
      s.pledges.set(ppID, new Map());

      return ppID;
    });
  }

  public bid(ctx: Ctx, ppID: string, address: Address, amount: bigint): Outcome<boolean> {
    return this.run(() => {
      if (amount <= 0n) {
        reject(E.positive);
      }
      this.pledge(ctx, ppID, address, amount, true);

      return true;
    });
  }

  public changeBid(ctx: Ctx, ppID: string, address: Address, amount: bigint): Outcome<boolean> {
    return this.run(() => {
      if (amount < 0n) {
        reject(E.notNegative);
      }
      this.pledge(ctx, ppID, address, amount, false);

      return true;
    });
  }

  /** The whole close, as closeCrowdfunding sends it: the status it leaves the plant in. */
  public crowdfundingResult(ctx: Ctx, ppID: string): Outcome<string> {
    return this.run(() => {
      const plant = this.requirePlant(ppID);
      if (plant.status === 'funding') {
        this.requireClosable(ctx, plant);
      }
      if (plant.status === 'funding' || plant.status === 'closing') {
        this.close(ctx, ppID, plant, undefined);
      }
      if (plant.status === 'failing' || plant.status === 'removing') {
        this.cancelAll(ppID, plant);
      }

      return plant.status;
    });
  }

  /** One crowdfundingResult call: the close, or the cut's check with `threshold`, or its release; true once funded. */
  public crowdfundingPage(ctx: Ctx, ppID: string, threshold: bigint): Outcome<boolean> {
    return this.run(() => {
      const plant = this.requirePlant(ppID);
      if (plant.status === 'funding') {
        this.requireClosable(ctx, plant);
      } else if (plant.status !== 'closing') {
        reject(E.notInFunding);
      }
      this.close(ctx, ppID, plant, threshold);

      return plant.status === 'funded';
    });
  }

  public cancelPledges(ctx: Ctx, ppID: string): Outcome<boolean> {
    return this.run(() => {
      const plant = this.requirePlant(ppID);
      if (plant.status !== 'failing' && plant.status !== 'removing') {
        reject(E.noPledgesToCancel);
      }
      this.cancelAll(ppID, plant);

      return true;
    });
  }

  /** Every page of startOperation: the funders' quotas by the largest-remainder rule; true. */
  public startOperation(ctx: Ctx, ppID: string): Outcome<boolean> {
    return this.run(() => {
      const s = this.state;
      const plant = this.requireStartable(ctx, ppID);
      const pledges = this.pledgeList(ppID);
      const quotas = quotasOf(plant.capacityW, plant.cost, pledges.map(({ amount, order }) => ({ amount, order: BigInt(order) })));
      if (plant.quotaThreshold === 0n) {
        plant.quotaThreshold = quotaThresholdOf(
          plant.capacityW,
          plant.cost,
          pledges.map(({ amount, order }) => ({ amount, order: BigInt(order) })),
        );
      } else {
        // Adopted earlier by a single page: the shares it gives are the rule's.
        const kept = this.keptList(ppID, plant);
        const items = pledges.map(({ order }, index) => ({ weight: kept[index], order: BigInt(order) }));
        sharesAt(plant.capacityW, items, plant.cost, plant.quotaThreshold).forEach((share, index) => {
          if (share !== quotas[index]) {
            throw new Error(`model: adopted threshold ${plant.quotaThreshold} gives other shares than the rule`);
          }
        });
      }
      pledges.forEach(({ funder, serial }, index) => {
        const quotaW = quotas[index];
        const member = s.members.get(funder);
        if (member !== undefined && member.serial === serial) {
          member.quotaW += quotaW;
          member.tokens += quotaW * SEB_PER_WATT;
        } else {
          // A funder whose membership left: its share goes to the treasury (invariant 5).
          s.treasuryQuotaW += quotaW;
          s.treasuryTokens += quotaW * SEB_PER_WATT;
        }
        s.capacityW += quotaW;
      });
      plant.status = 'operating';
      plant.operatingSince = ctx.end ?? ctx.now;
      plant.done = plant.funders;

      return true;
    });
  }

  /** One startOperation call while no watts threshold is adopted: its check (adopted when right); false. */
  public startOperationPage(ctx: Ctx, ppID: string, threshold: bigint): Outcome<boolean> {
    return this.run(() => {
      const plant = this.requireStartable(ctx, ppID);
      if (plant.quotaThreshold !== 0n || plant.funders > QUOTA_CHECK_PAGE) {
        throw new Error('model: only a check page that takes every pledge at once is modelled');
      }
      const kept = this.keptList(ppID, plant);
      const items = this.pledgeList(ppID).map(({ order }, index) => ({ weight: kept[index], order: BigInt(order) }));
      if (sum(sharesAt(plant.capacityW, items, plant.cost, threshold)) === plant.capacityW) {
        plant.quotaThreshold = threshold;
      }

      return false;
    });
  }

  // ---------------------------------------------------------------- Trading

  public offerTrade(
    ctx: Ctx,
    from: Address,
    to: Address,
    quotaW: bigint,
    tokens: bigint,
    validFor: bigint,
  ): Outcome<string> {
    return this.run(() => {
      const s = this.state;
      this.requireWitness(ctx, from);
      if (from === to) {
        reject(E.differ);
      }
      if (quotaW < 0n || tokens < 0n || (quotaW === 0n && tokens === 0n)) {
        reject(E.exchange);
      }
      if (tokens > 0n && (validFor <= 0n || validFor > BigInt(MAX_VALID_FOR))) {
        reject(E.validFor);
      }
      const seller = this.movingMember(s.members.get(from), from);
      const buyer = s.members.get(to);
      if (buyer === undefined) {
        return reject(E.receiverNotMember);
      }
      if (seller.utility !== buyer.utility) {
        reject(E.sameUtility);
      }
      if (seller.quotaW - this.reservedOf(from).quotaW < quotaW) {
        reject(E.senderQuota);
      }
      if (tokens === 0n) {
        // A donation of quota, at once (to a frozen member too: only giving is frozen).
        seller.quotaW -= quotaW;
        buyer.quotaW += quotaW;

        return '';
      }
      s.offerCount += 1;
      const offerID = offerIDOf(s.offerCount);
      s.offers.set(offerID, {
        from,
        to,
        quotaW,
        tokens,
        status: 'offered',
        offeredAt: ctx.now,
        expiresAt: ctx.now + Number(validFor),
        fromSerial: seller.serial,
        toSerial: buyer.serial,
      });

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
      if (!offerOpen(ctx.now, offer.expiresAt)) {
        reject(E.offerExpired);
      }
      const seller = this.movingMember(s.members.get(offer.from), offer.from);
      const buyer = s.members.get(offer.to);
      if (buyer === undefined) {
        return reject(E.receiverNotMember);
      }
      if (seller.serial !== offer.fromSerial || buyer.serial !== offer.toSerial) {
        // Made between earlier memberships of these addresses: void (v1.1 §9).
        reject(E.offerClosed);
      }
      if (seller.utility !== buyer.utility) {
        reject(E.sameUtility);
      }
      if (seller.quotaW - this.reservedOf(offer.from).quotaW < offer.quotaW) {
        reject(E.senderNoLongerQuota);
      }
      if (this.isFrozen(offer.to)) {
        reject(E.frozen);
      }
      if (buyer.tokens - this.reservedOf(offer.to).tokens < offer.tokens) {
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

  /** The sender withdraws or the receiver declines an offer not yet accepted (expired or void ones too). */
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

  /**
   * NEP-5 transfer: SEB to a member or the treasury. false (no throw) when the sender
   * lacks the unreserved SEB; 0 or to oneself is true and moves nothing.
   */
  public transfer(ctx: Ctx, from: Address, to: Address, amount: bigint): Outcome<boolean> {
    return this.run(() => {
      const s = this.state;
      this.requireWitness(ctx, from);
      const sender = this.movingMember(s.members.get(from), from);
      const receiver = s.members.get(to);
      if (receiver === undefined && to !== this.settings.treasury) {
        reject(E.receiverNotMember);
      }
      if (amount < 0n) {
        reject(E.notNegative);
      }
      if (sender.tokens - this.reservedOf(from).tokens < amount) {
        return false;
      }
      if (from !== to && amount > 0n) {
        sender.tokens -= amount;
        if (receiver === undefined) {
          s.treasuryTokens += amount;
        } else {
          receiver.tokens += amount;
        }
      }

      return true;
    });
  }

  // ---------------------------------------------------------------- Changes

  public changeProfile(ctx: Ctx, address: Address, profileHash: string, utility: string): Outcome<boolean> {
    return this.run(() => {
      this.requireWitness(ctx, address);
      const member = this.state.members.get(address);
      if (member === undefined) {
        return reject(this.founded() ? E.onlyMembers : E.notFounded);
      }
      this.requireUtility(utility);
      if (utility !== member.utility && (member.quotaW > 0n || this.livePledges(address) > 0 || this.openOffersOf(address) > 0)) {
        reject(E.utilityLocked);
      }
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
      const s = this.state;
      this.actingVoter(ctx, proposer);
      const treasury = this.settings.treasury;
      const source = s.members.get(from);
      const target = s.members.get(to);
      if ((source === undefined && from !== treasury) || (target === undefined && to !== treasury)) {
        reject(E.bothSides);
      }
      if (from === to) {
        reject(E.differ);
      }
      if (quotaW < 0n || tokens < 0n || (quotaW === 0n && tokens === 0n)) {
        reject(E.exchange);
      }
      // What it would move is reserved while it is open (v1.1 §3): only unreserved holdings.
      if (source !== undefined && quotaW > 0n && source.quotaW - this.reservedOf(from).quotaW < quotaW) {
        reject(E.reserveQuota);
      }
      if (target !== undefined && tokens > 0n && target.tokens - this.reservedOf(to).tokens < tokens) {
        reject(E.reserveTokens);
      }
      if (from === treasury && s.treasuryQuotaW - this.reservedOf(treasury).quotaW < quotaW) {
        reject(E.reserveQuota);
      }
      if (to === treasury && s.treasuryTokens - this.reservedOf(treasury).tokens < tokens) {
        reject(E.reserveTokens);
      }

      return this.open(ctx, 'correction', proposer, '', undefined, source?.serial ?? 0, target?.serial ?? 0, {
        ...noProposal(),
        from,
        to,
        quotaW,
        tokens,
      });
    });
  }

  public proposeRemoval(ctx: Ctx, proposer: Address, member: Address): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, proposer);
      const record = this.state.members.get(member);
      if (record === undefined) {
        return reject(E.notMemberSubject);
      }
      if (this.state.members.size === 1) {
        reject(E.lastMember);
      }

      return this.open(ctx, 'removal', proposer, '', member, record.serial, 0, noProposal());
    });
  }

  public proposePlantUtility(ctx: Ctx, proposer: Address, ppID: string, utility: string): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, proposer);
      const status = this.requirePlant(ppID).status;
      if (['failing', 'failed', 'removing', 'removed'].includes(status)) {
        reject(E.plantDead);
      }
      this.requireUtility(utility);

      return this.open(ctx, 'plantUtility', proposer, ppID, undefined, 0, 0, { ...noProposal(), utility });
    });
  }

  public proposePlantRemoval(ctx: Ctx, proposer: Address, ppID: string): Outcome<string> {
    return this.run(() => {
      this.actingVoter(ctx, proposer);
      if (!['funding', 'closing', 'funded'].includes(this.requirePlant(ppID).status)) {
        reject(E.notRemovable);
      }

      return this.open(ctx, 'plantRemoval', proposer, ppID, undefined, 0, 0, noProposal());
    });
  }

  /**
   * Resolves a change referendum and applies it once when approved; an approved change
   * that cannot apply lapses with its reason (v1.1 §2). true iff approved and applied.
   */
  public changeResult(ctx: Ctx, rID: string): Outcome<boolean> {
    return this.run(() => {
      const s = this.state;
      const [approved, referendum] = this.resolve(ctx, rID, 'change');
      const { kind, plant: ppID, member, proposal, fromSerial, toSerial } = referendum;
      let reason = '';
      if (approved && kind === 'correction') {
        const from = proposal.from as Address;
        const to = proposal.to as Address;
        const present = (address: Address, serial: number) =>
          address === this.settings.treasury ? serial === 0 : s.members.get(address)?.serial === serial;
        if (!present(from, fromSerial) || !present(to, toSerial)) {
          reason = LAPSE.sideLeft;
        } else {
          // Reserved while open, so it always applies.
          this.move(from, -proposal.quotaW, proposal.tokens);
          this.move(to, proposal.quotaW, -proposal.tokens);
        }
      } else if (approved && kind === 'removal') {
        const address = member as Address;
        if (s.members.get(address)?.serial !== fromSerial) {
          reason = LAPSE.memberLeft;
        } else if (s.members.size === 1) {
          reason = LAPSE.lastMember;
        } else {
          this.remove(address);
        }
      } else if (approved && kind === 'plantUtility') {
        const plant = s.plants.get(ppID) as PlantRecord;
        if (['failing', 'failed', 'removing', 'removed'].includes(plant.status)) {
          reason = LAPSE.plantDead;
        } else {
          plant.utility = proposal.utility;
        }
      } else if (approved && kind === 'plantRemoval') {
        const plant = s.plants.get(ppID) as PlantRecord;
        if (!['funding', 'closing', 'funded'].includes(plant.status)) {
          reason = LAPSE.notRemovable;
        } else {
          // Its pledges are cancelled in pages (cancelPledges); a closing plant's cut is dropped.
          if (plant.status === 'closing') {
            plant.cutThreshold = 0n;
          }
          plant.status = plant.funders === 0 ? 'removed' : 'removing';
          plant.operatingSince = 0;
          plant.done = 0;
        }
      }
      referendum.status = resolvedStatus(approved, reason);
      referendum.reason = reason;

      return approved && reason === '';
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
      members: s.members.size,
      name: this.name,
      symbol: this.symbol,
      totalSupply: s.capacityW * SEB_PER_WATT,
      totalCapacityW: s.capacityW,
    };
  }

  public totalSupply(): bigint {
    return this.state.capacityW * SEB_PER_WATT;
  }

  public member(address: Address): Omit<MemberRecord, 'serial'> | undefined {
    const member = this.state.members.get(address);
    if (member === undefined) {
      return undefined;
    }
    const { utility, profileHash, quotaW, tokens, joinedAt } = member;

    return { utility, profileHash, quotaW, tokens, joinedAt };
  }

  /** [serial, open removals, reserved quota W, reserved raw SEB, live pledges, open offers]; the treasury [0, 0, reserved…, 0, 0]; [] else. */
  public memberState(address: Address): bigint[] {
    const reserved = this.reservedOf(address);
    if (address === this.settings.treasury) {
      return [0n, 0n, reserved.quotaW, reserved.tokens, 0n, 0n];
    }
    const member = this.state.members.get(address);
    if (member === undefined) {
      return [];
    }

    return [
      BigInt(member.serial),
      BigInt(this.openRemovals(address)),
      reserved.quotaW,
      reserved.tokens,
      BigInt(this.livePledges(address)),
      BigInt(this.openOffersOf(address)),
    ];
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

  public partners(): Settings['partners'] {
    return { ...this.settings.partners };
  }

  public readonly name = 'Sharing Electricity in Brazil';
  public readonly symbol = 'SEB';
  public readonly decimals = 8;

  /** Members with admission serials offset+1 … offset+limit (a removed member's serial is a gap). */
  public listOfMembers(offset: number, limit: number): Outcome<Address[]> {
    return this.run(() => {
      this.requirePage(offset, limit);
      const page: Address[] = [];
      for (let serial = offset + 1; serial <= offset + limit; serial++) {
        const address = this.state.memberAt.get(serial);
        if (address !== undefined) {
          page.push(address);
        }
      }

      return page;
    });
  }

  public listOfPowerPlants(offset: number, limit: number): Outcome<string[]> {
    return this.run(() => {
      this.requirePage(offset, limit);
      const page: string[] = [];
      for (let index = offset; index < offset + limit && index < this.state.plantCount; index++) {
        page.push(plantID(index + 1));
      }

      return page;
    });
  }

  public memberCount(): number {
    return this.state.members.size;
  }

  public founded(): boolean {
    return this.state.admissions > 0;
  }

  public plantStatus(ppID: string): string {
    return this.state.plants.get(ppID)?.status ?? '';
  }

  public powerPlant(ppID: string):
    | {
        capacityW: bigint;
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
    | undefined {
    const plant = this.state.plants.get(ppID);
    if (plant === undefined) {
      return undefined;
    }
    const { capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince } = plant;

    return { capacityW, cost, utility, timeToMarket, status, fundingEndsAt, raised, funders, fundedAt, operatingSince };
  }

  /** [openedAt, pledged, cut threshold, watts threshold, pledges done]; [] for an unknown plant. */
  public plantState(ppID: string): bigint[] {
    const plant = this.state.plants.get(ppID);
    if (plant === undefined) {
      return [];
    }
    const done = plant.status === 'funding' ? plant.made : plant.done;

    return [BigInt(plant.openedAt), plant.pledged, plant.cutThreshold, plant.quotaThreshold, BigInt(done)];
  }

  /** What the pledge keeps (all of it unless an oversubscribed plant's cut is adopted). */
  public bidOf(ppID: string, address: Address): bigint {
    const plant = this.state.plants.get(ppID);
    const pledges = this.pledgeList(ppID);
    const index = pledges.findIndex((pledge) => pledge.funder === address);
    if (plant === undefined || index < 0) {
      return 0n;
    }

    return this.keptList(ppID, plant)[index];
  }

  /** The plant's pledges as made, sorted by order (the contract lists them in its index order). */
  public pledges(ppID: string): Outcome<Array<{ member: Address; amount: bigint; order: number }>> {
    return this.run(() => {
      this.requirePlant(ppID);

      return this.pledgeList(ppID).map(({ funder, amount, order }) => ({ member: funder, amount, order }));
    });
  }

  /** The member's pledges among plants P<offset+1> … P<offset+limit>, in plant order (kept amounts). */
  public contributionsOf(address: Address, offset = 0, limit = LIST_PAGE_LIMIT): Outcome<Array<{ ppID: string; amount: bigint }>> {
    return this.run(() => {
      this.requirePage(offset, limit);
      const result: Array<{ ppID: string; amount: bigint }> = [];
      for (let index = offset + 1; index <= offset + limit && index <= this.state.plantCount; index++) {
        const ppID = plantID(index);
        if (this.state.pledges.get(ppID)?.has(address) === true) {
          result.push({ ppID, amount: this.bidOf(ppID, address) });
        }
      }

      return result;
    });
  }

  /** As tradeOffer reads it at `now`: 'cancelled' once a side's membership changed, 'expired' past expiresAt. */
  public tradeOffer(
    offerID: string,
    now: number,
  ):
    | { from: Address; to: Address; quotaW: bigint; tokens: bigint; status: string; offeredAt: number; expiresAt: number }
    | undefined {
    const offer = this.state.offers.get(offerID);
    if (offer === undefined) {
      return undefined;
    }
    const { from, to, quotaW, tokens, offeredAt, expiresAt } = offer;

    return { from, to, quotaW, tokens, status: this.offerStatus(offer, now), offeredAt, expiresAt };
  }

  public offerStatus(offer: OfferRecord, now: number): string {
    if (offer.status !== 'offered') {
      return offer.status;
    }
    const s = this.state;
    if (s.members.get(offer.from)?.serial !== offer.fromSerial || s.members.get(offer.to)?.serial !== offer.toSerial) {
      return 'cancelled';
    }

    return offerOpen(now, offer.expiresAt) ? 'offered' : 'expired';
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

  /** Whether the address, in its current membership, has voted. */
  public hasVoted(rID: string, address: Address): boolean {
    const serial = this.state.members.get(address)?.serial;

    return serial !== undefined && (this.state.ballots.get(rID)?.has(serial) ?? false);
  }

  public invitation(candidate: Address): { inviter: Address; expiresAt: number; rID: string } | undefined {
    const invitation = this.state.invitations.get(candidate);

    return invitation === undefined ? undefined : { ...invitation };
  }

  // ---------------------------------------------------------------- Derived state (also for the generators)

  public isMember(address: Address): boolean {
    return this.state.members.has(address);
  }

  /** Open removal referendums naming the address's current membership (frozen while > 0). */
  public openRemovals(address: Address): number {
    const serial = this.state.members.get(address)?.serial;
    let count = 0;
    for (const r of this.state.referendums.values()) {
      if (r.kind === 'removal' && r.status === 'open' && r.member === address && r.fromSerial === serial) {
        count += 1;
      }
    }

    return count;
  }

  public isFrozen(address: Address): boolean {
    return this.openRemovals(address) > 0;
  }

  /** What open corrections reserve on a holder (its current membership; the treasury is serial 0). */
  public reservedOf(address: Address): { quotaW: bigint; tokens: bigint } {
    const serial = address === this.settings.treasury ? 0 : this.state.members.get(address)?.serial;
    let quotaW = 0n;
    let tokens = 0n;
    if (serial === undefined) {
      return { quotaW, tokens };
    }
    for (const r of this.state.referendums.values()) {
      if (r.kind === 'correction' && r.status === 'open') {
        if (r.proposal.from === address && r.fromSerial === serial) {
          quotaW += r.proposal.quotaW;
        }
        if (r.proposal.to === address && r.toSerial === serial) {
          tokens += r.proposal.tokens;
        }
      }
    }

    return { quotaW, tokens };
  }

  /** Pledges of the address's current membership in plants whose pledges are neither issued nor cancelled. */
  public livePledges(address: Address): number {
    const serial = this.state.members.get(address)?.serial;
    let count = 0;
    for (const [ppID, pledges] of this.state.pledges) {
      const status = this.state.plants.get(ppID)?.status;
      if (pledges.get(address)?.serial === serial && status !== 'operating') {
        count += 1;
      }
    }

    return count;
  }

  /** Offers recorded as offered, made by the address's current membership (expired or void ones until cancelled). */
  public openOffersOf(address: Address): number {
    const serial = this.state.members.get(address)?.serial;
    let count = 0;
    for (const offer of this.state.offers.values()) {
      if (offer.status === 'offered' && offer.from === address && offer.fromSerial === serial) {
        count += 1;
      }
    }

    return count;
  }

  /** The member's invitation is still open (unused, not expired, and still its own). */
  public hasOpenInvitation(member: Address, now: number): boolean {
    const candidate = this.state.invited.get(member);
    const open = candidate === undefined ? undefined : this.state.invitations.get(candidate);

    return open !== undefined && open.inviter === member && open.rID === '' && invitationOpen(now, open.expiresAt);
  }

  /** The candidate may request admission now. */
  public invitedNow(candidate: Address, now: number): boolean {
    const invitation = this.state.invitations.get(candidate);

    return (
      invitation !== undefined && invitation.rID === '' && invitationOpen(now, invitation.expiresAt) && this.state.members.has(invitation.inviter)
    );
  }

  /** Whether a member may vote on a referendum now (eligible, open, not voted). */
  public canVote(rID: string, address: Address, now: number): boolean {
    const serial = this.state.members.get(address)?.serial;
    const r = this.state.referendums.get(rID);

    return (
      serial !== undefined &&
      r !== undefined &&
      serial <= r.lastSerial &&
      r.status === 'open' &&
      votingOpen(now, r.endsAt) &&
      !(this.state.ballots.get(rID)?.has(serial) ?? false)
    );
  }

  /** Whether a result call is accepted now (it may still lapse). */
  public decidable(rID: string, now: number): boolean {
    const r = this.state.referendums.get(rID);

    return r !== undefined && r.status === 'open' && outcomeAt(r.yes, r.no, r.electorate, now, r.endsAt) !== undefined;
  }

  /** A funding plant's close is accepted now. */
  public closable(ppID: string, now: number): boolean {
    const plant = this.state.plants.get(ppID);

    return (
      plant !== undefined &&
      plant.status === 'funding' &&
      fundingClosable(now, plant.fundingEndsAt, plant.raised >= plant.cost, plant.openedAt, this.settings.minFundingWindow)
    );
  }

  public missing(ppID: string): bigint {
    const plant = this.state.plants.get(ppID);

    return plant === undefined ? 0n : plant.cost - plant.raised;
  }

  /** The right thresholds of a plant now (cut of an oversubscribed funding/closing plant; watts of a funded one). */
  public thresholds(ppID: string): { cut: bigint; quota: bigint } {
    const plant = this.state.plants.get(ppID);
    const pledges = this.pledgeList(ppID).map(({ amount, order }) => ({ amount, order: BigInt(order) }));
    if (plant === undefined || pledges.length === 0) {
      return { cut: 0n, quota: 0n };
    }
    const pledged = sum(pledges.map((p) => p.amount));

    return {
      cut: cutThresholdOf(plant.cost, pledges),
      quota: pledged >= plant.cost ? quotaThresholdOf(plant.capacityW, plant.cost, pledges) : 0n,
    };
  }

  /**
   * Times at which some operation's validity or a read changes (open referendums' endsAt,
   * invitations' and offers' expiry, funding plants' early-close and end times, funded
   * plants' start time): the test avoids running near them.
   */
  public deadlines(): number[] {
    const s = this.state;
    const times: number[] = [];
    for (const r of s.referendums.values()) {
      if (r.status === 'open') {
        times.push(r.endsAt);
      }
    }
    for (const plant of s.plants.values()) {
      if (plant.status === 'funding') {
        times.push(plant.fundingEndsAt, plant.openedAt + this.settings.minFundingWindow);
      } else if (plant.status === 'funded') {
        times.push(plant.fundedAt + plant.timeToMarket);
      }
    }
    for (const invitation of s.invitations.values()) {
      if (invitation.rID === '') {
        times.push(invitation.expiresAt);
      }
    }
    for (const offer of s.offers.values()) {
      if (offer.status === 'offered') {
        times.push(offer.expiresAt);
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
      this.state = snapshot;
      if (error instanceof Rejection) {
        return { ok: false, error: error.message };
      }
      throw error;
    }
  }

  private requirePage(offset: number, limit: number): void {
    if (offset < 0 || limit <= 0 || limit > LIST_PAGE_LIMIT) {
      reject(E.page);
    }
  }

  private requireWitness(ctx: Ctx, address: Address): void {
    if (!ctx.skipWitness && ctx.signer !== address) {
      reject(E.witness);
    }
  }

  private requireUtility(utility: string): void {
    if (!validUtility(utility)) {
      reject(E.utility);
    }
  }

  /** The referendums contract's acting member: witness, founded, on the roll; returns the admission serial. */
  private actingVoter(ctx: Ctx, address: Address): number {
    this.requireWitness(ctx, address);
    const member = this.state.members.get(address);
    if (member === undefined) {
      return reject(this.founded() ? E.onlyMembers : E.notFounded);
    }

    return member.serial;
  }

  /** A member who moves holdings: founded, a member, not frozen (v1.1 §3). */
  private movingMember(member: MemberRecord | undefined, address: Address): MemberRecord {
    if (member === undefined) {
      return reject(this.founded() ? E.onlyMembers : E.notFounded);
    }
    if (this.isFrozen(address)) {
      reject(E.frozen);
    }

    return member;
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

  /** A funding plant closes after fundingEndsAt, or fully pledged once minFundingWindow has passed (v1.1 §6). */
  private requireClosable(ctx: Ctx, plant: PlantRecord): void {
    if (!fundingClosable(ctx.now, plant.fundingEndsAt, plant.raised >= plant.cost, plant.openedAt, this.settings.minFundingWindow)) {
      reject(E.fundingOpen);
    }
  }

  private requireStartable(ctx: Ctx, ppID: string): PlantRecord {
    const plant = this.requirePlant(ppID);
    if (plant.status !== 'funded' && plant.status !== 'issuing') {
      reject(E.notFunded);
    }
    if (!timeToMarketPassed(ctx.now, plant.fundedAt, plant.timeToMarket)) {
      reject(E.timeToMarketRunning);
    }

    return plant;
  }

  /** The plant's pledges in order of their first pledge. */
  private pledgeList(ppID: string): Array<{ funder: Address } & Pledge> {
    return [...(this.state.pledges.get(ppID) ?? new Map<Address, Pledge>()).entries()]
      .map(([funder, pledge]) => ({ funder, ...pledge }))
      .sort((a, b) => a.order - b.order);
  }

  /** What each pledge (pledgeList order) keeps: its share of the cost once an oversubscribed plant's cut is adopted. */
  private keptList(ppID: string, plant: PlantRecord): bigint[] {
    const pledges = this.pledgeList(ppID);
    if (plant.pledged <= plant.cost || plant.cutThreshold === 0n) {
      return pledges.map(({ amount }) => amount);
    }

    return sharesAt(
      plant.cost,
      pledges.map(({ amount, order }) => ({ weight: amount, order: BigInt(order) })),
      plant.pledged,
      plant.cutThreshold,
    );
  }

  /** Sets a member's pledge for a plant in funding: `amount` added, or the new amount (0 withdraws). */
  private pledge(ctx: Ctx, ppID: string, address: Address, amount: bigint, adding: boolean): void {
    this.requireWitness(ctx, address);
    const plant = this.requirePlant(ppID);
    const pledges = this.state.pledges.get(ppID) as Map<Address, Pledge>;
    const current = pledges.get(address);
    if (!adding && current === undefined) {
      reject(E.noPledge);
    }
    const next = adding ? (current?.amount ?? 0n) + amount : amount;
    if (next > 0n && next < this.settings.minBid) {
      reject(E.belowMinBid);
    }
    // Pledges may add up to more than the cost (v1.1 §6); one pledge not.
    if (next > plant.cost) {
      reject(E.aboveCost);
    }
    const member = this.movingMember(this.state.members.get(address), address);
    if (member.utility !== plant.utility) {
      reject(E.cannotProfit);
    }
    if (plant.status !== 'funding' || !pledgesOpen(ctx.now, plant.fundingEndsAt)) {
      reject(E.fundingClosed);
    }
    if (current !== undefined && current.serial !== member.serial) {
      reject(E.earlierMembership);
    }
    const previous = current?.amount ?? 0n;
    if (next === 0n) {
      pledges.delete(address);
      plant.funders -= 1;
    } else if (current === undefined) {
      plant.made += 1;
      pledges.set(address, { amount: next, order: plant.made, serial: member.serial });
      plant.funders += 1;
    } else {
      current.amount = next;
    }
    plant.raised = plant.raised - previous + next;
  }

  /**
   * The close of a funding or closing plant: failing (failed with no pledges) under the
   * cost, funded at it; oversubscribed, closing until its cut is adopted and released.
   * `threshold` undefined: every page, with the right cut (closeCrowdfunding); else one call.
   */
  private close(ctx: Ctx, ppID: string, plant: PlantRecord, threshold: bigint | undefined): void {
    if (plant.status === 'funding') {
      plant.done = 0;
      if (plant.raised < plant.cost) {
        plant.status = plant.funders === 0 ? 'failed' : 'failing';

        return;
      }
      if (plant.raised === plant.cost) {
        this.fund(ctx, plant);

        return;
      }
      plant.status = 'closing';
      plant.pledged = plant.raised;
      plant.cutThreshold = 0n;
      plant.quotaThreshold = 0n;
      if (threshold !== undefined) {
        this.checkCut(ppID, plant, threshold);

        return;
      }
    }
    if (threshold === undefined) {
      if (plant.cutThreshold === 0n) {
        plant.cutThreshold = this.thresholds(ppID).cut;
      }
      this.fund(ctx, plant);
    } else if (plant.cutThreshold === 0n) {
      this.checkCut(ppID, plant, threshold);
    } else {
      this.fund(ctx, plant);
    }
  }

  /** The cut's threshold is adopted iff the shares it gives add up to the cost. */
  private checkCut(ppID: string, plant: PlantRecord, threshold: bigint): void {
    const items = this.pledgeList(ppID).map(({ amount, order }) => ({ weight: amount, order: BigInt(order) }));
    if (sum(sharesAt(plant.cost, items, plant.pledged, threshold)) === plant.cost) {
      plant.cutThreshold = threshold;
      plant.done = 0;
    }
  }

  private fund(ctx: Ctx, plant: PlantRecord): void {
    plant.status = 'funded';
    plant.raised = plant.cost;
    plant.fundedAt = ctx.end ?? ctx.now;
    plant.done = 0;
  }

  /** Every pledge of a failing or removing plant cancelled: failed or removed. */
  private cancelAll(ppID: string, plant: PlantRecord): void {
    const pledges = this.state.pledges.get(ppID) as Map<Address, Pledge>;
    plant.done += pledges.size;
    pledges.clear();
    plant.status = plant.status === 'failing' ? 'failed' : 'removed';
    plant.raised = 0n;
    plant.funders = 0;
  }

  private ballotsOf(rID: string): Map<number, boolean> {
    let ballots = this.state.ballots.get(rID);
    if (ballots === undefined) {
      ballots = new Map();
      this.state.ballots.set(rID, ballots);
    }

    return ballots;
  }

  private admit(ctx: Ctx, address: Address, profileHash: string, utility: string): void {
    const s = this.state;
    s.admissions += 1;
    s.members.set(address, { utility, profileHash, quotaW: 0n, tokens: 0n, joinedAt: ctx.now, serial: s.admissions });
    s.memberAt.set(s.admissions, address);
  }

  /** The member leaves; their quota and SEB pass to the treasury; their serial leaves a gap in the list. */
  private remove(address: Address): void {
    const s = this.state;
    const record = s.members.get(address) as MemberRecord;
    s.members.delete(address);
    s.memberAt.delete(record.serial);
    s.treasuryQuotaW += record.quotaW;
    s.treasuryTokens += record.tokens;
  }

  private move(address: Address, quotaW: bigint, tokens: bigint): void {
    const s = this.state;
    if (address === this.settings.treasury) {
      s.treasuryQuotaW += quotaW;
      s.treasuryTokens += tokens;
    } else {
      const member = s.members.get(address) as MemberRecord;
      member.quotaW += quotaW;
      member.tokens += tokens;
    }
  }

  private open(
    ctx: Ctx,
    kind: Kind,
    proposer: Address,
    plant: string,
    member: Address | undefined,
    fromSerial: number,
    toSerial: number,
    proposal: Proposal,
  ): string {
    const s = this.state;
    s.referendumCount += 1;
    const rID = referendumID(s.referendumCount);
    s.referendums.set(rID, {
      kind,
      proposer,
      plant,
      member,
      openedAt: ctx.now,
      endsAt: ctx.now + this.settings.referendumPeriod,
      electorate: s.members.size,
      lastSerial: s.admissions,
      fromSerial,
      toSerial,
      yes: 0,
      no: 0,
      status: 'open',
      reason: '',
      proposal,
    });
    s.ballots.set(rID, new Map());

    return rID;
  }

  /** An open referendum of the expected kind whose outcome is decided: [approved iff yes * 2 > electorate, it]. */
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
    // src/domain/majority.ts: decided early, or any tally once past endsAt.
    if (outcomeAt(r.yes, r.no, r.electorate, ctx.now, r.endsAt) === undefined) {
      reject(E.stillOpen);
    }

    return [isApproved(r.yes, r.electorate), r];
  }
}

/**
 * Invariants 1–5 of the spec (v1.1: pledges may exceed the cost while funding) on a
 * model state, plus: reservations never exceed holdings, and the records and the
 * member list agree. Returns the violations found.
 */
export const invariantViolations = (model: Model): string[] => {
  const s = model.state;
  const problems: string[] = [];
  const text = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}` : v));
  // 1 and 2
  let tokens = s.treasuryTokens;
  let quotaW = s.treasuryQuotaW;
  for (const [address, member] of s.members) {
    tokens += member.tokens;
    quotaW += member.quotaW;
    const reserved = model.reservedOf(address);
    if (member.tokens < 0n || member.quotaW < 0n || reserved.quotaW > member.quotaW || reserved.tokens > member.tokens) {
      problems.push(`holdings ${text(member)} reserved ${text(reserved)}`);
    }
  }
  const treasuryReserved = model.reservedOf(model.settings.treasury);
  if (
    s.treasuryTokens < 0n ||
    s.treasuryQuotaW < 0n ||
    treasuryReserved.quotaW > s.treasuryQuotaW ||
    treasuryReserved.tokens > s.treasuryTokens
  ) {
    problems.push(`treasury ${s.treasuryQuotaW} W ${s.treasuryTokens} SEB reserved ${text(treasuryReserved)}`);
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
    const pledged = sum(pledges.map((pledge) => pledge.amount));
    const keptTotal = sum(
      [...(s.pledges.get(ppID) ?? new Map<Address, Pledge>()).keys()].map((funder) => model.bidOf(ppID, funder)),
    );
    if (plant.status === 'funding' || plant.status === 'closing') {
      if (plant.raised !== pledged) {
        problems.push(`3: ${ppID} ${plant.status} raised ${plant.raised} pledged ${pledged}`);
      }
    } else if (plant.status === 'funded' || plant.status === 'operating') {
      if (plant.raised !== plant.cost || keptTotal !== plant.cost) {
        problems.push(`3: ${ppID} ${plant.status} raised ${plant.raised} kept ${keptTotal} cost ${plant.cost}`);
      }
    } else if (plant.status === 'failing' || plant.status === 'removing') {
      if (plant.raised !== keptTotal) {
        problems.push(`3: ${ppID} ${plant.status} raised ${plant.raised} kept ${keptTotal}`);
      }
    } else if (plant.raised !== 0n || pledges.length !== 0) {
      problems.push(`3: ${ppID} ${plant.status} still holds pledges`);
    }
    if (plant.funders !== pledges.length) {
      problems.push(`3: ${ppID} funders ${plant.funders} != ${pledges.length} pledges`);
    }
    if (pledges.some((pledge) => pledge.amount < model.settings.minBid || pledge.amount > plant.cost)) {
      problems.push(`3: ${ppID} has a pledge below the minimum bid or above the cost`);
    }
  }
  // 4
  for (const [rID, r] of s.referendums) {
    const ballots = s.ballots.get(rID) ?? new Map<number, boolean>();
    const yes = [...ballots.values()].filter((answer) => answer).length;
    if (r.yes + r.no > r.electorate) {
      problems.push(`4: ${rID} yes ${r.yes} + no ${r.no} > electorate ${r.electorate}`);
    }
    if (ballots.size !== r.yes + r.no || yes !== r.yes) {
      problems.push(`4: ${rID} tally ${r.yes}/${r.no} does not match ${ballots.size} ballots`);
    }
    if ([...ballots.keys()].some((serial) => serial > r.lastSerial)) {
      problems.push(`4: ${rID} has a ballot of a member admitted after it opened`);
    }
  }
  // 5: only members and the treasury hold quota or SEB (holdings live in member records
  // only; the records and the list by serial name the same members).
  if (s.memberAt.size !== s.members.size) {
    problems.push(`5: ${s.memberAt.size} listed, ${s.members.size} records`);
  }
  for (const [address, member] of s.members) {
    if (s.memberAt.get(member.serial) !== address || member.serial > s.admissions) {
      problems.push(`5: member ${address} (serial ${member.serial}) missing from the list`);
    }
  }

  return problems;
};
