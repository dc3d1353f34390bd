/* @hash 9a2e42909238da48125d2b72b890b894 */
// tslint:disable
/* eslint-disable */
import {
  AddressString,
  BufferString,
  Client,
  Event,
  GetOptions,
  InvocationTransaction,
  InvokeReceipt,
  SmartContract,
  TransactionOptions,
  TransactionResult,
} from '@neo-one/client';
import BigNumber from 'bignumber.js';

export interface MTEMsmEnergyDeviceEventParameters {
  readonly deviceID: string;
  readonly owner: AddressString;
  readonly kind: string;
  readonly meter: AddressString;
  readonly capacityW: BigNumber;
  readonly source: string;
  readonly plantID: string;
  readonly category: string;
}
export interface MTEMsmEnergyDeviceEvent extends Event<'device', MTEMsmEnergyDeviceEventParameters> {}
export interface MTEMsmEnergyDeviceChangeEventParameters {
  readonly deviceID: string;
  readonly meter: AddressString;
  readonly registerWh: BigNumber;
  readonly status: string;
}
export interface MTEMsmEnergyDeviceChangeEvent extends Event<'deviceChange', MTEMsmEnergyDeviceChangeEventParameters> {}
export interface MTEMsmEnergyProductionEventParameters {
  readonly deviceID: string;
  readonly firstInterval: BigNumber;
  readonly energiesWh: BufferString;
  readonly registerWh: BigNumber;
}
export interface MTEMsmEnergyProductionEvent extends Event<'production', MTEMsmEnergyProductionEventParameters> {}
export interface MTEMsmEnergyRetiredEventParameters {
  readonly certificateID: string;
  readonly member: AddressString;
  readonly energyWh: BigNumber;
  readonly fromInterval: BigNumber;
  readonly toInterval: BigNumber;
  readonly sources: Array<BigNumber>;
  readonly beneficiaryHash: BufferString;
}
export interface MTEMsmEnergyRetiredEvent extends Event<'retired', MTEMsmEnergyRetiredEventParameters> {}
export interface MTEMsmEnergyCreditEventParameters {
  readonly holder: AddressString;
  readonly deviceID: string;
  readonly energyWh: BigNumber;
}
export interface MTEMsmEnergyCreditEvent extends Event<'credit', MTEMsmEnergyCreditEventParameters> {}
export interface MTEMsmEnergyOperatorEventParameters {
  readonly operator: AddressString;
}
export interface MTEMsmEnergyOperatorEvent extends Event<'operator', MTEMsmEnergyOperatorEventParameters> {}
export type MTEMsmEnergyEvent =
  | MTEMsmEnergyDeviceEvent
  | MTEMsmEnergyDeviceChangeEvent
  | MTEMsmEnergyProductionEvent
  | MTEMsmEnergyRetiredEvent
  | MTEMsmEnergyCreditEvent
  | MTEMsmEnergyOperatorEvent;

export interface MTEMsmEnergySmartContract<TClient extends Client = Client>
  extends SmartContract<TClient, MTEMsmEnergyEvent> {
  readonly certificate: (certificateID: string) => Promise<
    | {
        readonly member: AddressString;
        readonly energyWh: BigNumber;
        readonly fromInterval: BigNumber;
        readonly toInterval: BigNumber;
        readonly sources: Array<BigNumber>;
        readonly beneficiaryHash: BufferString;
      }
    | undefined
  >;
  readonly claimCredits: {
    (holder: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<BigNumber, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      holder: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<BigNumber, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly creditsOf: (address: AddressString) => Promise<{
    readonly accruedWh: BigNumber;
    readonly retiredWh: BigNumber;
    readonly soldWh: BigNumber;
    readonly boughtWh: BigNumber;
    readonly balanceWh: BigNumber;
  }>;
  readonly deploy: {
    (ledger: AddressString, plants: AddressString, referendums: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ledger: AddressString,
      plants: AddressString,
      referendums: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly device: (deviceID: string) => Promise<
    | {
        readonly owner: AddressString;
        readonly kind: string;
        readonly meter: AddressString;
        readonly capacityW: BigNumber;
        readonly source: string;
        readonly plantID: string;
        readonly category: string;
        readonly status: string;
        readonly lastInterval: BigNumber;
        readonly registerWh: BigNumber;
      }
    | undefined
  >;
  readonly devicesOf: (owner: AddressString, offset: BigNumber, limit: BigNumber) => Promise<Array<string>>;
  readonly energyTotals: () => Promise<Array<BigNumber>>;
  readonly founder: () => Promise<AddressString>;
  readonly listOfDevices: (offset: BigNumber, limit: BigNumber) => Promise<Array<string>>;
  readonly operator: () => Promise<AddressString>;
  readonly recordProduction: {
    (
      deviceID: string,
      firstInterval: BigNumber,
      energiesWh: BufferString,
      registerWh: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>>;
    readonly confirmed: (
      deviceID: string,
      firstInterval: BigNumber,
      energiesWh: BufferString,
      registerWh: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly registerDevice: {
    (
      owner: AddressString,
      kind: string,
      meter: AddressString,
      capacityW: BigNumber,
      source: string,
      plantID: string,
      category: string,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEnergyEvent>, InvocationTransaction>>;
    readonly confirmed: (
      owner: AddressString,
      kind: string,
      meter: AddressString,
      capacityW: BigNumber,
      source: string,
      plantID: string,
      category: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly replaceMeter: {
    (deviceID: string, newMeter: AddressString, registerWh: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      deviceID: string,
      newMeter: AddressString,
      registerWh: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly retire: {
    (member: AddressString, energyWh: BigNumber, beneficiaryHash: BufferString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      member: AddressString,
      energyWh: BigNumber,
      beneficiaryHash: BufferString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly retireDevice: {
    (deviceID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      deviceID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly syncOperator: {
    (options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
}

export interface MTEMsmEnergyMigrationSmartContract {
  readonly certificate: (certificateID: string | Promise<string>) => Promise<
    | {
        readonly member: AddressString;
        readonly energyWh: BigNumber;
        readonly fromInterval: BigNumber;
        readonly toInterval: BigNumber;
        readonly sources: Array<BigNumber>;
        readonly beneficiaryHash: BufferString;
      }
    | undefined
  >;
  readonly claimCredits: (
    holder: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<BigNumber, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly creditsOf: (address: AddressString | Promise<AddressString>) => Promise<{
    readonly accruedWh: BigNumber;
    readonly retiredWh: BigNumber;
    readonly soldWh: BigNumber;
    readonly boughtWh: BigNumber;
    readonly balanceWh: BigNumber;
  }>;
  readonly deploy: (
    ledger: AddressString | Promise<AddressString>,
    plants: AddressString | Promise<AddressString>,
    referendums: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly device: (deviceID: string | Promise<string>) => Promise<
    | {
        readonly owner: AddressString;
        readonly kind: string;
        readonly meter: AddressString;
        readonly capacityW: BigNumber;
        readonly source: string;
        readonly plantID: string;
        readonly category: string;
        readonly status: string;
        readonly lastInterval: BigNumber;
        readonly registerWh: BigNumber;
      }
    | undefined
  >;
  readonly devicesOf: (
    owner: AddressString | Promise<AddressString>,
    offset: BigNumber | Promise<BigNumber>,
    limit: BigNumber | Promise<BigNumber>,
  ) => Promise<Array<string>>;
  readonly energyTotals: () => Promise<Array<BigNumber>>;
  readonly founder: () => Promise<AddressString>;
  readonly listOfDevices: (
    offset: BigNumber | Promise<BigNumber>,
    limit: BigNumber | Promise<BigNumber>,
  ) => Promise<Array<string>>;
  readonly operator: () => Promise<AddressString>;
  readonly recordProduction: (
    deviceID: string | Promise<string>,
    firstInterval: BigNumber | Promise<BigNumber>,
    energiesWh: BufferString | Promise<BufferString>,
    registerWh: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly registerDevice: (
    owner: AddressString | Promise<AddressString>,
    kind: string | Promise<string>,
    meter: AddressString | Promise<AddressString>,
    capacityW: BigNumber | Promise<BigNumber>,
    source: string | Promise<string>,
    plantID: string | Promise<string>,
    category: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly replaceMeter: (
    deviceID: string | Promise<string>,
    newMeter: AddressString | Promise<AddressString>,
    registerWh: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly retire: (
    member: AddressString | Promise<AddressString>,
    energyWh: BigNumber | Promise<BigNumber>,
    beneficiaryHash: BufferString | Promise<BufferString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly retireDevice: (
    deviceID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly syncOperator: (
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
}
