/* @hash 9852172fb246696ac2d390ad4a1e32b6 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmEnergySmartContract } from './types';
import { mteMsmEnergyABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AN9GZmap7UuBae7GQCA4y4Wy12pHq4jF5z',
    },
  },
  abi: mteMsmEnergyABI,
  sourceMaps,
};

export const createMTEMsmEnergySmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmEnergySmartContract<TClient> => client.smartContract(definition);
