/**
 * Three shortcuts in neo-one's JavaScript NeoVM (@neo-one/node-vm 2.x), each giving the
 * same results as the code it replaces; together about a fifth of the VM's time (every
 * test, `npm start`, the benchmarks and the local network run contracts in it):
 *
 * - `utils.toSignedBuffer` (a NeoVM integer's bytes: little-endian two's complement,
 *   shortest form) encoded each number twice and decoded both to pick one; here it is
 *   encoded once and a sign byte added when the top bit says so.
 *   test/unit/vm.test.ts compares it with neo-one's on edge and random values.
 * - An IntegerStackItem's bytes are computed at its creation (the 32-byte size check)
 *   and again at each use (map keys, conversions): kept on the item, whose value never
 *   changes (node-vm makes a new BN for every result; it mutates none in place).
 * - `asBigIntegerUnsafe` of an IntegerStackItem (most arithmetic and comparison
 *   opcodes) turned its number into bytes and back: it is its own value.
 *
 * Applied once per process by startNode (src/chain/node.ts), before any contract runs.
 */
import type BN from 'bn.js';

/** The shortest little-endian two's complement bytes of `value` (NeoVM's integer encoding). */
export const toSignedBuffer = (value: BN): Buffer => {
  if (!value.isNeg()) {
    // 0 is one zero byte, as neo-one writes it.
    const bytes = value.toArrayLike(Buffer, 'le');

    return (bytes[bytes.length - 1] & 0x80) === 0 ? bytes : Buffer.concat([bytes, Buffer.from([0])]);
  }
  const width = value.byteLength();
  const bytes = value.toTwos(width * 8).toArrayLike(Buffer, 'le', width);

  // Negative only if the top bit is set in `width` bytes; else one 0xff byte more.
  return (bytes[width - 1] & 0x80) !== 0 ? bytes : value.toTwos((width + 1) * 8).toArrayLike(Buffer, 'le', width + 1);
};

let applied = false;

export const speedUpVM = (): void => {
  if (applied) {
    return;
  }
  applied = true;
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { utils } = require('@neo-one/client-common');
  const { IntegerStackItem } = require('@neo-one/node-vm/dist/cjs/stackItem/IntegerStackItem');
  /* eslint-enable @typescript-eslint/no-var-requires */
  utils.toSignedBuffer = toSignedBuffer;
  const prototype = IntegerStackItem.prototype as {
    value: BN;
    mtemsmBytes?: Buffer;
    asBuffer: () => Buffer;
    asBigIntegerUnsafe: () => BN;
  };
  prototype.asBuffer = function asBuffer(this: typeof prototype): Buffer {
    if (this.mtemsmBytes === undefined) {
      this.mtemsmBytes = toSignedBuffer(this.value);
    }

    return this.mtemsmBytes;
  };
  prototype.asBigIntegerUnsafe = function asBigIntegerUnsafe(this: typeof prototype): BN {
    return this.value;
  };
};
