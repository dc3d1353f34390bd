/**
 * MQTT meters end to end on loopback: the gateway's embedded broker (aedes), meters that
 * are real MQTT clients publishing signed readings, the gateway subscribed, the readings in
 * its store (PGlite in a directory). Every kind of bad message is refused, logged and
 * counted, and the gateway goes on; a gateway restarted while meters publish loses nothing
 * (its session is kept by the broker, QoS 1) and stores nothing twice.
 */
import { createPrivateKey, privateKeyToAddress } from '@neo-one/client';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Gateway } from '../src/gateway/gateway';
import { EmbeddedBroker, readingTopic, startBroker, subscribeMeters } from '../src/gateway/mqtt';
import { KnownDevice, signReading } from '../src/gateway/reading';
import { Store } from '../src/gateway/store';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const mqtt = require('mqtt');

const keys = [createPrivateKey(), createPrivateKey()];
const devices = new Map<string, KnownDevice>(
  ['D1', 'D2'].map((deviceID, index) => [
    deviceID,
    { deviceID, kind: 'consumption', meter: privateKeyToAddress(keys[index]), capacityW: 10_000, retired: false, plantID: '', owner: `member ${index}`, registerWh: 0 },
  ]),
);
const NOW = 2_000 * 900;
const lines: string[] = [];
let broker: EmbeddedBroker;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-gateway-'));

const journal = path.join(dir, 'intake.jsonl');
const startGateway = async (store?: Store) => {
  store ??= await Store.open(path.join(dir, 'store'));
  const gateway = new Gateway({ store, devices: async (id) => devices.get(id), now: () => NOW, log: (line) => lines.push(line) });
  const intake = await subscribeMeters(broker.url, gateway, (line) => lines.push(line), journal);

  return { store, gateway, intake };
};

const until = async (check: () => Promise<boolean> | boolean, what: string): Promise<void> => {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

beforeAll(async () => {
  broker = await startBroker();
});

afterAll(async () => {
  await broker?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('signed readings in, every bad message refused and counted, a restart loses nothing and stores nothing twice', async () => {
  let { store, gateway, intake } = await startGateway();
  const meter = await mqtt.connectAsync(broker.url, { clientId: 'meter-D1' });
  const publish = async (deviceID: string, payload: unknown) =>
    meter.publishAsync(readingTopic(deviceID), typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
  const day = (interval: number) => ({ deviceID: 'D1', interval, energyWh: 100 + (interval % 7), registerWh: 0 });
  // Ten intervals of D1, each register the sum so far.
  let register = 0;
  const readings = Array.from({ length: 10 }, (_, index) => {
    const reading = day(1_000 + index);
    register += reading.energyWh;

    return signReading({ ...reading, registerWh: register }, keys[0]);
  });
  for (const reading of readings.slice(0, 6)) {
    await publish('D1', reading);
  }
  // Bad ones: not JSON, a topic for another device, D2's reading signed with D1's key, an
  // unknown device, an interval not ended, over capacity (2,500 Wh at most), a register going back.
  await publish('D1', 'not json');
  await publish('D2', readings[0]);
  await publish('D2', signReading({ deviceID: 'D2', interval: 1_000, energyWh: 5, registerWh: 5 }, keys[0]));
  await publish('D9', signReading({ deviceID: 'D9', interval: 1_000, energyWh: 5, registerWh: 5 }, keys[0]));
  await publish('D2', signReading({ deviceID: 'D2', interval: 2_000, energyWh: 5, registerWh: 5 }, keys[1]));
  await publish('D2', signReading({ deviceID: 'D2', interval: 1_001, energyWh: 2_501, registerWh: 2_501 }, keys[1]));
  await publish('D1', signReading({ ...day(1_006), registerWh: 1 }, keys[0]));
  // Sent again: a duplicate; another reading of a stored interval: a conflict.
  await publish('D1', readings[2]);
  await publish('D1', signReading({ ...day(1_003), energyWh: 1, registerWh: readings[3].registerWh - readings[3].energyWh + 1 }, keys[0]));
  await until(() => Object.values(gateway.counts).reduce((a, b) => a + b, 0) === 15, 'fifteen messages handled');
  expect(gateway.counts).toEqual({
    stored: 6,
    duplicate: 1,
    malformed: 2,
    unknownDevice: 1,
    retired: 0,
    badSignature: 1,
    futureInterval: 1,
    overCapacity: 1,
    registerBackwards: 1,
    conflict: 1,
  });
  expect(lines.filter((line) => line.startsWith('gateway: refused'))).toHaveLength(8);
  expect(lines).toContain('gateway: refused D2 interval 1000: malformed message (the topic names D2, the reading D1)');

  // The gateway stops; the meter goes on publishing; a new gateway (same store, same MQTT session) gets them all.
  await intake.close();
  await store.close();
  for (const reading of readings.slice(6)) {
    await publish('D1', reading);
  }
  await publish('D1', readings[5]);
  ({ store, gateway, intake } = await startGateway());
  await until(async () => (await store.countReadings()) === 10, 'the ten readings');
  await until(() => gateway.counts.duplicate === 1, 'the resent one counted');
  const stored = await store.readings('D1', 0, 5_000);
  expect(stored.map(({ interval, energyWh, registerWh }) => [interval, energyWh, registerWh])).toEqual(
    readings.map(({ interval, energyWh, registerWh }) => [interval, energyWh, registerWh]),
  );
  expect(stored.every((reading) => reading.salt?.length === 32)).toBe(true);
  expect(await store.rejections()).toEqual({ badSignature: 1, conflict: 1, futureInterval: 1, malformed: 2, overCapacity: 1, registerBackwards: 1, unknownDevice: 1 });
  await intake.close();
  await store.close();

  // A crash after the broker was acknowledged: the database fails under the gateway, which
  // retries, and the process dies. The journal holds what was acknowledged; the next start
  // replays it into the store.
  const failing = await Store.open('memory');
  await failing.close();
  ({ intake } = await startGateway(failing));
  for (const index of [1, 2, 3]) {
    await publish('D1', signReading({ deviceID: 'D1', interval: 1_009 + index, energyWh: 100, registerWh: register + 100 * index }, keys[0]));
  }
  await until(() => lines.some((line) => line.includes('not stored, retried in a second')), 'a failed batch');
  await intake.close();
  expect(fs.readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(3);
  ({ store, gateway, intake } = await startGateway());
  expect(lines).toContain('gateway: 3 message(s) of the MQTT journal replayed');
  expect(await store.countReadings()).toBe(13);
  expect(fs.readFileSync(journal, 'utf8')).toBe('');
  await meter.endAsync();
  await intake.close();
  await store.close();
}, 120_000);
