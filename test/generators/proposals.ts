/** Valid proposals of changes: corrections, member removals, plant utilities, plant removals. */
import { removalSubject } from './steps';
import { OTHER_UTILITY, UTILITIES } from './types';
import { ValidGenerator } from './view';

export const proposeCorrection: ValidGenerator = {
  ops: ['proposeCorrection'],
  weight: (v) => (v.members.length >= 2 ? v.propose('proposeCorrection') * v.b('proposeCorrection') * v.want('correction applied') : 0),
  make: ({ g, members }) => {
    const rng = g.rng;
    const sides = [...members, g.treasury];
    const quotaHolders = sides.filter((side) => g.unreserved(side).quotaW > 0n);
    const from = quotaHolders.length > 0 && rng.chance(0.8) ? rng.pick(quotaHolders) : rng.pick(sides);
    const to = rng.pick(sides.filter((side) => side !== from));
    const fromQuota = g.unreserved(from).quotaW;
    const toTokens = g.unreserved(to).tokens;
    const quotaW = fromQuota > 0n && rng.chance(0.8) ? rng.big(0n, fromQuota) : 0n;
    const tokens = toTokens > 0n && (quotaW === 0n || rng.chance(0.6)) ? g.tokens(toTokens) : 0n;
    if (quotaW === 0n && tokens === 0n) {
      return undefined;
    }

    return g.self({ op: 'proposeCorrection', args: [rng.pick(members), from, to, quotaW, tokens] }, 'valid', 'propose a correction');
  },
};

export const proposeRemoval: ValidGenerator = {
  ops: ['proposeRemoval'],
  weight: (v) =>
    v.members.length >= 5 || (v.members.length >= 2 && v.b('proposeRemoval') > 1)
      ? 0.7 * v.propose('proposeRemoval') * v.b('proposeRemoval') * v.want('removal applied')
      : 0,
  make: ({ g, members }) =>
    g.self({ op: 'proposeRemoval', args: [g.rng.pick(members), removalSubject(g, members)] }, 'valid', 'propose a removal'),
};

export const proposePlantUtility: ValidGenerator = {
  ops: ['proposePlantUtility'],
  weight: (v) =>
    v.g.plantsIn('funding', 'closing', 'funded', 'operating').length > 0
      ? 0.6 * v.propose('proposePlantUtility') * v.b('proposePlantUtility') * v.want('plant utility applied')
      : 0,
  make: ({ g, members }) =>
    g.self(
      {
        op: 'proposePlantUtility',
        args: [g.rng.pick(members), g.rng.pick(g.plantsIn('funding', 'closing', 'funded', 'operating')), g.rng.pick([...UTILITIES, OTHER_UTILITY])],
      },
      'valid',
      'propose a plant utility',
    ),
};

export const proposePlantRemoval: ValidGenerator = {
  ops: ['proposePlantRemoval'],
  weight: (v) =>
    v.g.plantsIn('funding', 'closing', 'funded').length > 0
      ? 0.5 * v.propose('proposePlantRemoval') * v.b('proposePlantRemoval') * v.want('plant removed')
      : 0,
  make: ({ g, members }) =>
    g.self(
      { op: 'proposePlantRemoval', args: [g.rng.pick(members), g.rng.pick(g.plantsIn('funding', 'closing', 'funded'))] },
      'valid',
      'propose a plant removal',
    ),
};
