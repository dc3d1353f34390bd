/**
 * What the valid generators look at, worked out once per step from the model: who may
 * act, which referendums can be voted or decided, which plants can be pledged, closed,
 * cancelled or started, who holds what, and the weights' boosts.
 */
import { Address, OpName, QUOTA_CHECK_PAGE } from '../model';
import { Gen } from './context';
import { seen } from './effects';
import { Effect, Step } from './types';

export interface View {
  readonly g: Gen;
  readonly now: number;
  readonly index: number;
  readonly members: readonly Address[];
  /** Non-members with no admission pending (none while two are pending). */
  readonly candidates: readonly Address[];
  readonly votable: readonly string[];
  readonly decidable: readonly string[];
  /** Plants taking pledges now. */
  readonly funding: readonly string[];
  /** Plants whose funding can be closed now, or whose close or cancellation is under way. */
  readonly closable: readonly string[];
  /** Of those, the ones a single page of the close suits. */
  readonly pageable: readonly string[];
  readonly cancellable: readonly string[];
  readonly startable: readonly string[];
  /** Startable plants whose quota check page has not run (one page of funders). */
  readonly unchecked: readonly string[];
  /** Members not frozen, and those of them with unreserved quota or SEB. */
  readonly moving: readonly Address[];
  readonly holders: readonly Address[];
  readonly tokenHolders: readonly Address[];
  readonly openOffers: readonly string[];
  readonly openPowerUps: number;
  readonly openReferendums: number;
  readonly operating: number;
  /** Live pledges (plant, funder) that may be changed. */
  readonly pledges: ReadonlyArray<readonly [string, Address]>;
  /** The coverage boost of an operation. */
  readonly b: (op: OpName) => number;
  /** 3 for a proposal whose effect the run has not shown (after step 30), else 1. */
  readonly want: (effect: Effect) => number;
  /** 0 while five referendums are open (unless the operation is boosted), else 1. */
  readonly propose: (op: OpName) => number;
  /** The right threshold of a page, or (half the time) a wrong one. */
  readonly threshold: (right: bigint) => bigint;
}

/** A generator of valid calls of the operations it lists. */
export interface ValidGenerator {
  readonly ops: readonly OpName[];
  readonly weight: (v: View) => number;
  readonly make: (v: View) => Step | undefined;
}

export const viewOf = (g: Gen, now: number, index: number): View => {
  const { rng, model } = g;
  const s = model.state;
  const members = g.members();
  const pending = new Set(g.pending());
  // At most two admission requests pending at a time.
  const candidates = pending.size < 3 ? g.nonMembers().filter((address) => !pending.has(address)) : [];
  const votable = g.referendumIDs((rID) => members.some((member) => model.canVote(rID, member, now)));
  const decidable = g.referendumIDs((rID) => model.decidable(rID, now));
  const funding = g.plantIDs((ppID) => {
    const plant = s.plants.get(ppID);

    return plant !== undefined && plant.status === 'funding' && now <= plant.fundingEndsAt;
  });
  const closable = g.plantIDs((ppID) => model.closable(ppID, now) || ['closing', 'failing', 'removing'].includes(s.plants.get(ppID)?.status ?? ''));
  // Single pages: mostly oversubscribed closes (the cut's threshold), sometimes a failing one.
  const pageable = closable.filter((ppID) => {
    const plant = s.plants.get(ppID);

    return (
      plant !== undefined &&
      (plant.status === 'closing' || (plant.status === 'funding' && (plant.raised > plant.cost || (plant.raised < plant.cost && plant.funders > 0))))
    );
  });
  const cancellable = g.plantsIn('failing', 'removing');
  const startable = g.plantIDs((ppID) => {
    const plant = s.plants.get(ppID);

    return plant !== undefined && plant.status === 'funded' && now >= plant.fundedAt + plant.timeToMarket;
  });
  const unchecked = startable.filter(
    (ppID) => s.plants.get(ppID)?.quotaThreshold === 0n && (s.plants.get(ppID)?.funders ?? 0) <= QUOTA_CHECK_PAGE,
  );
  const moving = members.filter((member) => !model.isFrozen(member));
  const holders = moving.filter((member) => g.unreserved(member).quotaW > 0n);
  const tokenHolders = moving.filter((member) => g.unreserved(member).tokens > 0n);
  const openOffers = g.openOffers();
  const openPowerUps = g.referendumIDs((rID) => {
    const r = s.referendums.get(rID);

    return r !== undefined && r.kind === 'powerUp' && r.status === 'open';
  }).length;
  const pledges: Array<[string, Address]> = [];
  for (const ppID of funding) {
    const bidders = new Set(g.bidders(ppID));
    for (const funder of s.pledges.get(ppID)?.keys() ?? []) {
      if (bidders.has(funder)) {
        pledges.push([ppID, funder]);
      }
    }
  }
  const b = (op: OpName) => g.boost(op, index);
  const openReferendums = g.referendumIDs((rID) => s.referendums.get(rID)?.status === 'open').length;

  return {
    g,
    now,
    index,
    members,
    candidates,
    votable,
    decidable,
    funding,
    closable,
    pageable,
    cancellable,
    startable,
    unchecked,
    moving,
    holders,
    tokenHolders,
    openOffers,
    openPowerUps,
    openReferendums,
    operating: g.plantsIn('operating').length,
    pledges,
    b,
    want: (effect) => (index > 30 && !seen(g, effect) ? 3 : 1),
    // Keep the number of open change referendums bounded, so votes do not crowd out the rest.
    propose: (op) => (openReferendums < 5 || g.boost(op, index) > 1 ? 1 : 0),
    threshold: (right) => (rng.chance(0.5) ? right : rng.pick([0n, 1n, right - 1n, right + 1n, right * 2n, right + (1n << 40n)])),
  };
};
