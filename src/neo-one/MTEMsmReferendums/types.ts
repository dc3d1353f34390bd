/* @hash df266584d0a5effb2236cd48a994b97c */
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

export interface MTEMsmReferendumsMembershipEventParameters {
  readonly address: AddressString;
  readonly status: string;
  readonly profileHash: Hash256String;
  readonly utility: string;
}
export interface MTEMsmReferendumsMembershipEvent
  extends Event<'membership', MTEMsmReferendumsMembershipEventParameters> {}
export interface MTEMsmReferendumsProcessEventParameters {
  readonly id: string;
  readonly status: string;
}
export interface MTEMsmReferendumsProcessEvent extends Event<'process', MTEMsmReferendumsProcessEventParameters> {}
export interface MTEMsmReferendumsBallotEventParameters {
  readonly rID: string;
  readonly member: AddressString;
  readonly answer: boolean;
}
export interface MTEMsmReferendumsBallotEvent extends Event<'ballot', MTEMsmReferendumsBallotEventParameters> {}
export interface MTEMsmReferendumsReferendumEventParameters {
  readonly rID: string;
  readonly kind: string;
  readonly proposer: AddressString;
  readonly plant: string;
  readonly member: AddressString | undefined;
  readonly electorate: BigNumber;
  readonly endsAt: BigNumber;
}
export interface MTEMsmReferendumsReferendumEvent
  extends Event<'referendum', MTEMsmReferendumsReferendumEventParameters> {}
export interface MTEMsmReferendumsProposalEventParameters {
  readonly rID: string;
  readonly capacityW: BigNumber;
  readonly cost: BigNumber;
  readonly utility: string;
  readonly timeToMarket: BigNumber;
  readonly from: AddressString | undefined;
  readonly to: AddressString | undefined;
  readonly quotaW: BigNumber;
  readonly tokens: BigNumber;
}
export interface MTEMsmReferendumsProposalEvent extends Event<'proposal', MTEMsmReferendumsProposalEventParameters> {}
export interface MTEMsmReferendumsLapseEventParameters {
  readonly rID: string;
  readonly reason: string;
}
export interface MTEMsmReferendumsLapseEvent extends Event<'lapse', MTEMsmReferendumsLapseEventParameters> {}
export interface MTEMsmReferendumsReferendumSettingsEventParameters {
  readonly founder: AddressString;
  readonly referendumPeriod: BigNumber;
  readonly minTimeToMarket: BigNumber;
  readonly maxPowerW: BigNumber;
}
export interface MTEMsmReferendumsReferendumSettingsEvent
  extends Event<'referendumSettings', MTEMsmReferendumsReferendumSettingsEventParameters> {}
export interface MTEMsmReferendumsInvitationEventParameters {
  readonly inviter: AddressString;
  readonly candidate: AddressString;
  readonly expiresAt: BigNumber;
}
export interface MTEMsmReferendumsInvitationEvent
  extends Event<'invitation', MTEMsmReferendumsInvitationEventParameters> {}
export interface MTEMsmReferendumsOperatorEventParameters {
  readonly operator: AddressString;
}
export interface MTEMsmReferendumsOperatorEvent extends Event<'operator', MTEMsmReferendumsOperatorEventParameters> {}
export type MTEMsmReferendumsEvent =
  | MTEMsmReferendumsMembershipEvent
  | MTEMsmReferendumsProcessEvent
  | MTEMsmReferendumsBallotEvent
  | MTEMsmReferendumsReferendumEvent
  | MTEMsmReferendumsProposalEvent
  | MTEMsmReferendumsLapseEvent
  | MTEMsmReferendumsReferendumSettingsEvent
  | MTEMsmReferendumsInvitationEvent
  | MTEMsmReferendumsOperatorEvent;

export interface MTEMsmReferendumsSmartContract<TClient extends Client = Client>
  extends SmartContract<TClient, MTEMsmReferendumsEvent> {
  readonly admission: {
    (address: AddressString, profileHash: Hash256String, utility: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      address: AddressString,
      profileHash: Hash256String,
      utility: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly admissionResult: {
    (rID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      rID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly changeResult: {
    (rID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      rID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly deploy: {
    (
      ledger: AddressString,
      plants: AddressString,
      referendumPeriod?: BigNumber,
      minTimeToMarket?: BigNumber,
      maxPowerW?: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<boolean, MTEMsmReferendumsEvent>, InvocationTransaction>>;
    readonly confirmed: (
      ledger: AddressString,
      plants: AddressString,
      referendumPeriod?: BigNumber,
      minTimeToMarket?: BigNumber,
      maxPowerW?: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly founder: () => Promise<AddressString>;
  readonly hasVoted: (rID: string, address: AddressString) => Promise<boolean>;
  readonly invitation: (candidate: AddressString) => Promise<
    | {
        readonly inviter: AddressString;
        readonly expiresAt: BigNumber;
        readonly rID: string;
      }
    | undefined
  >;
  readonly invite: {
    (member: AddressString, candidate: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      member: AddressString,
      candidate: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly maxPowerW: () => Promise<BigNumber>;
  readonly memberCount: () => Promise<BigNumber>;
  readonly minTimeToMarket: () => Promise<BigNumber>;
  readonly operator: () => Promise<AddressString>;
  readonly powerUp: {
    (
      address: AddressString,
      capacityW: BigNumber,
      cost: BigNumber,
      utility: string,
      timeToMarket: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>>;
    readonly confirmed: (
      address: AddressString,
      capacityW: BigNumber,
      cost: BigNumber,
      utility: string,
      timeToMarket: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly powerUpResult: {
    (rID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      rID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly proposal: (rID: string) => Promise<
    | {
        readonly profileHash: Hash256String | undefined;
        readonly utility: string;
        readonly capacityW: BigNumber;
        readonly cost: BigNumber;
        readonly timeToMarket: BigNumber;
        readonly from: AddressString | undefined;
        readonly to: AddressString | undefined;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
      }
    | undefined
  >;
  readonly proposeCorrection: {
    (
      proposer: AddressString,
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions,
    ): Promise<TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>>;
    readonly confirmed: (
      proposer: AddressString,
      from: AddressString,
      to: AddressString,
      quotaW: BigNumber,
      tokens: BigNumber,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly proposeOperator: {
    (proposer: AddressString, operator: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      proposer: AddressString,
      operator: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly proposePlantRemoval: {
    (proposer: AddressString, ppID: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      proposer: AddressString,
      ppID: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly proposePlantUtility: {
    (proposer: AddressString, ppID: string, utility: string, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      proposer: AddressString,
      ppID: string,
      utility: string,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly proposeRemoval: {
    (proposer: AddressString, member: AddressString, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<string, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      proposer: AddressString,
      member: AddressString,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
  readonly referendum: (rID: string) => Promise<
    | {
        readonly kind: string;
        readonly proposer: AddressString;
        readonly subject: string;
        readonly openedAt: BigNumber;
        readonly endsAt: BigNumber;
        readonly electorate: BigNumber;
        readonly yes: BigNumber;
        readonly no: BigNumber;
        readonly status: string;
      }
    | undefined
  >;
  readonly referendumPeriod: () => Promise<BigNumber>;
  readonly vote: {
    (rID: string, address: AddressString, answer: boolean, options?: TransactionOptions): Promise<
      TransactionResult<InvokeReceipt<boolean, MTEMsmReferendumsEvent>, InvocationTransaction>
    >;
    readonly confirmed: (
      rID: string,
      address: AddressString,
      answer: boolean,
      options?: TransactionOptions & GetOptions,
    ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  };
}

export interface MTEMsmReferendumsMigrationSmartContract {
  readonly admission: (
    address: AddressString | Promise<AddressString>,
    profileHash: Hash256String | Promise<Hash256String>,
    utility: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly admissionResult: (
    rID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly changeResult: (
    rID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly deploy: (
    ledger: AddressString | Promise<AddressString>,
    plants: AddressString | Promise<AddressString>,
    referendumPeriod?: BigNumber | Promise<BigNumber>,
    minTimeToMarket?: BigNumber | Promise<BigNumber>,
    maxPowerW?: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly founder: () => Promise<AddressString>;
  readonly hasVoted: (
    rID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
  ) => Promise<boolean>;
  readonly invitation: (candidate: AddressString | Promise<AddressString>) => Promise<
    | {
        readonly inviter: AddressString;
        readonly expiresAt: BigNumber;
        readonly rID: string;
      }
    | undefined
  >;
  readonly invite: (
    member: AddressString | Promise<AddressString>,
    candidate: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly maxPowerW: () => Promise<BigNumber>;
  readonly memberCount: () => Promise<BigNumber>;
  readonly minTimeToMarket: () => Promise<BigNumber>;
  readonly operator: () => Promise<AddressString>;
  readonly powerUp: (
    address: AddressString | Promise<AddressString>,
    capacityW: BigNumber | Promise<BigNumber>,
    cost: BigNumber | Promise<BigNumber>,
    utility: string | Promise<string>,
    timeToMarket: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly powerUpResult: (
    rID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly proposal: (rID: string | Promise<string>) => Promise<
    | {
        readonly profileHash: Hash256String | undefined;
        readonly utility: string;
        readonly capacityW: BigNumber;
        readonly cost: BigNumber;
        readonly timeToMarket: BigNumber;
        readonly from: AddressString | undefined;
        readonly to: AddressString | undefined;
        readonly quotaW: BigNumber;
        readonly tokens: BigNumber;
      }
    | undefined
  >;
  readonly proposeCorrection: (
    proposer: AddressString | Promise<AddressString>,
    from: AddressString | Promise<AddressString>,
    to: AddressString | Promise<AddressString>,
    quotaW: BigNumber | Promise<BigNumber>,
    tokens: BigNumber | Promise<BigNumber>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly proposeOperator: (
    proposer: AddressString | Promise<AddressString>,
    operator: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly proposePlantRemoval: (
    proposer: AddressString | Promise<AddressString>,
    ppID: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly proposePlantUtility: (
    proposer: AddressString | Promise<AddressString>,
    ppID: string | Promise<string>,
    utility: string | Promise<string>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly proposeRemoval: (
    proposer: AddressString | Promise<AddressString>,
    member: AddressString | Promise<AddressString>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<string, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
  readonly referendum: (rID: string | Promise<string>) => Promise<
    | {
        readonly kind: string;
        readonly proposer: AddressString;
        readonly subject: string;
        readonly openedAt: BigNumber;
        readonly endsAt: BigNumber;
        readonly electorate: BigNumber;
        readonly yes: BigNumber;
        readonly no: BigNumber;
        readonly status: string;
      }
    | undefined
  >;
  readonly referendumPeriod: () => Promise<BigNumber>;
  readonly vote: (
    rID: string | Promise<string>,
    address: AddressString | Promise<AddressString>,
    answer: boolean | Promise<boolean>,
    options?: TransactionOptions & GetOptions,
  ) => Promise<InvokeReceipt<boolean, MTEMsmReferendumsEvent> & { readonly transaction: InvocationTransaction }>;
}
