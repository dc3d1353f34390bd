/* @hash 7a662669a19b635aa7c4a621d6367cc7 */
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
export interface MTEMsmAttachedEventParameters {
  readonly role: string;
  readonly contract: AddressString;
}
export interface MTEMsmAttachedEvent extends Event<'attached', MTEMsmAttachedEventParameters> {}
export type MTEMsmEvent = MTEMsmTransferEvent | MTEMsmQuotaTransferEvent | MTEMsmMembershipEvent | MTEMsmAttachedEvent;

export interface MTEMsmSmartContract<TClient extends Client = Client> extends SmartContract<TClient, MTEMsmEvent> {
  readonly applyAdmission: {
    (
      address: AddressString,
      profileHash: Hash256String,
      utility: string,
      serial: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>>;
    readonly confirmed: (
      address: AddressString,
      profileHash: Hash256String,
      utility: string,
      serial: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyClaim: {
    (holder: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<BigNumber, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      holder: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<BigNumber, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyCorrection: {
    (
      from: AddressString,
      fromSerial: BigNumber,
      to: AddressString,
      toSerial: BigNumber,
      quotaW: BigNumber,
      tokens: BigNumber,
      apply: boolean,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>>;
    readonly confirmed: (
      from: AddressString,
      fromSerial: BigNumber,
      to: AddressString,
      toSerial: BigNumber,
      quotaW: BigNumber,
      tokens: BigNumber,
      apply: boolean,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyFreeze: {
    (address: AddressString, serial: BigNumber, delta: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      address: AddressString,
      serial: BigNumber,
      delta: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyIssue: {
    (
      funders: Array<AddressString>,
      bindings: Array<string>,
      quotas: Array<BigNumber>,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>>;
    readonly confirmed: (
      funders: Array<AddressString>,
      bindings: Array<string>,
      quotas: Array<BigNumber>,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyOfferEnd: {
    (from: AddressString, binding: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      from: AddressString,
      binding: string,
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
  readonly applyPledge: {
    (address: AddressString, utility: string, delta: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      address: AddressString,
      utility: string,
      delta: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyProduction: {
    (energyWh: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      energyWh: BigNumber,
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
  readonly applyReserve: {
    (
      from: AddressString,
      fromSerial: BigNumber,
      to: AddressString,
      toSerial: BigNumber,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>>;
    readonly confirmed: (
      from: AddressString,
      fromSerial: BigNumber,
      to: AddressString,
      toSerial: BigNumber,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyTrade: {
    (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      binding: string,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>>;
    readonly confirmed: (
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      binding: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly attach: {
    (role: string, maxPowerW: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      role: string,
      maxPowerW: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly balanceOf: (address: AddressString) => Promise<BigNumber>;
  readonly bindingOf: (from: AddressString, to: AddressString) => Promise<string>;
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
    (options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  };
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
  readonly memberState: (address: AddressString) => Promise<Array<BigNumber>>;
  readonly name: () => Promise<string>;
  readonly partners: () => Promise<{
    readonly trades: AddressString | undefined;
    readonly plants: AddressString | undefined;
    readonly referendums: AddressString | undefined;
    readonly energy: AddressString | undefined;
  }>;
  readonly symbol: () => Promise<string>;
  readonly totalSupply: () => Promise<BigNumber>;
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
  readonly unclaimedCreditsOf: (holder: AddressString) => Promise<BigNumber>;
}

export interface MTEMsmMigrationSmartContract {
  readonly applyAdmission: (
    address: AddressString | Promise<AddressString>,
    profileHash: Hash256String | Promise<Hash256String>,
    utility: string | Promise<string>,
    serial: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyClaim: (
    holder: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<BigNumber, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyCorrection: (
    from: AddressString | Promise<AddressString>,
    fromSerial: BigNumber | Promise<BigNumber>,
    to: AddressString | Promise<AddressString>,
    toSerial: BigNumber | Promise<BigNumber>,
    quotaW: BigNumber | Promise<BigNumber>,
    tokens: BigNumber | Promise<BigNumber>,
    apply: boolean | Promise<boolean>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyFreeze: (
    address: AddressString | Promise<AddressString>,
    serial: BigNumber | Promise<BigNumber>,
    delta: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyIssue: (
    funders: Array<AddressString> | Promise<Array<AddressString>>,
    bindings: Array<string> | Promise<Array<string>>,
    quotas: Array<BigNumber> | Promise<Array<BigNumber>>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyOfferEnd: (
    from: AddressString | Promise<AddressString>,
    binding: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyPlantRegistration: (
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyPledge: (
    address: AddressString | Promise<AddressString>,
    utility: string | Promise<string>,
    delta: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyProduction: (
    energyWh: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyRemoval: (
    address: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyReserve: (
    from: AddressString | Promise<AddressString>,
    fromSerial: BigNumber | Promise<BigNumber>,
    to: AddressString | Promise<AddressString>,
    toSerial: BigNumber | Promise<BigNumber>,
    quotaW: BigNumber | Promise<BigNumber>,
    tokens: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyTrade: (
    from: AddressString | Promise<AddressString>,
    to: AddressString | Promise<AddressString>,
    quotaW: BigNumber | Promise<BigNumber>,
    tokens: BigNumber | Promise<BigNumber>,
    binding: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly attach: (
    role: string | Promise<string>,
    maxPowerW: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly balanceOf: (address: AddressString | Promise<AddressString>) => Promise<BigNumber>;
  readonly bindingOf: (
    from: AddressString | Promise<AddressString>,
    to: AddressString | Promise<AddressString>,
  ) => Promise<string>;
  readonly changeProfile: (
    address: AddressString | Promise<AddressString>,
    profileHash: Hash256String | Promise<Hash256String>,
    utility: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
  readonly decimals: () => Promise<BigNumber>;
  readonly deploy: (
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmEvent> & { readonly transaction: InvocationTransaction }>;
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
  readonly memberState: (address: AddressString | Promise<AddressString>) => Promise<Array<BigNumber>>;
  readonly name: () => Promise<string>;
  readonly partners: () => Promise<{
    readonly trades: AddressString | undefined;
    readonly plants: AddressString | undefined;
    readonly referendums: AddressString | undefined;
    readonly energy: AddressString | undefined;
  }>;
  readonly symbol: () => Promise<string>;
  readonly totalSupply: () => Promise<BigNumber>;
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
  readonly unclaimedCreditsOf: (holder: AddressString | Promise<AddressString>) => Promise<BigNumber>;
}
