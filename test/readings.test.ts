/**
 * MTEMsmReadings (src/chain/readings.ts), the raw NeoVM checks of packed intervals: run in a
 * node's invokescript as neo-one calls it (method name on top of the arguments' array) on
 * edge and generated cases, its answer always the one src/domain/energy.ts gives; each
 * branch leaves one item (a CALL_ED from the contracts faults otherwise); and the two
 * contracts name this script's address.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { RunningNode, startNode } from '../src/chain/node';
import { pushData, READINGS_ADDRESS, READINGS_SCRIPT } from '../src/chain/readings';
import { consumptionRefusal, ConsumptionRecord, maxIntervalEnergyWh, packConsumption, packReadings } from '../src/domain/energy';

let node: RunningNode;

beforeAll(async () => {
  node = await startNode();
}, 600_000);

afterAll(async () => {
  await node?.stop().catch(() => undefined);
});

/** A NeoVM integer push: little-endian two's complement, shortest. */
const pushInt = (value: bigint): Buffer => {
  if (value === 0n) {
    return Buffer.from([0x00]);
  }
  let hex = value.toString(16);
  hex = hex.length % 2 === 0 ? hex : `0${hex}`;
  const bytes = Buffer.from(hex, 'hex').reverse();

  return pushData((bytes[bytes.length - 1] & 0x80) === 0 ? bytes : Buffer.concat([bytes, Buffer.from([0])]));
};

/** Runs the script with `args` (pushed last first, packed into the array) and `method`: the state and the stack left. */
const call = async (method: string, args: Buffer[]): Promise<{ state: string; stack: any[]; gas: string }> => {
  const script = Buffer.concat([
    ...[...args].reverse(),
    Buffer.from([0x50 + args.length, 0xc1]), // PUSHn, PACK
    pushData(Buffer.from(method, 'ascii')),
    READINGS_SCRIPT,
  ]);
  const response = await fetch(node.rpcURL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'invokescript', params: [script.toString('hex')] }),
  });
  // neo-one's node answers invokescript with the invocation's result under `result`.
  const { result } = ((await response.json()) as any).result;

  // Its VM state is a number: 1 HALT, 2 FAULT (NeoVM's flags).
  const state = ({ 1: 'HALT', 2: 'FAULT' } as Record<string, string>)[String(result.state)] ?? String(result.state);

  return { state, stack: result.stack, gas: result.gas_cost };
};
const valueOf = (item: any): bigint => {
  if (item.type === 'Integer') {
    return BigInt(item.value);
  }
  // A byte array: little-endian two's complement.
  const bytes = Buffer.from(item.value, 'hex');
  if (bytes.length === 0) {
    return 0n;
  }
  const unsigned = BigInt(`0x${Buffer.from(bytes).reverse().toString('hex')}`);

  return (bytes[bytes.length - 1] & 0x80) === 0 ? unsigned : unsigned - (1n << BigInt(8 * bytes.length));
};

const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;

  return seed / 2 ** 31;
};

test('readings: the sum of a packed day, or -1 as soon as one is above the limit, as the domain rule says', async () => {
  const next = random(15);
  const limit = maxIntervalEnergyWh(4_000n);
  const cases: bigint[][] = [[], [0n], [limit], [limit + 1n], Array(96).fill(limit), [...Array(95).fill(0n), limit + 1n], [16_777_215n]];
  for (let index = 0; index < 12; index++) {
    const count = 1 + Math.floor(next() * 96);
    cases.push(Array.from({ length: count }, () => (next() < 0.03 ? limit + 1n + BigInt(Math.floor(next() * 1e6)) : BigInt(Math.floor(next() * Number(limit + 1n))))));
  }
  for (const energies of cases) {
    const result = await call('readings', [pushData(packReadings(energies)), pushInt(limit)]);
    const expected = energies.some((energy) => energy > limit) ? -1n : energies.reduce((sum, energy) => sum + energy, 0n);
    expect([energies.length, result.state, result.stack.length, valueOf(result.stack[0])]).toEqual([energies.length, 'HALT', 1, expected]);
  }
});

test('consumption: the sum of the totals, or -1 for an interval publishing a total of fewer than 3 meters', async () => {
  const next = random(3);
  const record = (totalWh: bigint, meters: number): ConsumptionRecord => ({ root: Buffer.alloc(32, meters), totalWh, meters });
  const cases: ConsumptionRecord[][] = [
    [],
    [record(0n, 1)],
    [record(0n, 2)],
    [record(1n, 2)],
    [record(0n, 0)],
    [record(1n, 0)],
    [record(4_294_967_295n, 65_535)],
    [...Array.from({ length: 95 }, () => record(700n, 3)), record(5n, 2)],
    Array.from({ length: 96 }, () => record(123_456n, 40)),
  ];
  for (let index = 0; index < 8; index++) {
    const count = 1 + Math.floor(next() * 96);
    cases.push(
      Array.from({ length: count }, () => {
        const meters = next() < 0.05 ? Math.floor(next() * 3) : 3 + Math.floor(next() * 200);

        return record(meters < 3 && next() < 0.7 ? 0n : BigInt(Math.floor(next() * 4e6)), meters);
      }),
    );
  }
  for (const records of cases) {
    const result = await call('consumption', [pushData(packConsumption(records))]);
    const expected = consumptionRefusal(records) === undefined ? records.reduce((sum, { totalWh }) => sum + totalWh, 0n) : -1n;
    expect([records.length, result.state, result.stack.length, valueOf(result.stack[0])]).toEqual([records.length, 'HALT', 1, expected]);
  }
});

test('an unknown method faults; the contracts call this script at its address', async () => {
  expect((await call('other', [pushData(Buffer.alloc(3))])).state).toBe('FAULT');
  for (const name of ['MTEMsmEnergy', 'MTEMsmConsumption']) {
    const source = readFileSync(join(__dirname, '..', 'neo-one', 'contracts', `${name}.ts`), 'utf8');
    expect([name, source.includes(`const READINGS = Address.from('${READINGS_ADDRESS}');`)]).toEqual([name, true]);
  }
});
