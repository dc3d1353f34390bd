/**
 * The gateway's reading checks (src/gateway/reading.ts) — every refusal, a malformed message
 * of each kind — and its embedded store (src/gateway/store.ts, PGlite): a reading stored once,
 * sent again a duplicate, another one of a stored interval a conflict, everything still
 * there after the store is closed and opened again (a restart).
 */
import { createPrivateKey, privateKeyToAddress } from '@neo-one/client';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Gateway, Message } from '../../src/gateway/gateway';
import { useNativeCrypto } from '../../src/chain/crypto';
import { SignatureVerifier } from '../../src/gateway/verifier';
import { KnownDevice, readingMessage, signedByMeter, parseReading, readingRefusal, signReading, SignedReading } from '../../src/gateway/reading';
import { Store } from '../../src/gateway/store';
import { storeScenario } from '../store-scenario';

// Signing hundreds of readings: OpenSSL's, as the gateway's own.
useNativeCrypto();
const meterKey = createPrivateKey();
const device: KnownDevice = { deviceID: 'D3', kind: 'consumption', meter: privateKeyToAddress(meterKey), capacityW: 8_000, retired: false, plantID: '', owner: 'A', registerWh: 0 };
const now = 1_000 * 900; // intervals up to 999 have ended
const reading = (interval: number, energyWh: number, registerWh: number, key = meterKey): SignedReading =>
  signReading({ deviceID: 'D3', interval, energyWh, registerWh, quality: { voltageV: 127.1, frequencyHz: 60, powerFactor: 0.97 } }, key);

describe('reading checks', () => {
  test('a signed reading of the meter within every rule passes; each refusal at its rule', () => {
    const previous = { interval: 10, registerWh: 5_000 };
    expect(readingRefusal(reading(11, 300, 5_300), device, previous, now)).toBeUndefined();
    // A gap: the register may have grown by more than the energy, never less.
    expect(readingRefusal(reading(20, 300, 6_000), device, previous, now)).toBeUndefined();
    expect(readingRefusal(reading(11, 300, 5_299), device, previous, now)).toBe('registerBackwards');
    expect(readingRefusal(reading(11, 300, 5_300), undefined, previous, now)).toBe('unknownDevice');
    expect(readingRefusal(reading(11, 300, 5_300), { ...device, retired: true }, previous, now)).toBe('retired');
    expect(readingRefusal(reading(11, 300, 5_300, createPrivateKey()), device, previous, now)).toBe('badSignature');
    const tampered = { ...reading(11, 300, 5_300), energyWh: 301, registerWh: 5_301 };
    expect(readingRefusal(tampered, device, previous, now)).toBe('badSignature');
    // Quality is signed too.
    expect(readingRefusal({ ...reading(11, 300, 5_300), quality: { voltageV: 90 } }, device, previous, now)).toBe('badSignature');
    expect(readingRefusal(reading(999, 300, 5_300), device, previous, now)).toBeUndefined();
    expect(readingRefusal(reading(1_000, 300, 5_300), device, previous, now)).toBe('futureInterval');
    // 8,000 W: at most 2,000 Wh an interval.
    expect(readingRefusal(reading(11, 2_000, 7_000), device, previous, now)).toBeUndefined();
    expect(readingRefusal(reading(11, 2_001, 7_001), device, previous, now)).toBe('overCapacity');
    // A reading the gateway took itself (Modbus) carries no signature.
    const unsigned = { ...reading(11, 300, 5_300), publicKey: '', signature: '' };
    expect([readingRefusal(unsigned, device, previous, now), readingRefusal(unsigned, device, previous, now, false)]).toEqual(['badSignature', undefined]);
  });

  test('malformed messages are named, never thrown', () => {
    const signed = reading(11, 300, 5_300);
    const good = JSON.stringify(signed);
    expect(parseReading(good)).toEqual(signed);
    const cases: Array<[string, string]> = [
      ['{', 'not JSON'],
      ['42', 'not an object'],
      [good.replace('"D3"', '"X3"'), 'deviceID is not D<n>'],
      [good.replace('"interval":11', '"interval":-1'), 'interval is not a whole number >= 0'],
      [good.replace('"energyWh":300', '"energyWh":3.5'), 'energyWh is not a whole number >= 0'],
      [good.replace('"registerWh":5300', '"registerWh":"5300"'), 'registerWh is not a whole number >= 0'],
      [good.replace('"voltageV":127.1', '"voltageV":"high"'), 'quality is not {voltageV, frequencyHz, powerFactor} numbers'],
      [good.replace(/"publicKey":"[0-9a-f]+"/, '"publicKey":"zz"'), 'publicKey is not a compressed key in hex'],
      [good.replace(/"signature":"[0-9a-f]+"/, '"signature":"00"'), 'signature is not 64 bytes of hex'],
    ];
    for (const [raw, why] of cases) {
      expect([raw.slice(0, 30), parseReading(raw)]).toEqual([raw.slice(0, 30), { malformed: why }]);
    }
  });
});

describe('the embedded store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-store-'));

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a reading once; a duplicate changes nothing, a conflict is refused; all of it kept across a restart', async () => {
    await storeScenario(async () => Store.open(dir));
  }, 60_000);
});

describe("the gateway's intake", () => {
  // A batch says what the same messages one by one say, and stores the same: within it a
  // device's register is checked against its earlier readings of the batch.
  test('a batch of messages is checked and stored as one by one', async () => {
    const other = createPrivateKey();
    const devices = new Map<string, KnownDevice>([
      ['D3', device],
      ['D4', { ...device, deviceID: 'D4', meter: privateKeyToAddress(other) }],
    ]);
    const d4 = (interval: number, energyWh: number, registerWh: number): SignedReading =>
      signReading({ deviceID: 'D4', interval, energyWh, registerWh }, other);
    const messages: Message[] = [
      { raw: JSON.stringify(reading(11, 300, 5_300)), source: 'mqtt' },
      { raw: JSON.stringify(d4(11, 100, 100)), source: 'mqtt' },
      { raw: JSON.stringify(reading(12, 200, 5_500)), source: 'mqtt' },
      // Backwards against interval 12 of this batch.
      { raw: JSON.stringify(reading(13, 100, 5_550)), source: 'mqtt' },
      { raw: JSON.stringify(reading(11, 300, 5_300)), source: 'mqtt' },
      { raw: JSON.stringify(reading(11, 301, 5_301)), source: 'mqtt' },
      { raw: JSON.stringify(d4(12, 50, 150)), source: 'mqtt', topicDeviceID: 'D3' },
      { raw: '{', source: 'mqtt' },
      { raw: JSON.stringify(d4(1_000, 50, 150)), source: 'mqtt' },
      { raw: JSON.stringify(reading(14, 100, 5_600, other)), source: 'mqtt' },
      { raw: JSON.stringify(d4(10, 50, 50)), source: 'mqtt' },
    ];
    const expected = ['stored', 'stored', 'stored', 'registerBackwards', 'duplicate', 'conflict', 'malformed', 'malformed', 'futureInterval', 'badSignature', 'stored'];
    const run = async (batched: boolean) => {
      const store = await Store.open('memory');
      const gateway = new Gateway({ store, devices: async (id) => devices.get(id), now: () => now, log: () => undefined });
      const outcomes = batched
        ? await gateway.receiveMany(messages)
        : await messages.reduce<Promise<string[]>>(
            async (done, { raw, source, topicDeviceID }) => [...(await done), await gateway.receive(raw, source, topicDeviceID)],
            Promise.resolve([]),
          );
      const rows = [...(await store.readings('D3', 0, 2_000)), ...(await store.readings('D4', 0, 2_000))].map(({ deviceID, interval, energyWh, registerWh }) => [
        deviceID,
        interval,
        energyWh,
        registerWh,
      ]);
      const result = { outcomes, rows, rejections: await store.rejections(), counts: gateway.counts };
      await store.close();

      return result;
    };
    const [single, batch] = [await run(false), await run(true)];
    expect(batch.outcomes).toEqual(expected);
    expect(batch).toEqual(single);
    expect(batch.rows).toEqual([
      ['D3', 11, 300, 5_300],
      ['D3', 12, 200, 5_500],
      ['D4', 10, 50, 50],
      ['D4', 11, 100, 100],
    ]);
  }, 60_000);
});

test("the worker threads' signature checks are the gateway's own, valid and tampered alike", async () => {
  const readings = Array.from({ length: 300 }, (_, index) => {
    const signed = reading(100 + index, 100, 100 * (index + 1));
    // Every seventh tampered, every eleventh signed by another key, one not a key at all.
    return index % 7 === 0 ? { ...signed, energyWh: 101 } : index % 11 === 0 ? reading(100 + index, 100, 100 * (index + 1), createPrivateKey()) : index === 5 ? { ...signed, publicKey: '02' + '00'.repeat(32) } : signed;
  });
  const verifier = new SignatureVerifier(1);
  const inWorkers = await verifier.verifyMany(readings.map((item) => ({ message: readingMessage(item), signature: item.signature, publicKey: item.publicKey })));
  await verifier.close();
  // signedByMeter also checks the key's address: the ones signed by another key are compared on the signature alone here.
  const here = readings.map((item) => signedByMeter(item, privateKeyToAddress(meterKey)) || (readings.indexOf(item) % 11 === 0 && readings.indexOf(item) % 7 !== 0));
  expect(inWorkers).toEqual(here);
  expect(inWorkers.filter((valid) => !valid).length).toBe(Math.ceil(300 / 7) + 1);
}, 60_000);
