/**
 * MTEMsmReferendums — the group's referendums (one member, one vote).
 *
 * Opened by `admission`, `powerUp` and every `propose*` call; decided by the
 * members' ballots; resolved once by `admissionResult`, `powerUpResult` and
 * `changeResult`, which apply an approved outcome on the MTEMsm ledger or on
 * MTEMsmPlants (their `apply*` methods accept calls from this contract alone). The
 * contracts change in the same transaction, so an outcome that cannot apply leaves
 * them all as they were.
 * Behaviour: shared/spec/mtemsm.md (v1); decisions where it is silent: README.
 *
 * Invariant 4, kept here: yes + no <= electorate, and each member votes at most
 * once per referendum. The electorate is the number of members when the
 * referendum opens; only members admitted before it opened (admission serial
 * <= lastSerial) may vote.
 *
 * The electoral roll (member → admission serial) is kept here: admissions and
 * removals happen only through this contract, in the same transaction as on the
 * ledger, so the roll always lists exactly the ledger's members, and votes need
 * no call to another contract (each such call costs about 2.5 GAS).
 *
 * Code size rules and how contracts call each other (a called method returns '' or
 * the reason it refused, never throws; `applied` throws it here): see MTEMsm.ts.
 */
import {
  Address,
  Blockchain,
  constant,
  createEventNotifier,
  crypto,
  Deploy,
  Fixed,
  Hash256,
  Integer,
  LinkedSmartContract,
  MapStorage,
  SmartContract,
} from '@neo-one/smart-contract';
import { MTEMsm } from './MTEMsm';
import { MTEMsmPlants } from './MTEMsmPlants';

const MAX_UTILITY_BYTES = 64;
const COUNTS = 'counts';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

// [kind, proposer, plant, member, openedAt, endsAt, electorate, lastSerial]
// plant: the plant ID of plant referendums, else ''; member: the address subject, if any.
type ReferendumRecord = [string, Address, string, Address | undefined, number, number, number, number];
// [yes, no, status]
type Tally = [number, number, string];
// What a referendum votes on; fields a kind does not use are zero, '' or undefined.
// [profileHash, utility, capacityW, cost, timeToMarket, from, to, quotaW, tokens]
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

type Referendums = MapStorage<string, ReferendumRecord>;
type Tallies = MapStorage<string, Tally>;
type Proposals = MapStorage<string, ProposalRecord>;
type Roll = MapStorage<Address, number>;
// [admissions, members, referendums]: admissions so far (the latest serial), members
// now (the electorate of a referendum opened now), referendums opened so far.
type Counts = [number, number, number];
type CountsStorage = MapStorage<string, Counts>;

// requested | rejected here (admitted | removed | profile in MTEMsm), with the candidate's data.
const notifyMembership = createEventNotifier<Address, string, Hash256, string>(
  'membership',
  'address',
  'status',
  'profileHash',
  'utility',
);
// Referendums: opened | approved | rejected.
const notifyProcess = createEventNotifier<string, string>('process', 'id', 'status');
// What a referendum is about and who may decide it (emitted with process(rID, 'opened')).
const notifyReferendum = createEventNotifier<string, string, Address, string, Address | undefined, Integer, Integer>(
  'referendum',
  'rID',
  'kind',
  'proposer',
  'plant',
  'member',
  'electorate',
  'endsAt',
);
// The proposal's values, for the kinds that carry any beyond the subject (powerUp, correction, plantUtility).
const notifyProposal = createEventNotifier<
  string,
  Integer,
  Fixed<2>,
  string,
  Integer,
  Address | undefined,
  Address | undefined,
  Integer,
  Fixed<8>
>('proposal', 'rID', 'capacityW', 'cost', 'utility', 'timeToMarket', 'from', 'to', 'quotaW', 'tokens');
const notifyBallot = createEventNotifier<string, Address, boolean>('ballot', 'rID', 'member', 'answer');
// The deployment settings, for auditors (emitted once, by the constructor).
const notifySettings = createEventNotifier<Address, Integer, Integer, Integer>(
  'referendumSettings',
  'founder',
  'referendumPeriod',
  'minTimeToMarket',
  'maxPowerW',
);

// ---------------------------------------------------------------- Shared routines
// Module-level arrow functions are compiled once and called (methods are inlined).

const requireWitness = (address: Address): void => {
  if (!Address.isCaller(address)) {
    throw new Error('Missing witness: the acting address must sign this call.');
  }
};

const ledger = (): MTEMsm => LinkedSmartContract.for<MTEMsm>();

/** A call to another contract that returned a refusal: throw it here, where it faults the transaction. */
const applied = (refusal: string): void => {
  if (refusal !== '') {
    throw new Error(refusal);
  }
};
const plants = (): MTEMsmPlants => LinkedSmartContract.for<MTEMsmPlants>();

const countsOf = (counts: CountsStorage): Counts => {
  const current = counts.get(COUNTS);

  return current === undefined ? [0, 0, 0] : current;
};

/** The admission serial of the member acting in this call: witness, founded group, membership. */
const actingMember = (roll: Roll, counts: CountsStorage, address: Address): number => {
  requireWitness(address);
  if (countsOf(counts)[0] === 0) {
    throw new Error('The group has not been founded yet.');
  }
  const serial = roll.get(address);
  if (serial === undefined) {
    throw new Error('Only members may do this.');
  }

  return serial;
};

const requireUtility = (utility: string): void => {
  // NeoVM measures strings in bytes: 64 bytes of UTF-8 (64 characters for ASCII names).
  const bytes = Buffer.from(utility, 'utf8').length;
  if (bytes === 0 || bytes > MAX_UTILITY_BYTES) {
    throw new Error('The utility must have 1 to 64 characters.');
  }
};

/** A plant that can still change: not failed nor removed ('live'), or not yet operating ('removable'). */
const requirePlantFor = (ppID: string, change: string): void => {
  const status = plants().plantStatus(ppID);
  if (status === '') {
    throw new Error('Unknown power plant.');
  }
  if (change === 'live' && (status === 'failed' || status === 'removed')) {
    throw new Error('The plant has failed or was removed.');
  }
  if (change === 'removable' && status !== 'funding' && status !== 'funded') {
    throw new Error('A plant can be removed only before it operates.');
  }
};

const noProposal = (): ProposalRecord => [undefined, '', 0, 0, 0, undefined, undefined, 0, 0];

/** Opens referendum R<count>: records who may vote and what is voted on. */
const openReferendum = (
  referendums: Referendums,
  tallies: Tallies,
  proposals: Proposals,
  count: number,
  kind: string,
  proposer: Address,
  plant: string,
  member: Address | undefined,
  electorate: number,
  lastSerial: number,
  period: number,
  proposal: ProposalRecord,
): string => {
  const rID = `R${count}`;
  const openedAt = Blockchain.currentBlockTime;
  const endsAt = openedAt + period;
  referendums.set(rID, [kind, proposer, plant, member, openedAt, endsAt, electorate, lastSerial]);
  tallies.set(rID, [0, 0, 'open']);
  proposals.set(rID, proposal);
  notifyReferendum(rID, kind, proposer, plant, member, electorate, endsAt);
  if (kind === 'powerUp' || kind === 'correction' || kind === 'plantUtility') {
    const [, utility, capacityW, cost, timeToMarket, from, to, quotaW, tokens] = proposal;
    notifyProposal(rID, capacityW, cost, utility, timeToMarket, from, to, quotaW, tokens);
  }
  notifyProcess(rID, 'opened');

  return rID;
};

/**
 * Resolves an open referendum of the expected kind ('change' stands for every change
 * kind) exactly once: approved iff yes * 2 > electorate. Allowed after endsAt, or
 * earlier once the outcome can no longer change.
 */
const resolveReferendum = (
  referendums: Referendums,
  tallies: Tallies,
  rID: string,
  expected: string,
): [boolean, ReferendumRecord] => {
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
  const [yes, no, status] = tallies.get(rID) as Tally;
  if (status !== 'open') {
    throw new Error('The referendum is already resolved.');
  }
  const approved = yes * 2 > electorate;
  if (!approved && no * 2 < electorate && Blockchain.currentBlockTime <= endsAt) {
    throw new Error('The referendum is still open.');
  }
  const outcome = approved ? 'approved' : 'rejected';
  tallies.set(rID, [yes, no, outcome]);
  notifyProcess(rID, outcome);

  return [approved, referendum];
};

/**
 * The NEO 2 address (base58check, version 0x17) of a script hash; for reads only.
 * Integer arithmetic and string concatenation instead of Buffer.concat in the loops:
 * the same text for about half the VM work (every referendum about a member reads it).
 */
const addressText = (address: Address): string => {
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
  const alphabet = Buffer.from(BASE58, 'utf8');
  let text = '';
  while (value > 0) {
    text = alphabet.slice(value % 58, (value % 58) + 1).toString('utf8') + text;
    value = value / 58;
  }

  return text;
};

export class MTEMsmReferendums extends SmartContract {
  public readonly properties = {
    codeVersion: '1.0',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm referendums: admissions, plant approvals and changes, one member one vote',
  };

  private readonly pendingAdmission = MapStorage.for<Address, string>();
  private readonly referendums = MapStorage.for<string, ReferendumRecord>();
  private readonly tallies = MapStorage.for<string, Tally>();
  private readonly proposals = MapStorage.for<string, ProposalRecord>();
  private readonly ballots = MapStorage.for<[string, Address], boolean>();
  // The electoral roll: each member's admission serial (1, 2, …).
  private readonly roll = MapStorage.for<Address, number>();
  // Counts under COUNTS. Mutable state lives in MapStorage, not in class properties:
  // neo-one 2.x faults a transaction that reads a class property written earlier in
  // the same block by another transaction (README, "neo-one limits").
  private readonly counts = MapStorage.for<string, Counts>();

  public constructor(
    public readonly founder: Address = Deploy.senderAddress,
    public readonly referendumPeriod: Integer = 2_592_000,
    public readonly minTimeToMarket: Integer = 2_592_000,
    // 5 MW: the largest distributed generation plant in Brazil (mini generation).
    public readonly maxPowerW: Integer = 5_000_000,
  ) {
    super();
    if (referendumPeriod < 0 || minTimeToMarket < 0 || maxPowerW <= 0) {
      throw new Error('Deployment settings must not be negative, and maxPowerW must be positive.');
    }
    applied(ledger().attachReferendums(this.founder, this.maxPowerW));
    applied(plants().attach(this.founder));
    notifySettings(founder, referendumPeriod, minTimeToMarket, maxPowerW);
  }

  // ---------------------------------------------------------------- General

  /** Request to join the group; the founder's first call founds it at once and returns ''. */
  public admission(address: Address, profileHash: Hash256, utility: string): string {
    requireWitness(address);
    requireUtility(utility);
    if (countsOf(this.counts)[0] === 0) {
      if (!address.equals(this.founder)) {
        throw new Error('The group has not been founded yet.');
      }
      this.admit(address, profileHash, utility);

      return '';
    }
    if (this.roll.has(address)) {
      throw new Error('Already a member.');
    }
    if (this.pendingAdmission.has(address)) {
      throw new Error('An admission request is already pending.');
    }
    const rID = this.open('admission', address, '', address, [
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
    this.pendingAdmission.set(address, rID);
    notifyMembership(address, 'requested', profileHash, utility);

    return rID;
  }

  /** Resolves an admission referendum: admits the candidate (quota 0, SEB 0) or rejects. */
  public admissionResult(rID: string): boolean {
    const [approved, [, , , candidate]] = resolveReferendum(this.referendums, this.tallies, rID, 'admission');
    const [profileHash, utility] = this.proposals.get(rID) as ProposalRecord;
    this.pendingAdmission.delete(candidate as Address);
    if (approved) {
      this.admit(candidate as Address, profileHash as Hash256, utility);
    } else {
      notifyMembership(candidate as Address, 'rejected', profileHash as Hash256, utility);
    }

    return approved;
  }

  /** One member, one vote, once, while the referendum is open. */
  public vote(rID: string, address: Address, answer: boolean): boolean {
    const serial = actingMember(this.roll, this.counts, address);
    const referendum = this.referendums.get(rID);
    if (referendum === undefined) {
      throw new Error('Unknown referendum.');
    }
    const [, , , , , endsAt, , lastSerial] = referendum;
    const [yes, no, status] = this.tallies.get(rID) as Tally;
    if (serial > lastSerial) {
      throw new Error('Only members admitted before the referendum opened may vote.');
    }
    if (status !== 'open' || Blockchain.currentBlockTime > endsAt) {
      throw new Error('The referendum is closed.');
    }
    if (this.ballots.has([rID, address])) {
      throw new Error('This member has already voted.');
    }
    this.ballots.set([rID, address], answer);
    this.tallies.set(rID, answer ? [yes + 1, no, status] : [yes, no + 1, status]);
    notifyBallot(rID, address, answer);

    return true;
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
    if (cost <= 0) {
      throw new Error('The cost must be positive.');
    }
    requireUtility(utility);
    if (timeToMarket < this.minTimeToMarket) {
      throw new Error('The time to market is shorter than minTimeToMarket.');
    }

    return this.open('powerUp', address, '', undefined, [
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
    const [approved] = resolveReferendum(this.referendums, this.tallies, rID, 'powerUp');
    if (!approved) {
      return '';
    }
    const [, utility, capacityW, cost, timeToMarket] = this.proposals.get(rID) as ProposalRecord;

    return plants().applyPowerUp(rID, capacityW, cost, utility, timeToMarket);
  }

  // ---------------------------------------------------------------- Changes

  /** Proposes moving quota from→to and SEB to→from; either side may be the treasury (MTEMsm's address). */
  public proposeCorrection(proposer: Address, from: Address, to: Address, quotaW: Integer, tokens: Fixed<8>): string {
    actingMember(this.roll, this.counts, proposer);
    if (!this.isHolder(from) || !this.isHolder(to)) {
      throw new Error('Both sides must be members or the treasury.');
    }
    if (from.equals(to)) {
      throw new Error('Sender and receiver must differ.');
    }
    if (quotaW < 0 || tokens < 0 || (quotaW === 0 && tokens === 0)) {
      throw new Error('quotaW and tokens must not be negative, nor both zero.');
    }

    return this.open('correction', proposer, '', undefined, [undefined, '', 0, 0, 0, from, to, quotaW, tokens]);
  }

  /** Proposes removing a member; their quota and SEB would pass to the treasury. */
  public proposeRemoval(proposer: Address, member: Address): string {
    actingMember(this.roll, this.counts, proposer);
    if (!this.roll.has(member)) {
      throw new Error('That address is not a member.');
    }

    return this.open('removal', proposer, '', member, noProposal());
  }

  /** Proposes moving a plant to another utility's coverage area. */
  public proposePlantUtility(proposer: Address, ppID: string, utility: string): string {
    actingMember(this.roll, this.counts, proposer);
    requirePlantFor(ppID, 'live');
    requireUtility(utility);

    return this.open('plantUtility', proposer, ppID, undefined, [
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
    requirePlantFor(ppID, 'removable');

    return this.open('plantRemoval', proposer, ppID, undefined, noProposal());
  }

  /**
   * Resolves a change referendum and applies it once when approved. An approved change
   * that cannot apply now (e.g. the member already left) fails and changes nothing; the
   * referendum stays unresolved until it can apply.
   */
  public changeResult(rID: string): boolean {
    const [approved, [kind, , plant, member]] = resolveReferendum(this.referendums, this.tallies, rID, 'change');
    if (!approved) {
      return false;
    }
    const [, utility, , , , from, to, quotaW, tokens] = this.proposals.get(rID) as ProposalRecord;
    if (kind === 'correction') {
      applied(ledger().applyCorrection(from as Address, to as Address, quotaW, tokens));
    } else if (kind === 'removal') {
      this.remove(member as Address);
    } else if (kind === 'plantUtility') {
      applied(plants().applyPlantUtility(plant, utility));
    } else {
      applied(plants().applyPlantRemoval(plant));
    }

    return true;
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
    const [yes, no, status] = this.tallies.get(rID) as Tally;

    return {
      kind,
      proposer,
      subject: member === undefined ? plant : addressText(member),
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
    const proposal = this.proposals.get(rID);
    if (proposal === undefined) {
      return undefined;
    }
    const [profileHash, utility, capacityW, cost, timeToMarket, from, to, quotaW, tokens] = proposal;

    return { profileHash, utility, capacityW, cost, timeToMarket, from, to, quotaW, tokens };
  }

  @constant
  public hasVoted(rID: string, address: Address): boolean {
    return this.ballots.has([rID, address]);
  }

  // ---------------------------------------------------------------- Internals

  private admit(address: Address, profileHash: Hash256, utility: string): void {
    const [admissions, members, referendumCount] = countsOf(this.counts);
    this.counts.set(COUNTS, [admissions + 1, members + 1, referendumCount]);
    this.roll.set(address, admissions + 1);
    applied(ledger().applyAdmission(address, profileHash, utility));
  }

  private remove(member: Address): void {
    // The ledger refuses a member who already left; then nothing here changes either.
    applied(ledger().applyRemoval(member));
    this.roll.delete(member);
    const [admissions, members, referendumCount] = countsOf(this.counts);
    this.counts.set(COUNTS, [admissions, members - 1, referendumCount]);
  }

  /** A member or the treasury (the ledger's own address): a possible side of a correction. */
  private isHolder(address: Address): boolean {
    return this.roll.has(address) || address.equals(ledger().address);
  }

  private open(
    kind: string,
    proposer: Address,
    plant: string,
    member: Address | undefined,
    proposal: ProposalRecord,
  ): string {
    const [admissions, members, referendumCount] = countsOf(this.counts);
    this.counts.set(COUNTS, [admissions, members, referendumCount + 1]);

    return openReferendum(
      this.referendums,
      this.tallies,
      this.proposals,
      referendumCount + 1,
      kind,
      proposer,
      plant,
      member,
      members,
      admissions,
      this.referendumPeriod,
      proposal,
    );
  }
}
