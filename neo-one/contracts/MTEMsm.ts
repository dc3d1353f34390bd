/**
 * MTEMsm — Microgrid Transactive Energy Management smart contract: the group ledger.
 *
 * A shared-generation group (condominium, cooperative, DG consortium) on NEO 2:
 * members are admitted by referendum (one member, one vote), power plants are
 * approved, crowdfunded and put into operation, each kW of capacity issues one
 * SEB (NEP-5) and members trade quota (W of capacity) for SEB.
 * Behaviour: shared/spec/mtemsm.md (v1); decisions where it is silent: README.
 *
 * The group runs on three contracts because one does not fit NEO 2's 64 KiB deploy
 * script (README, "Three contracts"), split along the thesis' own classes:
 * - MTEMsm (this one, Member and Token Generator): members' records, SEB, quota,
 *   trades, the treasury, and their reads;
 * - MTEMsmPlants (Power Plant): crowdfunding and operation of plants;
 * - MTEMsmReferendums (Referendum): admission requests, referendums, votes, results.
 * The other two change this ledger only through the `apply*` methods, each callable
 * by one of them alone (recorded by `attach*` when they are deployed).
 *
 * Calls between the contracts: in neo-one 2.x an error thrown in a called contract
 * does not abort its caller (the transaction would end HALT, half applied). So a
 * method another contract calls never throws for a rule of the group: it returns ''
 * when done, or the reason it refused, having changed nothing; the caller throws
 * that reason in its own context, which faults the whole transaction.
 *
 * Units inside the contract (neo-one keeps Fixed<N> values as raw integers):
 * - power and quota: watts;
 * - money: raw cents of R$ (Fixed<2>: R$ 100.00 is 100_00);
 * - SEB: raw 1e-8 SEB (Fixed<8>); 1 W of quota is SEB_PER_WATT raw SEB;
 * - time: Unix seconds of the block.
 *
 * Invariants kept after every transaction (checked by the tests and the auditor):
 * 1. Σ SEB of members + treasury == totalSupply == totalCapacityW / 1000.
 * 2. Σ quota of members + treasury == totalCapacityW.
 * 5. Only members and the treasury hold quota or SEB.
 * (3, on pledges, is kept by MTEMsmPlants; 4, on ballots, by MTEMsmReferendums.)
 *
 * Code size: neo-one inlines every method and function at each call site, so the
 * code follows measured rules (README, "Contract size"): logic shared by several
 * operations lives in module-level arrow functions (compiled once, called), records
 * are stored as tuples destructured into named locals, arithmetic is on plain
 * `number`s (`+` on Fixed types compiles to a generic JS add), no object spreads,
 * and error messages are fixed strings.
 */
import {
  Address,
  Blockchain,
  constant,
  createEventNotifier,
  Deploy,
  Fixed,
  Hash256,
  Integer,
  MapStorage,
  SmartContract,
} from '@neo-one/smart-contract';

// 1 W == 1/1000 SEB == 100_000 raw units of Fixed<8>.
const SEB_PER_WATT = 100_000;
const MAX_UTILITY_BYTES = 64;
const MAX_PAGE = 100;
// Keys of the single-entry maps below.
const TOTALS = 'totals';
const FOUNDED = 'founded';
const MAX_POWER_W = 'maxPowerW';
const PLANTS = 'plants';
const REFERENDUMS = 'referendums';

// Stored records (tuples: a tenth of the code of objects in neo-one).
// [utility, profileHash, quotaW, tokens, joinedAt, position]
// position: 1, 2, … in memberAt (paging, O(1) removal). Storage keys are never 0:
// NeoVM encodes 0 two ways (empty or 0x00), so a 0 from a caller would miss a stored 0.
type MemberRecord = [string, Hash256, number, number, number, number];
// [from, to, quotaW, tokens, status, offeredAt]
type OfferRecord = [Address, Address, number, number, string, number];

// [members, plants, offers, capacityW, treasuryQuotaW, treasuryTokens]: members now,
// plants registered and trade offers made so far, the group's capacity, the treasury.
type Totals = [number, number, number, number, number, number];

type Members = MapStorage<Address, MemberRecord>;
type TotalsStorage = MapStorage<string, Totals>;
type Offers = MapStorage<string, OfferRecord>;

// NEP-5 transfer, exactly as NEP-5 defines it (`from` undefined on mint).
const notifyTransfer = createEventNotifier<Address | undefined, Address | undefined, Fixed<8>>(
  'transfer',
  'from',
  'to',
  'amount',
);
// Quota moves; `from` undefined when a plant starts operating.
const notifyQuotaTransfer = createEventNotifier<Address | undefined, Address | undefined, Integer>(
  'quotaTransfer',
  'from',
  'to',
  'quotaW',
);
// admitted | removed | profile here (requested | rejected in MTEMsmReferendums), with the member's data.
const notifyMembership = createEventNotifier<Address, string, Hash256, string>(
  'membership',
  'address',
  'status',
  'profileHash',
  'utility',
);
const notifyTrade = createEventNotifier<string, Address, Address, Integer, Fixed<8>, string>(
  'trade',
  'offerID',
  'from',
  'to',
  'quotaW',
  'tokens',
  'status',
);

// ---------------------------------------------------------------- Shared routines
// Module-level arrow functions are compiled once and called (methods are inlined).

const requireWitness = (address: Address): void => {
  if (!Address.isCaller(address)) {
    throw new Error('Missing witness: the acting address must sign this call.');
  }
};

/** Outcomes are applied by the partner contract recorded for them alone. */
const requireCaller = (expected: Address | undefined): void => {
  const caller = Blockchain.currentCallerContract;
  if (caller === undefined || expected === undefined || !caller.equals(expected)) {
    throw new Error('Only the MTEMsm partner contract may apply this outcome.');
  }
};

const totalsOf = (totals: TotalsStorage): Totals => {
  const current = totals.get(TOTALS);

  return current === undefined ? [0, 0, 0, 0, 0, 0] : current;
};

/** Adds `delta` to the totals field by field; returns the new totals. */
const addTotals = (totals: TotalsStorage, delta: Totals): Totals => {
  const [members, plants, offers, capacityW, treasuryQuotaW, treasuryTokens] = totalsOf(totals);
  const [moreMembers, morePlants, moreOffers, moreCapacityW, moreQuotaW, moreTokens] = delta;
  const next: Totals = [
    members + moreMembers,
    plants + morePlants,
    offers + moreOffers,
    capacityW + moreCapacityW,
    treasuryQuotaW + moreQuotaW,
    treasuryTokens + moreTokens,
  ];
  totals.set(TOTALS, next);

  return next;
};

/** A partner contract is attached once, in a deployment signed by the founder: '' or why not. */
const attachRefusal = (founder: Address, signer: Address, attached: Address | undefined): string =>
  !signer.equals(founder) || !Address.isSender(signer)
    ? 'Only the founder may attach a contract.'
    : attached !== undefined
    ? 'That contract is already attached.'
    : '';

/** The record of the member acting in this call: witness, founded group, membership. */
const actingMember = (members: Members, founded: boolean, address: Address): MemberRecord => {
  requireWitness(address);
  if (!founded) {
    throw new Error('The group has not been founded yet.');
  }
  const member = members.get(address);
  if (member === undefined) {
    throw new Error('Only members may do this.');
  }

  return member;
};

const requireUtility = (utility: string): void => {
  // NeoVM measures strings in bytes: 64 bytes of UTF-8 (64 characters for ASCII names).
  const bytes = Buffer.from(utility, 'utf8').length;
  if (bytes === 0 || bytes > MAX_UTILITY_BYTES) {
    throw new Error('The utility must have 1 to 64 characters.');
  }
};

/** Quota one way and SEB the other: neither negative, not both zero. */
const requireExchange = (quotaW: number, tokens: number): void => {
  if (quotaW < 0 || tokens < 0 || (quotaW === 0 && tokens === 0)) {
    throw new Error('quotaW and tokens must not be negative, nor both zero.');
  }
};

/** Two members of the same utility's coverage area: the parties of a trade. */
const requireTradeParties = (seller: MemberRecord, buyer: MemberRecord | undefined): MemberRecord => {
  if (buyer === undefined) {
    throw new Error('The receiver is not a member.');
  }
  if (seller[0] !== buyer[0]) {
    throw new Error('Both members must belong to the same power utility coverage area.');
  }

  return buyer;
};

const setHoldings = (members: Members, address: Address, member: MemberRecord, quotaW: number, tokens: number): void => {
  const [utility, profileHash, , , joinedAt, position] = member;
  members.set(address, [utility, profileHash, quotaW, tokens, joinedAt, position]);
};

const requireOpenOffer = (offers: Offers, offerID: string): OfferRecord => {
  const offer = offers.get(offerID);
  if (offer === undefined) {
    throw new Error('Unknown trade offer.');
  }
  if (offer[4] !== 'offered') {
    throw new Error('The trade offer is no longer open.');
  }

  return offer;
};

export class MTEMsm extends SmartContract {
  public readonly properties = {
    codeVersion: '1.0',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm group ledger: members, SEB token, quota, trades, treasury',
  };
  public readonly name = 'Sharing Electricity in Brazil';
  public readonly symbol = 'SEB';
  public readonly decimals = 8;

  private readonly members = MapStorage.for<Address, MemberRecord>();
  private readonly memberAt = MapStorage.for<number, Address>();
  private readonly offers = MapStorage.for<string, OfferRecord>();

  // Mutable state lives in MapStorage, not in class properties: neo-one 2.x faults a
  // transaction that reads a class property written earlier in the same block by
  // another transaction (README, "neo-one limits").
  private readonly totals = MapStorage.for<string, Totals>();
  // FOUNDED (1 once the founder is admitted) and MAX_POWER_W (from MTEMsmReferendums).
  private readonly settings = MapStorage.for<string, number>();
  // The partner contracts under PLANTS and REFERENDUMS, each recorded once when deployed.
  private readonly partners = MapStorage.for<string, Address>();

  public constructor(
    public readonly founder: Address = Deploy.senderAddress,
  ) {
    super();
  }

  // ---------------------------------------------------------------- NEP-5

  // Invariant 1: totalSupply is derived from capacity, so the two cannot drift.
  @constant
  public get totalSupply(): Fixed<8> {
    return totalsOf(this.totals)[3] * SEB_PER_WATT;
  }

  @constant
  public balanceOf(address: Address): Fixed<8> {
    if (address.equals(this.address)) {
      return totalsOf(this.totals)[5];
    }
    const member = this.members.get(address);

    return member === undefined ? 0 : member[3];
  }

  /** NEP-5 transfer: donates SEB from one member to another member. */
  public transfer(from: Address, to: Address, amount: Fixed<8>): boolean {
    const sender = actingMember(this.members, this.settings.has(FOUNDED), from);
    const receiver = this.members.get(to);
    if (receiver === undefined) {
      throw new Error('The receiver is not a member.');
    }
    if (from.equals(to)) {
      throw new Error('Sender and receiver must differ.');
    }
    if (amount <= 0) {
      throw new Error('The amount must be positive.');
    }
    if (sender[3] < amount) {
      throw new Error('Insufficient SEB balance.');
    }
    const value: number = amount;
    setHoldings(this.members, from, sender, sender[2], sender[3] - value);
    setHoldings(this.members, to, receiver, receiver[2], receiver[3] + value);
    notifyTransfer(from, to, amount);

    return true;
  }





  // ---------------------------------------------------------------- Trading

  /** Offers quota for SEB and returns the offer ID; with tokens == 0 it is a donation, done at once (returns ''). */
  public offerTrade(from: Address, to: Address, quotaW: Integer, tokens: Fixed<8>): string {
    const seller = actingMember(this.members, this.settings.has(FOUNDED), from);
    const buyer = requireTradeParties(seller, this.members.get(to));
    if (from.equals(to)) {
      throw new Error('Sender and receiver must differ.');
    }
    requireExchange(quotaW, tokens);
    if (seller[2] < quotaW) {
      throw new Error('The sender does not hold that quota.');
    }
    if (tokens === 0) {
      const donated: number = quotaW;
      setHoldings(this.members, from, seller, seller[2] - donated, seller[3]);
      setHoldings(this.members, to, buyer, buyer[2] + donated, buyer[3]);
      notifyQuotaTransfer(from, to, quotaW);
      notifyTrade('', from, to, quotaW, 0, 'donated');

      return '';
    }
    const [, , offers] = addTotals(this.totals, [0, 0, 1, 0, 0, 0]);
    const offerID = `T${offers}`;
    this.offers.set(offerID, [from, to, quotaW, tokens, 'offered', Blockchain.currentBlockTime]);
    notifyTrade(offerID, from, to, quotaW, tokens, 'offered');

    return offerID;
  }

  /** The receiver accepts: quota from→to and SEB to→from, atomically, or nothing at all. */
  public acceptTrade(offerID: string, address: Address): boolean {
    requireWitness(address);
    const [from, to, quotaW, tokens, , offeredAt] = requireOpenOffer(this.offers, offerID);
    if (!address.equals(to)) {
      throw new Error('Only the receiver of the offer may accept it.');
    }
    const seller = this.members.get(from);
    if (seller === undefined) {
      throw new Error('The sender of the offer is no longer a member.');
    }
    const buyer = requireTradeParties(seller, this.members.get(to));
    if (seller[2] < quotaW) {
      throw new Error('The sender no longer holds that quota.');
    }
    if (buyer[3] < tokens) {
      throw new Error('Insufficient SEB balance.');
    }
    setHoldings(this.members, from, seller, seller[2] - quotaW, seller[3] + tokens);
    setHoldings(this.members, to, buyer, buyer[2] + quotaW, buyer[3] - tokens);
    this.offers.set(offerID, [from, to, quotaW, tokens, 'accepted', offeredAt]);
    if (quotaW > 0) {
      notifyQuotaTransfer(from, to, quotaW);
    }
    notifyTransfer(to, from, tokens);
    notifyTrade(offerID, from, to, quotaW, tokens, 'accepted');

    return true;
  }

  /** The sender withdraws or the receiver declines an open offer. */
  public cancelTrade(offerID: string, address: Address): boolean {
    requireWitness(address);
    const [from, to, quotaW, tokens, , offeredAt] = requireOpenOffer(this.offers, offerID);
    if (!address.equals(from) && !address.equals(to)) {
      throw new Error('Only a side of the offer may cancel it.');
    }
    this.offers.set(offerID, [from, to, quotaW, tokens, 'cancelled', offeredAt]);
    notifyTrade(offerID, from, to, quotaW, tokens, 'cancelled');

    return true;
  }

  // ---------------------------------------------------------------- Changes

  /** The member's own profile hash and utility, at once. */
  public changeProfile(address: Address, profileHash: Hash256, utility: string): boolean {
    const [, , quotaW, tokens, joinedAt, position] = actingMember(this.members, this.settings.has(FOUNDED), address);
    requireUtility(utility);
    this.members.set(address, [utility, profileHash, quotaW, tokens, joinedAt, position]);
    notifyMembership(address, 'profile', profileHash, utility);

    return true;
  }

  // ---------------------------------------------------------------- Outcomes of referendums (MTEMsmReferendums only)


  /** Records the MTEMsmPlants contract; called once, by its constructor, in a deployment the founder signs. */
  public attachPlants(founder: Address): string {
    const refusal = attachRefusal(this.founder, founder, this.partners.get(PLANTS));
    if (refusal === '') {
      this.partners.set(PLANTS, Blockchain.currentCallerContract as Address);
    }

    return refusal;
  }

  /**
   * Records the MTEMsmReferendums contract and the largest plant it approves (reported
   * in groupSummary); called once, by its constructor, in a deployment the founder signs.
   */
  public attachReferendums(founder: Address, maxPowerW: number): string {
    const refusal = attachRefusal(this.founder, founder, this.partners.get(REFERENDUMS));
    if (refusal === '') {
      this.partners.set(REFERENDUMS, Blockchain.currentCallerContract as Address);
      this.settings.set(MAX_POWER_W, maxPowerW);
    }

    return refusal;
  }


  /** The next plant ID (MTEMsmPlants, when a powerUp referendum approves a plant). */
  public applyPlantRegistration(): string {
    requireCaller(this.partners.get(PLANTS));
    const [, plants] = addTotals(this.totals, [0, 1, 0, 0, 0, 0]);

    return `P${plants}`;
  }

  /**
   * Issues a plant's capacity as new quota and its SEB to its funders (MTEMsmPlants,
   * when the plant starts operating): quotas[i] watts to funders[i], to the treasury
   * for a funder who is no longer a member. Capacity and supply grow by the same
   * watts (invariants 1, 2). Work grows with that plant's funders only.
   */
  public applyIssue(funders: Address[], quotas: Integer[]): string {
    requireCaller(this.partners.get(PLANTS));
    if (funders.length !== quotas.length) {
      return 'Each funder needs one quota.';
    }
    let capacityW = 0;
    let treasuryQuotaW = 0;
    for (let index = 0; index < funders.length; index++) {
      const funder = funders[index];
      const watts: number = quotas[index];
      if (watts > 0) {
        const tokens = watts * SEB_PER_WATT;
        const member = this.members.get(funder);
        if (member === undefined) {
          treasuryQuotaW += watts;
        } else {
          setHoldings(this.members, funder, member, member[2] + watts, member[3] + tokens);
        }
        capacityW += watts;
        const holder = member === undefined ? this.address : funder;
        notifyQuotaTransfer(undefined, holder, watts);
        notifyTransfer(undefined, holder, tokens);
      }
    }
    addTotals(this.totals, [0, 0, 0, capacityW, treasuryQuotaW, treasuryQuotaW * SEB_PER_WATT]);

    return '';
  }


  /** Admits a member (quota 0, SEB 0): the founder at founding, or an approved candidate. */
  public applyAdmission(address: Address, profileHash: Hash256, utility: string): string {
    requireCaller(this.partners.get(REFERENDUMS));
    if (!this.settings.has(FOUNDED)) {
      this.settings.set(FOUNDED, 1);
    }
    const [position] = addTotals(this.totals, [1, 0, 0, 0, 0, 0]);
    this.members.set(address, [utility, profileHash, 0, 0, Blockchain.currentBlockTime, position]);
    this.memberAt.set(position, address);
    notifyMembership(address, 'admitted', profileHash, utility);

    return '';
  }


  /** The corrective transaction: quota from→to and SEB to→from (either may be the treasury). */
  public applyCorrection(from: Address, to: Address, quotaW: Integer, tokens: Fixed<8>): string {
    requireCaller(this.partners.get(REFERENDUMS));
    const source = this.holdingsOf(from);
    const target = this.holdingsOf(to);
    if (source === undefined || target === undefined) {
      return 'The correction cannot apply: both sides must be members or the treasury.';
    }
    const [fromQuotaW, fromTokens] = source;
    const [toQuotaW, toTokens] = target;
    if (fromQuotaW < quotaW) {
      return 'The correction cannot apply: the sender does not hold that quota.';
    }
    if (toTokens < tokens) {
      return 'The correction cannot apply: the receiver does not hold that SEB.';
    }
    const movedQuotaW: number = quotaW;
    const movedTokens: number = tokens;
    this.setHoldingsOf(from, fromQuotaW - movedQuotaW, fromTokens + movedTokens);
    this.setHoldingsOf(to, toQuotaW + movedQuotaW, toTokens - movedTokens);
    if (quotaW > 0) {
      notifyQuotaTransfer(from, to, quotaW);
    }
    if (tokens > 0) {
      notifyTransfer(to, from, tokens);
    }

    return '';
  }

  /** The member leaves; their quota and SEB pass to the treasury. The last member takes the freed position. */
  public applyRemoval(address: Address): string {
    requireCaller(this.partners.get(REFERENDUMS));
    const member = this.members.get(address);
    if (member === undefined) {
      return 'That address is no longer a member.';
    }
    const [utility, profileHash, quotaW, tokens, , position] = member;
    const [last] = totalsOf(this.totals);
    if (position !== last) {
      const moved = this.memberAt.get(last) as Address;
      const [movedUtility, movedHash, movedQuotaW, movedTokens, movedJoinedAt] = this.members.get(moved) as MemberRecord;
      this.members.set(moved, [movedUtility, movedHash, movedQuotaW, movedTokens, movedJoinedAt, position]);
      this.memberAt.set(position, moved);
    }
    this.memberAt.delete(last);
    this.members.delete(address);
    addTotals(this.totals, [-1, 0, 0, 0, quotaW, tokens]);
    notifyMembership(address, 'removed', profileHash, utility);
    if (quotaW > 0) {
      notifyQuotaTransfer(address, this.address, quotaW);
    }
    if (tokens > 0) {
      notifyTransfer(address, this.address, tokens);
    }

    return '';
  }



  // ---------------------------------------------------------------- Reads

  @constant
  public groupSummary(): {
    readonly minPowerW: Integer;
    readonly maxPowerW: Integer;
    readonly powerPlants: Integer;
    readonly members: Integer;
    readonly name: string;
    readonly symbol: string;
    readonly totalSupply: Fixed<8>;
    readonly totalCapacityW: Integer;
  } {
    const [members, plants, , capacityW] = totalsOf(this.totals);
    const maxPowerW = this.settings.get(MAX_POWER_W);

    return {
      // The smallest plant powerUp accepts (capacityW > 0).
      minPowerW: 1,
      maxPowerW: maxPowerW === undefined ? 0 : maxPowerW,
      powerPlants: plants,
      members,
      name: this.name,
      symbol: this.symbol,
      totalSupply: capacityW * SEB_PER_WATT,
      totalCapacityW: capacityW,
    };
  }

  @constant
  public member(
    address: Address,
  ):
    | {
        readonly utility: string;
        readonly profileHash: Hash256;
        readonly quotaW: Integer;
        readonly tokens: Fixed<8>;
        readonly joinedAt: Integer;
      }
    | undefined {
    const member = this.members.get(address);
    if (member === undefined) {
      return undefined;
    }
    const [utility, profileHash, quotaW, tokens, joinedAt] = member;

    return { utility, profileHash, quotaW, tokens, joinedAt };
  }




  @constant
  public tradeOffer(
    offerID: string,
  ):
    | {
        readonly from: Address;
        readonly to: Address;
        readonly quotaW: Integer;
        readonly tokens: Fixed<8>;
        readonly status: string;
        readonly offeredAt: Integer;
      }
    | undefined {
    const offer = this.offers.get(offerID);
    if (offer === undefined) {
      return undefined;
    }
    const [from, to, quotaW, tokens, status, offeredAt] = offer;

    return { from, to, quotaW, tokens, status, offeredAt };
  }

  /** The group treasury: what removed members left. Its address is this contract's own. */
  @constant
  public treasury(): { readonly quotaW: Integer; readonly tokens: Fixed<8> } {
    const [, , , , quotaW, tokens] = totalsOf(this.totals);

    return { quotaW, tokens };
  }

  /** Members in admission order (a removal moves the last member into the freed place). */
  @constant
  public listOfMembers(offset: Integer, limit: Integer): Address[] {
    if (offset < 0 || limit <= 0 || limit > MAX_PAGE) {
      throw new Error('Pages need offset >= 0 and 1 <= limit <= 100.');
    }
    const first: number = offset;
    const size: number = limit;
    const page: Address[] = [];
    const [members] = totalsOf(this.totals);
    for (let position = first + 1; position <= first + size && position <= members; position++) {
      page.push(this.memberAt.get(position) as Address);
    }

    return page;
  }


  // Scalar reads for the partner contracts (neo-one cannot return tuples across contracts).



  /** Whether the founder has been admitted. */
  @constant
  public founded(): boolean {
    return this.settings.has(FOUNDED);
  }

  /** The member's utility, or '' for a non-member. */
  @constant
  public utilityOf(address: Address): string {
    const member = this.members.get(address);

    return member === undefined ? '' : member[0];
  }

  /** Plants registered so far (their IDs are P1 … P<plantCount>). */
  @constant
  public plantCount(): Integer {
    return totalsOf(this.totals)[1];
  }




  // ---------------------------------------------------------------- Internals




  /** [quotaW, tokens] of a member or of the treasury (this contract's own address). */
  private holdingsOf(address: Address): [number, number] | undefined {
    if (address.equals(this.address)) {
      const [, , , , quotaW, tokens] = totalsOf(this.totals);

      return [quotaW, tokens];
    }
    const member = this.members.get(address);

    return member === undefined ? undefined : [member[2], member[3]];
  }

  private setHoldingsOf(address: Address, quotaW: number, tokens: number): void {
    if (address.equals(this.address)) {
      const [, , , , treasuryQuotaW, treasuryTokens] = totalsOf(this.totals);
      addTotals(this.totals, [0, 0, 0, 0, quotaW - treasuryQuotaW, tokens - treasuryTokens]);
    } else {
      setHoldings(this.members, address, this.members.get(address) as MemberRecord, quotaW, tokens);
    }
  }

}
