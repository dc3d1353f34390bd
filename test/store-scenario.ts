/**
 * What a gateway's store must do, whichever database is behind it (src/gateway/store.ts):
 * run on the embedded one (test/unit/gateway.test.ts) and on a PostgreSQL server
 * (test/gateway-postgres.test.ts). `open` opens the same database each time (a restart).
 */
import { createPrivateKey, privateKeyToAddress } from '@neo-one/client';
import { signReading, SignedReading } from '../src/gateway/reading';
import { Store } from '../src/gateway/store';

const meterKey = createPrivateKey();
export const scenarioMeter = privateKeyToAddress(meterKey);
const reading = (interval: number, energyWh: number, registerWh: number): SignedReading =>
  signReading({ deviceID: 'D3', interval, energyWh, registerWh, quality: { voltageV: 127.1, frequencyHz: 60, powerFactor: 0.97 } }, meterKey);

export const storeScenario = async (open: () => Promise<Store>): Promise<void> => {
  let store = await open();
  const first = reading(11, 300, 5_300);
  expect(await store.insert(first, 'mqtt', true)).toBe('stored');
  expect(await store.insert(first, 'mqtt', true)).toBe('duplicate');
  expect(await store.insert(reading(11, 301, 5_301), 'mqtt', true)).toBe('conflict');
  expect(await store.insert(reading(12, 100, 5_400), 'modbus', false)).toBe('stored');
  const stored = await store.reading('D3', 11);
  expect(stored).toEqual(expect.objectContaining({ energyWh: 300, registerWh: 5_300, source: 'mqtt', quality: { voltageV: 127.1, frequencyHz: 60, powerFactor: 0.97 } }));
  expect(stored?.salt?.length).toBe(32);
  expect((await store.reading('D3', 12))?.salt).toBeUndefined();
  expect((await store.previous('D3', 12))?.interval).toBe(11);
  expect(await store.previous('D3', 11)).toBeUndefined();
  // One query for many devices: each one's latest reading before the interval.
  expect(await store.latestBefore(['D3', 'D9'], 13)).toEqual(new Map([['D3', { interval: 12, registerWh: 5_400 }]]));
  expect(await store.latestBefore(['D3'], 12)).toEqual(new Map([['D3', { interval: 11, registerWh: 5_300 }]]));
  await store.reject('badSignature', 'D3 interval 13', 'D3', 13);
  await store.reject('malformed', 'not JSON');
  await store.markSent({ kind: 'production', subject: 'D1', firstInterval: 0, lastInterval: 95, status: 'sending' });
  await store.close();

  // Opened again (a restart): the same readings, salt, refusals and batches.
  store = await open();
  expect(await store.countReadings()).toBe(2);
  expect((await store.reading('D3', 11))?.salt).toEqual(stored?.salt);
  expect(await store.rejections()).toEqual({ badSignature: 1, malformed: 1 });
  expect((await store.readings('D3', 0, 100)).map((row) => row.interval)).toEqual([11, 12]);
  expect((await store.intervalReadings(11, ['D3', 'D9'])).map((row) => row.deviceID)).toEqual(['D3']);
  await store.markSent({ kind: 'production', subject: 'D1', firstInterval: 0, lastInterval: 95, status: 'sent', transaction: '0xabc' });
  expect(await store.sentBatches('production', 'D1')).toEqual([
    { kind: 'production', subject: 'D1', firstInterval: 0, lastInterval: 95, status: 'sent', transaction: '0xabc' },
  ]);
  await store.close();
};
