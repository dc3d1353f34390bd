/** Valid calls of the plant operations: proposing a plant, pledges, closing the funding, cancelling, starting. */
import { DAY, MAX_COST, OpName } from '../model';
import { seen } from './effects';
import { closeStep, startStep } from './steps';
import { UTILITIES } from './types';
import { ValidGenerator } from './view';

/** Operations that need a new plant: proposing one is boosted while any of them is uncovered. */
const PLANT_OPS: OpName[] = ['powerUp', 'bid', 'changeBid', 'crowdfundingResult', 'startOperation', 'proposePlantRemoval'];

export const powerUp: ValidGenerator = {
  ops: ['powerUp'],
  weight: (v) =>
    v.members.length >= 3 && v.funding.length < 3 && v.openPowerUps < 2 ? (v.operating < 2 ? 8 : 3) * Math.max(...PLANT_OPS.map((op) => v.b(op))) : 0,
  make: ({ g, members }) => {
    const { rng, model } = g;
    const proposer = rng.pick(members);
    const utility = rng.chance(0.9) ? g.memberOf(proposer)?.utility ?? 'Light' : rng.pick(UTILITIES);
    const ties = !seen(g, 'tie decided by pledge order') && rng.chance(0.5);
    const shape = ties ? 1 : rng.pick([0, 1, 1, 2, 3, 4, 5]);
    // Shapes: tiny plants (rounding), ties (equal pledges), medium, large, the maximum, the dearest.
    const capacityW =
      shape === 0
        ? BigInt(rng.int(1, 60))
        : shape === 1
        ? BigInt(ties ? rng.pick([7, 1_000, 2_000, 10_000]) : rng.pick([1_000, 2_000, 10_000, 7]))
        : shape === 2
        ? BigInt(rng.int(100, 50_000))
        : shape === 3
        ? BigInt(rng.int(50_000, 5_000_000))
        : shape === 4
        ? 5_000_000n
        : BigInt(rng.int(1, 5_000_000));
    const cost =
      shape === 1
        ? BigInt(ties ? 3 : rng.pick([2, 3, 3, 6, 7])) * 100_00n
        : shape === 5
        ? MAX_COST
        : rng.chance(0.5)
        ? BigInt(rng.int(1, 6)) * 100_00n
        : rng.big(100_00n, 900_00n);
    const timeToMarket = BigInt(model.settings.minTimeToMarket + (rng.chance(0.3) ? 0 : rng.int(0, 10 * DAY)));

    return g.self({ op: 'powerUp', args: [proposer, capacityW, cost, utility, timeToMarket] }, 'valid', 'propose a plant');
  },
};

export const bid: ValidGenerator = {
  ops: ['bid'],
  weight: (v) => (v.funding.length > 0 ? 9 * v.b('bid') : 0),
  make: ({ g, funding }) => {
    const { rng, model } = g;
    const ppID = rng.pick(funding);
    const plant = model.state.plants.get(ppID);
    const missing = g.missing(ppID);
    const bidders = g.bidders(ppID);
    if (plant === undefined || bidders.length === 0) {
      return undefined;
    }
    const bidder = rng.pick(bidders);
    const current = model.bidOf(ppID, bidder);
    const minBid = model.settings.minBid;
    const room = plant.cost - current;
    if (room <= 0n || (current === 0n && room < minBid)) {
      return undefined;
    }
    let amount: bigint;
    const low = current === 0n ? minBid : 1n;
    if (current === 0n) {
      // Equal minimum pledges on small round plants give ties in the apportionment.
      const round = plant.cost % minBid === 0n && plant.cost <= 7n * minBid;
      const roll = rng.float();
      const ties = round && !seen(g, 'tie decided by pledge order');
      amount = ties ? minBid : missing >= minBid && roll < 0.4 ? missing : roll < 0.6 ? minBid : rng.big(low, room);
    } else {
      const others = bidders.filter((member) => model.bidOf(ppID, member) === 0n).length;
      if (plant.cost % minBid === 0n && plant.cost <= 7n * minBid && !seen(g, 'tie decided by pledge order') && others > 0) {
        // Keep equal pledges on small round plants: let another member pledge.
        return undefined;
      }
      amount = missing > 0n && missing <= room && rng.chance(0.5) ? missing : rng.big(low, room);
    }

    return g.self({ op: 'bid', args: [ppID, bidder, amount] }, 'valid', plant.raised + amount > plant.cost ? 'pledge beyond the cost' : 'pledge');
  },
};

export const changeBid: ValidGenerator = {
  ops: ['changeBid'],
  weight: (v) => (v.pledges.length > 0 ? 3 * v.b('changeBid') : 0),
  make: ({ g, pledges }) => {
    const { rng, model } = g;
    const [ppID, funder] = rng.pick(pledges);
    const plant = model.state.plants.get(ppID);
    const current = model.bidOf(ppID, funder);
    const cost = plant?.cost ?? current;
    const ceiling =
      current + g.missing(ppID) > model.settings.minBid && current + g.missing(ppID) <= cost ? current + g.missing(ppID) : cost;
    const roll = rng.float();
    const amount = roll < 0.3 ? 0n : roll < 0.6 ? ceiling : roll < 0.8 ? rng.big(model.settings.minBid, cost) : current;

    return g.self({ op: 'changeBid', args: [ppID, funder, amount] }, 'valid', 'change a pledge');
  },
};

export const close: ValidGenerator = {
  ops: ['crowdfundingResult', 'crowdfundingPage', 'cancelPledges'],
  weight: (v) => (v.closable.length > 0 ? 9 : 0),
  make: ({ g, closable }) => closeStep(g, g.rng.pick(closable), 'close funding'),
};

export const closePage: ValidGenerator = {
  ops: ['crowdfundingPage'],
  weight: (v) => (v.pageable.length > 0 ? 3 * Math.max(v.b('crowdfundingPage'), v.b('cancelPledges')) : 0),
  make: ({ g, pageable, threshold }) => {
    const ppID = g.rng.pick(pageable);

    return g.self({ op: 'crowdfundingPage', args: [ppID, threshold(g.model.thresholds(ppID).cut)] }, 'valid', 'one page of the close');
  },
};

export const cancel: ValidGenerator = {
  ops: ['cancelPledges'],
  weight: (v) => (v.cancellable.length > 0 ? 6 : 0),
  make: ({ g, cancellable }) => g.self({ op: 'cancelPledges', args: [g.rng.pick(cancellable)] }, 'valid', 'cancel the pledges'),
};

export const start: ValidGenerator = {
  ops: ['startOperation', 'startOperationPage'],
  weight: (v) => (v.startable.length > 0 ? 9 : 0),
  make: ({ g, startable }) => startStep(g, g.rng.pick(startable), 'start a plant'),
};

export const checkPage: ValidGenerator = {
  ops: ['startOperationPage'],
  weight: (v) => (v.unchecked.length > 0 ? 3 * v.b('startOperationPage') : 0),
  make: ({ g, unchecked, threshold }) => {
    const ppID = g.rng.pick(unchecked);

    return g.self({ op: 'startOperationPage', args: [ppID, threshold(g.model.thresholds(ppID).quota)] }, 'valid', 'the check page of a start');
  },
};
