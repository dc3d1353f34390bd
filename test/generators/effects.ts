/**
 * The effects a run aims at (types.ts EFFECTS): one check per effect of whether the run
 * has shown it, from the model's state, or — for what the state afterwards does not show
 * — from `effectsOf` a startOperation, recorded by the test when the call succeeds.
 */
import { quotasOf } from '../../src/domain/apportion';
import { OpCall } from '../model';
import { Gen } from './context';
import { Effect, EFFECTS } from './types';

const referendums = (g: Gen) => [...g.model.state.referendums.values()];
const plants = (g: Gen) => [...g.model.state.plants.values()];
const recorded = (effect: Effect) => (g: Gen): boolean => g.started.has(effect);

/** Effect → whether the run has reached it. */
export const EFFECT_CHECKS: Readonly<Record<Effect, (g: Gen) => boolean>> = {
  'admission rejected': (g) => referendums(g).some((r) => r.kind === 'admission' && r.status === 'rejected'),
  'powerUp rejected': (g) => referendums(g).some((r) => r.kind === 'powerUp' && r.status === 'rejected'),
  'removal applied': (g) => referendums(g).some((r) => r.kind === 'removal' && r.status === 'approved'),
  'correction applied': (g) => referendums(g).some((r) => r.kind === 'correction' && r.status === 'approved'),
  'change lapsed': (g) => referendums(g).some((r) => r.status === 'lapsed'),
  'plant utility applied': (g) => referendums(g).some((r) => r.kind === 'plantUtility' && r.status === 'approved'),
  // With pledges cancelled (done > 0), not just an empty plant closed.
  'plant removed': (g) => plants(g).some((plant) => plant.status === 'removed' && plant.done > 0),
  'crowdfunding failed': (g) => plants(g).some((plant) => plant.status === 'failed' && plant.done > 0),
  'oversubscribed plant funded': (g) =>
    plants(g).some((plant) => plant.pledged > plant.cost && ['funded', 'operating'].includes(plant.status)),
  'tie decided by pledge order': recorded('tie decided by pledge order'),
  "removed funder's share to the treasury": recorded("removed funder's share to the treasury"),
  'offer expired': (g) => [...g.model.state.offers.values()].some((offer) => offer.status !== 'accepted' && offer.expiresAt < g.now),
};

export const seen = (g: Gen, effect: Effect): boolean => EFFECT_CHECKS[effect](g);

export const effectsSeen = (g: Gen): Effect[] => EFFECTS.filter((effect) => seen(g, effect));

/**
 * What a call would show that the state afterwards does not (call it before running the
 * call; record the result if the call succeeded): a startOperation whose apportionment
 * depends on the pledge order, or that issues a removed funder's share to the treasury.
 */
export const effectsOf = (g: Gen, call: OpCall): Effect[] => {
  const s = g.model.state;
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
};
