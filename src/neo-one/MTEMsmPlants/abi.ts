/* @hash 371995be5e791f2b504f1659ebabb1b2 */
// tslint:disable
/* eslint-disable */
import { ABI } from '@neo-one/client';

export const mteMsmPlantsABI: ABI = {
  events: [
    {
      name: 'transfer',
      parameters: [
        {
          forwardedValue: false,
          name: 'from',
          optional: true,
          type: 'Address',
        },
        {
          forwardedValue: false,
          name: 'to',
          optional: true,
          type: 'Address',
        },
        {
          decimals: 8,
          forwardedValue: false,
          name: 'amount',
          optional: false,
          type: 'Integer',
        },
      ],
    },
    {
      name: 'quotaTransfer',
      parameters: [
        {
          forwardedValue: false,
          name: 'from',
          optional: true,
          type: 'Address',
        },
        {
          forwardedValue: false,
          name: 'to',
          optional: true,
          type: 'Address',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'quotaW',
          optional: false,
          type: 'Integer',
        },
      ],
    },
    {
      name: 'membership',
      parameters: [
        {
          forwardedValue: false,
          name: 'address',
          optional: false,
          type: 'Address',
        },
        {
          forwardedValue: false,
          name: 'status',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'profileHash',
          optional: false,
          type: 'Hash256',
        },
        {
          forwardedValue: false,
          name: 'utility',
          optional: false,
          type: 'String',
        },
      ],
    },
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
      ],
    },
    {
      name: 'process',
      parameters: [
        {
          forwardedValue: false,
          name: 'id',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'status',
          optional: false,
          type: 'String',
        },
      ],
    },
    {
      name: 'plant',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'rID',
          optional: false,
          type: 'String',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'capacityW',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 2,
          forwardedValue: false,
          name: 'cost',
          optional: false,
          type: 'Integer',
        },
        {
          forwardedValue: false,
          name: 'utility',
          optional: false,
          type: 'String',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'timeToMarket',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'fundingEndsAt',
          optional: false,
          type: 'Integer',
        },
      ],
    },
    {
      name: 'plantUtility',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'utility',
          optional: false,
          type: 'String',
        },
      ],
    },
    {
      name: 'offer',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'member',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 2,
          forwardedValue: false,
          name: 'amount',
          optional: false,
          type: 'Integer',
        },
      ],
    },
    {
      name: 'plantSettings',
      parameters: [
        {
          forwardedValue: false,
          name: 'founder',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'crowdfundingPeriod',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 2,
          forwardedValue: false,
          name: 'minBid',
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
      constant: true,
      name: 'crowdfundingPeriod',
      parameters: [],
      returnType: {
        decimals: 0,
        forwardedValue: false,
        optional: false,
        type: 'Integer',
      },
    },
    {
      constant: true,
      name: 'minBid',
      parameters: [],
      returnType: {
        decimals: 2,
        forwardedValue: false,
        optional: false,
        type: 'Integer',
      },
    },
    {
      claim: false,
      constant: false,
      name: 'bid',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'address',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 2,
          forwardedValue: false,
          name: 'amount',
          optional: false,
          type: 'Integer',
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
      name: 'changeBid',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'address',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 2,
          forwardedValue: false,
          name: 'amount',
          optional: false,
          type: 'Integer',
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
      name: 'crowdfundingResult',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
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
      name: 'startOperation',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
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
      name: 'attach',
      parameters: [
        {
          forwardedValue: false,
          name: 'founder',
          optional: false,
          type: 'Address',
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
      name: 'applyPowerUp',
      parameters: [
        {
          forwardedValue: false,
          name: 'rID',
          optional: false,
          type: 'String',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'capacityW',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 2,
          forwardedValue: false,
          name: 'cost',
          optional: false,
          type: 'Integer',
        },
        {
          forwardedValue: false,
          name: 'utility',
          optional: false,
          type: 'String',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'timeToMarket',
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
      name: 'applyPlantUtility',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
        },
        {
          forwardedValue: false,
          name: 'utility',
          optional: false,
          type: 'String',
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
      name: 'applyPlantRemoval',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
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
      constant: true,
      name: 'powerPlant',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
        },
      ],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: true,
        properties: {
          capacityW: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          cost: {
            decimals: 2,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          fundedAt: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          funders: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          fundingEndsAt: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          operatingSince: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          raised: {
            decimals: 2,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          status: {
            forwardedValue: false,
            optional: false,
            type: 'String',
          },
          timeToMarket: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          utility: {
            forwardedValue: false,
            optional: false,
            type: 'String',
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
      name: 'bidOf',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
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
        decimals: 2,
        forwardedValue: false,
        optional: false,
        type: 'Integer',
      },
      send: false,
      sendUnsafe: false,
    },
    {
      claim: false,
      constant: true,
      name: 'contributionsOf',
      parameters: [
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
        type: 'Array',
        value: {
          forwardedValue: false,
          optional: false,
          properties: {
            amount: {
              decimals: 2,
              forwardedValue: false,
              optional: false,
              type: 'Integer',
            },
            ppID: {
              forwardedValue: false,
              optional: false,
              type: 'String',
            },
          },
          type: 'Object',
        },
      },
      send: false,
      sendUnsafe: false,
    },
    {
      claim: false,
      constant: true,
      name: 'listOfPowerPlants',
      parameters: [
        {
          decimals: 0,
          forwardedValue: false,
          name: 'offset',
          optional: false,
          type: 'Integer',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'limit',
          optional: false,
          type: 'Integer',
        },
      ],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: false,
        type: 'Array',
        value: {
          forwardedValue: false,
          optional: false,
          type: 'String',
        },
      },
      send: false,
      sendUnsafe: false,
    },
    {
      claim: false,
      constant: true,
      name: 'plantStatus',
      parameters: [
        {
          forwardedValue: false,
          name: 'ppID',
          optional: false,
          type: 'String',
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
      name: 'deploy',
      parameters: [
        {
          default: {
            type: 'sender',
          },
          forwardedValue: false,
          name: 'founder',
          optional: true,
          type: 'Address',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'crowdfundingPeriod',
          optional: true,
          type: 'Integer',
        },
        {
          decimals: 2,
          forwardedValue: false,
          name: 'minBid',
          optional: true,
          type: 'Integer',
        },
      ],
      returnType: {
        type: 'Boolean',
      },
    },
  ],
};
