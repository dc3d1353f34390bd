/**
 * Units and bounds (spec shared/spec/mtemsm.md, "Units and identifiers" and v1.1 §8, §9):
 * quota and capacity in W (Integer), money in R$ (Fixed<2>: raw cents), SEB in Fixed<8>
 * (raw 1e-8 SEB), 1 SEB == 1 kW of capacity, so 1 W of quota is 0.001 SEB == 100_000 raw.
 * Contract sites: MTEMsm (`watts * 100_000`, totalSupply `capacityW * 100_000`),
 * MTEMsmReferendums.powerUp (cost and timeToMarket bounds), MTEMsmTrades.offerTrade (validFor).
 */

/** Decimals of SEB (NEP-5 `decimals`) and of R$. */
export const SEB_DECIMALS = 8;
export const REAL_DECIMALS = 2;

/** W of quota per SEB: 1 SEB == 1 kW. */
export const WATTS_PER_SEB = 1000;

/** Raw SEB units (1e-8 SEB) per W of quota: 1e8 / 1000. */
export const SEB_PER_WATT = 100_000n;

/** R$ 10,000,000,000.00, the largest plant cost, in cents (v1.1 §8). */
export const MAX_COST_CENTS = 1_000_000_000_000n;

/** 10 years of 365 days, the longest time to market, in seconds (v1.1 §8). */
export const MAX_TIME_TO_MARKET = 315_360_000;

/** An offer is valid for 1 s to 365 days (v1.1 §9). */
export const MAX_VALID_FOR = 31_536_000;

/** Raw SEB of `watts` of quota. */
export const sebRawOfWatts = (watts: bigint): bigint => watts * SEB_PER_WATT;
