/**
 * Random operations for the MTEMsm random test (test/random.test.ts): a seeded PRNG
 * (rng.ts) and a state-aware generator that mixes valid operations (chosen so the group
 * makes progress) with invalid ones, plus missions towards effects a run should show.
 *
 * One small generator per operation or per mistake, in tables like the auditor's event
 * handlers (src/audit/rebuild.ts):
 * - valid.ts VALID (operation generators, in membership.ts, plants.ts, trades.ts,
 *   ledger.ts, proposals.ts; GENERATORS_OF maps each operation to them),
 * - invalid.ts CATEGORIES (one per kind of mistake),
 * - missions.ts MISSIONS (one per effect), effects.ts EFFECT_CHECKS (one per effect),
 * - time.ts (jumps), steps.ts (steps several of them build).
 *
 * Pure TypeScript on the model (test/model.ts): no neo-one, so it can also be run
 * offline against the model alone. The model, not the generator, decides what is valid:
 * the generator's "intent" is only used to steer the mix.
 */
import { Address, Model, OpCall, OPS } from '../model';
import { Gen } from './context';
import { effectsOf, effectsSeen, seen } from './effects';
import { invalid, NOT_FOUNDED } from './invalid';
import { mission, MISSION_SHARE } from './missions';
import { Rng } from './rng';
import { jump } from './time';
import { Actor, Coverage, Effect, Step } from './types';
import { valid } from './valid';

export { Rng } from './rng';
export { EFFECTS, newCoverage, UTILITIES } from './types';
export type { Actor, Coverage, Effect, OpStep, Step } from './types';
export { GENERATORS_OF, VALID } from './valid';
export { CATEGORIES } from './invalid';
export { MISSIONS, MISSION_ORDER } from './missions';
export { EFFECT_CHECKS } from './effects';

/** The generator: `next()` returns the next step for the model's current state. */
export class Generator {
  private readonly g: Gen;

  public constructor(rng: Rng, model: Model, actors: readonly Actor[], coverage: Coverage, strangers: readonly Address[]) {
    this.g = new Gen(rng, model, actors, coverage, strangers);
  }

  /**
   * The next step at block time `now` with `index` steps done of `total`. `invalidShare`
   * is the probability of aiming at an invalid operation.
   */
  public next(now: number, index: number, total: number, invalidShare = 0.26): Step {
    const g = this.g;
    g.total = total;
    g.now = now;
    const { rng, model } = g;
    if (!model.founded()) {
      // A few calls before the group is founded, then the founder founds it.
      if (index < 3 && rng.chance(0.6)) {
        const step = invalid(g, now, NOT_FOUNDED);
        if (step !== undefined) {
          return step;
        }
      }

      return g.op({ op: 'admission', args: [g.founder, g.hash(), 'Light'] }, g.founder, 'valid', 'found the group');
    }
    if (g.members().length === 1 && rng.chance(0.3)) {
      // The founder alone: the last member cannot be removed.
      return g.self({ op: 'proposeRemoval', args: [g.founder, g.founder] }, 'invalid', 'last member');
    }
    const waiting = g.plantIDs((ppID) => {
      const plant = model.state.plants.get(ppID);

      return plant !== undefined && plant.status === 'funded' && now < plant.fundedAt + plant.timeToMarket;
    });
    if (waiting.length > 0 && index > 100 && g.uncovered('startOperation') && rng.chance(0.3)) {
      // Nothing has operated yet: let a funded plant reach its start.
      return jump(g, now, true);
    }
    const votable = [...model.state.referendums.keys()].some((rID) => g.members().some((member) => model.canVote(rID, member, now)));
    if (rng.chance(index < 30 ? 0.02 : votable ? 0.035 : 0.07)) {
      return jump(g, now);
    }
    if (rng.chance(invalidShare)) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const step = invalid(g, now);
        if (step !== undefined) {
          return step;
        }
      }
    }
    const late = index > total - 80 && OPS.some((op) => g.uncovered(op));
    if (index > 20 && rng.chance(late ? 0.15 : MISSION_SHARE)) {
      // Work towards an outcome the run has not shown yet.
      const step = mission(g, now);
      if (step !== undefined && (step.kind === 'jump' || g.ok(step.call, now))) {
        return step;
      }
    }
    for (let attempt = 0; attempt < 12; attempt++) {
      const step = valid(g, now, index);
      if (step === undefined) {
        break;
      }
      if (step.kind === 'jump' || g.ok(step.call, now)) {
        return step;
      }
    }

    return jump(g, now, true);
  }

  /** A jump of 0 to 40 days: uniform, or just past the next deadline. */
  public jump(now: number, stalled = false): Step {
    return jump(this.g, now, stalled);
  }

  /** Whether the run has reached an effect. */
  public seen(effect: Effect): boolean {
    return seen(this.g, effect);
  }

  public effects(): Effect[] {
    return effectsSeen(this.g);
  }

  /** What a call would show that the state afterwards does not (call before running it; `record` it if it succeeded). */
  public effectsOf(call: OpCall): Effect[] {
    return effectsOf(this.g, call);
  }

  public record(effects: readonly Effect[]): void {
    effects.forEach((effect) => this.g.started.add(effect));
  }
}
