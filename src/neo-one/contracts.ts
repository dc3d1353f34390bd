/* @hash de72e42041423ed8e082f42f7732b6e5 */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';

import { MTEMsmSmartContract, MTEMsmMigrationSmartContract } from './MTEMsm/types';
import { MTEMsmPlantsSmartContract, MTEMsmPlantsMigrationSmartContract } from './MTEMsmPlants/types';
import { MTEMsmReferendumsSmartContract, MTEMsmReferendumsMigrationSmartContract } from './MTEMsmReferendums/types';

import { createMTEMsmSmartContract } from './MTEMsm/contract';
import { createMTEMsmPlantsSmartContract } from './MTEMsmPlants/contract';
import { createMTEMsmReferendumsSmartContract } from './MTEMsmReferendums/contract';

export interface Contracts<TClient extends Client = Client> {
  readonly mteMsm: MTEMsmSmartContract<TClient>;
  readonly mteMsmPlants: MTEMsmPlantsSmartContract<TClient>;
  readonly mteMsmReferendums: MTEMsmReferendumsSmartContract<TClient>;
}
// Refer to the MigrationSmartContract documentation at https://neo-one.io/docs/deployment for more information.
export interface MigrationContracts {
  readonly mteMsm: MTEMsmMigrationSmartContract;
  readonly mteMsmPlants: MTEMsmPlantsMigrationSmartContract;
  readonly mteMsmReferendums: MTEMsmReferendumsMigrationSmartContract;
}

export const createContracts = <TClient extends Client>(client: TClient): Contracts<TClient> => ({
  mteMsm: createMTEMsmSmartContract(client),
  mteMsmPlants: createMTEMsmPlantsSmartContract(client),
  mteMsmReferendums: createMTEMsmReferendumsSmartContract(client),
});
