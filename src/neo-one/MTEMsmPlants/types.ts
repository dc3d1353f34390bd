/* @hash ed9ea04a4b6c68daf923ca2f484427a1 */
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

export interface MTEMsmPlantsProcessEventParameters {
  readonly id: string;
  readonly status: string;
}
export interface MTEMsmPlantsProcessEvent extends Event<'process', MTEMsmPlantsProcessEventParameters> {}
export interface MTEMsmPlantsOfferEventParameters {
  readonly ppID: string;
  readonly member: AddressString;
  readonly amount: BigNumber;
}
export interface MTEMsmPlantsOfferEvent extends Event<'offer', MTEMsmPlantsOfferEventParameters> {}
export interface MTEMsmPlantsPageEventParameters {
  readonly ppID: string;
  readonly step: string;
  readonly done: BigNumber;
}
export interface MTEMsmPlantsPageEvent extends Event<'page', MTEMsmPlantsPageEventParameters> {}
export interface MTEMsmPlantsThresholdEventParameters {
  readonly ppID: string;
  readonly step: string;
  readonly threshold: BigNumber;
}
export interface MTEMsmPlantsThresholdEvent extends Event<'threshold', MTEMsmPlantsThresholdEventParameters> {}
export interface MTEMsmPlantsPlantSettingsEventParameters {
  readonly founder: AddressString;
  readonly crowdfundingPeriod: BigNumber;
  readonly minBid: BigNumber;
  readonly minFundingWindow: BigNumber;
}
export interface MTEMsmPlantsPlantSettingsEvent
  extends Event<'plantSettings', MTEMsmPlantsPlantSettingsEventParameters> {}
export interface MTEMsmPlantsAttachedEventParameters {
  readonly role: string;
  readonly contract: AddressString;
}
export interface MTEMsmPlantsAttachedEvent extends Event<'attached', MTEMsmPlantsAttachedEventParameters> {}
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
export type MTEMsmPlantsEvent =
  | MTEMsmPlantsProcessEvent
  | MTEMsmPlantsOfferEvent
  | MTEMsmPlantsPageEvent
  | MTEMsmPlantsThresholdEvent
  | MTEMsmPlantsPlantSettingsEvent
  | MTEMsmPlantsAttachedEvent
  | MTEMsmPlantsPlantEvent
  | MTEMsmPlantsPlantUtilityEvent;

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
    (options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
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
  readonly cancelPledges: {
    (ppID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
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
  readonly contributionsOf: (
    address: AddressString,
    offset: BigNumber,
    limit: BigNumber,
  ) => Promise<
    Array<{
      readonly ppID: string;
      readonly amount: BigNumber;
    }>
  >;
  readonly crowdfundingPeriod: () => Promise<BigNumber>;
  readonly crowdfundingResult: {
    (ppID: string, threshold: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      threshold: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly deploy: {
    (
      ledger: AddressString,
      crowdfundingPeriod?: BigNumber,
      minBid?: BigNumber,
      minFundingWindow?: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>>;
    readonly confirmed: (
      ledger: AddressString,
      crowdfundingPeriod?: BigNumber,
      minBid?: BigNumber,
      minFundingWindow?: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly founder: () => Promise<AddressString>;
  readonly listOfPowerPlants: (offset: BigNumber, limit: BigNumber) => Promise<Array<string>>;
  readonly minBid: () => Promise<BigNumber>;
  readonly minFundingWindow: () => Promise<BigNumber>;
  readonly operatingCapacityW: (ppID: string) => Promise<BigNumber>;
  readonly plantState: (ppID: string) => Promise<Array<BigNumber>>;
  readonly plantStatus: (ppID: string) => Promise<string>;
  readonly pledges: (
    ppID: string,
    offset: BigNumber,
    limit: BigNumber,
  ) => Promise<
    Array<{
      readonly member: AddressString;
      readonly amount: BigNumber;
      readonly order: BigNumber;
    }>
  >;
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
    (ppID: string, threshold: BigNumber, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmPlantsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      ppID: string,
      threshold: BigNumber,
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
  readonly cancelPledges: (
    ppID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly changeBid: (
    ppID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    amount: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly contributionsOf: (
    address: AddressString | Promise<AddressString>,
    offset: BigNumber | Promise<BigNumber>,
    limit: BigNumber | Promise<BigNumber>,
  ) => Promise<
    Array<{
      readonly ppID: string;
      readonly amount: BigNumber;
    }>
  >;
  readonly crowdfundingPeriod: () => Promise<BigNumber>;
  readonly crowdfundingResult: (
    ppID: string | Promise<string>,
    threshold: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly deploy: (
    ledger: AddressString | Promise<AddressString>,
    crowdfundingPeriod?: BigNumber | Promise<BigNumber>,
    minBid?: BigNumber | Promise<BigNumber>,
    minFundingWindow?: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly founder: () => Promise<AddressString>;
  readonly listOfPowerPlants: (
    offset: BigNumber | Promise<BigNumber>,
    limit: BigNumber | Promise<BigNumber>,
  ) => Promise<Array<string>>;
  readonly minBid: () => Promise<BigNumber>;
  readonly minFundingWindow: () => Promise<BigNumber>;
  readonly operatingCapacityW: (ppID: string | Promise<string>) => Promise<BigNumber>;
  readonly plantState: (ppID: string | Promise<string>) => Promise<Array<BigNumber>>;
  readonly plantStatus: (ppID: string | Promise<string>) => Promise<string>;
  readonly pledges: (
    ppID: string | Promise<string>,
    offset: BigNumber | Promise<BigNumber>,
    limit: BigNumber | Promise<BigNumber>,
  ) => Promise<
    Array<{
      readonly member: AddressString;
      readonly amount: BigNumber;
      readonly order: BigNumber;
    }>
  >;
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
    threshold: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmPlantsEvent> & { readonly transaction: InvocationTransaction }>;
}
