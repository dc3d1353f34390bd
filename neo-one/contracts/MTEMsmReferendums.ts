/**
 * MTEMsmReferendums — the group's referendums (one member, one vote).
 *
 * Opened by `admission` (of an invited candidate), `powerUp` and every `propose*`
 * call; decided by the members' ballots; resolved once by `admissionResult`,
 * `powerUpResult` and `changeResult`, which apply an approved outcome on the MTEMsm
 * ledger or on MTEMsmPlants (their `apply*` methods accept calls from this contract
 * alone). An approved change that can no longer apply (the member left, the plant
 * operates, …) lapses: resolved as `lapsed`, with its reason (v1.1 §2).
 * Behaviour: shared/spec/mtemsm.md (v1.1); decisions where it is silent: README.
 *
 * Invariant 4, kept here: yes + no <= electorate, and each member votes at most
 * once per referendum. The electorate is the number of members when the
 * referendum opens; only members admitted before it opened (admission serial
 * <= lastSerial) may vote.
 *
 * The electoral roll (member → admission serial) is kept here: admissions and
 * removals happen only through this contract, in the same transaction as on the
 * ledger, so the roll always lists exactly the ledger's members, and votes need
 * no call to another contract. A removal or a correction names the memberships it is
 * about by their serials: it never applies to a later membership of the same address.
 *
 * How contracts call each other, and the rules the code follows for gas and size:
 * see MTEMsm.ts.
 */
import {
  Address,
  Blockchain,
  constant,
  createEventNotifier,
  crypto,
  Fixed,
  Hash256,
  Integer,
  MapStorage,
  SmartContract,
} from '@neo-one/smart-contract';

// [kind, proposer, plant, member, openedAt, endsAt, electorate, lastSerial, fromSerial,
//  toSerial, proposal]
// plant: the plant ID of plant referendums, else ''; member: the address subject, if
// any; fromSerial: the removed member's serial, or a correction's from side's (0: the
// treasury); toSerial: a correction's to side's.
type ReferendumRecord = [
  string,
  Address,
  string,
  Address | undefined,
  number,
  number,
  number,
  number,
  number,
  number,
  ProposalRecord
];
// What is voted on: [profileHash, utility, capacityW, cost, timeToMarket, from, to,
// quotaW, tokens]; fields a kind does not use are zero, '' or undefined.
type ProposalRecord = [
  Hash256 | undefined,
  string,
  number,
  number,
  number,
  Address | undefined,
  Address | undefined,
  number,
  number
];
// [yes, no, status, voted]: status open | approved | rejected | lapsed; voted: who has
// voted, one bit per admission serial, 240 serials a number (NeoVM integers have 32
// bytes): one storage write per ballot instead of two.
type Tally = [number, number, string, number[]];
// [inviter, expiresAt, rID]: rID of the admission it was used for, '' while unused.
type Invitation = [Address, number, string];
// [admissions, members, referendums]: admissions so far (the latest serial), members
// now (the electorate of a referendum opened now), referendums opened so far.
type Counts = [number, number, number];

type Referendums = MapStorage<string, ReferendumRecord>;
type Tallies = MapStorage<string, Tally>;
type Roll = MapStorage<Address, number>;
type CountsStorage = MapStorage<string, Counts>;

// The partners' methods this contract calls, one interface each: a call builds an
// object with every method of its interface (size and gas), so each lists one.
interface LedgerAdmission {
  readonly applyAdmission: (address: Address, profileHash: Hash256, utility: string, serial: Integer) => string;
}
interface LedgerRemoval {
  readonly applyRemoval: (address: Address) => string;
}
interface LedgerFreeze {
  readonly applyFreeze: (address: Address, serial: Integer, delta: Integer) => string;
}
interface LedgerReserve {
  readonly applyReserve: (
    from: Address,
    fromSerial: Integer,
    to: Address,
    toSerial: Integer,
    quotaW: Integer,
    tokens: Fixed<8>,
  ) => string;
}
interface LedgerCorrection {
  readonly applyCorrection: (
    from: Address,
    fromSerial: Integer,
    to: Address,
    toSerial: Integer,
    quotaW: Integer,
    tokens: Fixed<8>,
    apply: boolean,
  ) => string;
}
interface Attach {
  readonly attach: (role: string, maxPowerW: Integer) => string;
}
interface PlantsAttach {
  readonly attach: () => string;
}
interface PlantsStatus {
  readonly plantStatus: (ppID: string) => string;
}
interface PlantsPowerUp {
  readonly applyPowerUp: (rID: string, capacityW: Integer, cost: Fixed<2>, utility: string, timeToMarket: Integer) => string;
}
interface PlantsChange {
  readonly applyPlantUtility: (ppID: string, utility: string) => string;
  readonly applyPlantRemoval: (ppID: string) => string;
}

// requested | rejected here (admitted | removed | profile in MTEMsm), with the candidate's data.
const notifyMembership = createEventNotifier<Address, string, Hash256, string>(
  'membership',
  'address',
  'status',
  'profileHash',
  'utility',
);
// Referendums: opened | approved | rejected | lapsed.
const notifyProcess = createEventNotifier<string, string>('process', 'id', 'status');
const notifyBallot = createEventNotifier<string, Address, boolean>('ballot', 'rID', 'member', 'answer');


// ---------------------------------------------------------------- Shared routines

/** The admission serial of the member acting in this call: witness, founded group, membership. */
const actingMember = (roll: Roll, counts: CountsStorage, address: Address): number => {
  if (!Address.isCaller(address)) {
    throw new Error('Missing witness: the acting address must sign this call.');
  }
  const serial = roll.get(address);
  if (serial === undefined) {
    throw new Error((counts.get('counts') as Counts)[0] === 0 ? 'The group has not been founded yet.' : 'Only members may do this.');
  }

  return serial;
};

/** Opens the next referendum: records who may vote and what is voted on; returns its ID. */
const openReferendum = (
  referendums: Referendums,
  counts: CountsStorage,
  period: number,
  kind: string,
  proposer: Address,
  plant: string,
  member: Address | undefined,
  fromSerial: number,
  toSerial: number,
  proposal: ProposalRecord,
): string => {
  const [admissions, members, opened] = counts.get('counts') as Counts;
  counts.set('counts', [admissions, members, opened + 1]);
  const rID = `R${opened + 1}`;
  const endsAt = Blockchain.currentBlockTime + period;
  referendums.set(rID, [kind, proposer, plant, member, Blockchain.currentBlockTime, endsAt, members, admissions, fromSerial, toSerial, proposal]);
  createEventNotifier<string, string, Address, string, Address | undefined, Integer, Integer>(
    'referendum',
    'rID',
    'kind',
    'proposer',
    'plant',
    'member',
    'electorate',
    'endsAt',
  )(rID, kind, proposer, plant, member, members, endsAt);
  if (kind === 'powerUp' || kind === 'correction' || kind === 'plantUtility') {
    const [, utility, capacityW, cost, timeToMarket, from, to, quotaW, tokens] = proposal;
    createEventNotifier<
      string,
      Integer,
      Fixed<2>,
      string,
      Integer,
      Address | undefined,
      Address | undefined,
      Integer,
      Fixed<8>
    >('proposal', 'rID', 'capacityW', 'cost', 'utility', 'timeToMarket', 'from', 'to', 'quotaW', 'tokens')(
      rID,
      capacityW,
      cost,
      utility,
      timeToMarket,
      from,
      to,
      quotaW,
      tokens,
    );
  }
  notifyProcess(rID, 'opened');

  return rID;
};

/**
 * The outcome of an open referendum of the expected kind ('change' stands for every
 * change kind): approved iff yes * 2 > electorate. Allowed after endsAt, or earlier once
 * the outcome can no longer change. Records nothing: `close` does.
 */
const outcomeOf = (
  referendums: Referendums,
  tallies: Tallies,
  rID: string,
  expected: string,
): [boolean, ReferendumRecord] => {
  // Results may be sent by anyone, but not through a contract (v1.1 §1: a callee's
  // throw would not fault the transaction, and its events would stay).
  if (Blockchain.currentCallerContract !== undefined) {
    throw new Error('Results must be sent directly, not through another contract.');
  }
  const referendum = referendums.get(rID);
  const kind = referendum === undefined ? '' : referendum[0];
  const isChange = kind !== '' && kind !== 'admission' && kind !== 'powerUp';
  if (referendum === undefined || (expected === 'change' ? !isChange : kind !== expected)) {
    throw new Error(
      expected === 'admission'
        ? 'Not an admission referendum.'
        : expected === 'powerUp'
        ? 'Not a powerUp referendum.'
        : 'Not a change referendum.',
    );
  }
  const [, , , , , endsAt, electorate] = referendum;
  const tally = tallies.get(rID);
  const [yes, no, status] = tally === undefined ? [0, 0, 'open', []] : tally;
  if (status !== 'open') {
    throw new Error('The referendum is already resolved.');
  }
  const approved = yes * 2 > electorate;
  if (!approved && no * 2 < electorate && Blockchain.currentBlockTime <= endsAt) {
    throw new Error('The referendum is still open.');
  }

  return [approved, referendum];
};

/** Resolves a referendum exactly once: its final status, and the reason when it lapsed. */
const close = (tallies: Tallies, rID: string, status: string, reason: string): void => {
  const tally = tallies.get(rID);
  const [yes, no, , voted] = tally === undefined ? [0, 0, '', []] : tally;
  tallies.set(rID, [yes, no, status, voted]);
  notifyProcess(rID, status);
  if (reason !== '') {
    createEventNotifier<string, string>('lapse', 'rID', 'reason')(rID, reason);
  }
};

/** Admits a member: the next admission serial on the roll, then the ledger's record. */
const admit = (
  roll: Roll,
  counts: CountsStorage,
  ledger: Address,
  address: Address,
  profileHash: Hash256,
  utility: string,
): void => {
  const [admissions, members, referendumCount] = counts.get('counts') as Counts;
  counts.set('counts', [admissions + 1, members + 1, referendumCount]);
  roll.set(address, admissions + 1);
  const refusal = SmartContract.for<LedgerAdmission>(ledger).applyAdmission(
    address,
    profileHash,
    utility,
    admissions + 1,
  );
  if (refusal !== '') {
    throw new Error(refusal);
  }
};

/** A plant's status on MTEMsmPlants, refused for an unknown plant. */
const plantStatusOf = (plants: Address, ppID: string): string => {
  const status = SmartContract.for<PlantsStatus>(plants).plantStatus(ppID);
  if (status === '') {
    throw new Error('Unknown power plant.');
  }

  return status;
};

export class MTEMsmReferendums extends SmartContract {
  public readonly properties = {
    codeVersion: '1.1',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm referendums: admissions, plant approvals and changes, one member one vote',
  };
  // The group's founder, part of the script as in MTEMsm (src/chain/compile.ts).
  public readonly founder = Address.from('AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG');

  private readonly referendums = MapStorage.for<string, ReferendumRecord>();
  private readonly tallies = MapStorage.for<string, Tally>();
  // The electoral roll: each member's admission serial (1, 2, …).
  private readonly roll = MapStorage.for<Address, number>();
  // Invitations by candidate, and each member's latest invitation by inviter.
  private readonly invitations = MapStorage.for<Address, Invitation>();
  private readonly invited = MapStorage.for<Address, Address>();
  // Counts under 'counts'. Mutable state lives in MapStorage, not in class properties:
  // neo-one 2.x faults a transaction that reads a class property written earlier in
  // the same block by another transaction (README, "neo-one limits").
  private readonly counts = MapStorage.for<string, Counts>();
  // The ledger ('ledger') and MTEMsmPlants ('plants'), given at deployment; the operator
  // ('operator') once a referendum approved one.
  private readonly partnerAt = MapStorage.for<string, Address>();

  public constructor(
    ledger: Address,
    plants: Address,
    public readonly referendumPeriod: Integer = 2_592_000,
    public readonly minTimeToMarket: Integer = 2_592_000,
    // 5 MW: the largest distributed generation plant in Brazil (mini generation).
    public readonly maxPowerW: Integer = 5_000_000,
  ) {
    super();
    if (!Address.isSender(this.founder)) {
      throw new Error("The founder's witness is needed to deploy the group.");
    }
    if (referendumPeriod < 0 || minTimeToMarket < 0 || maxPowerW <= 0) {
      throw new Error('Deployment settings must not be negative, and maxPowerW must be positive.');
    }
    this.partnerAt.set('ledger', ledger);
    this.partnerAt.set('plants', plants);
    this.counts.set('counts', [0, 0, 0]);
    const refusal = SmartContract.for<Attach>(ledger).attach('referendums', maxPowerW);
    const refused = refusal !== '' ? refusal : SmartContract.for<PlantsAttach>(plants).attach();
    if (refused !== '') {
      throw new Error(refused);
    }
    createEventNotifier<Address, Integer, Integer, Integer>(
      'referendumSettings',
      'founder',
      'referendumPeriod',
      'minTimeToMarket',
      'maxPowerW',
    )(this.founder, referendumPeriod, minTimeToMarket, maxPowerW);
  }

  /** One member, one vote, once, while the referendum is open. */
  public vote(rID: string, address: Address, answer: boolean): boolean {
    const serial = actingMember(this.roll, this.counts, address);
    const referendum = this.referendums.get(rID);
    if (referendum === undefined) {
      throw new Error('Unknown referendum.');
    }
    const [, , , , , endsAt, , lastSerial] = referendum;
    const tally = this.tallies.get(rID);
    const [yes, no, status, voted] = tally === undefined ? [0, 0, 'open', []] : tally;
    if (serial > lastSerial) {
      throw new Error('Only members admitted before the referendum opened may vote.');
    }
    if (status !== 'open' || Blockchain.currentBlockTime > endsAt) {
      throw new Error('The referendum is closed.');
    }
    const chunk = (serial - 1) / 240;
    const bit = 1 << (serial - 1) % 240;
    const word = chunk < voted.length ? voted[chunk] : 0;
    // Division, not `&`: neo-one's AND pads numbers of different byte lengths wrongly
    // (1 & 256 gives 256), which let a member vote twice and refused others.
    if ((word / bit) % 2 === 1) {
      throw new Error('This member has already voted.');
    }
    const nowVoted: number[] = [];
    for (let index = 0; index < voted.length || index <= chunk; index++) {
      nowVoted.push(index === chunk ? word + bit : index < voted.length ? voted[index] : 0);
    }
    this.tallies.set(rID, answer ? [yes + 1, no, status, nowVoted] : [yes, no + 1, status, nowVoted]);
    notifyBallot(rID, address, answer);

    return true;
  }

  // ---------------------------------------------------------------- Admissions

  /**
   * A member invites a candidate to request admission (v1.1 §4): at most one open
   * invitation per member, valid for referendumPeriod. An invitation is not a vote.
   */
  public invite(member: Address, candidate: Address): boolean {
    actingMember(this.roll, this.counts, member);
    if (this.roll.has(candidate)) {
      throw new Error('Already a member.');
    }
    const now = Blockchain.currentBlockTime;
    const current = this.invitations.get(candidate);
    if (current !== undefined && current[2] !== '') {
      throw new Error('An admission request is already pending.');
    }
    const previous = this.invited.get(member);
    const open = previous === undefined ? undefined : this.invitations.get(previous);
    if (open !== undefined && open[0].equals(member) && open[2] === '' && now <= open[1]) {
      throw new Error('This member already has an open invitation.');
    }
    const period: number = this.referendumPeriod;
    const expiresAt = now + period;
    this.invitations.set(candidate, [member, expiresAt, '']);
    this.invited.set(member, candidate);
    createEventNotifier<Address, Address, Integer>('invitation', 'inviter', 'candidate', 'expiresAt')(
      member,
      candidate,
      expiresAt,
    );

    return true;
  }

  /**
   * Request to join the group, with an open invitation (used up here); the founder's
   * first call founds it at once and returns ''.
   */
  public admission(address: Address, profileHash: Hash256, utility: string): string {
    if (!Address.isCaller(address)) {
      throw new Error('Missing witness: the acting address must sign this call.');
    }
    this.requireUtility(utility);
    if ((this.counts.get('counts') as Counts)[0] === 0) {
      if (!address.equals(this.founder)) {
        throw new Error('The group has not been founded yet.');
      }
      admit(this.roll, this.counts, this.partnerAt.get('ledger') as Address, address, profileHash, utility);

      return '';
    }
    if (this.roll.has(address)) {
      throw new Error('Already a member.');
    }
    const invitation = this.invitations.get(address);
    if (invitation !== undefined && invitation[2] !== '') {
      throw new Error('An admission request is already pending.');
    }
    if (invitation === undefined || Blockchain.currentBlockTime > invitation[1] || !this.roll.has(invitation[0])) {
      throw new Error('An admission needs an open invitation from a member.');
    }
    const [inviter, expiresAt] = invitation;
    const rID = openReferendum(this.referendums, this.counts, this.referendumPeriod, 'admission', address, '', address, 0, 0, [
      profileHash,
      utility,
      0,
      0,
      0,
      undefined,
      undefined,
      0,
      0,
    ]);
    this.invitations.set(address, [inviter, expiresAt, rID]);
    notifyMembership(address, 'requested', profileHash, utility);

    return rID;
  }

  /** Resolves an admission referendum: admits the candidate (quota 0, SEB 0) or rejects. */
  public admissionResult(rID: string): boolean {
    const [approved, referendum] = outcomeOf(this.referendums, this.tallies, rID, 'admission');
    const [, , , candidate, , , , , , , [profileHash, utility]] = referendum;
    this.invitations.delete(candidate as Address);
    close(this.tallies, rID, approved ? 'approved' : 'rejected', '');
    if (approved) {
      admit(
        this.roll,
        this.counts,
        this.partnerAt.get('ledger') as Address,
        candidate as Address,
        profileHash as Hash256,
        utility,
      );
    } else {
      notifyMembership(candidate as Address, 'rejected', profileHash as Hash256, utility);
    }

    return approved;
  }

  // ---------------------------------------------------------------- Power plants

  /** Proposes a new power plant; opens a referendum. */
  public powerUp(
    address: Address,
    capacityW: Integer,
    cost: Fixed<2>,
    utility: string,
    timeToMarket: Integer,
  ): string {
    actingMember(this.roll, this.counts, address);
    if (capacityW <= 0 || capacityW > this.maxPowerW) {
      throw new Error('The capacity must be above 0 W and at most maxPowerW.');
    }
    // Bounds keep every later sum inside NeoVM's integers (v1.1 §8): R$ 10 billion.
    if (cost <= 0 || cost > 1_000_000_000_000) {
      throw new Error('The cost must be positive and at most R$ 10,000,000,000.00.');
    }
    this.requireUtility(utility);
    // 10 years of 365 days.
    if (timeToMarket < this.minTimeToMarket || timeToMarket > 315_360_000) {
      throw new Error('The time to market must be at least minTimeToMarket and at most 10 years.');
    }

    return openReferendum(this.referendums, this.counts, this.referendumPeriod, 'powerUp', address, '', undefined, 0, 0, [
      undefined,
      utility,
      capacityW,
      cost,
      timeToMarket,
      undefined,
      undefined,
      0,
      0,
    ]);
  }

  /** Resolves a powerUp referendum: registers the plant in funding and returns its ID, or ''. */
  public powerUpResult(rID: string): string {
    const [approved, referendum] = outcomeOf(this.referendums, this.tallies, rID, 'powerUp');
    close(this.tallies, rID, approved ? 'approved' : 'rejected', '');
    if (!approved) {
      return '';
    }
    const [, utility, capacityW, cost, timeToMarket] = referendum[10];
    const ppID = SmartContract.for<PlantsPowerUp>(this.partnerAt.get('plants') as Address).applyPowerUp(
      rID,
      capacityW,
      cost,
      utility,
      timeToMarket,
    );
    if (ppID === '') {
      throw new Error('The plant could not be registered.');
    }

    return ppID;
  }

  // ---------------------------------------------------------------- Changes

  /**
   * Proposes moving quota from→to and SEB to→from; either side may be the treasury
   * (MTEMsm's address). While it is open, both are reserved on their holders (v1.1 §3).
   */
  public proposeCorrection(proposer: Address, from: Address, to: Address, quotaW: Integer, tokens: Fixed<8>): string {
    actingMember(this.roll, this.counts, proposer);
    const ledger = this.partnerAt.get('ledger') as Address;
    const fromSerial = this.roll.get(from);
    const toSerial = this.roll.get(to);
    if ((fromSerial === undefined && !from.equals(ledger)) || (toSerial === undefined && !to.equals(ledger))) {
      throw new Error('Both sides must be members or the treasury.');
    }
    if (from.equals(to)) {
      throw new Error('Sender and receiver must differ.');
    }
    if (quotaW < 0 || tokens < 0 || (quotaW === 0 && tokens === 0)) {
      throw new Error('quotaW and tokens must not be negative, nor both zero.');
    }
    const fromAt = fromSerial === undefined ? 0 : fromSerial;
    const toAt = toSerial === undefined ? 0 : toSerial;
    const refusal = SmartContract.for<LedgerReserve>(ledger).applyReserve(from, fromAt, to, toAt, quotaW, tokens);
    if (refusal !== '') {
      throw new Error(refusal);
    }

    return openReferendum(this.referendums, this.counts, this.referendumPeriod, 'correction', proposer, '', undefined, fromAt, toAt, [
      undefined,
      '',
      0,
      0,
      0,
      from,
      to,
      quotaW,
      tokens,
    ]);
  }

  /**
   * Proposes removing a member (this membership: its admission serial); their quota and
   * SEB would pass to the treasury. Their holdings are frozen while it is open.
   */
  public proposeRemoval(proposer: Address, member: Address): string {
    actingMember(this.roll, this.counts, proposer);
    const serial = this.roll.get(member);
    if (serial === undefined) {
      throw new Error('That address is not a member.');
    }
    if ((this.counts.get('counts') as Counts)[1] === 1) {
      throw new Error('The last member cannot be removed.');
    }
    SmartContract.for<LedgerFreeze>(this.partnerAt.get('ledger') as Address).applyFreeze(member, serial, 1);

    return openReferendum(this.referendums, this.counts, this.referendumPeriod, 'removal', proposer, '', member, serial, 0, [
      undefined,
      '',
      0,
      0,
      0,
      undefined,
      undefined,
      0,
      0,
    ]);
  }

  /** Proposes moving a plant that has not failed nor been removed to another utility's coverage area. */
  public proposePlantUtility(proposer: Address, ppID: string, utility: string): string {
    actingMember(this.roll, this.counts, proposer);
    const status = plantStatusOf(this.partnerAt.get('plants') as Address, ppID);
    if (status === 'failing' || status === 'failed' || status === 'removing' || status === 'removed') {
      throw new Error('The plant has failed or was removed.');
    }
    this.requireUtility(utility);

    return openReferendum(this.referendums, this.counts, this.referendumPeriod, 'plantUtility', proposer, ppID, undefined, 0, 0, [
      undefined,
      utility,
      0,
      0,
      0,
      undefined,
      undefined,
      0,
      0,
    ]);
  }

  /** Proposes removing a plant that does not operate yet (its pledges would be cancelled). */
  public proposePlantRemoval(proposer: Address, ppID: string): string {
    actingMember(this.roll, this.counts, proposer);
    const status = plantStatusOf(this.partnerAt.get('plants') as Address, ppID);
    if (status !== 'funding' && status !== 'closing' && status !== 'funded') {
      throw new Error('A plant can be removed only before it operates.');
    }

    return openReferendum(this.referendums, this.counts, this.referendumPeriod, 'plantRemoval', proposer, ppID, undefined, 0, 0, [
      undefined,
      '',
      0,
      0,
      0,
      undefined,
      undefined,
      0,
      0,
    ]);
  }

  /**
   * Resolves a change referendum and applies it when approved. An approved change that
   * cannot apply (a side or the member left, the plant operates, the last member) lapses
   * with its reason. Returns whether it was approved and applied.
   */
  public changeResult(rID: string): boolean {
    const [approved, referendum] = outcomeOf(this.referendums, this.tallies, rID, 'change');
    const [kind, , plant, member, , , , , fromSerial, toSerial, proposal] = referendum;
    const [, utility, , , , from, to, quotaW, tokens] = proposal;
    const ledger = this.partnerAt.get('ledger') as Address;
    let reason = '';
    if (kind === 'correction') {
      reason = SmartContract.for<LedgerCorrection>(ledger).applyCorrection(
        from as Address,
        fromSerial,
        to as Address,
        toSerial,
        quotaW,
        tokens,
        approved,
      );
    } else if (kind === 'removal') {
      const current = this.roll.get(member as Address);
      const [, members] = this.counts.get('counts') as Counts;
      reason =
        !approved || current !== fromSerial
          ? approved
            ? 'The member has already left the group.'
            : ''
          : members === 1
          ? 'The last member cannot be removed.'
          : '';
      if (approved && reason === '') {
        this.remove(member as Address);
      } else {
        // The freeze ends with the referendum (the ledger ignores a membership that left).
        SmartContract.for<LedgerFreeze>(ledger).applyFreeze(member as Address, fromSerial, -1);
      }
    } else if (kind === 'operator') {
      if (approved) {
        this.partnerAt.set('operator', member as Address);
        createEventNotifier<Address>('operator', 'operator')(member as Address);
      }
    } else if (approved) {
      const partner = SmartContract.for<PlantsChange>(this.partnerAt.get('plants') as Address);
      reason = kind === 'plantUtility' ? partner.applyPlantUtility(plant, utility) : partner.applyPlantRemoval(plant);
    }
    close(this.tallies, rID, !approved ? 'rejected' : reason === '' ? 'approved' : 'lapsed', approved ? reason : '');

    return approved && reason === '';
  }

  /**
   * Proposes a new operator (shared/spec/microgrid.md, Roles): the address that registers
   * the group plants' meters and commits consumption. The energy contracts copy it
   * (syncOperator) once approved. Any address but the current operator.
   */
  public proposeOperator(proposer: Address, operator: Address): string {
    actingMember(this.roll, this.counts, proposer);
    if (operator.equals(this.operator())) {
      throw new Error('That address is the operator already.');
    }

    return openReferendum(this.referendums, this.counts, this.referendumPeriod, 'operator', proposer, '', operator, 0, 0, [
      undefined,
      '',
      0,
      0,
      0,
      undefined,
      undefined,
      0,
      0,
    ]);
  }

  // ---------------------------------------------------------------- Reads

  /** subject: the candidate's or member's address, the plant ID, or '' for a new plant. */
  @constant
  public referendum(
    rID: string,
  ):
    | {
        readonly kind: string;
        readonly proposer: Address;
        readonly subject: string;
        readonly openedAt: Integer;
        readonly endsAt: Integer;
        readonly electorate: Integer;
        readonly yes: Integer;
        readonly no: Integer;
        readonly status: string;
      }
    | undefined {
    const referendum = this.referendums.get(rID);
    if (referendum === undefined) {
      return undefined;
    }
    const [kind, proposer, plant, member, openedAt, endsAt, electorate] = referendum;
    const tally = this.tallies.get(rID);
    const [yes, no, status] = tally === undefined ? [0, 0, 'open', []] : tally;

    return {
      kind,
      proposer,
      subject: member === undefined ? plant : this.addressText(member),
      openedAt,
      endsAt,
      electorate,
      yes,
      no,
      status,
    };
  }

  /** What a referendum votes on: the fields its kind uses (others are 0, '' or absent). */
  @constant
  public proposal(
    rID: string,
  ):
    | {
        readonly profileHash: Hash256 | undefined;
        readonly utility: string;
        readonly capacityW: Integer;
        readonly cost: Fixed<2>;
        readonly timeToMarket: Integer;
        readonly from: Address | undefined;
        readonly to: Address | undefined;
        readonly quotaW: Integer;
        readonly tokens: Fixed<8>;
      }
    | undefined {
    const referendum = this.referendums.get(rID);
    if (referendum === undefined) {
      return undefined;
    }
    const [profileHash, utility, capacityW, cost, timeToMarket, from, to, quotaW, tokens] = referendum[10];

    return { profileHash, utility, capacityW, cost, timeToMarket, from, to, quotaW, tokens };
  }

  /** Whether this address, in its current membership, has voted. */
  @constant
  public hasVoted(rID: string, address: Address): boolean {
    const serial = this.roll.get(address);
    const tally = this.tallies.get(rID);
    if (serial === undefined || tally === undefined) {
      return false;
    }
    const voted = tally[3];
    const chunk = (serial - 1) / 240;

    return chunk < voted.length && (voted[chunk] / (1 << (serial - 1) % 240)) % 2 === 1;
  }

  /** Members now (the electorate of a referendum opened now). */
  @constant
  public memberCount(): Integer {
    return (this.counts.get('counts') as Counts)[1];
  }

  /** The invitation of a candidate: who invited them, until when, and the admission it was used for ('' while unused). */
  @constant
  public invitation(
    candidate: Address,
  ): { readonly inviter: Address; readonly expiresAt: Integer; readonly rID: string } | undefined {
    const invitation = this.invitations.get(candidate);
    if (invitation === undefined) {
      return undefined;
    }
    const [inviter, expiresAt, rID] = invitation;

    return { inviter, expiresAt, rID };
  }

  /** The group's operator: the founder until an operator referendum approves another. */
  @constant
  public operator(): Address {
    const operator = this.partnerAt.get('operator');

    return operator === undefined ? this.founder : operator;
  }

  // ---------------------------------------------------------------- Internals

  private requireUtility(utility: string): void {
    // NeoVM measures strings in bytes: 64 bytes of UTF-8 (64 characters for ASCII names).
    const bytes = Buffer.from(utility, 'utf8').length;
    if (bytes === 0 || bytes > 64) {
      throw new Error('The utility must have 1 to 64 characters.');
    }
  }

  private remove(member: Address): void {
    // The ledger refuses a member who already left; then nothing here changes either.
    const [admissions, members, referendumCount] = this.counts.get('counts') as Counts;
    const refusal = SmartContract.for<LedgerRemoval>(this.partnerAt.get('ledger') as Address).applyRemoval(member);
    if (refusal !== '') {
      throw new Error(refusal);
    }
    this.roll.delete(member);
    this.counts.set('counts', [admissions, members - 1, referendumCount]);
  }

  /**
   * The NEO 2 address (base58check, version 0x17) of a script hash; for reads only.
   * Integer arithmetic and string concatenation instead of Buffer.concat in the loops:
   * the same text for about half the VM work (every referendum about a member reads it).
   */
  private addressText(address: Address): string {
    const payload = Buffer.concat([Buffer.from('17', 'hex'), address]);
    const data = Buffer.concat([payload, crypto.hash256(payload).slice(0, 4)]);
    // NeoVM integers are little-endian and signed: read the bytes behind a 0 sign byte,
    // then take them off the low end into the big-endian value (NeoVM's `/` truncates).
    let littleEndian = Buffer.concat([data, Buffer.from('00', 'hex')]).toInteger();
    let value = 0;
    for (let index = 0; index < data.length; index++) {
      value = value * 256 + (littleEndian % 256);
      littleEndian = littleEndian / 256;
    }
    // The first byte is 0x17, never 0: no leading '1' digits are due.
    const alphabet = Buffer.from('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 'utf8');
    let text = '';
    while (value > 0) {
      text = alphabet.slice(value % 58, (value % 58) + 1).toString('utf8') + text;
      value = value / 58;
    }

    return text;
  }
}
