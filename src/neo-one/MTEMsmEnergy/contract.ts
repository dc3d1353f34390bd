/* @hash 71fa4d4ad9dc9b1ca89fc5ec83ded84c */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmEnergySmartContract } from './types';
import { mteMsmEnergyABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AMhdScbZmVh7mFcUbtrsFRmzdS48XCbMqk',
    },
  },
  abi: mteMsmEnergyABI,
  sourceMaps,
};

export const createMTEMsmEnergySmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmEnergySmartContract<TClient> => client.smartContract(definition);
