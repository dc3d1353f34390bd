/**
 * `npm run bench:gateway`: how fast the gateway takes in one interval of a 10,000-meter
 * community (issue 16's goal: at least 10,000 verified readings a second on this machine).
 *
 *   npm run bench:gateway [-- --meters N] [--runs N] [--json]
 *
 * N consumption meters, each with its own key, sign a reading of each of --runs consecutive
 * intervals (the meters' side, timed apart). For each interval, timed:
 * - `gateway`: the gateway's intake of the interval's messages (parse, device lookup, the
 *   signature against the meter's key, the register against the previous reading, one
 *   statement into the embedded store, PGlite in a temporary folder) and the interval's
 *   Merkle root over the salted leaves (src/gateway/committer.ts intervalCommitment);
 * - `mqtt`: the same through the real path, one more interval — the meters' messages
 *   published (QoS 1) to the gateway's embedded broker, journaled, batched, stored, rooted.
 * And the signature checks alone, with Node's OpenSSL (what the gateway uses) and with
 * neo-one's pure-JavaScript elliptic. Writes reports/gateway.{md,json}; the JSON's
 * top-level `readingsPerSecond` is the median `gateway` run.
 */
import { createPrivateKey, privateKeyToAddress } from '@neo-one/client';
import { common } from '@neo-one/client-common';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ellipticCrypto, nativeVerify, useNativeCrypto } from '../src/chain/crypto';
import { PROJECT_ROOT } from '../src/chain/network';
import { table } from '../src/experiment/report';
import { intervalCommitment } from '../src/gateway/committer';
import { Gateway } from '../src/gateway/gateway';
import { readingTopic, startBroker, subscribeMeters } from '../src/gateway/mqtt';
import { KnownDevice, readingMessage, signReading, SignedReading } from '../src/gateway/reading';
import { Store } from '../src/gateway/store';

const option = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(name);

  return index >= 0 ? Number(args[index + 1]) : fallback;
};

const median = (values: readonly number[]): number => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
const seconds = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;
const rate = (count: number, time: number): number => Math.round(count / time);
/** A household's energy in an interval, Wh: varied, within an 8 kW meter's 2,000 Wh. */
const energyOf = (meter: number, interval: number): number => 50 + ((meter * 7_919 + interval * 104_729) % 900);

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const meters = option(args, '--meters', 10_000);
  const runs = option(args, '--runs', 3);
  const json = args.includes('--json');
  const say = (line: string): void => {
    if (!json) {
      process.stderr.write(`${line}\n`);
    }
  };
  useNativeCrypto();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-bench-gateway-'));
  try {
    say(`${meters.toLocaleString('en')} meters: keys and devices`);
    const keys = Array.from({ length: meters }, () => createPrivateKey());
    const devices = new Map<string, KnownDevice>(
      keys.map((key, index) => [
        `D${index + 1}`,
        { deviceID: `D${index + 1}`, kind: 'consumption', meter: privateKeyToAddress(key), capacityW: 8_000, retired: false, plantID: '', owner: `member ${index + 1}`, registerWh: 0 },
      ]),
    );
    const ids = [...devices.keys()];
    const first = 1_900_000;
    const registers = new Array<number>(meters).fill(0);
    const signing: number[] = [];
    const intervals: SignedReading[][] = [];
    for (let run = 0; run <= runs; run++) {
      const started = process.hrtime.bigint();
      intervals.push(
        keys.map((key, meter) => {
          const energyWh = energyOf(meter, first + run);
          registers[meter] += energyWh;

          return signReading({ deviceID: ids[meter], interval: first + run, energyWh, registerWh: registers[meter] }, key);
        }),
      );
      signing.push(seconds(started));
    }
    say(`Signed ${((runs + 1) * meters).toLocaleString('en')} readings (the meters' side): ${rate(meters, median(signing)).toLocaleString('en')} a second`);

    const store = await Store.open(path.join(home, 'store'));
    const lines: string[] = [];
    const gateway = new Gateway({ store, devices: async (id) => devices.get(id), now: () => (first + runs + 2) * 900, log: (line) => lines.push(line) });
    const direct: Array<{ interval: number; stored: number; seconds: number; intakeSeconds: number; rootSeconds: number }> = [];
    for (let run = 0; run < runs; run++) {
      const messages = intervals[run].map((reading) => ({ raw: JSON.stringify(reading), source: 'mqtt' as const, topicDeviceID: reading.deviceID }));
      const started = process.hrtime.bigint();
      const outcomes = await gateway.receiveMany(messages);
      const intakeSeconds = seconds(started);
      const rooted = process.hrtime.bigint();
      const commitment = await intervalCommitment(store, first + run, ids);
      const rootSeconds = seconds(rooted);
      const stored = outcomes.filter((outcome) => outcome === 'stored').length;
      if (stored !== meters || commitment.meters !== meters) {
        throw new Error(`Interval ${first + run}: ${stored} stored, ${commitment.meters} in the root, of ${meters} (${lines.slice(0, 3).join('; ')})`);
      }
      direct.push({ interval: first + run, stored, seconds: intakeSeconds + rootSeconds, intakeSeconds, rootSeconds });
      say(`  gateway, interval ${run + 1}: ${rate(meters, intakeSeconds + rootSeconds).toLocaleString('en')} readings a second`);
    }

    // The real path: published to the embedded broker, through the intake's journal and batches.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mqtt = require('mqtt');
    const broker = await startBroker();
    const intake = await subscribeMeters(broker.url, gateway, (line) => lines.push(line), path.join(home, 'intake.jsonl'));
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'bench-meters' });
    const last = intervals[runs];
    const started = process.hrtime.bigint();
    await Promise.all(last.map(async (reading) => publisher.publishAsync(readingTopic(reading.deviceID), JSON.stringify(reading), { qos: 1 })));
    while ((await store.countReadings()) < (runs + 1) * meters) {
      await intake.settled();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const rootedMqtt = await intervalCommitment(store, first + runs, ids);
    const mqttSeconds = seconds(started);
    await publisher.endAsync();
    await intake.close();
    await broker.close();
    if (rootedMqtt.meters !== meters) {
      throw new Error(`MQTT interval: ${rootedMqtt.meters} in the root, of ${meters}`);
    }
    say(`  mqtt, interval ${runs + 1}: ${rate(meters, mqttSeconds).toLocaleString('en')} readings a second`);
    await store.close();

    // Signature checks alone: OpenSSL against pure JavaScript (a sample for the slow one).
    const checks = intervals[0];
    const verifyAll = (verify: typeof nativeVerify, sample: readonly SignedReading[]): number => {
      const begun = process.hrtime.bigint();
      for (const reading of sample) {
        if (!verify({ message: readingMessage(reading), signature: Buffer.from(reading.signature, 'hex'), publicKey: common.stringToECPoint(reading.publicKey) })) {
          throw new Error(`A signature of ${reading.deviceID} does not verify`);
        }
      }

      return rate(sample.length, seconds(begun));
    };
    const nativePerSecond = verifyAll(nativeVerify, checks);
    const ellipticSample = checks.slice(0, Math.min(1_000, checks.length));
    const ellipticPerSecond = verifyAll(ellipticCrypto.verify, ellipticSample);
    say(`  verify alone: OpenSSL ${nativePerSecond.toLocaleString('en')}/s, elliptic ${ellipticPerSecond.toLocaleString('en')}/s`);

    const readingsPerSecond = rate(meters, median(direct.map((run) => run.seconds)));
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
      meters,
      runs,
      store: 'PGlite (embedded), a temporary folder',
      readingsPerSecond,
      goalReadingsPerSecond: 10_000,
      goalMet: readingsPerSecond >= 10_000,
      gateway: direct.map((run) => ({ ...run, readingsPerSecond: rate(meters, run.seconds) })),
      mqtt: { interval: first + runs, seconds: mqttSeconds, readingsPerSecond: rate(meters, mqttSeconds) },
      signingPerSecond: rate(meters, median(signing)),
      verifyPerSecond: { openssl: nativePerSecond, elliptic: ellipticPerSecond, ellipticSample: ellipticSample.length },
    };
    const fixed = (value: number, digits = 3): string => value.toFixed(digits);
    const markdown = [
      '# Gateway ingestion benchmark',
      '',
      `Measured ${report.date} on ${report.machine} by \`npm run bench:gateway\` (bench/gateway.ts).`,
      '',
      `One interval of ${meters.toLocaleString('en')} consumption meters, each reading signed by its meter's key: parsed, the`,
      "signature checked against the device's meter, the register against the previous reading, stored in one",
      "statement (PGlite, embedded), and the interval's Merkle root computed over the salted leaves.",
      '',
      `**${readingsPerSecond.toLocaleString('en')} verified readings a second** (median of ${runs}; goal ≥ 10,000: ${report.goalMet ? 'met' : 'not met'}).`,
      '',
      table(
        ['path', 'interval', 'readings', 'intake (s)', 'root (s)', 'total (s)', 'readings/s'],
        [
          ...direct.map((run, index) => ['gateway', String(index + 1), meters.toLocaleString('en'), fixed(run.intakeSeconds), fixed(run.rootSeconds), fixed(run.seconds), rate(meters, run.seconds).toLocaleString('en')]),
          ['MQTT (broker, journal, batches)', String(runs + 1), meters.toLocaleString('en'), '', '', fixed(mqttSeconds), report.mqtt.readingsPerSecond.toLocaleString('en')],
        ],
      ),
      '',
      'Signature checks alone (ECDSA P-256 over SHA-256, as NEO signs):',
      '',
      table(
        ['implementation', 'checks', 'per second'],
        [
          ["Node's OpenSSL (src/chain/crypto.ts, the gateway's)", checks.length.toLocaleString('en'), nativePerSecond.toLocaleString('en')],
          ["neo-one's elliptic (pure JavaScript)", ellipticSample.length.toLocaleString('en'), ellipticPerSecond.toLocaleString('en')],
        ],
      ),
      '',
      `The meters' side (signing, not the gateway's work): ${report.signingPerSecond.toLocaleString('en')} readings a second.`,
      '',
    ].join('\n');
    const out = path.join(PROJECT_ROOT, 'reports');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'gateway.json'), `${JSON.stringify(report, undefined, 2)}\n`);
    fs.writeFileSync(path.join(out, 'gateway.md'), markdown);
    if (json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      process.stdout.write(`\n${markdown}\nWrote reports/gateway.md and reports/gateway.json\n`);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
};

main().catch((error) => {
  process.stderr.write(`bench:gateway: ${(error as Error).message}\n`);
  process.exit(1);
});
