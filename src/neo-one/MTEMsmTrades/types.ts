/* @hash e73ae52cc7929e4e1aa3949f50c6a651 */
// tslint:disable
/* eslint-disable */
import {
  AddressString,
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

export interface MTEMsmTradesTradeEventParameters {
  readonly offerID: string;
  readonly from: AddressString;
  readonly to: AddressString;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
  readonly status: string;
  readonly expiresAt: BigNumber;
}
export interface MTEMsmTradesTradeEvent extends Event<'trade', MTEMsmTradesTradeEventParameters> {}
export type MTEMsmTradesEvent = MTEMsmTradesTradeEvent;

export interface MTEMsmTradesSmartContract<TClient extends Client = Client>
  extends SmartContract<TClient, MTEMsmTradesEvent> {
  readonly acceptTrade: {
    (offerID: string, address: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmTradesEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      offerID: string,
      address: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly cancelTrade: {
    (offerID: string, address: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmTradesEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      offerID: string,
      address: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly deploy: {
    (ledger: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmTradesEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ledger: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly founder: () => Promise<AddressString>;
  readonly offerCount: () => Promise<BigNumber>;
  readonly offerTrade: {
    (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      validFor: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmTradesEvent>, InvocationTransaction>>;
    readonly confirmed: (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      validFor: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly tradeOffer: (offerID: string) => Promise<
    | {
        readonly from: AddressString;
        readonly to: AddressString;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
        readonly status: string;
        readonly offeredAt: BigNumber;
        readonly expiresAt: BigNumber;
      }
    | undefined
  >;
}

export interface MTEMsmTradesMigrationSmartContract {
  readonly acceptTrade: (
    offerID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  readonly cancelTrade: (
    offerID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  readonly deploy: (
    ledger: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  readonly founder: () => Promise<AddressString>;
  readonly offerCount: () => Promise<BigNumber>;
  readonly offerTrade: (
    from: AddressString | Promise<AddressString>,
    to: AddressString | Promise<AddressString>,
    quotaW: BigNumber | Promise<BigNumber>,
    tokens: BigNumber | Promise<BigNumber>,
    validFor: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmTradesEvent> & { readonly transaction: InvocationTransaction }>;
  readonly tradeOffer: (offerID: string | Promise<string>) => Promise<
    | {
        readonly from: AddressString;
        readonly to: AddressString;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
        readonly status: string;
        readonly offeredAt: BigNumber;
        readonly expiresAt: BigNumber;
      }
    | undefined
  >;
}
