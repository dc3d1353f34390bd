/**
 * The power utility name (the coverage area of a consumer unit), as the contracts check
 * it: 1 to 64 bytes of UTF-8 (NeoVM measures strings in bytes; 64 characters for ASCII).
 * Spec (shared/spec/mtemsm.md), "Operations": admission "fails … for an empty utility or
 * one over 64 characters"; powerUp and proposePlantUtility "utility as above";
 * changeProfile (v1.1 §5). Contract sites: MTEMsmReferendums.requireUtility and
 * MTEMsm.changeProfile.
 */

export const MAX_UTILITY_BYTES = 64;

/** The contracts' message for a utility name out of bounds. */
export const UTILITY_MESSAGE = 'The utility must have 1 to 64 characters.';

/** The bytes of a utility name as NeoVM counts them (UTF-8). */
export const utilityBytes = (utility: string): number => Buffer.byteLength(utility, 'utf8');

/** Whether the contracts accept the name. */
export const validUtility = (utility: string): boolean => {
  const bytes = utilityBytes(utility);

  return bytes >= 1 && bytes <= MAX_UTILITY_BYTES;
};

/** What is wrong with a utility name, in one line naming it (undefined when the contracts accept it). */
export const utilityProblem = (utility: string): string | undefined => {
  const bytes = utilityBytes(utility);
  if (bytes === 0) {
    return 'The utility name is empty (it needs 1 to 64 bytes).';
  }

  return bytes > MAX_UTILITY_BYTES
    ? `The utility name "${utility.length > 20 ? `${utility.slice(0, 20)}…` : utility}" has ${bytes} bytes of UTF-8; at most ${MAX_UTILITY_BYTES} are allowed.`
    : undefined;
};
