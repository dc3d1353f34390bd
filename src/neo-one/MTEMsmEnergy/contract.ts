/* @hash e59360f895d8318b55a2f42b04ec0236 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmEnergySmartContract } from './types';
import { mteMsmEnergyABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AZt1QqzzuMwF52GqrKh6kMgyDs6xJFsQeA',
    },
  },
  abi: mteMsmEnergyABI,
  sourceMaps,
};

export const createMTEMsmEnergySmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmEnergySmartContract<TClient> => client.smartContract(definition);
