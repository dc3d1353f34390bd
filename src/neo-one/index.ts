/* @hash 13b8a80635be3564b5e431a6adb76f48 */
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
