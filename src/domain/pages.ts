/**
 * Every page size the contracts use, stated once for all off-chain code. The literals
 * stay in the contracts (neo-one compiles each contract on its own); test/unit/domain.test.ts
 * reads them from the contract sources, so a change in one place only fails.
 * Spec (shared/spec/mtemsm.md): "Reads" (listOfMembers, listOfPowerPlants paged) and
 * v1.1 §7 ("Every long loop is paged": cancelling, issuing, contributionsOf).
 */

/** The largest `limit` of a list read: MTEMsm.listOfMembers, MTEMsmPlants.listOfPowerPlants / contributionsOf / pledges (`limit > 100`). */
export const LIST_PAGE_LIMIT = 100;

/** MTEMsmPlants.pledges holds at most 50 a page (`limit > 50`: a read of 90 overflowed NeoVM's stack). */
export const PLEDGE_READ_LIMIT = 50;

/** Pledges one crowdfundingResult page checks of a cut threshold (MTEMsmPlants CUT_CHECK_PAGE). */
export const CUT_CHECK_PAGE = 14;

/** Pledges one startOperation page checks of a watts threshold (MTEMsmPlants QUOTA_CHECK_PAGE). */
export const QUOTA_CHECK_PAGE = 8;

/** Pledges one crowdfundingResult page releases of an oversubscribed plant (MTEMsmPlants RELEASE_PAGE). */
export const RELEASE_PAGE = 10;

/** Pledges one cancelPledges page cancels, from the last (MTEMsmPlants: `funders > 2 ? funders - 2 : 0`). */
export const CANCEL_PAGE = 2;

/** Funders one startOperation page issues to (MTEMsmPlants: `const last = done + 1`; two would pass 10 free GAS). */
export const ISSUE_PAGE = 1;

/** Pages a check of `funders` pledges takes, `page` at a time (at least one: an empty plant's check is one call). */
export const checkPages = (funders: number, page: number): number => Math.max(1, Math.ceil(funders / page));

/** Every transaction of startOperation for `funders` funders: the watts threshold's check, then one issue page per ISSUE_PAGE funders. */
export const startOperationPages = (funders: number): number =>
  checkPages(funders, QUOTA_CHECK_PAGE) + Math.ceil(funders / ISSUE_PAGE);

/** cancelPledges transactions for `funders` pledges (one when there are none left but the step is due). */
export const cancelPages = (funders: number): number => Math.max(1, Math.ceil(funders / CANCEL_PAGE));
