/** Time jumps of 0 to 40 days: uniform, or just past an upcoming deadline (so processes close). */
import { Gen } from './context';
import { MAX_JUMP, Step } from './types';

export const jump = (g: Gen, now: number, stalled = false): Step => {
  const rng = g.rng;
  const upcoming = g.model
    .deadlines()
    .filter((time) => time > now)
    .sort((a, b) => a - b);
  // Funded plants' start times first: they are the longest waits.
  const starts = [...g.model.state.plants.values()]
    .filter((plant) => plant.status === 'funded' && plant.fundedAt + plant.timeToMarket > now)
    .map((plant) => plant.fundedAt + plant.timeToMarket);
  if ((stalled || rng.chance(0.6)) && upcoming.length > 0) {
    const target =
      starts.length > 0 && (stalled || rng.chance(0.5)) ? rng.pick(starts) : rng.chance(0.7) ? upcoming[0] : rng.pick(upcoming);
    const seconds = Math.min(MAX_JUMP, Math.max(0, target - now) + rng.int(1_200, 2 * 86_400));

    return { kind: 'jump', seconds, note: 'past a deadline' };
  }

  return { kind: 'jump', seconds: rng.chance(0.1) ? 0 : rng.int(0, MAX_JUMP), note: 'uniform' };
};
