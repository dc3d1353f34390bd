/* @hash 6f1f75448561c6cfdf9e83ec64f8d00d */
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
  readonly energiesWh: Array<BigNumber>;
  readonly registerWh: BigNumber;
}
export interface MTEMsmEnergyProductionEvent extends Event<'production', MTEMsmEnergyProductionEventParameters> {}
export interface MTEMsmEnergyConsumptionEventParameters {
  readonly firstInterval: BigNumber;
  readonly roots: Array<BufferString>;
  readonly totalsWh: Array<BigNumber>;
  readonly meters: Array<BigNumber>;
}
export interface MTEMsmEnergyConsumptionEvent extends Event<'consumption', MTEMsmEnergyConsumptionEventParameters> {}
export interface MTEMsmEnergyDisputeEventParameters {
  readonly interval: BigNumber;
  readonly leaf: BufferString;
  readonly member: AddressString;
  readonly disputes: BigNumber;
}
export interface MTEMsmEnergyDisputeEvent extends Event<'dispute', MTEMsmEnergyDisputeEventParameters> {}
export interface MTEMsmEnergyCreditEventParameters {
  readonly holder: AddressString;
  readonly deviceID: string;
  readonly energyWh: BigNumber;
}
export interface MTEMsmEnergyCreditEvent extends Event<'credit', MTEMsmEnergyCreditEventParameters> {}
export type MTEMsmEnergyEvent =
  | MTEMsmEnergyDeviceEvent
  | MTEMsmEnergyDeviceChangeEvent
  | MTEMsmEnergyProductionEvent
  | MTEMsmEnergyConsumptionEvent
  | MTEMsmEnergyDisputeEvent
  | MTEMsmEnergyCreditEvent;

export interface MTEMsmEnergySmartContract<TClient extends Client = Client>
  extends SmartContract<TClient, MTEMsmEnergyEvent> {
  readonly commitConsumption: {
    (
      firstInterval: BigNumber,
      roots: Array<BufferString>,
      totalsWh: Array<BigNumber>,
      meters: Array<BigNumber>,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>>;
    readonly confirmed: (
      firstInterval: BigNumber,
      roots: Array<BufferString>,
      totalsWh: Array<BigNumber>,
      meters: Array<BigNumber>,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly consumptionOf: (interval: BigNumber) => Promise<
    | {
        readonly root: BufferString;
        readonly totalWh: BigNumber;
        readonly meters: BigNumber;
        readonly disputes: BigNumber;
      }
    | undefined
  >;
  readonly creditsOf: (address: AddressString) => Promise<{
    readonly accruedWh: BigNumber;
    readonly retiredWh: BigNumber;
    readonly soldWh: BigNumber;
    readonly boughtWh: BigNumber;
    readonly balanceWh: BigNumber;
  }>;
  readonly deploy: {
    (ledger: AddressString, plants: AddressString, operator: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ledger: AddressString,
      plants: AddressString,
      operator: AddressString,
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
  readonly dispute: {
    (
      member: AddressString,
      interval: BigNumber,
      leaf: BufferString,
      siblings: Array<BufferString>,
      lefts: Array<boolean>,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>>;
    readonly confirmed: (
      member: AddressString,
      interval: BigNumber,
      leaf: BufferString,
      siblings: Array<BufferString>,
      lefts: Array<boolean>,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly energyTotals: () => Promise<Array<BigNumber>>;
  readonly founder: () => Promise<AddressString>;
  readonly listOfDevices: (offset: BigNumber, limit: BigNumber) => Promise<Array<string>>;
  readonly operator: () => Promise<AddressString>;
  readonly recordProduction: {
    (
      deviceID: string,
      firstInterval: BigNumber,
      energiesWh: Array<BigNumber>,
      registerWh: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>>;
    readonly confirmed: (
      deviceID: string,
      firstInterval: BigNumber,
      energiesWh: Array<BigNumber>,
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
  readonly retireDevice: {
    (deviceID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEnergyEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      deviceID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  };
}

export interface MTEMsmEnergyMigrationSmartContract {
  readonly commitConsumption: (
    firstInterval: BigNumber | Promise<BigNumber>,
    roots: Array<BufferString> | Promise<Array<BufferString>>,
    totalsWh: Array<BigNumber> | Promise<Array<BigNumber>>,
    meters: Array<BigNumber> | Promise<Array<BigNumber>>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
  readonly consumptionOf: (interval: BigNumber | Promise<BigNumber>) => Promise<
    | {
        readonly root: BufferString;
        readonly totalWh: BigNumber;
        readonly meters: BigNumber;
        readonly disputes: BigNumber;
      }
    | undefined
  >;
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
    operator: AddressString | Promise<AddressString>,
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
  readonly dispute: (
    member: AddressString | Promise<AddressString>,
    interval: BigNumber | Promise<BigNumber>,
    leaf: BufferString | Promise<BufferString>,
    siblings: Array<BufferString> | Promise<Array<BufferString>>,
    lefts: Array<boolean> | Promise<Array<boolean>>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
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
    energiesWh: Array<BigNumber> | Promise<Array<BigNumber>>,
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
  readonly retireDevice: (
    deviceID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEnergyEvent> & { readonly transaction: InvocationTransaction }>;
}
