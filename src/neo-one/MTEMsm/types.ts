/* @hash 8ceda28d011c583317d9949de51f7dc6 */
// tslint:disable
/* eslint-disable */
import {
  AddressString,
  Client,
  Event,
  GetOptions,
  Hash256String,
  InvocationTransaction,
  InvokeReceipt,
  SmartContract,
  TransactionOptions,
  TransactionResult,
} from '@neo-one/client';
import BigNumber from 'bignumber.js';

export interface MTEMsmTransferEventParameters {
  readonly from: AddressString | undefined;
  readonly to: AddressString | undefined;
  readonly amount: BigNumber;
}
export interface MTEMsmTransferEvent extends Event<'transfer', MTEMsmTransferEventParameters> {}
export interface MTEMsmQuotaTransferEventParameters {
  readonly from: AddressString | undefined;
  readonly to: AddressString | undefined;
  readonly quotaW: BigNumber;
}
export interface MTEMsmQuotaTransferEvent extends Event<'quotaTransfer', MTEMsmQuotaTransferEventParameters> {}
export interface MTEMsmMembershipEventParameters {
  readonly address: AddressString;
  readonly status: string;
  readonly profileHash: Hash256String;
  readonly utility: string;
}
export interface MTEMsmMembershipEvent extends Event<'membership', MTEMsmMembershipEventParameters> {}
export interface MTEMsmTradeEventParameters {
  readonly offerID: string;
  readonly from: AddressString;
  readonly to: AddressString;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
  readonly status: string;
}
export interface MTEMsmTradeEvent extends Event<'trade', MTEMsmTradeEventParameters> {}
export type MTEMsmEvent = MTEMsmTransferEvent | MTEMsmQuotaTransferEvent | MTEMsmMembershipEvent | MTEMsmTradeEvent;

export interface MTEMsmSmartContract<TClient extends Client = Client> extends SmartContract<TClient, MTEMsmEvent> {
  readonly acceptTrade: {
    (offerID: string, address: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      offerID: string,
      address: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyAdmission: {
    (address: AddressString, profileHash: Hash256String, utility: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      address: AddressString,
      profileHash: Hash256String,
      utility: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyCorrection: {
    (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>>;
    readonly confirmed: (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyIssue: {
    (funders: Array<AddressString>, quotas: Array<BigNumber>, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      funders: Array<AddressString>,
      quotas: Array<BigNumber>,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyPlantRegistration: {
    (options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyRemoval: {
    (address: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      address: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly attachPlants: {
    (founder: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      founder: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly attachReferendums: {
    (founder: AddressString, maxPowerW: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      founder: AddressString,
      maxPowerW: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly balanceOf: (address: AddressString) => Promise<BigNumber>;
  readonly cancelTrade: {
    (offerID: string, address: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      offerID: string,
      address: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly changeProfile: {
    (address: AddressString, profileHash: Hash256String, utility: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      address: AddressString,
      profileHash: Hash256String,
      utility: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly decimals: () => Promise<BigNumber>;
  readonly deploy: {
    (founder?: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      founder?: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly founded: () => Promise<boolean>;
  readonly founder: () => Promise<AddressString>;
  readonly groupSummary: () => Promise<{
    readonly minPowerW: BigNumber;
    readonly maxPowerW: BigNumber;
    readonly powerPlants: BigNumber;
    readonly members: BigNumber;
    readonly name: string;
    readonly symbol: string;
    readonly totalSupply: BigNumber;
    readonly totalCapacityW: BigNumber;
  }>;
  readonly listOfMembers: (offset: BigNumber, limit: BigNumber) => Promise<Array<AddressString>>;
  readonly member: (address: AddressString) => Promise<
    | {
        readonly utility: string;
        readonly profileHash: Hash256String;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
        readonly joinedAt: BigNumber;
      }
    | undefined
  >;
  readonly name: () => Promise<string>;
  readonly offerTrade: {
    (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>>;
    readonly confirmed: (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly plantCount: () => Promise<BigNumber>;
  readonly symbol: () => Promise<string>;
  readonly totalSupply: () => Promise<BigNumber>;
  readonly tradeOffer: (offerID: string) => Promise<
    | {
        readonly from: AddressString;
        readonly to: AddressString;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
        readonly status: string;
        readonly offeredAt: BigNumber;
      }
    | undefined
  >;
  readonly transfer: {
    (from: AddressString, to: AddressString, amount: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      from: AddressString,
      to: AddressString,
      amount: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly treasury: () => Promise<{
    readonly quotaW: BigNumber;
    readonly tokens: BigNumber;
  }>;
  readonly utilityOf: (address: AddressString) => Promise<string>;
}

export interface MTEMsmMigrationSmartContract {
  readonly acceptTrade: (
    offerID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyAdmission: (
    address: AddressString | Promise<AddressString>,
    profileHash: Hash256String | Promise<Hash256String>,
    utility: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyCorrection: (
    from: AddressString | Promise<AddressString>,
    to: AddressString | Promise<AddressString>,
    quotaW: BigNumber | Promise<BigNumber>,
    tokens: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyIssue: (
    funders: Array<AddressString> | Promise<Array<AddressString>>,
    quotas: Array<BigNumber> | Promise<Array<BigNumber>>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyPlantRegistration: (
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyRemoval: (
    address: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly attachPlants: (
    founder: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly attachReferendums: (
    founder: AddressString | Promise<AddressString>,
    maxPowerW: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly balanceOf: (address: AddressString | Promise<AddressString>) => Promise<BigNumber>;
  readonly cancelTrade: (
    offerID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly changeProfile: (
    address: AddressString | Promise<AddressString>,
    profileHash: Hash256String | Promise<Hash256String>,
    utility: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly decimals: () => Promise<BigNumber>;
  readonly deploy: (
    founder?: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly founded: () => Promise<boolean>;
  readonly founder: () => Promise<AddressString>;
  readonly groupSummary: () => Promise<{
    readonly minPowerW: BigNumber;
    readonly maxPowerW: BigNumber;
    readonly powerPlants: BigNumber;
    readonly members: BigNumber;
    readonly name: string;
    readonly symbol: string;
    readonly totalSupply: BigNumber;
    readonly totalCapacityW: BigNumber;
  }>;
  readonly listOfMembers: (
    offset: BigNumber | Promise<BigNumber>,
    limit: BigNumber | Promise<BigNumber>,
  ) => Promise<Array<AddressString>>;
  readonly member: (address: AddressString | Promise<AddressString>) => Promise<
    | {
        readonly utility: string;
        readonly profileHash: Hash256String;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
        readonly joinedAt: BigNumber;
      }
    | undefined
  >;
  readonly name: () => Promise<string>;
  readonly offerTrade: (
    from: AddressString | Promise<AddressString>,
    to: AddressString | Promise<AddressString>,
    quotaW: BigNumber | Promise<BigNumber>,
    tokens: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly plantCount: () => Promise<BigNumber>;
  readonly symbol: () => Promise<string>;
  readonly totalSupply: () => Promise<BigNumber>;
  readonly tradeOffer: (offerID: string | Promise<string>) => Promise<
    | {
        readonly from: AddressString;
        readonly to: AddressString;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
        readonly status: string;
        readonly offeredAt: BigNumber;
      }
    | undefined
  >;
  readonly transfer: (
    from: AddressString | Promise<AddressString>,
    to: AddressString | Promise<AddressString>,
    amount: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly treasury: () => Promise<{
    readonly quotaW: BigNumber;
    readonly tokens: BigNumber;
  }>;
  readonly utilityOf: (address: AddressString | Promise<AddressString>) => Promise<string>;
}
