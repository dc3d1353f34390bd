/* @hash 9d65a299e9d1f5b37e6bf87db4754094 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmSmartContract } from './types';
import { mteMsmABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AWFtPQ4CbEotWLsoS13pCwRzyudZyEuz5y',
    },
  },
  abi: mteMsmABI,
  sourceMaps,
};

export const createMTEMsmSmartContract = <TClient extends Client>(client: TClient): MTEMsmSmartContract<TClient> =>
  client.smartContract(definition);
