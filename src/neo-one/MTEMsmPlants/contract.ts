/* @hash dec8caccdfb33cfa40a1f7d26209bd3d */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmPlantsSmartContract } from './types';
import { mteMsmPlantsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AMJKNs4vScno5b6X2x4eFWBLBoDTpqvox8',
    },
  },
  abi: mteMsmPlantsABI,
  sourceMaps,
};

export const createMTEMsmPlantsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmPlantsSmartContract<TClient> => client.smartContract(definition);
