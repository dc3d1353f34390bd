/* @hash 349e3e48b0f3dccee2556a5cb8738319 */
// tslint:disable
/* eslint-disable */
export * from './contracts';
export * from './client';
export * from './MTEMsm/contract';
export * from './MTEMsm/types';
export * from './MTEMsm/abi';
export * from './MTEMsmConsumption/contract';
export * from './MTEMsmConsumption/types';
export * from './MTEMsmConsumption/abi';
export * from './MTEMsmEnergy/contract';
export * from './MTEMsmEnergy/types';
export * from './MTEMsmEnergy/abi';
export * from './MTEMsmPlants/contract';
export * from './MTEMsmPlants/types';
export * from './MTEMsmPlants/abi';
export * from './MTEMsmReferendums/contract';
export * from './MTEMsmReferendums/types';
export * from './MTEMsmReferendums/abi';
export * from './MTEMsmTrades/contract';
export * from './MTEMsmTrades/types';
export * from './MTEMsmTrades/abi';
