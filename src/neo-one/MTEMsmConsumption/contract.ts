/* @hash 6e2e9f4d8fe3efa872bb9e734c8ef842 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmConsumptionSmartContract } from './types';
import { mteMsmConsumptionABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AQtA4Mh3irdTfL4A8STQXGwGkuGA4w2qLa',
    },
  },
  abi: mteMsmConsumptionABI,
  sourceMaps,
};

export const createMTEMsmConsumptionSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmConsumptionSmartContract<TClient> => client.smartContract(definition);
