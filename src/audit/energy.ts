/**
 * The energy layer rebuilt from events alone (shared/spec/microgrid.md, sections Devices,
 * Production and energy credits, Consumption), as the group is in src/audit/rebuild.ts:
 * devices, every reading, every holder's credits (own devices' and the group plants',
 * claimed or not), every certificate, the consumption commitments and disputes, and the
 * operator the energy contracts obey.
 *
 * Input: the group's events in emission order (src/audit/events.ts), of which it reads
 * the ledger's `quotaTransfer` (who holds how much quota when a plant reading lands),
 * `membership` removed (a removed member's unclaimed credits pass to the treasury) and
 * every event of MTEMsmEnergy and MTEMsmConsumption. The group plants' credits follow
 * the ledger's rule exactly (src/domain/energy.ts CreditPool: the accumulator, its
 * carry and each holder's fraction).
 *
 * Checks, after every transaction (reported at its last event, the first of each):
 * - E1: Σ credits (holders' balances here + retired + the group plants' credits in the
 *   ledger, fractions and carry included) == Σ recorded production, to the Wh; and a
 *   claim or an own device's credit is exactly what the rule gives;
 * - E2: every certificate is backed: its Wh and source mix are the holder's by
 *   largest remainder (certificateMix), within what the holder held;
 * - E3: no reading is accepted past its device's physical limit, before an interval
 *   ended, not after the last one, or with a register that disagrees (readingRefusal);
 * - E4: a consumption total is published only for 3 meters or more, an interval once.
 * Gaps between a meter's readings are allowed; `gaps` lists them for the report.
 */
import { apportion } from '../domain/apportion';
import {
  certificateMix,
  CreditPool,
  INTERVAL_SECONDS,
  MIN_METERS_FOR_TOTAL,
  readingRefusal,
  SOURCES,
  unpackConsumption,
  unpackReadings,
} from '../domain/energy';
import type { GroupEvent } from './rebuild';
import {
  ContractStorage,
  decodeContractStorage,
  describe,
  readContractStorage,
  StorageRecord,
  STORAGE_MAPS,
  toAddress,
  Value,
} from './storage';

export interface Device {
  readonly deviceID: string;
  readonly owner: string;
  readonly kind: string;
  meter: string;
  readonly capacityW: bigint;
  readonly source: string;
  readonly plantID: string;
  readonly category: string;
  status: string;
  lastInterval: number;
  registerWh: bigint;
}

/** A holder's credits as MTEMsmEnergy keeps them (the group plants' unclaimed ones are the pool's). */
export interface Credits {
  accruedWh: bigint;
  retiredWh: bigint;
  soldWh: bigint;
  boughtWh: bigint;
  /** Unretired Wh by source (SOURCES' order). */
  bySource: bigint[];
  fromInterval: number;
  toInterval: number;
}

export interface Certificate {
  readonly certificateID: string;
  readonly member: string;
  readonly energyWh: bigint;
  readonly fromInterval: number;
  readonly toInterval: number;
  readonly sources: readonly bigint[];
  readonly beneficiaryHash: string;
  readonly blockTime: number;
}

export interface Commitment {
  readonly root: string;
  readonly totalWh: bigint;
  readonly meters: number;
  disputes: number;
}

/** Per holder and billing cycle (YYYY-MM): Wh credited by source, Wh retired. */
export interface CycleCredits {
  readonly credited: bigint[];
  retiredWh: bigint;
}

export interface EnergyState {
  readonly devices: Map<string, Device>;
  readonly credits: Map<string, Credits>;
  readonly certificates: Map<string, Certificate>;
  readonly consumption: Map<number, Commitment>;
  /** The last interval committed (commitments come in order), -1 before the first. */
  lastCommitted: number;
  /** The group plants' credits (MTEMsm's accumulator). */
  readonly pool: CreditPool;
  /** Quota by holder, and the group's capacity (Σ quota), as the ledger holds them. */
  readonly quota: Map<string, bigint>;
  capacityW: bigint;
  producedWh: bigint;
  /** Of it, by members' own devices (credited to their owners at once). */
  ownProducedWh: bigint;
  /** Own devices' credits and claimed group credits (MTEMsmEnergy's creditedWh). */
  creditedWh: bigint;
  /** The group plants' Wh not claimed yet, by source, and their interval range (MTEMsmEnergy's totals). */
  readonly unclaimedBySource: bigint[];
  unclaimedFrom: number;
  unclaimedTo: number;
  operator: { energy?: string; consumption?: string };
  /** holder → cycle → credits (src/audit/energy.ts `cycleOf`). */
  readonly cycles: Map<string, Map<string, CycleCredits>>;
  /** Group plants' production by cycle, and the quota of each holder when each cycle began. */
  readonly plantCycleWh: Map<string, bigint>;
  readonly quotaAtCycleStart: Map<string, Map<string, bigint>>;
  /** A meter's gap: intervals with no reading between two of its readings. */
  readonly gaps: Array<{ readonly deviceID: string; readonly from: number; readonly to: number }>;
  /** The ledger's address (the treasury), and the own device credit a reading announced in this transaction. */
  readonly treasury: string;
  pendingCredit?: { readonly holder: string; readonly deviceID: string; readonly energyWh: bigint };
}

export interface EnergyViolation {
  readonly check: 'E1' | 'E2' | 'E3' | 'E4';
  readonly message: string;
  readonly event: GroupEvent;
}

export interface EnergyRebuilt {
  readonly state: EnergyState;
  readonly violations: EnergyViolation[];
}

/** The checks, as the verdict lists them. */
export const ENERGY_CHECKS: ReadonlyArray<readonly [EnergyViolation['check'], string]> = [
  ['E1', 'E1: credits (balances + retired + the group plants\' in the ledger) == recorded production, to the Wh, after every transaction'],
  ['E2', 'E2: every certificate is backed by the credits and source mix its holder held'],
  ['E3', "E3: no reading past its device's physical limit, before its interval ended, out of order or against its register"],
  ['E4', 'E4: consumption totals only for 3 meters or more, each interval committed once'],
];

/** Billing cycles are calendar months in this time zone (spec "Time and units"). */
export const CYCLE_TIME_ZONE = 'America/Sao_Paulo';

const monthFormat = new Intl.DateTimeFormat('en-CA', { timeZone: CYCLE_TIME_ZONE, year: 'numeric', month: '2-digit' });

/** The billing cycle (YYYY-MM, local time) an interval starts in. */
export const cycleOf = (interval: number): string => {
  const parts = monthFormat.formatToParts(new Date(interval * INTERVAL_SECONDS * 1_000));
  const part = (type: string): string => parts.find((entry) => entry.type === type)?.value ?? '';

  return `${part('year')}-${part('month')}`;
};

const big = (value: unknown): bigint => BigInt(String(value));
const num = (value: unknown): number => Number(String(value));
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

const emptyCredits = (): Credits => ({
  accruedWh: 0n,
  retiredWh: 0n,
  soldWh: 0n,
  boughtWh: 0n,
  bySource: SOURCES.map(() => 0n),
  fromInterval: -1,
  toInterval: -1,
});

export const freshEnergyState = (treasury: string): EnergyState => ({
  treasury,
  ownProducedWh: 0n,
  devices: new Map(),
  credits: new Map(),
  certificates: new Map(),
  consumption: new Map(),
  lastCommitted: -1,
  pool: new CreditPool(),
  quota: new Map(),
  capacityW: 0n,
  producedWh: 0n,
  creditedWh: 0n,
  unclaimedBySource: SOURCES.map(() => 0n),
  unclaimedFrom: -1,
  unclaimedTo: -1,
  operator: {},
  cycles: new Map(),
  plantCycleWh: new Map(),
  quotaAtCycleStart: new Map(),
  gaps: [],
});

const creditsOf = (state: EnergyState, holder: string): Credits => {
  let credits = state.credits.get(holder);
  if (credits === undefined) {
    credits = emptyCredits();
    state.credits.set(holder, credits);
  }

  return credits;
};

/** MTEMsmEnergy's addRecord on a holder's pool: Wh by source added, the range widened (none once empty). */
const addToPool = (credits: Credits, delta: readonly bigint[], from: number, to: number): void => {
  credits.bySource = credits.bySource.map((value, index) => value + delta[index]);
  if (credits.bySource.every((value) => value === 0n)) {
    credits.fromInterval = -1;
    credits.toInterval = -1;
  } else if (from !== -1) {
    credits.fromInterval = credits.fromInterval === -1 || from < credits.fromInterval ? from : credits.fromInterval;
    credits.toInterval = to > credits.toInterval ? to : credits.toInterval;
  }
};

const cycleCredits = (state: EnergyState, holder: string, cycle: string): CycleCredits => {
  let byCycle = state.cycles.get(holder);
  if (byCycle === undefined) {
    byCycle = new Map();
    state.cycles.set(holder, byCycle);
  }
  let entry = byCycle.get(cycle);
  if (entry === undefined) {
    entry = { credited: SOURCES.map(() => 0n), retiredWh: 0n };
    byCycle.set(cycle, entry);
  }

  return entry;
};

/** Credits of one reading to `holder`, split over the billing cycles of its intervals in proportion to their energies (largest remainder). */
const creditCycles = (state: EnergyState, holder: string, source: string, first: number, energies: readonly bigint[], energyWh: bigint): void => {
  if (energyWh === 0n) {
    return;
  }
  const byCycle = new Map<string, bigint>();
  energies.forEach((energy, index) => {
    const cycle = cycleOf(first + index);
    byCycle.set(cycle, (byCycle.get(cycle) ?? 0n) + energy);
  });
  const cycles = [...byCycle.keys()];
  const parts = cycles.length === 1 ? [energyWh] : apportion(energyWh, cycles.map((cycle) => byCycle.get(cycle) as bigint));
  const sourceIndex = SOURCES.indexOf(source as (typeof SOURCES)[number]);
  cycles.forEach((cycle, index) => {
    cycleCredits(state, holder, cycle).credited[sourceIndex] += parts[index];
  });
};

/** The quota of every holder when a cycle's first plant reading lands (what the utility's percentages were fixed from). */
const noteCycleStart = (state: EnergyState, cycle: string): void => {
  if (!state.quotaAtCycleStart.has(cycle)) {
    state.quotaAtCycleStart.set(cycle, new Map([...state.quota].filter(([, quotaW]) => quotaW > 0n)));
  }
};

type Handler = (state: EnergyState, e: GroupEvent, fail: (check: EnergyViolation['check'], message: string) => void) => void;

const HANDLERS: Readonly<Record<string, Handler>> = {
  'ledger.quotaTransfer': (state, e) => {
    const quotaW = big(e.parameters.quotaW);
    const from = e.parameters.from === undefined ? undefined : str(e.parameters.from);
    const to = str(e.parameters.to);
    if (from === undefined) {
      state.capacityW += quotaW;
    } else {
      const left = (state.quota.get(from) ?? 0n) - quotaW;
      state.quota.set(from, left);
      state.pool.setQuota(from, left);
    }
    const held = (state.quota.get(to) ?? 0n) + quotaW;
    state.quota.set(to, held);
    state.pool.setQuota(to, held);
  },
  'ledger.membership': (state, e) => {
    if (e.parameters.status === 'removed') {
      // The ledger's treasury takes the member's debt with the quota (MTEMsm.applyRemoval).
      state.pool.passUnclaimed(str(e.parameters.address), state.treasury);
    }
  },
  'energy.device': (state, e) => {
    const deviceID = str(e.parameters.deviceID);
    state.devices.set(deviceID, {
      deviceID,
      owner: str(e.parameters.owner),
      kind: str(e.parameters.kind),
      meter: str(e.parameters.meter),
      capacityW: big(e.parameters.capacityW),
      source: str(e.parameters.source),
      plantID: str(e.parameters.plantID),
      category: str(e.parameters.category),
      status: 'active',
      lastInterval: -1,
      registerWh: 0n,
    });
  },
  'energy.deviceChange': (state, e) => {
    const device = known(state, e);
    device.meter = str(e.parameters.meter);
    device.status = str(e.parameters.status);
  },
  'energy.production': (state, e, fail) => {
    const device = known(state, e);
    const first = num(e.parameters.firstInterval);
    const energies = unpackReadings(Buffer.from(str(e.parameters.energiesWh).replace(/^0x/, ''), 'hex'));
    const registerWh = big(e.parameters.registerWh);
    const refusal = readingRefusal(
      { kind: device.kind as 'production', retired: device.status === 'retired', capacityW: device.capacityW, lastInterval: device.lastInterval, registerWh: device.registerWh },
      first,
      energies,
      registerWh,
      e.blockTime,
    );
    if (refusal !== undefined) {
      fail('E3', `${device.deviceID}'s reading from interval ${first} was accepted though "${refusal}"`);
    }
    if (device.lastInterval !== -1 && first > device.lastInterval + 1) {
      state.gaps.push({ deviceID: device.deviceID, from: device.lastInterval + 1, to: first - 1 });
    }
    const sum = energies.reduce((total, value) => total + value, 0n);
    const last = first + energies.length - 1;
    device.lastInterval = last;
    device.registerWh = registerWh;
    state.producedWh += sum;
    const sourceIndex = SOURCES.indexOf(device.source as (typeof SOURCES)[number]);
    if (device.plantID === '') {
      // An own device's credit event follows in the same transaction.
      state.creditedWh += sum;
      state.ownProducedWh += sum;
      const credits = creditsOf(state, device.owner);
      credits.accruedWh += sum;
      addToPool(credits, SOURCES.map((_, index) => (index === sourceIndex ? sum : 0n)), first, last);
      creditCycles(state, device.owner, device.source, first, energies, sum);
      state.pendingCredit = { holder: device.owner, deviceID: device.deviceID, energyWh: sum };

      return;
    }
    // A group plant's reading: every holder earns pro rata to its quota now (the ledger's applyProduction).
    const cycle = cycleOf(first);
    noteCycleStart(state, cycle);
    const holders = [...state.quota].filter(([, quotaW]) => quotaW > 0n).map(([holder]) => holder);
    const before = holders.map((holder) => state.pool.accruedOf(holder));
    state.pool.credit(sum, state.capacityW);
    holders.forEach((holder, index) => creditCycles(state, holder, device.source, first, energies, state.pool.accruedOf(holder) - before[index]));
    state.plantCycleWh.set(cycle, (state.plantCycleWh.get(cycle) ?? 0n) + sum);
    state.unclaimedBySource[sourceIndex] += sum;
    state.unclaimedFrom = state.unclaimedFrom === -1 ? first : state.unclaimedFrom;
    state.unclaimedTo = last;
  },
  'energy.credit': (state, e, fail) => {
    const holder = str(e.parameters.holder);
    const deviceID = str(e.parameters.deviceID);
    const energyWh = big(e.parameters.energyWh);
    if (deviceID !== 'group') {
      const pending = state.pendingCredit;
      state.pendingCredit = undefined;
      if (pending === undefined || pending.holder !== holder || pending.deviceID !== deviceID || pending.energyWh !== energyWh) {
        fail('E1', `${holder} was credited ${energyWh} Wh by ${deviceID}, which is not its owner's reading just recorded`);
      }

      return;
    }
    const due = state.pool.claim(holder);
    if (due !== energyWh) {
      fail('E1', `${holder} claimed ${energyWh} Wh of the group plants' credits where the accumulator gives ${due} Wh`);
    }
    const mix = energyWh > 0n && energyWh <= state.unclaimedBySource.reduce((a, b) => a + b, 0n) ? certificateMix(energyWh, state.unclaimedBySource) : SOURCES.map(() => 0n);
    const credits = creditsOf(state, holder);
    credits.accruedWh += energyWh;
    addToPool(credits, mix, state.unclaimedFrom, state.unclaimedTo);
    state.creditedWh += energyWh;
    mix.forEach((value, index) => {
      state.unclaimedBySource[index] -= value;
    });
    if (state.unclaimedBySource.every((value) => value === 0n)) {
      state.unclaimedFrom = -1;
      state.unclaimedTo = -1;
    }
  },
  'energy.retired': (state, e, fail) => {
    const member = str(e.parameters.member);
    const energyWh = big(e.parameters.energyWh);
    const sources = (e.parameters.sources as unknown[]).map(big);
    const credits = creditsOf(state, member);
    const held = credits.bySource.reduce((a, b) => a + b, 0n);
    const balance = credits.accruedWh + credits.boughtWh - credits.retiredWh - credits.soldWh;
    const expected = energyWh > 0n && energyWh <= held ? certificateMix(energyWh, credits.bySource) : undefined;
    if (energyWh > balance || expected === undefined || expected.some((value, index) => value !== sources[index])) {
      fail('E2', `certificate ${str(e.parameters.certificateID)} of ${energyWh} Wh is not backed by ${member}'s credits (${balance} Wh, mix ${credits.bySource.join('/')})`);
    }
    if (num(e.parameters.fromInterval) !== credits.fromInterval || num(e.parameters.toInterval) !== credits.toInterval) {
      fail('E2', `certificate ${str(e.parameters.certificateID)} gives intervals ${str(e.parameters.fromInterval)}–${str(e.parameters.toInterval)}, its credits were earned in ${credits.fromInterval}–${credits.toInterval}`);
    }
    state.certificates.set(str(e.parameters.certificateID), {
      certificateID: str(e.parameters.certificateID),
      member,
      energyWh,
      fromInterval: num(e.parameters.fromInterval),
      toInterval: num(e.parameters.toInterval),
      sources,
      beneficiaryHash: str(e.parameters.beneficiaryHash),
      blockTime: e.blockTime,
    });
    credits.retiredWh += energyWh;
    addToPool(credits, sources.map((value) => -value), -1, -1);
    // Retired in the cycle of the block that retired them.
    cycleCredits(state, member, cycleOf(Math.floor(e.blockTime / INTERVAL_SECONDS))).retiredWh += energyWh;
  },
  'energy.operator': (state, e) => {
    state.operator.energy = str(e.parameters.operator);
  },
  'consumption.operator': (state, e) => {
    state.operator.consumption = str(e.parameters.operator);
  },
  'consumption.consumption': (state, e, fail) => {
    const first = num(e.parameters.firstInterval);
    const records = unpackConsumption(Buffer.from(str(e.parameters.intervals).replace(/^0x/, ''), 'hex'));
    if (first <= state.lastCommitted) {
      fail('E4', `the commitment from interval ${first} is not after the last one committed (${state.lastCommitted})`);
    }
    records.forEach(({ root, totalWh, meters }, index) => {
      const interval = first + index;
      if (state.consumption.has(interval)) {
        fail('E4', `interval ${interval} was committed twice`);
      }
      if (totalWh !== 0n && meters < MIN_METERS_FOR_TOTAL) {
        fail('E4', `interval ${interval} publishes a total of ${meters} meters`);
      }
      state.consumption.set(interval, { root: root.toString('hex'), totalWh, meters, disputes: 0 });
    });
    state.lastCommitted = Math.max(state.lastCommitted, first + records.length - 1);
  },
  'consumption.dispute': (state, e) => {
    const commitment = state.consumption.get(num(e.parameters.interval));
    if (commitment !== undefined) {
      commitment.disputes = num(e.parameters.disputes);
    }
  },
};

const known = (state: EnergyState, e: GroupEvent): Device => {
  const device = state.devices.get(str(e.parameters.deviceID));
  if (device === undefined) {
    throw new Error(`${e.contract}.${e.name} at block ${e.blockIndex} names an unknown device ${str(e.parameters.deviceID)}.`);
  }

  return device;
};

/**
 * E1, to the Wh: every recorded Wh is credited once — an own device's to its owner at
 * once; a group plant's through the accumulator, where the pool's scaled identity is
 * exact (holders' Wh, fractions, carry) and what was claimed left it for a holder here.
 */
export const creditBalance = (state: EnergyState): { readonly producedWh: bigint; readonly creditedWh: bigint; readonly exact: boolean } => {
  const { produced, credited } = state.pool.balances();
  const claimedWh = [...state.pool.holders.values()].reduce((sum, holder) => sum + holder.claimedWh, 0n);
  const heldHere = [...state.credits.values()].reduce((sum, credits) => sum + credits.accruedWh, 0n);
  const unclaimedWh = state.unclaimedBySource.reduce((a, b) => a + b, 0n);

  return {
    producedWh: state.producedWh,
    creditedWh: heldHere + unclaimedWh,
    exact:
      produced === credited &&
      state.pool.producedWh + state.ownProducedWh === state.producedWh &&
      heldHere === state.ownProducedWh + claimedWh &&
      state.creditedWh === heldHere &&
      unclaimedWh === state.pool.producedWh - claimedWh,
  };
};

const ENERGY_CONTRACTS = new Set(['energy', 'consumption']);

/** Whether an event is one the energy rebuild reads. */
export const isEnergyEvent = (event: GroupEvent): boolean =>
  ENERGY_CONTRACTS.has(event.contract) ||
  (event.contract === 'ledger' && (event.name === 'quotaTransfer' || event.name === 'membership'));

/** Rebuilds the energy layer from the group's events (any others are skipped), or from a checkpoint with the events after it. */
export const rebuildEnergy = (events: readonly GroupEvent[], treasury: string, resume?: EnergyCheckpoint): EnergyRebuilt => {
  const state = resume === undefined ? freshEnergyState(treasury) : resumedEnergyState(resume);
  if (state.treasury !== treasury) {
    throw new Error(`The energy checkpoint is of the group whose treasury is ${state.treasury}, not ${treasury}.`);
  }
  const violations: EnergyViolation[] = [...(resume?.violations ?? [])];
  const found = new Set<string>(violations.map((violation) => violation.check));
  const report = (check: EnergyViolation['check'], message: string, event: GroupEvent): void => {
    if (!found.has(check)) {
      found.add(check);
      violations.push({ check, message, event });
    }
  };
  events.forEach((event, index) => {
    if (!isEnergyEvent(event)) {
      return;
    }
    const handler = HANDLERS[`${event.contract}.${event.name}`];
    handler?.(state, event, (check, message) => report(check, message, event));
    const next = events[index + 1];
    if (next === undefined || next.transactionHash !== event.transactionHash) {
      // After the transaction: an own device's credit event came with its reading, and every Wh is someone's.
      if (state.pendingCredit !== undefined) {
        report('E1', `${state.pendingCredit.deviceID}'s reading credited nobody`, event);
        state.pendingCredit = undefined;
      }
      const balance = creditBalance(state);
      if (!balance.exact) {
        report('E1', `credits ${balance.creditedWh} Wh against ${balance.producedWh} Wh recorded`, event);
      }
    }
  });

  return { state, violations };
};

// ---------------------------------------------------------------- Exports

/**
 * energy.csv: per holder and billing cycle (calendar month, CYCLE_TIME_ZONE), the Wh
 * credited by source (a group plant's reading as each holder's accumulator gave it, an
 * own device's as read; a reading across two cycles split by its intervals' energies),
 * the Wh retired in the cycle, and the balance at the cycle's end (credited − retired so far).
 */
export const ENERGY_HEADER = ['holder', 'cycle', ...SOURCES.map((source) => `${source}Wh`), 'creditedWh', 'retiredWh', 'balanceWh'];

export const energyRows = (state: EnergyState): string[][] => {
  const rows: string[][] = [];
  const holders = [...state.cycles.keys()].sort();
  for (const holder of holders) {
    const byCycle = state.cycles.get(holder) as Map<string, CycleCredits>;
    const cycles = [...byCycle.keys()].sort();
    let balance = 0n;
    for (const cycle of cycles) {
      const entry = byCycle.get(cycle) as CycleCredits;
      const credited = entry.credited.reduce((a, b) => a + b, 0n);
      balance += credited - entry.retiredWh;
      rows.push([holder, cycle, ...entry.credited.map(String), String(credited), String(entry.retiredWh), String(balance)]);
    }
  }

  return rows;
};

/** The utility's percentages: 4 decimals (a unit of 0.0001 %), adding up to exactly 100 %. */
export const ALLOCATION_UNITS = 1_000_000n;

export const ALLOCATION_HEADER = ['holder', 'quotaW', 'percent', 'energyWh'];

/**
 * allocation-<cycle>.csv (setting brazil-dg): the percentages the group registers with
 * the distribution utility for a billing cycle — each holder's quota share when the
 * cycle began (before its first plant reading), by largest remainder to 0.0001 % so they
 * add up to exactly 100 % — and the energy each percentage gave of the cycle's plant
 * production, by largest remainder again (adding up to it). Forward trades for a cycle
 * come with the market (issue 17).
 */
export const allocationRows = (state: EnergyState, cycle: string): string[][] => {
  const quota = state.quotaAtCycleStart.get(cycle);
  if (quota === undefined) {
    return [];
  }
  const holders = [...quota.keys()].sort();
  const weights = holders.map((holder) => quota.get(holder) as bigint);
  const units = apportion(ALLOCATION_UNITS, weights);
  const energy = apportion(state.plantCycleWh.get(cycle) ?? 0n, units);

  return holders.map((holder, index) => [
    holder,
    String(weights[index]),
    `${units[index] / 10_000n}.${String(units[index] % 10_000n).padStart(4, '0')}`,
    String(energy[index]),
  ]);
};

// ---------------------------------------------------------------- Checkpoints

/** bigints, Maps and the credit pool as plain JSON, and back: a daily audit resumes the energy rebuild too. */
const toPlain = (value: unknown): unknown => {
  if (typeof value === 'bigint') {
    return { $n: value.toString() };
  }
  if (value instanceof CreditPool) {
    return { $pool: toPlain({ accumulator: value.accumulator, carry: value.carry, producedWh: value.producedWh, holders: value.holders }) };
  }
  if (value instanceof Map) {
    return { $map: [...value].map(([key, inner]) => [toPlain(key), toPlain(inner)]) };
  }
  if (Array.isArray(value)) {
    return value.map(toPlain);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toPlain(inner)]));
  }

  return value;
};
const fromPlain = (value: unknown): any => {
  if (Array.isArray(value)) {
    return value.map(fromPlain);
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$n === 'string') {
      return BigInt(record.$n);
    }
    if (Array.isArray(record.$map)) {
      return new Map((record.$map as Array<[unknown, unknown]>).map(([key, inner]) => [fromPlain(key), fromPlain(inner)]));
    }
    if (record.$pool !== undefined) {
      const saved = fromPlain(record.$pool);
      const pool = new CreditPool();
      pool.accumulator = saved.accumulator;
      pool.carry = saved.carry;
      pool.producedWh = saved.producedWh;
      for (const [holder, entry] of saved.holders) {
        pool.holders.set(holder, entry);
      }

      return pool;
    }

    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, fromPlain(inner)]));
  }

  return value;
};

export interface EnergyCheckpoint {
  readonly state: unknown;
  readonly violations: ReadonlyArray<{ readonly check: EnergyViolation['check']; readonly message: string; readonly event: GroupEvent }>;
}

export const energyCheckpoint = (rebuilt: EnergyRebuilt): EnergyCheckpoint => ({
  state: toPlain(rebuilt.state),
  violations: rebuilt.violations,
});

export const resumedEnergyState = (checkpoint: EnergyCheckpoint): EnergyState => fromPlain(checkpoint.state);

// ---------------------------------------------------------------- The chain's storage

/** MTEMsmEnergy's and MTEMsmConsumption's MapStorage properties (neo-one/contracts/). */
export const ENERGY_STORAGE_MAPS = {
  energy: ['devices', 'deviceOfMeter', 'ownedCount', 'owned', 'credits', 'totals', 'certificates', 'certificateCount', 'partnerAt'],
  consumption: ['partnerAt', 'consumption', 'disputes'],
} as const;

export interface EnergyComparison {
  readonly compared: number;
  readonly mismatches: string[];
  readonly records: number;
}

const asList = (value: Value): readonly Value[] => (Array.isArray(value) ? value : []);
const asInt = (value: Value): bigint => (typeof value === 'bigint' ? value : 0n);
const asText = (value: Value): string => (typeof value === 'string' ? value : describe(value));
const hexOf = (value: Value): string => (Buffer.isBuffer(value) ? value.toString('hex') : describe(value));

/**
 * The rebuilt energy layer against the contracts' storage (MTEMsmEnergy, MTEMsmConsumption,
 * and the ledger's accumulator and debts): every device, credit record, certificate and
 * commitment, the totals, the operator, and each holder's unclaimed credits as the
 * ledger computes them (unclaimedCreditsOf). `founder`: the operator until one is elected.
 */
export const compareEnergyWithChain = async (
  rpcURL: string,
  contracts: { readonly ledger: string; readonly energy: string; readonly consumption?: string },
  state: EnergyState,
  founder: string | undefined,
): Promise<EnergyComparison> => {
  const [ledgerRaw, energyRaw, consumptionRaw] = await Promise.all([
    readContractStorage(rpcURL, contracts.ledger),
    readContractStorage(rpcURL, contracts.energy),
    contracts.consumption === undefined ? Promise.resolve([]) : readContractStorage(rpcURL, contracts.consumption),
  ]);
  const ledger = decodeContractStorage(ledgerRaw, STORAGE_MAPS.ledger);
  const energy = decodeContractStorage(energyRaw, ENERGY_STORAGE_MAPS.energy);
  const consumption = decodeContractStorage(consumptionRaw, ENERGY_STORAGE_MAPS.consumption);
  const mismatches: string[] = [];
  let compared = 0;
  const expect = (what: string, chain: unknown, rebuilt: unknown): void => {
    compared += 1;
    const left = JSON.stringify(chain, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    const right = JSON.stringify(rebuilt, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    if (left !== right) {
      mismatches.push(`${what}: the chain holds ${left}, the events give ${right}`);
    }
  };
  const records = (storage: ContractStorage, map: string): ReadonlyMap<string, StorageRecord> =>
    storage.maps.get(map) ?? new Map<string, StorageRecord>();

  // Devices, field by field.
  const devices = records(energy, 'devices');
  expect('devices', devices.size, state.devices.size);
  for (const [deviceID, device] of state.devices) {
    const stored = asList(devices.get(deviceID)?.value);
    expect(`device ${deviceID}`, stored.length === 0 ? undefined : [
      toAddress(stored[0]), asText(stored[1]), toAddress(stored[2]), asInt(stored[3]), asText(stored[4]), asText(stored[5]), asText(stored[6]),
      asText(stored[7]), asInt(stored[8]), asInt(stored[9]),
    ], [device.owner, device.kind, device.meter, device.capacityW, device.source, device.plantID, device.category, device.status, BigInt(device.lastInterval), device.registerWh]);
  }
  // Credits held in MTEMsmEnergy, per holder.
  const credits = records(energy, 'credits');
  expect('holders with credits', credits.size, state.credits.size);
  for (const [holder, held] of state.credits) {
    const stored = asList(credits.get(holder)?.value).map(asInt);
    expect(`credits of ${holder}`, stored, [held.accruedWh, held.retiredWh, held.soldWh, held.boughtWh, ...held.bySource, BigInt(held.fromInterval), BigInt(held.toInterval)]);
  }
  // The totals: [devices, produced, credited, unclaimed, unclaimed by source, range].
  const totals = asList(records(energy, 'totals').get('totals')?.value).map(asInt);
  const unclaimedWh = state.unclaimedBySource.reduce((a, b) => a + b, 0n);
  expect('energy totals', totals, [
    BigInt(state.devices.size), state.producedWh, state.creditedWh, unclaimedWh, ...state.unclaimedBySource, BigInt(state.unclaimedFrom), BigInt(state.unclaimedTo),
  ]);
  // Certificates.
  const certificates = records(energy, 'certificates');
  expect('certificates', certificates.size, state.certificates.size);
  expect('certificate count', asInt(records(energy, 'certificateCount').get('certificates')?.value), BigInt(state.certificates.size));
  for (const [certificateID, certificate] of state.certificates) {
    const stored = asList(certificates.get(certificateID)?.value);
    expect(`certificate ${certificateID}`, stored.length === 0 ? undefined : [toAddress(stored[0]), ...stored.slice(1, 9).map(asInt), hexOf(stored[9])], [
      certificate.member, certificate.energyWh, BigInt(certificate.fromInterval), BigInt(certificate.toInterval), ...certificate.sources, certificate.beneficiaryHash.replace(/^0x/, ''),
    ]);
  }
  // The ledger's accumulator, and every holder's unclaimed credits as unclaimedCreditsOf computes them.
  const ledgerTotals = asList(records(ledger, 'totals').get('totals')?.value).map(asInt);
  expect('the ledger accumulator (creditsPerW, carry)', [ledgerTotals[8], ledgerTotals[9]], [state.pool.accumulator, state.pool.carry]);
  const SCALE = 10n ** 12n;
  for (const [holder, quotaW] of state.quota) {
    const member = asList(records(ledger, 'members').get(holder)?.value);
    const unclaimed =
      holder === state.treasury
        ? (ledgerTotals[2] * ledgerTotals[8] - ledgerTotals[10]) / SCALE
        : member.length === 0
        ? 0n
        : (asInt(member[2]) * ledgerTotals[8] - asInt(member[12])) / SCALE;
    if (quotaW > 0n || state.pool.unclaimedOf(holder) > 0n || member.length > 0) {
      expect(`unclaimed credits of ${holder}`, unclaimed, member.length === 0 && holder !== state.treasury ? 0n : state.pool.unclaimedOf(holder));
    }
  }
  // The operator both energy contracts obey.
  const operatorOf = (storage: ContractStorage): string | undefined => {
    const stored = records(storage, 'partnerAt').get('operator')?.value;

    return stored === undefined ? undefined : toAddress(stored);
  };
  expect('the energy contract operator', operatorOf(energy), state.operator.energy ?? founder);
  if (contracts.consumption !== undefined) {
    expect('the consumption contract operator', operatorOf(consumption), state.operator.consumption ?? founder);
    // Commitments: one record each, keyed by its first interval, packed as committed.
    const stored = new Map<number, Commitment>();
    for (const record of records(consumption, 'consumption').values()) {
      const first = Number(asInt(record.key[0]));
      unpackConsumption(Buffer.from(hexOf(record.value), 'hex')).forEach(({ root, totalWh, meters }, index) => {
        stored.set(first + index, { root: root.toString('hex'), totalWh, meters, disputes: 0 });
      });
    }
    for (const record of records(consumption, 'disputes').values()) {
      const commitment = stored.get(Number(asInt(record.key[0])));
      if (commitment !== undefined) {
        commitment.disputes = Number(asInt(record.value));
      }
    }
    expect('consumption intervals committed', stored.size, state.consumption.size);
    for (const [interval, commitment] of state.consumption) {
      expect(`consumption of interval ${interval}`, stored.get(interval), { ...commitment, root: commitment.root.replace(/^0x/, '') });
    }
  }

  return { compared, mismatches, records: ledgerRaw.length + energyRaw.length + consumptionRaw.length };
};
