/* @hash 688af47beb6422913e7ee5a454836d16 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmSmartContract } from './types';
import { mteMsmABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AScNRufTjfuGbA7jcvZfDDJjcnT19NWxzF',
    },
  },
  abi: mteMsmABI,
  sourceMaps,
};

export const createMTEMsmSmartContract = <TClient extends Client>(client: TClient): MTEMsmSmartContract<TClient> =>
  client.smartContract(definition);
