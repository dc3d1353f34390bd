/* @hash e790379ec9f93b07c88d7e34a3724ea8 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmReferendumsSmartContract } from './types';
import { mteMsmReferendumsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AJA7Nv7Ez5mwWM2vUB6evq9QTAkV75XSsH',
    },
  },
  abi: mteMsmReferendumsABI,
  sourceMaps,
};

export const createMTEMsmReferendumsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmReferendumsSmartContract<TClient> => client.smartContract(definition);
