/**
 * MTEMsm — Microgrid Transactive Energy Management smart contract: the group ledger.
 *
 * A shared-generation group (condominium, cooperative, DG consortium) on NEO 2:
 * members are admitted by referendum (one member, one vote), power plants are
 * approved, crowdfunded and put into operation, each kW of capacity issues one
 * SEB (NEP-5) and members trade quota (W of capacity) for SEB.
 * Behaviour: shared/spec/mtemsm.md (v1.1); decisions where it is silent: README.
 *
 * The group runs on four contracts because one does not fit NEO 2's 64 KiB deploy
 * script (README, "Four contracts"), split along the thesis' own classes:
 * - MTEMsm (this one, Member and Token Generator): members' records, SEB, quota, the
 *   treasury, and their reads;
 * - MTEMsmTrades: trade offers of quota for SEB;
 * - MTEMsmPlants (Power Plant): crowdfunding and operation of plants;
 * - MTEMsmReferendums (Referendum): invitations, referendums, votes, results.
 * The others change this ledger only through the `apply*` methods, each callable by
 * one of them alone (recorded by `attach*` when they are deployed).
 *
 * Calls between the contracts: in neo-one 2.x an error thrown in a called contract
 * does not abort its caller (the transaction would end HALT, half applied). So a
 * method another contract calls never throws for a rule of the group: it returns ''
 * when done (or a value), or the reason it refused, having changed nothing
 * (applyCorrection excepted: see there); the caller throws that reason in its own
 * context, which faults the whole transaction, or records it (a lapsed referendum).
 *
 * Holdings under a vote (v1.1 §3): a member facing an open removal is frozen (no SEB
 * out, no quota given or traded, no pledge); the quota and SEB an open correction
 * would move are reserved on their holders, so only the rest can be moved.
 *
 * Units inside the contract (neo-one keeps Fixed<N> values as raw integers):
 * - power and quota: watts;
 * - money: raw cents of R$ (Fixed<2>: R$ 100.00 is 100_00);
 * - SEB: raw 1e-8 SEB (Fixed<8>); 1 W of quota is 100_000 raw SEB;
 * - time: Unix seconds of the block.
 *
 * Invariants kept after every transaction (checked by the tests and the auditor):
 * 1. Σ SEB of members + treasury == totalSupply == totalCapacityW / 1000.
 * 2. Σ quota of members + treasury == totalCapacityW.
 * 5. Only members and the treasury hold quota or SEB.
 * Reserved quota and SEB never exceed what their holder holds.
 * (3, on pledges, is kept by MTEMsmPlants; 4, on ballots, by MTEMsmReferendums.)
 *
 * Energy credits of the group plants (shared/spec/microgrid.md, "Production and energy
 * credits"; src/domain/energy.ts CreditPool is the same rule off chain): they sit with the
 * quota, so that no quota change has to call another contract. MTEMsmEnergy reports each
 * plant reading (applyProduction): creditsPerW grows by floor((E·1e12 + carry) / capacityW)
 * and the remainder is carried, never lost nor invented. A holder's unclaimed credits are
 * (quotaW · creditsPerW − creditDebt) / 1e12 Wh: every quota change dq adds dq · creditsPerW
 * to the holder's debt first (so a quota earns from the next reading on), and a claim
 * (applyClaim, by MTEMsmEnergy, which then holds the Wh) adds the whole Wh claimed. The
 * treasury's debt is in the totals; a removed member's unclaimed credits pass to it with
 * their quota. Kept exactly: Σ (quotaW · creditsPerW − creditDebt) + creditCarry ==
 * (Σ plant production − Σ claimed) · 1e12.
 *
 * Gas and size (README, "Cost" and "Contract size"): every module-level function or
 * event notifier is set up on every call of the contract (about 0.045 GAS each), so
 * there are few; methods are inlined where called, so logic several methods share
 * lives in those few functions. Records are tuples, changed through one function each.
 * The most used methods come first: neo-one dispatches by comparing the method's name
 * with each public member in turn.
 */
import {
  Address,
  Blockchain,
  constant,
  createEventNotifier,
  Fixed,
  Hash256,
  Integer,
  MapStorage,
  SmartContract,
} from '@neo-one/smart-contract';

// [utility, profileHash, quotaW, tokens, joinedAt, serial, removals, reservedQuotaW,
//  reservedTokens, pledges, offers, binding, creditDebt]
// serial: the admission serial (MTEMsmReferendums), unique per membership, the
// member's place in memberAt (admission order), and binding its text '#<serial>' (what
// pledges and offers are bound to);
// removals: open removal referendums against the member (frozen while > 0);
// reserved*: held for open corrections; pledges: pledges in plants not yet operating;
// offers: open trade offers made;
// creditDebt: the energy credits accumulator's debt (below, "Energy credits").
type MemberRecord = [string, Hash256, number, number, number, number, number, number, number, number, number, string, number];
// [plants, capacityW, treasuryQuotaW, treasuryTokens, treasuryReservedQuotaW,
//  treasuryReservedTokens, maxPowerW, founded (1 once the founder is admitted),
//  creditsPerW, creditCarry, treasuryCreditDebt]
type Totals = [number, number, number, number, number, number, number, number, number, number, number];
// What addTotals adds to the first eight fields.
type TotalsDelta = [number, number, number, number, number, number, number, number];

type Members = MapStorage<Address, MemberRecord>;

/** MTEMsmReferendums' count of members (groupSummary only). */
interface Roll {
  readonly memberCount: () => Integer;
}
type TotalsStorage = MapStorage<string, Totals>;

// NEP-5 transfer, exactly as NEP-5 defines it (`from` undefined on mint).
const notifyTransfer = createEventNotifier<Address | undefined, Address | undefined, Fixed<8>>(
  'transfer',
  'from',
  'to',
  'amount',
);
// Quota moves; `from` undefined when a plant issues its capacity.
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

// ---------------------------------------------------------------- Shared routines

/**
 * Adds `delta` to the first eight totals field by field, and to the treasury's credit
 * debt dQuotaW · creditsPerW (see "Energy credits" above) and `dDebt`; returns the new totals.
 */
const addTotals = (totals: TotalsStorage, delta: TotalsDelta, dDebt: number): Totals => {
  const [plants, capacityW, quotaW, tokens, reservedQuotaW, reservedTokens, maxPowerW, founded, creditsPerW, carry, debt] = totals.get(
    'totals',
  ) as Totals;
  const [dPlants, dCapacityW, dQuotaW, dTokens, dReservedQuotaW, dReservedTokens, dMaxPowerW, dFounded] = delta;
  const next: Totals = [
    plants + dPlants,
    capacityW + dCapacityW,
    quotaW + dQuotaW,
    tokens + dTokens,
    reservedQuotaW + dReservedQuotaW,
    reservedTokens + dReservedTokens,
    maxPowerW + dMaxPowerW,
    founded + dFounded,
    creditsPerW,
    carry,
    // The treasury's quota earns from now on (see "Energy credits" above).
    debt + dQuotaW * creditsPerW + dDebt,
  ];
  totals.set('totals', next);

  return next;
};

/**
 * Stores `member` with the changes added; returns the new record. A quota change dq adds
 * dq · creditsPerW to dCreditDebt (see "Energy credits" above): callers pass it.
 */
const changeMember = (
  members: Members,
  address: Address,
  member: MemberRecord,
  dCreditDebt: number,
  dQuotaW: number,
  dTokens: number,
  dRemovals: number,
  dReservedQuotaW: number,
  dReservedTokens: number,
  dPledges: number,
  dOffers: number,
): MemberRecord => {
  const [utility, profileHash, quotaW, tokens, joinedAt, serial, removals, reservedQuotaW, reservedTokens, pledges, offers, binding, debt] =
    member;
  const next: MemberRecord = [
    utility,
    profileHash,
    quotaW + dQuotaW,
    tokens + dTokens,
    joinedAt,
    serial,
    removals + dRemovals,
    reservedQuotaW + dReservedQuotaW,
    reservedTokens + dReservedTokens,
    pledges + dPledges,
    offers + dOffers,
    binding,
    debt + dCreditDebt,
  ];
  members.set(address, next);

  return next;
};

/** Why `member` cannot act ('' if it can): not a member (or not founded), or frozen when `moving`. */
const memberRefusal = (totals: TotalsStorage, member: MemberRecord | undefined, moving: boolean): string =>
  member === undefined
    ? (totals.get('totals') as Totals)[7] === 0
      ? 'The group has not been founded yet.'
      : 'Only members may do this.'
    : moving && member[6] > 0
    ? "This member's holdings are frozen while a removal is open."
    : '';

/** Outcomes are applied by the partner contract recorded for them alone. */
const isPartner = (partners: MapStorage<string, Address>, role: string): boolean => {
  const caller = Blockchain.currentCallerContract;
  const expected = partners.get(role);

  return caller !== undefined && expected !== undefined && caller.equals(expected);
};

/**
 * Moves quota from→to and SEB to→from (a record undefined: the treasury, this
 * contract's address), with the events. Checks none: callers do.
 */
const exchange = (
  members: Members,
  totals: TotalsStorage,
  treasury: Address,
  from: Address,
  source: MemberRecord | undefined,
  to: Address,
  target: MemberRecord | undefined,
  quotaW: number,
  tokens: number,
): void => {
  const creditsPerW = quotaW > 0 ? (totals.get('totals') as Totals)[8] : 0;
  if (source === undefined) {
    addTotals(totals, [0, 0, -quotaW, tokens, 0, 0, 0, 0], 0);
  } else {
    changeMember(members, from, source, -quotaW * creditsPerW, -quotaW, tokens, 0, 0, 0, 0, 0);
  }
  if (target === undefined) {
    addTotals(totals, [0, 0, quotaW, -tokens, 0, 0, 0, 0], 0);
  } else {
    changeMember(members, to, target, quotaW * creditsPerW, quotaW, -tokens, 0, 0, 0, 0, 0);
  }
  if (quotaW > 0) {
    notifyQuotaTransfer(source === undefined ? treasury : from, target === undefined ? treasury : to, quotaW);
  }
  if (tokens > 0) {
    notifyTransfer(target === undefined ? treasury : to, source === undefined ? treasury : from, tokens);
  }
};

export class MTEMsm extends SmartContract {
  public readonly properties = {
    codeVersion: '1.1',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm group ledger: members, SEB token, quota, treasury',
  };
  // The founder is part of the script (a different founder makes a different contract,
  // so nobody can deploy this one first): src/chain/compile.ts writes the founder's
  // address here when it compiles a group for another founder.
  public readonly founder = Address.from('AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG');
  public readonly name = 'Sharing Electricity in Brazil';
  public readonly symbol = 'SEB';
  public readonly decimals = 8;

  private readonly members = MapStorage.for<Address, MemberRecord>();
  private readonly memberAt = MapStorage.for<number, Address>();
  // Mutable state lives in MapStorage, not in class properties: neo-one 2.x faults a
  // transaction that reads a class property written earlier in the same block by
  // another transaction (README, "neo-one limits").
  private readonly totals = MapStorage.for<string, Totals>();
  // The partner contracts under 'trades', 'plants' and 'referendums', each recorded once when deployed.
  private readonly partnerAt = MapStorage.for<string, Address>();

  public constructor() {
    super();
    if (!Address.isSender(this.founder)) {
      throw new Error("The founder's witness is needed to deploy the group.");
    }
    this.totals.set('totals', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  }

  // ---------------------------------------------------------------- NEP-5 and the member's own data

  /**
   * NEP-5 transfer: SEB from a member to a member or to the treasury. false (no
   * throw) when the sender lacks the SEB it may move; 0 or to oneself is true.
   */
  public transfer(from: Address, to: Address, amount: Fixed<8>): boolean {
    if (!Address.isCaller(from)) {
      throw new Error('Missing witness: the acting address must sign this call.');
    }
    const sender = this.members.get(from);
    const refusal = memberRefusal(this.totals, sender, true);
    if (refusal !== '') {
      throw new Error(refusal);
    }
    const receiver = this.members.get(to);
    if (receiver === undefined && !to.equals(this.address)) {
      throw new Error('The receiver is not a member.');
    }
    if (amount < 0) {
      throw new Error('The amount must not be negative.');
    }
    const value: number = amount;
    const [, , , tokens, , , , , reservedTokens] = sender as MemberRecord;
    if (tokens - reservedTokens < value) {
      return false;
    }
    if (!from.equals(to) && value > 0) {
      exchange(this.members, this.totals, this.address, from, sender, to, receiver, 0, -value);
    }
    notifyTransfer(from, to, amount);

    return true;
  }

  /**
   * The member's own profile hash and utility, at once; the utility only while the
   * member holds no quota, no pledge and no open offer (v1.1 §5: the utility is where
   * the consumer unit is, and the coverage-area rules depend on it).
   */
  public changeProfile(address: Address, profileHash: Hash256, utility: string): boolean {
    if (!Address.isCaller(address)) {
      throw new Error('Missing witness: the acting address must sign this call.');
    }
    const member = this.members.get(address);
    const refusal = memberRefusal(this.totals, member, false);
    if (refusal !== '') {
      throw new Error(refusal);
    }
    // NeoVM measures strings in bytes: 64 bytes of UTF-8 (64 characters for ASCII names).
    const bytes = Buffer.from(utility, 'utf8').length;
    if (bytes === 0 || bytes > 64) {
      throw new Error('The utility must have 1 to 64 characters.');
    }
    const [current, , quotaW, tokens, joinedAt, serial, removals, reservedQuotaW, reservedTokens, pledges, offers, binding, debt] =
      member as MemberRecord;
    if (utility !== current && (quotaW > 0 || pledges > 0 || offers > 0)) {
      throw new Error('The utility can change only while the member holds no quota, no pledge and no open offer.');
    }
    this.members.set(address, [
      utility,
      profileHash,
      quotaW,
      tokens,
      joinedAt,
      serial,
      removals,
      reservedQuotaW,
      reservedTokens,
      pledges,
      offers,
      binding,
      debt,
    ]);
    notifyMembership(address, 'profile', profileHash, utility);

    return true;
  }

  // Invariant 1: totalSupply is derived from capacity, so the two cannot drift.
  @constant
  public get totalSupply(): Fixed<8> {
    return (this.totals.get('totals') as Totals)[1] * 100_000;
  }

  @constant
  public balanceOf(address: Address): Fixed<8> {
    if (address.equals(this.address)) {
      return (this.totals.get('totals') as Totals)[3];
    }
    const member = this.members.get(address);

    return member === undefined ? 0 : member[3];
  }

  // ---------------------------------------------------------------- Partners' calls (one partner each)

  /**
   * A trade between two members of the same utility (MTEMsmTrades): with `binding` ''
   * a new offer (from's open offers + 1; returns the offer's binding, the two members'
   * bindings joined by ':', '#<serial>:#<serial>') or, with tokens 0, a donation done at once (returns ''); with
   * a binding, the acceptance of that offer, done at once if both sides are still those
   * memberships (returns ''). Anything else: why not, unchanged.
   */
  public applyTrade(from: Address, to: Address, quotaW: Integer, tokens: Fixed<8>, binding: string): string {
    if (!isPartner(this.partnerAt, 'trades')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const seller = this.members.get(from);
    const buyer = this.members.get(to);
    const refusal = memberRefusal(this.totals, seller, true);
    if (refusal !== '' || buyer === undefined) {
      return refusal === '' ? 'The receiver is not a member.' : refusal;
    }
    const [utility, , quotaW0, , , , , reservedQuotaW, , , , fromBinding] = seller as MemberRecord;
    const [buyerUtility, , , buyerTokens, , , buyerRemovals, , reservedTokens, , , toBinding] = buyer;
    const current = `${fromBinding}:${toBinding}`;
    if (binding !== '' && binding !== current) {
      return 'The trade offer is no longer open.';
    }
    if (utility !== buyerUtility) {
      return 'Both members must belong to the same power utility coverage area.';
    }
    const watts: number = quotaW;
    const value: number = tokens;
    if (quotaW0 - reservedQuotaW < watts) {
      return binding === '' ? 'The sender does not hold that quota.' : 'The sender no longer holds that quota.';
    }
    if (binding === '' && value > 0) {
      changeMember(this.members, from, seller as MemberRecord, 0, 0, 0, 0, 0, 0, 0, 1);

      return current;
    }
    if (binding !== '' && buyerRemovals > 0) {
      return "This member's holdings are frozen while a removal is open.";
    }
    if (buyerTokens - reservedTokens < value) {
      return 'Insufficient SEB balance.';
    }
    exchange(
      this.members,
      this.totals,
      this.address,
      from,
      binding === '' ? seller : changeMember(this.members, from, seller as MemberRecord, 0, 0, 0, 0, 0, 0, 0, -1),
      to,
      buyer,
      watts,
      value,
    );

    return '';
  }

  /** An offer with `binding` ends unaccepted (MTEMsmTrades): its maker's open offers - 1, if still that membership. */
  public applyOfferEnd(from: Address, binding: string): string {
    if (!isPartner(this.partnerAt, 'trades')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const seller = this.members.get(from);
    const prefix = Buffer.from(`${seller === undefined ? '' : seller[11]}:`, 'utf8');
    if (seller !== undefined && Buffer.from(binding, 'utf8').slice(0, prefix.length).equals(prefix)) {
      changeMember(this.members, from, seller, 0, 0, 0, 0, 0, 0, 0, -1);
    }

    return '';
  }

  /**
   * A pledge for a plant of `utility` may be made or changed (MTEMsmPlants, every bid):
   * a member of that utility, not frozen; `delta` +1 for a first pledge, -1 for a
   * withdrawn one, 0 otherwise. Returns the membership's binding ('#<serial>': the
   * pledge belongs to it), or why not.
   */
  public applyPledge(address: Address, utility: string, delta: Integer): string {
    if (!isPartner(this.partnerAt, 'plants')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const member = this.members.get(address);
    const refusal = memberRefusal(this.totals, member, true);
    if (refusal !== '') {
      return refusal;
    }
    if ((member as MemberRecord)[0] !== utility) {
      return 'This member cannot profit from this power utility.';
    }
    const change: number = delta;
    if (change !== 0) {
      changeMember(this.members, address, member as MemberRecord, 0, 0, 0, 0, 0, 0, change, 0);
    }

    return (member as MemberRecord)[11];
  }

  /**
   * A page of a plant's funders (MTEMsmPlants): their pledges end (issued as quota, or
   * cancelled), and each is issued `quotas[i]` watts of new capacity with its SEB (0
   * when cancelled), to the treasury for a funder whose membership `bindings[i]` has
   * left the group (as its holdings did). Capacity and supply grow by the same watts
   * (invariants 1, 2).
   */
  public applyIssue(funders: Address[], bindings: string[], quotas: Integer[]): string {
    if (!isPartner(this.partnerAt, 'plants')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    if (funders.length !== quotas.length || funders.length !== bindings.length) {
      return 'Each funder needs one quota.';
    }
    let capacityW = 0;
    let treasuryQuotaW = 0;
    const creditsPerW = (this.totals.get('totals') as Totals)[8];
    for (let index = 0; index < funders.length; index++) {
      const funder = funders[index];
      const watts: number = quotas[index];
      const stored = this.members.get(funder);
      const member = stored !== undefined && stored[11] === bindings[index] ? stored : undefined;
      if (member === undefined) {
        treasuryQuotaW += watts;
      } else {
        // Written here rather than by changeMember: this loop is the issuance pages' cost.
        const [utility, profileHash, quotaW, tokens, joinedAt, serial, removals, reservedQuotaW, reservedTokens, pledges, offers, binding, debt] =
          member;
        this.members.set(funder, [
          utility,
          profileHash,
          quotaW + watts,
          tokens + watts * 100_000,
          joinedAt,
          serial,
          removals,
          reservedQuotaW,
          reservedTokens,
          pledges - 1,
          offers,
          binding,
          debt + watts * creditsPerW,
        ]);
      }
      if (watts > 0) {
        capacityW += watts;
        const holder = member === undefined ? this.address : funder;
        notifyQuotaTransfer(undefined, holder, watts);
        notifyTransfer(undefined, holder, watts * 100_000);
      }
    }
    if (capacityW > 0) {
      addTotals(this.totals, [0, capacityW, treasuryQuotaW, treasuryQuotaW * 100_000, 0, 0, 0, 0], 0);
    }

    return '';
  }

  /** The next plant ID (MTEMsmPlants, when a powerUp referendum approves a plant). */
  public applyPlantRegistration(): string {
    return isPartner(this.partnerAt, 'plants') ? `P${addTotals(this.totals, [1, 0, 0, 0, 0, 0, 0, 0], 0)[0]}` : '';
  }

  /**
   * Admits a member with admission serial `serial` (MTEMsmReferendums' roll), quota 0
   * and SEB 0: the founder at founding (serial 1), or an approved candidate.
   */
  public applyAdmission(address: Address, profileHash: Hash256, utility: string, serial: Integer): string {
    if (!isPartner(this.partnerAt, 'referendums')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    if (this.members.has(address)) {
      return 'Already a member.';
    }
    this.members.set(address, [utility, profileHash, 0, 0, Blockchain.currentBlockTime, serial, 0, 0, 0, 0, 0, `#${serial}`, 0]);
    this.memberAt.set(serial, address);
    if (serial === 1) {
      addTotals(this.totals, [0, 0, 0, 0, 0, 0, 0, 1], 0);
    }
    notifyMembership(address, 'admitted', profileHash, utility);

    return '';
  }

  /** A removal of membership `serial` opens (+1) or ends without removing (-1): the member is frozen while any is open. */
  public applyFreeze(address: Address, serial: Integer, delta: Integer): string {
    if (!isPartner(this.partnerAt, 'referendums')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const member = this.members.get(address);
    const change: number = delta;
    if (member !== undefined && member[5] === serial) {
      changeMember(this.members, address, member, 0, 0, 0, change, 0, 0, 0, 0);
    }

    return '';
  }

  /**
   * A correction opens: reserves `quotaW` on
   * `from` and `tokens` on `to` (either may be the treasury, serial 0), refused when
   * they do not hold that much unreserved.
   */
  public applyReserve(from: Address, fromSerial: Integer, to: Address, toSerial: Integer, quotaW: Integer, tokens: Fixed<8>): string {
    if (!isPartner(this.partnerAt, 'referendums')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const source = this.membership(from, fromSerial);
    const target = this.membership(to, toSerial);
    const fromTreasury = from.equals(this.address);
    const toTreasury = to.equals(this.address);
    if ((!fromTreasury && source === undefined) || (!toTreasury && target === undefined)) {
      return 'Both sides must be members or the treasury.';
    }
    const watts: number = quotaW;
    const value: number = tokens;
    // Only what moves is reserved: a side with nothing to give is not written.
    if (source !== undefined && watts > 0) {
      if (source[2] - source[7] < watts) {
        return 'The sender does not hold that quota.';
      }
      changeMember(this.members, from, source, 0, 0, 0, 0, watts, 0, 0, 0);
    }
    if (target !== undefined && value > 0) {
      if (target[3] - target[8] < value) {
        return 'The receiver does not hold that SEB.';
      }
      changeMember(this.members, to, target, 0, 0, 0, 0, 0, value, 0, 0);
    }
    if (fromTreasury || toTreasury) {
      const [plants, capacityW, quotaW0, tokens0, reservedQuotaW, reservedTokens, maxPowerW, founded, creditsPerW, carry, debt] = this.totals.get(
        'totals',
      ) as Totals;
      if (fromTreasury && quotaW0 - reservedQuotaW < watts) {
        return 'The sender does not hold that quota.';
      }
      if (toTreasury && tokens0 - reservedTokens < value) {
        return 'The receiver does not hold that SEB.';
      }
      // Written here rather than by addTotals: a correction with the treasury is near the free 10 GAS.
      this.totals.set('totals', [
        plants,
        capacityW,
        quotaW0,
        tokens0,
        reservedQuotaW + (fromTreasury ? watts : 0),
        reservedTokens + (toTreasury ? value : 0),
        maxPowerW,
        founded,
        creditsPerW,
        carry,
        debt,
      ]);
    }

    return '';
  }

  /**
   * A correction ends: its reservations are released, and when `apply` (approved) the
   * quota moves from→to and the SEB to→from. Returns '' or, when a side is no longer the
   * membership it named (removed, perhaps admitted again), why it lapsed: then only the
   * reservation of the side still there is released (the one change on a refusal).
   */
  public applyCorrection(
    from: Address,
    fromSerial: Integer,
    to: Address,
    toSerial: Integer,
    quotaW: Integer,
    tokens: Fixed<8>,
    apply: boolean,
  ): string {
    if (!isPartner(this.partnerAt, 'referendums')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const source = this.membership(from, fromSerial);
    const target = this.membership(to, toSerial);
    const fromTreasury = from.equals(this.address);
    const toTreasury = to.equals(this.address);
    const present = (fromTreasury || source !== undefined) && (toTreasury || target !== undefined);
    // Moved only when approved and both sides are still there; released in any case.
    const watts: number = apply && present ? quotaW : 0;
    const value: number = apply && present ? tokens : 0;
    const reservedW: number = quotaW;
    const reservedT: number = tokens;
    const creditsPerW = watts > 0 ? (this.totals.get('totals') as Totals)[8] : 0;
    // A record is written only when something on it changes.
    if (source !== undefined && (watts > 0 || value > 0 || reservedW > 0)) {
      changeMember(this.members, from, source, -watts * creditsPerW, -watts, value, 0, -reservedW, 0, 0, 0);
    }
    if (target !== undefined && (watts > 0 || value > 0 || reservedT > 0)) {
      changeMember(this.members, to, target, watts * creditsPerW, watts, -value, 0, 0, -reservedT, 0, 0);
    }
    if (fromTreasury || toTreasury) {
      addTotals(this.totals, [
        0,
        0,
        fromTreasury ? -watts : watts,
        fromTreasury ? value : -value,
        fromTreasury ? -reservedW : 0,
        toTreasury ? -reservedT : 0,
        0,
        0,
      ], 0);
    }
    if (watts > 0) {
      notifyQuotaTransfer(from, to, watts);
    }
    if (value > 0) {
      notifyTransfer(to, from, value);
    }

    return apply && !present ? 'A side of the correction has left the group.' : '';
  }

  /** The member leaves; their quota and SEB pass to the treasury; their place in memberAt stays empty. */
  public applyRemoval(address: Address): string {
    if (!isPartner(this.partnerAt, 'referendums')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const member = this.members.get(address);
    if (member === undefined) {
      return 'That address is no longer a member.';
    }
    const [utility, profileHash, quotaW, tokens, , serial, , , , , , , debt] = member;
    this.memberAt.delete(serial);
    this.members.delete(address);
    if (quotaW > 0 || tokens > 0 || debt !== 0) {
      // The treasury takes the quota with the member's unclaimed credits: its debt grows by the member's.
      const creditsPerW = (this.totals.get('totals') as Totals)[8];
      addTotals(this.totals, [0, 0, quotaW, tokens, 0, 0, 0, 0], debt - quotaW * creditsPerW);
    }
    notifyMembership(address, 'removed', profileHash, utility);
    if (quotaW > 0) {
      notifyQuotaTransfer(address, this.address, quotaW);
    }
    if (tokens > 0) {
      notifyTransfer(address, this.address, tokens);
    }

    return '';
  }

  /**
   * A group plant's reading of `energyWh` (MTEMsmEnergy): credits every holder of quota
   * in proportion to quotaW / capacityW now, through the accumulator (see "Energy credits"
   * above), at a cost that does not depend on how many hold quota. '' or why not.
   */
  public applyProduction(energyWh: Integer): string {
    if (!isPartner(this.partnerAt, 'energy')) {
      return 'Only the MTEMsm partner contract may apply this outcome.';
    }
    const capacityW = (this.totals.get('totals') as Totals)[1];
    if (capacityW === 0) {
      return 'No capacity to credit.';
    }
    if (energyWh > 0) {
      // Written here rather than by addTotals: this is every plant reading's cost.
      const [plants, , quotaW, tokens, reservedQuotaW, reservedTokens, maxPowerW, founded, creditsPerW, carry, debt] = this.totals.get(
        'totals',
      ) as Totals;
      const scaled = energyWh * 1_000_000_000_000 + carry;
      this.totals.set('totals', [
        plants,
        capacityW,
        quotaW,
        tokens,
        reservedQuotaW,
        reservedTokens,
        maxPowerW,
        founded,
        creditsPerW + scaled / capacityW,
        scaled % capacityW,
        debt,
      ]);
    }

    return '';
  }

  /**
   * The whole Wh of group credits `holder` (a member or the treasury) has not claimed
   * yet, now counted as claimed: MTEMsmEnergy holds them from here on (with their source
   * mix). Returns them (0 for anyone else), or -1 to a caller that is not MTEMsmEnergy.
   */
  public applyClaim(holder: Address): Integer {
    if (!isPartner(this.partnerAt, 'energy')) {
      return -1;
    }
    const whole = this.unclaimedCreditsOf(holder);
    if (whole > 0) {
      if (holder.equals(this.address)) {
        addTotals(this.totals, [0, 0, 0, 0, 0, 0, 0, 0], whole * 1_000_000_000_000);
      } else {
        changeMember(this.members, holder, this.members.get(holder) as MemberRecord, whole * 1_000_000_000_000, 0, 0, 0, 0, 0, 0, 0);
      }
    }

    return whole;
  }

  /**
   * Records the calling partner contract under `role` ('trades', 'plants',
   * 'referendums' or 'energy'; 'referendums' with the largest plant it approves, reported in
   * groupSummary), once, in a deployment the founder signs: '' or why not.
   */
  public attach(role: string, maxPowerW: Integer): string {
    const caller = Blockchain.currentCallerContract;
    if (caller === undefined || !Address.isSender(this.founder)) {
      return 'Only the founder may attach a contract.';
    }
    if (this.partnerAt.has(role) || (role !== 'trades' && role !== 'plants' && role !== 'referendums' && role !== 'energy')) {
      return 'That contract is already attached.';
    }
    this.partnerAt.set(role, caller);
    addTotals(this.totals, [0, 0, 0, 0, 0, 0, maxPowerW, 0], 0);
    createEventNotifier<string, Address>('attached', 'role', 'contract')(role, caller);

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
    const [plants, capacityW, , , , , maxPowerW] = this.totals.get('totals') as Totals;
    // Counted by the roll (MTEMsmReferendums): a read, so the links of writes stay one way.
    const referendums = this.partnerAt.get('referendums');
    const members = referendums === undefined ? 0 : SmartContract.for<Roll>(referendums).memberCount();

    return {
      // The smallest plant powerUp accepts (capacityW > 0).
      minPowerW: 1,
      maxPowerW,
      powerPlants: plants,
      members,
      name: 'Sharing Electricity in Brazil',
      symbol: 'SEB',
      totalSupply: capacityW * 100_000,
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

  /**
   * What binds a holder's holdings, as integers (neo-one clients decode arrays, not
   * tuples): [admission serial, open removals (frozen while > 0), reserved quota in W,
   * reserved SEB in raw 1e-8 units, pledges in plants not yet operating, open offers
   * made]; the treasury (this contract's address) is [0, 0, reserved quota, reserved
   * SEB, 0, 0]; [] for anyone else.
   */
  @constant
  public memberState(address: Address): Integer[] {
    if (address.equals(this.address)) {
      const [, , , , reservedQuotaW, reservedTokens] = this.totals.get('totals') as Totals;

      return [0, 0, reservedQuotaW, reservedTokens, 0, 0];
    }
    const member = this.members.get(address);
    if (member === undefined) {
      return [];
    }
    const [, , , , , serial, removals, reservedQuotaW, reservedTokens, pledges, offers] = member;

    return [serial, removals, reservedQuotaW, reservedTokens, pledges, offers];
  }

  /** The group treasury: what removed members left and members gave it; its address is this contract's own. */
  @constant
  public treasury(): { readonly quotaW: Integer; readonly tokens: Fixed<8> } {
    const [, , quotaW, tokens] = this.totals.get('totals') as Totals;

    return { quotaW, tokens };
  }

  /**
   * Members whose admission serial is offset+1 … offset+limit, in admission order: a
   * removed member's place stays empty, so a page may hold fewer than limit (page until
   * groupSummary().members are listed).
   */
  @constant
  public listOfMembers(offset: Integer, limit: Integer): Address[] {
    if (offset < 0 || limit <= 0 || limit > 100) {
      throw new Error('Pages need offset >= 0 and 1 <= limit <= 100.');
    }
    const first: number = offset;
    const size: number = limit;
    const page: Address[] = [];
    for (let serial = first + 1; serial <= first + size; serial++) {
      const member = this.memberAt.get(serial);
      if (member !== undefined) {
        page.push(member);
      }
    }

    return page;
  }

  /** Whole Wh of the group plants' credits `holder` (a member or the treasury) has earned and not yet claimed into MTEMsmEnergy. */
  @constant
  public unclaimedCreditsOf(holder: Address): Integer {
    if (holder.equals(this.address)) {
      const [, , quotaW, , , , , , creditsPerW, , debt] = this.totals.get('totals') as Totals;

      return (quotaW * creditsPerW - debt) / 1_000_000_000_000;
    }
    const member = this.members.get(holder);
    if (member === undefined) {
      return 0;
    }

    return (member[2] * (this.totals.get('totals') as Totals)[8] - member[12]) / 1_000_000_000_000;
  }

  /** The attached partner contracts (v1.1 §11): who may apply outcomes here. */
  @constant
  public partners(): {
    readonly trades: Address | undefined;
    readonly plants: Address | undefined;
    readonly referendums: Address | undefined;
    readonly energy: Address | undefined;
  } {
    return {
      trades: this.partnerAt.get('trades'),
      plants: this.partnerAt.get('plants'),
      referendums: this.partnerAt.get('referendums'),
      energy: this.partnerAt.get('energy'),
    };
  }

  /** The current memberships of two members as MTEMsmTrades binds an offer to them ('' when either is not a member). */
  @constant
  public bindingOf(from: Address, to: Address): string {
    const seller = this.members.get(from);
    const buyer = this.members.get(to);

    return seller === undefined || buyer === undefined ? '' : `${seller[11]}:${buyer[11]}`;
  }

  // ---------------------------------------------------------------- Internals

  /** A member's record if it is still membership `serial`, else undefined. */
  private membership(address: Address, serial: number): MemberRecord | undefined {
    const member = this.members.get(address);

    return member !== undefined && member[5] === serial ? member : undefined;
  }
}
