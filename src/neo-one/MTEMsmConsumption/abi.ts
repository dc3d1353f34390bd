/* @hash fa5caa579a12d8f04f24a68f14ecde7f */
// tslint:disable
/* eslint-disable */
import { ABI } from '@neo-one/client';

export const mteMsmConsumptionABI: ABI = {
  events: [
    {
      name: 'consumption',
      parameters: [
        {
          decimals: 0,
          forwardedValue: false,
          name: 'firstInterval',
          optional: false,
          type: 'Integer',
        },
        {
          forwardedValue: false,
          name: 'intervals',
          optional: false,
          type: 'Buffer',
        },
      ],
    },
    {
      name: 'dispute',
      parameters: [
        {
          decimals: 0,
          forwardedValue: false,
          name: 'interval',
          optional: false,
          type: 'Integer',
        },
        {
          forwardedValue: false,
          name: 'leaf',
          optional: false,
          type: 'Buffer',
        },
        {
          forwardedValue: false,
          name: 'member',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'disputes',
          optional: false,
          type: 'Integer',
        },
      ],
    },
    {
      name: 'operator',
      parameters: [
        {
          forwardedValue: false,
          name: 'operator',
          optional: false,
          type: 'Address',
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
      name: 'commitConsumption',
      parameters: [
        {
          decimals: 0,
          forwardedValue: false,
          name: 'firstInterval',
          optional: false,
          type: 'Integer',
        },
        {
          forwardedValue: false,
          name: 'intervals',
          optional: false,
          type: 'Buffer',
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
      name: 'dispute',
      parameters: [
        {
          forwardedValue: false,
          name: 'member',
          optional: false,
          type: 'Address',
        },
        {
          decimals: 0,
          forwardedValue: false,
          name: 'interval',
          optional: false,
          type: 'Integer',
        },
        {
          forwardedValue: false,
          name: 'leaf',
          optional: false,
          type: 'Buffer',
        },
        {
          forwardedValue: false,
          name: 'siblings',
          optional: false,
          type: 'Array',
          value: {
            forwardedValue: false,
            optional: false,
            type: 'Buffer',
          },
        },
        {
          forwardedValue: false,
          name: 'lefts',
          optional: false,
          type: 'Array',
          value: {
            forwardedValue: false,
            optional: false,
            type: 'Boolean',
          },
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
      name: 'consumptionOf',
      parameters: [
        {
          decimals: 0,
          forwardedValue: false,
          name: 'interval',
          optional: false,
          type: 'Integer',
        },
      ],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: true,
        properties: {
          disputes: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          meters: {
            decimals: 0,
            forwardedValue: false,
            optional: false,
            type: 'Integer',
          },
          root: {
            forwardedValue: false,
            optional: false,
            type: 'Buffer',
          },
          totalWh: {
            decimals: 0,
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
      constant: false,
      name: 'syncOperator',
      parameters: [],
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
      name: 'operator',
      parameters: [],
      receive: false,
      returnType: {
        forwardedValue: false,
        optional: false,
        type: 'Address',
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
        {
          forwardedValue: false,
          name: 'referendums',
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
