/**
 * The energy layer's operations for `npm run bench` (bench/gas.ts runs them in its group
 * of 130 members and in one of 10): device registrations, a day of production readings of
 * a group plant's meter and of a member's rooftop PV (96 intervals, one transaction each), a
 * claim of the group plants' credits, a retirement, a day of consumption in one commitment
 * (96 intervals), a dispute proved on chain, a meter replaced, a device
 * retired, an operator proposed. Every one must cost the same (±5%) at both sizes and stay
 * within the free 10 GAS.
 */
import { UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { createHash } from 'crypto';
import type { Receipt } from '../src/chain/batch';
import { Group, lastBlockTime } from '../src/chain/group';
import {
  CONSUMPTION_INTERVALS_PER_COMMITMENT,
  consumptionLeaf,
  intervalOf,
  maxIntervalEnergyWh,
  merkleProof,
  merkleRoot,
  packConsumption,
  packReadings,
  PRODUCTION_INTERVALS_PER_CALL,
} from '../src/domain/energy';

/** What bench/gas.ts's Recorder offers: one transaction in its own block, recorded under `operation`. */
export interface OneByOne {
  readonly one: (operation: string, call: () => Promise<any>) => Promise<Receipt>;
}

/** The intervals of a day. */
const DAY_INTERVALS = 96;
const PLANT_METER_W = 100_000;
const ROOFTOP_W = 5_000;
const HOUSEHOLDS = 4;

/** The energy operations the report lists, in order, with what each sends. */
export const ENERGY_OPERATIONS: ReadonlyArray<{ readonly operation: string; readonly note: string; readonly recurring: boolean }> = [
  { operation: 'registerDevice (plant meter)', note: "by the operator, against an operating plant (reads its capacity)", recurring: false },
  { operation: 'registerDevice (own device)', note: "a member's rooftop PV (reads the member's state)", recurring: false },
  { operation: 'recordProduction (plant meter)', note: `${PRODUCTION_INTERVALS_PER_CALL} intervals; credits every holder through the ledger's accumulator`, recurring: true },
  { operation: 'recordProduction (own device)', note: `${PRODUCTION_INTERVALS_PER_CALL} intervals; credits the owner`, recurring: true },
  { operation: 'claimCredits', note: "a member's group credits moved from the ledger", recurring: true },
  { operation: 'retire', note: 'a certificate with range and source mix', recurring: true },
  { operation: 'commitConsumption', note: `${CONSUMPTION_INTERVALS_PER_COMMITMENT} intervals of roots and totals`, recurring: true },
  { operation: 'dispute', note: `a Merkle proof of a tree of ${HOUSEHOLDS} readings, checked on chain; the day's last interval (its record 95 intervals back)`, recurring: false },
  { operation: 'replaceMeter', note: 'the new meter continues the register', recurring: false },
  { operation: 'retireDevice', note: '', recurring: false },
  { operation: 'proposeOperator', note: 'an operator referendum opened', recurring: false },
];

const key = (label: string, members: number): string => createHash('sha256').update(`mtemsm bench energy ${label} ${members}`).digest('hex');

/** A day of production of `capacityW` over 96 intervals: a sunny bell, never above the interval's limit. */
const solarDay = (capacityW: number): number[] => {
  const limit = Number(maxIntervalEnergyWh(BigInt(capacityW)));

  return Array.from({ length: DAY_INTERVALS }, (_, index) => {
    const hour = index / 4;

    return hour < 6 || hour >= 18 ? 0 : Math.floor(limit * Math.sin(((hour - 6) / 12) * Math.PI));
  });
};

/**
 * Runs the energy operations in `group` (P1 operating, `members` its members, the first
 * the founder and operator, the second a member holding quota) and returns the number
 * of quota holders it ran with.
 */
export const measureEnergy = async (group: Group, recorder: OneByOne, members: readonly UserAccountID[], plantID: string): Promise<void> => {
  const { energy, consumption, referendums } = group;
  const [founder, member] = members;
  const size = (await group.ledger.groupSummary()).members.toNumber();
  const meters: UserAccountID[] = [];
  for (const label of ['plant meter', 'rooftop', 'rooftop 2', 'spare']) {
    meters.push(await group.addAccount(key(label, size)));
  }
  const [plantMeter, rooftop, rooftop2, spare] = meters;
  const plantDevice = (
    await recorder.one('registerDevice (plant meter)', () =>
      energy.registerDevice(group.contracts.ledger, 'production', plantMeter.address, new BigNumber(PLANT_METER_W), 'solar', plantID, '', { from: founder }),
    )
  ).value as string;
  const ownDevice = (
    await recorder.one('registerDevice (own device)', () =>
      energy.registerDevice(member.address, 'production', rooftop.address, new BigNumber(ROOFTOP_W), 'solar', '', '', { from: member }),
    )
  ).value as string;

  // A day that has ended, starting at a day boundary (UTC): two days before the last block.
  const now = intervalOf(await lastBlockTime(group));
  const day = now - (now % DAY_INTERVALS) - 2 * DAY_INTERVALS;
  for (const [operation, deviceID, meter, capacityW] of [
    ['recordProduction (plant meter)', plantDevice, plantMeter, PLANT_METER_W],
    ['recordProduction (own device)', ownDevice, rooftop, ROOFTOP_W],
  ] as const) {
    const energies = solarDay(capacityW);
    // The day in one transaction (PRODUCTION_INTERVALS_PER_CALL is a day).
    const register = energies.reduce((sum, value) => sum + value, 0);
    await recorder.one(operation, () =>
      energy.recordProduction(deviceID, new BigNumber(day), packReadings(energies.map(BigInt)).toString('hex'), new BigNumber(register), { from: meter }),
    );
  }
  const claimed = (await recorder.one('claimCredits', () => energy.claimCredits(member.address, { from: member }))).value as BigNumber;
  if (new BigNumber(claimed).lte(0)) {
    throw new Error(`the member's claim gave ${String(claimed)} Wh`);
  }
  await recorder.one('retire', () => energy.retire(member.address, new BigNumber(1_000), createHash('sha256').update('bench beneficiary').digest('hex'), { from: member }));

  // A day of consumption in one commitment: HOUSEHOLDS salted readings an interval, the last interval's tree proved later.
  const salt = (index: number, interval: number): Buffer => createHash('sha256').update(`salt ${index} ${interval}`).digest();
  const leaves = (interval: number): Buffer[] =>
    Array.from({ length: HOUSEHOLDS }, (_, index) => consumptionLeaf(salt(index, interval), { deviceID: `H${index + 1}`, interval, energyWh: BigInt(100 + index * 17 + (interval % 50)) }));
  for (let call = 0; call < DAY_INTERVALS / CONSUMPTION_INTERVALS_PER_COMMITMENT; call++) {
    const first = day + call * CONSUMPTION_INTERVALS_PER_COMMITMENT;
    const intervals = Array.from({ length: CONSUMPTION_INTERVALS_PER_COMMITMENT }, (_, index) => first + index);
    await recorder.one('commitConsumption', () =>
      consumption.commitConsumption(
        new BigNumber(first),
        packConsumption(
          intervals.map((interval) => ({ root: merkleRoot(leaves(interval)), totalWh: BigInt(HOUSEHOLDS * 100 + (interval % 50)), meters: HOUSEHOLDS })),
        ).toString('hex'),
        { from: founder },
      ),
    );
  }
  // The day's last interval: the contract walks back to the commitment's record (the most reads).
  const disputed = day + DAY_INTERVALS - 1;
  const proof = merkleProof(leaves(disputed), 2);
  await recorder.one('dispute', () =>
    consumption.dispute(
      member.address,
      new BigNumber(disputed),
      leaves(disputed)[2].toString('hex'),
      proof.map(({ sibling }) => sibling.toString('hex')),
      proof.map(({ left }) => left),
      { from: member },
    ),
  );
  const device = await energy.device(ownDevice);
  await recorder.one('replaceMeter', () => energy.replaceMeter(ownDevice, rooftop2.address, (device as any).registerWh, { from: member }));
  await recorder.one('retireDevice', () => energy.retireDevice(ownDevice, { from: member }));
  await recorder.one('proposeOperator', () => referendums.proposeOperator(member.address, spare.address, { from: member }));
};
