/**
 * Steps that several generators build: closing or starting a plant (whole paged step or
 * a single page), joining, proposing a plant, driving a referendum to an answer, and
 * jumps just past a time.
 */
import { Address, QUOTA_CHECK_PAGE } from '../model';
import { Gen } from './context';
import { seen } from './effects';
import { MAX_JUMP, resultOp, Step } from './types';

/**
 * The step that closes a plant's crowdfunding (or cancels its pledges): the whole paged
 * step, or a single page while single pages or the cancellation have not been covered.
 */
export const closeStep = (g: Gen, ppID: string, note: string): Step => {
  const plant = g.model.state.plants.get(ppID);
  if (plant !== undefined && (plant.status === 'failing' || plant.status === 'removing')) {
    return g.self({ op: 'cancelPledges', args: [ppID] }, 'valid', `${note}: cancel the pledges`);
  }
  if (plant !== undefined && plant.status === 'funding') {
    if (g.uncovered('cancelPledges') && plant.raised < plant.cost && plant.funders > 0) {
      return g.self({ op: 'crowdfundingPage', args: [ppID, 0n] }, 'valid', `${note} (one page: failing)`);
    }
    if (g.uncovered('crowdfundingPage') || g.rng.chance(0.15)) {
      return g.self({ op: 'crowdfundingPage', args: [ppID, g.model.thresholds(ppID).cut] }, 'valid', `${note} (one page)`);
    }
  }

  return g.self({ op: 'crowdfundingResult', args: [ppID] }, 'valid', note);
};

/** The step that starts a plant: the whole paged step, or first the check page alone while that has not been covered. */
export const startStep = (g: Gen, ppID: string, note: string): Step => {
  const plant = g.model.state.plants.get(ppID);
  if (
    plant !== undefined &&
    plant.quotaThreshold === 0n &&
    plant.funders <= QUOTA_CHECK_PAGE &&
    (g.uncovered('startOperationPage') || g.rng.chance(0.15))
  ) {
    return g.self({ op: 'startOperationPage', args: [ppID, g.model.thresholds(ppID).quota] }, 'valid', `${note} (check page)`);
  }

  return g.self({ op: 'startOperation', args: [ppID] }, 'valid', note);
};

/** A member to propose removing: a funder of a plant not yet operating, while no removed funder's share was issued. */
export const removalSubject = (g: Gen, members: readonly Address[]): Address => {
  if (!seen(g, "removed funder's share to the treasury")) {
    const funders = members.filter((member) => g.plantsIn('funding', 'funded').some((ppID) => g.model.bidOf(ppID, member) > 0n));
    if (funders.length > 0 && g.rng.chance(0.8)) {
      return g.rng.pick(funders);
    }
  }

  return g.rng.pick(members);
};

/** A jump just past `time` (at most 40 days), or undefined if it is not ahead. */
export const jumpPast = (g: Gen, time: number, now: number, note: string): Step | undefined =>
  time > now ? { kind: 'jump', seconds: Math.min(MAX_JUMP, time - now + g.rng.int(1_200, 86_400)), note } : undefined;

/**
 * Drives a referendum of `kind` to the wanted answer: the result once decided, else a
 * vote by an eligible member, else (none open that can still go that way) `propose()`.
 */
export const referendumMission = (
  g: Gen,
  kind: string,
  answer: boolean,
  now: number,
  propose: () => Step | undefined,
  note: string,
): Step | undefined => {
  const model = g.model;
  const open = g.referendumIDs((rID) => {
    const r = model.state.referendums.get(rID);

    return r !== undefined && r.kind === kind && r.status === 'open';
  });
  for (const rID of open) {
    if (model.decidable(rID, now)) {
      const r = model.state.referendums.get(rID);
      const approved = r !== undefined && r.yes * 2 > r.electorate;
      const call = { op: resultOp(kind), args: [rID] } as const;
      if (approved === answer && g.ok(call, now)) {
        return g.self(call, 'valid', `${note}: result`);
      }
    }
  }
  for (const rID of open) {
    const r = model.state.referendums.get(rID);
    const voters = g.members().filter((member) => model.canVote(rID, member, now));
    // Still reachable: enough eligible voters left for the wanted majority.
    const reachable =
      r !== undefined && (answer ? (r.yes + voters.length) * 2 > r.electorate : (r.no + voters.length) * 2 >= r.electorate);
    if (voters.length > 0 && reachable) {
      return g.self({ op: 'vote', args: [rID, g.rng.pick(voters), answer] }, 'valid', `${note}: vote`);
    }
  }

  return propose();
};

/** A step towards admitting (or asking to admit) a non-member: its request if invited, else an invitation. */
export const applyOrInvite = (g: Gen, note: string): Step | undefined => {
  const { rng, model } = g;
  const pending = new Set(g.pending());
  const candidates = g.nonMembers().filter((address) => !pending.has(address));
  const invited = candidates.filter((address) => model.invitedNow(address, g.now + 15));
  if (invited.length > 0) {
    return g.self({ op: 'admission', args: [rng.pick(invited), g.hash(), g.utility()] }, 'valid', `${note}: apply`);
  }
  const inviters = g.members().filter((member) => !model.hasOpenInvitation(member, g.now + 15));
  if (candidates.length === 0 || inviters.length === 0) {
    return undefined;
  }

  return g.self({ op: 'invite', args: [rng.pick(inviters), rng.pick(candidates)] }, 'valid', `${note}: invite`);
};

/** A powerUp by `proposer` of its own utility; with `ties`, one whose apportionment will tie. */
export const powerUpStep = (g: Gen, proposer: Address, ties: boolean): Step => {
  const rng = g.rng;
  const utility = g.memberOf(proposer)?.utility ?? 'Light';
  const capacityW = ties ? BigInt(rng.pick([7, 1_000, 2_000, 10_000])) : BigInt(rng.int(100, 20_000));
  const cost = ties ? 300_00n : BigInt(rng.int(1, 4)) * 100_00n;

  return g.self(
    { op: 'powerUp', args: [proposer, capacityW, cost, utility, BigInt(g.model.settings.minTimeToMarket)] },
    'valid',
    ties ? 'mission: propose a plant for a tie' : 'mission: propose a plant',
  );
};
