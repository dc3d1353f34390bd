/**
 * Simulated meters (issue 16, `mtemsm meters simulate`; ../shared/spec/microgrid.md, "The
 * meter gateway"): one consumption meter per member, one production meter per group plant,
 * a few members' rooftop PV. Each meter holds its key and its register; its energy in an
 * interval comes from src/meters/profiles.ts (PV from the sun's position × seeded clouds,
 * loads by category scaled to the member's month). Meters speak MQTT (signed JSON
 * readings, src/gateway/reading.ts) or SunSpec on Modbus TCP (src/gateway/sunspec.ts: the
 * gateway reads the registers at each interval's end).
 *
 * Seeded faults, each something a real gateway meets (planFaults):
 * - `dropped`: a meter's reading of an interval never arrives (its register still counts the energy);
 * - `forged`: a copy of a reading with more energy, signed by another key (refused: bad signature);
 * - `spike`: a glitch reading above the meter's physical limit (refused: over capacity);
 * - `future`: a reading stamped an interval not yet ended (a meter's clock ahead: refused);
 * - `replaced`: the meter is replaced by a new one with a new key, continuing the register
 *   (on chain by replaceMeter; the gateway learns the new key).
 * Deterministic: the same seed gives the same readings and faults, however often asked.
 */
import { createPrivateKey, privateKeyToAddress, wifToPrivateKey } from '@neo-one/client';
import { INTERVAL_SECONDS, maxIntervalEnergyWh } from '../domain/energy';
import { readingTopic } from '../gateway/mqtt';
import { signReading, SignedReading } from '../gateway/reading';
import { MeterValues, serveSunSpecMeter, SunSpecServer } from '../gateway/sunspec';
import { Category, CloudCover, cloudCover, hash32, loadIntervalWh, pvIntervalWh, RIO_DE_JANEIRO, seeded, Site } from './profiles';

export type Protocol = 'mqtt' | 'modbus';
export type FaultKind = 'dropped' | 'forged' | 'spike' | 'future' | 'replaced';
export const FAULT_KINDS: readonly FaultKind[] = ['dropped', 'forged', 'spike', 'future', 'replaced'];

export interface MeterSpec {
  readonly deviceID: string;
  readonly kind: 'production' | 'consumption';
  readonly capacityW: number;
  readonly protocol: Protocol;
  /** A consumption meter's month (kWh) and category; a production meter's PV, by its capacity. */
  readonly monthlyKWh?: number;
  readonly category?: Category;
  /** The member's index in the profiles' noise streams (distinct meters, distinct noise). */
  readonly unitIndex: number;
  /** The meter's key (hex), and where its register starts (Wh). */
  readonly privateKey: string;
  readonly registerWh?: number;
}

export interface Fault {
  readonly kind: FaultKind;
  readonly deviceID: string;
  readonly interval: number;
}

/** A meter's energy in an interval, Wh: PV for production, the load profile for consumption. */
export const meterEnergyWh = (meter: MeterSpec, interval: number, clouds: CloudCover, seed: number, site: Site = RIO_DE_JANEIRO): number =>
  meter.kind === 'production'
    ? pvIntervalWh(meter.capacityW, interval, site, clouds)
    : Math.min(Number(maxIntervalEnergyWh(BigInt(meter.capacityW))), loadIntervalWh(meter.monthlyKWh ?? 0, meter.category ?? 'residential', interval, seed, meter.unitIndex));

/**
 * `perKind` faults of each kind over intervals [first, first + count), each on a meter and
 * an interval drawn from `seed`, all on MQTT meters (a Modbus meter is read by the gateway
 * itself); `replaced` only on households' meters (the utility swaps them; the gateway holds
 * no key of theirs), at most once per meter.
 */
export const planFaults = (seed: number, meters: readonly MeterSpec[], first: number, count: number, perKind = 1): Fault[] => {
  const rng = seeded(hash32(seed, 0xfa17));
  const faults: Fault[] = [];
  for (const kind of FAULT_KINDS) {
    for (let index = 0; index < perKind; index++) {
      const candidates = meters.filter(
        (meter) =>
          meter.protocol === 'mqtt' &&
          (kind !== 'replaced' || (meter.kind === 'consumption' && !faults.some((fault) => fault.kind === 'replaced' && fault.deviceID === meter.deviceID))),
      );
      if (candidates.length === 0) {
        break;
      }
      const meter = candidates[Math.floor(rng() * candidates.length)];
      // Away from the edges: a replacement or a gap in the first or last interval proves less.
      faults.push({ kind, deviceID: meter.deviceID, interval: first + 1 + Math.floor(rng() * Math.max(1, count - 2)) });
    }
  }

  return faults.sort((left, right) => left.interval - right.interval || left.deviceID.localeCompare(right.deviceID));
};

export interface IntervalOutput {
  /** MQTT messages, in publishing order (faulty ones included). */
  readonly messages: SignedReading[];
  /** Modbus meters' register values at the interval's end. */
  readonly modbus: Map<string, MeterValues>;
  /** Meters replaced at the start of this interval: the new key (the chain must learn it first). */
  readonly replaced: Array<{ readonly deviceID: string; readonly privateKey: string; readonly address: string; readonly registerWh: number }>;
  /** The interval's true energy by meter, Wh (what the meters measured, sent or not). */
  readonly energyWh: Map<string, number>;
}

export class MeterSimulator {
  public readonly faults: readonly Fault[];
  private readonly registers = new Map<string, number>();
  private readonly keys = new Map<string, string>();
  private readonly clouds: CloudCover;
  private readonly attacker = createPrivateKey();

  public constructor(
    public readonly meters: readonly MeterSpec[],
    private readonly seed: number,
    faults: readonly Fault[] = [],
    private readonly site: Site = RIO_DE_JANEIRO,
  ) {
    this.faults = faults;
    this.clouds = cloudCover(seed);
    for (const meter of meters) {
      this.registers.set(meter.deviceID, meter.registerWh ?? 0);
      this.keys.set(meter.deviceID, meter.privateKey);
    }
  }

  public registerOf(deviceID: string): number {
    return this.registers.get(deviceID) ?? 0;
  }

  public keyOf(deviceID: string): string {
    return this.keys.get(deviceID)!;
  }

  /**
   * The meters at the end of `interval`: registers advanced by each meter's energy, MQTT
   * readings signed (with the faults planned for the interval), Modbus registers exposed.
   * Intervals are taken in order, each once.
   */
  public next(interval: number): IntervalOutput {
    const faultsNow = this.faults.filter((fault) => fault.interval === interval);
    const has = (kind: FaultKind, deviceID: string) => faultsNow.some((fault) => fault.kind === kind && fault.deviceID === deviceID);
    const output: IntervalOutput = { messages: [], modbus: new Map(), replaced: [], energyWh: new Map() };
    for (const meter of this.meters) {
      if (has('replaced', meter.deviceID)) {
        const privateKey = createPrivateKey();
        this.keys.set(meter.deviceID, privateKey);
        output.replaced.push({ deviceID: meter.deviceID, privateKey, address: privateKeyToAddress(privateKey), registerWh: this.registerOf(meter.deviceID) });
      }
      const energyWh = meterEnergyWh(meter, interval, this.clouds, this.seed, this.site);
      const registerWh = this.registerOf(meter.deviceID) + energyWh;
      this.registers.set(meter.deviceID, registerWh);
      output.energyWh.set(meter.deviceID, energyWh);
      if (meter.protocol === 'modbus') {
        output.modbus.set(meter.deviceID, this.sunspecValues(meter, interval, registerWh));
        continue;
      }
      const key = this.keyOf(meter.deviceID);
      if (has('future', meter.deviceID)) {
        output.messages.push(signReading({ deviceID: meter.deviceID, interval: interval + 200, energyWh, registerWh: registerWh + energyWh }, key));
      }
      if (has('spike', meter.deviceID)) {
        const spike = Number(maxIntervalEnergyWh(BigInt(meter.capacityW))) * 3;
        output.messages.push(signReading({ deviceID: meter.deviceID, interval, energyWh: spike, registerWh: registerWh - energyWh + spike }, key));
      }
      if (has('forged', meter.deviceID)) {
        output.messages.push(signReading({ deviceID: meter.deviceID, interval, energyWh: energyWh + 500, registerWh: registerWh + 500 }, this.attacker));
      }
      if (!has('dropped', meter.deviceID)) {
        output.messages.push(signReading({ deviceID: meter.deviceID, interval, energyWh, registerWh }, key));
      }
    }

    return output;
  }

  /** What a SunSpec model 203 meter shows: its registers, and grid quality drawn per interval. */
  private sunspecValues(meter: MeterSpec, interval: number, registerWh: number): MeterValues {
    const rng = seeded(hash32(this.seed, 0x5e5, meter.unitIndex, interval));
    const quality = { voltageV: Math.round((127 + (rng() - 0.5) * 6) * 10) / 10, frequencyHz: Math.round((60 + (rng() - 0.5) * 0.1) * 100) / 100, powerFactor: Math.round((0.95 + rng() * 0.04) * 100) / 100 };

    return meter.kind === 'production' ? { exportedWh: registerWh, importedWh: 0, ...quality } : { exportedWh: 0, importedWh: registerWh, ...quality };
  }
}

// ---------------------------------------------------------------- Running the meters

export interface MeterFileEntry extends MeterSpec {
  /** A Modbus meter's TCP port (0 or absent: one the system picks). */
  readonly port?: number;
}

/**
 * A meters file (`mtemsm meters simulate --meters FILE`): a JSON list of {deviceID, kind,
 * capacityW, protocol, privateKey, monthlyKWh?, category?, registerWh?, port?}, the keys
 * being the meters' own (hex or WIF), as a real meter holds its key. One-line errors.
 */
export const parseMeterFile = (text: string): MeterFileEntry[] => {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (error) {
    throw new Error(`The meters file is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error('The meters file is a non-empty JSON list of meters.');
  }

  return list.map((entry: any, index) => {
    const where = `meter ${index + 1}`;
    if (typeof entry?.deviceID !== 'string' || !/^D\d+$/.test(entry.deviceID)) {
      throw new Error(`${where}: deviceID is D<n>.`);
    }
    if (entry.kind !== 'production' && entry.kind !== 'consumption') {
      throw new Error(`${entry.deviceID}: kind is production or consumption.`);
    }
    if (!Number.isSafeInteger(entry.capacityW) || entry.capacityW <= 0) {
      throw new Error(`${entry.deviceID}: capacityW is a whole number of W above 0.`);
    }
    if (entry.protocol !== 'mqtt' && entry.protocol !== 'modbus') {
      throw new Error(`${entry.deviceID}: protocol is mqtt or modbus.`);
    }
    if (typeof entry.privateKey !== 'string' || entry.privateKey === '') {
      throw new Error(`${entry.deviceID}: privateKey is the meter's key (hex or WIF).`);
    }
    if (entry.kind === 'consumption' && !(typeof entry.monthlyKWh === 'number' && entry.monthlyKWh >= 0)) {
      throw new Error(`${entry.deviceID}: a consumption meter needs monthlyKWh (kWh a month).`);
    }
    if (entry.category !== undefined && !['residential', 'commercial', 'industrial'].includes(entry.category)) {
      throw new Error(`${entry.deviceID}: category is residential, commercial or industrial.`);
    }

    const privateKey = /^[0-9a-f]{64}$/i.test(entry.privateKey) ? entry.privateKey.toLowerCase() : wifKey(entry.deviceID, entry.privateKey);

    return { unitIndex: index, ...entry, privateKey } as MeterFileEntry;
  });
};

const wifKey = (deviceID: string, wif: string): string => {
  try {
    return wifToPrivateKey(wif);
  } catch {
    throw new Error(`${deviceID}: privateKey is neither 64 hex digits nor a WIF.`);
  }
};

export interface RunOptions {
  readonly meters: readonly MeterFileEntry[];
  readonly mqttURL: string;
  /** Simulated seconds a wall second (1: real time; 900: an interval a second). */
  readonly speed: number;
  /** Unix seconds where the simulated clock starts. */
  readonly start: number;
  /** Intervals to run (undefined: until `stop`). */
  readonly intervals?: number;
  readonly seed: number;
  /** Faults of each kind over the run (needs `intervals`). */
  readonly faultsPerKind?: number;
  /** Called before an interval's readings go out, with its end (e.g. to move a local chain's clock there). */
  readonly beforePublish?: (endSeconds: number) => Promise<void>;
  readonly onInterval?: (interval: number, output: IntervalOutput) => void;
  readonly onModbus?: (deviceID: string, port: number) => void;
  readonly stop?: () => boolean;
}

/**
 * The meters on the wire: Modbus meters served on their ports, MQTT meters publishing
 * (QoS 1) at each simulated interval's end, on a clock that runs `speed` times the wall
 * clock from `start`. Returns what was sent.
 */
export const runMeters = async (options: RunOptions): Promise<{ intervals: number; messages: number; faults: readonly Fault[] }> => {
  const first = Math.floor(options.start / INTERVAL_SECONDS);
  const faults = options.intervals === undefined || options.faultsPerKind === undefined ? [] : planFaults(options.seed, options.meters, first, options.intervals, options.faultsPerKind);
  const simulator = new MeterSimulator(options.meters, options.seed, faults);
  const shown = new Map<string, MeterValues>();
  const servers: SunSpecServer[] = [];
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mqtt = require('mqtt');
  const client = await mqtt.connectAsync(options.mqttURL, { clientId: `mtemsm-meters-${process.pid}` });
  let messages = 0;
  let done = 0;
  try {
    for (const meter of options.meters.filter((candidate) => candidate.protocol === 'modbus')) {
      const server = await serveSunSpecMeter(
        () => shown.get(meter.deviceID) ?? { exportedWh: meter.registerWh ?? 0, importedWh: meter.registerWh ?? 0, voltageV: 127, frequencyHz: 60, powerFactor: 1 },
        `MTEMSM-${meter.deviceID}`,
        meter.port === undefined || meter.port === 0 ? undefined : meter.port,
      );
      servers.push(server);
      options.onModbus?.(meter.deviceID, server.port);
    }
    const wall0 = Date.now();
    const simulatedNow = () => options.start + ((Date.now() - wall0) / 1_000) * options.speed;
    for (let interval = first; options.intervals === undefined || done < options.intervals; interval++) {
      const end = (interval + 1) * INTERVAL_SECONDS;
      while (simulatedNow() < end && !(options.stop?.() ?? false)) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, ((end - simulatedNow()) / options.speed) * 1_000)));
      }
      if (options.stop?.() ?? false) {
        break;
      }
      await options.beforePublish?.(end);
      const output = simulator.next(interval);
      for (const [deviceID, values] of output.modbus) {
        shown.set(deviceID, values);
      }
      await Promise.all(output.messages.map(async (message) => client.publishAsync(readingTopic(message.deviceID), JSON.stringify(message), { qos: 1 })));
      messages += output.messages.length;
      done += 1;
      options.onInterval?.(interval, output);
    }
  } finally {
    await client.endAsync();
    await Promise.all(servers.map(async (server) => server.close()));
  }

  return { intervals: done, messages, faults };
};
