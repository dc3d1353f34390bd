/* @hash ec40657b840dad191239ab35029187fb */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmEnergySmartContract } from './types';
import { mteMsmEnergyABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AFuKk9WNMUaUjaWrzSHvo4MfpTaeH4KyPB',
    },
  },
  abi: mteMsmEnergyABI,
  sourceMaps,
};

export const createMTEMsmEnergySmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmEnergySmartContract<TClient> => client.smartContract(definition);
