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
import { KnownDevice, parseReading, readingRefusal, signReading, SignedReading } from '../../src/gateway/reading';
import { Store } from '../../src/gateway/store';
import { storeScenario } from '../store-scenario';

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
