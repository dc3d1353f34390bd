/**
 * MTEMsmReadings — a stateless contract in raw NeoVM that checks and sums packed interval
 * data for MTEMsmEnergy and MTEMsmConsumption, so that a day (96 intervals) fits one
 * transaction's free 10 GAS (../shared/spec/microgrid.md, "Cost and limits").
 *
 * Why raw NeoVM: neo-one 2.x's compiled loop costs about 0.11 GAS an interval (a day's
 * checks 10.5 GAS, measured in bench/reading-validator.ts), this one about 0.017. It has
 * no storage and no owner: its address is the hash of the script below, the same on every
 * chain, and the two contracts name it as a constant (test/unit/readings.test.ts checks
 * that they name this script's). deployGroup deploys it first, once per chain.
 *
 * Called as neo-one calls a contract (method name on top, then the arguments' array):
 * - `readings(packed, limitWh)`: `packed` is the intervals' energies, 3 bytes each
 *   (unsigned little endian, src/domain/energy.ts packReadings); returns their sum, or -1
 *   when one is above `limitWh`.
 * - `consumption(packed)`: `packed` is the intervals' records of 38 bytes, the root (32),
 *   the community total in Wh (4, unsigned little endian) and the meters that reported
 *   (2); returns the sum of the totals, or -1 when an interval publishes a total with
 *   fewer than MIN_METERS_FOR_TOTAL meters.
 * Lengths and counts are the callers' checks. Each branch leaves exactly one item (NeoVM's
 * CALL_ED faults otherwise) and starts with the verification guard of src/chain/compile.ts
 * (as a witness it returns false).
 */
import { MIN_METERS_FOR_TOTAL, CONSUMPTION_RECORD_BYTES, READING_BYTES } from '../domain/energy';
import { addressOfScript, VERIFICATION_GUARD } from './compile';

/** The NeoVM 2 opcodes this script uses. */
const OP = {
  PUSH0: 0x00,
  PUSHM1: 0x4f,
  PUSH1: 0x51,
  PUSH2: 0x52,
  PUSH4: 0x54,
  PUSH5: 0x55,
  PUSH6: 0x56,
  JMP: 0x62,
  JMPIF: 0x63,
  JMPIFNOT: 0x64,
  RET: 0x66,
  TOALTSTACK: 0x6b,
  FROMALTSTACK: 0x6c,
  DROP: 0x75,
  DUP: 0x76,
  OVER: 0x78,
  PICK: 0x79,
  SWAP: 0x7c,
  CAT: 0x7e,
  SUBSTR: 0x7f,
  LEFT: 0x80,
  RIGHT: 0x81,
  SIZE: 0x82,
  EQUAL: 0x87,
  ADD: 0x93,
  BOOLAND: 0x9a,
  NUMNOTEQUAL: 0x9e,
  LT: 0x9f,
  GT: 0xa0,
  PICKITEM: 0xc3,
  THROW: 0xf0,
} as const;
type Jump = 'JMP' | 'JMPIF' | 'JMPIFNOT';
type Item = number | Buffer | { readonly label: string } | { readonly jump: string; readonly op: Jump };

/** Pushes of data and small integers, as NeoVM encodes them. */
export const pushData = (data: Buffer): Buffer =>
  data.length < 76
    ? Buffer.concat([Buffer.from([data.length]), data])
    : data.length < 256
      ? Buffer.concat([Buffer.from([0x4c, data.length]), data])
      : Buffer.concat([Buffer.from([0x4d, data.length & 0xff, data.length >> 8]), data]);
const pushByte = (value: number): Buffer => Buffer.from([0x01, value]);
const pushString = (value: string): Buffer => pushData(Buffer.from(value, 'ascii'));
/** A zero byte appended makes little-endian bytes an unsigned NeoVM integer. */
const UNSIGNED: Item[] = [pushByte(0), OP.CAT];

/** Two passes: labels' positions, then jumps as 16-bit offsets from the jump itself. */
export const assemble = (items: readonly Item[]): Buffer => {
  const size = (item: Item): number => (typeof item === 'number' ? 1 : Buffer.isBuffer(item) ? item.length : 'label' in item ? 0 : 3);
  const labels = new Map<string, number>();
  let position = 0;
  for (const item of items) {
    if (typeof item === 'object' && !Buffer.isBuffer(item) && 'label' in item) {
      labels.set(item.label, position);
    }
    position += size(item);
  }
  const out: Buffer[] = [];
  position = 0;
  for (const item of items) {
    if (typeof item === 'number') {
      out.push(Buffer.from([item]));
    } else if (Buffer.isBuffer(item)) {
      out.push(item);
    } else if ('jump' in item) {
      const target = labels.get(item.jump);
      if (target === undefined) {
        throw new Error(`No label ${item.jump}.`);
      }
      const offset = Buffer.alloc(2);
      offset.writeInt16LE(target - position);
      out.push(Buffer.from([OP[item.op]]), offset);
    }
    position += size(item);
  }

  return Buffer.concat(out);
};

const jump = (op: Jump, label: string): Item => ({ jump: label, op });
const label = (name: string): Item => ({ label: name });
const repeat = (op: number, times: number): Item[] => Array.from({ length: times }, () => op);

/** [packed] → [packed, size, 0] with the sum (0) on the alternate stack. */
const LOOP_START: Item[] = [OP.DUP, OP.SIZE, OP.PUSH0, OP.PUSH0, OP.TOALTSTACK];
/** [.., packed, size, index]: leave the loop when index reaches size. */
const loopTest = (end: string): Item[] => [OP.DUP, OP.PUSH2, OP.PICK, OP.LT, jump('JMPIFNOT', end)];
/** Refused inside the loop with five items on the stack and the sum aside: -1 alone. */
const REFUSED: Item[] = [...repeat(OP.DROP, 5), OP.FROMALTSTACK, OP.DROP, OP.PUSHM1, OP.RET];

/**
 * Entry: [args, method]. Readings' loop keeps [limit, packed, size, index] on the stack and
 * the sum on the alternate stack; consumption's [packed, size, index].
 */
const PROGRAM: Item[] = [
  VERIFICATION_GUARD,
  OP.DUP,
  pushString('readings'),
  OP.EQUAL,
  jump('JMPIF', 'readings'),
  pushString('consumption'),
  OP.EQUAL,
  jump('JMPIF', 'consumption'),
  OP.THROW,

  label('readings'),
  OP.DROP,
  OP.DUP,
  OP.PUSH1,
  OP.PICKITEM,
  OP.SWAP,
  OP.PUSH0,
  OP.PICKITEM,
  ...LOOP_START,
  label('readings-loop'),
  ...loopTest('readings-end'),
  OP.PUSH2,
  OP.PICK,
  OP.OVER,
  0x50 + READING_BYTES,
  OP.SUBSTR,
  ...UNSIGNED,
  OP.DUP,
  OP.PUSH5,
  OP.PICK,
  OP.GT,
  jump('JMPIF', 'readings-refused'),
  OP.FROMALTSTACK,
  OP.ADD,
  OP.TOALTSTACK,
  0x50 + READING_BYTES,
  OP.ADD,
  jump('JMP', 'readings-loop'),
  label('readings-end'),
  ...repeat(OP.DROP, 4),
  OP.FROMALTSTACK,
  OP.RET,
  label('readings-refused'),
  ...REFUSED,

  label('consumption'),
  OP.PUSH0,
  OP.PICKITEM,
  ...LOOP_START,
  label('consumption-loop'),
  ...loopTest('consumption-end'),
  OP.PUSH2,
  OP.PICK,
  OP.OVER,
  pushByte(32),
  OP.ADD,
  OP.PUSH6,
  OP.SUBSTR,
  OP.DUP,
  OP.PUSH2,
  OP.RIGHT,
  ...UNSIGNED,
  OP.SWAP,
  OP.PUSH4,
  OP.LEFT,
  ...UNSIGNED,
  // [.., meters, total]: refused if meters < MIN and total != 0 (an interval no meter
  // reported is committed with 0 meters, so that commitments cover whole days).
  OP.OVER,
  0x50 + MIN_METERS_FOR_TOTAL,
  OP.LT,
  OP.OVER,
  OP.PUSH0,
  OP.NUMNOTEQUAL,
  OP.BOOLAND,
  jump('JMPIF', 'consumption-refused'),
  OP.FROMALTSTACK,
  OP.ADD,
  OP.TOALTSTACK,
  OP.DROP,
  pushByte(CONSUMPTION_RECORD_BYTES),
  OP.ADD,
  jump('JMP', 'consumption-loop'),
  label('consumption-end'),
  ...repeat(OP.DROP, 3),
  OP.FROMALTSTACK,
  OP.RET,
  label('consumption-refused'),
  ...REFUSED,
];

export const READINGS_SCRIPT: Buffer = assemble(PROGRAM);
/** Its address: the script's hash (the constant MTEMsmEnergy and MTEMsmConsumption call). */
export const READINGS_ADDRESS: string = addressOfScript(READINGS_SCRIPT);

/** What neo-one's client deploys (publishAndDeploy with no deploy method only publishes). */
export const READINGS_CONTRACT = {
  script: READINGS_SCRIPT.toString('hex'),
  parameters: ['String', 'Array'],
  returnType: 'Integer',
  name: 'MTEMsmReadings',
  codeVersion: '0.1',
  author: 'MTEMsm developers',
  email: 'mtemsm@example.org',
  description: 'MTEMsm readings: checks and sums packed interval data',
  storage: false,
  dynamicInvoke: false,
  payable: false,
};
