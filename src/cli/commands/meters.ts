/**
 * `mtemsm meters simulate`: virtual meters on the wire (src/meters/simulate.ts) for a
 * gateway to read — MQTT meters publishing signed readings to the gateway's broker, SunSpec
 * meters served on Modbus TCP — on a clock that runs `--speed` times the wall clock
 * (900: an interval a second; 86400: a day a second). The devices must be registered on
 * chain with these meters' keys (`mtemsm device register`). A compressed clock runs ahead
 * of the chain's; on a local network `--advance-chain` moves the chain's clock along, so
 * the gateway and the contracts see each interval ended.
 */
import * as fs from 'fs';
import { passTime, lastBlockTime } from '../../chain/group';
import { localDate } from '../../analytics/common';
import { parseMeterFile, runMeters } from '../../meters/simulate';
import { Command, flag, option } from '../command';
import { connectGroup } from '../context';
import { UsageError } from '../errors';
import { print, printJSON } from '../output';

const positive = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${name} is a number above 0, not "${text}".`);
  }

  return value;
};

export const meterCommands: Command[] = [
  {
    path: ['meters', 'simulate'],
    options: [
      option('meters', 'FILE', 'the meters: a JSON list of {deviceID, kind, capacityW, protocol (mqtt|modbus), privateKey, monthlyKWh?, category?, registerWh?, port?}', true),
      option('mqtt', 'URL', "the gateway's MQTT broker (default mqtt://127.0.0.1:1883, the gateway's embedded one)"),
      option('speed', 'N', 'simulated seconds a wall second (default 1: real time; 900: an interval a second)'),
      option('start', 'DATE', 'where the simulated clock starts, an ISO date and time (default now)'),
      option('intervals', 'N', 'intervals to run (default: until Ctrl-C)'),
      option('seed', 'N', 'the seed of the profiles, clouds and faults (default 1)'),
      option('faults', 'N', 'faults of each kind (dropped, forged, spike, future, replaced) over the run; needs --intervals'),
      flag('advance-chain', "move a local network's clock to each interval's end before its readings go out"),
    ],
    summary: "Run simulated meters (MQTT and SunSpec Modbus TCP) for the gateway, on a compressed clock.",
    examples: ['mtemsm meters simulate --meters meters.json --speed 900 --advance-chain', 'mtemsm meters simulate --meters meters.json --intervals 96 --faults 1 --start 2026-12-01T00:00:00Z --speed 86400'],
    run: async (ctx) => {
      let meters;
      try {
        meters = parseMeterFile(fs.readFileSync(ctx.need('meters'), 'utf8'));
      } catch (error) {
        throw new UsageError(`--meters ${ctx.need('meters')}: ${(error as Error).message}`);
      }
      const speed = positive('speed', ctx.opt('speed'), 1);
      const intervals = ctx.opt('intervals') === undefined ? undefined : Math.floor(positive('intervals', ctx.opt('intervals'), 1));
      const faultsPerKind = ctx.opt('faults') === undefined ? undefined : Math.floor(positive('faults', ctx.opt('faults'), 1));
      if (faultsPerKind !== undefined && intervals === undefined) {
        throw new UsageError('--faults needs --intervals (the faults are planned over the run).');
      }
      const startText = ctx.opt('start');
      const start = startText === undefined ? Date.now() / 1_000 : Date.parse(startText) / 1_000;
      if (!Number.isFinite(start)) {
        throw new UsageError(`--start is an ISO date and time, not "${startText}".`);
      }
      const seed = Math.floor(positive('seed', ctx.opt('seed'), 1));
      const group = ctx.args.options['advance-chain'] === true ? (await connectGroup(ctx)).group : undefined;
      let stopped = false;
      process.once('SIGINT', () => {
        stopped = true;
      });
      const json = ctx.json;
      const summary = await runMeters({
        meters,
        mqttURL: ctx.opt('mqtt') ?? 'mqtt://127.0.0.1:1883',
        speed,
        start,
        intervals,
        seed,
        faultsPerKind,
        stop: () => stopped,
        beforePublish:
          group === undefined
            ? undefined
            : async (end) => {
                const now = await lastBlockTime(group);
                if (now < end) {
                  await passTime(group, end - now);
                  await group.developer.runConsensusNow();
                }
              },
        onModbus: (deviceID, port) => !json && print(`${deviceID}: SunSpec meter on Modbus TCP 127.0.0.1:${port}`),
        onInterval: (interval, output) => {
          if (!json && (interval + 1) % 4 === 0) {
            print(`${localDate(interval)} interval ${interval}: ${output.messages.length} MQTT reading(s), ${output.modbus.size} Modbus meter(s) updated`);
          }
        },
      });
      if (json) {
        printJSON(summary);
      } else {
        print(`${summary.intervals} interval(s), ${summary.messages} MQTT message(s), ${summary.faults.length} fault(s) planted.`);
      }
      process.exit(0);
    },
  },
];
