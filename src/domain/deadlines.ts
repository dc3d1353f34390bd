/**
 * Deadlines, each as the contracts compare it (times are block times, Unix seconds).
 * Spec (shared/spec/mtemsm.md): "Referendums" (open while `now <= endsAt`; results
 * once `now > endsAt`), "Power plants" (bids not past `fundingEndsAt`; startOperation
 * once `now >= fundedAt + timeToMarket`), v1.1 §4 (invitations expire after
 * referendumPeriod), §6 (early close once minFundingWindow has passed), §9 (offers
 * expire). Every "until" deadline includes its last second: open while now <= the time.
 *
 * Contract sites: MTEMsmReferendums vote (`> endsAt` closed), outcomeOf (`<= endsAt`
 * still open), invite and admission (`now <= expiresAt` open); MTEMsmPlants bid
 * (`> fundingEndsAt` closed), crowdfundingResult (`now <= fundingEndsAt` and
 * `now < openedAt + minFundingWindow` still open), startOperation (`< fundedAt +
 * timeToMarket` too early); MTEMsmTrades acceptOffer (`> expiresAt` expired).
 */

/** A referendum takes votes while now <= endsAt (and it is not resolved). */
export const votingOpen = (now: number, endsAt: number): boolean => now <= endsAt;

/** A result call is accepted whatever the tally once now > endsAt (majority.ts: earlier once decided). */
export const resultAllowed = (now: number, endsAt: number): boolean => now > endsAt;

/** An invitation is open (can be used, blocks a second one) while now <= expiresAt. */
export const invitationOpen = (now: number, expiresAt: number): boolean => now <= expiresAt;

/** A trade offer can be accepted while now <= expiresAt; after, it reads 'expired'. */
export const offerOpen = (now: number, expiresAt: number): boolean => now <= expiresAt;

/** A plant in funding takes pledges while now <= fundingEndsAt. */
export const pledgesOpen = (now: number, fundingEndsAt: number): boolean => now <= fundingEndsAt;

/**
 * crowdfundingResult may close the funding: after fundingEndsAt, or, fully pledged
 * (raised >= cost), once minFundingWindow has passed since it opened (now >= openedAt + window).
 */
export const fundingClosable = (
  now: number,
  fundingEndsAt: number,
  fullyPledged: boolean,
  openedAt: number,
  minFundingWindow: number,
): boolean => now > fundingEndsAt || (fullyPledged && now >= openedAt + minFundingWindow);

/** startOperation may run once the time to market has passed: now >= fundedAt + timeToMarket. */
export const timeToMarketPassed = (now: number, fundedAt: number, timeToMarket: number): boolean => now >= fundedAt + timeToMarket;
