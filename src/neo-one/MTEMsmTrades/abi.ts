/* @hash aedea863686b3d34b973a29485411ba7 */
// tslint:disable
/* eslint-disable */
import { ABI } from '@neo-one/client';

export const mteMsmTradesABI: ABI = {
  events: [
    {
      name: 'trade',
      parameters: [
        {
          forwardedValue: false,
          name: 'offerID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'from',
          optional: false,
          type: 'Address',
        },
        {
          forwardedValue: false,
          name: 'to',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'quotaW',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 8,
          forwardedValue: false,
          name: 'tokens',
          optional: false,
          type: 'Integer',
        },
        {
          forwardedValue: false,
          name: 'status',
          optional: false,
          type: 'String',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'expiresAt',
          optional: false,
          type: 'Integer',
        },
      ],
    },
  ],
  functions: [
    {
      constant: true,
      name: 'founder',
      parameters: [],
      returnType: {
        forwardedValue: false,
        optional: false,
        type: 'Address',
      },
    },
    {
      claim: false,
      constant: false,
      name: 'offerTrade',
      parameters: [
        {
          forwardedValue: false,
          name: 'from',
          optional: false,
          type: 'Address',
        },
        {
          forwardedValue: false,
          name: 'to',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'quotaW',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 8,
          forwardedValue: false,
          name: 'tokens',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'validFor',
          optional: false,
          type: 'Integer',
        },
      ],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: false,
        type: 'String',
      },
      send: false,
      sendUnsafe: false,
    },
    {
      claim: false,
      constant: false,
      name: 'acceptTrade',
      parameters: [
        {
          forwardedValue: false,
          name: 'offerID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'address',
          optional: false,
          type: 'Address',
        },
      ],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: false,
        type: 'Boolean',
      },
      send: false,
      sendUnsafe: false,
    },
    {
      claim: false,
      constant: false,
      name: 'cancelTrade',
      parameters: [
        {
          forwardedValue: false,
          name: 'offerID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'address',
          optional: false,
          type: 'Address',
        },
      ],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: false,
        type: 'Boolean',
      },
      send: false,
      sendUnsafe: false,
    },
    {
      claim: false,
      constant: true,
      name: 'tradeOffer',
      parameters: [
        {
          forwardedValue: false,
          name: 'offerID',
          optional: false,
          type: 'String',
        },
      ],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: true,
        properties: {
          expiresAt: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          from: {
            forwardedValue: false,
            optional: false,
            type: 'Address',
          },
          offeredAt: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          quotaW: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          status: {
            forwardedValue: false,
            optional: false,
            type: 'String',
          },
          to: {
            forwardedValue: false,
            optional: false,
            type: 'Address',
          },
          tokens: {
            decimals: 8,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
        },
        type: 'Object',
      },
      send: false,
      sendUnsafe: false,
    },
    {
      claim: false,
      constant: true,
      name: 'offerCount',
      parameters: [],
      receive: false,
      returnType: {
        decimals: 0,
        forwardedValue: false,
        optional: false,
        type: 'Integer',
      },
      send: false,
      sendUnsafe: false,
    },
    {
      name: 'deploy',
      parameters: [
        {
          forwardedValue: false,
          name: 'ledger',
          optional: false,
          type: 'Address',
        },
      ],
      returnType: {
        type: 'Boolean',
      },
    },
  ],
};
