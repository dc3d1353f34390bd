/* @hash 22c4efb3a0f4cfa2a4b9a2f8dafa689d */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmPlantsSmartContract } from './types';
import { mteMsmPlantsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AVr2YwuBcnapqRCp3iT1GYWJ1fsZHcdjJH',
    },
  },
  abi: mteMsmPlantsABI,
  sourceMaps,
};

export const createMTEMsmPlantsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmPlantsSmartContract<TClient> => client.smartContract(definition);
