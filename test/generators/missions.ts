/**
 * Missions: one generator per effect (types.ts EFFECTS) that works towards it — the
 * referendum answers, the plant pipelines (ties, oversubscribed, failing, removed,
 * a removed funder's share), a lapsed change, an expired offer. While an effect has not
 * been seen, a share of the steps (MISSION_SHARE) is the next step of the first mission
 * in MISSION_ORDER that can make progress.
 */
import { Address, DAY } from '../model';
import { Gen } from './context';
import { seen } from './effects';
import { applyOrInvite, closeStep, jumpPast, powerUpStep, referendumMission, removalSubject, startStep } from './steps';
import { Effect, EFFECTS, OTHER_UTILITY, Step, UTILITIES } from './types';

export const MISSION_SHARE = Number(process.env.MS ?? 0.6);
/** The long plant pipelines first; one referendum at a time gets its votes. */
const FIRST: readonly Effect[] = [
  'tie decided by pledge order',
  'crowdfunding failed',
  'oversubscribed plant funded',
  "removed funder's share to the treasury",
];
export const MISSION_ORDER: readonly Effect[] = [...FIRST, ...EFFECTS.filter((effect) => !FIRST.includes(effect))];

type Mode = 'plain' | 'ties' | 'over';

interface MissionView {
  readonly g: Gen;
  readonly rng: Gen['rng'];
  readonly model: Gen['model'];
  readonly s: Gen['model']['state'];
  /** Members in admission order (three at least). */
  readonly members: readonly Address[];
  /** A random member. */
  readonly proposer: () => Address;
}

type Mission = (m: MissionView, now: number) => Step | undefined;

/**
 * Moves a plant towards operation: with 'ties', a R$ 300.00 plant funded by three equal
 * minimum pledges; with 'over', pledged beyond its cost. Steps: approve a powerUp,
 * pledge, close the funding, wait, start.
 */
const plantPipeline = (g: Gen, now: number, mode: Mode): Step | undefined => {
  const s = g.model.state;
  const minBid = g.model.settings.minBid;
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
  const candidates = g.plantIDs((ppID) => {
    const status = s.plants.get(ppID)?.status ?? '';

    return ['funding', 'closing', 'funded'].includes(status) && shaped(ppID);
  });
  for (const ppID of candidates) {
    const step = carryToOperation(g, ppID, now, mode);
    if (step !== undefined) {
      return step;
    }
  }
  // A new plant: by a member whose utility has at least three members (three pledges for a tie).
  const proposers = g.members().filter(
    (member) => g.members().filter((other) => g.memberOf(other)?.utility === g.memberOf(member)?.utility).length >= 3,
  );
  if (proposers.length === 0) {
    return undefined;
  }

  return referendumMission(g, 'powerUp', true, now, () => powerUpStep(g, g.rng.pick(proposers), mode === 'ties'), 'mission: approve a plant');
};

/** The next step to carry a funding, closing or funded plant to operation (pledge, close, wait, start). */
const carryToOperation = (g: Gen, ppID: string, now: number, mode: Mode): Step | undefined => {
  const model = g.model;
  const plant = model.state.plants.get(ppID);
  if (plant === undefined) {
    return undefined;
  }
  if (plant.status === 'closing' || plant.status === 'failing' || plant.status === 'removing') {
    return closeStep(g, ppID, 'mission: finish the close');
  }
  if (plant.status === 'funded') {
    const start = plant.fundedAt + plant.timeToMarket;
    const funders = [...(model.state.pledges.get(ppID)?.keys() ?? [])];
    if (!seen(g, "removed funder's share to the treasury") && funders.every((f) => model.isMember(f)) && g.members().length >= 4) {
      // Before it starts, let one of its funders leave (its share then goes to the treasury).
      const subject = funders[funders.length - 1];
      const step = referendumMission(g, 
        'removal',
        true,
        now,
        () => g.self({ op: 'proposeRemoval', args: [g.rng.pick(g.members()), subject] }, 'valid', 'mission: remove a funder'),
        'mission: remove a funder',
      );
      if (step !== undefined && (step.kind === 'jump' || g.ok(step.call, now))) {
        return step;
      }
    }

    return now >= start
      ? startStep(g, ppID, 'mission: start')
      : jumpPast(g, start, now, 'mission: to the start');
  }
  if (plant.status !== 'funding' || now > plant.fundingEndsAt) {
    return undefined;
  }
  const minBid = model.settings.minBid;
  const bidders = g.bidders(ppID);
  const fresh = bidders.filter((member) => model.bidOf(ppID, member) === 0n);
  const full = mode === 'over' ? plant.raised > plant.cost : plant.raised >= plant.cost;
  if (full) {
    if (model.closable(ppID, now)) {
      return closeStep(g, ppID, 'mission: close the funding');
    }

    return jumpPast(g, plant.openedAt + model.settings.minFundingWindow, now, 'mission: past the minimum funding window');
  }
  const missing = plant.cost - plant.raised;
  if (mode === 'ties') {
    return fresh.length > 0 && missing >= minBid
      ? g.self({ op: 'bid', args: [ppID, g.rng.pick(fresh), minBid] }, 'valid', 'mission: equal pledge')
      : undefined;
  }
  if (mode === 'over') {
    // Pledges of up to the whole cost each, until they add up to more than it.
    if (fresh.length > 0) {
      const amount = g.rng.big(minBid > missing ? minBid : missing, plant.cost);

      return g.self({ op: 'bid', args: [ppID, g.rng.pick(fresh), amount] }, 'valid', 'mission: pledge beyond the cost');
    }
    const below = bidders.filter((member) => model.bidOf(ppID, member) < plant.cost);

    return below.length > 0
      ? g.self({ op: 'changeBid', args: [ppID, g.rng.pick(below), plant.cost] }, 'valid', 'mission: pledge the whole cost')
      : undefined;
  }
  const pledged = bidders.filter((member) => model.bidOf(ppID, member) > 0n);
  if (missing >= minBid && fresh.length > 0) {
    return g.self({ op: 'bid', args: [ppID, g.rng.pick(fresh), missing] }, 'valid', 'mission: pledge');
  }
  if (pledged.length > 0) {
    const top = pledged.filter((member) => model.bidOf(ppID, member) + missing <= plant.cost);

    return top.length > 0 ? g.self({ op: 'bid', args: [ppID, g.rng.pick(top), missing] }, 'valid', 'mission: top up') : undefined;
  }

  return undefined;
};

/** Effect → the mission that works towards it. */
export const MISSIONS: Readonly<Record<Effect, Mission>> = {
  'admission rejected': (m, now) => {
    const { g } = m;
    return referendumMission(g, 'admission', false, now, () => applyOrInvite(g, 'mission'), 'mission: reject an admission');
  },
  'powerUp rejected': (m, now) => {
    const { g, proposer } = m;
    return referendumMission(g, 'powerUp', false, now, () => powerUpStep(g, proposer(), false), 'mission: reject a plant');
  },
  'removal applied': (m, now) => {
    const { g, members, proposer } = m;
    return referendumMission(g, 'removal', true, now, () =>
      members.length >= 4 ? g.self({ op: 'proposeRemoval', args: [proposer(), removalSubject(g, members)] }, 'valid', 'mission: propose a removal') : undefined,
  'mission: remove a member');
  },
  'change lapsed': (m, now) => {
    const { g, model, s, members, proposer } = m;
    // Two removals of one member: the second approved one lapses (the member has left).
    const subjects = g.referendumIDs((rID) => s.referendums.get(rID)?.kind === 'removal' && s.referendums.get(rID)?.status === 'open').map(
      (rID) => s.referendums.get(rID)?.member as Address,
    );
    const twice = subjects.filter((subject, i) => subjects.indexOf(subject) !== i);

    return referendumMission(g, 'removal', true, now, () => {
      const subject = subjects.find((candidate) => model.isMember(candidate));
      if (members.length < 4 || (twice.length > 0 && subject === undefined)) {
        return undefined;
      }

      return g.self(
        { op: 'proposeRemoval', args: [proposer(), subject ?? removalSubject(g, members)] },
        'valid',
        'mission: propose a removal twice',
      );
    }, 'mission: lapse a removal');
  },
  'correction applied': (m, now) => {
    const { g, rng, members, proposer } = m;
    return referendumMission(g, 'correction', true, now, () => {
      const sides = [...members, g.treasury];
      const holders = sides.filter((side) => g.unreserved(side).quotaW > 0n);
      if (holders.length === 0) {
        return undefined;
      }
      const from = rng.pick(holders);
      const to = rng.pick(sides.filter((side) => side !== from));
      const held = g.unreserved(from).quotaW;
      const toTokens = g.unreserved(to).tokens;
      const quotaW = rng.big(1n, held > 10n ? held / 10n : held);
      const tokens = toTokens > 10n && rng.chance(0.5) ? rng.big(1n, toTokens / 10n) : 0n;

      return g.self({ op: 'proposeCorrection', args: [proposer(), from, to, quotaW, tokens] }, 'valid', 'mission: propose a correction');
    }, 'mission: apply a correction');
  },
  'plant utility applied': (m, now) => {
    const { g, rng, s, proposer } = m;
    const live = g.plantsIn('funding', 'closing', 'funded', 'operating');

    return referendumMission(g, 'plantUtility', true, now, () => {
      if (live.length === 0) {
        return undefined;
      }
      const ppID = rng.pick(live);
      const current = s.plants.get(ppID)?.utility;
      const utility = rng.pick([...UTILITIES, OTHER_UTILITY].filter((u) => u !== current));

      return g.self({ op: 'proposePlantUtility', args: [proposer(), ppID, utility] }, 'valid', 'mission: propose a plant utility');
    }, 'mission: move a plant');
  },
  'plant removed': (m, now) => {
    const { g, rng, s, proposer } = m;
    const removing = g.plantsIn('removing');
    if (removing.length > 0) {
      return g.self({ op: 'cancelPledges', args: [removing[0]] }, 'valid', 'mission: cancel the pledges');
    }
    const removable = g.plantsIn('funding', 'funded');
    const funded = removable.filter((ppID) => (s.plants.get(ppID)?.funders ?? 0) > 0);

    return referendumMission(g, 'plantRemoval', true, now, () =>
      removable.length > 0
        ? g.self(
            { op: 'proposePlantRemoval', args: [proposer(), rng.pick(funded.length > 0 ? funded : removable)] },
            'valid',
            'mission: propose a plant removal',
          )
        : plantPipeline(g, now, 'plain'),
  'mission: remove a plant');
  },
  'crowdfunding failed': (m, now) => {
    const { g, rng, model, s } = m;
    for (const ppID of g.plantsIn('funding')) {
      const plant = s.plants.get(ppID);
      if (plant !== undefined && plant.raised < plant.cost && plant.funders > 0) {
        return now > plant.fundingEndsAt
          ? closeStep(g, ppID, 'mission: fail a crowdfunding')
          : jumpPast(g, plant.fundingEndsAt, now, 'mission: past a crowdfunding');
      }
    }
    for (const ppID of g.plantsIn('funding')) {
      const plant = s.plants.get(ppID);
      const bidders = g.bidders(ppID);
      if (plant !== undefined && plant.funders === 0 && plant.cost > model.settings.minBid && bidders.length > 0 && now <= plant.fundingEndsAt) {
        return g.self({ op: 'bid', args: [ppID, rng.pick(bidders), model.settings.minBid] }, 'valid', 'mission: a pledge that will not do');
      }
    }

    return plantPipeline(g, now, 'plain');
  },
  'oversubscribed plant funded': (m, now) => {
    const { g } = m;
    return plantPipeline(g, now, 'over');
  },
  'tie decided by pledge order': (m, now) => {
    const { g } = m;
    return plantPipeline(g, now, 'ties');
  },
  "removed funder's share to the treasury": (m, now) => {
    const { g, rng, model, s, members, proposer } = m;
    // A plant (funding or funded) with a funder who left, carried to operation.
    for (const ppID of g.plantsIn('funding', 'closing', 'funded')) {
      const pledges = [...(s.pledges.get(ppID)?.entries() ?? [])];
      if (pledges.some(([funder, pledge]) => model.state.members.get(funder)?.serial !== pledge.serial)) {
        return carryToOperation(g, ppID, now, 'plain');
      }
    }
    const funded = g.plantsIn('funding', 'funded').filter((ppID) =>
      [...(s.pledges.get(ppID)?.keys() ?? [])].some((funder) => model.isMember(funder)),
    );
    if (funded.length === 0 || members.length < 4) {
      return plantPipeline(g, now, 'plain');
    }
    const funders = [...(s.pledges.get(funded[0])?.keys() ?? [])].filter((funder) => model.isMember(funder));
    const subject = rng.pick(funders);

    return referendumMission(g, 'removal', true, now, () =>
      g.self({ op: 'proposeRemoval', args: [proposer(), subject] }, 'valid', 'mission: remove a funder'),
  'mission: remove a funder');
  },
  'offer expired': (m, now) => {
    const { g, rng, model, s, members } = m;
    const open = g.openOffers();
    if (open.length > 0) {
      const offer = s.offers.get(open[0]);

      return offer === undefined ? undefined : jumpPast(g, offer.expiresAt, now, 'mission: past an offer');
    }
    const pairs = members.flatMap((from) =>
      members.filter((to) => to !== from && g.memberOf(to)?.utility === g.memberOf(from)?.utility).map((to) => [from, to] as const),
    ).filter(([from]) => !model.isFrozen(from));
    if (pairs.length === 0) {
      return undefined;
    }
    const [from, to] = rng.pick(pairs);

    return g.self({ op: 'offerTrade', args: [from, to, 0n, g.tokens(100_000_000n), BigInt(DAY)] }, 'valid', 'mission: a short offer');
  },

};

/** The next step towards the first effect not seen yet that can make progress now. */
export const mission = (g: Gen, now: number): Step | undefined => {
  const members = g.members();
  if (members.length < 3) {
    return undefined;
  }
  const view: MissionView = { g, rng: g.rng, model: g.model, s: g.model.state, members, proposer: () => g.rng.pick(members) };
  for (const effect of MISSION_ORDER) {
    if (!seen(g, effect)) {
      const step = MISSIONS[effect](view, now);
      if (step !== undefined && (step.kind === 'jump' || g.ok(step.call, now))) {
        return step;
      }
    }
  }

  return undefined;
};
