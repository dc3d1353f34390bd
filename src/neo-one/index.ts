/* @hash c8deae53ea2258d908c41eb73c21fe10 */
// tslint:disable
/* eslint-disable */
export * from './contracts';
export * from './client';
export * from './MTEMsm/contract';
export * from './MTEMsm/types';
export * from './MTEMsm/abi';
export * from './MTEMsmPlants/contract';
export * from './MTEMsmPlants/types';
export * from './MTEMsmPlants/abi';
export * from './MTEMsmReferendums/contract';
export * from './MTEMsmReferendums/types';
export * from './MTEMsmReferendums/abi';
export * from './MTEMsmTrades/contract';
export * from './MTEMsmTrades/types';
export * from './MTEMsmTrades/abi';
