/**
 * src/cli/context.ts send: a test invocation that neo-one's node failed because a block
 * landed during it (its storage race) is priced again; any other refusal is one line, once.
 */
import { send } from '../../src/cli/context';

const race = new Error(
  'VM Error: Attempted to add an already existing object for key storageItem:0x20e80bfd5931dba26f108d927feb93255dc51931:74616c6c696573810202010400025234.\n  at …',
);
const sent = {
  transaction: { hash: '0xab' },
  confirmed: async () => ({ blockIndex: 7, result: { state: 'HALT', value: true, gasCost: 1 }, events: [] }),
};

test('a test run caught by a block landing is priced again', async () => {
  let calls = 0;
  const start = async () => {
    calls += 1;
    if (calls === 1) {
      throw race;
    }

    return sent;
  };
  await expect(send(start)).resolves.toMatchObject({ value: true, block: 7, transaction: '0xab' });
  expect(calls).toBe(2);
});

test('the race three times, or a refusal, is reported as it came', async () => {
  let calls = 0;
  await expect(
    send(async () => {
      calls += 1;
      throw race;
    }),
  ).rejects.toThrow(/^VM Error: Attempted to add an already existing object/);
  expect(calls).toBe(3);
  calls = 0;
  await expect(
    send(async () => {
      calls += 1;
      throw new Error('Only members may vote.');
    }),
  ).rejects.toThrow('Only members may vote.');
  expect(calls).toBe(1);
});
