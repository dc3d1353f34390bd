/* @hash 2cfc1e2e03727ca6ecc06e1bb00aeed7 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmConsumptionSmartContract } from './types';
import { mteMsmConsumptionABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AUfYbdNq646v94bsq6ZNU29WvANy41rjej',
    },
  },
  abi: mteMsmConsumptionABI,
  sourceMaps,
};

export const createMTEMsmConsumptionSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmConsumptionSmartContract<TClient> => client.smartContract(definition);
