/**
 * Invalid calls, one generator per kind of mistake (CATEGORIES, drawn uniformly): a
 * non-member acting, double votes, wrong ID kinds, closed processes, pledge limits,
 * negative amounts and bounds, more than the unreserved holdings, missing witnesses,
 * bad utilities, results too early, refused admissions, trade parties, other
 * utilities, things that cannot be changed, ineligible voters, frozen members,
 * refused invitations, expired or void offers, locked utilities, pledges of an
 * earlier membership, and (before founding) anything or (after) a stranger as a
 * party. The model decides what is rejected and with which message.
 */
import { Address, DAY, MAX_COST, MAX_TIME_TO_MARKET, MAX_VALID_FOR, Model, OpCall, actingAddress } from '../model';
import { Gen } from './context';
import { OTHER_UTILITY, resultOp, Step, UTILITIES } from './types';
import { valid } from './valid';

/** What the invalid generators share, worked out once per step (the pickers draw from the PRNG when called). */
interface InvalidView {
  readonly g: Gen;
  readonly rng: Gen['rng'];
  readonly model: Model;
  readonly s: Model['state'];
  readonly now: number;
  readonly members: readonly Address[];
  readonly nonMembers: readonly Address[];
  readonly allActors: readonly Address[];
  readonly anyone: () => Address;
  readonly member: () => Address | undefined;
  readonly rIDs: readonly string[];
  readonly ppIDs: readonly string[];
  /** An existing ID of the kind mostly, else one past the last. */
  readonly someRef: () => string;
  readonly somePlant: () => string;
  readonly someOffer: () => string;
  readonly invalid: (call: OpCall, note: string) => Step;
  readonly badUtility: () => string;
  readonly week: bigint;
  /** The other members of an address's utility. */
  readonly sameUtility: (address: Address) => Address[];
}

type InvalidGenerator = (v: InvalidView) => Step | undefined;

const viewOf = (g: Gen, now: number): InvalidView => {
  const { rng, model } = g;
  const members = g.members();
  const rIDs = g.referendumIDs();
  const ppIDs = g.plantIDs();
  const offerIDs = g.offerIDs();
  const allActors = g.actors.map((actor) => actor.address);

  return {
    g,
    rng,
    model,
    s: model.state,
    now,
    members,
    nonMembers: g.nonMembers(),
    allActors,
    anyone: () => rng.pick(allActors),
    member: () => (members.length > 0 ? rng.pick(members) : undefined),
    rIDs,
    ppIDs,
    someRef: () => (rIDs.length > 0 && rng.chance(0.85) ? rng.pick(rIDs) : `R${rIDs.length + rng.int(1, 9)}`),
    somePlant: () => (ppIDs.length > 0 && rng.chance(0.85) ? rng.pick(ppIDs) : `P${ppIDs.length + rng.int(1, 9)}`),
    someOffer: () => (offerIDs.length > 0 && rng.chance(0.85) ? rng.pick(offerIDs) : `T${offerIDs.length + rng.int(1, 9)}`),
    invalid: (call, note) => g.self(call, 'invalid', note),
    badUtility: () => rng.pick(['', 'x'.repeat(65), 'é'.repeat(33), `${'y'.repeat(63)}é`]),
    week: BigInt(7 * 86_400),
    sameUtility: (a) => members.filter((m) => m !== a && g.memberOf(m)?.utility === g.memberOf(a)?.utility),
  };
};

const nonMember: InvalidGenerator = (v) => {
  const { g, rng, nonMembers, member, someRef, somePlant, someOffer, invalid, week } = v;
  // A non-member acts.
  if (nonMembers.length === 0) {
    return undefined;
  }
  const outsider = rng.pick(nonMembers);
  const target = member() ?? g.founder;
  const calls: OpCall[] = [
    { op: 'vote', args: [someRef(), outsider, true] },
    { op: 'invite', args: [outsider, rng.pick(nonMembers)] },
    { op: 'powerUp', args: [outsider, 1_000n, 500_00n, 'Light', BigInt(30 * DAY)] },
    { op: 'bid', args: [somePlant(), outsider, 100_00n] },
    { op: 'changeBid', args: [somePlant(), outsider, 0n] },
    { op: 'offerTrade', args: [outsider, target, 1n, 0n, 0n] },
    { op: 'offerTrade', args: [outsider, target, 1n, 5n, week] },
    { op: 'transfer', args: [outsider, target, 1n] },
    { op: 'changeProfile', args: [outsider, g.hash(), 'Light'] },
    { op: 'proposeCorrection', args: [outsider, target, g.treasury, 1n, 0n] },
    { op: 'proposeRemoval', args: [outsider, target] },
    { op: 'proposePlantUtility', args: [outsider, somePlant(), 'Light'] },
    { op: 'proposePlantRemoval', args: [outsider, somePlant()] },
    { op: 'acceptTrade', args: [someOffer(), outsider] },
    { op: 'cancelTrade', args: [someOffer(), outsider] },
  ];

  return invalid(rng.pick(calls), 'non-member');
};

const doubleVote: InvalidGenerator = (v) => {
  const { rng, s, invalid } = v;
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
};

const wrongKind: InvalidGenerator = (v) => {
  const { g, rng, s, member, someRef, somePlant, someOffer, invalid } = v;
  // Wrong kinds of ID (and unknown IDs).
  const plantOrOffer = (): string => (rng.chance(0.5) ? somePlant() : someOffer());
  const refOrOffer = (): string => (rng.chance(0.5) ? someRef() : someOffer());
  const refOrPlant = (): string => (rng.chance(0.5) ? someRef() : somePlant());
  const kindRef = (kinds: readonly string[]): string => {
    const matching = g.referendumIDs((rID) => kinds.includes(s.referendums.get(rID)?.kind ?? ''));

    return matching.length > 0 ? rng.pick(matching) : plantOrOffer();
  };
  const voter = member() ?? g.founder;
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
};

const closedProcess: InvalidGenerator = (v) => {
  const { g, rng, model, s, members, invalid, now } = v;
  // Closed processes.
  const closedRefs = g.referendumIDs((rID) => {
    const r = s.referendums.get(rID);

    return r !== undefined && (r.status !== 'open' || now > r.endsAt);
  });
  const calls: OpCall[] = [];
  if (closedRefs.length > 0) {
    const rID = rng.pick(closedRefs);
    const r = s.referendums.get(rID);
    const eligible = members.filter((m) => (g.memberOf(m)?.serial ?? Infinity) <= (r?.lastSerial ?? 0) && !model.hasVoted(rID, m));
    if (eligible.length > 0) {
      calls.push({ op: 'vote', args: [rID, rng.pick(eligible), rng.chance(0.5)] });
    }
    if (r !== undefined && r.status !== 'open') {
      calls.push({ op: resultOp(r.kind), args: [rID] });
    }
  }
  const notFunding = g.plantIDs((ppID) => !['funding', 'closing'].includes(s.plants.get(ppID)?.status ?? ''));
  if (notFunding.length > 0) {
    const ppID = rng.pick(notFunding);
    const bidders = g.bidders(ppID);
    if (bidders.length > 0) {
      calls.push({ op: 'bid', args: [ppID, rng.pick(bidders), 100_00n] });
    }
    calls.push({ op: 'crowdfundingPage', args: [ppID, 0n] });
  }
  const notCancelling = g.plantIDs((ppID) => !['failing', 'removing'].includes(s.plants.get(ppID)?.status ?? ''));
  if (notCancelling.length > 0) {
    calls.push({ op: 'cancelPledges', args: [rng.pick(notCancelling)] });
  }
  const notStartable = g.plantIDs((ppID) => {
    const plant = s.plants.get(ppID);

    return plant !== undefined && (plant.status !== 'funded' || now < plant.fundedAt + plant.timeToMarket);
  });
  if (notStartable.length > 0) {
    const ppID = rng.pick(notStartable);
    calls.push(s.plants.get(ppID)?.status === 'funded' ? { op: 'startOperation', args: [ppID] } : { op: 'startOperationPage', args: [ppID, 1n] });
  }
  const closedOffers = g.offerIDs((id) => s.offers.get(id)?.status !== 'offered');
  if (closedOffers.length > 0) {
    const offerID = rng.pick(closedOffers);
    const offer = s.offers.get(offerID);
    if (offer !== undefined) {
      calls.push({ op: 'acceptTrade', args: [offerID, offer.to] }, { op: 'cancelTrade', args: [offerID, offer.from] });
    }
  }

  return calls.length > 0 ? invalid(rng.pick(calls), 'closed process') : undefined;
};

const pledgeLimits: InvalidGenerator = (v) => {
  const { g, rng, model, s, invalid, now } = v;
  // Pledges above the cost or under the minimum bid.
  const funding = g.plantIDs((ppID) => {
    const plant = s.plants.get(ppID);

    return plant !== undefined && plant.status === 'funding' && now <= plant.fundingEndsAt;
  });
  if (funding.length === 0) {
    return undefined;
  }
  const ppID = rng.pick(funding);
  const bidders = g.bidders(ppID);
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
};

const badAmounts: InvalidGenerator = (v) => {
  const { g, rng, members, anyone, member, somePlant, invalid, week } = v;
  // Negative or zero amounts, and the bounds of a plant.
  const actor = member() ?? anyone();
  const other = rng.pick(members.filter((m) => m !== actor).concat(g.founder));
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
};

const beyondHoldings: InvalidGenerator = (v) => {
  const { g, rng, model, s, members, invalid, week, sameUtility } = v;
  // Trades, transfers and corrections beyond the unreserved holdings.
  const calls: OpCall[] = [];
  for (const from of members.filter((m) => !model.isFrozen(m))) {
    const partners = sameUtility(from);
    const free = g.unreserved(from);
    if (partners.length > 0) {
      calls.push({ op: 'offerTrade', args: [from, rng.pick(partners), free.quotaW + rng.big(1n, 1000n), 1n, week] });
      calls.push({ op: 'offerTrade', args: [from, rng.pick(partners), free.quotaW + rng.big(1n, 1000n), 0n, 0n] });
      calls.push({ op: 'transfer', args: [from, rng.pick(partners), free.tokens + rng.big(1n, 100_000_000n)] });
    }
    const to = rng.pick([...members.filter((m) => m !== from), g.treasury]);
    calls.push({ op: 'proposeCorrection', args: [rng.pick(members), from, to, free.quotaW + rng.big(1n, 100n), 0n] });
    calls.push({ op: 'proposeCorrection', args: [rng.pick(members), to, from, 0n, free.tokens + rng.big(1n, 1000n)] });
  }
  const treasuryFree = g.unreserved(g.treasury);
  if (members.length > 0) {
    calls.push({ op: 'proposeCorrection', args: [rng.pick(members), g.treasury, rng.pick(members), treasuryFree.quotaW + 1n, 0n] });
  }
  for (const offerID of g.openOffers()) {
    const offer = s.offers.get(offerID);
    if (offer !== undefined && g.unreserved(offer.to).tokens < offer.tokens) {
      calls.push({ op: 'acceptTrade', args: [offerID, offer.to] });
    }
  }

  return calls.length > 0 ? invalid(rng.pick(calls), 'beyond the unreserved holdings') : undefined;
};

const missingWitness: InvalidGenerator = (v) => {
  const { g, rng, allActors, invalid, now } = v;
  // Missing witness: a call that would be valid, signed by another account.
  const step = valid(g, now, 0);
  if (step === undefined || step.kind !== 'op') {
    return undefined;
  }
  const acting = actingAddress(step.call);
  if (acting === undefined) {
    return undefined;
  }
  const signer = rng.pick(allActors.filter((address) => address !== acting));

  return g.op(step.call, signer, 'invalid', `missing witness (${step.note})`);
};

const badUtilities: InvalidGenerator = (v) => {
  const { g, rng, nonMembers, member, invalid, badUtility } = v;
  // Utilities: empty, over 64 bytes.
  const actor = member() ?? g.founder;
  const calls: OpCall[] = [
    { op: 'changeProfile', args: [actor, g.hash(), badUtility()] },
    { op: 'powerUp', args: [actor, 1_000n, 500_00n, badUtility(), BigInt(30 * DAY)] },
    { op: 'admission', args: [nonMembers.length > 0 ? rng.pick(nonMembers) : actor, g.hash(), badUtility()] },
  ];
  const live = g.plantsIn('funding', 'closing', 'funded', 'operating');
  if (live.length > 0) {
    calls.push({ op: 'proposePlantUtility', args: [actor, rng.pick(live), badUtility()] });
  }

  return invalid(rng.pick(calls), 'bad utility');
};

const tooEarly: InvalidGenerator = (v) => {
  const { g, rng, model, s, invalid, now } = v;
  // Results asked too early.
  const calls: OpCall[] = [];
  for (const rID of g.referendumIDs((id) => s.referendums.get(id)?.status === 'open' && !model.decidable(id, now))) {
    calls.push({ op: resultOp(s.referendums.get(rID)?.kind), args: [rID] });
  }
  for (const ppID of g.plantIDs((id) => s.plants.get(id)?.status === 'funding' && !model.closable(id, now))) {
    calls.push(rng.chance(0.5) ? { op: 'crowdfundingResult', args: [ppID] } : { op: 'crowdfundingPage', args: [ppID, 0n] });
  }

  return calls.length > 0 ? invalid(rng.pick(calls), 'too early') : undefined;
};

const admissionRefused: InvalidGenerator = (v) => {
  const { g, rng, model, members, nonMembers, invalid, now } = v;
  // Admission requests from members, pending candidates, or without an open invitation.
  const applicants = [...members, ...g.pending(), ...nonMembers.filter((a) => !model.invitedNow(a, now + 15))];

  return applicants.length > 0
    ? invalid({ op: 'admission', args: [rng.pick(applicants), g.hash(), 'Light'] }, 'admission refused')
    : undefined;
};

const tradeParties: InvalidGenerator = (v) => {
  const { g, rng, model, s, members, nonMembers, allActors, member, invalid, week } = v;
  // Trade parties: other utility, non-member receiver, self, third parties.
  const actor = member();
  if (actor === undefined || model.isFrozen(actor)) {
    return undefined;
  }
  const utility = g.memberOf(actor)?.utility;
  const foreign = members.filter((m) => g.memberOf(m)?.utility !== utility);
  const outsiders = [...nonMembers, g.treasury, ...g.strangers];
  const calls: OpCall[] = [
    { op: 'offerTrade', args: [actor, rng.pick(outsiders), 0n, 1n, week] },
    { op: 'offerTrade', args: [actor, actor, 0n, 1n, week] },
    { op: 'transfer', args: [actor, rng.pick([...nonMembers, ...g.strangers]), 1n] },
  ];
  if (foreign.length > 0) {
    calls.push({ op: 'offerTrade', args: [actor, rng.pick(foreign), 0n, 1n, week] });
  }
  for (const offerID of g.openOffers()) {
    const offer = s.offers.get(offerID);
    const third = allActors.filter((a) => a !== offer?.from && a !== offer?.to);
    if (offer !== undefined && third.length > 0) {
      calls.push({ op: 'acceptTrade', args: [offerID, rng.chance(0.5) ? offer.from : rng.pick(third)] });
      calls.push({ op: 'cancelTrade', args: [offerID, rng.pick(third)] });
    }
  }

  return invalid(rng.pick(calls), 'trade parties');
};

const otherUtility: InvalidGenerator = (v) => {
  const { g, rng, s, members, ppIDs, invalid } = v;
  // Pledges to a plant of another utility.
  const calls: OpCall[] = [];
  for (const ppID of ppIDs) {
    const utility = s.plants.get(ppID)?.utility;
    const foreign = members.filter((m) => g.memberOf(m)?.utility !== utility);
    if (foreign.length > 0) {
      calls.push({ op: 'bid', args: [ppID, rng.pick(foreign), 100_00n] });
    }
  }

  return calls.length > 0 ? invalid(rng.pick(calls), 'other utility') : undefined;
};

const cannotChange: InvalidGenerator = (v) => {
  const { g, rng, s, nonMembers, member, invalid } = v;
  // Proposals about things that cannot be changed.
  const actor = member();
  if (actor === undefined) {
    return undefined;
  }
  const outsider = rng.pick([...nonMembers, ...g.strangers]);
  const calls: OpCall[] = [
    { op: 'proposeCorrection', args: [actor, outsider, actor, 1n, 0n] },
    { op: 'proposeCorrection', args: [actor, actor, outsider, 0n, 1n] },
    { op: 'proposeCorrection', args: [actor, actor, actor, 1n, 0n] },
    { op: 'proposeRemoval', args: [actor, rng.pick([...nonMembers, g.treasury])] },
  ];
  const dead = g.plantsIn('failing', 'failed', 'removing', 'removed');
  if (dead.length > 0) {
    calls.push({ op: 'proposePlantUtility', args: [actor, rng.pick(dead), 'Light'] });
  }
  const unremovable = g.plantIDs((id) => !['funding', 'closing', 'funded'].includes(s.plants.get(id)?.status ?? ''));
  if (unremovable.length > 0) {
    calls.push({ op: 'proposePlantRemoval', args: [actor, rng.pick(unremovable)] });
  }

  return invalid(rng.pick(calls), 'cannot be changed');
};

const notEligible: InvalidGenerator = (v) => {
  const { g, rng, s, members, invalid } = v;
  // Members admitted after a referendum opened vote on it.
  const pairs: Array<[string, Address]> = [];
  for (const [rID, r] of s.referendums) {
    for (const m of members) {
      if ((g.memberOf(m)?.serial ?? 0) > r.lastSerial) {
        pairs.push([rID, m]);
      }
    }
  }
  if (pairs.length === 0) {
    return undefined;
  }
  const [rID, voter] = rng.pick(pairs);

  return invalid({ op: 'vote', args: [rID, voter, true] }, 'not eligible');
};

const frozenMember: InvalidGenerator = (v) => {
  const { g, rng, model, s, members, member, invalid, week, sameUtility } = v;
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
  for (const ppID of g.plantsIn('funding')) {
    calls.push({ op: 'bid', args: [ppID, actor, model.settings.minBid] });
    if (model.bidOf(ppID, actor) > 0n) {
      calls.push({ op: 'changeBid', args: [ppID, actor, 0n] });
    }
  }
  for (const offerID of g.openOffers()) {
    const offer = s.offers.get(offerID);
    if (offer !== undefined && (offer.to === actor || offer.from === actor)) {
      calls.push({ op: 'acceptTrade', args: [offerID, offer.to] });
    }
  }

  return invalid(rng.pick(calls), 'frozen member');
};

const invitationRefused: InvalidGenerator = (v) => {
  const { g, rng, model, members, nonMembers, member, invalid, now } = v;
  // Invitations refused: a member invited, a pending candidate, a second open invitation.
  const inviter = member();
  if (inviter === undefined) {
    return undefined;
  }
  const calls: OpCall[] = [{ op: 'invite', args: [inviter, rng.pick(members)] }];
  const pending = g.pending();
  if (pending.length > 0) {
    calls.push({ op: 'invite', args: [inviter, rng.pick(pending)] });
  }
  const busy = members.filter((m) => model.hasOpenInvitation(m, now + 15));
  if (busy.length > 0 && nonMembers.length > 0) {
    calls.push({ op: 'invite', args: [rng.pick(busy), rng.pick(nonMembers)] });
  }

  return invalid(rng.pick(calls), 'invitation refused');
};

const offerBounds: InvalidGenerator = (v) => {
  const { rng, model, s, member, invalid, sameUtility, now } = v;
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
};

const utilityLocked: InvalidGenerator = (v) => {
  const { g, rng, model, members, member, invalid } = v;
  // A utility change while the member holds quota, a pledge or an open offer (v1.1 §5).
  const bound = members.filter(
    (m) => (g.memberOf(m)?.quotaW ?? 0n) > 0n || model.livePledges(m) > 0 || model.openOffersOf(m) > 0,
  );
  if (bound.length === 0) {
    return undefined;
  }
  const actor = rng.pick(bound);
  const utility = rng.pick([...UTILITIES, OTHER_UTILITY].filter((u) => u !== g.memberOf(actor)?.utility));

  return invalid({ op: 'changeProfile', args: [actor, g.hash(), utility] }, 'utility locked');
};

const earlierMembership: InvalidGenerator = (v) => {
  const { g, rng, model, s, invalid } = v;
  // A pledge left by an earlier membership of the address (removed, admitted again).
  const calls: OpCall[] = [];
  for (const ppID of g.plantsIn('funding')) {
    for (const [funder, pledge] of s.pledges.get(ppID) ?? []) {
      const record = g.memberOf(funder);
      if (record !== undefined && record.serial !== pledge.serial && record.utility === s.plants.get(ppID)?.utility) {
        calls.push({ op: 'bid', args: [ppID, funder, model.settings.minBid] }, { op: 'changeBid', args: [ppID, funder, 0n] });
      }
    }
  }

  return calls.length > 0 ? invalid(rng.pick(calls), 'pledge of an earlier membership') : undefined;
};

const notFoundedOrStranger: InvalidGenerator = (v) => {
  const { g, rng, model, allActors, member, invalid, week } = v;
  // Before founding: anything; after: a stranger (another contract) as a party.
  if (!model.founded()) {
    const actor = rng.pick(allActors.filter((address) => address !== g.founder));
    const calls: OpCall[] = [
      { op: 'admission', args: [actor, g.hash(), 'Light'] },
      { op: 'invite', args: [g.founder, actor] },
      { op: 'vote', args: ['R1', g.founder, true] },
      { op: 'transfer', args: [g.founder, actor, 1n] },
      { op: 'bid', args: ['P1', g.founder, 100_00n] },
      { op: 'powerUp', args: [g.founder, 1_000n, 500_00n, 'Light', BigInt(30 * DAY)] },
      { op: 'changeProfile', args: [g.founder, g.hash(), 'Light'] },
      { op: 'offerTrade', args: [g.founder, actor, 1n, 0n, 0n] },
      { op: 'admissionResult', args: ['R1'] },
    ];

    return invalid(rng.pick(calls), 'not founded');
  }
  const actor = member() ?? g.founder;
  const stranger = rng.pick(g.strangers);

  return invalid(
    rng.pick<OpCall>([
      { op: 'transfer', args: [actor, stranger, 1n] },
      { op: 'proposeRemoval', args: [actor, stranger] },
      { op: 'proposeCorrection', args: [actor, g.treasury, stranger, 1n, 0n] },
      { op: 'offerTrade', args: [actor, stranger, 0n, 1n, week] },
    ]),
    'stranger',
  );
};

/** Category → generator (the category is drawn in 0..21; 7 and 8 are both a missing witness; 16 is the last one). */
export const CATEGORIES: readonly InvalidGenerator[] = [
  nonMember,
  doubleVote,
  wrongKind,
  closedProcess,
  pledgeLimits,
  badAmounts,
  beyondHoldings,
  missingWitness,
  missingWitness,
  badUtilities,
  tooEarly,
  admissionRefused,
  tradeParties,
  otherUtility,
  cannotChange,
  notEligible,
  notFoundedOrStranger,
  frozenMember,
  invitationRefused,
  offerBounds,
  utilityLocked,
  earlierMembership,
];

/** The category given or drawn; 16 before founding gives a call of a group not founded yet. */
export const NOT_FOUNDED = 16;

export const invalid = (g: Gen, now: number, forced?: number): Step | undefined => {
  const view = viewOf(g, now);
  const category = forced ?? g.rng.int(0, CATEGORIES.length - 1);

  return CATEGORIES[category](view);
};
