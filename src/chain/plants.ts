/**
 * A plant's paged steps, as every client sends them (the command line, the experiment,
 * the benchmarks and the tests): closing an oversubscribed crowdfunding, cancelling the
 * pledges of a failed or removed plant, starting operation. Each call does one page of
 * bounded work (MTEMsmPlants), so they are sent one after another until the contract
 * says the step is done; the thresholds the contract checks are computed from the
 * public pledges by src/domain/apportion.ts.
 */
import { TransactionOptions, TransactionResult } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { cutThresholdOf, PlantPledge, quotaThresholdOf } from '../domain/apportion';
import { CUT_CHECK_PAGE, PLEDGE_READ_LIMIT, QUOTA_CHECK_PAGE } from '../domain/pages';
import { MTEMsmPlantsSmartContract } from '../neo-one/MTEMsmPlants/types';

/** Raw cents of an R$ amount as the client gives it (a BigNumber in R$). */
export const cents = (amount: BigNumber): bigint => BigInt(amount.times(100).toFixed(0));

export interface PledgeRow extends PlantPledge {
  readonly member: string;
}

/** The pledges read holds at most 50 (MTEMsmPlants.pledges: NeoVM's stack limit; src/domain/pages.ts). */
export const PLEDGE_PAGE = PLEDGE_READ_LIMIT;

/** Every pledge of a plant, in the contract's index order, read page by page. */
export const readPledges = async (plants: MTEMsmPlantsSmartContract, ppID: string): Promise<PledgeRow[]> => {
  const rows: PledgeRow[] = [];
  for (let offset = 0; ; offset += PLEDGE_PAGE) {
    const page = await plants.pledges(ppID, new BigNumber(offset), new BigNumber(PLEDGE_PAGE));
    rows.push(...page.map(({ member, amount, order }) => ({ member, amount: cents(amount), order: BigInt(order.toFixed(0)) })));
    if (page.length < PLEDGE_PAGE) {
      return rows;
    }
  }
};

/** Sends one page of a step (with the sender's options) and says whether the step is done: the call's boolean result. */
export type SendPage = (
  operation: string,
  call: (options: TransactionOptions) => Promise<TransactionResult<any>>,
) => Promise<boolean>;

const threshold = (value: bigint): BigNumber => new BigNumber(value.toString());

/** The smaller page of a threshold's check (MTEMsmPlants: 14 pledges for the cut, 8 for the watts; src/domain/pages.ts). */
export const CHECK_PAGE = Math.min(CUT_CHECK_PAGE, QUOTA_CHECK_PAGE);

/**
 * Gives up when a threshold computed here was checked to the end and not adopted (the
 * contract then returns false forever): the pledges read here are not the contract's.
 */
const checkGuard = (ppID: string, funders: BigNumber) => {
  let pages = 0;
  const limit = Math.ceil(funders.toNumber() / CHECK_PAGE) + 1;

  return (): void => {
    pages += 1;
    if (pages > limit) {
      throw new Error(`The contract did not adopt the threshold computed from ${ppID}'s pledges after ${limit} pages.`);
    }
  };
};

/**
 * Closes a plant's crowdfunding (crowdfundingResult, then, for an under-pledged plant,
 * cancelPledges until failed). Returns the plant's status at the end: funded or failed.
 */
export const closeCrowdfunding = async (plants: MTEMsmPlantsSmartContract, ppID: string, send: SendPage): Promise<string> => {
  let cut: BigNumber | undefined;
  let guard: (() => void) | undefined;
  for (;;) {
    const plant = await plants.powerPlant(ppID);
    if (plant === undefined) {
      throw new Error(`Unknown power plant ${ppID}.`);
    }
    if (plant.status === 'failing' || plant.status === 'removing') {
      await cancelPledges(plants, ppID, send);

      return (await plants.powerPlant(ppID))?.status ?? '';
    }
    if (plant.status !== 'funding' && plant.status !== 'closing') {
      return plant.status;
    }
    // Oversubscribed: the first call closes the funding and checks the first page of
    // the cut's threshold, so it is computed before (pledges no longer change once closed).
    const oversubscribed = plant.status === 'closing' || plant.raised.gt(plant.cost);
    if (oversubscribed && cut === undefined) {
      cut = threshold(cutThresholdOf(cents(plant.cost), await readPledges(plants, ppID)));
      guard = checkGuard(ppID, plant.funders);
    }
    const [, , adopted] = await plants.plantState(ppID);
    if (guard !== undefined && adopted.isZero()) {
      guard();
    }
    const value = cut ?? new BigNumber(0);
    await send('crowdfundingResult', async (options) => plants.crowdfundingResult(ppID, value, options));
  }
};

/** Cancels a failing or removing plant's pledges, page by page, until it is failed or removed. */
export const cancelPledges = async (plants: MTEMsmPlantsSmartContract, ppID: string, send: SendPage): Promise<void> => {
  while (!(await send('cancelPledges', async (options) => plants.cancelPledges(ppID, options)))) {
    // One page of pledges per call.
  }
};

/** Starts a funded plant's operation: checks the watts threshold, then issues page by page. */
export const startOperation = async (plants: MTEMsmPlantsSmartContract, ppID: string, send: SendPage): Promise<void> => {
  const plant = await plants.powerPlant(ppID);
  if (plant === undefined) {
    throw new Error(`Unknown power plant ${ppID}.`);
  }
  const value = threshold(
    quotaThresholdOf(BigInt(plant.capacityW.toFixed(0)), cents(plant.cost), await readPledges(plants, ppID)),
  );
  const guard = checkGuard(ppID, plant.funders);
  for (;;) {
    const [, , , adopted] = await plants.plantState(ppID);
    if (adopted.isZero()) {
      guard();
    }
    if (await send('startOperation', async (options) => plants.startOperation(ppID, value, options))) {
      return;
    }
  }
};
