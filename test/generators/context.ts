/**
 * What every generator reads: the seeded PRNG, the model (test/model.ts) and the run's
 * coverage, with the questions generators ask of them (members in admission order,
 * unreserved holdings, who may pledge, ...). Pure TypeScript: no neo-one.
 */
import { Address, Model, OpCall, OpName } from '../model';
import { actingAddress } from '../model';
import { Rng } from './rng';
import { Actor, Candidate, Coverage, Effect, Step, VALID_FOR } from './types';

export class Gen {
  /** The run's planned length (operations), for the late coverage boosts. */
  public total = 0;
  /** The block time the next step is generated at. */
  public now = 0;
  /** Effects a sent call showed that the state afterwards does not (effects.ts). */
  public readonly started = new Set<Effect>();

  public constructor(
    public readonly rng: Rng,
    public readonly model: Model,
    /** The founder first, then the other accounts. */
    public readonly actors: readonly Actor[],
    public readonly coverage: Coverage,
    /** Addresses that are neither members nor the treasury (e.g. the other contracts). */
    public readonly strangers: readonly Address[],
  ) {}

  public get founder(): Address {
    return this.actors[0].address;
  }

  public get treasury(): Address {
    return this.model.settings.treasury;
  }

  public hash(): string {
    return `0x${this.rng.hex(32)}`;
  }

  public op(call: OpCall, signer: Address, intent: 'valid' | 'invalid', note: string): Step {
    return { kind: 'op', call, signer, intent, note };
  }

  /** Signed by the acting address (or by anyone, for calls that need no witness). */
  public self(call: OpCall, intent: 'valid' | 'invalid', note: string): Step {
    const acting = actingAddress(call);

    return this.op(call, acting ?? this.rng.pick(this.actors).address, intent, note);
  }

  /** Members in admission order. */
  public members(): Address[] {
    return [...this.model.state.members.entries()].sort((a, b) => a[1].serial - b[1].serial).map(([address]) => address);
  }

  public nonMembers(): Address[] {
    return this.actors.map((actor) => actor.address).filter((address) => !this.model.isMember(address));
  }

  /** Candidates whose admission referendum is open. */
  public pending(): Address[] {
    return [...this.model.state.invitations.entries()].filter(([, inv]) => inv.rID !== '').map(([candidate]) => candidate);
  }

  public memberOf(address: Address) {
    return this.model.state.members.get(address);
  }

  public unreserved(address: Address): { quotaW: bigint; tokens: bigint } {
    const s = this.model.state;
    const reserved = this.model.reservedOf(address);
    const held =
      address === this.treasury
        ? { quotaW: s.treasuryQuotaW, tokens: s.treasuryTokens }
        : { quotaW: this.memberOf(address)?.quotaW ?? 0n, tokens: this.memberOf(address)?.tokens ?? 0n };

    return { quotaW: held.quotaW - reserved.quotaW, tokens: held.tokens - reserved.tokens };
  }

  public referendumIDs(filter: (rID: string) => boolean = () => true): string[] {
    return [...this.model.state.referendums.keys()].filter(filter);
  }

  public plantIDs(filter: (ppID: string) => boolean = () => true): string[] {
    return [...this.model.state.plants.keys()].filter(filter);
  }

  public plantsIn(...statuses: string[]): string[] {
    return this.plantIDs((ppID) => statuses.includes(this.model.state.plants.get(ppID)?.status ?? ''));
  }

  public offerIDs(filter: (offerID: string) => boolean = () => true): string[] {
    return [...this.model.state.offers.keys()].filter(filter);
  }

  /** Offers that can still be accepted now (recorded offered, both memberships there, not expired). */
  public openOffers(): string[] {
    return this.offerIDs((id) => {
      const offer = this.model.state.offers.get(id);

      return offer !== undefined && this.model.offerStatus(offer, this.now + 15) === 'offered';
    });
  }

  public utility(): string {
    return this.rng.chance(0.8) ? 'Light' : 'Cemig';
  }

  public validFor(): bigint {
    return BigInt(this.rng.pick(VALID_FOR) + this.rng.int(0, 3_600));
  }

  /** An amount of raw SEB with up to 8 decimals, mostly rounder values. */
  public tokens(max: bigint): bigint {
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

  public missing(ppID: string): bigint {
    return this.model.missing(ppID);
  }

  /** Members who may pledge for the plant now (its utility, not frozen, no pledge of an earlier membership). */
  public bidders(ppID: string): Address[] {
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

  /** One of the candidates, by weight; a candidate that gives up is dropped and another drawn (6 tries). */
  public weighted(candidates: readonly Candidate[]): Step | undefined {
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
  public boost(op: OpName, index: number): number {
    if ((this.coverage.succeeded.get(op) ?? 0) > 0) {
      return 1;
    }

    return index > this.total - 70 ? 40 : index > 30 ? 8 : 1;
  }

  public uncovered(op: OpName): boolean {
    return (this.coverage.succeeded.get(op) ?? 0) === 0;
  }

  /** Whether the model accepts the call at the client's test invocation time (witnesses aside). */
  public ok(call: OpCall, now: number): boolean {
    return this.model.clone().apply(call, { now: now + 15, skipWitness: true }).ok;
  }
}
