/**
 * The identifiers the contracts give, and how off-chain code recognises them.
 * Spec (shared/spec/mtemsm.md), "Units and identifiers": referendum IDs `R1, R2, …`,
 * power-plant IDs `P1, P2, …`, trade-offer IDs `T1, T2, …`, sequential, never reused;
 * v1.1 §2: a membership is its admission serial (1, 2, …; the founder is 1), and the
 * ledger binds what a membership made to it as `#<serial>`.
 * Contract sites: MTEMsmReferendums openReferendum (`R${opened + 1}`), MTEMsm.applyPowerUp
 * counter (`P${…}`), MTEMsmTrades.offerTrade (`T${count}`), MTEMsm.applyAdmission (`#${serial}`).
 */

export type IdPrefix = 'R' | 'P' | 'T';

/** What each prefix names. */
export const ID_KIND: Readonly<Record<IdPrefix, string>> = { R: 'referendum', P: 'plant', T: 'trade offer' };

export const referendumID = (n: number): string => `R${n}`;
export const plantID = (n: number): string => `P${n}`;
export const offerID = (n: number): string => `T${n}`;

/** The ledger's binding of a membership: `#<admission serial>`. */
export const membershipBinding = (serial: number): string => `#${serial}`;

/** Each kind's ID exactly (anchored; no `g` flag, so `test` keeps no state). */
export const ID_PATTERN: Readonly<Record<IdPrefix, RegExp>> = { R: /^R[1-9]\d*$/, P: /^P[1-9]\d*$/, T: /^T[1-9]\d*$/ };

/** Whether `text` is an ID of that kind exactly as the contracts write it (`R1`, not `r1` nor `R01`). */
export const isID = (prefix: IdPrefix, text: string): boolean => ID_PATTERN[prefix].test(text);

export const isReferendumID = (text: string): boolean => isID('R', text);
export const isPlantID = (text: string): boolean => isID('P', text);
export const isOfferID = (text: string): boolean => isID('T', text);

/** The sequence number of an ID (`P12` → 12), undefined when it is not one of that kind. */
export const idNumber = (prefix: IdPrefix, text: string): number | undefined => (isID(prefix, text) ? Number(text.slice(1)) : undefined);

/** An ID as a user may type it (`p1` → `P1`); undefined when it is not one. */
export const normalizeID = (prefix: IdPrefix, text: string): string | undefined => {
  const upper = text.toUpperCase();

  return isID(prefix, upper) ? upper : undefined;
};

/** The one line for text that is not an ID of that kind (undefined when it is one, in any case). */
export const idProblem = (prefix: IdPrefix, text: string): string | undefined =>
  normalizeID(prefix, text) === undefined ? `Bad ${ID_KIND[prefix]} ID "${text}" (like ${prefix}1).` : undefined;

/** Any ID the contracts return (R…, P…, T…). */
export const isAnyID = (text: string): boolean => isReferendumID(text) || isPlantID(text) || isOfferID(text);
