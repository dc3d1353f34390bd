/* @hash 47a186390e301f3cb26522725afa170f */
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

export interface MTEMsmPlantsTransferEventParameters {
  readonly from: AddressString | undefined;
  readonly to: AddressString | undefined;
  readonly amount: BigNumber;
}
export interface MTEMsmPlantsTransferEvent extends Event<'transfer', MTEMsmPlantsTransferEventParameters> {}
export interface MTEMsmPlantsQuotaTransferEventParameters {
  readonly from: AddressString | undefined;
  readonly to: AddressString | undefined;
  readonly quotaW: BigNumber;
}
export interface MTEMsmPlantsQuotaTransferEvent
  extends Event<'quotaTransfer', MTEMsmPlantsQuotaTransferEventParameters> {}
export interface MTEMsmPlantsMembershipEventParameters {
  readonly address: AddressString;
  readonly status: string;
  readonly profileHash: Hash256String;
  readonly utility: string;
}
export interface MTEMsmPlantsMembershipEvent extends Event<'membership', MTEMsmPlantsMembershipEventParameters> {}
export interface MTEMsmPlantsTradeEventParameters {
  readonly offerID: string;
  readonly from: AddressString;
  readonly to: AddressString;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
  readonly status: string;
}
export interface MTEMsmPlantsTradeEvent extends Event<'trade', MTEMsmPlantsTradeEventParameters> {}
export interface MTEMsmPlantsProcessEventParameters {
  readonly id: string;
  readonly status: string;
}
export interface MTEMsmPlantsProcessEvent extends Event<'process', MTEMsmPlantsProcessEventParameters> {}
export interface MTEMsmPlantsPlantEventParameters {
  readonly ppID: string;
  readonly rID: string;
  readonly capacityW: BigNumber;
  readonly cost: BigNumber;
  readonly utility: string;
  readonly timeToMarket: BigNumber;
  readonly fundingEndsAt: BigNumber;
}
export interface MTEMsmPlantsPlantEvent extends Event<'plant', MTEMsmPlantsPlantEventParameters> {}
export interface MTEMsmPlantsPlantUtilityEventParameters {
  readonly ppID: string;
  readonly utility: string;
}
export interface MTEMsmPlantsPlantUtilityEvent extends Event<'plantUtility', MTEMsmPlantsPlantUtilityEventParameters> {}
export interface MTEMsmPlantsOfferEventParameters {
  readonly ppID: string;
  readonly member: AddressString;
  readonly amount: BigNumber;
}
export interface MTEMsmPlantsOfferEvent extends Event<'offer', MTEMsmPlantsOfferEventParameters> {}
export interface MTEMsmPlantsPlantSettingsEventParameters {
  readonly founder: AddressString;
  readonly crowdfundingPeriod: BigNumber;
  readonly minBid: BigNumber;
}
export interface MTEMsmPlantsPlantSettingsEvent
  extends Event<'plantSettings', MTEMsmPlantsPlantSettingsEventParameters> {}
export type MTEMsmPlantsEvent =
  | MTEMsmPlantsTransferEvent
  | MTEMsmPlantsQuotaTransferEvent
  | MTEMsmPlantsMembershipEvent
  | MTEMsmPlantsTradeEvent
  | MTEMsmPlantsProcessEvent
  | MTEMsmPlantsPlantEvent
  | MTEMsmPlantsPlantUtilityEvent
  | MTEMsmPlantsOfferEvent
  | MTEMsmPlantsPlantSettingsEvent;

export interface MTEMsmPlantsSmartContract<TClient extends Client = Client>
  extends SmartContract<TClient, MTEMsmPlantsEvent> {
  readonly applyPlantRemoval: {
    (ppID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyPlantUtility: {
    (ppID: string, utility: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      utility: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly applyPowerUp: {
    (
      rID: string,
      capacityW: BigNumber,
      cost: BigNumber,
      utility: string,
      timeToMarket: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmPlantsEvent>, InvocationTransaction>>;
    readonly confirmed: (
      rID: string,
      capacityW: BigNumber,
      cost: BigNumber,
      utility: string,
      timeToMarket: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly attach: {
    (founder: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      founder: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly bid: {
    (ppID: string, address: AddressString, amount: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      address: AddressString,
      amount: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly bidOf: (ppID: string, address: AddressString) => Promise<BigNumber>;
  readonly changeBid: {
    (ppID: string, address: AddressString, amount: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      address: AddressString,
      amount: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly contributionsOf: (address: AddressString) => Promise<
    Array<{
      readonly ppID: string;
      readonly amount: BigNumber;
    }>
  >;
  readonly crowdfundingPeriod: () => Promise<BigNumber>;
  readonly crowdfundingResult: {
    (ppID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly deploy: {
    (
      founder?: AddressString,
      crowdfundingPeriod?: BigNumber,
      minBid?: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>>;
    readonly confirmed: (
      founder?: AddressString,
      crowdfundingPeriod?: BigNumber,
      minBid?: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly founder: () => Promise<AddressString>;
  readonly listOfPowerPlants: (offset: BigNumber, limit: BigNumber) => Promise<Array<string>>;
  readonly minBid: () => Promise<BigNumber>;
  readonly plantStatus: (ppID: string) => Promise<string>;
  readonly powerPlant: (ppID: string) => Promise<
    | {
        readonly capacityW: BigNumber;
        readonly cost: BigNumber;
        readonly utility: string;
        readonly timeToMarket: BigNumber;
        readonly status: string;
        readonly fundingEndsAt: BigNumber;
        readonly raised: BigNumber;
        readonly funders: BigNumber;
        readonly fundedAt: BigNumber;
        readonly operatingSince: BigNumber;
      }
    | undefined
  >;
  readonly startOperation: {
    (ppID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
}

export interface MTEMsmPlantsMigrationSmartContract {
  readonly applyPlantRemoval: (
    ppID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyPlantUtility: (
    ppID: string | Promise<string>,
    utility: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly applyPowerUp: (
    rID: string | Promise<string>,
    capacityW: BigNumber | Promise<BigNumber>,
    cost: BigNumber | Promise<BigNumber>,
    utility: string | Promise<string>,
    timeToMarket: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly attach: (
    founder: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly bid: (
    ppID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    amount: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly bidOf: (
    ppID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
  ) => Promise<BigNumber>;
  readonly changeBid: (
    ppID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    amount: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly contributionsOf: (address: AddressString | Promise<AddressString>) => Promise<
    Array<{
      readonly ppID: string;
      readonly amount: BigNumber;
    }>
  >;
  readonly crowdfundingPeriod: () => Promise<BigNumber>;
  readonly crowdfundingResult: (
    ppID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly deploy: (
    founder?: AddressString | Promise<AddressString>,
    crowdfundingPeriod?: BigNumber | Promise<BigNumber>,
    minBid?: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly founder: () => Promise<AddressString>;
  readonly listOfPowerPlants: (
    offset: BigNumber | Promise<BigNumber>,
    limit: BigNumber | Promise<BigNumber>,
  ) => Promise<Array<string>>;
  readonly minBid: () => Promise<BigNumber>;
  readonly plantStatus: (ppID: string | Promise<string>) => Promise<string>;
  readonly powerPlant: (ppID: string | Promise<string>) => Promise<
    | {
        readonly capacityW: BigNumber;
        readonly cost: BigNumber;
        readonly utility: string;
        readonly timeToMarket: BigNumber;
        readonly status: string;
        readonly fundingEndsAt: BigNumber;
        readonly raised: BigNumber;
        readonly funders: BigNumber;
        readonly fundedAt: BigNumber;
        readonly operatingSince: BigNumber;
      }
    | undefined
  >;
  readonly startOperation: (
    ppID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
}
