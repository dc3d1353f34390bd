/**
 * The gateway service's members' API and Home Assistant round on a real chain
 * (src/gateway/service.ts with `apiPort` and `homeAssistant`): three households and a
 * member's rooftop registered, a day and a half of signed readings through the service's
 * gateway, one tick commits the ended day as the operator. Then a member signs in over HTTP
 * with her wallet key, reads her own devices' readings, fetches the Merkle proof of her
 * readings and verifies each, from her reading and salt, against the root ON CHAIN
 * (`consumptionOf(interval).root`) with verifyProof — the criterion. The same tick
 * published her Home Assistant figures (retained) on the service's broker: the last
 * interval, today's consumption in local time, her rooftop's production today, and her
 * alerts (an abnormal interval, a voltage outside the limits).
 */
import { createPrivateKey, privateKeyToAddress } from '@neo-one/client';
import { createHash } from 'crypto';
import { firstIntervalOfDate, localDate } from '../src/analytics/common';
import { lastBlockTime, passTime } from '../src/chain/group';
import { consumptionLeaf, intervalOf, verifyProof } from '../src/domain/energy';
import { signChallenge } from '../src/gateway/api';
import { signReading } from '../src/gateway/reading';
import { GatewayService } from '../src/gateway/service';
import { Store } from '../src/gateway/store';
import { big, foundWith, send, withGroup } from './group';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const mqtt = require('mqtt') as typeof import('mqtt');

/** test/group.ts' fixed key of test account `index` (the members' wallets: they sign in with it). */
const testKey = (index: number): string => createHash('sha256').update(`mtemsm test account ${index}`).digest('hex');

const call = async (url: string, method: 'GET' | 'POST', body?: unknown, token?: string): Promise<{ status: number; json: any }> => {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  return { status: response.status, json: await response.json() };
};

/** The retained messages under `topic` (a filter), once `count` have arrived. */
const retained = async (url: string, topic: string, count: number): Promise<Map<string, string>> => {
  const client = await mqtt.connectAsync(url);
  const messages = new Map<string, string>();
  try {
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${messages.size} of ${count} retained messages on ${topic}`)), 10_000);
      client.on('message', (name, payload) => {
        messages.set(name, payload.toString());
        if (messages.size >= count) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await client.subscribeAsync(topic, { qos: 1 });
    await all;
  } finally {
    await client.endAsync();
  }

  return messages;
};

test("a member's proof from the service's API, after signing in, verified against the on-chain root; her Home Assistant figures", async () => {
  await withGroup(async (group) => {
    const chain = group.connected;
    const [founder, ana, bia] = await foundWith(group, 2);
    const biaKey = testKey(1);
    expect(privateKeyToAddress(biaKey)).toBe(bia.address);
    const keys = Array.from({ length: 4 }, () => createPrivateKey());
    const meters = await Promise.all(keys.map(async (key) => chain.addAccount(key)));
    const energy = chain.energy!;
    const register = async (owner: typeof ana, kind: string, meter: string, capacityW: number, source: string, category: string) =>
      (await send(energy.registerDevice(owner.address, kind, meter, big(capacityW), source, '', category, { from: owner } as any))).value as string;
    const homes = [
      await register(ana, 'consumption', meters[0].address, 12_000, '', 'residential'),
      await register(bia, 'consumption', meters[1].address, 12_000, '', 'residential'),
      await register(founder, 'consumption', meters[2].address, 12_000, '', 'residential'),
    ];
    const rooftop = await register(bia, 'production', meters[3].address, 4_000, 'solar', '');
    expect([...homes, rooftop]).toEqual(['D1', 'D2', 'D3', 'D4']);
    const biaHome = homes[1];

    // The chain's clock a second into interval 50 of a UTC day (12:30 UTC, 09:30 local): the day before is whole.
    const start = intervalOf(await lastBlockTime(chain));
    await passTime(chain, (96 - (start % 96) + 50) * 900 - ((await lastBlockTime(chain)) % 900) + 1);
    const today = intervalOf(await lastBlockTime(chain)) - 50;
    const day = today - 96;
    const ended = today + 49;

    const store = await Store.open('memory');
    const lines: string[] = [];
    const service = new GatewayService({
      group: chain,
      store,
      operator: group.founder,
      meters: new Map(),
      apiPort: 0,
      homeAssistant: [{ deviceID: biaHome }],
      log: (line) => lines.push(line),
    });
    await service.start();
    try {
      expect(service.apiURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Readings from the day's start to the last ended interval. Bia's last: far above her usual, at 140 V.
      const registers = [0, 0, 0, 0];
      const energyOf = (home: number, interval: number): number => (home === 1 && interval === ended ? 2_000 : 100 + 37 * home + (interval % 9) * 11);
      for (let interval = day; interval <= ended; interval++) {
        for (const [home, deviceID] of homes.entries()) {
          const energyWh = energyOf(home, interval);
          registers[home] += energyWh;
          const quality = home === 1 && interval === ended ? { voltageV: 140, frequencyHz: 60, powerFactor: 0.97 } : undefined;
          const reading = signReading({ deviceID, interval, energyWh, registerWh: registers[home], ...(quality === undefined ? {} : { quality }) }, keys[home]);
          expect(await service.gateway.receive(JSON.stringify(reading), 'mqtt')).toBe('stored');
        }
        registers[3] += 300;
        expect(await service.gateway.receive(JSON.stringify(signReading({ deviceID: rooftop, interval, energyWh: 300, registerWh: registers[3] }, keys[3])), 'mqtt')).toBe('stored');
      }

      // One round: the ended day committed in one call, Bia's figures published.
      const report = await service.tick();
      expect(lines).toEqual([]);
      expect(report.interval).toBe(ended);
      expect(report.commitments.map(({ firstInterval, intervals }) => [firstInterval - day, intervals])).toEqual([[0, 96]]);
      expect(report.homeAssistant).toEqual([biaHome]);

      // Bia signs in with her wallet key.
      const asked = await call(`${service.apiURL}/auth/challenge`, 'POST', { address: bia.address });
      expect(asked.status).toBe(200);
      const signed = await call(`${service.apiURL}/auth/token`, 'POST', { address: bia.address, ...signChallenge(asked.json.challenge, biaKey) });
      expect([signed.status, signed.json.address]).toEqual([200, bia.address]);
      const token: string = signed.json.token;

      // Her readings: her two devices' (devicesOf on chain), no one else's; salts on her consumption only.
      const mine = await call(`${service.apiURL}/me/readings?from=${day}&to=${day + 95}`, 'GET', undefined, token);
      expect(mine.status).toBe(200);
      expect(mine.json.readings).toHaveLength(2 * 96);
      expect([...new Set(mine.json.readings.map((reading: any) => reading.deviceID))].sort()).toEqual([biaHome, rooftop]);
      expect(mine.json.readings.every((reading: any) => (reading.deviceID === biaHome) === (typeof reading.salt === 'string'))).toBe(true);

      // Her proofs, each checked from her own reading and salt against the root the chain holds.
      for (const interval of [day, day + 11, day + 57, day + 95]) {
        const proof = await call(`${service.apiURL}/me/proof/${biaHome}/${interval}`, 'GET', undefined, token);
        expect(proof.status).toBe(200);
        expect([proof.json.deviceID, proof.json.interval, proof.json.energyWh]).toEqual([biaHome, interval, energyOf(1, interval)]);
        const onChain = await chain.consumption!.consumptionOf(big(interval));
        expect(onChain).toBeDefined();
        expect(proof.json.commitment.root).toBe(onChain!.root);
        const leaf = consumptionLeaf(Buffer.from(proof.json.salt, 'hex'), { deviceID: biaHome, interval, energyWh: BigInt(energyOf(1, interval)) });
        const steps = proof.json.proof.map(({ sibling, left }: { sibling: string; left: boolean }) => ({ sibling: Buffer.from(sibling, 'hex'), left }));
        expect(verifyProof(Buffer.from(onChain!.root, 'hex'), leaf, steps)).toBe(true);
        // Another reading (a Wh more) does not prove into it.
        const forged = consumptionLeaf(Buffer.from(proof.json.salt, 'hex'), { deviceID: biaHome, interval, energyWh: BigInt(energyOf(1, interval) + 1) });
        expect(verifyProof(Buffer.from(onChain!.root, 'hex'), forged, steps)).toBe(false);
      }
      // Ana's home is not Bia's; without a token, nothing.
      expect((await call(`${service.apiURL}/me/proof/${homes[0]}/${day + 11}`, 'GET', undefined, token)).status).toBe(403);
      expect((await call(`${service.apiURL}/me/proof/${biaHome}/${day + 11}`, 'GET')).status).toBe(401);

      // Her Home Assistant sensors, retained on the service's broker: four states and the alerts' attributes.
      const todayStart = firstIntervalOfDate(localDate(ended));
      expect(todayStart).toBe(today + 12);
      let todayWh = 0;
      for (let interval = todayStart; interval <= ended; interval++) {
        todayWh += energyOf(1, interval);
      }
      const states = await retained(service.mqttURL, `mtemsm/${biaHome}/homeassistant/#`, 5);
      const topic = (key: string) => `mtemsm/${biaHome}/homeassistant/${key}`;
      expect(states.get(topic('consumption_interval'))).toBe(String(2_000 * 4));
      expect(states.get(topic('consumption_today'))).toBe(String(todayWh / 1_000));
      expect(states.get(topic('production_share_today'))).toBe(String((300 * (ended - todayStart + 1)) / 1_000));
      expect(states.get(topic('alerts'))).toBe('2');
      expect(JSON.parse(states.get(topic('alerts/attributes'))!).alerts.map(({ kind }: { kind: string }) => kind)).toEqual(['abnormalUsage', 'quality']);
      const configs = await retained(service.mqttURL, `homeassistant/sensor/+/config`, 4);
      expect([...configs.keys()].sort()).toEqual(
        ['alerts', 'consumption_interval', 'consumption_today', 'production_share_today'].map((key) => `homeassistant/sensor/mtemsm_${biaHome}_${key}/config`),
      );
    } finally {
      await service.stop();
      await store.close();
    }
  });
}, 300_000);
