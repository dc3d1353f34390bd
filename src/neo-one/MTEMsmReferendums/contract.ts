/* @hash 639838b0bfcc54aede1c4e5cd0675ba9 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmReferendumsSmartContract } from './types';
import { mteMsmReferendumsABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AMF2BZuuspe2nM6UioTaUZ2dAgo3fMojkG',
    },
  },
  abi: mteMsmReferendumsABI,
  sourceMaps,
};

export const createMTEMsmReferendumsSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmReferendumsSmartContract<TClient> => client.smartContract(definition);
