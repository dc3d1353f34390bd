/**
 * The gateway's HTTP API (../shared/spec/microgrid.md, "Consumption", "The meter gateway"
 * and "Analytics"): a member reads their own devices' readings, with the salts of their
 * consumption leaves, and the Merkle proof of a reading against the root the committer
 * sends on chain; anyone reads the community's public counts.
 *
 * Signing in needs no password database: a member's wallet key is their identity.
 * - `POST /auth/challenge {address}` → a random challenge (nonce, 5 minutes, single use,
 *   kept in memory).
 * - `POST /auth/token {address, publicKey, signature}`: the challenge text signed as NEO
 *   signs (ECDSA P-256 over SHA-256, 64 bytes r‖s, hex; `signChallenge`) by the key whose
 *   address is `address` → a bearer token (random, 1 hour).
 * - `GET /me/readings?from=&to=`, `GET /me/proof/:deviceID/:interval` (Bearer token).
 * - `GET /community/intervals?from=&to=`, `GET /community/summary` (public).
 * Every refusal is a status and a one-line `{error}` naming what is wrong. Intervals are
 * whole numbers (`floor(unixSeconds / 900)`); a range defaults to the last day ended.
 */
import { common, PrivateKey, privateKeyToPublicKey, publicKeyToAddress } from '@neo-one/client-common';
import { isAddress as isWalletAddress } from '../cli/wallets';
import { randomBytes } from 'crypto';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nativeSign, nativeVerify } from '../chain/crypto';
import { consumptionLeaf, INTERVAL_SECONDS, intervalOf, merkleProof, MIN_METERS_FOR_TOTAL, verifyProof } from '../domain/energy';
import { intervalCommitment } from './committer';
import type { DeviceLookup } from './gateway';
import { DEVICE_ID, KnownDevice } from './reading';
import type { Store, StoredReading } from './store';

export const CHALLENGE_SECONDS = 5 * 60;
export const TOKEN_SECONDS = 60 * 60;
/** The longest range one request reads: 31 days of intervals (a billing cycle). */
export const MAX_RANGE_INTERVALS = 31 * 96;
/** Challenges kept at once: each costs memory and anyone may ask one, so there is a ceiling. */
const MAX_CHALLENGES = 10_000;
/** Challenges kept per address (a member signing in from two devices at once). */
const CHALLENGES_PER_ADDRESS = 4;
const DAY_INTERVALS = (24 * 3600) / INTERVAL_SECONDS;

export interface ApiOptions {
  readonly store: Store;
  /**
   * The devices as the chain registers them: a fixed list, or a lookup by ID
   * (ChainDevices.lookup) — then `devicesOf` and `consumptionMeters` are needed too.
   */
  readonly devices: readonly KnownDevice[] | DeviceLookup;
  /** The IDs of an owner's devices (MTEMsmEnergy.devicesOf); derived from a list. */
  readonly devicesOf?: (owner: string) => Promise<readonly string[]>;
  /**
   * The consumption meters the committer commits (the service's active consumption
   * devices): the same list gives the same root. Derived from a list.
   */
  readonly consumptionMeters?: () => Promise<readonly string[]>;
  /** 0 (the default): the system picks one. */
  readonly port?: number;
  /** '127.0.0.1' by default: exposing the API is a decision of who runs it. */
  readonly host?: string;
  /** Unix seconds (the chain's clock in a simulation). */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export interface Api {
  readonly url: string;
  readonly close: () => Promise<void>;
}

// ---------------------------------------------------------------- signing in

/**
 * The text a member signs. It names the service and the address, so a signature signs in
 * one address only, and can never pass for a meter's reading (`mtemsm-reading|…`).
 */
const challengeText = (address: string, nonce: string, expiresAt: number): string =>
  `mtemsm gateway sign-in\naddress: ${address}\nnonce: ${nonce}\nexpires: ${new Date(expiresAt * 1_000).toISOString()}`;

/** The signed bytes of a challenge: its UTF-8 text (SHA-256 inside the signature, as NEO signs). */
const challengeMessage = (challenge: string): Buffer => Buffer.from(challenge, 'utf8');

/** A member's wallet signs a challenge: the body of `POST /auth/token` but the address. */
export const signChallenge = (challenge: string, privateKeyHex: string): { readonly publicKey: string; readonly signature: string } => {
  const key = common.stringToPrivateKey(privateKeyHex) as PrivateKey;

  return {
    publicKey: privateKeyToPublicKey(privateKeyHex),
    signature: nativeSign({ message: challengeMessage(challenge), privateKey: key }).toString('hex'),
  };
};

const signedBy = (challenge: string, signature: string, publicKey: string): boolean => {
  try {
    return nativeVerify({ message: challengeMessage(challenge), signature: Buffer.from(signature, 'hex'), publicKey: common.stringToECPoint(publicKey) });
  } catch {
    // A point off the curve signs nothing.
    return false;
  }
};

interface Challenge {
  readonly text: string;
  readonly expiresAt: number;
  used: boolean;
}

/** A refusal: its status and one line. */
class Refused extends Error {
  public constructor(public readonly status: number, message: string) {
    super(message);
  }
}

// A NEO 2 address, as the CLI checks one.
const isAddress = (text: unknown): text is string => typeof text === 'string' && isWalletAddress(text);

/**
 * Challenges and tokens, in memory: a restart signs everyone out, which costs a member one
 * signature. A used or expired challenge is kept one more CHALLENGE_SECONDS, so that a
 * second try is told why it fails.
 */
class SignIn {
  private readonly challenges = new Map<string, Challenge[]>();
  private readonly tokens = new Map<string, { readonly address: string; readonly expiresAt: number }>();
  private kept = 0;

  public constructor(private readonly now: () => number) {}

  public challenge(address: string): { challenge: string; nonce: string; expiresAt: number } {
    this.sweep();
    if (this.kept >= MAX_CHALLENGES) {
      throw new Refused(503, 'too many sign-ins under way: try again in a few minutes');
    }
    const nonce = randomBytes(16).toString('hex');
    const expiresAt = this.now() + CHALLENGE_SECONDS;
    const text = challengeText(address, nonce, expiresAt);
    const kept = [...(this.challenges.get(address) ?? []), { text, expiresAt, used: false }];
    // The oldest goes when an address asks more than it can be signing at once.
    this.challenges.set(address, kept.slice(-CHALLENGES_PER_ADDRESS));
    this.kept += kept.length > CHALLENGES_PER_ADDRESS ? 0 : 1;

    return { challenge: text, nonce, expiresAt };
  }

  /**
   * A token for `address` when `signature` by `publicKey` signs one of its challenges, unused
   * and unexpired. A wrong attempt does not use the challenge: forging a P-256 signature by
   * trying is out of reach, and the member may retry with the right key.
   */
  public token(address: string, publicKey: string, signature: string): { token: string; address: string; expiresAt: number } {
    if (publicKeyToAddress(publicKey) !== address) {
      throw new Refused(401, `the public key is not the key of ${address}`);
    }
    const kept = this.challenges.get(address) ?? [];
    if (kept.length === 0) {
      throw new Refused(401, `no challenge was asked for ${address}: POST /auth/challenge first`);
    }
    const signed = kept.find((challenge) => signedBy(challenge.text, signature, publicKey));
    if (signed === undefined) {
      throw new Refused(401, `the signature is not this key's signature of a challenge for ${address}`);
    }
    if (signed.used) {
      throw new Refused(401, 'the challenge was used already (a challenge signs in once): ask a new one');
    }
    if (signed.expiresAt <= this.now()) {
      throw new Refused(401, `the challenge expired (${CHALLENGE_SECONDS / 60} minutes): ask a new one`);
    }
    signed.used = true;
    const token = randomBytes(32).toString('hex');
    const expiresAt = this.now() + TOKEN_SECONDS;
    this.tokens.set(token, { address, expiresAt });

    return { token, address, expiresAt };
  }

  /** The address a request's bearer token signs in. */
  public address(authorization: string | undefined): string {
    const match = /^Bearer ([0-9a-f]{64})$/i.exec(authorization ?? '');
    if (match === null) {
      throw new Refused(401, 'no bearer token: sign in with POST /auth/challenge and POST /auth/token');
    }
    const session = this.tokens.get(match[1].toLowerCase());
    if (session === undefined) {
      throw new Refused(401, 'unknown token (the gateway restarted, or it was never issued): sign in again');
    }
    if (session.expiresAt <= this.now()) {
      this.tokens.delete(match[1].toLowerCase());
      throw new Refused(401, `the token expired (${TOKEN_SECONDS / 3600} hour): sign in again`);
    }

    return session.address;
  }

  private sweep(): void {
    const now = this.now();
    this.kept = 0;
    for (const [address, kept] of this.challenges) {
      const live = kept.filter((challenge) => challenge.expiresAt + CHALLENGE_SECONDS > now);
      if (live.length === 0) {
        this.challenges.delete(address);
      } else {
        this.challenges.set(address, live);
        this.kept += live.length;
      }
    }
    for (const [token, session] of this.tokens) {
      if (session.expiresAt <= now) {
        this.tokens.delete(token);
      }
    }
  }
}

// ---------------------------------------------------------------- parameters

const wholeNumber = (value: unknown, name: string): number => {
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new Refused(400, `${name} is not an interval (a whole number >= 0): ${JSON.stringify(value)}`);
  }

  return Number(value);
};

/** `?from=&to=`: both optional, the last day ended by default, at most MAX_RANGE_INTERVALS. */
const intervalRange = (query: unknown, now: number): { from: number; to: number } => {
  const { from: fromText, to: toText } = (query ?? {}) as Record<string, unknown>;
  const to = toText === undefined ? intervalOf(now) - 1 : wholeNumber(toText, 'to');
  const from = fromText === undefined ? Math.max(0, to - DAY_INTERVALS + 1) : wholeNumber(fromText, 'from');
  if (from > to) {
    throw new Refused(400, `from (${from}) is after to (${to})`);
  }
  if (to - from + 1 > MAX_RANGE_INTERVALS) {
    throw new Refused(400, `to: at most ${MAX_RANGE_INTERVALS} intervals (31 days) from from`);
  }

  return { from, to };
};

const deviceIDParameter = (value: unknown): string => {
  if (typeof value !== 'string' || !DEVICE_ID.test(value)) {
    throw new Refused(400, `deviceID is not D<n>: ${JSON.stringify(value)}`);
  }

  return value;
};

const bodyField = (body: unknown, name: string, valid: (value: unknown) => boolean, what: string): string => {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (!valid(value)) {
    throw new Refused(400, `${name} is not ${what}`);
  }

  return value as string;
};

const hex = (pattern: RegExp) => (value: unknown): boolean => typeof value === 'string' && pattern.test(value);
const isPublicKey = hex(/^0[23][0-9a-f]{64}$/i);
const isSignature = hex(/^[0-9a-f]{128}$/i);

// ---------------------------------------------------------------- devices

interface Directory {
  readonly device: DeviceLookup;
  readonly devicesOf: (owner: string) => Promise<readonly string[]>;
  readonly consumptionMeters: () => Promise<readonly string[]>;
}

/**
 * The consumption meters the committer commits: every consumption device, in the
 * chain's order. The one rule: GatewayService commits these and gives the same list here,
 * so a proof from the API is against the root on chain.
 */
export const consumptionDevices = (devices: readonly KnownDevice[]): string[] =>
  // Retired ones too: a retired meter's readings were taken while it was active (the gateway
  // refuses any after), so they belong to their intervals' roots, then and later.
  devices.filter((device) => device.kind === 'consumption').map((device) => device.deviceID);

const directory = ({ devices, devicesOf, consumptionMeters }: ApiOptions): Directory => {
  if (typeof devices !== 'function') {
    const byID = new Map(devices.map((device) => [device.deviceID, device]));

    return {
      device: async (deviceID) => byID.get(deviceID),
      devicesOf: async (owner) => devices.filter((device) => device.owner === owner).map((device) => device.deviceID),
      consumptionMeters: async () => consumptionDevices(devices),
    };
  }
  if (devicesOf === undefined || consumptionMeters === undefined) {
    throw new Error('With a device lookup the API needs devicesOf and consumptionMeters too.');
  }

  return { device: devices, devicesOf, consumptionMeters };
};

// ---------------------------------------------------------------- answers

const readingJSON = (device: KnownDevice, reading: StoredReading) => ({
  deviceID: reading.deviceID,
  kind: device.kind,
  interval: reading.interval,
  energyWh: reading.energyWh,
  registerWh: reading.registerWh,
  ...(reading.quality === undefined ? {} : { quality: reading.quality }),
  source: reading.source,
  ...(reading.salt === undefined ? {} : { salt: reading.salt.toString('hex') }),
});

/** The member's own devices' readings: only devices the chain says they own. */
const memberReadings = async (store: Store, devices: Directory, owner: string, from: number, to: number) => {
  const readings = [];
  for (const deviceID of await devices.devicesOf(owner)) {
    const device = await devices.device(deviceID);
    // devicesOf and the device record come from the chain; the owner is checked on the record all the same.
    if (device !== undefined && device.owner === owner) {
      readings.push(...(await store.readings(deviceID, from, to)).map((reading) => readingJSON(device, reading)));
    }
  }

  return readings;
};

/** A device the member owns, or the refusal that says why not. */
const ownDevice = async (devices: Directory, owner: string, deviceID: string): Promise<KnownDevice> => {
  const device = await devices.device(deviceID);
  if (device === undefined) {
    throw new Refused(404, `unknown device ${deviceID}`);
  }
  if (device.owner !== owner) {
    throw new Refused(403, `${deviceID} is not your device: readings and proofs go to a device's owner only`);
  }

  return device;
};

/**
 * A consumption reading's proof, in the file format `mtemsm energy verify --proof` reads
 * ({deviceID, interval, energyWh, salt, proof: [{sibling, left}]}), with its leaf and the
 * commitment the committer computes for the interval — what `consumptionOf(interval)` on
 * chain holds once it is committed. The root comes from the committer's own
 * `intervalCommitment`; the proof is checked against it before it is given, so a proof
 * that disagrees with the commitment is never handed out.
 */
const consumptionProof = async (store: Store, devices: Directory, device: KnownDevice, interval: number) => {
  if (device.kind !== 'consumption') {
    throw new Refused(400, `deviceID: ${device.deviceID} is a production device; its readings are public on chain, proofs are of consumption readings`);
  }
  const meters = await devices.consumptionMeters();
  if (!meters.includes(device.deviceID)) {
    throw new Refused(404, `${device.deviceID} is not among the consumption meters committed (retired?)`);
  }
  // A reading arriving between the two reads changes the tree: read again once.
  for (let attempt = 0; attempt < 2; attempt++) {
    const commitment = await intervalCommitment(store, interval, meters);
    const readings = await store.intervalReadings(interval, meters);
    const index = readings.findIndex((reading) => reading.deviceID === device.deviceID);
    if (index === -1) {
      throw new Refused(404, `no reading of ${device.deviceID} in interval ${interval} is stored`);
    }
    const leaves = readings.map((reading) => consumptionLeaf(reading.salt!, { deviceID: reading.deviceID, interval, energyWh: BigInt(reading.energyWh) }));
    const proof = merkleProof(leaves, index);
    if (verifyProof(commitment.root, leaves[index], proof)) {
      const reading = readings[index];

      return {
        deviceID: device.deviceID,
        interval,
        energyWh: reading.energyWh,
        salt: reading.salt!.toString('hex'),
        leaf: leaves[index].toString('hex'),
        proof: proof.map(({ sibling, left }) => ({ sibling: sibling.toString('hex'), left })),
        commitment: { root: commitment.root.toString('hex'), totalWh: Number(commitment.totalWh), meters: commitment.meters },
      };
    }
  }
  throw new Refused(503, `interval ${interval}'s readings are changing: ask again`);
};

/**
 * Per interval of the range, the consumption meters that reported and the community total
 * where at least MIN_METERS_FOR_TOTAL did (null: withheld, as the chain records 0).
 */
const communityIntervals = async (store: Store, devices: Directory, from: number, to: number) => {
  const counts = new Map((await store.intervalCounts(from, to, await devices.consumptionMeters())).map((count) => [count.interval, count]));

  return Array.from({ length: to - from + 1 }, (_, offset) => {
    const count = counts.get(from + offset);
    const meters = count?.meters ?? 0;

    return { interval: from + offset, meters, totalWh: count !== undefined && meters >= MIN_METERS_FOR_TOTAL ? Number(count.energyWh) : null };
  });
};

// ---------------------------------------------------------------- the server

/** The API's routes on a Fastify instance, not listening (tests may `inject`). */
export const buildApi = (options: ApiOptions): FastifyInstance => {
  const { store } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1_000));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const devices = directory(options);
  const signIn = new SignIn(now);
  const app = Fastify({ logger: false });
  const member = (request: FastifyRequest): string => signIn.address(request.headers.authorization);

  app.setErrorHandler((error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof Refused) {
      return reply.code(error.status).send({ error: error.message });
    }
    // Fastify's own refusals (a body that is not JSON, too large, …) keep their status.
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    log(`gateway api: ${request.method} ${request.url}: ${error.stack ?? error.message}`);

    return reply.code(500).send({ error: 'internal error (logged by the gateway)' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }));

  app.post('/auth/challenge', async (request) => signIn.challenge(bodyField(request.body, 'address', isAddress, 'a NEO address')));
  app.post('/auth/token', async (request) =>
    signIn.token(
      bodyField(request.body, 'address', isAddress, 'a NEO address'),
      bodyField(request.body, 'publicKey', isPublicKey, 'a compressed public key in hex (33 bytes)'),
      bodyField(request.body, 'signature', isSignature, 'a signature in hex (64 bytes r‖s)'),
    ),
  );

  app.get('/me/readings', async (request) => {
    const address = member(request);
    const { from, to } = intervalRange(request.query, now());

    return { address, from, to, readings: await memberReadings(store, devices, address, from, to) };
  });
  app.get('/me/proof/:deviceID/:interval', async (request) => {
    const address = member(request);
    const params = request.params as Record<string, unknown>;
    const deviceID = deviceIDParameter(params.deviceID);
    const interval = wholeNumber(params.interval, 'interval');

    return consumptionProof(store, devices, await ownDevice(devices, address, deviceID), interval);
  });

  app.get('/community/intervals', async (request) => {
    const { from, to } = intervalRange(request.query, now());

    return { from, to, minMetersForTotal: MIN_METERS_FOR_TOTAL, intervals: await communityIntervals(store, devices, from, to) };
  });
  app.get('/community/summary', async () => ({ readings: await store.countReadings(), rejections: await store.rejections() }));

  return app;
};

/** The API listening on `host:port`; `close` stops it (the store stays open: it is the caller's). */
export const startApi = async (options: ApiOptions): Promise<Api> => {
  const app = buildApi(options);
  const url = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });

  return { url, close: async () => app.close() };
};
