/* @hash 7742ca72fe4ba582b7a792c77870d234 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmTradesSmartContract } from './types';
import { mteMsmTradesABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'ATTfRd7yaCLnrJz4EtP8AoDweHDXyTn9rZ',
    },
  },
  abi: mteMsmTradesABI,
  sourceMaps,
};

export const createMTEMsmTradesSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmTradesSmartContract<TClient> => client.smartContract(definition);
