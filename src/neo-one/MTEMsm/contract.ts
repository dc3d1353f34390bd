/* @hash 478dd3fbe3e92ae18a4e6c5978efa452 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmSmartContract } from './types';
import { mteMsmABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'ATbdq6a8GsYByS29gBwSSubW3UguYSe8JK',
    },
  },
  abi: mteMsmABI,
  sourceMaps,
};

export const createMTEMsmSmartContract = <TClient extends Client>(client: TClient): MTEMsmSmartContract<TClient> =>
  client.smartContract(definition);
