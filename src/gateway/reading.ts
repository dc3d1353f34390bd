/**
 * A meter's reading as it reaches the gateway (../shared/spec/microgrid.md, "Consumption"
 * and "The meter gateway"), and the checks every reading passes before it is stored.
 *
 * - On MQTT a meter publishes JSON on `mtemsm/<deviceID>/reading`:
 *   `{deviceID, interval, energyWh, registerWh, quality?, publicKey, signature}` — its NEO
 *   key's compressed public key (hex) and an ECDSA P-256 signature (64 bytes r‖s, hex) of
 *   `readingMessage` (SHA-256 inside, as NEO signs). The gateway checks that the key is the
 *   device's meter on chain (its address) and that the signature holds.
 * - A Modbus TCP meter (SunSpec model 203) signs nothing: the gateway reads it over its own
 *   connection, and the reading carries no key (`publicKey` and `signature` empty).
 * - Energy quality (SunSpec 203: voltage, frequency, power factor) travels with the
 *   reading where the meter gives it, and is signed with it.
 * Refusals are named (REFUSALS) and counted by the gateway; none throws past it.
 */
import { common, PrivateKey, privateKeyToPublicKey, publicKeyToAddress } from '@neo-one/client-common';
import { hasEnded, maxIntervalEnergyWh } from '../domain/energy';
import { nativeSign, nativeVerify } from '../chain/crypto';

export interface Quality {
  readonly voltageV?: number;
  readonly frequencyHz?: number;
  readonly powerFactor?: number;
}

export interface MeterReading {
  readonly deviceID: string;
  readonly interval: number;
  readonly energyWh: number;
  /** The meter's cumulative register after the interval, Wh. */
  readonly registerWh: number;
  readonly quality?: Quality;
}

export interface SignedReading extends MeterReading {
  /** The meter key's compressed public key, hex ('' for a Modbus reading). */
  readonly publicKey: string;
  /** 64 bytes r‖s, hex ('' for a Modbus reading). */
  readonly signature: string;
}

/** A device's ID as the chain gives it (MTEMsmEnergy.registerDevice: `D1`, `D2`, …): the one pattern every intake checks. */
export const DEVICE_ID = /^D\d+$/;

/** What the gateway knows of a device from the chain. */
export interface KnownDevice {
  readonly deviceID: string;
  readonly kind: 'production' | 'consumption';
  /** The meter key's address. */
  readonly meter: string;
  readonly capacityW: number;
  readonly retired: boolean;
  /** '' for a member's own device. */
  readonly plantID: string;
  readonly owner: string;
  /** The register on chain (at registration or the last recorded reading): a Modbus meter's first energy counts from it. */
  readonly registerWh: number;
}

/** The reasons a reading is refused, as logged and counted. */
export const REFUSALS = {
  malformed: 'malformed message',
  unknownDevice: 'unknown device',
  retired: 'retired device',
  badSignature: "bad signature (not the device's meter key)",
  futureInterval: 'interval not ended',
  overCapacity: "energy over the device's capacity",
  registerBackwards: 'register going backwards',
  conflict: 'a different reading of a stored interval',
} as const;
export type Refusal = keyof typeof REFUSALS;

/** The signed bytes: every field, in a fixed order. */
export const readingMessage = ({ deviceID, interval, energyWh, registerWh, quality }: MeterReading): Buffer =>
  Buffer.from(
    ['mtemsm-reading', deviceID, interval, energyWh, registerWh, quality?.voltageV ?? '', quality?.frequencyHz ?? '', quality?.powerFactor ?? ''].join('|'),
    'utf8',
  );

/** A meter signs its reading with its NEO key (the simulated meters, tests). */
export const signReading = (reading: MeterReading, privateKey: string): SignedReading => {
  const key = common.stringToPrivateKey(privateKey) as PrivateKey;

  return {
    ...reading,
    publicKey: common.ecPointToString(privateKeyToPublicKey(key as any) as any),
    signature: nativeSign({ message: readingMessage(reading), privateKey: key }).toString('hex'),
  };
};

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isNumber = (value: unknown): boolean => value === undefined || (typeof value === 'number' && Number.isFinite(value));

/** A message's JSON as a reading, or the reason it is malformed (one line). */
export const parseReading = (raw: string | Buffer): SignedReading | { readonly malformed: string } => {
  let value: any;
  try {
    value = JSON.parse(raw.toString());
  } catch {
    return { malformed: 'not JSON' };
  }
  if (value === null || typeof value !== 'object') {
    return { malformed: 'not an object' };
  }
  const { deviceID, interval, energyWh, registerWh, quality, publicKey, signature } = value;
  if (typeof deviceID !== 'string' || !DEVICE_ID.test(deviceID)) {
    return { malformed: 'deviceID is not D<n>' };
  }
  for (const [name, field] of [['interval', interval], ['energyWh', energyWh], ['registerWh', registerWh]] as const) {
    if (!isWhole(field)) {
      return { malformed: `${name} is not a whole number >= 0` };
    }
  }
  if (quality !== undefined && (typeof quality !== 'object' || !isNumber(quality.voltageV) || !isNumber(quality.frequencyHz) || !isNumber(quality.powerFactor))) {
    return { malformed: 'quality is not {voltageV, frequencyHz, powerFactor} numbers' };
  }
  if (typeof publicKey !== 'string' || !/^(0[23][0-9a-f]{64})?$/i.test(publicKey)) {
    return { malformed: 'publicKey is not a compressed key in hex' };
  }
  if (typeof signature !== 'string' || !/^([0-9a-f]{128})?$/i.test(signature)) {
    return { malformed: 'signature is not 64 bytes of hex' };
  }
  const cleanQuality =
    quality === undefined ? undefined : { voltageV: quality.voltageV, frequencyHz: quality.frequencyHz, powerFactor: quality.powerFactor };

  return { deviceID, interval, energyWh, registerWh, ...(cleanQuality === undefined ? {} : { quality: cleanQuality }), publicKey, signature };
};

// Meters' public keys and their addresses (hashing a key into an address costs about as much
// as checking a signature): only keys that were a device's meter, so a sender cannot grow it.
const meterKeys = new Map<string, string>();

/** Is the reading's key the device's meter key (its address the meter's)? */
export const meterKeyMatches = (reading: SignedReading, meter: string): boolean => {
  if (reading.publicKey === '' || reading.signature === '') {
    return false;
  }
  try {
    if ((meterKeys.get(reading.publicKey) ?? publicKeyToAddress(reading.publicKey)) !== meter) {
      return false;
    }
  } catch {
    return false;
  }
  meterKeys.set(reading.publicKey, meter);

  return true;
};

/** Does the reading carry a valid signature of the device's meter key? */
export const signedByMeter = (reading: SignedReading, meter: string): boolean => {
  if (!meterKeyMatches(reading, meter)) {
    return false;
  }
  try {
    return nativeVerify({
      message: readingMessage(reading),
      signature: Buffer.from(reading.signature, 'hex'),
      publicKey: common.stringToECPoint(reading.publicKey),
    });
  } catch {
    return false;
  }
};

/**
 * The first refusal that applies to a reading, or undefined. `previous` is the latest
 * stored reading of the device before this interval (its register must not be passed
 * backwards: `registerWh − energyWh ≥ previous.registerWh`, equal when consecutive);
 * `signed` false for a reading the gateway read itself (Modbus). `validSignature`: whether
 * `signedByMeter` holds, when the caller checked it already (the gateway checks a batch's
 * signatures in parallel, src/gateway/verifier.ts).
 */
export const readingRefusal = (
  reading: SignedReading,
  device: KnownDevice | undefined,
  previous: { readonly interval: number; readonly registerWh: number } | undefined,
  nowSeconds: number,
  signed = true,
  validSignature?: boolean,
): Refusal | undefined => {
  if (device === undefined) {
    return 'unknownDevice';
  }
  if (device.retired) {
    return 'retired';
  }
  if (signed && !(validSignature ?? signedByMeter(reading, device.meter))) {
    return 'badSignature';
  }
  if (!hasEnded(reading.interval, nowSeconds)) {
    return 'futureInterval';
  }
  if (BigInt(reading.energyWh) > maxIntervalEnergyWh(BigInt(device.capacityW))) {
    return 'overCapacity';
  }
  if (previous !== undefined && reading.registerWh - reading.energyWh < previous.registerWh) {
    return 'registerBackwards';
  }

  return undefined;
};
