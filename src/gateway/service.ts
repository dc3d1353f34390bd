/**
 * `mtemsm gateway` as a service: the MQTT intake (an embedded broker or the group's), the
 * SunSpec meters polled at each interval's end, and at each batch's end the production
 * readings sent as their meters and the community's consumption committed as the operator
 * (src/gateway/committer.ts). `tick()` does one round; `run()` ticks on the chain's clock
 * until stopped. Each round's failures (a node gone, a meter offline) are logged and the
 * next round tries again: what to send is always computed from the chain and the store.
 * Optionally the members' HTTP API (src/gateway/api.ts, `apiPort`) runs alongside, and each
 * round ends with the Home Assistant figures of the members who opted in
 * (src/gateway/homeassistant.ts, `homeAssistant`).
 */
import type { UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { firstIntervalOfDate, INTERVALS_PER_DAY, localDate, localMinuteOfDay, Reading } from '../analytics/common';
import { abnormalUsage } from '../analytics/consumption';
import { qualitySummary } from '../analytics/quality';
import { Group, lastBlockTime } from '../chain/group';
import { COMMITMENT_ALIGNMENT, INTERVAL_SECONDS, intervalOf } from '../domain/energy';
import { consumptionDevices, Api, startApi } from './api';
import { alignUp, commitConsumption, SentCall, sendProduction } from './committer';
import { ChainDevices } from './devices';
import { Gateway } from './gateway';
import { HomeAlert, HomeAssistantOptIn, HomeFigures, publishToOptedIn } from './homeassistant';
import { EmbeddedBroker, MqttIntake, startBroker, subscribeMeters } from './mqtt';
import type { KnownDevice } from './reading';
import { Store, StoredReading } from './store';
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
  /** The MQTT intake's journal (src/gateway/mqtt.ts): what was acknowledged and not yet stored. */
  readonly journal?: string;
  /** Intervals a production batch covers: 96 (a day, default) or 4 (an hour). */
  readonly productionBatch?: number;
  /** The members' HTTP API on this port of 127.0.0.1 (0: the system's choice); absent: no API. */
  readonly apiPort?: number;
  /** The members who opted in to Home Assistant: their figures are published at the end of each round. */
  readonly homeAssistant?: readonly HomeAssistantOptIn[];
  readonly log?: (line: string) => void;
}

export interface TickReport {
  readonly interval: number;
  readonly polled: number;
  readonly production: SentCall[];
  readonly commitments: SentCall[];
  /** With `homeAssistant`: the devices whose figures were published this round. */
  readonly homeAssistant?: string[];
}

/** The last interval of the last whole batch of `size` intervals ended before `ended` + 1. */
const batchEnd = (ended: number, size: number): number => Math.floor((ended + 1) / size) * size - 1;

/** abnormalUsage's baseline: the same local hour on this many days before (its default). */
const BASELINE_DAYS = 7;

const sumWh = (readings: readonly Reading[]): number => readings.reduce((total, { energyWh }) => total + energyWh, 0);

/** An interval's local start, `18:45` (src/analytics/common.ts' local time). */
const clockTime = (interval: number): string => {
  const minute = localMinuteOfDay(interval);

  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
};

/**
 * A member's alerts today: intervals far above the same hour's baseline (abnormalUsage over
 * `series`, today's and the BASELINE_DAYS before), and today's intervals outside the quality
 * limits (qualitySummary, 127 V nominal). No threshold alerts: thresholdAlerts needs the
 * member's own limits, which the opt-in list does not carry.
 */
const homeAlerts = (series: readonly Reading[], today: readonly StoredReading[], todayStart: number): HomeAlert[] => [
  ...abnormalUsage(series, { baselineDays: BASELINE_DAYS })
    .filter(({ interval }) => interval >= todayStart)
    .map(({ interval, energyWh, baselineWh }) => ({
      kind: 'abnormalUsage',
      message: `${clockTime(interval)}: ${energyWh} Wh, the usual at this hour ${Math.round(baselineWh)} Wh`,
    })),
  ...qualitySummary(today)
    .filter(({ intervalsOutside }) => intervalsOutside > 0)
    .map(({ intervalsOutside, voltageV, frequencyHz, powerFactor }) => ({
      kind: 'quality',
      message: `${intervalsOutside} interval(s) today outside the quality limits (voltage ${voltageV?.outside ?? 0}, frequency ${frequencyHz?.outside ?? 0}, power factor ${powerFactor?.outside ?? 0})`,
    })),
];

export class GatewayService {
  public readonly gateway: Gateway;
  public readonly devices: ChainDevices;
  public mqttURL = '';
  /** The members' API's URL once started with `apiPort` ('' without). */
  public apiURL = '';
  private broker?: EmbeddedBroker;
  private intake?: MqttIntake;
  private api?: Api;
  /** The chain's devices as last read (tick's refresh, or the API's when no round read them). */
  private lastRefresh?: KnownDevice[];
  /** Owners' device IDs (MTEMsmEnergy.devicesOf), read at most once a round. */
  private readonly owned = new Map<string, string[]>();
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
    this.intake = await subscribeMeters(this.mqttURL, this.gateway, this.log, this.options.journal);
    await this.startMembersApi();
  }

  /** One round at the chain's time: poll the SunSpec meters for the interval just ended, then send what whole batches hold. */
  public async tick(): Promise<TickReport> {
    // Intervals ended on chain: what the contracts accept.
    await this.refreshClock();
    this.newRound();
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
    // All meters at once: their transactions share blocks.
    await Promise.all(
      [...this.options.meters].map(async ([deviceID, meter]) => {
        try {
          production.push(...(await sendProduction(this.options.group, this.options.store, deviceID, meter, upTo)));
        } catch (error) {
          this.log(`gateway: production of ${deviceID} not sent, retried next round: ${(error as Error).message}`);
        }
      }),
    );
    const commitments: SentCall[] = [];
    if (this.options.operator !== undefined) {
      try {
        const homes = await this.consumptionMeters(true);
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
    const homeAssistant = await this.publishHomeAssistant(ended);

    return { interval: ended, polled, production, commitments, ...(homeAssistant === undefined ? {} : { homeAssistant }) };
  }

  /** Ticks every `seconds` of wall time until `stop()`. */
  public async run(seconds = INTERVAL_SECONDS / 15): Promise<void> {
    while (!this.stopped) {
      await this.tick();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    }
  }

  /** Resolves once every MQTT message received so far is handled. */
  public async settled(): Promise<void> {
    await this.intake?.settled();
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    await this.api?.close();
    await this.intake?.close();
    await this.gateway.close();
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

  /** With `apiPort`: the members' API on the chain's devices, committing the same meters as tick(). */
  private async startMembersApi(): Promise<void> {
    if (this.options.apiPort === undefined) {
      return;
    }
    this.api = await startApi({
      store: this.options.store,
      devices: this.devices.lookup,
      devicesOf: async (owner) => this.devicesOf(owner),
      consumptionMeters: async () => this.consumptionMeters(),
      port: this.options.apiPort,
      // The wall clock between rounds, the chain's when it is ahead (a simulation).
      now: () => Math.max(Math.floor(Date.now() / 1_000), this.clock),
      log: this.log,
    });
    this.apiURL = this.api.url;
  }

  /** A new round: owners' devices are read again, and so are the chain's devices when tick() does not refresh them (no operator). */
  private newRound(): void {
    this.owned.clear();
    if (this.options.operator === undefined) {
      this.lastRefresh = undefined;
    }
  }

  /** The chain's devices: read again when `refresh` or not read yet, else those of the last read. */
  private async knownDevices(refresh = false): Promise<KnownDevice[]> {
    if (refresh || this.lastRefresh === undefined) {
      this.lastRefresh = await this.devices.refresh();
    }

    return this.lastRefresh;
  }

  /**
   * The consumption meters the committer commits (tick() refreshes them first), and the API
   * proves against: one list, so a proof is against the root on chain.
   */
  private async consumptionMeters(refresh = false): Promise<string[]> {
    return consumptionDevices(await this.knownDevices(refresh));
  }

  /** An owner's device IDs, pages of 100 of MTEMsmEnergy.devicesOf, once a round. */
  private async devicesOf(owner: string): Promise<string[]> {
    const cached = this.owned.get(owner);
    if (cached !== undefined) {
      return cached;
    }
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page: string[] = await this.options.group.energy!.devicesOf(owner, new BigNumber(offset), new BigNumber(100));
      ids.push(...page);
      if (page.length < 100) {
        break;
      }
    }
    this.owned.set(owner, ids);

    return ids;
  }

  /** With `homeAssistant`: the opted-in members' figures as of `ended`; a failure is logged, never thrown. */
  private async publishHomeAssistant(ended: number): Promise<string[] | undefined> {
    const members = this.options.homeAssistant;
    if (members === undefined) {
      return undefined;
    }
    try {
      return await publishToOptedIn({ members, brokerURL: this.mqttURL, figuresOf: async (deviceID) => this.homeFigures(deviceID, ended), log: this.log });
    } catch (error) {
      this.log(`gateway: Home Assistant not published, tried again next round: ${(error as Error).message}`);

      return [];
    }
  }

  /**
   * A member's figures as of the interval `ended`, from the store, today being the local day
   * (src/analytics/common.ts) `ended` is in. The production share is what the member's own
   * rooftops (production devices they own, no plant) produced today, as stored: they are
   * found among the devices of the round's refresh, so no chain read of their own when tick()
   * committed. The member's quota's share of the group plants' production is not counted: it
   * is the ledger's, a chain read per member.
   */
  private async homeFigures(deviceID: string, ended: number): Promise<HomeFigures> {
    const device = await this.devices.lookup(deviceID);
    if (device === undefined || device.kind !== 'consumption') {
      throw new Error(`${deviceID} is not a consumption device on chain`);
    }
    const todayStart = firstIntervalOfDate(localDate(ended));
    const stored = await this.options.store.readings(deviceID, todayStart - BASELINE_DAYS * INTERVALS_PER_DAY, ended);
    const today = stored.filter(({ interval }) => interval >= todayStart);
    const rooftops = (await this.knownDevices()).filter(({ owner, kind, plantID }) => owner === device.owner && kind === 'production' && plantID === '');
    let productionShareTodayWh = 0;
    for (const rooftop of rooftops) {
      productionShareTodayWh += sumWh(await this.options.store.readings(rooftop.deviceID, todayStart, ended));
    }
    const last = stored[stored.length - 1];

    return {
      ...(last?.interval === ended ? { lastIntervalWh: last.energyWh } : {}),
      todayWh: sumWh(today),
      productionShareTodayWh,
      alerts: homeAlerts(
        stored.map(({ interval, energyWh }) => ({ interval, energyWh })),
        today,
        todayStart,
      ),
    };
  }
}
