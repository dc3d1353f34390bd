/* @hash 8d63ea2d28e6956a01f91678a1442634 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmEnergySmartContract } from './types';
import { mteMsmEnergyABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AKAFMAmsXX2hxzJYvx98qsW2yvotvai9zY',
    },
  },
  abi: mteMsmEnergyABI,
  sourceMaps,
};

export const createMTEMsmEnergySmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmEnergySmartContract<TClient> => client.smartContract(definition);
