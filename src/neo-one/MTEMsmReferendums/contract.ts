/* @hash b20b83789b3f7b56e3223679cb4eaced */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmReferendumsSmartContract } from './types';
import { mteMsmReferendumsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AGTUsBe6Mx6929RwnmmG9YxCohuGaE9zWi',
    },
  },
  abi: mteMsmReferendumsABI,
  sourceMaps,
};

export const createMTEMsmReferendumsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmReferendumsSmartContract<TClient> => client.smartContract(definition);
