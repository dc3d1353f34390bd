/**
 * A SunSpec meter on Modbus TCP end to end on loopback: a simulated meter (modbus-serial's
 * server, model 203), the gateway reading it with modbus-serial's client at each interval's
 * end, the interval's energy the register's growth, quality kept, into the store. The map
 * round-trips through encode/decode, and a device that is not a SunSpec meter is told so.
 */
import { freePort } from '../src/chain/node';
import { Gateway } from '../src/gateway/gateway';
import { KnownDevice } from '../src/gateway/reading';
import { Store } from '../src/gateway/store';
import { decodeMeterModel, encodeSunSpec, MeterValues, readSunSpecMeter, serveSunSpecMeter } from '../src/gateway/sunspec';

const plantMeter: KnownDevice = { deviceID: 'D1', kind: 'production', meter: 'AM', capacityW: 100_000, retired: false, plantID: 'P1', owner: 'G', registerWh: 1_000 };

test('the SunSpec map round-trips: model 203 after the common model, energies and quality as the meter shows them', () => {
  const values: MeterValues = { exportedWh: 123_456_789, importedWh: 42, voltageV: 127.3, frequencyHz: 59.98, powerFactor: -0.95 };
  const map = encodeSunSpec(values, 'SN1');
  // "SunS", common model 1 (66 registers), then model 203 (105).
  expect([map[0], map[1], map[2], map[3], map[70], map[71]]).toEqual([0x5375, 0x6e53, 1, 66, 203, 105]);
  expect(decodeMeterModel(map.slice(72, 72 + 105))).toEqual(values);
  expect(map.slice(-2)).toEqual([0xffff, 0]);
});

test("a plant's SunSpec meter read over Modbus TCP each interval into the store; a register going back refused", async () => {
  let exportedWh = 1_000;
  const meter = await serveSunSpecMeter(() => ({ exportedWh, importedWh: 7, voltageV: 220.4, frequencyHz: 60.01, powerFactor: 0.99 }), 'P1-meter');
  const store = await Store.open('memory');
  const lines: string[] = [];
  const gateway = new Gateway({ store, devices: async (id) => (id === 'D1' ? plantMeter : undefined), now: () => 10_000 * 900, log: (line) => lines.push(line) });
  try {
    for (const [interval, produced] of [[500, 2_000], [501, 2_500], [502, 0]] as const) {
      exportedWh += produced;
      expect(await gateway.receiveSunSpec('D1', interval, await readSunSpecMeter('127.0.0.1', meter.port))).toBe('stored');
    }
    const stored = await store.readings('D1', 0, 1_000);
    // The first interval counts from the register on chain (1,000 Wh).
    expect(stored.map(({ interval, energyWh, registerWh, source }) => [interval, energyWh, registerWh, source])).toEqual([
      [500, 2_000, 3_000, 'modbus'],
      [501, 2_500, 5_500, 'modbus'],
      [502, 0, 5_500, 'modbus'],
    ]);
    expect(stored[0].quality).toEqual({ voltageV: 220.4, frequencyHz: 60.01, powerFactor: 0.99 });
    exportedWh -= 1;
    expect(await gateway.receiveSunSpec('D1', 503, await readSunSpecMeter('127.0.0.1', meter.port))).toBe('registerBackwards');
    expect(await gateway.receiveSunSpec('D7', 503, await readSunSpecMeter('127.0.0.1', meter.port))).toBe('unknownDevice');
    expect(lines).toEqual([
      'gateway: refused D1 interval 503: register going backwards (register 5499 below 5500)',
      'gateway: refused D7 interval 503: unknown device (a Modbus meter the chain does not know)',
    ]);
  } finally {
    await meter.close();
    await store.close();
  }
});

test('a Modbus device that is not a SunSpec meter is named in one line', async () => {
  // A Modbus server whose registers are all 0.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { ServerTCP } = require('modbus-serial');
  const port = await freePort();
  const server = new ServerTCP({ getMultipleHoldingRegisters: (_: number, length: number) => Array(length).fill(0) }, { host: '127.0.0.1', port, unitID: 1 });
  await new Promise((resolve) => server.once('initialized', resolve));
  try {
    await expect(readSunSpecMeter('127.0.0.1', port)).rejects.toThrow(`127.0.0.1:${port} is not a SunSpec device (no "SunS" at 40000).`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
