/** Valid calls of the membership and referendum operations: invitations and admissions, votes, results. */
import { seen } from './effects';
import { applyOrInvite } from './steps';
import { Effect, resultOp } from './types';
import { ValidGenerator } from './view';

/** The effect an approved referendum of each change kind shows. */
export const WANTED: Partial<Record<string, Effect>> = {
  removal: 'removal applied',
  correction: 'correction applied',
  plantUtility: 'plant utility applied',
  plantRemoval: 'plant removed',
};

export const join: ValidGenerator = {
  ops: ['invite', 'admission'],
  weight: (v) => (v.candidates.length > 0 ? (v.members.length < 7 ? 8 : 1.5) * Math.max(v.b('admission'), v.b('invite')) : 0),
  make: (v) => applyOrInvite(v.g, 'join'),
};

export const vote: ValidGenerator = {
  ops: ['vote'],
  weight: (v) => (v.votable.length > 0 ? 14 * v.b('vote') : 0),
  make: ({ g, votable, members, now }) => {
    const { rng, model } = g;
    const s = model.state;
    // Referendums whose outcome the run has not shown yet, else mostly the oldest open
    // one (so referendums get decided), sometimes any.
    const wanted = votable.filter((id) => {
      const effect = WANTED[s.referendums.get(id)?.kind ?? ''];

      return effect !== undefined && !seen(g, effect);
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
      effect !== undefined && !seen(g, effect)
        ? 0.95
        : kind === 'admission' || kind === 'powerUp'
        ? 0.85
        : kind === 'correction'
        ? 0.7
        : kind === 'plantUtility'
        ? 0.6
        : 0.45;

    return g.self({ op: 'vote', args: [rID, voter, rng.chance(yes)] }, 'valid', `vote on ${kind}`);
  },
};

export const result: ValidGenerator = {
  ops: ['admissionResult', 'powerUpResult', 'changeResult'],
  weight: (v) => (v.decidable.length > 0 ? 10 : 0),
  make: ({ g, decidable }) => {
    const rID = g.rng.pick(decidable);
    const kind = g.model.state.referendums.get(rID)?.kind;

    return g.self({ op: resultOp(kind), args: [rID] }, 'valid', `result of ${kind}`);
  },
};
