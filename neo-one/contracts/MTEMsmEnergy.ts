/**
 * MTEMsmEnergy — the energy layer (../shared/spec/microgrid.md, sections Devices and
 * Production and energy credits; issue 15): the device registry, meter-witnessed
 * production readings, energy credits (members' own devices', and the group plants'
 * once claimed from the ledger), and granular certificates of retired credits. Consumption commitments are MTEMsmConsumption's.
 *
 * - A group plant's production meter is registered by the operator (the founder until an
 *   operator referendum elects another: syncOperator takes it) against an operating plant of MTEMsmPlants, within its capacity; a
 *   member's own device by the member (a member of the MTEMsm ledger).
 * - Readings come only from the device's meter key, up to a day a call, packed 3 bytes an
 *   interval and checked by MTEMsmReadings (raw NeoVM, src/chain/readings.ts), each
 *   interval ended, after the last, within the device's physical limit, and the meter's
 *   register agreeing (src/domain/energy.ts states the same rules for off-chain code).
 * - A member's own device credits its owner. A group plant's reading is reported to the
 *   ledger (applyProduction), which credits every holder of quota pro rata through its
 *   accumulator, where each quota change is settled (MTEMsm.ts, "Energy credits"). A
 *   holder claims them here (claimCredits) before retiring or trading them: they then
 *   take the source mix of the group's unclaimed production (exact for a group whose
 *   plants share one source; README, "Where the group plants' credits live").
 *   Kept: producedWh == creditedWh (own devices' and claimed) + unclaimedWh (in the
 *   ledger), to the Wh; Σ the pool's Wh by source == unclaimedWh.
 * Calls the ledger, MTEMsmPlants, MTEMsmReferendums and MTEMsmReadings; nothing calls this contract (links one way).
 * Units: energy Wh, power W, time Unix seconds, intervals of 900 s (UTC).
 */
import { Address, Blockchain, constant, createEventNotifier, Integer, MapStorage, SmartContract } from '@neo-one/smart-contract';

// [owner, kind, meter, capacityW, source, plantID, category, status, lastInterval, registerWh]
// kind: production | consumption; status: active | retired; lastInterval -1 before the first reading.
type DeviceRecord = [Address, string, Address, number, string, string, string, string, number, number];
// [accruedWh, retiredWh, soldWh, boughtWh, then the unretired credits by source (solar,
// wind, hydro, biomass, other) and the first and last interval they were earned in (-1, -1
// when none): what a certificate draws from]. One record: every storage write costs 1 GAS.
type CreditRecord = [number, number, number, number, number, number, number, number, number, number, number];
// [member, energyWh, fromInterval, toInterval, solarWh, windWh, hydroWh, biomassWh, otherWh, beneficiaryHash]
type CertificateRecord = [Address, number, number, number, number, number, number, number, number, Buffer];
// [devices, producedWh, creditedWh, unclaimedWh, then the group plants' unclaimed Wh by
//  source (solar, wind, hydro, biomass, other) and the first and last interval of it]
type Totals = [number, number, number, number, number, number, number, number, number, number, number];

/** The ledger and the plants, as this contract reads them. */
interface Ledger {
  readonly memberState: (address: Address) => Integer[];
  readonly attach: (role: string, maxPowerW: Integer) => string;
  readonly applyProduction: (energyWh: Integer) => string;
  readonly applyClaim: (holder: Address) => Integer;
  readonly unclaimedCreditsOf: (holder: Address) => Integer;
}
interface Plants {
  readonly operatingCapacityW: (ppID: string) => Integer;
}
/** MTEMsmReadings (src/chain/readings.ts): a day's packed energies checked and summed in raw NeoVM. */
interface Readings {
  readonly readings: (packed: Buffer, limitWh: Integer) => Integer;
}
// Its address, the hash of its script (test/unit/readings.test.ts checks it is the script's).
const READINGS = Address.from('AcHQNFq278qWPe4jQkmegZCeKa7sC6s9s2');

// Every device, as registered; then each change of its meter or status with the register then.
const notifyDevice = createEventNotifier<string, Address, string, Address, Integer, string, string, string>(
  'device',
  'deviceID',
  'owner',
  'kind',
  'meter',
  'capacityW',
  'source',
  'plantID',
  'category',
);
const notifyDeviceChange = createEventNotifier<string, Address, Integer, string>('deviceChange', 'deviceID', 'meter', 'registerWh', 'status');
// A call's readings, packed 3 bytes an interval as recordProduction takes them (unsigned
// little endian; interval firstInterval + i at byte 3i): one event a call, since an event an
// interval would cost a tenth of a GAS each.
const notifyProduction = createEventNotifier<string, Integer, Buffer, Integer>(
  'production',
  'deviceID',
  'firstInterval',
  'energiesWh',
  'registerWh',
);
// A certificate: credits retired (burnt) for a beneficiary (a hash), with the interval
// range and source mix they were earned in (Wh of solar, wind, hydro, biomass, other).
const notifyRetired = createEventNotifier<string, Address, Integer, Integer, Integer, Integer[], Buffer>(
  'retired',
  'certificateID',
  'member',
  'energyWh',
  'fromInterval',
  'toInterval',
  'sources',
  'beneficiaryHash',
);
// Credits earned: to a member's own device's owner (deviceID), or claimed from the group plants ('group').
const notifyCredit = createEventNotifier<Address, string, Integer>('credit', 'holder', 'deviceID', 'energyWh');

/** Wh of one source as a delta by source (solar, wind, hydro, biomass, other). */
const bySource = (source: string, energyWh: number): number[] => [
  source === 'solar' ? energyWh : 0,
  source === 'wind' ? energyWh : 0,
  source === 'hydro' ? energyWh : 0,
  source === 'biomass' ? energyWh : 0,
  source === 'other' ? energyWh : 0,
];

/**
 * Adds `delta` (the first nine fields, the last five by source) to a record of either
 * shape above (a holder's credits, the totals) and widens its interval range to
 * from…to (from −1: no new interval); a record whose Wh by source are all gone has no
 * range (−1, −1). One function for both: neo-one inlines methods at every call.
 */
const addRecord = (record: number[], delta: number[], from: number, to: number): CreditRecord => {
  const solar = record[4] + delta[4];
  const wind = record[5] + delta[5];
  const hydro = record[6] + delta[6];
  const biomass = record[7] + delta[7];
  const other = record[8] + delta[8];
  const empty = solar + wind + hydro + biomass + other === 0;
  const first = record[9];
  const last = record[10];

  return [
    record[0] + delta[0],
    record[1] + delta[1],
    record[2] + delta[2],
    record[3] + delta[3],
    solar,
    wind,
    hydro,
    biomass,
    other,
    empty ? -1 : from !== -1 && (first === -1 || from < first) ? from : first,
    empty ? -1 : to > last ? to : last,
  ];
};

/** A holder's credits (nothing yet: 0 Wh and no range). */
const creditsRecord = (credits: MapStorage<Address, CreditRecord>, holder: Address): CreditRecord => {
  const record = credits.get(holder);

  return record === undefined ? [0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1] : record;
};

/**
 * `energyWh` of a pool of Wh by source (solar, wind, hydro, biomass, other; Σ ≥ energyWh),
 * by largest remainder, ties to the earlier source: src/domain/energy.ts certificateMix.
 * A module-level function: neo-one inlines a private method at every call.
 */
const mix = (energyWh: number, held: number[]): number[] => {
  const whole = held[0] + held[1] + held[2] + held[3] + held[4];
  const shares = [0, 0, 0, 0, 0];
  const remainders = [0, 0, 0, 0, 0];
  let given = 0;
  for (let index = 0; index < 5; index++) {
    shares[index] = (energyWh * held[index]) / whole;
    remainders[index] = (energyWh * held[index]) % whole;
    given += shares[index];
  }
  for (; given < energyWh; given++) {
    let best = -1;
    for (let index = 0; index < 5; index++) {
      if (remainders[index] >= 0 && (best === -1 || remainders[index] > remainders[best])) {
        best = index;
      }
    }
    shares[best] += 1;
    remainders[best] = -1;
  }

  return shares;
};

/** MTEMsmReferendums: the operator the group elected (the founder until then). */
interface Referendums {
  readonly operator: () => Address;
}

export class MTEMsmEnergy extends SmartContract {
  public readonly properties = {
    codeVersion: '0.1',
    author: 'MTEMsm developers',
    email: 'mtemsm@example.org',
    description: 'MTEMsm energy: devices, metered production, energy credits',
  };

  private readonly devices = MapStorage.for<string, DeviceRecord>();
  private readonly deviceOfMeter = MapStorage.for<Address, string>();
  private readonly ownedCount = MapStorage.for<Address, number>();
  private readonly owned = MapStorage.for<[Address, number], string>();
  private readonly credits = MapStorage.for<Address, CreditRecord>();
  private readonly totals = MapStorage.for<string, Totals>();
  private readonly certificates = MapStorage.for<string, CertificateRecord>();
  private readonly certificateCount = MapStorage.for<string, number>();

  // The group's founder, part of the script as in MTEMsm (src/chain/compile.ts).
  public readonly founder = Address.from('AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG');
  // 'ledger', 'plants', 'referendums' and 'operator' (MTEMsmReferendums' copy).
  private readonly partnerAt = MapStorage.for<string, Address>();

  public constructor(ledger: Address, plants: Address, referendums: Address) {
    super();
    if (!Address.isSender(this.founder)) {
      throw new Error("The founder's witness is needed to deploy the group.");
    }
    this.partnerAt.set('ledger', ledger);
    this.partnerAt.set('plants', plants);
    this.partnerAt.set('referendums', referendums);
    this.partnerAt.set('operator', SmartContract.for<Referendums>(referendums).operator());
    this.totals.set('totals', [0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1]);
    const refusal = SmartContract.for<Ledger>(ledger).attach('energy', 0);
    if (refusal !== '') {
      throw new Error(refusal);
    }
  }

  // ---------------------------------------------------------------- Devices

  /**
   * Registers a device: a group plant's production meter (plantID of an operating plant,
   * by the operator) or a member's own (plantID '', by the member, the owner). Returns its ID.
   */
  public registerDevice(
    owner: Address,
    kind: string,
    meter: Address,
    capacityW: Integer,
    source: string,
    plantID: string,
    category: string,
  ): string {
    if (kind !== 'production' && kind !== 'consumption') {
      throw new Error('A device is a production or a consumption device.');
    }
    if (capacityW <= 0) {
      throw new Error('A device needs a capacity above 0 W.');
    }
    if (kind === 'production' && source !== 'solar' && source !== 'wind' && source !== 'hydro' && source !== 'biomass' && source !== 'other') {
      throw new Error('A production device has a source: solar, wind, hydro, biomass or other.');
    }
    if (kind === 'consumption' && category !== 'residential' && category !== 'commercial' && category !== 'industrial') {
      throw new Error('A consumption device has a category: residential, commercial or industrial.');
    }
    if (this.deviceOfMeter.has(meter)) {
      throw new Error('That meter already has a device.');
    }
    if (plantID !== '') {
      this.checkPlantMeter(owner, kind, capacityW, plantID);
    } else {
      if (!Address.isCaller(owner)) {
        throw new Error('Only the owner may register a device of their own.');
      }
      const state = SmartContract.for<Ledger>(this.partner('ledger')).memberState(owner);
      if (state.length === 0 || state[0] === 0) {
        throw new Error('Only members register devices.');
      }
    }
    const totals = this.totals.get('totals') as Totals;
    const deviceID = `D${totals[0] + 1}`;
    this.totals.set('totals', addRecord(totals, [1, 0, 0, 0, 0, 0, 0, 0, 0], -1, -1));
    this.devices.set(deviceID, [owner, kind, meter, capacityW, source, plantID, category, 'active', -1, 0]);
    this.deviceOfMeter.set(meter, deviceID);
    const count = this.ownedCount.get(owner);
    const index = count === undefined ? 1 : count + 1;
    this.ownedCount.set(owner, index);
    this.owned.set([owner, index], deviceID);
    notifyDevice(deviceID, owner, kind, meter, capacityW, source, plantID, category);

    return deviceID;
  }

  /** A new meter continues the register (the owner or the operator). */
  public replaceMeter(deviceID: string, newMeter: Address, registerWh: Integer): boolean {
    const device = this.activeDevice(deviceID);
    const [owner, kind, meter, capacityW, source, plantID, category, status, lastInterval, register] = device;
    if (!Address.isCaller(owner) && !Address.isCaller(this.partner('operator'))) {
      throw new Error('Only the owner or the operator may replace a meter.');
    }
    if (this.deviceOfMeter.has(newMeter)) {
      throw new Error('That meter already has a device.');
    }
    if (registerWh !== register) {
      throw new Error('The new meter must continue the register.');
    }
    this.deviceOfMeter.delete(meter);
    this.deviceOfMeter.set(newMeter, deviceID);
    this.devices.set(deviceID, [owner, kind, newMeter, capacityW, source, plantID, category, status, lastInterval, register]);
    notifyDeviceChange(deviceID, newMeter, register, status);

    return true;
  }

  /** No more readings (the owner or the operator). */
  public retireDevice(deviceID: string): boolean {
    const [owner, kind, meter, capacityW, source, plantID, category, , lastInterval, register] = this.activeDevice(deviceID);
    if (!Address.isCaller(owner) && !Address.isCaller(this.partner('operator'))) {
      throw new Error('Only the owner or the operator may retire a device.');
    }
    this.devices.set(deviceID, [owner, kind, meter, capacityW, source, plantID, category, 'retired', lastInterval, register]);
    notifyDeviceChange(deviceID, meter, register, 'retired');

    return true;
  }

  // ---------------------------------------------------------------- Production

  /**
   * The meter's readings of consecutive intervals from `firstInterval` (up to a day, 96),
   * packed 3 bytes each (src/domain/energy.ts packReadings: unsigned, so none is negative),
   * and its register after them.
   */
  public recordProduction(deviceID: string, firstInterval: Integer, energiesWh: Buffer, registerWh: Integer): boolean {
    const device = this.devices.get(deviceID);
    if (device === undefined) {
      throw new Error('Unknown device.');
    }
    const [owner, kind, meter, capacityW, source, plantID, category, status, lastInterval, register] = device;
    if (status === 'retired') {
      throw new Error('The device is retired.');
    }
    if (kind !== 'production') {
      throw new Error('The device is not a production device.');
    }
    if (!Address.isCaller(meter)) {
      throw new Error("Only the device's meter may record its readings.");
    }
    if (energiesWh.length % 3 !== 0) {
      throw new Error('Readings are packed 3 bytes an interval.');
    }
    const count = energiesWh.length / 3;
    if (count === 0) {
      throw new Error('No readings.');
    }
    if (count > 96) {
      throw new Error('At most 96 intervals a call.');
    }
    if (firstInterval <= lastInterval) {
      throw new Error('The first interval is not after the last one recorded.');
    }
    if ((firstInterval + count) * 900 > Blockchain.currentBlockTime) {
      throw new Error('An interval has not ended.');
    }
    const sum = SmartContract.for<Readings>(READINGS).readings(energiesWh, (capacityW * 900) / 3600);
    if (sum < 0) {
      throw new Error("An energy is above the device's limit for an interval.");
    }
    if (registerWh !== register + sum) {
      throw new Error('The register does not agree with the energies.');
    }
    this.devices.set(deviceID, [owner, kind, meter, capacityW, source, plantID, category, status, firstInterval + count - 1, registerWh]);
    const last = firstInterval + count - 1;
    const [solar, wind, hydro, biomass, other] = bySource(source, sum);
    const totals = this.totals.get('totals') as Totals;
    if (plantID === '') {
      this.totals.set('totals', addRecord(totals, [0, sum, sum, 0, 0, 0, 0, 0, 0], -1, -1));
      this.credits.set(owner, addRecord(creditsRecord(this.credits, owner), [sum, 0, 0, 0, solar, wind, hydro, biomass, other], firstInterval, last));
    } else {
      const refusal = SmartContract.for<Ledger>(this.partner('ledger')).applyProduction(sum);
      if (refusal !== '') {
        throw new Error(refusal);
      }
      this.totals.set('totals', addRecord(totals, [0, sum, 0, sum, solar, wind, hydro, biomass, other], firstInterval, last));
    }
    notifyProduction(deviceID, firstInterval, energiesWh, registerWh);
    if (plantID === '') {
      notifyCredit(owner, deviceID, sum);
    }

    return true;
  }

  /**
   * Moves the group plants' credits `holder` (a member or the treasury, the ledger's
   * address) has earned in the ledger and not claimed here, where they can be retired
   * (and traded). Anyone may send it: the credits stay the holder's. They take the mix of
   * the group's unclaimed production by source, by largest remainder. Returns the Wh.
   */
  public claimCredits(holder: Address): Integer {
    const claimed = SmartContract.for<Ledger>(this.partner('ledger')).applyClaim(holder);
    if (claimed < 0) {
      throw new Error('The ledger does not know this contract.');
    }
    if (claimed === 0) {
      throw new Error('No credits to claim.');
    }
    const totals = this.totals.get('totals') as Totals;
    const [solar, wind, hydro, biomass, other] = mix(claimed, [totals[4], totals[5], totals[6], totals[7], totals[8]]);
    this.credits.set(holder, addRecord(creditsRecord(this.credits, holder), [claimed, 0, 0, 0, solar, wind, hydro, biomass, other], totals[9], totals[10]));
    this.totals.set('totals', addRecord(totals, [0, 0, claimed, -claimed, -solar, -wind, -hydro, -biomass, -other], -1, -1));
    notifyCredit(holder, 'group', claimed);

    return claimed;
  }

  // ---------------------------------------------------------------- Certificates

  /**
   * Burns `energyWh` of the member's credits into a certificate for `beneficiaryHash` (a
   * 32-byte hash: who claims the energy, kept off chain). The source mix is the member's
   * unretired credits' mix, apportioned by largest remainder (ties to the earlier source),
   * the range the first and last interval they were earned in (src/domain/energy.ts).
   */
  public retire(member: Address, energyWh: Integer, beneficiaryHash: Buffer): string {
    if (!Address.isCaller(member)) {
      throw new Error('Only the holder may retire their credits.');
    }
    if (energyWh <= 0) {
      throw new Error('A certificate needs more than 0 Wh.');
    }
    if (beneficiaryHash.length !== 32) {
      throw new Error('A beneficiary hash is 32 bytes.');
    }
    const record = creditsRecord(this.credits, member);
    const [accruedWh, retiredWh, soldWh, boughtWh, solar, wind, hydro, biomass, other, fromInterval, toInterval] = record;
    if (accruedWh + boughtWh - retiredWh - soldWh < energyWh) {
      throw new Error('Not enough credits.');
    }
    const shares = mix(energyWh, [solar, wind, hydro, biomass, other]);
    this.credits.set(member, addRecord(record, [0, energyWh, 0, 0, -shares[0], -shares[1], -shares[2], -shares[3], -shares[4]], -1, -1));
    const counted = this.certificateCount.get('certificates');
    const certificateID = `C${counted === undefined ? 1 : counted + 1}`;
    this.certificateCount.set('certificates', counted === undefined ? 1 : counted + 1);
    this.certificates.set(certificateID, [
      member,
      energyWh,
      fromInterval,
      toInterval,
      shares[0],
      shares[1],
      shares[2],
      shares[3],
      shares[4],
      beneficiaryHash,
    ]);
    notifyRetired(certificateID, member, energyWh, fromInterval, toInterval, shares, beneficiaryHash);

    return certificateID;
  }

  // ---------------------------------------------------------------- Reads

  @constant
  public device(
    deviceID: string,
  ):
    | {
        readonly owner: Address;
        readonly kind: string;
        readonly meter: Address;
        readonly capacityW: Integer;
        readonly source: string;
        readonly plantID: string;
        readonly category: string;
        readonly status: string;
        readonly lastInterval: Integer;
        readonly registerWh: Integer;
      }
    | undefined {
    const device = this.devices.get(deviceID);
    if (device === undefined) {
      return undefined;
    }
    const [owner, kind, meter, capacityW, source, plantID, category, status, lastInterval, registerWh] = device;

    return { owner, kind, meter, capacityW, source, plantID, category, status, lastInterval, registerWh };
  }

  /** The IDs of `owner`'s devices, in registration order, `limit` (1 … 100) from `offset`. */
  @constant
  public devicesOf(owner: Address, offset: Integer, limit: Integer): string[] {
    this.page(offset, limit);
    const count = this.ownedCount.get(owner);
    const last = count === undefined ? 0 : count;
    const list: string[] = [];
    for (let index = offset + 1; index <= offset + limit && index <= last; index++) {
      list.push(this.owned.get([owner, index]) as string);
    }

    return list;
  }

  @constant
  public listOfDevices(offset: Integer, limit: Integer): string[] {
    this.page(offset, limit);
    const list: string[] = [];
    for (let index = offset + 1; index <= offset + limit && this.devices.has(`D${index}`); index++) {
      list.push(`D${index}`);
    }

    return list;
  }

  /** A certificate: who retired how much, the interval range and the Wh by source (solar, wind, hydro, biomass, other). */
  @constant
  public certificate(
    certificateID: string,
  ):
    | {
        readonly member: Address;
        readonly energyWh: Integer;
        readonly fromInterval: Integer;
        readonly toInterval: Integer;
        readonly sources: Integer[];
        readonly beneficiaryHash: Buffer;
      }
    | undefined {
    const record = this.certificates.get(certificateID);
    if (record === undefined) {
      return undefined;
    }
    const [member, energyWh, fromInterval, toInterval, solar, wind, hydro, biomass, other, beneficiaryHash] = record;

    return { member, energyWh, fromInterval, toInterval, sources: [solar, wind, hydro, biomass, other], beneficiaryHash };
  }

  /**
   * A holder's credits held here; balanceWh = accrued + bought − retired − sold. The group
   * plants' credits not yet claimed are the ledger's (MTEMsm.unclaimedCreditsOf).
   */
  @constant
  public creditsOf(address: Address): {
    readonly accruedWh: Integer;
    readonly retiredWh: Integer;
    readonly soldWh: Integer;
    readonly boughtWh: Integer;
    readonly balanceWh: Integer;
  } {
    const [accruedWh, retiredWh, soldWh, boughtWh] = creditsRecord(this.credits, address);

    return { accruedWh, retiredWh, soldWh, boughtWh, balanceWh: accruedWh + boughtWh - retiredWh - soldWh };
  }

  /**
   * [devices, producedWh, creditedWh, unclaimedWh, certificates, then the unclaimed Wh by
   * source and their first and last interval]: producedWh == creditedWh + unclaimedWh.
   */
  @constant
  public energyTotals(): Integer[] {
    const [devices, producedWh, creditedWh, unclaimedWh, solar, wind, hydro, biomass, other, first, last] = this.totals.get('totals') as Totals;
    const counted = this.certificateCount.get('certificates');

    return [devices, producedWh, creditedWh, unclaimedWh, counted === undefined ? 0 : counted, solar, wind, hydro, biomass, other, first, last];
  }

  /**
   * Takes the operator MTEMsmReferendums holds now, after an operator referendum approved
   * one (anyone may send it: the referendum decided).
   */
  public syncOperator(): boolean {
    const operator = SmartContract.for<Referendums>(this.partner('referendums')).operator();
    if (operator.equals(this.partner('operator'))) {
      throw new Error('The operator is already the one the group elected.');
    }
    this.partnerAt.set('operator', operator);
    createEventNotifier<Address>('operator', 'operator')(operator);

    return true;
  }

  /** The operator this contract obeys: MTEMsmReferendums' at deployment or at the last syncOperator. */
  @constant
  public operator(): Address {
    return this.partner('operator');
  }

  // ---------------------------------------------------------------- Internals

  private partner(role: string): Address {
    return this.partnerAt.get(role) as Address;
  }

  private checkPlantMeter(owner: Address, kind: string, capacityW: Integer, plantID: string): void {
    if (!Address.isCaller(this.partner('operator'))) {
      throw new Error("Only the operator registers a group plant's meter.");
    }
    if (kind !== 'production') {
      throw new Error("A group plant's device is a production meter.");
    }
    if (!owner.equals(this.partner('ledger'))) {
      throw new Error("A group plant's meter belongs to the group (the ledger's address).");
    }
    const plantCapacityW = SmartContract.for<Plants>(this.partner('plants')).operatingCapacityW(plantID);
    if (plantCapacityW === 0) {
      throw new Error('The plant is not operating.');
    }
    if (capacityW > plantCapacityW) {
      throw new Error("A plant meter's capacity is at most the plant's.");
    }
  }

  private activeDevice(deviceID: string): DeviceRecord {
    const device = this.devices.get(deviceID);
    if (device === undefined) {
      throw new Error('Unknown device.');
    }
    if (device[7] === 'retired') {
      throw new Error('The device is retired.');
    }

    return device;
  }

  private page(offset: Integer, limit: Integer): void {
    if (offset < 0 || limit <= 0 || limit > 100) {
      throw new Error('Pages need offset >= 0 and 1 <= limit <= 100.');
    }
  }
}
