/**
 * Values as comparable JSON for tests: BigNumbers, numbers and bigints as strings, Maps as
 * objects, recursively (the rebuild's state and the contracts' reads then compare with toEqual).
 */
import BigNumber from 'bignumber.js';

export const flat = (value: unknown): any => {
  if (BigNumber.isBigNumber(value) || typeof value === 'number' || typeof value === 'bigint') {
    return value.toString();
  }
  if (Array.isArray(value)) {
    return value.map(flat);
  }
  if (value instanceof Map) {
    return flat(Object.fromEntries(value));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, flat(inner)]));
  }

  return value;
};
