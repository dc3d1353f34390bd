/** Valid calls of the ledger's operations: SEB transfers (donations, and more than held: false) and profile changes. */
import { UTILITIES } from './types';
import { ValidGenerator } from './view';

export const transfer: ValidGenerator = {
  ops: ['transfer'],
  weight: (v) => (v.moving.length > 0 && v.members.length > 1 ? 3 * v.b('transfer') : 0),
  make: ({ g, tokenHolders, moving, members }) => {
    const rng = g.rng;
    const from = tokenHolders.length > 0 && rng.chance(0.8) ? rng.pick(tokenHolders) : rng.pick(moving);
    const roll = rng.float();
    const to = roll < 0.1 ? g.treasury : roll < 0.15 ? from : rng.pick(members.filter((member) => member !== from));
    const free = g.unreserved(from).tokens;
    const amount = roll > 0.9 || free <= 0n ? (rng.chance(0.5) ? 0n : free + g.tokens(100_000_000n)) : g.tokens(free);

    return g.self({ op: 'transfer', args: [from, to, amount] }, 'valid', amount > free ? 'transfer more than it holds (false)' : 'donate SEB');
  },
};

export const changeProfile: ValidGenerator = {
  ops: ['changeProfile'],
  weight: (v) => 0.8 * v.b('changeProfile'),
  make: ({ g, members }) => {
    const { rng, model } = g;
    const member = rng.pick(members);
    const current = g.memberOf(member)?.utility ?? 'Light';
    const free = (g.memberOf(member)?.quotaW ?? 0n) === 0n && model.livePledges(member) === 0 && model.openOffersOf(member) === 0;
    const utility = rng.chance(free ? 0.5 : 0.1) ? rng.pick(UTILITIES.filter((u) => u !== current)) : current;

    return g.self({ op: 'changeProfile', args: [member, g.hash(), utility] }, 'valid', 'change profile');
  },
};
