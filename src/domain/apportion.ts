/**
 * The largest-remainder rule, in one place: the contracts apply it (MTEMsmPlants: the
 * cents an oversubscribed plant keeps of each pledge, the watts of each funder), and
 * the command line, the experiment, the auditor and the tests compute it here.
 *
 * share_i = floor(total * w_i / whole) + (1 for the `total - Σ floors` largest
 * remainders, ties to the earlier order). A remainder and an order make one key,
 * unique and > 0: (total * w_i mod whole) * 2^40 + (2^40 - order_i). The leftover-th
 * largest key is the *threshold*: a share gets its extra unit iff its key >= threshold.
 * The contract is given a threshold and checks it (Σ floors + #{keys >= t} == total),
 * so every threshold in (k_(leftover+1), k_(leftover)] gives the same shares; the
 * one computed here is k_(leftover), or a key above all when no unit is left over.
 */

/** Above every pledge order (orders count a plant's first pledges from 1). */
export const ORDER_BASE = 1n << 40n;

export interface Weighted {
  readonly weight: bigint;
  /** Earlier (smaller) wins a tie. */
  readonly order: bigint;
}

export const keyOf = (total: bigint, weight: bigint, whole: bigint, order: bigint): bigint =>
  ((total * weight) % whole) * ORDER_BASE + (ORDER_BASE - order);

/** The threshold the contract checks for splitting `total` over `items` in proportion to weight / whole. */
export const thresholdOf = (total: bigint, items: readonly Weighted[], whole: bigint): bigint => {
  const floors = items.reduce((sum, { weight }) => sum + (total * weight) / whole, 0n);
  const leftover = total - floors;
  if (leftover < 0n || leftover > BigInt(items.length)) {
    throw new Error(`The weights do not add up to ${whole}: ${leftover} units left over for ${items.length} shares.`);
  }
  if (leftover === 0n) {
    return whole * ORDER_BASE + ORDER_BASE;
  }
  const keys = items.map(({ weight, order }) => keyOf(total, weight, whole, order)).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));

  return keys[Number(leftover) - 1];
};

/** The shares the contract gives with `threshold`. */
export const sharesAt = (total: bigint, items: readonly Weighted[], whole: bigint, threshold: bigint): bigint[] =>
  items.map(({ weight, order }) => (total * weight) / whole + (keyOf(total, weight, whole, order) >= threshold ? 1n : 0n));

/** `total` split over `items` by the rule; the shares add up to `total`. */
export const apportionBy = (total: bigint, items: readonly Weighted[], whole: bigint): bigint[] =>
  sharesAt(total, items, whole, thresholdOf(total, items, whole));

/** `total` split in proportion to `weights` (ties to the earlier index); the parts add up to `total`. */
export const apportion = (total: bigint, weights: readonly bigint[]): bigint[] =>
  apportionBy(
    total,
    weights.map((weight, index) => ({ weight, order: BigInt(index + 1) })),
    weights.reduce((a, b) => a + b, 0n),
  );

/** A plant's pledges as made: raw cents and the order of each member's first pledge in the plant. */
export interface PlantPledge {
  readonly amount: bigint;
  readonly order: bigint;
}

/** What each pledge keeps of an oversubscribed plant's cost (all of it when not oversubscribed). */
export const keptAmounts = (cost: bigint, pledges: readonly PlantPledge[]): bigint[] => {
  const pledged = pledges.reduce((sum, { amount }) => sum + amount, 0n);

  return pledged <= cost
    ? pledges.map(({ amount }) => amount)
    : apportionBy(cost, pledges.map(({ amount, order }) => ({ weight: amount, order })), pledged);
};

/** The cut threshold of an oversubscribed plant (crowdfundingResult's argument); 0 when none is needed. */
export const cutThresholdOf = (cost: bigint, pledges: readonly PlantPledge[]): bigint => {
  const pledged = pledges.reduce((sum, { amount }) => sum + amount, 0n);

  return pledged <= cost ? 0n : thresholdOf(cost, pledges.map(({ amount, order }) => ({ weight: amount, order })), pledged);
};

/** The watts threshold of a funded plant (startOperation's argument), from the pledges as made. */
export const quotaThresholdOf = (capacityW: bigint, cost: bigint, pledges: readonly PlantPledge[]): bigint => {
  const kept = keptAmounts(cost, pledges);

  return thresholdOf(capacityW, pledges.map(({ order }, index) => ({ weight: kept[index], order })), cost);
};

/** Each funder's watts when the plant starts operating. */
export const quotasOf = (capacityW: bigint, cost: bigint, pledges: readonly PlantPledge[]): bigint[] => {
  const kept = keptAmounts(cost, pledges);

  return apportionBy(capacityW, pledges.map(({ order }, index) => ({ weight: kept[index], order })), cost);
};
