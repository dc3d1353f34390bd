/**
 * MTEMsmEnergy — the energy layer's first part (../shared/spec/microgrid.md, sections
 * Devices and Production and energy credits; issue 15): the device registry, meter-
 * witnessed production readings, energy credits of members' own devices, and granular
 * certificates of retired credits. Consumption commitments are MTEMsmConsumption's.
 *
 * - A group plant's production meter is registered by the operator (an address set at
 *   deployment) against an operating plant of MTEMsmPlants, within its capacity; a
 *   member's own device by the member (a member of the MTEMsm ledger).
 * - Readings come only from the device's meter key, up to 4 hours a call, each
 *   interval ended, after the last, within the device's physical limit, and the meter's
 *   register agreeing (src/domain/energy.ts states the same rules for off-chain code).
 * - A member's own device credits its owner. A group plant's production is recorded and
 *   counted as not yet credited: its holders' credits need the ledger to settle each
 *   quota change (the next part), so `uncreditedWh` keeps the invariant meanwhile:
 *   Σ credits accrued + uncreditedWh == Σ recorded production, to the Wh.
 * Reads the ledger and MTEMsmPlants; nothing calls this contract (links one way).
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
// [devices, producedWh, creditedWh, uncreditedWh]
type Totals = [number, number, number, number];

/** The ledger and the plants, as this contract reads them. */
interface Ledger {
  readonly memberState: (address: Address) => Integer[];
}
interface Plants {
  readonly plantStatus: (ppID: string) => string;
  readonly plantCapacityW: (ppID: string) => Integer;
}

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
// A call's readings: energiesWh[i] is interval firstInterval + i (one event a call: an event an
// interval would cost a tenth of a GAS each).
const notifyProduction = createEventNotifier<string, Integer, Integer[], Integer>(
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
// Credits earned: to a member's own device's owner.
const notifyCredit = createEventNotifier<Address, string, Integer>('credit', 'holder', 'deviceID', 'energyWh');

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

  // The group's founder, part of the script as in MTEMsm (src/chain/compile.ts).
  public readonly founder = Address.from('AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG');
  // 'ledger', 'plants' and 'operator'.
  private readonly partnerAt = MapStorage.for<string, Address>();

  public constructor(ledger: Address, plants: Address, operator: Address) {
    super();
    if (!Address.isSender(this.founder)) {
      throw new Error("The founder's witness is needed to deploy the group.");
    }
    this.partnerAt.set('ledger', ledger);
    this.partnerAt.set('plants', plants);
    this.partnerAt.set('operator', operator);
    this.totals.set('totals', [0, 0, 0, 0]);
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
    const [devices, producedWh, creditedWh, uncreditedWh] = this.totals.get('totals') as Totals;
    const deviceID = `D${devices + 1}`;
    this.totals.set('totals', [devices + 1, producedWh, creditedWh, uncreditedWh]);
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
   * The meter's readings of consecutive intervals from `firstInterval` (at most 16 a call, 4
   * hours: 24 cost 9.07 GAS once credits kept their sources, near the 10 free GAS) and its register after them.
   */
  public recordProduction(deviceID: string, firstInterval: Integer, energiesWh: Integer[], registerWh: Integer): boolean {
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
    const count = energiesWh.length;
    if (count === 0) {
      throw new Error('No readings.');
    }
    if (count > 16) {
      throw new Error('At most 16 intervals a call.');
    }
    if (firstInterval <= lastInterval) {
      throw new Error('The first interval is not after the last one recorded.');
    }
    if ((firstInterval + count) * 900 > Blockchain.currentBlockTime) {
      throw new Error('An interval has not ended.');
    }
    const limit = (capacityW * 900) / 3600;
    let sum = 0;
    let negative = false;
    let above = false;
    for (const energy of energiesWh) {
      negative = negative || energy < 0;
      above = above || energy > limit;
      sum += energy;
    }
    if (negative) {
      throw new Error('An energy is negative.');
    }
    if (above) {
      throw new Error("An energy is above the device's limit for an interval.");
    }
    if (registerWh !== register + sum) {
      throw new Error('The register does not agree with the energies.');
    }
    this.devices.set(deviceID, [owner, kind, meter, capacityW, source, plantID, category, status, firstInterval + count - 1, registerWh]);
    const [devices, producedWh, creditedWh, uncreditedWh] = this.totals.get('totals') as Totals;
    if (plantID === '') {
      this.totals.set('totals', [devices, producedWh + sum, creditedWh + sum, uncreditedWh]);
      this.credit(owner, source, firstInterval, firstInterval + count - 1, sum);
    } else {
      this.totals.set('totals', [devices, producedWh + sum, creditedWh, uncreditedWh + sum]);
    }
    notifyProduction(deviceID, firstInterval, energiesWh, registerWh);
    if (plantID === '') {
      notifyCredit(owner, deviceID, sum);
    }

    return true;
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
    const [accruedWh, retiredWh, soldWh, boughtWh, solar, wind, hydro, biomass, other, fromInterval, toInterval] = this.creditsRecord(member);
    if (accruedWh + boughtWh - retiredWh - soldWh < energyWh) {
      throw new Error('Not enough credits.');
    }
    const held = [solar, wind, hydro, biomass, other];
    const whole = solar + wind + hydro + biomass + other;
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
    const left = whole - energyWh;
    this.credits.set(member, [
      accruedWh,
      retiredWh + energyWh,
      soldWh,
      boughtWh,
      solar - shares[0],
      wind - shares[1],
      hydro - shares[2],
      biomass - shares[3],
      other - shares[4],
      left === 0 ? -1 : fromInterval,
      left === 0 ? -1 : toInterval,
    ]);
    const [devices, producedWh, creditedWh, uncreditedWh, certificates] = this.totalsWithCertificates();
    const certificateID = `C${certificates + 1}`;
    this.totals.set('totals', [devices, producedWh, creditedWh, uncreditedWh]);
    this.totals.set('certificates', [certificates + 1, 0, 0, 0]);
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

  /** A holder's credits; balanceWh = accrued + bought − retired − sold. */
  @constant
  public creditsOf(address: Address): {
    readonly accruedWh: Integer;
    readonly retiredWh: Integer;
    readonly soldWh: Integer;
    readonly boughtWh: Integer;
    readonly balanceWh: Integer;
  } {
    const [accruedWh, retiredWh, soldWh, boughtWh] = this.creditsRecord(address);

    return { accruedWh, retiredWh, soldWh, boughtWh, balanceWh: accruedWh + boughtWh - retiredWh - soldWh };
  }

  /** [devices, producedWh, creditedWh, uncreditedWh]: Σ production == credited + uncredited. */
  @constant
  public energyTotals(): Integer[] {
    const [devices, producedWh, creditedWh, uncreditedWh] = this.totals.get('totals') as Totals;

    return [devices, producedWh, creditedWh, uncreditedWh];
  }

  /** The operator: registers the group plants' meters (set at deployment). */
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
    const plants = SmartContract.for<Plants>(this.partner('plants'));
    if (plants.plantStatus(plantID) !== 'operating') {
      throw new Error('The plant is not operating.');
    }
    if (capacityW > plants.plantCapacityW(plantID)) {
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

  private totalsWithCertificates(): [number, number, number, number, number] {
    const [devices, producedWh, creditedWh, uncreditedWh] = this.totals.get('totals') as Totals;
    const counted = this.totals.get('certificates');

    return [devices, producedWh, creditedWh, uncreditedWh, counted === undefined ? 0 : counted[0]];
  }

  private creditsRecord(holder: Address): CreditRecord {
    const record = this.credits.get(holder);

    return record === undefined ? [0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1] : record;
  }

  /** Credits of `source` earned from interval `from` to `to`: accrued, and in the holder's pool. */
  private credit(holder: Address, source: string, from: Integer, to: Integer, energyWh: Integer): void {
    if (energyWh === 0) {
      return;
    }
    const [accruedWh, retiredWh, soldWh, boughtWh, solar, wind, hydro, biomass, other, first, last] = this.creditsRecord(holder);
    this.credits.set(holder, [
      accruedWh + energyWh,
      retiredWh,
      soldWh,
      boughtWh,
      solar + (source === 'solar' ? energyWh : 0),
      wind + (source === 'wind' ? energyWh : 0),
      hydro + (source === 'hydro' ? energyWh : 0),
      biomass + (source === 'biomass' ? energyWh : 0),
      other + (source === 'other' ? energyWh : 0),
      first === -1 || from < first ? from : first,
      to > last ? to : last,
    ]);
  }

  private page(offset: Integer, limit: Integer): void {
    if (offset < 0 || limit <= 0 || limit > 100) {
      throw new Error('Pages need offset >= 0 and 1 <= limit <= 100.');
    }
  }
}
