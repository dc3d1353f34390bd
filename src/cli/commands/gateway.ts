/**
 * `mtemsm gateway`: the meter gateway as a long-running service (src/gateway/service.ts) —
 * MQTT meters (an embedded broker, or `--mqtt URL`), SunSpec meters on Modbus TCP
 * (`--modbus FILE`), the store (`.mtemsm/gateway` by default, `--database postgres://…`),
 * production sent as the meters whose wallets it holds (`--meters`), consumption committed
 * as the operator (`--from`). Stops on Ctrl-C, after the round under way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../../chain/network';
import { GatewayService, ModbusMeter } from '../../gateway/service';
import { Store } from '../../gateway/store';
import { Command, option } from '../command';
import { connectGroup, signer } from '../context';
import { UsageError } from '../errors';
import { print } from '../output';

/** The embedded store's default place (never committed: .gitignore). */
export const DEFAULT_GATEWAY_STORE = path.join(PROJECT_ROOT, '.mtemsm', 'gateway');

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

export const gatewayCommands: Command[] = [
  {
    path: ['gateway'],
    options: [
      option('from', 'NAME', "the operator's wallet: commits the community's consumption (without it the gateway only stores readings)"),
      option('meters', 'LIST', 'DEVICE=WALLET pairs of the production meters whose keys the gateway holds, e.g. "D1=p1-meter,D2=ana-pv"'),
      option('mqtt', 'URL', "the group's MQTT broker (default: one embedded, on --mqtt-port)"),
      option('mqtt-port', 'PORT', 'the embedded broker\'s port (default 1883)'),
      option('modbus', 'FILE', 'SunSpec meters on Modbus TCP: a JSON list of {deviceID, host, port, unit?}'),
      option('database', 'URL|DIR', `postgres://… for a server, or the embedded store's folder (default ${path.relative(process.cwd(), DEFAULT_GATEWAY_STORE) || DEFAULT_GATEWAY_STORE})`),
      option('production-batch', '1d|1h', 'how often production readings go on chain (default 1d: a day a transaction)'),
    ],
    summary: "Run the meter gateway: meters' readings checked and stored, production sent on chain by day (or hour), consumption committed as Merkle roots and community totals.",
    examples: ['mtemsm gateway --from operator --meters D1=p1-meter --modbus meters.json', 'mtemsm gateway --mqtt mqtt://localhost:1883 --database postgres://gateway@localhost/mtemsm'],
    onChain: true,
    run: async (ctx) => {
      const modbus = ctx.opt('modbus') === undefined ? [] : readModbus(ctx.need('modbus'));
      const productionBatch = batchOf(ctx.opt('production-batch') ?? '1d');
      const pairs = (ctx.opt('meters') ?? '').split(',').filter((pair) => pair.trim() !== '').map((pair) => pair.trim().split('='));
      if (pairs.some((pair) => pair.length !== 2 || !/^D\d+$/.test(pair[0]))) {
        throw new UsageError('--meters takes DEVICE=WALLET pairs, e.g. "D1=p1-meter".');
      }
      const mqttPort = ctx.opt('mqtt-port') === undefined ? 1_883 : Number(ctx.need('mqtt-port'));
      if (!Number.isInteger(mqttPort) || mqttPort < 0 || mqttPort > 65_535) {
        throw new UsageError(`--mqtt-port is a port number, not "${ctx.opt('mqtt-port')}".`);
      }
      const { group } = await connectGroup(ctx);
      const meters = new Map<string, any>();
      for (const [deviceID, wallet] of pairs) {
        meters.set(deviceID, await signer({ ...ctx, need: () => wallet }, group));
      }
      const operator = ctx.opt('from') === undefined ? undefined : await signer(ctx, group);
      const store = await Store.open(ctx.opt('database') ?? DEFAULT_GATEWAY_STORE);
      const service = new GatewayService({ group, store, operator, meters, modbus, mqttURL: ctx.opt('mqtt'), mqttPort, productionBatch });
      await service.start();
      print(`Gateway: meters publish on ${service.mqttURL} (mtemsm/<deviceID>/reading); ${modbus.length} Modbus meter(s); Ctrl-C stops it.`);
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
];
