/* @hash 015a504adec186258cbf928f86717e7e */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmPlantsSmartContract } from './types';
import { mteMsmPlantsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AYQxRX2tFd5p2gVTnY3VtNVvWL7TMM2QNr',
    },
  },
  abi: mteMsmPlantsABI,
  sourceMaps,
};

export const createMTEMsmPlantsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmPlantsSmartContract<TClient> => client.smartContract(definition);
