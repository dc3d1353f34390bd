/**
 * The energy layer's rules (../shared/spec/microgrid.md), in one place: the contracts of
 * issue 15 apply them, and the gateway, the model, the auditor and the command line
 * compute them here. Plain integers (bigint), no node.
 *
 * - Time: 15-minute intervals, `interval = floor(unixSeconds / 900)` (UTC).
 * - Energy in integer Wh, power in integer W.
 * - Production readings (`recordProduction`): up to 96 consecutive intervals a call,
 *   each ended, after the device's last one, within the device's physical limit, and
 *   the meter's register agreeing with the energies (packed: see below).
 * - Energy credits: a reward-per-share accumulator, exact (below).
 * - Consumption: Merkle roots of salted leaves; totals only of at least 3 meters.
 */
import { createHash } from 'crypto';

export const INTERVAL_SECONDS = 900;
/**
 * The most intervals one `recordProduction` carries: a day (96), in one transaction within
 * the free 10 GAS. neo-one 2.x's compiled loop could not (a day's checks alone measured
 * 10.5 GAS): the energies travel packed (READING_BYTES each) and MTEMsmReadings, a small
 * contract in raw NeoVM (src/chain/readings.ts), checks and sums them (1.6 GAS a day).
 */
export const PRODUCTION_INTERVALS_PER_CALL = 96;
/**
 * A consumption commitment covers at most a day (96 intervals) and starts at an interval
 * divisible by COMMITMENT_ALIGNMENT, so that the contract finds an interval's commitment
 * among at most 96 / 16 records. It is one storage record (every write costs at least 1
 * GAS), packed CONSUMPTION_RECORD_BYTES an interval.
 */
export const CONSUMPTION_INTERVALS_PER_COMMITMENT = 96;
export const COMMITMENT_ALIGNMENT = 16;
/** A packed energy: unsigned little endian, so up to 16,777,215 Wh an interval (a 67 MW plant). */
export const READING_BYTES = 3;
export const MAX_PACKED_WH = (1n << BigInt(8 * READING_BYTES)) - 1n;
/** A packed consumption interval: root (32) ‖ community total Wh (4, unsigned LE) ‖ meters (2, unsigned LE). */
export const CONSUMPTION_RECORD_BYTES = 38;
const MAX_TOTAL_WH = (1n << 32n) - 1n;
const MAX_METERS = 0xffff;
/** A community total of consumption is published only when at least this many meters reported. */
export const MIN_METERS_FOR_TOTAL = 3;

export const intervalOf = (unixSeconds: number): number => Math.floor(unixSeconds / INTERVAL_SECONDS);
export const intervalStart = (interval: number): number => interval * INTERVAL_SECONDS;
/** An interval has ended when its last second is past: `(interval + 1) × 900 <= now`. */
export const hasEnded = (interval: number, nowSeconds: number): boolean => (interval + 1) * INTERVAL_SECONDS <= nowSeconds;

/**
 * The most a device of `capacityW` can give in one interval: `capacityW × 900 / 3600` Wh,
 * rounded down (a reading at the limit is accepted, one Wh more refused).
 */
export const maxIntervalEnergyWh = (capacityW: bigint): bigint => (capacityW * BigInt(INTERVAL_SECONDS)) / 3600n;

/**
 * The energies of consecutive intervals as `recordProduction` takes them and its
 * `production` event carries them: READING_BYTES each, unsigned little endian.
 */
export const packReadings = (energiesWh: readonly bigint[]): Buffer => {
  const packed = Buffer.alloc(energiesWh.length * READING_BYTES);
  energiesWh.forEach((energy, index) => {
    if (energy < 0n) {
      throw new Error(READING_ERRORS.negative);
    }
    if (energy > MAX_PACKED_WH) {
      throw new Error(`An energy is above ${MAX_PACKED_WH} Wh, the most one interval's reading carries.`);
    }
    packed.writeUIntLE(Number(energy), index * READING_BYTES, READING_BYTES);
  });

  return packed;
};

export const unpackReadings = (packed: Buffer): bigint[] => {
  if (packed.length % READING_BYTES !== 0) {
    throw new Error(`Packed readings are ${READING_BYTES} bytes an interval, not ${packed.length} bytes.`);
  }

  return Array.from({ length: packed.length / READING_BYTES }, (_, index) => BigInt(packed.readUIntLE(index * READING_BYTES, READING_BYTES)));
};

/** An interval's committed consumption: its Merkle root, the community total (0 under MIN_METERS_FOR_TOTAL meters) and the meters. */
export interface ConsumptionRecord {
  readonly root: Buffer;
  readonly totalWh: bigint;
  readonly meters: number;
}

/** A commitment's intervals as `commitConsumption` takes them and stores them: CONSUMPTION_RECORD_BYTES each. */
export const packConsumption = (records: readonly ConsumptionRecord[]): Buffer =>
  Buffer.concat(
    records.map(({ root, totalWh, meters }) => {
      if (root.length !== 32) {
        throw new Error(`A root is 32 bytes, not ${root.length}.`);
      }
      if (totalWh < 0n || totalWh > MAX_TOTAL_WH) {
        throw new Error(`A community total is from 0 to ${MAX_TOTAL_WH} Wh: ${totalWh}.`);
      }
      if (!Number.isInteger(meters) || meters < 0 || meters > MAX_METERS) {
        throw new Error(`A meter count is from 0 to ${MAX_METERS}: ${meters}.`);
      }
      const record = Buffer.alloc(CONSUMPTION_RECORD_BYTES);
      root.copy(record, 0);
      record.writeUInt32LE(Number(totalWh), 32);
      record.writeUInt16LE(meters, 36);

      return record;
    }),
  );

export const unpackConsumption = (packed: Buffer): ConsumptionRecord[] => {
  if (packed.length % CONSUMPTION_RECORD_BYTES !== 0) {
    throw new Error(`Packed consumption is ${CONSUMPTION_RECORD_BYTES} bytes an interval, not ${packed.length} bytes.`);
  }

  return Array.from({ length: packed.length / CONSUMPTION_RECORD_BYTES }, (_, index) => {
    const at = index * CONSUMPTION_RECORD_BYTES;

    return { root: Buffer.from(packed.subarray(at, at + 32)), totalWh: BigInt(packed.readUInt32LE(at + 32)), meters: packed.readUInt16LE(at + 36) };
  });
};

/** The refusal of a commitment's interval data (MTEMsmReadings' `consumption` check), or undefined. */
export const consumptionRefusal = (records: readonly ConsumptionRecord[]): string | undefined =>
  records.some(({ totalWh, meters }) => meters < MIN_METERS_FOR_TOTAL && totalWh !== 0n)
    ? CONSUMPTION_DATA_ERROR
    : undefined;
export const CONSUMPTION_DATA_ERROR = `A total is published only for ${MIN_METERS_FOR_TOTAL} meters or more.`;

/** What the chain knows of a production device when a day of its readings comes. */
export interface ProductionDevice {
  readonly kind: 'production' | 'consumption' | 'storage';
  readonly retired: boolean;
  readonly capacityW: bigint;
  /** The last interval recorded, or -1 before the first reading. */
  readonly lastInterval: number;
  readonly registerWh: bigint;
}

/** The refusals of `recordProduction`, as the contract words them. */
export const READING_ERRORS = {
  unknown: 'Unknown device.',
  retired: 'The device is retired.',
  notProduction: 'The device is not a production device.',
  empty: 'No readings.',
  packing: `Readings are packed ${READING_BYTES} bytes an interval.`,
  tooMany: `At most ${PRODUCTION_INTERVALS_PER_CALL} intervals a call.`,
  notAfter: 'The first interval is not after the last one recorded.',
  notEnded: 'An interval has not ended.',
  // Refused where the energies are packed (packReadings): the packing is unsigned.
  negative: 'An energy is negative.',
  aboveLimit: "An energy is above the device's limit for an interval.",
  register: 'The register does not agree with the energies.',
} as const;

/**
 * Checks a day of readings against the device: the first refusal that applies (in the
 * contract's order), or undefined when every reading is accepted.
 */
export const readingRefusal = (
  device: ProductionDevice | undefined,
  firstInterval: number,
  energiesWh: readonly bigint[],
  registerWh: bigint,
  nowSeconds: number,
): string | undefined => {
  if (device === undefined) {
    return READING_ERRORS.unknown;
  }
  if (device.retired) {
    return READING_ERRORS.retired;
  }
  if (device.kind !== 'production') {
    return READING_ERRORS.notProduction;
  }
  if (energiesWh.length === 0) {
    return READING_ERRORS.empty;
  }
  if (energiesWh.length > PRODUCTION_INTERVALS_PER_CALL) {
    return READING_ERRORS.tooMany;
  }
  if (firstInterval <= device.lastInterval) {
    return READING_ERRORS.notAfter;
  }
  if (!hasEnded(firstInterval + energiesWh.length - 1, nowSeconds)) {
    return READING_ERRORS.notEnded;
  }
  const limit = maxIntervalEnergyWh(device.capacityW);
  let sum = 0n;
  for (const energy of energiesWh) {
    if (energy < 0n) {
      return READING_ERRORS.negative;
    }
    if (energy > limit) {
      return READING_ERRORS.aboveLimit;
    }
    sum += energy;
  }
  if (registerWh !== device.registerWh + sum) {
    return READING_ERRORS.register;
  }

  return undefined;
};

/**
 * Energy credits of a group plant's production, to the holders of quota in proportion to
 * `quotaW / totalCapacityW` when a reading is recorded, at a cost that does not grow with
 * the group: the reward-per-share accumulator.
 *
 * All in scaled units (1 Wh = CREDIT_SCALE): a reading of E Wh over C W of capacity adds
 * `floor((E·SCALE + carry) / C)` to the accumulator (credits per W of quota), and the
 * division's remainder is carried to the next reading. A holder's credits grow by
 * `quotaW × (accumulator − accumulator at their last settlement)`; each settlement (before
 * every change of their quota, and when they retire credits) moves the whole Wh of it to
 * their balance and keeps the fraction on the holder. Nothing is lost nor invented:
 *   Σ production·SCALE == Σ holders (Wh·SCALE + fraction + unsettled) + carry,
 * where the unsettled part of holder h is quotaW_h × (accumulator − their mark). The
 * auditor checks this identity exactly.
 *
 * The ledger (MTEMsm.ts, "Energy credits") keeps the same numbers as one debt a holder:
 * unclaimed Wh = (quotaW · accumulator − debt) / SCALE, floored; here that is
 * accruedOf − claimedWh. A claim (MTEMsmEnergy.claimCredits) takes the whole Wh; a
 * removed member's unclaimed credits, fraction included, pass to the treasury.
 */
export const CREDIT_SCALE = 10n ** 12n;

export interface CreditHolder {
  quotaW: bigint;
  /** The accumulator when this holder was last settled. */
  mark: bigint;
  /** Scaled credits below one Wh, kept for the next settlement. */
  fraction: bigint;
  /** Whole Wh settled to the holder (before retirements and trades). */
  accruedWh: bigint;
  /** Whole Wh claimed into MTEMsmEnergy (≤ accruedWh). */
  claimedWh: bigint;
}

export class CreditPool {
  accumulator = 0n;
  carry = 0n;
  producedWh = 0n;
  readonly holders = new Map<string, CreditHolder>();

  private holder(address: string): CreditHolder {
    let holder = this.holders.get(address);
    if (holder === undefined) {
      holder = { quotaW: 0n, mark: this.accumulator, fraction: 0n, accruedWh: 0n, claimedWh: 0n };
      this.holders.set(address, holder);
    }

    return holder;
  }

  /** A recorded reading of a group plant: `energyWh` over the group's capacity `totalCapacityW` (> 0). */
  credit(energyWh: bigint, totalCapacityW: bigint): void {
    if (totalCapacityW <= 0n) {
      throw new Error('No capacity to credit.');
    }
    const scaled = energyWh * CREDIT_SCALE + this.carry;
    this.accumulator += scaled / totalCapacityW;
    this.carry = scaled % totalCapacityW;
    this.producedWh += energyWh;
  }

  /** Moves what `address` earned since its last settlement to its balance; returns its accrued Wh. */
  settle(address: string): bigint {
    const holder = this.holder(address);
    const earned = holder.quotaW * (this.accumulator - holder.mark) + holder.fraction;
    holder.accruedWh += earned / CREDIT_SCALE;
    holder.fraction = earned % CREDIT_SCALE;
    holder.mark = this.accumulator;

    return holder.accruedWh;
  }

  /** A quota change: the holder is settled at the old quota first. */
  setQuota(address: string, quotaW: bigint): void {
    this.settle(address);
    this.holder(address).quotaW = quotaW;
  }

  /** Whole Wh `address` has earned, settled or not (a read: changes nothing). */
  accruedOf(address: string): bigint {
    const holder = this.holders.get(address);
    if (holder === undefined) {
      return 0n;
    }
    const earned = holder.quotaW * (this.accumulator - holder.mark) + holder.fraction;

    return holder.accruedWh + earned / CREDIT_SCALE;
  }

  /** Whole Wh `address` has earned and not claimed: the ledger's unclaimedCreditsOf. */
  unclaimedOf(address: string): bigint {
    return this.accruedOf(address) - (this.holders.get(address)?.claimedWh ?? 0n);
  }

  /** A claim: every whole Wh not claimed yet; returns them. */
  claim(address: string): bigint {
    this.settle(address);
    const holder = this.holder(address);
    const whole = holder.accruedWh - holder.claimedWh;
    holder.claimedWh = holder.accruedWh;

    return whole;
  }

  /** A removal: what `from` earned and did not claim (its fraction too) passes to `to`; `from` keeps its quota until it moves. */
  passUnclaimed(from: string, to: string): void {
    this.settle(from);
    this.settle(to);
    const source = this.holder(from);
    const target = this.holder(to);
    const scaled = (source.accruedWh - source.claimedWh) * CREDIT_SCALE + source.fraction + target.fraction;
    target.accruedWh += scaled / CREDIT_SCALE;
    target.fraction = scaled % CREDIT_SCALE;
    source.accruedWh = source.claimedWh;
    source.fraction = 0n;
  }

  /** The exact identity above: scaled production against everything credited, settled or not. */
  balances(): { produced: bigint; credited: bigint } {
    let credited = this.carry;
    for (const holder of this.holders.values()) {
      credited += holder.accruedWh * CREDIT_SCALE + holder.fraction + holder.quotaW * (this.accumulator - holder.mark);
    }

    return { produced: this.producedWh * CREDIT_SCALE, credited };
  }
}

/** The sources of production, in the order certificates list their Wh. */
export const SOURCES = ['solar', 'wind', 'hydro', 'biomass', 'other'] as const;

/**
 * A certificate's source mix: `energyWh` of a holder's unretired credits `pool` (Wh by
 * source, in SOURCES' order), by largest remainder — floor(E·p_i / Σp) each, then one Wh
 * more to the largest remainders, ties to the earlier source — so the mix adds up to E and
 * no source gives more than it holds. The same rule as MTEMsmEnergy.retire.
 */
export const certificateMix = (energyWh: bigint, pool: readonly bigint[]): bigint[] => {
  const whole = pool.reduce((sum, value) => sum + value, 0n);
  if (energyWh <= 0n || energyWh > whole) {
    throw new Error(`A certificate of ${energyWh} Wh cannot be drawn from ${whole} Wh.`);
  }
  const shares = pool.map((value) => (energyWh * value) / whole);
  const remainders = pool.map((value) => (energyWh * value) % whole);
  let given = shares.reduce((sum, value) => sum + value, 0n);
  const taken = new Set<number>();
  for (; given < energyWh; given++) {
    let best = -1;
    remainders.forEach((remainder, index) => {
      if (!taken.has(index) && (best === -1 || remainder > remainders[best])) {
        best = index;
      }
    });
    shares[best] += 1n;
    taken.add(best);
  }

  return shares;
};

/*
 * Consumption commitments: a Merkle tree per interval (RFC 6962's shape and domain
 * separation, as Certificate Transparency uses it).
 * - A reading's leaf, given to the device's owner with its salt:
 *     leaf = sha256(salt[32] ‖ len(deviceID)[1] ‖ deviceID (UTF-8) ‖ interval[8, BE] ‖ energyWh[8, BE])
 *   (fixed widths and a length byte: no two readings encode alike).
 * - The tree hashes a leaf as sha256(0x00 ‖ leaf) and a node as sha256(0x01 ‖ left ‖ right),
 *   so a node can never be shown as a leaf; n leaves split at the largest power of two
 *   below n (no duplicated leaves, unlike Bitcoin's tree).
 * - A proof lists the siblings from the leaf up, each with the side it is on; the chain
 *   (`dispute`) walks it with sha256 and compares the root it committed.
 */
const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
  }

  return hash.digest();
};

const uint64 = (value: bigint, name: string): Buffer => {
  if (value < 0n || value >= 1n << 64n) {
    throw new Error(`${name} must be an integer from 0 to 2^64 - 1: ${value}.`);
  }
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);

  return bytes;
};

export interface ConsumptionReading {
  readonly deviceID: string;
  readonly interval: number;
  readonly energyWh: bigint;
}

export const consumptionLeaf = (salt: Buffer, { deviceID, interval, energyWh }: ConsumptionReading): Buffer => {
  if (salt.length !== 32) {
    throw new Error(`A leaf's salt is 32 bytes, not ${salt.length}.`);
  }
  const id = Buffer.from(deviceID, 'utf8');
  if (id.length === 0 || id.length > 255) {
    throw new Error(`A device ID is 1 to 255 bytes: "${deviceID}".`);
  }

  return sha256(salt, Buffer.from([id.length]), id, uint64(BigInt(interval), 'An interval'), uint64(energyWh, 'An energy'));
};

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);
export const leafHash = (leaf: Buffer): Buffer => sha256(LEAF, leaf);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE, left, right);

/** The largest power of two below n (n >= 2). */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }

  return k;
};

/** The root of `leaves` (at least one). */
export const merkleRoot = (leaves: readonly Buffer[]): Buffer => {
  if (leaves.length === 0) {
    throw new Error('A tree needs at least one leaf.');
  }
  if (leaves.length === 1) {
    return leafHash(leaves[0]);
  }
  const k = split(leaves.length);

  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
};

export interface ProofStep {
  readonly sibling: Buffer;
  /** The sibling is the left one (the path goes right). */
  readonly left: boolean;
}

/** The proof of the leaf at `index`, from the leaf up. */
export const merkleProof = (leaves: readonly Buffer[], index: number): ProofStep[] => {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new Error(`No leaf ${index} among ${leaves.length}.`);
  }
  if (leaves.length === 1) {
    return [];
  }
  const k = split(leaves.length);

  return index < k
    ? [...merkleProof(leaves.slice(0, k), index), { sibling: merkleRoot(leaves.slice(k)), left: false }]
    : [...merkleProof(leaves.slice(k), index - k), { sibling: merkleRoot(leaves.slice(0, k)), left: true }];
};

/** Walks a proof as the contract does: true when it leads from `leaf` to `root`. */
export const verifyProof = (root: Buffer, leaf: Buffer, proof: readonly ProofStep[]): boolean => {
  let hash = leafHash(leaf);
  for (const { sibling, left } of proof) {
    hash = left ? nodeHash(sibling, hash) : nodeHash(hash, sibling);
  }

  return hash.equals(root);
};
