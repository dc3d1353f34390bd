/** Valid calls of the trade operations: offers (trades and donations), acceptances, cancellations. */
import { SEB_PER_WATT } from '../model';
import { ValidGenerator } from './view';

export const offerTrade: ValidGenerator = {
  ops: ['offerTrade'],
  weight: (v) => (v.holders.length > 0 || v.tokenHolders.length > 0 ? 5 * v.b('offerTrade') : 0),
  make: ({ g, moving, members, index }) => {
    const { rng, model } = g;
    const from = rng.pick(moving);
    const seller = g.memberOf(from);
    const partners = members.filter((member) => member !== from && g.memberOf(member)?.utility === seller?.utility);
    if (seller === undefined || partners.length === 0) {
      return undefined;
    }
    // A receiver that holds SEB, when no trade has been accepted yet.
    const paying = partners.filter((member) => g.unreserved(member).tokens > 0n && !model.isFrozen(member));
    const to = paying.length > 0 && g.boost('acceptTrade', index) > 1 ? rng.pick(paying) : rng.pick(partners);
    const free = g.unreserved(from).quotaW;
    const buyerTokens = g.unreserved(to).tokens;
    const quotaW = free > 0n && rng.chance(0.85) ? rng.big(1n, free) : 0n;
    const maxTokens = buyerTokens <= 0n ? quotaW * SEB_PER_WATT * 2n : buyerTokens;
    const tokens = quotaW > 0n && rng.chance(0.25) ? 0n : g.tokens(maxTokens > 0n ? maxTokens : 1_000_000n);
    if (quotaW === 0n && tokens === 0n) {
      return undefined;
    }

    return g.self(
      { op: 'offerTrade', args: [from, to, quotaW, tokens, tokens === 0n && rng.chance(0.5) ? 0n : g.validFor()] },
      'valid',
      tokens === 0n ? 'donate quota' : 'offer a trade',
    );
  },
};

export const acceptTrade: ValidGenerator = {
  ops: ['acceptTrade'],
  weight: (v) => (v.openOffers.length > 0 ? 5 * v.b('acceptTrade') : 0),
  make: ({ g, openOffers }) => {
    const offerID = g.rng.pick(openOffers);
    const offer = g.model.state.offers.get(offerID);

    return offer === undefined ? undefined : g.self({ op: 'acceptTrade', args: [offerID, offer.to] }, 'valid', 'accept');
  },
};

export const cancelTrade: ValidGenerator = {
  ops: ['cancelTrade'],
  weight: (v) => (v.g.offerIDs((id) => v.g.model.state.offers.get(id)?.status === 'offered').length > 0 ? 2 * v.b('cancelTrade') : 0),
  make: ({ g }) => {
    const offerID = g.rng.pick(g.offerIDs((id) => g.model.state.offers.get(id)?.status === 'offered'));
    const offer = g.model.state.offers.get(offerID);

    return offer === undefined
      ? undefined
      : g.self({ op: 'cancelTrade', args: [offerID, g.rng.chance(0.5) ? offer.from : offer.to] }, 'valid', 'cancel an offer');
  },
};
