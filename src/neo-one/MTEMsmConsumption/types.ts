/* @hash ac730dd3eb563d700c4bd37923adab2a */
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

export interface MTEMsmConsumptionConsumptionEventParameters {
  readonly firstInterval: BigNumber;
  readonly intervals: BufferString;
}
export interface MTEMsmConsumptionConsumptionEvent
  extends Event<'consumption', MTEMsmConsumptionConsumptionEventParameters> {}
export interface MTEMsmConsumptionDisputeEventParameters {
  readonly interval: BigNumber;
  readonly leaf: BufferString;
  readonly member: AddressString;
  readonly disputes: BigNumber;
}
export interface MTEMsmConsumptionDisputeEvent extends Event<'dispute', MTEMsmConsumptionDisputeEventParameters> {}
export interface MTEMsmConsumptionOperatorEventParameters {
  readonly operator: AddressString;
}
export interface MTEMsmConsumptionOperatorEvent extends Event<'operator', MTEMsmConsumptionOperatorEventParameters> {}
export type MTEMsmConsumptionEvent =
  | MTEMsmConsumptionConsumptionEvent
  | MTEMsmConsumptionDisputeEvent
  | MTEMsmConsumptionOperatorEvent;

export interface MTEMsmConsumptionSmartContract<TClient extends Client = Client>
  extends SmartContract<TClient, MTEMsmConsumptionEvent> {
  readonly commitConsumption: {
    (firstInterval: BigNumber, intervals: BufferString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmConsumptionEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      firstInterval: BigNumber,
      intervals: BufferString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
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
  readonly deploy: {
    (ledger: AddressString, referendums: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmConsumptionEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ledger: AddressString,
      referendums: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly dispute: {
    (
      member: AddressString,
      interval: BigNumber,
      leaf: BufferString,
      siblings: Array<BufferString>,
      lefts: Array<boolean>,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmConsumptionEvent>, InvocationTransaction>>;
    readonly confirmed: (
      member: AddressString,
      interval: BigNumber,
      leaf: BufferString,
      siblings: Array<BufferString>,
      lefts: Array<boolean>,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly founder: () => Promise<AddressString>;
  readonly operator: () => Promise<AddressString>;
  readonly syncOperator: {
    (options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmConsumptionEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
  };
}

export interface MTEMsmConsumptionMigrationSmartContract {
  readonly commitConsumption: (
    firstInterval: BigNumber | Promise<BigNumber>,
    intervals: BufferString | Promise<BufferString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
  readonly consumptionOf: (interval: BigNumber | Promise<BigNumber>) => Promise<
    | {
        readonly root: BufferString;
        readonly totalWh: BigNumber;
        readonly meters: BigNumber;
        readonly disputes: BigNumber;
      }
    | undefined
  >;
  readonly deploy: (
    ledger: AddressString | Promise<AddressString>,
    referendums: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
  readonly dispute: (
    member: AddressString | Promise<AddressString>,
    interval: BigNumber | Promise<BigNumber>,
    leaf: BufferString | Promise<BufferString>,
    siblings: Array<BufferString> | Promise<Array<BufferString>>,
    lefts: Array<boolean> | Promise<Array<boolean>>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
  readonly founder: () => Promise<AddressString>;
  readonly operator: () => Promise<AddressString>;
  readonly syncOperator: (
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmConsumptionEvent> & { readonly transaction: InvocationTransaction }>;
}
