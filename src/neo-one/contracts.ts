/* @hash 3106445d4757f730d46ded8dc54657ea */
// tslint:disable
/* eslint-disable */
import { Client } from '@neo-one/client';

import { MTEMsmSmartContract, MTEMsmMigrationSmartContract } from './MTEMsm/types';
import { MTEMsmConsumptionSmartContract, MTEMsmConsumptionMigrationSmartContract } from './MTEMsmConsumption/types';
import { MTEMsmEnergySmartContract, MTEMsmEnergyMigrationSmartContract } from './MTEMsmEnergy/types';
import { MTEMsmPlantsSmartContract, MTEMsmPlantsMigrationSmartContract } from './MTEMsmPlants/types';
import { MTEMsmReferendumsSmartContract, MTEMsmReferendumsMigrationSmartContract } from './MTEMsmReferendums/types';
import { MTEMsmTradesSmartContract, MTEMsmTradesMigrationSmartContract } from './MTEMsmTrades/types';

import { createMTEMsmSmartContract } from './MTEMsm/contract';
import { createMTEMsmConsumptionSmartContract } from './MTEMsmConsumption/contract';
import { createMTEMsmEnergySmartContract } from './MTEMsmEnergy/contract';
import { createMTEMsmPlantsSmartContract } from './MTEMsmPlants/contract';
import { createMTEMsmReferendumsSmartContract } from './MTEMsmReferendums/contract';
import { createMTEMsmTradesSmartContract } from './MTEMsmTrades/contract';

export interface Contracts<TClient extends Client = Client> {
  readonly mteMsm: MTEMsmSmartContract<TClient>;
  readonly mteMsmConsumption: MTEMsmConsumptionSmartContract<TClient>;
  readonly mteMsmEnergy: MTEMsmEnergySmartContract<TClient>;
  readonly mteMsmPlants: MTEMsmPlantsSmartContract<TClient>;
  readonly mteMsmReferendums: MTEMsmReferendumsSmartContract<TClient>;
  readonly mteMsmTrades: MTEMsmTradesSmartContract<TClient>;
}
// Refer to the MigrationSmartContract documentation at https://neo-one.io/docs/deployment for more information.
export interface MigrationContracts {
  readonly mteMsm: MTEMsmMigrationSmartContract;
  readonly mteMsmConsumption: MTEMsmConsumptionMigrationSmartContract;
  readonly mteMsmEnergy: MTEMsmEnergyMigrationSmartContract;
  readonly mteMsmPlants: MTEMsmPlantsMigrationSmartContract;
  readonly mteMsmReferendums: MTEMsmReferendumsMigrationSmartContract;
  readonly mteMsmTrades: MTEMsmTradesMigrationSmartContract;
}

export const createContracts = <TClient extends Client>(client: TClient): Contracts<TClient> => ({
  mteMsm: createMTEMsmSmartContract(client),
  mteMsmConsumption: createMTEMsmConsumptionSmartContract(client),
  mteMsmEnergy: createMTEMsmEnergySmartContract(client),
  mteMsmPlants: createMTEMsmPlantsSmartContract(client),
  mteMsmReferendums: createMTEMsmReferendumsSmartContract(client),
  mteMsmTrades: createMTEMsmTradesSmartContract(client),
});
