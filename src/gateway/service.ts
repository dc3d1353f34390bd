/**
 * `mtemsm gateway` as a service: the MQTT intake (an embedded broker or the group's), the
 * SunSpec meters polled at each interval's end, and at each batch's end the production
 * readings sent as their meters and the community's consumption committed as the operator
 * (src/gateway/committer.ts). `tick()` does one round; `run()` ticks on the chain's clock
 * until stopped. Each round's failures (a node gone, a meter offline) are logged and the
 * next round tries again: what to send is always computed from the chain and the store.
 */
import type { UserAccountID } from '@neo-one/client';
import { Group, lastBlockTime } from '../chain/group';
import { COMMITMENT_ALIGNMENT, INTERVAL_SECONDS, intervalOf } from '../domain/energy';
import { alignUp, commitConsumption, SentCall, sendProduction } from './committer';
import { ChainDevices } from './devices';
import { Gateway } from './gateway';
import { EmbeddedBroker, MqttIntake, startBroker, subscribeMeters } from './mqtt';
import { Store } from './store';
import { readSunSpecMeter } from './sunspec';

export interface ModbusMeter {
  readonly deviceID: string;
  readonly host: string;
  readonly port: number;
  readonly unit?: number;
}

export interface ServiceOptions {
  readonly group: Group;
  readonly store: Store;
  /** Commits consumption (the group's operator); none: the gateway only stores readings. */
  readonly operator?: UserAccountID;
  /** The production meters whose keys the gateway holds, by device. */
  readonly meters: ReadonlyMap<string, UserAccountID>;
  readonly modbus?: readonly ModbusMeter[];
  /** The group's broker; absent: an embedded one on `mqttPort` (0: the system's choice). */
  readonly mqttURL?: string;
  readonly mqttPort?: number;
  /** Intervals a production batch covers: 96 (a day, default) or 4 (an hour). */
  readonly productionBatch?: number;
  readonly log?: (line: string) => void;
}

export interface TickReport {
  readonly interval: number;
  readonly polled: number;
  readonly production: SentCall[];
  readonly commitments: SentCall[];
}

/** The last interval of the last whole batch of `size` intervals ended before `ended` + 1. */
const batchEnd = (ended: number, size: number): number => Math.floor((ended + 1) / size) * size - 1;

export class GatewayService {
  public readonly gateway: Gateway;
  public readonly devices: ChainDevices;
  public mqttURL = '';
  private broker?: EmbeddedBroker;
  private intake?: MqttIntake;
  private nextCommitment?: number;
  private stopped = false;
  private readonly log: (line: string) => void;

  public constructor(private readonly options: ServiceOptions) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.devices = new ChainDevices(options.group);
    this.gateway = new Gateway({ store: options.store, devices: this.devices.lookup, now: () => this.clock, log: this.log });
  }

  /**
   * The gateway's clock for "has this interval ended": the later of the wall clock and the
   * chain's last block (a simulation moves the chain ahead of the wall clock; live, the last
   * block lags it by up to a block). Set at each tick and by refreshClock.
   */
  private clock = 0;

  public async refreshClock(): Promise<number> {
    this.clock = Math.max(Math.floor(Date.now() / 1_000), await lastBlockTime(this.options.group));

    return this.clock;
  }

  public async start(): Promise<void> {
    await this.refreshClock();
    if (this.options.mqttURL === undefined) {
      this.broker = await startBroker(this.options.mqttPort ?? 0);
      this.mqttURL = this.broker.url;
    } else {
      this.mqttURL = this.options.mqttURL;
    }
    this.intake = await subscribeMeters(this.mqttURL, this.gateway, this.log);
  }

  /** One round at the chain's time: poll the SunSpec meters for the interval just ended, then send what whole batches hold. */
  public async tick(): Promise<TickReport> {
    // Intervals ended on chain: what the contracts accept.
    await this.refreshClock();
    const ended = intervalOf(await lastBlockTime(this.options.group)) - 1;
    let polled = 0;
    for (const meter of this.options.modbus ?? []) {
      try {
        await this.gateway.receiveSunSpec(meter.deviceID, ended, await readSunSpecMeter(meter.host, meter.port, meter.unit ?? 1));
        polled += 1;
      } catch (error) {
        this.log(`gateway: Modbus meter ${meter.deviceID} at ${meter.host}:${meter.port}: ${(error as Error).message}`);
      }
    }
    await this.intake?.settled();
    const production: SentCall[] = [];
    const upTo = batchEnd(ended, this.options.productionBatch ?? 96);
    for (const [deviceID, meter] of this.options.meters) {
      try {
        production.push(...(await sendProduction(this.options.group, this.options.store, deviceID, meter, upTo)));
      } catch (error) {
        this.log(`gateway: production of ${deviceID} not sent, retried next round: ${(error as Error).message}`);
      }
    }
    const commitments: SentCall[] = [];
    if (this.options.operator !== undefined) {
      try {
        const homes = (await this.devices.refresh()).filter((device) => device.kind === 'consumption' && !device.retired).map((device) => device.deviceID);
        const from = this.nextCommitment ?? (await this.firstUncommitted());
        if (from !== undefined) {
          const done = await commitConsumption(this.options.group, this.options.store, this.options.operator, homes, from, batchEnd(ended, 96));
          commitments.push(...done.commitments);
          this.nextCommitment = done.next;
        }
      } catch (error) {
        this.log(`gateway: consumption not committed, retried next round: ${(error as Error).message}`);
      }
    }

    return { interval: ended, polled, production, commitments };
  }

  /** Ticks every `seconds` of wall time until `stop()`. */
  public async run(seconds = INTERVAL_SECONDS / 15): Promise<void> {
    while (!this.stopped) {
      await this.tick();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    }
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    await this.intake?.close();
    await this.broker?.close();
  }

  /**
   * Where commitments resume: after the last batch the store logged (commitConsumption skips
   * one that landed though the log says 'sending'), else at the multiple of 16 at or before
   * the first stored reading.
   */
  private async firstUncommitted(): Promise<number | undefined> {
    const batches = await this.options.store.sentBatches('consumption', 'community');
    const last = batches[batches.length - 1];
    if (last !== undefined) {
      return last.status === 'sent' ? alignUp(last.lastInterval + 1) : last.firstInterval;
    }
    const first = await this.options.store.firstInterval();

    return first === undefined ? undefined : first - (first % COMMITMENT_ALIGNMENT);
  }
}
