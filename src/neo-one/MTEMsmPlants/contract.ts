/* @hash 95a949bb376ccb608ab0590cdf6d5b8c */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmPlantsSmartContract } from './types';
import { mteMsmPlantsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'ALZyMFM6MvWh2ZHJo5yfS2Drqjjf5Uqsxs',
    },
  },
  abi: mteMsmPlantsABI,
  sourceMaps,
};

export const createMTEMsmPlantsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmPlantsSmartContract<TClient> => client.smartContract(definition);
