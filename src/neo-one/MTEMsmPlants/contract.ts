/* @hash bba304e6e5b2c2ffb64d5747b3aa70ef */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmPlantsSmartContract } from './types';
import { mteMsmPlantsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AFuZz8tjaxJwZBpYgDaSFGA9tpAfgTaqXy',
    },
  },
  abi: mteMsmPlantsABI,
  sourceMaps,
};

export const createMTEMsmPlantsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmPlantsSmartContract<TClient> => client.smartContract(definition);
