/* @hash f0416741538482a01dfff0a3f95f9ad1 */
// tslint:disable
/* eslint-disable */
import { createWithContracts, TestOptions, WithContractsOptions } from '@neo-one/smart-contract-test';
import { Contracts } from './contracts';
import * as path from 'path';

export const withContracts: (
  test: (contracts: Contracts & TestOptions) => Promise<void>,
  options?: WithContractsOptions,
) => Promise<void> = createWithContracts([
  { name: 'MTEMsm', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsm.ts') },
  { name: 'MTEMsmPlants', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmPlants.ts') },
  { name: 'MTEMsmReferendums', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmReferendums.ts') },
]);
