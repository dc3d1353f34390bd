/**
 * What the gateway sends on chain, from its store (../shared/spec/microgrid.md, "The meter
 * gateway"):
 * - a production meter's readings, in calls of up to a day (PRODUCTION_INTERVALS_PER_CALL)
 *   of consecutive intervals, witnessed by the meter's key (the gateway holds the keys of
 *   the meters it reads, as a data logger does);
 * - per interval, the consumption Merkle root of the salted readings (src/domain/energy.ts),
 *   the community total (3 meters or more) and the meter count, in commitments of up to a
 *   day starting at a multiple of COMMITMENT_ALIGNMENT, by the operator.
 * What to send is always computed from the chain (a device's last interval, the commitments
 * there) and the store, so a gateway restarted at any point sends what is missing and
 * nothing twice; each batch is logged in the store before it is sent and after it landed.
 *
 * Gaps. A production meter that missed intervals still counted their energy in its
 * register, which the contract checks: the gateway fills the gap with the register's
 * growth split evenly over the missing intervals (largest remainder, earlier first), stored
 * as source 'gap' — an even split never passes the physical limit, since the true energies
 * did not. A consumption interval no meter reported is committed with 0 meters (and an
 * all-zero root), so commitments cover whole days.
 */
import type { UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import type { Group } from '../chain/group';
import { send } from '../cli/context';
import { apportion } from '../domain/apportion';
import {
  COMMITMENT_ALIGNMENT,
  consumptionLeaf,
  CONSUMPTION_INTERVALS_PER_COMMITMENT,
  ConsumptionRecord,
  MIN_METERS_FOR_TOTAL,
  merkleRoot,
  packConsumption,
  packReadings,
  PRODUCTION_INTERVALS_PER_CALL,
} from '../domain/energy';
import { chainDevice } from './devices';
import type { KnownDevice } from './reading';
import type { Store, StoredReading } from './store';

const big = (value: number): BigNumber => new BigNumber(value);
/** The first multiple of COMMITMENT_ALIGNMENT at or after `interval`: where a commitment may start. */
export const alignUp = (interval: number): number => Math.ceil(interval / COMMITMENT_ALIGNMENT) * COMMITMENT_ALIGNMENT;

/** Consecutive runs of at most `size` intervals. */
const runs = <T extends { interval: number }>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (const item of items) {
    const current = out[out.length - 1];
    if (current !== undefined && current.length < size && current[current.length - 1].interval + 1 === item.interval) {
      current.push(item);
    } else {
      out.push([item]);
    }
  }

  return out;
};

/** The readings of `deviceID` after `lastInterval` up to `upTo`, gaps filled from the register (stored as 'gap'). */
const readingsToSend = async (store: Store, device: KnownDevice, lastInterval: number, upTo: number): Promise<StoredReading[]> => {
  const stored = await store.readings(device.deviceID, lastInterval + 1, upTo);
  const filled: StoredReading[] = [];
  let before = { interval: lastInterval, registerWh: device.registerWh };
  for (const reading of stored) {
    const missing = reading.interval - before.interval - 1;
    const unrecorded = reading.registerWh - reading.energyWh - before.registerWh;
    // Before a device's first reading there is no gap: nothing says when its register grew.
    if (before.interval >= 0 && missing > 0 && unrecorded > 0) {
      const shares = apportion(BigInt(unrecorded), Array.from({ length: missing }, () => 1n));
      let register = before.registerWh;
      for (let index = 0; index < missing; index++) {
        register += Number(shares[index]);
        const gap = { deviceID: device.deviceID, interval: before.interval + 1 + index, energyWh: Number(shares[index]), registerWh: register, source: 'gap' as const };
        await store.insert(gap, 'gap', false);
        filled.push(gap);
      }
    }
    filled.push(reading);
    before = reading;
  }

  return filled;
};

export interface SentCall {
  readonly deviceID: string;
  readonly firstInterval: number;
  readonly intervals: number;
  readonly energyWh: number;
  readonly transaction: string;
  readonly gas: string;
}

/**
 * Sends `deviceID`'s readings up to interval `upTo` that the chain does not have, as the
 * meter (`meter`: its account). Returns the calls made (none when all is there).
 */
export const sendProduction = async (group: Group, store: Store, deviceID: string, meter: UserAccountID, upTo: number): Promise<SentCall[]> => {
  const device = await chainDevice(group, deviceID);
  if (device === undefined || device.kind !== 'production' || device.retired) {
    throw new Error(`${deviceID} is not an active production device on chain.`);
  }
  const readings = await readingsToSend(store, device, device.lastInterval, upTo);
  const calls: SentCall[] = [];
  for (const run of runs(readings, PRODUCTION_INTERVALS_PER_CALL)) {
    const energies = run.map((reading) => BigInt(reading.energyWh));
    const energyWh = run.reduce((sum, reading) => sum + reading.energyWh, 0);
    // The meter's own register: the contract checks it against its register plus these energies.
    const register = run[run.length - 1].registerWh;
    const batch = { kind: 'production' as const, subject: deviceID, firstInterval: run[0].interval, lastInterval: run[run.length - 1].interval };
    await store.markSent({ ...batch, status: 'sending' });
    const sent = await send(() => group.energy!.recordProduction(deviceID, big(batch.firstInterval), packReadings(energies).toString('hex'), big(register), { from: meter }));
    await store.markSent({ ...batch, status: 'sent', transaction: sent.transaction });
    calls.push({ deviceID, firstInterval: batch.firstInterval, intervals: run.length, energyWh, transaction: sent.transaction, gas: String(sent.gasCost) });
  }

  return calls;
};

/** One interval's consumption commitment from the stored readings of `devices` (consumption meters). */
export const intervalCommitment = async (store: Store, interval: number, devices: readonly string[]): Promise<ConsumptionRecord & { readonly readings: number }> => {
  const readings = await store.intervalReadings(interval, devices);
  const leaves = readings.map((reading) => consumptionLeaf(reading.salt!, { deviceID: reading.deviceID, interval, energyWh: BigInt(reading.energyWh) }));
  const total = readings.reduce((sum, reading) => sum + BigInt(reading.energyWh), 0n);

  return {
    root: leaves.length === 0 ? Buffer.alloc(32) : merkleRoot(leaves),
    totalWh: readings.length >= MIN_METERS_FOR_TOTAL ? total : 0n,
    meters: readings.length,
    readings: readings.length,
  };
};

/**
 * Commits the consumption of intervals from `from` (a multiple of COMMITMENT_ALIGNMENT, after
 * the last committed) up to `upTo`, as the operator, in commitments of up to a day. Returns
 * the first interval of the next commitment to make.
 */
export const commitConsumption = async (
  group: Group,
  store: Store,
  operator: UserAccountID,
  devices: readonly string[],
  from: number,
  upTo: number,
): Promise<{ readonly next: number; readonly commitments: SentCall[] }> => {
  const commitments: SentCall[] = [];
  let first = from;
  while (first <= upTo) {
    if ((await group.consumption!.consumptionOf(big(first))) !== undefined) {
      // Committed already (a restart after it landed): go on after it.
      first += COMMITMENT_ALIGNMENT;
      continue;
    }
    const records: ConsumptionRecord[] = [];
    for (let interval = first; interval <= upTo && records.length < CONSUMPTION_INTERVALS_PER_COMMITMENT; interval++) {
      records.push(await intervalCommitment(store, interval, devices));
    }
    const batch = { kind: 'consumption' as const, subject: 'community', firstInterval: first, lastInterval: first + records.length - 1 };
    await store.markSent({ ...batch, status: 'sending' });
    const sent = await send(() => group.consumption!.commitConsumption(big(first), packConsumption(records).toString('hex'), { from: operator }));
    await store.markSent({ ...batch, status: 'sent', transaction: sent.transaction });
    commitments.push({
      deviceID: 'community',
      firstInterval: first,
      intervals: records.length,
      energyWh: Number(records.reduce((sum, record) => sum + record.totalWh, 0n)),
      transaction: sent.transaction,
      gas: String(sent.gasCost),
    });
    first = alignUp(first + records.length);
  }

  return { next: first, commitments };
};
