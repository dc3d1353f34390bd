/* @hash 239834a12afed5675c0703d0d9507eb0 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';
import { MTEMsmConsumptionSmartContract } from './types';
import { mteMsmConsumptionABI } from './abi';
import { sourceMaps } from '../sourceMaps';

const definition = {
  networks: {
    local: {
      address: 'AFoSVBnvu2ykuHvm3p8nTcNKTTR164XnQU',
    },
  },
  abi: mteMsmConsumptionABI,
  sourceMaps,
};

export const createMTEMsmConsumptionSmartContract = <TClient extends Client>(
  client: TClient,
): MTEMsmConsumptionSmartContract<TClient> => client.smartContract(definition);
