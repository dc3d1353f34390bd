/**
 * The gateway's path to the chain (src/gateway/committer.ts) on a group of four members:
 * devices learnt from the chain, a day of readings through the gateway's checks into its
 * store, a rooftop's day sent as one recordProduction (a dropped interval filled from the
 * register, so the on-chain register agrees with the meter's), the community's consumption
 * committed as one day, the roots on chain those of the stored readings, a member's proof
 * verified against them; a gateway restarted mid-day sends the rest and nothing twice; the
 * auditor finds it all sound.
 */
import { createPrivateKey } from '@neo-one/client';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit } from '../src/audit/audit';
import { lastBlockTime, passTime } from '../src/chain/group';
import { consumptionLeaf, intervalOf, maxIntervalEnergyWh, merkleProof, verifyProof } from '../src/domain/energy';
import { commitConsumption, intervalCommitment, sendProduction } from '../src/gateway/committer';
import { ChainDevices, chainDevice } from '../src/gateway/devices';
import { Gateway } from '../src/gateway/gateway';
import { signReading } from '../src/gateway/reading';
import { readingTopic } from '../src/gateway/mqtt';
import { GatewayService } from '../src/gateway/service';
import { Store } from '../src/gateway/store';
import { serveSunSpecMeter } from '../src/gateway/sunspec';
import { auditedGroup, big, foundWith, send, withGroup } from './group';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const mqtt = require('mqtt');

test('a day through the gateway to the chain: one production call, one commitment, restart-safe, audited', async () => {
  await withGroup(async (group) => {
    const chain = group.connected;
    const members = await foundWith(group, 3);
    const [, ana, bia, caio] = members;
    const keys = Array.from({ length: 4 }, () => createPrivateKey());
    const meters = await Promise.all(keys.map(async (key) => chain.addAccount(key)));
    const energy = chain.energy!;
    const register = async (owner: typeof ana, kind: string, meter: string, capacityW: number, source: string, category: string) =>
      (await send(energy.registerDevice(owner.address, kind, meter, big(capacityW), source, '', category, { from: owner } as any))).value as string;
    const rooftop = await register(ana, 'production', meters[0].address, 4_000, 'solar', '');
    const homes = [
      await register(ana, 'consumption', meters[1].address, 12_000, '', 'residential'),
      await register(bia, 'consumption', meters[2].address, 12_000, '', 'residential'),
      await register(caio, 'consumption', meters[3].address, 12_000, '', 'residential'),
    ];
    expect([rooftop, ...homes]).toEqual(['D1', 'D2', 'D3', 'D4']);
    await passTime(chain, 3 * 86_400);
    const now = await lastBlockTime(chain);
    const day = intervalOf(now) - (intervalOf(now) % 96) - 96;

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-gateway-chain-'));
    let store = await Store.open(dir);
    const devices = new ChainDevices(chain);
    const gateway = new Gateway({ store, devices: devices.lookup, now: () => now, log: () => undefined });
    // The rooftop: a sunny bell within its 1,000 Wh limit, interval 50 dropped (its register still grew).
    const limit = Number(maxIntervalEnergyWh(4_000n));
    let rooftopRegister = 0;
    for (let index = 0; index < 96; index++) {
      const energyWh = Math.max(0, Math.round(limit * Math.sin((Math.PI * (index - 24)) / 48)));
      rooftopRegister += energyWh;
      if (index !== 50) {
        expect(await gateway.receive(JSON.stringify(signReading({ deviceID: rooftop, interval: day + index, energyWh, registerWh: rooftopRegister }, keys[0])), 'mqtt')).toBe('stored');
      }
    }
    // Three households, Caio's meter silent in interval 10 (two meters: no total published then).
    const homeRegisters = [0, 0, 0];
    for (let index = 0; index < 96; index++) {
      for (const [home, deviceID] of homes.entries()) {
        const energyWh = 100 + 37 * home + (index % 9) * 11;
        homeRegisters[home] += energyWh;
        if (!(home === 2 && index === 10)) {
          const reading = signReading({ deviceID, interval: day + index, energyWh, registerWh: homeRegisters[home] }, keys[home + 1]);
          expect(await gateway.receive(JSON.stringify(reading), 'mqtt')).toBe('stored');
        }
      }
    }

    // Half the day sent, then the gateway stops (store closed) and starts again: the rest goes, nothing twice.
    const first = await sendProduction(chain, store, rooftop, meters[0], day + 47);
    expect(first.map(({ firstInterval, intervals }) => [firstInterval - day, intervals])).toEqual([[0, 48]]);
    await store.close();
    store = await Store.open(dir);
    const rest = await sendProduction(chain, store, rooftop, meters[0], day + 95);
    expect(rest.map(({ firstInterval, intervals }) => [firstInterval - day, intervals])).toEqual([[48, 48]]);
    expect(Number(rest[0].gas)).toBeLessThanOrEqual(10);
    expect(await sendProduction(chain, store, rooftop, meters[0], day + 95)).toEqual([]);
    // The dropped interval was filled from the register: the chain's register is the meter's.
    const onChain = await chainDevice(chain, rooftop);
    expect([onChain?.lastInterval, onChain?.registerWh]).toEqual([day + 95, rooftopRegister]);
    expect((await store.reading(rooftop, day + 50))?.source).toBe('gap');
    expect((await energy.creditsOf(ana.address)).accruedWh.toNumber()).toBe(rooftopRegister);

    // The day's consumption in one commitment by the operator (the founder), then nothing more to commit.
    const committed = await commitConsumption(chain, store, group.founder, homes, day, day + 95);
    expect(committed.commitments.map(({ firstInterval, intervals }) => [firstInterval - day, intervals])).toEqual([[0, 96]]);
    expect(Number(committed.commitments[0].gas)).toBeLessThanOrEqual(10);
    expect((await commitConsumption(chain, store, group.founder, homes, day, day + 95)).commitments).toEqual([]);
    const ten = await chain.consumption!.consumptionOf(big(day + 10));
    expect([ten?.totalWh.toNumber(), ten?.meters.toNumber()]).toEqual([0, 2]);
    const eleven = await intervalCommitment(store, day + 11, homes);
    const onChainEleven = await chain.consumption!.consumptionOf(big(day + 11));
    expect([onChainEleven?.root, onChainEleven?.totalWh.toNumber(), onChainEleven?.meters.toNumber()]).toEqual([
      eleven.root.toString('hex'),
      Number(eleven.totalWh),
      3,
    ]);
    // Bia's reading of that interval proves into the committed root, with her salt.
    const readings = await store.intervalReadings(day + 11, homes);
    const leaves = readings.map((reading) => consumptionLeaf(reading.salt!, { deviceID: reading.deviceID, interval: day + 11, energyWh: BigInt(reading.energyWh) }));
    const bias = readings.findIndex((reading) => reading.deviceID === homes[1]);
    expect(verifyProof(Buffer.from(onChainEleven!.root, 'hex'), leaves[bias], merkleProof(leaves, bias))).toBe(true);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });

    const audited = await audit({ group: auditedGroup(group) });
    expect(audited.verdict.energy).toEqual({ violations: [], mismatches: [] });
    expect(audited.verdict.ok).toBe(true);
  });
}, 900_000);

test('the service: MQTT homes and a SunSpec rooftop on Modbus, ticked at interval ends on the chain clock, send a day each', async () => {
  await withGroup(async (group) => {
    const chain = group.connected;
    const [, ana, bia, caio] = await foundWith(group, 3);
    const keys = Array.from({ length: 4 }, () => createPrivateKey());
    const meters = await Promise.all(keys.map(async (key) => chain.addAccount(key)));
    const energy = chain.energy!;
    const register = async (owner: typeof ana, kind: string, meter: string, source: string, category: string) =>
      (await send(energy.registerDevice(owner.address, kind, meter, big(4_000), source, '', category, { from: owner } as any))).value as string;
    const rooftop = await register(ana, 'production', meters[0].address, 'solar', '');
    const homes = [await register(ana, 'consumption', meters[1].address, '', 'residential'), await register(bia, 'consumption', meters[2].address, '', 'residential'), await register(caio, 'consumption', meters[3].address, '', 'residential')];
    let exportedWh = 0;
    const sunspec = await serveSunSpecMeter(() => ({ exportedWh, importedWh: 0, voltageV: 127, frequencyHz: 60, powerFactor: 1 }), 'roof');
    const store = await Store.open('memory');
    const lines: string[] = [];
    const service = new GatewayService({
      group: chain,
      store,
      operator: group.founder,
      meters: new Map([[rooftop, meters[0]]]),
      modbus: [{ deviceID: rooftop, host: '127.0.0.1', port: sunspec.port }],
      log: (line) => lines.push(line),
    });
    await service.start();
    const publisher = await mqtt.connectAsync(service.mqttURL);
    try {
      // Start at a day's beginning; then each interval: the meters' readings, the clock past its end, a tick.
      const start = intervalOf(await lastBlockTime(chain));
      await passTime(chain, (96 - (start % 96)) * 900 - ((await lastBlockTime(chain)) % 900) + 1);
      const day = intervalOf(await lastBlockTime(chain));
      const registers = [0, 0, 0];
      const ticks = [];
      const readings: Array<[string, unknown]> = [];
      for (let index = 0; index < 96; index++) {
        exportedWh += index >= 24 && index < 72 ? 500 : 0;
        for (const [home, deviceID] of homes.entries()) {
          registers[home] += 120 + home;
          const reading = signReading({ deviceID, interval: day + index, energyWh: 120 + home, registerWh: registers[home] }, keys[home + 1]);
          readings.push([deviceID, reading]);
        }
        // The interval ends; the meters publish; the gateway's round.
        await passTime(chain, 900);
        await service.refreshClock();
        for (const [deviceID, reading] of readings.splice(0)) {
          await publisher.publishAsync(readingTopic(deviceID), JSON.stringify(reading), { qos: 1 });
        }
        // The broker passes them on after its acknowledgement: the round waits for the three (and each earlier round stored four).
        while (service.gateway.counts.stored < 4 * index + 3) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        ticks.push(await service.tick());
      }
      const sent = ticks.flatMap((tick) => tick.production);
      const committed = ticks.flatMap((tick) => tick.commitments);
      expect(lines).toEqual([]);
      expect(ticks.every((tick) => tick.polled === 1)).toBe(true);
      expect(sent.map(({ firstInterval, intervals }) => [firstInterval - day, intervals])).toEqual([[0, 96]]);
      expect(committed.map(({ firstInterval, intervals }) => [firstInterval - day, intervals])).toEqual([[0, 96]]);
      expect((await chainDevice(chain, rooftop))?.registerWh).toBe(exportedWh);
      expect((await chain.consumption!.consumptionOf(big(day + 95)))?.totalWh.toNumber()).toBe(363);
      expect(service.gateway.counts).toEqual(expect.objectContaining({ stored: 96 * 4, badSignature: 0, malformed: 0 }));
      expect((await store.readings(rooftop, day, day + 95)).every((reading) => reading.source === 'modbus')).toBe(true);
    } finally {
      await publisher.endAsync();
      await service.stop();
      await sunspec.close();
      await store.close();
    }
  });
}, 900_000);
