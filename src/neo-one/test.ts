/* @hash 659c66cc04d92ae16c6ae6ffb9baa01b */
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
  { name: 'MTEMsmEnergy', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmEnergy.ts') },
  { name: 'MTEMsmPlants', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmPlants.ts') },
  { name: 'MTEMsmReferendums', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmReferendums.ts') },
  { name: 'MTEMsmTrades', filePath: path.resolve(__dirname, '../../neo-one/contracts/MTEMsmTrades.ts') },
]);
