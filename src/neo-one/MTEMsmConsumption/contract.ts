/* @hash 7f6c2a85319dfecfd6671210bbd675f3 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmConsumptionSmartContract } from './types';
import { mteMsmConsumptionABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'ASQbxro17e4wHmsAWmHpNCBRZc6P4NB2rx',
    },
  },
  abi: mteMsmConsumptionABI,
  sourceMaps,
};

export const createMTEMsmConsumptionSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmConsumptionSmartContract<TClient> => client.smartContract(definition);
