/* @hash f981aa118a313dfdcd4b876894443b0a */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmSmartContract } from './types';
import { mteMsmABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AYHNDrWEQdmpZhSJQDLvyr98tZTw5Mh9QJ',
    },
  },
  abi: mteMsmABI,
  sourceMaps,
};

export const createMTEMsmSmartContract = <TClient extends Client>(client: TClient): MTEMsmSmartContract<TClient> =>
  client.smartContract(definition);
