/**
 * The gateway's HTTP API (src/gateway/api.ts) over real HTTP on a port the system picks,
 * with an in-memory store and a fixed list of devices (no node): a member signs in with
 * their wallet key, reads their own readings with their salts, gets the Merkle proof of a
 * consumption reading and checks it, as they would, against the root the committer
 * computes (intervalCommitment); another member's device is refused; public counts hide
 * the total of fewer than 3 meters; every refusal is a status and a one-line error.
 */
import { createPrivateKey, privateKeyToAddress } from '@neo-one/client';
import { CHALLENGE_SECONDS, signChallenge, startApi, TOKEN_SECONDS } from '../../src/gateway/api';
import { intervalCommitment } from '../../src/gateway/committer';
import type { KnownDevice } from '../../src/gateway/reading';
import { Store } from '../../src/gateway/store';
import { consumptionLeaf, MIN_METERS_FOR_TOTAL, verifyProof } from '../../src/domain/energy';

const ana = createPrivateKey();
const bia = createPrivateKey();
const caio = createPrivateKey();
const address = (key: string): string => privateKeyToAddress(key);
const device = (deviceID: string, kind: KnownDevice['kind'], owner: string, retired = false): KnownDevice => ({
  deviceID,
  kind,
  meter: address(createPrivateKey()),
  capacityW: 9_000,
  retired,
  plantID: '',
  owner,
  registerWh: 0,
});
const devices = [
  device('D1', 'consumption', address(ana)),
  device('D2', 'consumption', address(bia)),
  device('D3', 'production', address(ana)),
  device('D4', 'consumption', address(caio)),
];
const homes = ['D1', 'D2', 'D4'];

let clock = 1_000 * 900;
let store: Store;
let api: { url: string; close: () => Promise<void> };

const call = async (method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<{ status: number; text: string; json: any }> => {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();

  return { status: response.status, text, json: JSON.parse(text) };
};

/** A refusal as the API gives it: the status and one line `{error}`. */
const refusal = (answer: { status: number; text: string; json: any }): [number, string] => {
  expect(Object.keys(answer.json)).toEqual(['error']);
  expect(answer.text).not.toContain('\n');

  return [answer.status, answer.json.error];
};

const challengeFor = async (key: string): Promise<string> => {
  const asked = await call('POST', '/auth/challenge', { address: address(key) });
  expect(asked.status).toBe(200);
  expect(asked.json.expiresAt).toBe(clock + CHALLENGE_SECONDS);

  return asked.json.challenge;
};

const signIn = async (key: string): Promise<string> => {
  const signed = await call('POST', '/auth/token', { address: address(key), ...signChallenge(await challengeFor(key), key) });
  expect([signed.status, signed.json.address]).toEqual([200, address(key)]);

  return signed.json.token;
};

const consumption = (deviceID: string, interval: number, energyWh: number) => ({ deviceID, interval, energyWh, registerWh: 10_000 + interval * 1_000 + energyWh });

beforeAll(async () => {
  store = await Store.open('memory');
  // Interval 100: three homes (a published total); 101: two (withheld); 102: none.
  for (const [deviceID, energyWh] of [['D1', 410], ['D2', 275], ['D4', 530]] as const) {
    expect(await store.insert(consumption(deviceID, 100, energyWh), 'mqtt', true)).toBe('stored');
  }
  for (const [deviceID, energyWh] of [['D1', 390], ['D2', 260]] as const) {
    expect(await store.insert(consumption(deviceID, 101, energyWh), 'mqtt', true)).toBe('stored');
  }
  expect(await store.insert({ deviceID: 'D3', interval: 100, energyWh: 1_200, registerWh: 1_200 }, 'modbus', false)).toBe('stored');
  await store.reject('badSignature', 'D2 at 103: not its meter key', 'D2', 103);
  api = await startApi({ store, devices, port: 0, now: () => clock });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await store?.close();
});

describe('signing in with a wallet key', () => {
  test('a signed challenge gives a token; its readings need it', async () => {
    const token = await signIn(ana);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(refusal(await call('GET', '/me/readings'))).toEqual([401, expect.stringContaining('no bearer token')]);
    expect(refusal(await call('GET', '/me/readings', undefined, '00'.repeat(32)))).toEqual([401, expect.stringContaining('unknown token')]);
  });

  test('a wrong signature, a wrong key, a reused or expired challenge: 401 saying which', async () => {
    const challenge = await challengeFor(ana);
    // Ana's public key, someone else's signature.
    const forged = { address: address(ana), publicKey: signChallenge(challenge, ana).publicKey, signature: signChallenge(challenge, bia).signature };
    expect(refusal(await call('POST', '/auth/token', forged))).toEqual([401, expect.stringContaining('the signature is not')]);
    // Bia signs Ana's challenge with her own key: not Ana's address.
    expect(refusal(await call('POST', '/auth/token', { address: address(ana), ...signChallenge(challenge, bia) }))).toEqual([
      401,
      `the public key is not the key of ${address(ana)}`,
    ]);
    // A wrong attempt does not use the challenge; the right signature then signs in, once.
    const good = { address: address(ana), ...signChallenge(challenge, ana) };
    expect((await call('POST', '/auth/token', good)).status).toBe(200);
    expect(refusal(await call('POST', '/auth/token', good))).toEqual([401, expect.stringContaining('used already')]);
    // Never asked.
    expect(refusal(await call('POST', '/auth/token', { address: address(caio), ...signChallenge('anything', caio) }))).toEqual([
      401,
      expect.stringContaining('no challenge was asked'),
    ]);

    const late = await challengeFor(bia);
    clock += CHALLENGE_SECONDS;
    expect(refusal(await call('POST', '/auth/token', { address: address(bia), ...signChallenge(late, bia) }))).toEqual([401, expect.stringContaining('expired')]);
  });

  test('a token lasts an hour', async () => {
    const token = await signIn(bia);
    clock += TOKEN_SECONDS - 1;
    expect((await call('GET', '/me/readings?from=100&to=101', undefined, token)).status).toBe(200);
    clock += 1;
    expect(refusal(await call('GET', '/me/readings?from=100&to=101', undefined, token))).toEqual([401, expect.stringContaining('expired')]);
  });

  test('malformed sign-in bodies: 400 naming the field', async () => {
    expect(refusal(await call('POST', '/auth/challenge', { address: 'Anot-an-address' }))).toEqual([400, 'address is not a NEO address']);
    const body = { address: address(ana), ...signChallenge(await challengeFor(ana), ana) };
    expect(refusal(await call('POST', '/auth/token', { ...body, publicKey: 'zz' }))).toEqual([400, expect.stringMatching(/^publicKey is not/)]);
    expect(refusal(await call('POST', '/auth/token', { ...body, signature: 'ab' }))).toEqual([400, expect.stringMatching(/^signature is not/)]);
  });
});

describe("a member's own data", () => {
  test('own readings, with the salts of consumption leaves; nobody else\'s', async () => {
    const answer = await call('GET', '/me/readings?from=100&to=101', undefined, await signIn(ana));
    expect(answer.status).toBe(200);
    expect(answer.json.readings.map((reading: any) => [reading.deviceID, reading.interval, reading.energyWh, reading.kind])).toEqual([
      ['D1', 100, 410, 'consumption'],
      ['D1', 101, 390, 'consumption'],
      ['D3', 100, 1_200, 'production'],
    ]);
    for (const reading of answer.json.readings) {
      const stored = await store.reading(reading.deviceID, reading.interval);
      expect(reading.salt).toBe(stored!.salt?.toString('hex'));
    }
    expect(answer.json.readings[0].salt).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.json.readings[2].salt).toBeUndefined();

    const theirs = await call('GET', '/me/readings?from=100&to=101', undefined, await signIn(bia));
    expect(theirs.json.readings.map((reading: any) => reading.deviceID)).toEqual(['D2', 'D2']);
  });

  test("a proof checks against the committer's root; a changed reading does not", async () => {
    const token = await signIn(ana);
    for (const interval of [100, 101]) {
      const answer = await call('GET', `/me/proof/D1/${interval}`, undefined, token);
      expect(answer.status).toBe(200);
      const { deviceID, energyWh, salt, proof, commitment } = answer.json;
      // What the member checks: the leaf from their own reading and salt, walked up to the root.
      const leaf = consumptionLeaf(Buffer.from(salt, 'hex'), { deviceID, interval, energyWh: BigInt(energyWh) });
      expect(leaf.toString('hex')).toBe(answer.json.leaf);
      const steps = proof.map(({ sibling, left }: { sibling: string; left: boolean }) => ({ sibling: Buffer.from(sibling, 'hex'), left }));
      const committed = await intervalCommitment(store, interval, homes);
      expect(commitment).toEqual({ root: committed.root.toString('hex'), totalWh: Number(committed.totalWh), meters: committed.meters });
      expect(verifyProof(committed.root, leaf, steps)).toBe(true);
      const inflated = consumptionLeaf(Buffer.from(salt, 'hex'), { deviceID, interval, energyWh: BigInt(energyWh + 1) });
      expect(verifyProof(committed.root, inflated, steps)).toBe(false);
    }
    // The total the chain gets: 3 homes at 100, withheld (0) for 2 at 101.
    expect((await call('GET', '/me/proof/D1/100', undefined, token)).json.commitment).toMatchObject({ totalWh: 410 + 275 + 530, meters: 3 });
    expect((await call('GET', '/me/proof/D1/101', undefined, token)).json.commitment).toMatchObject({ totalWh: 0, meters: 2 });
  });

  test("another member's device: 403, and none of its data", async () => {
    const answer = await call('GET', '/me/proof/D2/100', undefined, await signIn(ana));
    expect(refusal(answer)).toEqual([403, 'D2 is not your device: readings and proofs go to a device\'s owner only']);
    expect(answer.text).not.toContain((await store.reading('D2', 100))!.salt!.toString('hex'));
  });

  test('proofs of what is not there, and bad parameters', async () => {
    const token = await signIn(ana);
    expect(refusal(await call('GET', '/me/proof/D9/100', undefined, token))).toEqual([404, 'unknown device D9']);
    expect(refusal(await call('GET', '/me/proof/D1/102', undefined, token))).toEqual([404, 'no reading of D1 in interval 102 is stored']);
    expect(refusal(await call('GET', '/me/proof/D3/100', undefined, token))).toEqual([400, expect.stringMatching(/^deviceID: D3 is a production device/)]);
    expect(refusal(await call('GET', '/me/proof/X1/100', undefined, token))).toEqual([400, 'deviceID is not D<n>: "X1"']);
    expect(refusal(await call('GET', '/me/proof/D1/soon', undefined, token))).toEqual([400, expect.stringMatching(/^interval is not/)]);
    expect(refusal(await call('GET', '/me/readings?from=-1&to=5', undefined, token))).toEqual([400, expect.stringMatching(/^from is not/)]);
  });
});

describe('public data', () => {
  test('per interval the meters, and the total only of 3 meters or more', async () => {
    expect(MIN_METERS_FOR_TOTAL).toBe(3);
    const answer = await call('GET', '/community/intervals?from=100&to=102');
    expect(answer.status).toBe(200);
    expect(answer.json.intervals).toEqual([
      { interval: 100, meters: 3, totalWh: 410 + 275 + 530 },
      { interval: 101, meters: 2, totalWh: null },
      { interval: 102, meters: 0, totalWh: null },
    ]);
    // Nothing a member owns leaks: no device, no salt.
    expect(answer.text).not.toMatch(/D\d|salt/);
  });

  test('the summary: readings stored, refusals by reason', async () => {
    expect((await call('GET', '/community/summary')).json).toEqual({ readings: 6, rejections: { badSignature: 1 } });
  });

  test('bad query parameters: 400 naming the parameter', async () => {
    expect(refusal(await call('GET', '/community/intervals?from=abc&to=5'))).toEqual([400, 'from is not an interval (a whole number >= 0): "abc"']);
    expect(refusal(await call('GET', '/community/intervals?from=1&to=1.5'))).toEqual([400, expect.stringMatching(/^to is not/)]);
    expect(refusal(await call('GET', '/community/intervals?from=9&to=5'))).toEqual([400, 'from (9) is after to (5)']);
    expect(refusal(await call('GET', '/community/intervals?from=0&to=100000'))).toEqual([400, expect.stringMatching(/^to: at most 2976 intervals/)]);
    expect(refusal(await call('GET', '/community/nothing'))).toEqual([404, 'no route GET /community/nothing']);
  });
});
