/* @hash 16737901c8f6faf9e278fd821f798605 */
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
  { name: 'MTEMsmConsumption', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmConsumption.ts') },
  { name: 'MTEMsmEnergy', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmEnergy.ts') },
  { name: 'MTEMsmPlants', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmPlants.ts') },
  { name: 'MTEMsmReferendums', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmReferendums.ts') },
  { name: 'MTEMsmTrades', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmTrades.ts') },
]);
