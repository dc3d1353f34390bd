/**
 * src/chain/vm.ts: the VM shortcuts give neo-one's own results. The integer encoding is
 * compared with neo-one's toSignedBuffer on the edges of every byte width and on random
 * values of up to 40 bytes, both signs.
 */
import { utils } from '@neo-one/client-common';
import BN from 'bn.js';
import { randomBytes } from 'crypto';
import { speedUpVM, toSignedBuffer } from '../../src/chain/vm';

const original = utils.toSignedBuffer;

const values = (): BN[] => {
  const list: BN[] = [new BN(0), new BN(1), new BN(-1)];
  for (let bits = 1; bits <= 8 * 40; bits++) {
    const power = new BN(1).shln(bits);
    for (const delta of [-2, -1, 0, 1, 2]) {
      list.push(power.addn(delta), power.addn(delta).neg());
    }
  }
  for (let index = 0; index < 5_000; index++) {
    const value = new BN(randomBytes(1 + (index % 40)));
    list.push(index % 2 === 0 ? value : value.neg());
  }

  return list;
};

test("toSignedBuffer gives neo-one's bytes for every value", () => {
  const differ = values().filter((value) => !toSignedBuffer(value).equals(original(value)));
  expect(differ.map((value) => value.toString())).toEqual([]);
  expect(toSignedBuffer(new BN(0))).toEqual(Buffer.from([0]));
  expect(toSignedBuffer(new BN(128))).toEqual(Buffer.from([0x80, 0x00]));
  expect(toSignedBuffer(new BN(-129))).toEqual(Buffer.from([0x7f, 0xff]));
});

test('an IntegerStackItem keeps its bytes and is its own big integer', () => {
  speedUpVM();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { IntegerStackItem } = require('@neo-one/node-vm/dist/cjs/stackItem/IntegerStackItem');
  for (const value of values().filter((v) => v.byteLength() < 32)) {
    const item = new IntegerStackItem(value);
    expect(item.asBuffer().equals(original(value))).toBe(true);
    expect(item.asBuffer()).toBe(item.asBuffer());
    expect(item.asBigIntegerUnsafe().eq(utils.fromSignedBuffer(original(value)))).toBe(true);
  }
  // The 32-byte limit still holds.
  expect(() => new IntegerStackItem(new BN(1).shln(8 * 32))).toThrow();
  expect(new IntegerStackItem(new BN(1).shln(8 * 32 - 2)).asBuffer()).toHaveLength(32);
});
