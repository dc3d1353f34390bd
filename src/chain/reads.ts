/**
 * Whole lists read page by page, as every client reads them (the command line, the
 * auditor, the tests). Pages hold at most PAGE_LIMIT entries (the contracts' limit).
 *
 * - Members are listed by serial (admission order), and a removed member leaves a gap,
 *   so a page can hold fewer than its limit before the end: read until the group's
 *   member count is reached.
 * - contributionsOf pages over plants (P<offset+1> … P<offset+limit>): read until the
 *   plant count is passed.
 */
import BigNumber from 'bignumber.js';
import { LIST_PAGE_LIMIT } from '../domain/pages';
import { MTEMsmSmartContract } from '../neo-one/MTEMsm/types';
import { MTEMsmPlantsSmartContract } from '../neo-one/MTEMsmPlants/types';

/** The largest page the contracts' list reads accept (src/domain/pages.ts). */
export const PAGE_LIMIT = LIST_PAGE_LIMIT;

const big = (value: number): BigNumber => new BigNumber(value);

/** Every member's address, in admission order. */
export const allMembers = async (ledger: MTEMsmSmartContract): Promise<string[]> => {
  const { members } = await ledger.groupSummary();
  const count = members.toNumber();
  const list: string[] = [];
  // A serial is at most admissions so far; each page is 100 serials, so this ends.
  for (let offset = 0; list.length < count; offset += PAGE_LIMIT) {
    list.push(...(await ledger.listOfMembers(big(offset), big(PAGE_LIMIT))));
  }

  return list;
};

/** Every plant ID in order of registration (removed and failed plants included). */
export const allPlants = async (plants: MTEMsmPlantsSmartContract): Promise<string[]> => {
  const list: string[] = [];
  for (let offset = 0; ; offset += PAGE_LIMIT) {
    const page = await plants.listOfPowerPlants(big(offset), big(PAGE_LIMIT));
    list.push(...page);
    if (page.length < PAGE_LIMIT) {
      return list;
    }
  }
};

/** A member's pledges over every plant, as { ppID, amount } (R$), in plant order. */
export const allContributions = async (
  ledger: MTEMsmSmartContract,
  plants: MTEMsmPlantsSmartContract,
  address: string,
): Promise<Array<{ readonly ppID: string; readonly amount: BigNumber }>> => {
  const count = (await ledger.groupSummary()).powerPlants.toNumber();
  const list: Array<{ readonly ppID: string; readonly amount: BigNumber }> = [];
  for (let offset = 0; offset < count; offset += PAGE_LIMIT) {
    list.push(...(await plants.contributionsOf(address, big(offset), big(PAGE_LIMIT))));
  }

  return list;
};
