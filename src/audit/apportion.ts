/**
 * Splits `total` (an integer) in proportion to `weights`: floors, then one unit each
 * to the largest remainders (ties to the earlier). The parts add up to `total`.
 */
export const apportion = (total: bigint, weights: readonly bigint[]): bigint[] => {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const parts = weights.map((weight) => (total * weight) / sum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (total * weight) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) {
      break;
    }
    parts[index] += 1n;
    left -= 1n;
  }

  return parts;
};
