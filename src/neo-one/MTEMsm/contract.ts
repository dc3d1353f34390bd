/* @hash 76eb74a6eaa82fb17e96adedc4f2f295 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmSmartContract } from './types';
import { mteMsmABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'Ac89YSkmcnP6ZVpzzt2nvzFKCzvTJzqPxc',
    },
  },
  abi: mteMsmABI,
  sourceMaps,
};

export const createMTEMsmSmartContract = <TClient extends Client>(client: TClient): MTEMsmSmartContract<TClient> =>
  client.smartContract(definition);
