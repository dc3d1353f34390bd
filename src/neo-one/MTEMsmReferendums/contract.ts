/* @hash 3926bb65a8a2c970acef1d88ca60fdd3 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmReferendumsSmartContract } from './types';
import { mteMsmReferendumsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'Ac17mCK151QzMVfBcusPkSvGU6BnJdTfsS',
    },
  },
  abi: mteMsmReferendumsABI,
  sourceMaps,
};

export const createMTEMsmReferendumsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmReferendumsSmartContract<TClient> => client.smartContract(definition);
