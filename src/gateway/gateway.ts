/**
 * The gateway's intake: every message from a meter protocol goes through `receive`, which
 * parses it, checks it (src/gateway/reading.ts) and stores it once (src/gateway/store.ts).
 * A bad message is logged with its reason, counted in the store, and the gateway goes on:
 * nothing a meter sends can make `receive` throw.
 */
import { KnownDevice, parseReading, Refusal, readingRefusal, REFUSALS, SignedReading } from './reading';
import { Store } from './store';
import type { MeterValues } from './sunspec';

/** Where the gateway learns devices: the chain (src/gateway/devices.ts) or a fixed list (tests). */
export type DeviceLookup = (deviceID: string) => Promise<KnownDevice | undefined>;

export type Outcome = 'stored' | 'duplicate' | Refusal;

export interface GatewayOptions {
  readonly store: Store;
  readonly devices: DeviceLookup;
  /** Unix seconds (the chain's clock in a simulation). */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export class Gateway {
  public readonly counts: Record<Outcome, number> = {
    stored: 0,
    duplicate: 0,
    ...(Object.fromEntries(Object.keys(REFUSALS).map((reason) => [reason, 0])) as Record<Refusal, number>),
  };
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  public constructor(private readonly options: GatewayOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1_000));
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /**
   * One message. `topicDeviceID`: the device the MQTT topic names (a message for another
   * device on it is malformed); `signed` false for a reading the gateway took itself (Modbus).
   */
  public async receive(raw: string | Buffer, source: 'mqtt' | 'modbus', topicDeviceID?: string, signed = true): Promise<Outcome> {
    try {
      const parsed = parseReading(raw);
      if ('malformed' in parsed) {
        return await this.refuse('malformed', parsed.malformed, topicDeviceID);
      }
      if (topicDeviceID !== undefined && topicDeviceID !== parsed.deviceID) {
        return await this.refuse('malformed', `the topic names ${topicDeviceID}, the reading ${parsed.deviceID}`, topicDeviceID, parsed.interval);
      }

      return await this.accept(parsed, source, signed);
    } catch (error) {
      // The store or the chain failed, not the meter: said, counted as nothing, and the meter resends.
      this.log(`gateway: a reading could not be handled: ${(error as Error).message}`);
      throw error;
    }
  }

  /**
   * A SunSpec meter's registers read at the end of `interval` (src/gateway/sunspec.ts): the
   * interval's energy is the register's growth since the device's previous reading (or
   * since its register on chain), exported for a production meter, imported for a
   * consumption meter; quality as the meter shows it.
   */
  public async receiveSunSpec(deviceID: string, interval: number, values: MeterValues): Promise<Outcome> {
    const device = await this.options.devices(deviceID);
    if (device === undefined) {
      return this.refuse('unknownDevice', 'a Modbus meter the chain does not know', deviceID, interval);
    }
    const registerWh = device.kind === 'production' ? values.exportedWh : values.importedWh;
    const since = (await this.options.store.previous(deviceID, interval))?.registerWh ?? device.registerWh;
    if (registerWh < since) {
      return this.refuse('registerBackwards', `register ${registerWh} below ${since}`, deviceID, interval);
    }
    const quality = { voltageV: values.voltageV, frequencyHz: values.frequencyHz, powerFactor: values.powerFactor };

    return this.receive(JSON.stringify({ deviceID, interval, energyWh: registerWh - since, registerWh, quality, publicKey: '', signature: '' }), 'modbus', deviceID, false);
  }

  private async accept(reading: SignedReading, source: 'mqtt' | 'modbus', signed: boolean): Promise<Outcome> {
    const device = await this.options.devices(reading.deviceID);
    const previous = await this.options.store.previous(reading.deviceID, reading.interval);
    const refusal = readingRefusal(reading, device, previous, this.now(), signed);
    if (refusal !== undefined) {
      return this.refuse(refusal, `${reading.energyWh} Wh, register ${reading.registerWh}`, reading.deviceID, reading.interval);
    }
    const stored = await this.options.store.insert(reading, source, device!.kind === 'consumption');
    if (stored === 'conflict') {
      return this.refuse('conflict', `${reading.energyWh} Wh, register ${reading.registerWh}`, reading.deviceID, reading.interval);
    }
    this.counts[stored] += 1;

    return stored;
  }

  private async refuse(reason: Refusal, detail: string, deviceID?: string, interval?: number): Promise<Refusal> {
    this.counts[reason] += 1;
    this.log(`gateway: refused ${deviceID ?? 'a message'}${interval === undefined ? '' : ` interval ${interval}`}: ${REFUSALS[reason]} (${detail})`);
    await this.options.store.reject(reason, detail, deviceID, interval);

    return reason;
  }
}
