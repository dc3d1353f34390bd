/**
 * Random operations for the MTEMsm random test (test/random.test.ts): a seeded PRNG and a
 * state-aware generator that mixes valid operations (chosen so the group makes progress:
 * invitations and admissions, votes, results, plants funded — oversubscribed too — and
 * operating, trades, corrections, removals) with invalid ones (non-members, double votes,
 * wrong ID kinds, closed processes, pledges above the cost, negative amounts, trades
 * without funds, frozen members, reserved holdings, expired or void offers, admissions
 * without an invitation, bounds, missing witnesses, bad utilities, ...).
 *
 * Pure TypeScript on the model (test/model.ts): no neo-one, so it can also be run
 * offline against the model alone. The model, not the generator, decides what is valid:
 * the generator's "intent" is only used to steer the mix.
 */
import { quotasOf } from '../src/domain/apportion';
import {
  Address,
  DAY,
  MAX_COST,
  MAX_TIME_TO_MARKET,
  MAX_VALID_FOR,
  Model,
  OpCall,
  OpName,
  OPS,
  QUOTA_CHECK_PAGE,
  SEB_PER_WATT,
  actingAddress,
} from './model';

// ---------------------------------------------------------------- PRNG

/** sfc32, seeded from one 32-bit integer (deterministic across platforms). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  public constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) {
      this.next();
    }
  }

  /** A uniform 32-bit unsigned integer. */
  public next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;

    return t;
  }

  /** Uniform in [0, 1). */
  public float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  public int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform bigint in [lo, hi] (inclusive). */
  public big(lo: bigint, hi: bigint): bigint {
    if (hi <= lo) {
      return lo;
    }
    const span = hi - lo + 1n;
    let value = 0n;
    for (let i = 0; i < 3; i++) {
      value = (value << 32n) | BigInt(this.next());
    }

    return lo + (value % span);
  }

  public chance(p: number): boolean {
    return this.float() < p;
  }

  public pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new Error('pick from an empty list');
    }

    return items[this.int(0, items.length - 1)];
  }

  public hex(bytes: number): string {
    let text = '';
    for (let i = 0; i < bytes; i++) {
      text += this.int(0, 255).toString(16).padStart(2, '0');
    }

    return text;
  }
}

// ---------------------------------------------------------------- Steps

export interface Actor {
  readonly name: string;
  readonly address: Address;
}

export type Step =
  | {
      readonly kind: 'op';
      readonly call: OpCall;
      /** The account that signs the transaction. */
      readonly signer: Address;
      readonly intent: 'valid' | 'invalid';
      /** What the generator aimed at (for the log). */
      readonly note: string;
    }
  | { readonly kind: 'jump'; readonly seconds: number; readonly note: string };

export interface Coverage {
  readonly succeeded: Map<OpName, number>;
  readonly rejected: Map<OpName, number>;
}

export const newCoverage = (): Coverage => ({ succeeded: new Map(), rejected: new Map() });

/**
 * Outcomes worth reaching at least once in a run (beyond each operation succeeding once):
 * the generator leans towards them until the model shows them.
 */
export const EFFECTS = [
  'admission rejected',
  'powerUp rejected',
  'removal applied',
  'correction applied',
  'change lapsed',
  'plant utility applied',
  'plant removed',
  'crowdfunding failed',
  'oversubscribed plant funded',
  'tie decided by pledge order',
  "removed funder's share to the treasury",
  'offer expired',
] as const;
export type Effect = typeof EFFECTS[number];

export const UTILITIES = ['Light', 'Cemig'] as const;
const OTHER_UTILITY = 'Enel';
const MISSION_SHARE = Number(process.env.MS ?? 0.6);
const MISSION_ORDER: readonly Effect[] = [
  'tie decided by pledge order',
  'crowdfunding failed',
  'oversubscribed plant funded',
  "removed funder's share to the treasury",
  'admission rejected',
  'powerUp rejected',
  'removal applied',
  'correction applied',
  'change lapsed',
  'plant utility applied',
  'plant removed',
  'offer expired',
];
/** The effect an approved referendum of each change kind shows. */
const WANTED: Partial<Record<string, Effect>> = {
  removal: 'removal applied',
  correction: 'correction applied',
  plantUtility: 'plant utility applied',
  plantRemoval: 'plant removed',
};
const MAX_JUMP = 40 * DAY;
/** Offer validities (the CLI's default is 7 days). */
const VALID_FOR = [DAY, 2 * DAY, 7 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY];

interface Candidate {
  readonly weight: number;
  readonly make: () => Step | undefined;
}

const resultOp = (kind: string | undefined): 'admissionResult' | 'powerUpResult' | 'changeResult' =>
  kind === 'admission' ? 'admissionResult' : kind === 'powerUp' ? 'powerUpResult' : 'changeResult';

/** The generator: `next()` returns the next step for the model's current state. */
export class Generator {
  private total = 0;
  private now = 0;
  /** Seen when a startOperation was generated for such a plant (the test checks the outcome). */
  private readonly started = new Set<Effect>();

  public constructor(
    private readonly rng: Rng,
    private readonly model: Model,
    /** The founder first, then the other accounts. */
    private readonly actors: readonly Actor[],
    private readonly coverage: Coverage,
    /** Addresses that are neither members nor the treasury (e.g. the other contracts). */
    private readonly strangers: readonly Address[],
  ) {}

  /**
   * The next step at block time `now` with `index` steps done. `invalidShare` is the
   * probability of aiming at an invalid operation.
   */
  public next(now: number, index: number, total: number, invalidShare = 0.26): Step {
    this.total = total;
    this.now = now;
    const rng = this.rng;
    if (!this.model.founded()) {
      // A few calls before the group is founded, then the founder founds it.
      if (index < 3 && rng.chance(0.6)) {
        const step = this.invalid(now, 16);
        if (step !== undefined) {
          return step;
        }
      }

      return this.op(
        { op: 'admission', args: [this.founder, this.hash(), 'Light'] },
        this.founder,
        'valid',
        'found the group',
      );
    }
    if (this.members().length === 1 && rng.chance(0.3)) {
      // The founder alone: the last member cannot be removed.
      return this.self({ op: 'proposeRemoval', args: [this.founder, this.founder] }, 'invalid', 'last member');
    }
    const waiting = this.plantIDs((ppID) => {
      const plant = this.model.state.plants.get(ppID);

      return plant !== undefined && plant.status === 'funded' && now < plant.fundedAt + plant.timeToMarket;
    });
    if (waiting.length > 0 && index > 100 && (this.coverage.succeeded.get('startOperation') ?? 0) === 0 && rng.chance(0.3)) {
      // Nothing has operated yet: let a funded plant reach its start.
      return this.jump(now, true);
    }
    const votable = [...this.model.state.referendums.keys()].some((rID) =>
      this.members().some((member) => this.model.canVote(rID, member, now)),
    );
    if (rng.chance(index < 30 ? 0.02 : votable ? 0.035 : 0.07)) {
      return this.jump(now);
    }
    if (rng.chance(invalidShare)) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const step = this.invalid(now);
        if (step !== undefined) {
          return step;
        }
      }
    }
    const late = index > total - 80 && OPS.some((op) => (this.coverage.succeeded.get(op) ?? 0) === 0);
    if (index > 20 && rng.chance(late ? 0.15 : MISSION_SHARE)) {
      // Work towards an outcome the run has not shown yet.
      const step = this.mission(now);
      if (step !== undefined && (step.kind === 'jump' || this.ok(step.call, now))) {
        return step;
      }
    }
    for (let attempt = 0; attempt < 12; attempt++) {
      const step = this.valid(now, index);
      if (step === undefined) {
        break;
      }
      if (step.kind === 'jump' || this.ok(step.call, now)) {
        return step;
      }
    }

    return this.jump(now, true);
  }

  // ---------------------------------------------------------------- Helpers

  private get founder(): Address {
    return this.actors[0].address;
  }

  private get treasury(): Address {
    return this.model.settings.treasury;
  }

  private hash(): string {
    return `0x${this.rng.hex(32)}`;
  }

  private op(call: OpCall, signer: Address, intent: 'valid' | 'invalid', note: string): Step {
    return { kind: 'op', call, signer, intent, note };
  }

  /** Signed by the acting address (or by anyone, for calls that need no witness). */
  private self(call: OpCall, intent: 'valid' | 'invalid', note: string): Step {
    const acting = actingAddress(call);

    return this.op(call, acting ?? this.rng.pick(this.actors).address, intent, note);
  }

  /** Members in admission order. */
  private members(): Address[] {
    return [...this.model.state.members.entries()].sort((a, b) => a[1].serial - b[1].serial).map(([address]) => address);
  }

  private nonMembers(): Address[] {
    return this.actors.map((actor) => actor.address).filter((address) => !this.model.isMember(address));
  }

  /** Candidates whose admission referendum is open. */
  private pending(): Address[] {
    return [...this.model.state.invitations.entries()].filter(([, inv]) => inv.rID !== '').map(([candidate]) => candidate);
  }

  private memberOf(address: Address) {
    return this.model.state.members.get(address);
  }

  private unreserved(address: Address): { quotaW: bigint; tokens: bigint } {
    const s = this.model.state;
    const reserved = this.model.reservedOf(address);
    const held =
      address === this.treasury
        ? { quotaW: s.treasuryQuotaW, tokens: s.treasuryTokens }
        : { quotaW: this.memberOf(address)?.quotaW ?? 0n, tokens: this.memberOf(address)?.tokens ?? 0n };

    return { quotaW: held.quotaW - reserved.quotaW, tokens: held.tokens - reserved.tokens };
  }

  private referendumIDs(filter: (rID: string) => boolean = () => true): string[] {
    return [...this.model.state.referendums.keys()].filter(filter);
  }

  private plantIDs(filter: (ppID: string) => boolean = () => true): string[] {
    return [...this.model.state.plants.keys()].filter(filter);
  }

  private plantsIn(...statuses: string[]): string[] {
    return this.plantIDs((ppID) => statuses.includes(this.model.state.plants.get(ppID)?.status ?? ''));
  }

  private offerIDs(filter: (offerID: string) => boolean = () => true): string[] {
    return [...this.model.state.offers.keys()].filter(filter);
  }

  /** Offers that can still be accepted now (recorded offered, both memberships there, not expired). */
  private openOffers(): string[] {
    return this.offerIDs((id) => {
      const offer = this.model.state.offers.get(id);

      return offer !== undefined && this.model.offerStatus(offer, this.now + 15) === 'offered';
    });
  }

  private utility(): string {
    return this.rng.chance(0.8) ? 'Light' : 'Cemig';
  }

  private validFor(): bigint {
    return BigInt(this.rng.pick(VALID_FOR) + this.rng.int(0, 3_600));
  }

  /** An amount of raw SEB with up to 8 decimals, mostly rounder values. */
  private tokens(max: bigint): bigint {
    if (max <= 0n) {
      return 0n;
    }
    const value = this.rng.big(1n, max);
    const roll = this.rng.int(0, 3);

    if (roll === 0) {
      return value;
    }
    const unit = roll === 1 ? 1_000n : roll === 2 ? 100_000n : 1_000_000n;
    const rounded = (value / unit) * unit;

    return rounded > 0n ? rounded : value;
  }

  private missing(ppID: string): bigint {
    return this.model.missing(ppID);
  }

  /** Members who may pledge for the plant now (its utility, not frozen, no pledge of an earlier membership). */
  private bidders(ppID: string): Address[] {
    const plant = this.model.state.plants.get(ppID);
    const pledges = this.model.state.pledges.get(ppID);

    return this.members().filter((member) => {
      const record = this.memberOf(member);
      const pledge = pledges?.get(member);

      return (
        plant !== undefined &&
        record?.utility === plant.utility &&
        !this.model.isFrozen(member) &&
        (pledge === undefined || pledge.serial === record.serial)
      );
    });
  }

  private weighted(candidates: readonly Candidate[]): Step | undefined {
    const usable = candidates.filter((candidate) => candidate.weight > 0);
    for (let attempt = 0; attempt < 6 && usable.length > 0; attempt++) {
      const total = usable.reduce((sum, candidate) => sum + candidate.weight, 0);
      let roll = this.rng.float() * total;
      let index = 0;
      while (index < usable.length - 1 && roll >= usable[index].weight) {
        roll -= usable[index].weight;
        index += 1;
      }
      const step = usable[index].make();
      if (step !== undefined) {
        return step;
      }
      usable.splice(index, 1);
    }

    return undefined;
  }

  /** Weight boost for operations that have not succeeded yet (so every operation is covered). */
  private boost(op: OpName, index: number): number {
    if ((this.coverage.succeeded.get(op) ?? 0) > 0) {
      return 1;
    }

    return index > this.total - 70 ? 40 : index > 30 ? 8 : 1;
  }

  private uncovered(op: OpName): boolean {
    return (this.coverage.succeeded.get(op) ?? 0) === 0;
  }

  /**
   * The step that closes a plant's crowdfunding (or cancels its pledges): the whole paged
   * step, or a single page while single pages or the cancellation have not been covered.
   */
  private closeStep(ppID: string, note: string): Step {
    const plant = this.model.state.plants.get(ppID);
    if (plant !== undefined && (plant.status === 'failing' || plant.status === 'removing')) {
      return this.self({ op: 'cancelPledges', args: [ppID] }, 'valid', `${note}: cancel the pledges`);
    }
    if (plant !== undefined && plant.status === 'funding') {
      if (this.uncovered('cancelPledges') && plant.raised < plant.cost && plant.funders > 0) {
        return this.self({ op: 'crowdfundingPage', args: [ppID, 0n] }, 'valid', `${note} (one page: failing)`);
      }
      if (this.uncovered('crowdfundingPage') || this.rng.chance(0.15)) {
        return this.self({ op: 'crowdfundingPage', args: [ppID, this.model.thresholds(ppID).cut] }, 'valid', `${note} (one page)`);
      }
    }

    return this.self({ op: 'crowdfundingResult', args: [ppID] }, 'valid', note);
  }

  /** The step that starts a plant: the whole paged step, or first the check page alone while that has not been covered. */
  private startStep(ppID: string, note: string): Step {
    const plant = this.model.state.plants.get(ppID);
    if (
      plant !== undefined &&
      plant.quotaThreshold === 0n &&
      plant.funders <= QUOTA_CHECK_PAGE &&
      (this.uncovered('startOperationPage') || this.rng.chance(0.15))
    ) {
      return this.self({ op: 'startOperationPage', args: [ppID, this.model.thresholds(ppID).quota] }, 'valid', `${note} (check page)`);
    }

    return this.self({ op: 'startOperation', args: [ppID] }, 'valid', note);
  }

  // ---------------------------------------------------------------- Effects

  /** Whether the run has reached an effect (from the model's state, or noted when generated). */
  public seen(effect: Effect): boolean {
    const s = this.model.state;
    const referendums = [...s.referendums.values()];
    switch (effect) {
      case 'admission rejected':
        return referendums.some((r) => r.kind === 'admission' && r.status === 'rejected');
      case 'powerUp rejected':
        return referendums.some((r) => r.kind === 'powerUp' && r.status === 'rejected');
      case 'removal applied':
        return referendums.some((r) => r.kind === 'removal' && r.status === 'approved');
      case 'correction applied':
        return referendums.some((r) => r.kind === 'correction' && r.status === 'approved');
      case 'change lapsed':
        return referendums.some((r) => r.status === 'lapsed');
      case 'plant utility applied':
        return referendums.some((r) => r.kind === 'plantUtility' && r.status === 'approved');
      // With pledges cancelled (done > 0), not just an empty plant closed.
      case 'plant removed':
        return [...s.plants.values()].some((plant) => plant.status === 'removed' && plant.done > 0);
      case 'crowdfunding failed':
        return [...s.plants.values()].some((plant) => plant.status === 'failed' && plant.done > 0);
      case 'oversubscribed plant funded':
        return [...s.plants.values()].some((plant) => plant.pledged > plant.cost && ['funded', 'operating'].includes(plant.status));
      case 'offer expired':
        return [...s.offers.values()].some((offer) => offer.status !== 'accepted' && offer.expiresAt < this.now);
      default:
        return this.started.has(effect);
    }
  }

  public effects(): Effect[] {
    return EFFECTS.filter((effect) => this.seen(effect));
  }

  /**
   * What a call would show that the state afterwards does not (call it before running the
   * call; `record` the result if the call succeeded): a startOperation whose apportionment
   * depends on the pledge order, or that issues a removed funder's share to the treasury.
   */
  public effectsOf(call: OpCall): Effect[] {
    const s = this.model.state;
    const plant = call.op === 'startOperation' ? s.plants.get(call.args[0]) : undefined;
    if (call.op !== 'startOperation' || plant === undefined || plant.status !== 'funded') {
      return [];
    }
    const pledges = [...(s.pledges.get(call.args[0]) ?? new Map()).entries()]
      .map(([funder, { amount, order, serial }]) => ({ funder, amount, order: BigInt(order), serial }))
      .sort((a, b) => (a.order < b.order ? -1 : 1));
    const last = BigInt(pledges.length + 1);
    const shares = quotasOf(plant.capacityW, plant.cost, pledges);
    const reversed = quotasOf(plant.capacityW, plant.cost, pledges.map((pledge) => ({ ...pledge, order: last - pledge.order })));
    const effects: Effect[] = [];
    if (shares.some((share, index) => share !== reversed[index])) {
      effects.push('tie decided by pledge order');
    }
    if (shares.some((share, index) => share > 0n && s.members.get(pledges[index].funder)?.serial !== pledges[index].serial)) {
      effects.push("removed funder's share to the treasury");
    }

    return effects;
  }

  public record(effects: readonly Effect[]): void {
    effects.forEach((effect) => this.started.add(effect));
  }

  /** A member to propose removing: a funder of a plant not yet operating, while no removed funder's share was issued. */
  private removalSubject(members: readonly Address[]): Address {
    if (!this.seen("removed funder's share to the treasury")) {
      const funders = members.filter((member) =>
        this.plantsIn('funding', 'funded').some((ppID) => this.model.bidOf(ppID, member) > 0n),
      );
      if (funders.length > 0 && this.rng.chance(0.8)) {
        return this.rng.pick(funders);
      }
    }

    return this.rng.pick(members);
  }

  // ---------------------------------------------------------------- Missions

  private ok(call: OpCall, now: number): boolean {
    return this.model.clone().apply(call, { now: now + 15, skipWitness: true }).ok;
  }

  /** The next step towards the first effect not seen yet that can make progress now. */
  private mission(now: number): Step | undefined {
    // In order: the long plant pipelines first; one referendum at a time gets its votes.
    for (const effect of MISSION_ORDER) {
      if (!this.seen(effect)) {
        const step = this.missionFor(effect, now);
        if (step !== undefined && (step.kind === 'jump' || this.ok(step.call, now))) {
          return step;
        }
      }
    }

    return undefined;
  }

  /** A jump just past `time` (at most 40 days), or undefined if it is not ahead. */
  private jumpPast(time: number, now: number, note: string): Step | undefined {
    return time > now ? { kind: 'jump', seconds: Math.min(MAX_JUMP, time - now + this.rng.int(1_200, DAY)), note } : undefined;
  }

  /**
   * Drives a referendum of `kind` to the wanted answer: the result once decided, else a
   * vote by an eligible member, else (none open that can still go that way) `propose()`.
   */
  private referendumMission(kind: string, answer: boolean, now: number, propose: () => Step | undefined, note: string): Step | undefined {
    const model = this.model;
    const open = this.referendumIDs((rID) => {
      const r = model.state.referendums.get(rID);

      return r !== undefined && r.kind === kind && r.status === 'open';
    });
    for (const rID of open) {
      if (model.decidable(rID, now)) {
        const r = model.state.referendums.get(rID);
        const approved = r !== undefined && r.yes * 2 > r.electorate;
        const call: OpCall = { op: resultOp(kind), args: [rID] };
        if (approved === answer && this.ok(call, now)) {
          return this.self(call, 'valid', `${note}: result`);
        }
      }
    }
    for (const rID of open) {
      const r = model.state.referendums.get(rID);
      const voters = this.members().filter((member) => model.canVote(rID, member, now));
      // Still reachable: enough eligible voters left for the wanted majority.
      const reachable =
        r !== undefined && (answer ? (r.yes + voters.length) * 2 > r.electorate : (r.no + voters.length) * 2 >= r.electorate);
      if (voters.length > 0 && reachable) {
        return this.self({ op: 'vote', args: [rID, this.rng.pick(voters), answer] }, 'valid', `${note}: vote`);
      }
    }

    return propose();
  }

  /** A step towards admitting (or asking to admit) a non-member: its request if invited, else an invitation. */
  private applyOrInvite(note: string): Step | undefined {
    const rng = this.rng;
    const model = this.model;
    const pending = new Set(this.pending());
    const candidates = this.nonMembers().filter((address) => !pending.has(address));
    const invited = candidates.filter((address) => model.invitedNow(address, this.now + 15));
    if (invited.length > 0) {
      return this.self({ op: 'admission', args: [rng.pick(invited), this.hash(), this.utility()] }, 'valid', `${note}: apply`);
    }
    const inviters = this.members().filter((member) => !model.hasOpenInvitation(member, this.now + 15));
    if (candidates.length === 0 || inviters.length === 0) {
      return undefined;
    }

    return this.self({ op: 'invite', args: [rng.pick(inviters), rng.pick(candidates)] }, 'valid', `${note}: invite`);
  }

  private missionFor(effect: Effect, now: number): Step | undefined {
    const rng = this.rng;
    const model = this.model;
    const s = model.state;
    const members = this.members();
    if (members.length < 3) {
      return undefined;
    }
    const proposer = (): Address => rng.pick(members);
    switch (effect) {
      case 'admission rejected':
        return this.referendumMission('admission', false, now, () => this.applyOrInvite('mission'), 'mission: reject an admission');
      case 'powerUp rejected':
        return this.referendumMission('powerUp', false, now, () => this.powerUpStep(proposer(), false), 'mission: reject a plant');
      case 'removal applied':
        return this.referendumMission('removal', true, now, () =>
          members.length >= 4 ? this.self({ op: 'proposeRemoval', args: [proposer(), this.removalSubject(members)] }, 'valid', 'mission: propose a removal') : undefined,
        'mission: remove a member');
      case 'change lapsed': {
        // Two removals of one member: the second approved one lapses (the member has left).
        const subjects = this.referendumIDs((rID) => s.referendums.get(rID)?.kind === 'removal' && s.referendums.get(rID)?.status === 'open').map(
          (rID) => s.referendums.get(rID)?.member as Address,
        );
        const twice = subjects.filter((subject, i) => subjects.indexOf(subject) !== i);

        return this.referendumMission('removal', true, now, () => {
          const subject = subjects.find((candidate) => model.isMember(candidate));
          if (members.length < 4 || (twice.length > 0 && subject === undefined)) {
            return undefined;
          }

          return this.self(
            { op: 'proposeRemoval', args: [proposer(), subject ?? this.removalSubject(members)] },
            'valid',
            'mission: propose a removal twice',
          );
        }, 'mission: lapse a removal');
      }
      case 'correction applied':
        return this.referendumMission('correction', true, now, () => {
          const sides = [...members, this.treasury];
          const holders = sides.filter((side) => this.unreserved(side).quotaW > 0n);
          if (holders.length === 0) {
            return undefined;
          }
          const from = rng.pick(holders);
          const to = rng.pick(sides.filter((side) => side !== from));
          const held = this.unreserved(from).quotaW;
          const toTokens = this.unreserved(to).tokens;
          const quotaW = rng.big(1n, held > 10n ? held / 10n : held);
          const tokens = toTokens > 10n && rng.chance(0.5) ? rng.big(1n, toTokens / 10n) : 0n;

          return this.self({ op: 'proposeCorrection', args: [proposer(), from, to, quotaW, tokens] }, 'valid', 'mission: propose a correction');
        }, 'mission: apply a correction');
      case 'plant utility applied': {
        const live = this.plantsIn('funding', 'closing', 'funded', 'operating');

        return this.referendumMission('plantUtility', true, now, () => {
          if (live.length === 0) {
            return undefined;
          }
          const ppID = rng.pick(live);
          const current = s.plants.get(ppID)?.utility;
          const utility = rng.pick([...UTILITIES, OTHER_UTILITY].filter((u) => u !== current));

          return this.self({ op: 'proposePlantUtility', args: [proposer(), ppID, utility] }, 'valid', 'mission: propose a plant utility');
        }, 'mission: move a plant');
      }
      case 'plant removed': {
        const removing = this.plantsIn('removing');
        if (removing.length > 0) {
          return this.self({ op: 'cancelPledges', args: [removing[0]] }, 'valid', 'mission: cancel the pledges');
        }
        const removable = this.plantsIn('funding', 'funded');
        const funded = removable.filter((ppID) => (s.plants.get(ppID)?.funders ?? 0) > 0);

        return this.referendumMission('plantRemoval', true, now, () =>
          removable.length > 0
            ? this.self(
                { op: 'proposePlantRemoval', args: [proposer(), rng.pick(funded.length > 0 ? funded : removable)] },
                'valid',
                'mission: propose a plant removal',
              )
            : this.plantPipeline(now, 'plain'),
        'mission: remove a plant');
      }
      case 'crowdfunding failed': {
        for (const ppID of this.plantsIn('funding')) {
          const plant = s.plants.get(ppID);
          if (plant !== undefined && plant.raised < plant.cost && plant.funders > 0) {
            return now > plant.fundingEndsAt
              ? this.closeStep(ppID, 'mission: fail a crowdfunding')
              : this.jumpPast(plant.fundingEndsAt, now, 'mission: past a crowdfunding');
          }
        }
        for (const ppID of this.plantsIn('funding')) {
          const plant = s.plants.get(ppID);
          const bidders = this.bidders(ppID);
          if (plant !== undefined && plant.funders === 0 && plant.cost > model.settings.minBid && bidders.length > 0 && now <= plant.fundingEndsAt) {
            return this.self({ op: 'bid', args: [ppID, rng.pick(bidders), model.settings.minBid] }, 'valid', 'mission: a pledge that will not do');
          }
        }

        return this.plantPipeline(now, 'plain');
      }
      case 'oversubscribed plant funded':
        return this.plantPipeline(now, 'over');
      case 'tie decided by pledge order':
        return this.plantPipeline(now, 'ties');
      case "removed funder's share to the treasury": {
        // A plant (funding or funded) with a funder who left, carried to operation.
        for (const ppID of this.plantsIn('funding', 'closing', 'funded')) {
          const pledges = [...(s.pledges.get(ppID)?.entries() ?? [])];
          if (pledges.some(([funder, pledge]) => model.state.members.get(funder)?.serial !== pledge.serial)) {
            return this.carryToOperation(ppID, now, 'plain');
          }
        }
        const funded = this.plantsIn('funding', 'funded').filter((ppID) =>
          [...(s.pledges.get(ppID)?.keys() ?? [])].some((funder) => model.isMember(funder)),
        );
        if (funded.length === 0 || members.length < 4) {
          return this.plantPipeline(now, 'plain');
        }
        const funders = [...(s.pledges.get(funded[0])?.keys() ?? [])].filter((funder) => model.isMember(funder));
        const subject = rng.pick(funders);

        return this.referendumMission('removal', true, now, () =>
          this.self({ op: 'proposeRemoval', args: [proposer(), subject] }, 'valid', 'mission: remove a funder'),
        'mission: remove a funder');
      }
      case 'offer expired': {
        const open = this.openOffers();
        if (open.length > 0) {
          const offer = s.offers.get(open[0]);

          return offer === undefined ? undefined : this.jumpPast(offer.expiresAt, now, 'mission: past an offer');
        }
        const pairs = members.flatMap((from) =>
          members.filter((to) => to !== from && this.memberOf(to)?.utility === this.memberOf(from)?.utility).map((to) => [from, to] as const),
        ).filter(([from]) => !model.isFrozen(from));
        if (pairs.length === 0) {
          return undefined;
        }
        const [from, to] = rng.pick(pairs);

        return this.self({ op: 'offerTrade', args: [from, to, 0n, this.tokens(100_000_000n), BigInt(DAY)] }, 'valid', 'mission: a short offer');
      }
      default:
        return undefined;
    }
  }

  /** A powerUp by `proposer` of its own utility; with `ties`, one whose apportionment will tie. */
  private powerUpStep(proposer: Address, ties: boolean): Step {
    const rng = this.rng;
    const utility = this.memberOf(proposer)?.utility ?? 'Light';
    const capacityW = ties ? BigInt(rng.pick([7, 1_000, 2_000, 10_000])) : BigInt(rng.int(100, 20_000));
    const cost = ties ? 300_00n : BigInt(rng.int(1, 4)) * 100_00n;

    return this.self(
      { op: 'powerUp', args: [proposer, capacityW, cost, utility, BigInt(this.model.settings.minTimeToMarket)] },
      'valid',
      ties ? 'mission: propose a plant for a tie' : 'mission: propose a plant',
    );
  }

  /**
   * Moves a plant towards operation: with 'ties', a R$ 300.00 plant funded by three equal
   * minimum pledges; with 'over', pledged beyond its cost. Steps: approve a powerUp,
   * pledge, close the funding, wait, start.
   */
  private plantPipeline(now: number, mode: 'plain' | 'ties' | 'over'): Step | undefined {
    const s = this.model.state;
    const minBid = this.model.settings.minBid;
    const shaped = (ppID: string): boolean => {
      const plant = s.plants.get(ppID);
      const pledges = [...(s.pledges.get(ppID)?.values() ?? [])];
      if (plant === undefined) {
        return false;
      }
      if (mode === 'ties') {
        return plant.cost === 3n * minBid && plant.capacityW % 3n !== 0n && pledges.every((p) => p.amount === minBid);
      }
      if (mode === 'over') {
        return plant.status === 'funding' || plant.status === 'closing' || plant.pledged > plant.cost;
      }

      return true;
    };
    const candidates = this.plantIDs((ppID) => {
      const status = s.plants.get(ppID)?.status ?? '';

      return ['funding', 'closing', 'funded'].includes(status) && shaped(ppID);
    });
    for (const ppID of candidates) {
      const step = this.carryToOperation(ppID, now, mode);
      if (step !== undefined) {
        return step;
      }
    }
    // A new plant: by a member whose utility has at least three members (three pledges for a tie).
    const proposers = this.members().filter(
      (member) => this.members().filter((other) => this.memberOf(other)?.utility === this.memberOf(member)?.utility).length >= 3,
    );
    if (proposers.length === 0) {
      return undefined;
    }

    return this.referendumMission('powerUp', true, now, () => this.powerUpStep(this.rng.pick(proposers), mode === 'ties'), 'mission: approve a plant');
  }

  /** The next step to carry a funding, closing or funded plant to operation (pledge, close, wait, start). */
  private carryToOperation(ppID: string, now: number, mode: 'plain' | 'ties' | 'over'): Step | undefined {
    const model = this.model;
    const plant = model.state.plants.get(ppID);
    if (plant === undefined) {
      return undefined;
    }
    if (plant.status === 'closing' || plant.status === 'failing' || plant.status === 'removing') {
      return this.closeStep(ppID, 'mission: finish the close');
    }
    if (plant.status === 'funded') {
      const start = plant.fundedAt + plant.timeToMarket;
      const funders = [...(model.state.pledges.get(ppID)?.keys() ?? [])];
      if (!this.seen("removed funder's share to the treasury") && funders.every((f) => model.isMember(f)) && this.members().length >= 4) {
        // Before it starts, let one of its funders leave (its share then goes to the treasury).
        const subject = funders[funders.length - 1];
        const step = this.referendumMission(
          'removal',
          true,
          now,
          () => this.self({ op: 'proposeRemoval', args: [this.rng.pick(this.members()), subject] }, 'valid', 'mission: remove a funder'),
          'mission: remove a funder',
        );
        if (step !== undefined && (step.kind === 'jump' || this.ok(step.call, now))) {
          return step;
        }
      }

      return now >= start
        ? this.startStep(ppID, 'mission: start')
        : this.jumpPast(start, now, 'mission: to the start');
    }
    if (plant.status !== 'funding' || now > plant.fundingEndsAt) {
      return undefined;
    }
    const minBid = model.settings.minBid;
    const bidders = this.bidders(ppID);
    const fresh = bidders.filter((member) => model.bidOf(ppID, member) === 0n);
    const full = mode === 'over' ? plant.raised > plant.cost : plant.raised >= plant.cost;
    if (full) {
      if (model.closable(ppID, now)) {
        return this.closeStep(ppID, 'mission: close the funding');
      }

      return this.jumpPast(plant.openedAt + model.settings.minFundingWindow, now, 'mission: past the minimum funding window');
    }
    const missing = plant.cost - plant.raised;
    if (mode === 'ties') {
      return fresh.length > 0 && missing >= minBid
        ? this.self({ op: 'bid', args: [ppID, this.rng.pick(fresh), minBid] }, 'valid', 'mission: equal pledge')
        : undefined;
    }
    if (mode === 'over') {
      // Pledges of up to the whole cost each, until they add up to more than it.
      if (fresh.length > 0) {
        const amount = this.rng.big(minBid > missing ? minBid : missing, plant.cost);

        return this.self({ op: 'bid', args: [ppID, this.rng.pick(fresh), amount] }, 'valid', 'mission: pledge beyond the cost');
      }
      const below = bidders.filter((member) => model.bidOf(ppID, member) < plant.cost);

      return below.length > 0
        ? this.self({ op: 'changeBid', args: [ppID, this.rng.pick(below), plant.cost] }, 'valid', 'mission: pledge the whole cost')
        : undefined;
    }
    const pledged = bidders.filter((member) => model.bidOf(ppID, member) > 0n);
    if (missing >= minBid && fresh.length > 0) {
      return this.self({ op: 'bid', args: [ppID, this.rng.pick(fresh), missing] }, 'valid', 'mission: pledge');
    }
    if (pledged.length > 0) {
      const top = pledged.filter((member) => model.bidOf(ppID, member) + missing <= plant.cost);

      return top.length > 0 ? this.self({ op: 'bid', args: [ppID, this.rng.pick(top), missing] }, 'valid', 'mission: top up') : undefined;
    }

    return undefined;
  }

  // ---------------------------------------------------------------- Time

  /** A jump of 0 to 40 days: uniform, or just past the next deadline (so processes close). */
  public jump(now: number, stalled = false): Step {
    const rng = this.rng;
    const upcoming = this.model
      .deadlines()
      .filter((time) => time > now)
      .sort((a, b) => a - b);
    // Funded plants' start times first: they are the longest waits.
    const starts = [...this.model.state.plants.values()]
      .filter((plant) => plant.status === 'funded' && plant.fundedAt + plant.timeToMarket > now)
      .map((plant) => plant.fundedAt + plant.timeToMarket);
    if ((stalled || rng.chance(0.6)) && upcoming.length > 0) {
      const target =
        starts.length > 0 && (stalled || rng.chance(0.5)) ? rng.pick(starts) : rng.chance(0.7) ? upcoming[0] : rng.pick(upcoming);
      const seconds = Math.min(MAX_JUMP, Math.max(0, target - now) + rng.int(1_200, 2 * DAY));

      return { kind: 'jump', seconds, note: 'past a deadline' };
    }

    return { kind: 'jump', seconds: rng.chance(0.1) ? 0 : rng.int(0, MAX_JUMP), note: 'uniform' };
  }

  // ---------------------------------------------------------------- Valid operations

  private valid(now: number, index: number): Step | undefined {
    const rng = this.rng;
    const model = this.model;
    const s = model.state;
    const members = this.members();
    const pending = new Set(this.pending());
    // At most two admission requests pending at a time.
    const candidates = pending.size < 3 ? this.nonMembers().filter((address) => !pending.has(address)) : [];
    const votable = this.referendumIDs((rID) => members.some((member) => model.canVote(rID, member, now)));
    const decidable = this.referendumIDs((rID) => model.decidable(rID, now));
    const funding = this.plantIDs((ppID) => {
      const plant = s.plants.get(ppID);

      return plant !== undefined && plant.status === 'funding' && now <= plant.fundingEndsAt;
    });
    const closable = this.plantIDs((ppID) => model.closable(ppID, now) || ['closing', 'failing', 'removing'].includes(s.plants.get(ppID)?.status ?? ''));
    // Single pages: mostly oversubscribed closes (the cut's threshold), sometimes a failing one.
    const pageable = closable.filter((ppID) => {
      const plant = s.plants.get(ppID);

      return (
        plant !== undefined &&
        (plant.status === 'closing' || (plant.status === 'funding' && (plant.raised > plant.cost || (plant.raised < plant.cost && plant.funders > 0))))
      );
    });
    const cancellable = this.plantsIn('failing', 'removing');
    const startable = this.plantIDs((ppID) => {
      const plant = s.plants.get(ppID);

      return plant !== undefined && plant.status === 'funded' && now >= plant.fundedAt + plant.timeToMarket;
    });
    const unchecked = startable.filter(
      (ppID) => s.plants.get(ppID)?.quotaThreshold === 0n && (s.plants.get(ppID)?.funders ?? 0) <= QUOTA_CHECK_PAGE,
    );
    const moving = members.filter((member) => !model.isFrozen(member));
    const holders = moving.filter((member) => this.unreserved(member).quotaW > 0n);
    const tokenHolders = moving.filter((member) => this.unreserved(member).tokens > 0n);
    const openOffers = this.openOffers();
    const openPowerUps = this.referendumIDs((rID) => {
      const r = s.referendums.get(rID);

      return r !== undefined && r.kind === 'powerUp' && r.status === 'open';
    }).length;
    const pledges: Array<[string, Address]> = [];
    for (const ppID of funding) {
      const bidders = new Set(this.bidders(ppID));
      for (const funder of s.pledges.get(ppID)?.keys() ?? []) {
        if (bidders.has(funder)) {
          pledges.push([ppID, funder]);
        }
      }
    }
    const b = (op: OpName) => this.boost(op, index);
    const want = (effect: Effect): number => (index > 30 && !this.seen(effect) ? 3 : 1);
    // Operations that need a new plant: proposing one is boosted while any of them is uncovered.
    const plantOps: OpName[] = ['powerUp', 'bid', 'changeBid', 'crowdfundingResult', 'startOperation', 'proposePlantRemoval'];
    const openReferendums = this.referendumIDs((rID) => s.referendums.get(rID)?.status === 'open').length;
    const operating = this.plantsIn('operating').length;
    // Keep the number of open change referendums bounded, so votes do not crowd out the rest.
    const propose = (op: OpName): number => (openReferendums < 5 || this.boost(op, index) > 1 ? 1 : 0);
    const threshold = (right: bigint): bigint =>
      rng.chance(0.5) ? right : rng.pick([0n, 1n, right - 1n, right + 1n, right * 2n, right + (1n << 40n)]);

    return this.weighted([
      {
        weight: candidates.length > 0 ? (members.length < 7 ? 8 : 1.5) * Math.max(b('admission'), b('invite')) : 0,
        make: () => this.applyOrInvite('join'),
      },
      {
        weight: votable.length > 0 ? 14 * b('vote') : 0,
        make: () => {
          // Referendums whose outcome the run has not shown yet, else mostly the oldest open
          // one (so referendums get decided), sometimes any.
          const wanted = votable.filter((id) => {
            const effect = WANTED[s.referendums.get(id)?.kind ?? ''];

            return effect !== undefined && !this.seen(effect);
          });
          const powerUps = votable.filter((id) => s.referendums.get(id)?.kind === 'powerUp');
          const rID =
            wanted.length > 0 && rng.chance(0.7)
              ? wanted[0]
              : rng.chance(0.6)
              ? votable[0]
              : rng.chance(0.5) && powerUps.length > 0
              ? rng.pick(powerUps)
              : rng.pick(votable);
          const voter = rng.pick(members.filter((member) => model.canVote(rID, member, now)));
          const kind = s.referendums.get(rID)?.kind;
          const effect = WANTED[kind ?? ''];
          const yes =
            effect !== undefined && !this.seen(effect)
              ? 0.95
              : kind === 'admission' || kind === 'powerUp'
              ? 0.85
              : kind === 'correction'
              ? 0.7
              : kind === 'plantUtility'
              ? 0.6
              : 0.45;

          return this.self({ op: 'vote', args: [rID, voter, rng.chance(yes)] }, 'valid', `vote on ${kind}`);
        },
      },
      {
        weight: decidable.length > 0 ? 10 : 0,
        make: () => {
          const rID = rng.pick(decidable);
          const kind = s.referendums.get(rID)?.kind;

          return this.self({ op: resultOp(kind), args: [rID] }, 'valid', `result of ${kind}`);
        },
      },
      {
        weight:
          members.length >= 3 && funding.length < 3 && openPowerUps < 2
            ? (operating < 2 ? 8 : 3) * Math.max(...plantOps.map((op) => b(op)))
            : 0,
        make: () => {
          const proposer = rng.pick(members);
          const utility = rng.chance(0.9) ? this.memberOf(proposer)?.utility ?? 'Light' : rng.pick(UTILITIES);
          const ties = !this.seen('tie decided by pledge order') && rng.chance(0.5);
          const shape = ties ? 1 : rng.pick([0, 1, 1, 2, 3, 4, 5]);
          // Shapes: tiny plants (rounding), ties (equal pledges), medium, large, the maximum, the dearest.
          const capacityW =
            shape === 0
              ? BigInt(rng.int(1, 60))
              : shape === 1
              ? BigInt(ties ? rng.pick([7, 1_000, 2_000, 10_000]) : rng.pick([1_000, 2_000, 10_000, 7]))
              : shape === 2
              ? BigInt(rng.int(100, 50_000))
              : shape === 3
              ? BigInt(rng.int(50_000, 5_000_000))
              : shape === 4
              ? 5_000_000n
              : BigInt(rng.int(1, 5_000_000));
          const cost =
            shape === 1
              ? BigInt(ties ? 3 : rng.pick([2, 3, 3, 6, 7])) * 100_00n
              : shape === 5
              ? MAX_COST
              : rng.chance(0.5)
              ? BigInt(rng.int(1, 6)) * 100_00n
              : rng.big(100_00n, 900_00n);
          const timeToMarket = BigInt(model.settings.minTimeToMarket + (rng.chance(0.3) ? 0 : rng.int(0, 10 * DAY)));

          return this.self({ op: 'powerUp', args: [proposer, capacityW, cost, utility, timeToMarket] }, 'valid', 'propose a plant');
        },
      },
      {
        weight: funding.length > 0 ? 9 * b('bid') : 0,
        make: () => {
          const ppID = rng.pick(funding);
          const plant = s.plants.get(ppID);
          const missing = this.missing(ppID);
          const bidders = this.bidders(ppID);
          if (plant === undefined || bidders.length === 0) {
            return undefined;
          }
          const bidder = rng.pick(bidders);
          const current = model.bidOf(ppID, bidder);
          const minBid = model.settings.minBid;
          const room = plant.cost - current;
          if (room <= 0n || (current === 0n && room < minBid)) {
            return undefined;
          }
          let amount: bigint;
          const low = current === 0n ? minBid : 1n;
          if (current === 0n) {
            // Equal minimum pledges on small round plants give ties in the apportionment.
            const round = plant.cost % minBid === 0n && plant.cost <= 7n * minBid;
            const roll = rng.float();
            const ties = round && !this.seen('tie decided by pledge order');
            amount = ties
              ? minBid
              : missing >= minBid && roll < 0.4
              ? missing
              : roll < 0.6
              ? minBid
              : rng.big(low, room);
          } else {
            const others = bidders.filter((member) => model.bidOf(ppID, member) === 0n).length;
            if (plant.cost % minBid === 0n && plant.cost <= 7n * minBid && !this.seen('tie decided by pledge order') && others > 0) {
              // Keep equal pledges on small round plants: let another member pledge.
              return undefined;
            }
            amount = missing > 0n && missing <= room && rng.chance(0.5) ? missing : rng.big(low, room);
          }

          return this.self({ op: 'bid', args: [ppID, bidder, amount] }, 'valid', plant.raised + amount > plant.cost ? 'pledge beyond the cost' : 'pledge');
        },
      },
      {
        weight: pledges.length > 0 ? 3 * b('changeBid') : 0,
        make: () => {
          const [ppID, funder] = rng.pick(pledges);
          const plant = s.plants.get(ppID);
          const current = model.bidOf(ppID, funder);
          const cost = plant?.cost ?? current;
          const ceiling = current + this.missing(ppID) > model.settings.minBid && current + this.missing(ppID) <= cost ? current + this.missing(ppID) : cost;
          const roll = rng.float();
          const amount =
            roll < 0.3 ? 0n : roll < 0.6 ? ceiling : roll < 0.8 ? rng.big(model.settings.minBid, cost) : current;

          return this.self({ op: 'changeBid', args: [ppID, funder, amount] }, 'valid', 'change a pledge');
        },
      },
      {
        weight: closable.length > 0 ? 9 : 0,
        make: () => this.closeStep(rng.pick(closable), 'close funding'),
      },
      {
        weight: pageable.length > 0 ? 3 * Math.max(b('crowdfundingPage'), b('cancelPledges')) : 0,
        make: () => {
          const ppID = rng.pick(pageable);

          return this.self(
            { op: 'crowdfundingPage', args: [ppID, threshold(model.thresholds(ppID).cut)] },
            'valid',
            'one page of the close',
          );
        },
      },
      {
        weight: cancellable.length > 0 ? 6 : 0,
        make: () => this.self({ op: 'cancelPledges', args: [rng.pick(cancellable)] }, 'valid', 'cancel the pledges'),
      },
      {
        weight: startable.length > 0 ? 9 : 0,
        make: () => this.startStep(rng.pick(startable), 'start a plant'),
      },
      {
        weight: unchecked.length > 0 ? 3 * b('startOperationPage') : 0,
        make: () => {
          const ppID = rng.pick(unchecked);

          return this.self(
            { op: 'startOperationPage', args: [ppID, threshold(model.thresholds(ppID).quota)] },
            'valid',
            'the check page of a start',
          );
        },
      },
      {
        weight: holders.length > 0 || tokenHolders.length > 0 ? 5 * b('offerTrade') : 0,
        make: () => {
          const from = rng.pick(moving);
          const seller = this.memberOf(from);
          const partners = members.filter((member) => member !== from && this.memberOf(member)?.utility === seller?.utility);
          if (seller === undefined || partners.length === 0) {
            return undefined;
          }
          // A receiver that holds SEB, when no trade has been accepted yet.
          const paying = partners.filter((member) => this.unreserved(member).tokens > 0n && !model.isFrozen(member));
          const to = paying.length > 0 && this.boost('acceptTrade', index) > 1 ? rng.pick(paying) : rng.pick(partners);
          const free = this.unreserved(from).quotaW;
          const buyerTokens = this.unreserved(to).tokens;
          const quotaW = free > 0n && rng.chance(0.85) ? rng.big(1n, free) : 0n;
          const maxTokens = buyerTokens <= 0n ? quotaW * SEB_PER_WATT * 2n : buyerTokens;
          const tokens = quotaW > 0n && rng.chance(0.25) ? 0n : this.tokens(maxTokens > 0n ? maxTokens : 1_000_000n);
          if (quotaW === 0n && tokens === 0n) {
            return undefined;
          }

          return this.self(
            { op: 'offerTrade', args: [from, to, quotaW, tokens, tokens === 0n && rng.chance(0.5) ? 0n : this.validFor()] },
            'valid',
            tokens === 0n ? 'donate quota' : 'offer a trade',
          );
        },
      },
      {
        weight: openOffers.length > 0 ? 5 * b('acceptTrade') : 0,
        make: () => {
          const offerID = rng.pick(openOffers);
          const offer = s.offers.get(offerID);

          return offer === undefined ? undefined : this.self({ op: 'acceptTrade', args: [offerID, offer.to] }, 'valid', 'accept');
        },
      },
      {
        weight: this.offerIDs((id) => s.offers.get(id)?.status === 'offered').length > 0 ? 2 * b('cancelTrade') : 0,
        make: () => {
          const offerID = rng.pick(this.offerIDs((id) => s.offers.get(id)?.status === 'offered'));
          const offer = s.offers.get(offerID);

          return offer === undefined
            ? undefined
            : this.self({ op: 'cancelTrade', args: [offerID, rng.chance(0.5) ? offer.from : offer.to] }, 'valid', 'cancel an offer');
        },
      },
      {
        weight: moving.length > 0 && members.length > 1 ? 3 * b('transfer') : 0,
        make: () => {
          const from = tokenHolders.length > 0 && rng.chance(0.8) ? rng.pick(tokenHolders) : rng.pick(moving);
          const roll = rng.float();
          const to = roll < 0.1 ? this.treasury : roll < 0.15 ? from : rng.pick(members.filter((member) => member !== from));
          const free = this.unreserved(from).tokens;
          const amount =
            roll > 0.9 || free <= 0n ? (rng.chance(0.5) ? 0n : free + this.tokens(100_000_000n)) : this.tokens(free);

          return this.self(
            { op: 'transfer', args: [from, to, amount] },
            'valid',
            amount > free ? 'transfer more than it holds (false)' : 'donate SEB',
          );
        },
      },
      {
        weight: 0.8 * b('changeProfile'),
        make: () => {
          const member = rng.pick(members);
          const current = this.memberOf(member)?.utility ?? 'Light';
          const free =
            (this.memberOf(member)?.quotaW ?? 0n) === 0n && model.livePledges(member) === 0 && model.openOffersOf(member) === 0;
          const utility = rng.chance(free ? 0.5 : 0.1) ? rng.pick(UTILITIES.filter((u) => u !== current)) : current;

          return this.self({ op: 'changeProfile', args: [member, this.hash(), utility] }, 'valid', 'change profile');
        },
      },
      {
        weight: members.length >= 2 ? propose('proposeCorrection') * b('proposeCorrection') * want('correction applied') : 0,
        make: () => {
          const sides = [...members, this.treasury];
          const quotaHolders = sides.filter((side) => this.unreserved(side).quotaW > 0n);
          const from = quotaHolders.length > 0 && rng.chance(0.8) ? rng.pick(quotaHolders) : rng.pick(sides);
          const to = rng.pick(sides.filter((side) => side !== from));
          const fromQuota = this.unreserved(from).quotaW;
          const toTokens = this.unreserved(to).tokens;
          const quotaW = fromQuota > 0n && rng.chance(0.8) ? rng.big(0n, fromQuota) : 0n;
          const tokens = toTokens > 0n && (quotaW === 0n || rng.chance(0.6)) ? this.tokens(toTokens) : 0n;
          if (quotaW === 0n && tokens === 0n) {
            return undefined;
          }

          return this.self(
            { op: 'proposeCorrection', args: [rng.pick(members), from, to, quotaW, tokens] },
            'valid',
            'propose a correction',
          );
        },
      },
      {
        weight:
          members.length >= 5 || (members.length >= 2 && b('proposeRemoval') > 1)
            ? 0.7 * propose('proposeRemoval') * b('proposeRemoval') * want('removal applied')
            : 0,
        make: () =>
          this.self({ op: 'proposeRemoval', args: [rng.pick(members), this.removalSubject(members)] }, 'valid', 'propose a removal'),
      },
      {
        weight: this.plantsIn('funding', 'closing', 'funded', 'operating').length > 0
          ? 0.6 * propose('proposePlantUtility') * b('proposePlantUtility') * want('plant utility applied')
          : 0,
        make: () =>
          this.self(
            {
              op: 'proposePlantUtility',
              args: [rng.pick(members), rng.pick(this.plantsIn('funding', 'closing', 'funded', 'operating')), rng.pick([...UTILITIES, OTHER_UTILITY])],
            },
            'valid',
            'propose a plant utility',
          ),
      },
      {
        weight: this.plantsIn('funding', 'closing', 'funded').length > 0
          ? 0.5 * propose('proposePlantRemoval') * b('proposePlantRemoval') * want('plant removed')
          : 0,
        make: () =>
          this.self(
            { op: 'proposePlantRemoval', args: [rng.pick(members), rng.pick(this.plantsIn('funding', 'closing', 'funded'))] },
            'valid',
            'propose a plant removal',
          ),
      },
    ]);
  }

  // ---------------------------------------------------------------- Invalid operations

  private invalid(now: number, forced?: number): Step | undefined {
    const rng = this.rng;
    const model = this.model;
    const s = model.state;
    const members = this.members();
    const nonMembers = this.nonMembers();
    const allActors = this.actors.map((actor) => actor.address);
    const anyone = (): Address => rng.pick(allActors);
    const member = (): Address | undefined => (members.length > 0 ? rng.pick(members) : undefined);
    const rIDs = this.referendumIDs();
    const ppIDs = this.plantIDs();
    const offerIDs = this.offerIDs();
    const someRef = (): string => (rIDs.length > 0 && rng.chance(0.85) ? rng.pick(rIDs) : `R${rIDs.length + rng.int(1, 9)}`);
    const somePlant = (): string => (ppIDs.length > 0 && rng.chance(0.85) ? rng.pick(ppIDs) : `P${ppIDs.length + rng.int(1, 9)}`);
    const someOffer = (): string => (offerIDs.length > 0 && rng.chance(0.85) ? rng.pick(offerIDs) : `T${offerIDs.length + rng.int(1, 9)}`);
    const invalid = (call: OpCall, note: string): Step => this.self(call, 'invalid', note);
    const badUtility = (): string => rng.pick(['', 'x'.repeat(65), 'é'.repeat(33), `${'y'.repeat(63)}é`]);
    const week = BigInt(7 * DAY);
    const sameUtility = (a: Address) => members.filter((m) => m !== a && this.memberOf(m)?.utility === this.memberOf(a)?.utility);
    const category = forced ?? rng.int(0, 21);

    switch (category) {
      case 0: {
        // A non-member acts.
        if (nonMembers.length === 0) {
          return undefined;
        }
        const outsider = rng.pick(nonMembers);
        const target = member() ?? this.founder;
        const calls: OpCall[] = [
          { op: 'vote', args: [someRef(), outsider, true] },
          { op: 'invite', args: [outsider, rng.pick(nonMembers)] },
          { op: 'powerUp', args: [outsider, 1_000n, 500_00n, 'Light', BigInt(30 * DAY)] },
          { op: 'bid', args: [somePlant(), outsider, 100_00n] },
          { op: 'changeBid', args: [somePlant(), outsider, 0n] },
          { op: 'offerTrade', args: [outsider, target, 1n, 0n, 0n] },
          { op: 'offerTrade', args: [outsider, target, 1n, 5n, week] },
          { op: 'transfer', args: [outsider, target, 1n] },
          { op: 'changeProfile', args: [outsider, this.hash(), 'Light'] },
          { op: 'proposeCorrection', args: [outsider, target, this.treasury, 1n, 0n] },
          { op: 'proposeRemoval', args: [outsider, target] },
          { op: 'proposePlantUtility', args: [outsider, somePlant(), 'Light'] },
          { op: 'proposePlantRemoval', args: [outsider, somePlant()] },
          { op: 'acceptTrade', args: [someOffer(), outsider] },
          { op: 'cancelTrade', args: [someOffer(), outsider] },
        ];

        return invalid(rng.pick(calls), 'non-member');
      }
      case 1: {
        // Double vote (by the membership that voted).
        const voted: Array<[string, Address]> = [];
        for (const [rID, ballots] of s.ballots) {
          for (const serial of ballots.keys()) {
            const voter = s.memberAt.get(serial);
            if (voter !== undefined) {
              voted.push([rID, voter]);
            }
          }
        }
        if (voted.length === 0) {
          return undefined;
        }
        const [rID, voter] = rng.pick(voted);

        return invalid({ op: 'vote', args: [rID, voter, rng.chance(0.5)] }, 'double vote');
      }
      case 2: {
        // Wrong kinds of ID (and unknown IDs).
        const plantOrOffer = (): string => (rng.chance(0.5) ? somePlant() : someOffer());
        const refOrOffer = (): string => (rng.chance(0.5) ? someRef() : someOffer());
        const refOrPlant = (): string => (rng.chance(0.5) ? someRef() : somePlant());
        const kindRef = (kinds: readonly string[]): string => {
          const matching = this.referendumIDs((rID) => kinds.includes(s.referendums.get(rID)?.kind ?? ''));

          return matching.length > 0 ? rng.pick(matching) : plantOrOffer();
        };
        const voter = member() ?? this.founder;
        const calls: OpCall[] = [
          { op: 'vote', args: [plantOrOffer(), voter, true] },
          { op: 'admissionResult', args: [kindRef(['powerUp', 'correction', 'removal', 'plantUtility', 'plantRemoval'])] },
          { op: 'powerUpResult', args: [kindRef(['admission', 'correction', 'removal', 'plantUtility', 'plantRemoval'])] },
          { op: 'changeResult', args: [kindRef(['admission', 'powerUp'])] },
          { op: 'bid', args: [refOrOffer(), voter, 100_00n] },
          { op: 'changeBid', args: [refOrOffer(), voter, 100_00n] },
          { op: 'crowdfundingPage', args: [refOrOffer(), 0n] },
          { op: 'cancelPledges', args: [refOrOffer()] },
          { op: 'startOperationPage', args: [refOrOffer(), 1n] },
          { op: 'acceptTrade', args: [refOrPlant(), voter] },
          { op: 'cancelTrade', args: [refOrPlant(), voter] },
          { op: 'proposePlantUtility', args: [voter, refOrOffer(), 'Light'] },
          { op: 'proposePlantRemoval', args: [voter, refOrOffer()] },
        ];

        return invalid(rng.pick(calls), 'wrong ID kind');
      }
      case 3: {
        // Closed processes.
        const closedRefs = this.referendumIDs((rID) => {
          const r = s.referendums.get(rID);

          return r !== undefined && (r.status !== 'open' || now > r.endsAt);
        });
        const calls: OpCall[] = [];
        if (closedRefs.length > 0) {
          const rID = rng.pick(closedRefs);
          const r = s.referendums.get(rID);
          const eligible = members.filter((m) => (this.memberOf(m)?.serial ?? Infinity) <= (r?.lastSerial ?? 0) && !model.hasVoted(rID, m));
          if (eligible.length > 0) {
            calls.push({ op: 'vote', args: [rID, rng.pick(eligible), rng.chance(0.5)] });
          }
          if (r !== undefined && r.status !== 'open') {
            calls.push({ op: resultOp(r.kind), args: [rID] });
          }
        }
        const notFunding = this.plantIDs((ppID) => !['funding', 'closing'].includes(s.plants.get(ppID)?.status ?? ''));
        if (notFunding.length > 0) {
          const ppID = rng.pick(notFunding);
          const bidders = this.bidders(ppID);
          if (bidders.length > 0) {
            calls.push({ op: 'bid', args: [ppID, rng.pick(bidders), 100_00n] });
          }
          calls.push({ op: 'crowdfundingPage', args: [ppID, 0n] });
        }
        const notCancelling = this.plantIDs((ppID) => !['failing', 'removing'].includes(s.plants.get(ppID)?.status ?? ''));
        if (notCancelling.length > 0) {
          calls.push({ op: 'cancelPledges', args: [rng.pick(notCancelling)] });
        }
        const notStartable = this.plantIDs((ppID) => {
          const plant = s.plants.get(ppID);

          return plant !== undefined && (plant.status !== 'funded' || now < plant.fundedAt + plant.timeToMarket);
        });
        if (notStartable.length > 0) {
          const ppID = rng.pick(notStartable);
          calls.push(s.plants.get(ppID)?.status === 'funded' ? { op: 'startOperation', args: [ppID] } : { op: 'startOperationPage', args: [ppID, 1n] });
        }
        const closedOffers = this.offerIDs((id) => s.offers.get(id)?.status !== 'offered');
        if (closedOffers.length > 0) {
          const offerID = rng.pick(closedOffers);
          const offer = s.offers.get(offerID);
          if (offer !== undefined) {
            calls.push({ op: 'acceptTrade', args: [offerID, offer.to] }, { op: 'cancelTrade', args: [offerID, offer.from] });
          }
        }

        return calls.length > 0 ? invalid(rng.pick(calls), 'closed process') : undefined;
      }
      case 4: {
        // Pledges above the cost or under the minimum bid.
        const funding = this.plantIDs((ppID) => {
          const plant = s.plants.get(ppID);

          return plant !== undefined && plant.status === 'funding' && now <= plant.fundingEndsAt;
        });
        if (funding.length === 0) {
          return undefined;
        }
        const ppID = rng.pick(funding);
        const bidders = this.bidders(ppID);
        const cost = s.plants.get(ppID)?.cost ?? 0n;
        if (bidders.length === 0) {
          return undefined;
        }
        const bidder = rng.pick(bidders);
        const current = model.bidOf(ppID, bidder);
        const minBid = model.settings.minBid;
        const calls: OpCall[] = [{ op: 'bid', args: [ppID, bidder, cost - current + rng.big(1n, 100_00n)] }];
        if (current === 0n) {
          calls.push({ op: 'bid', args: [ppID, bidder, rng.big(1n, minBid - 1n)] });
          calls.push({ op: 'changeBid', args: [ppID, bidder, minBid] });
        } else {
          calls.push(
            { op: 'changeBid', args: [ppID, bidder, rng.big(1n, minBid - 1n)] },
            { op: 'changeBid', args: [ppID, bidder, cost + rng.big(1n, 50_00n)] },
          );
        }

        return invalid(rng.pick(calls), 'pledge limits');
      }
      case 5: {
        // Negative or zero amounts, and the bounds of a plant.
        const actor = member() ?? anyone();
        const other = rng.pick(members.filter((m) => m !== actor).concat(this.founder));
        const ppID = somePlant();
        const negative = (): bigint => -rng.big(1n, 1_000_000n);
        const calls: OpCall[] = [
          { op: 'bid', args: [ppID, actor, rng.chance(0.5) ? 0n : negative()] },
          { op: 'changeBid', args: [ppID, actor, negative()] },
          { op: 'transfer', args: [actor, other, negative()] },
          { op: 'offerTrade', args: [actor, other, rng.chance(0.5) ? negative() : 0n, rng.chance(0.5) ? negative() : 0n, week] },
          { op: 'powerUp', args: [actor, rng.pick([0n, -5n, 5_000_001n]), 500_00n, 'Light', BigInt(30 * DAY)] },
          { op: 'powerUp', args: [actor, 1_000n, rng.pick([0n, -1n, MAX_COST + 1n, MAX_COST * 2n]), 'Light', BigInt(30 * DAY)] },
          { op: 'powerUp', args: [actor, 1_000n, 500_00n, 'Light', BigInt(30 * DAY - rng.int(1, DAY))] },
          { op: 'powerUp', args: [actor, 1_000n, 500_00n, 'Light', BigInt(MAX_TIME_TO_MARKET + rng.pick([1, DAY, 365 * DAY]))] },
          {
            op: 'proposeCorrection',
            args: [actor, actor, other, rng.chance(0.5) ? negative() : 0n, rng.chance(0.5) ? negative() : 0n],
          },
        ];

        return invalid(rng.pick(calls), 'negative amount or bounds');
      }
      case 6: {
        // Trades, transfers and corrections beyond the unreserved holdings.
        const calls: OpCall[] = [];
        for (const from of members.filter((m) => !model.isFrozen(m))) {
          const partners = sameUtility(from);
          const free = this.unreserved(from);
          if (partners.length > 0) {
            calls.push({ op: 'offerTrade', args: [from, rng.pick(partners), free.quotaW + rng.big(1n, 1000n), 1n, week] });
            calls.push({ op: 'offerTrade', args: [from, rng.pick(partners), free.quotaW + rng.big(1n, 1000n), 0n, 0n] });
            calls.push({ op: 'transfer', args: [from, rng.pick(partners), free.tokens + rng.big(1n, 100_000_000n)] });
          }
          const to = rng.pick([...members.filter((m) => m !== from), this.treasury]);
          calls.push({ op: 'proposeCorrection', args: [rng.pick(members), from, to, free.quotaW + rng.big(1n, 100n), 0n] });
          calls.push({ op: 'proposeCorrection', args: [rng.pick(members), to, from, 0n, free.tokens + rng.big(1n, 1000n)] });
        }
        const treasuryFree = this.unreserved(this.treasury);
        if (members.length > 0) {
          calls.push({ op: 'proposeCorrection', args: [rng.pick(members), this.treasury, rng.pick(members), treasuryFree.quotaW + 1n, 0n] });
        }
        for (const offerID of this.openOffers()) {
          const offer = s.offers.get(offerID);
          if (offer !== undefined && this.unreserved(offer.to).tokens < offer.tokens) {
            calls.push({ op: 'acceptTrade', args: [offerID, offer.to] });
          }
        }

        return calls.length > 0 ? invalid(rng.pick(calls), 'beyond the unreserved holdings') : undefined;
      }
      case 7:
      case 8: {
        // Missing witness: a call that would be valid, signed by another account.
        const step = this.valid(now, 0);
        if (step === undefined || step.kind !== 'op') {
          return undefined;
        }
        const acting = actingAddress(step.call);
        if (acting === undefined) {
          return undefined;
        }
        const signer = rng.pick(allActors.filter((address) => address !== acting));

        return this.op(step.call, signer, 'invalid', `missing witness (${step.note})`);
      }
      case 9: {
        // Utilities: empty, over 64 bytes.
        const actor = member() ?? this.founder;
        const calls: OpCall[] = [
          { op: 'changeProfile', args: [actor, this.hash(), badUtility()] },
          { op: 'powerUp', args: [actor, 1_000n, 500_00n, badUtility(), BigInt(30 * DAY)] },
          { op: 'admission', args: [nonMembers.length > 0 ? rng.pick(nonMembers) : actor, this.hash(), badUtility()] },
        ];
        const live = this.plantsIn('funding', 'closing', 'funded', 'operating');
        if (live.length > 0) {
          calls.push({ op: 'proposePlantUtility', args: [actor, rng.pick(live), badUtility()] });
        }

        return invalid(rng.pick(calls), 'bad utility');
      }
      case 10: {
        // Results asked too early.
        const calls: OpCall[] = [];
        for (const rID of this.referendumIDs((id) => s.referendums.get(id)?.status === 'open' && !model.decidable(id, now))) {
          calls.push({ op: resultOp(s.referendums.get(rID)?.kind), args: [rID] });
        }
        for (const ppID of this.plantIDs((id) => s.plants.get(id)?.status === 'funding' && !model.closable(id, now))) {
          calls.push(rng.chance(0.5) ? { op: 'crowdfundingResult', args: [ppID] } : { op: 'crowdfundingPage', args: [ppID, 0n] });
        }

        return calls.length > 0 ? invalid(rng.pick(calls), 'too early') : undefined;
      }
      case 11: {
        // Admission requests from members, pending candidates, or without an open invitation.
        const applicants = [...members, ...this.pending(), ...nonMembers.filter((a) => !model.invitedNow(a, now + 15))];

        return applicants.length > 0
          ? invalid({ op: 'admission', args: [rng.pick(applicants), this.hash(), 'Light'] }, 'admission refused')
          : undefined;
      }
      case 12: {
        // Trade parties: other utility, non-member receiver, self, third parties.
        const actor = member();
        if (actor === undefined || model.isFrozen(actor)) {
          return undefined;
        }
        const utility = this.memberOf(actor)?.utility;
        const foreign = members.filter((m) => this.memberOf(m)?.utility !== utility);
        const outsiders = [...nonMembers, this.treasury, ...this.strangers];
        const calls: OpCall[] = [
          { op: 'offerTrade', args: [actor, rng.pick(outsiders), 0n, 1n, week] },
          { op: 'offerTrade', args: [actor, actor, 0n, 1n, week] },
          { op: 'transfer', args: [actor, rng.pick([...nonMembers, ...this.strangers]), 1n] },
        ];
        if (foreign.length > 0) {
          calls.push({ op: 'offerTrade', args: [actor, rng.pick(foreign), 0n, 1n, week] });
        }
        for (const offerID of this.openOffers()) {
          const offer = s.offers.get(offerID);
          const third = allActors.filter((a) => a !== offer?.from && a !== offer?.to);
          if (offer !== undefined && third.length > 0) {
            calls.push({ op: 'acceptTrade', args: [offerID, rng.chance(0.5) ? offer.from : rng.pick(third)] });
            calls.push({ op: 'cancelTrade', args: [offerID, rng.pick(third)] });
          }
        }

        return invalid(rng.pick(calls), 'trade parties');
      }
      case 13: {
        // Pledges to a plant of another utility.
        const calls: OpCall[] = [];
        for (const ppID of ppIDs) {
          const utility = s.plants.get(ppID)?.utility;
          const foreign = members.filter((m) => this.memberOf(m)?.utility !== utility);
          if (foreign.length > 0) {
            calls.push({ op: 'bid', args: [ppID, rng.pick(foreign), 100_00n] });
          }
        }

        return calls.length > 0 ? invalid(rng.pick(calls), 'other utility') : undefined;
      }
      case 14: {
        // Proposals about things that cannot be changed.
        const actor = member();
        if (actor === undefined) {
          return undefined;
        }
        const outsider = rng.pick([...nonMembers, ...this.strangers]);
        const calls: OpCall[] = [
          { op: 'proposeCorrection', args: [actor, outsider, actor, 1n, 0n] },
          { op: 'proposeCorrection', args: [actor, actor, outsider, 0n, 1n] },
          { op: 'proposeCorrection', args: [actor, actor, actor, 1n, 0n] },
          { op: 'proposeRemoval', args: [actor, rng.pick([...nonMembers, this.treasury])] },
        ];
        const dead = this.plantsIn('failing', 'failed', 'removing', 'removed');
        if (dead.length > 0) {
          calls.push({ op: 'proposePlantUtility', args: [actor, rng.pick(dead), 'Light'] });
        }
        const unremovable = this.plantIDs((id) => !['funding', 'closing', 'funded'].includes(s.plants.get(id)?.status ?? ''));
        if (unremovable.length > 0) {
          calls.push({ op: 'proposePlantRemoval', args: [actor, rng.pick(unremovable)] });
        }

        return invalid(rng.pick(calls), 'cannot be changed');
      }
      case 15: {
        // Members admitted after a referendum opened vote on it.
        const pairs: Array<[string, Address]> = [];
        for (const [rID, r] of s.referendums) {
          for (const m of members) {
            if ((this.memberOf(m)?.serial ?? 0) > r.lastSerial) {
              pairs.push([rID, m]);
            }
          }
        }
        if (pairs.length === 0) {
          return undefined;
        }
        const [rID, voter] = rng.pick(pairs);

        return invalid({ op: 'vote', args: [rID, voter, true] }, 'not eligible');
      }
      case 17: {
        // A member under an open removal moves holdings: frozen (v1.1 §3).
        const frozen = members.filter((m) => model.isFrozen(m));
        if (frozen.length === 0) {
          return undefined;
        }
        const actor = rng.pick(frozen);
        const partner = sameUtility(actor);
        const to = partner.length > 0 ? rng.pick(partner) : rng.pick(members);
        const calls: OpCall[] = [
          { op: 'transfer', args: [actor, to, rng.chance(0.5) ? 0n : 1n] },
          { op: 'offerTrade', args: [actor, to, 0n, 1n, week] },
          { op: 'offerTrade', args: [actor, to, 1n, 0n, 0n] },
        ];
        for (const ppID of this.plantsIn('funding')) {
          calls.push({ op: 'bid', args: [ppID, actor, model.settings.minBid] });
          if (model.bidOf(ppID, actor) > 0n) {
            calls.push({ op: 'changeBid', args: [ppID, actor, 0n] });
          }
        }
        for (const offerID of this.openOffers()) {
          const offer = s.offers.get(offerID);
          if (offer !== undefined && (offer.to === actor || offer.from === actor)) {
            calls.push({ op: 'acceptTrade', args: [offerID, offer.to] });
          }
        }

        return invalid(rng.pick(calls), 'frozen member');
      }
      case 18: {
        // Invitations refused: a member invited, a pending candidate, a second open invitation.
        const inviter = member();
        if (inviter === undefined) {
          return undefined;
        }
        const calls: OpCall[] = [{ op: 'invite', args: [inviter, rng.pick(members)] }];
        const pending = this.pending();
        if (pending.length > 0) {
          calls.push({ op: 'invite', args: [inviter, rng.pick(pending)] });
        }
        const busy = members.filter((m) => model.hasOpenInvitation(m, now + 15));
        if (busy.length > 0 && nonMembers.length > 0) {
          calls.push({ op: 'invite', args: [rng.pick(busy), rng.pick(nonMembers)] });
        }

        return invalid(rng.pick(calls), 'invitation refused');
      }
      case 19: {
        // Offers: expired or void ones accepted, validity out of bounds.
        const calls: OpCall[] = [];
        for (const [offerID, offer] of s.offers) {
          if (offer.status === 'offered' && model.offerStatus(offer, now + 15) !== 'offered') {
            calls.push({ op: 'acceptTrade', args: [offerID, offer.to] });
          }
        }
        const actor = member();
        if (actor !== undefined && !model.isFrozen(actor) && sameUtility(actor).length > 0) {
          calls.push({
            op: 'offerTrade',
            args: [actor, rng.pick(sameUtility(actor)), 0n, 1n, rng.pick([0n, -1n, BigInt(MAX_VALID_FOR + 1), BigInt(10 * MAX_VALID_FOR)])],
          });
        }

        return calls.length > 0 ? invalid(rng.pick(calls), 'offer expired, void or out of bounds') : undefined;
      }
      case 20: {
        // A utility change while the member holds quota, a pledge or an open offer (v1.1 §5).
        const bound = members.filter(
          (m) => (this.memberOf(m)?.quotaW ?? 0n) > 0n || model.livePledges(m) > 0 || model.openOffersOf(m) > 0,
        );
        if (bound.length === 0) {
          return undefined;
        }
        const actor = rng.pick(bound);
        const utility = rng.pick([...UTILITIES, OTHER_UTILITY].filter((u) => u !== this.memberOf(actor)?.utility));

        return invalid({ op: 'changeProfile', args: [actor, this.hash(), utility] }, 'utility locked');
      }
      case 21: {
        // A pledge left by an earlier membership of the address (removed, admitted again).
        const calls: OpCall[] = [];
        for (const ppID of this.plantsIn('funding')) {
          for (const [funder, pledge] of s.pledges.get(ppID) ?? []) {
            const record = this.memberOf(funder);
            if (record !== undefined && record.serial !== pledge.serial && record.utility === s.plants.get(ppID)?.utility) {
              calls.push({ op: 'bid', args: [ppID, funder, model.settings.minBid] }, { op: 'changeBid', args: [ppID, funder, 0n] });
            }
          }
        }

        return calls.length > 0 ? invalid(rng.pick(calls), 'pledge of an earlier membership') : undefined;
      }
      default: {
        // Before founding: anything; after: a stranger (another contract) as a party.
        if (!model.founded()) {
          const actor = rng.pick(allActors.filter((address) => address !== this.founder));
          const calls: OpCall[] = [
            { op: 'admission', args: [actor, this.hash(), 'Light'] },
            { op: 'invite', args: [this.founder, actor] },
            { op: 'vote', args: ['R1', this.founder, true] },
            { op: 'transfer', args: [this.founder, actor, 1n] },
            { op: 'bid', args: ['P1', this.founder, 100_00n] },
            { op: 'powerUp', args: [this.founder, 1_000n, 500_00n, 'Light', BigInt(30 * DAY)] },
            { op: 'changeProfile', args: [this.founder, this.hash(), 'Light'] },
            { op: 'offerTrade', args: [this.founder, actor, 1n, 0n, 0n] },
            { op: 'admissionResult', args: ['R1'] },
          ];

          return invalid(rng.pick(calls), 'not founded');
        }
        const actor = member() ?? this.founder;
        const stranger = rng.pick(this.strangers);

        return invalid(
          rng.pick<OpCall>([
            { op: 'transfer', args: [actor, stranger, 1n] },
            { op: 'proposeRemoval', args: [actor, stranger] },
            { op: 'proposeCorrection', args: [actor, this.treasury, stranger, 1n, 0n] },
            { op: 'offerTrade', args: [actor, stranger, 0n, 1n, week] },
          ]),
          'stranger',
        );
      }
    }
  }
}

/** Every operation name, for coverage reports. */
export const ALL_OPS = OPS;
