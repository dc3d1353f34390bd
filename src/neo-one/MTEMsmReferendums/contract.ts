/* @hash e5e51e50737f82f302f2d4380f8daf30 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmReferendumsSmartContract } from './types';
import { mteMsmReferendumsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AciHvg57RBArKtpPnAE2ruXN5Pn95P8RVU',
    },
  },
  abi: mteMsmReferendumsABI,
  sourceMaps,
};

export const createMTEMsmReferendumsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmReferendumsSmartContract<TClient> => client.smartContract(definition);
