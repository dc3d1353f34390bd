/**
 * The gateway's intake: every message from a meter protocol goes through `receive`, which
 * parses it, checks it (src/gateway/reading.ts) and stores it once (src/gateway/store.ts).
 * A bad message is logged with its reason, counted in the store, and the gateway goes on:
 * nothing a meter sends can make `receive` throw.
 */
import { KnownDevice, meterKeyMatches, parseReading, Refusal, readingMessage, readingRefusal, REFUSALS, SignedReading } from './reading';
import { SignatureVerifier } from './verifier';
import { Store } from './store';
import type { MeterValues } from './sunspec';

/** Where the gateway learns devices: the chain (src/gateway/devices.ts) or a fixed list (tests). */
export type DeviceLookup = (deviceID: string) => Promise<KnownDevice | undefined>;

export type Outcome = 'stored' | 'duplicate' | Refusal;

/** A message as a protocol delivers it (see `receive`). */
export interface Message {
  readonly raw: string | Buffer;
  readonly source: 'mqtt' | 'modbus';
  readonly topicDeviceID?: string;
  readonly signed?: boolean;
}

type Previous = { readonly interval: number; readonly registerWh: number };

export interface GatewayOptions {
  readonly store: Store;
  readonly devices: DeviceLookup;
  /** Unix seconds (the chain's clock in a simulation). */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Threads checking signatures besides this one (default: the cores but one; 0: none). */
  readonly verifierThreads?: number;
}

export class Gateway {
  public readonly counts: Record<Outcome, number> = {
    stored: 0,
    duplicate: 0,
    ...(Object.fromEntries(Object.keys(REFUSALS).map((reason) => [reason, 0])) as Record<Refusal, number>),
  };
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly verifier: SignatureVerifier;

  public constructor(private readonly options: GatewayOptions) {
    this.verifier = new SignatureVerifier(options.verifierThreads);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1_000));
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /**
   * One message. `topicDeviceID`: the device the MQTT topic names (a message for another
   * device on it is malformed); `signed` false for a reading the gateway took itself (Modbus).
   */
  public async receive(raw: string | Buffer, source: 'mqtt' | 'modbus', topicDeviceID?: string, signed = true): Promise<Outcome> {
    const [outcome] = await this.receiveMany([{ raw, source, topicDeviceID, signed }]);

    return outcome;
  }

  /**
   * Messages in arrival order, checked as `receive` would one by one, stored in one
   * statement (an interval of a whole community arrives at once). A reading's register is
   * checked against the device's latest earlier reading, stored or earlier in the batch.
   */
  public async receiveMany(messages: readonly Message[]): Promise<Outcome[]> {
    try {
      const outcomes: Outcome[] = new Array(messages.length);
      const checked: Array<{ readonly index: number; readonly reading: SignedReading; readonly signed: boolean; readonly source: Message['source'] }> = [];
      for (const [index, { raw, source, topicDeviceID, signed = true }] of messages.entries()) {
        const parsed = parseReading(raw);
        if ('malformed' in parsed) {
          outcomes[index] = await this.refuse('malformed', parsed.malformed, topicDeviceID);
        } else if (topicDeviceID !== undefined && topicDeviceID !== parsed.deviceID) {
          outcomes[index] = await this.refuse('malformed', `the topic names ${topicDeviceID}, the reading ${parsed.deviceID}`, topicDeviceID, parsed.interval);
        } else {
          checked.push({ index, reading: parsed, signed, source });
        }
      }
      const latest = await this.latestBefore(checked.map(({ reading }) => reading));
      const devices = await Promise.all(checked.map(async ({ reading }) => this.options.devices(reading.deviceID)));
      const valid = await this.signatures(checked, devices);
      const accepted: typeof checked = [];
      const acceptedOf = new Map<string, SignedReading[]>();
      for (const [position, entry] of checked.entries()) {
        const { reading } = entry;
        const previous = latest(reading, acceptedOf.get(reading.deviceID) ?? []);
        const refusal = readingRefusal(reading, devices[position], previous, this.now(), entry.signed, valid[position]);
        if (refusal === undefined) {
          accepted.push(entry);
          acceptedOf.set(reading.deviceID, [...(acceptedOf.get(reading.deviceID) ?? []), reading]);
        } else {
          outcomes[entry.index] = await this.refuse(refusal, `${reading.energyWh} Wh, register ${reading.registerWh}`, reading.deviceID, reading.interval);
        }
      }
      const stored = await this.options.store.insertMany(
        await Promise.all(
          accepted.map(async ({ reading, source }) => ({ reading, source, consumption: (await this.options.devices(reading.deviceID))!.kind === 'consumption' })),
        ),
      );
      for (const [position, { index, reading }] of accepted.entries()) {
        if (stored[position] === 'conflict') {
          outcomes[index] = await this.refuse('conflict', `${reading.energyWh} Wh, register ${reading.registerWh}`, reading.deviceID, reading.interval);
        } else {
          this.counts[stored[position]] += 1;
          outcomes[index] = stored[position];
        }
      }

      return outcomes;
    } catch (error) {
      // The store or the chain failed, not the meter: said, counted as nothing, and the meter resends.
      this.log(`gateway: readings could not be handled: ${(error as Error).message}`);
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

  /** Each signed reading's signature against its device's meter key, checked in parallel (false: no device or not its key). */
  private async signatures(checked: ReadonlyArray<{ readonly reading: SignedReading; readonly signed: boolean }>, devices: ReadonlyArray<KnownDevice | undefined>): Promise<boolean[]> {
    const valid = new Array<boolean>(checked.length).fill(false);
    const positions: number[] = [];
    for (const [position, { reading, signed }] of checked.entries()) {
      const device = devices[position];
      if (signed && device !== undefined && meterKeyMatches(reading, device.meter)) {
        positions.push(position);
      }
    }
    const results = await this.verifier.verifyMany(
      positions.map((position) => ({ message: readingMessage(checked[position].reading), signature: checked[position].reading.signature, publicKey: checked[position].reading.publicKey })),
    );
    positions.forEach((position, index) => {
      valid[position] = results[index];
    });

    return valid;
  }

  /** Stops the signature workers. */
  public async close(): Promise<void> {
    await this.verifier.close();
  }

  /**
   * For a batch: each reading's previous one, the latest of the device's stored readings
   * before its interval (one query per distinct interval) and of the batch's accepted ones
   * of that device.
   */
  private async latestBefore(readings: readonly SignedReading[]): Promise<(reading: SignedReading, accepted: readonly SignedReading[]) => Previous | undefined> {
    const stored = new Map<number, Map<string, Previous>>();
    for (const interval of new Set(readings.map((reading) => reading.interval))) {
      const devices = [...new Set(readings.filter((reading) => reading.interval === interval).map((reading) => reading.deviceID))];
      stored.set(interval, await this.options.store.latestBefore(devices, interval));
    }

    return (reading, accepted) =>
      [stored.get(reading.interval)!.get(reading.deviceID), ...accepted.filter((item) => item.interval < reading.interval)].reduce<
        Previous | undefined
      >((latest, item) => (item !== undefined && (latest === undefined || item.interval > latest.interval) ? item : latest), undefined);
  }

  private async refuse(reason: Refusal, detail: string, deviceID?: string, interval?: number): Promise<Refusal> {
    this.counts[reason] += 1;
    this.log(`gateway: refused ${deviceID ?? 'a message'}${interval === undefined ? '' : ` interval ${interval}`}: ${REFUSALS[reason]} (${detail})`);
    await this.options.store.reject(reason, detail, deviceID, interval);

    return reason;
  }
}
