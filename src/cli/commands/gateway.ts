/**
 * `mtemsm gateway`: the meter gateway as a long-running service (src/gateway/service.ts) —
 * MQTT meters (an embedded broker, or `--mqtt URL`), SunSpec meters on Modbus TCP
 * (`--modbus FILE`), the store (`.mtemsm/gateway` by default, `--database postgres://…`),
 * production sent as the meters whose wallets it holds (`--meters`), consumption committed
 * as the operator (`--from`), optionally the members' HTTP API (`--api-port`) and Home
 * Assistant for the members who opted in (`--homeassistant FILE`). Stops on Ctrl-C, after
 * the round under way.
 *
 * `mtemsm gateway quality`: energy quality per device (src/analytics/quality.ts) over the
 * store's readings, off chain but for the device list when no `--device` is given.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_NOMINAL_V, DeviceQuality, FREQUENCY_MAX_HZ, FREQUENCY_MIN_HZ, POWER_FACTOR_MIN, qualitySummary, QualityStats, VOLTAGE_MAX_PU, VOLTAGE_MIN_PU } from '../../analytics/quality';
import { PROJECT_ROOT } from '../../chain/network';
import { ChainDevices } from '../../gateway/devices';
import { HomeAssistantOptIn, readOptIns } from '../../gateway/homeassistant';
import { DEVICE_ID } from '../../gateway/reading';
import { GatewayService, ModbusMeter } from '../../gateway/service';
import { Store, StoredReading } from '../../gateway/store';
import { Command, option } from '../command';
import { Context, connectGroup, signer } from '../context';
import { OperationError, UsageError } from '../errors';
import { print, printJSON, table } from '../output';

/** The embedded store's default place (never committed: .gitignore). */
export const DEFAULT_GATEWAY_STORE = path.join(PROJECT_ROOT, '.mtemsm', 'gateway');
/** The MQTT intake's journal: messages acknowledged to the broker and not yet stored. */
export const INTAKE_JOURNAL = path.join(PROJECT_ROOT, '.mtemsm', 'gateway-intake.jsonl');

const readModbus = (file: string): ModbusMeter[] => {
  let meters: unknown;
  try {
    meters = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read --modbus ${file}: ${(error as Error).message}`);
  }
  if (
    !Array.isArray(meters) ||
    !meters.every((meter) => typeof meter?.deviceID === 'string' && typeof meter?.host === 'string' && Number.isInteger(meter?.port))
  ) {
    throw new UsageError(`--modbus ${file} is not a list of {deviceID, host, port, unit?}.`);
  }

  return meters as ModbusMeter[];
};

const batchOf = (text: string): number => {
  if (text === '1d') {
    return 96;
  }
  if (text === '1h') {
    return 4;
  }
  throw new UsageError(`--production-batch is 1d or 1h, not "${text}".`);
};

/** A port option: a whole number 0–65535 (0: the system's choice), or `fallback` when absent. */
const portOption = (ctx: Context, name: string, fallback?: number): number | undefined => {
  const text = ctx.opt(name);
  if (text === undefined) {
    return fallback;
  }
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw new UsageError(`--${name} is a port number (0 to 65535), not "${text}".`);
  }

  return Number(text);
};

const readHomeAssistant = (file: string): HomeAssistantOptIn[] => {
  try {
    return readOptIns(file);
  } catch (error) {
    throw new UsageError(`--homeassistant: ${(error as Error).message}`);
  }
};

/** An existing store (a read never creates one: a folder that is not there is refused), as the analytics commands open it. */
const openExistingStore = async (location: string): Promise<Store> => {
  if (location !== 'memory' && !/^[a-z]+:\/\//i.test(location) && !fs.existsSync(location)) {
    throw new UsageError(`No gateway store at ${location} ("mtemsm gateway" keeps its readings there; --database names another).`);
  }

  return Store.open(location);
};

const DATABASE_DESCRIPTION = `postgres://… for a server, or the embedded store's folder (default ${path.relative(process.cwd(), DEFAULT_GATEWAY_STORE) || DEFAULT_GATEWAY_STORE})`;

// ---------------------------------------------------------------- gateway quality

/** `min / avg / max` and the count outside, or dashes when no reading carried the quantity. */
const statsCells = (stats: QualityStats | null, digits: number): [string, string] =>
  stats === null ? ['-', '-'] : [`${stats.min.toFixed(digits)} / ${stats.avg.toFixed(digits)} / ${stats.max.toFixed(digits)}`, String(stats.outside)];

export const qualityTable = (summary: readonly DeviceQuality[]): string =>
  table(
    ['Device', 'Readings', 'With quality', 'V min / avg / max', 'V outside', 'Hz min / avg / max', 'Hz outside', 'PF min / avg / max', 'PF outside', 'Intervals outside'],
    summary.map((device) => [
      device.deviceID,
      String(device.readings),
      String(device.withQuality),
      ...statsCells(device.voltageV, 1),
      ...statsCells(device.frequencyHz, 2),
      ...statsCells(device.powerFactor, 3),
      String(device.intervalsOutside),
    ]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );

/** A pu limit in volts, off float noise (0.93 × 127 is 118.11). */
const volts = (pu: number, nominalV: number): number => Number((pu * nominalV).toFixed(9));

const nominalOf = (text: string | undefined): number => {
  if (text === undefined) {
    return DEFAULT_NOMINAL_V;
  }
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0) {
    throw new UsageError(`--nominal-v is a voltage above 0, e.g. 127 or 220, not "${text}".`);
  }

  return Number(text);
};

/** `--device D3` or `D3,D4`: the devices named; none: every device the chain lists (a node is needed then). */
const qualityDevices = async (ctx: Context): Promise<{ readonly ids: readonly string[]; readonly named: boolean }> => {
  const text = ctx.opt('device');
  if (text === undefined) {
    const { group } = await connectGroup(ctx);

    return { ids: (await new ChainDevices(group).refresh()).map(({ deviceID }) => deviceID), named: false };
  }
  const ids = text.split(',').map((id) => id.trim().toUpperCase());
  const bad = ids.find((id) => !DEVICE_ID.test(id));
  if (bad !== undefined) {
    throw new UsageError(`--device takes D1, D2, … (or a comma list), not "${bad}".`);
  }

  return { ids, named: true };
};

export const gatewayCommands: Command[] = [
  {
    path: ['gateway'],
    options: [
      option('from', 'NAME', "the operator's wallet: commits the community's consumption (without it the gateway only stores readings)"),
      option('meters', 'LIST', 'DEVICE=WALLET pairs of the production meters whose keys the gateway holds, e.g. "D1=p1-meter,D2=ana-pv"'),
      option('mqtt', 'URL', "the group's MQTT broker (default: one embedded, on --mqtt-port)"),
      option('mqtt-port', 'PORT', 'the embedded broker\'s port (default 1883)'),
      option('modbus', 'FILE', 'SunSpec meters on Modbus TCP: a JSON list of {deviceID, host, port, unit?}'),
      option('database', 'URL|DIR', DATABASE_DESCRIPTION),
      option('production-batch', '1d|1h', 'how often production readings go on chain (default 1d: a day a transaction)'),
      option('api-port', 'PORT', "the members' HTTP API (wallet sign-in, own readings, Merkle proofs, community counts) on this port of 127.0.0.1; 0: the system's choice (default: no API)"),
      option('homeassistant', 'FILE', 'Home Assistant for the members who opted in: JSON {"members": [{"deviceID": "D7", "url"?: "mqtt://…", "prefix"?: "homeassistant"}]}'),
    ],
    summary: "Run the meter gateway: meters' readings checked and stored, production sent on chain by day (or hour), consumption committed as Merkle roots and community totals.",
    examples: [
      'mtemsm gateway --from operator --meters D1=p1-meter --modbus meters.json',
      'mtemsm gateway --mqtt mqtt://localhost:1883 --database postgres://gateway@localhost/mtemsm',
      'mtemsm gateway --from operator --api-port 8080 --homeassistant homeassistant.json',
    ],
    onChain: true,
    run: async (ctx) => {
      const modbus = ctx.opt('modbus') === undefined ? [] : readModbus(ctx.need('modbus'));
      const productionBatch = batchOf(ctx.opt('production-batch') ?? '1d');
      const pairs = (ctx.opt('meters') ?? '').split(',').filter((pair) => pair.trim() !== '').map((pair) => pair.trim().split('='));
      if (pairs.some((pair) => pair.length !== 2 || !DEVICE_ID.test(pair[0]))) {
        throw new UsageError('--meters takes DEVICE=WALLET pairs, e.g. "D1=p1-meter".');
      }
      const mqttPort = portOption(ctx, 'mqtt-port', 1_883);
      const apiPort = portOption(ctx, 'api-port');
      const homeAssistant = ctx.opt('homeassistant') === undefined ? undefined : readHomeAssistant(ctx.need('homeassistant'));
      const { group } = await connectGroup(ctx);
      const meters = new Map<string, any>();
      for (const [deviceID, wallet] of pairs) {
        meters.set(deviceID, await signer({ ...ctx, need: () => wallet }, group));
      }
      const operator = ctx.opt('from') === undefined ? undefined : await signer(ctx, group);
      const store = await Store.open(ctx.opt('database') ?? DEFAULT_GATEWAY_STORE);
      const service = new GatewayService({
        group,
        store,
        operator,
        meters,
        modbus,
        mqttURL: ctx.opt('mqtt'),
        mqttPort,
        productionBatch,
        journal: INTAKE_JOURNAL,
        apiPort,
        homeAssistant,
      });
      await service.start();
      print(`Gateway: meters publish on ${service.mqttURL} (mtemsm/<deviceID>/reading); ${modbus.length} Modbus meter(s); Ctrl-C stops it.`);
      if (apiPort !== undefined) {
        print(`Members' API: ${service.apiURL} (POST /auth/challenge, POST /auth/token, GET /me/readings, GET /me/proof/<deviceID>/<interval>, GET /community/intervals).`);
      }
      if (homeAssistant !== undefined) {
        print(`Home Assistant: ${homeAssistant.length} member(s) opted in, published each round.`);
      }
      const stop = async () => {
        await service.stop();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await service.run();
    },
  },
  {
    path: ['gateway', 'quality'],
    options: [
      option('device', 'D', 'the device, or a comma list (D3,D4); default: every device the chain lists that has readings in the store'),
      option('database', 'URL|DIR', DATABASE_DESCRIPTION),
      option('nominal-v', 'V', `the nominal phase-to-neutral voltage the limits apply to (default ${DEFAULT_NOMINAL_V})`),
    ],
    summary: `Energy quality per device over the gateway's stored readings: voltage, frequency and power factor min/avg/max and the intervals outside the ANEEL PRODIST limits (${VOLTAGE_MIN_PU}–${VOLTAGE_MAX_PU} pu, ${FREQUENCY_MIN_HZ}–${FREQUENCY_MAX_HZ} Hz, |PF| >= ${POWER_FACTOR_MIN}).`,
    examples: ['mtemsm gateway quality --device D3', 'mtemsm gateway quality --nominal-v 220 --json'],
    run: async (ctx) => {
      const nominalV = nominalOf(ctx.opt('nominal-v'));
      const { ids, named } = await qualityDevices(ctx);
      const store = await openExistingStore(ctx.opt('database') ?? DEFAULT_GATEWAY_STORE);
      let readings: StoredReading[] = [];
      try {
        for (const id of ids) {
          const stored = await store.readings(id, 0, Number.MAX_SAFE_INTEGER);
          if (stored.length === 0 && named) {
            throw new OperationError(`Unknown device ${id}: the gateway's store has no reading of it.`);
          }
          readings = readings.concat(stored);
        }
      } finally {
        await store.close();
      }
      const summary = qualitySummary(readings, { nominalV });
      if (ctx.json) {
        printJSON({
          nominalV,
          limits: { voltageV: [volts(VOLTAGE_MIN_PU, nominalV), volts(VOLTAGE_MAX_PU, nominalV)], frequencyHz: [FREQUENCY_MIN_HZ, FREQUENCY_MAX_HZ], powerFactorMin: POWER_FACTOR_MIN },
          devices: summary,
        });

        return;
      }
      if (summary.length === 0) {
        print('No readings in the store.');

        return;
      }
      print(`Energy quality, every stored reading (nominal ${nominalV} V: ${volts(VOLTAGE_MIN_PU, nominalV)}–${volts(VOLTAGE_MAX_PU, nominalV)} V, ${FREQUENCY_MIN_HZ}–${FREQUENCY_MAX_HZ} Hz, |PF| >= ${POWER_FACTOR_MIN}):`);
      print(qualityTable(summary));
    },
  },
];
