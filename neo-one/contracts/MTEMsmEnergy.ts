/**
 * MTEMsmEnergy — the energy layer's first part (../shared/spec/microgrid.md, sections
 * Devices, Production and energy credits, Consumption; issue 15): the device registry,
 * meter-witnessed production readings, energy credits of members' own devices, and
 * consumption commitments (Merkle roots and community totals only) with disputes.
 *
 * - A group plant's production meter is registered by the operator (an address set at
 *   deployment) against an operating plant of MTEMsmPlants, within its capacity; a
 *   member's own device by the member (a member of the MTEMsm ledger).
 * - Readings come only from the device's meter key, up to 6 hours a call, each
 *   interval ended, after the last, within the device's physical limit, and the meter's
 *   register agreeing (src/domain/energy.ts states the same rules for off-chain code).
 * - A member's own device credits its owner. A group plant's production is recorded and
 *   counted as not yet credited: its holders' credits need the ledger to settle each
 *   quota change (the next part), so `uncreditedWh` keeps the invariant meanwhile:
 *   Σ credits accrued + uncreditedWh == Σ recorded production, to the Wh.
 * - No household's consumption is stored or emitted: per interval a root of salted
 *   leaves, the total of 3 meters or more, the meter count; a member's dispute proves a
 *   leaf (a hash) is in a root.
 * Reads the ledger and MTEMsmPlants; nothing calls this contract (links one way).
 * Units: energy Wh, power W, time Unix seconds, intervals of 900 s (UTC).
 */
import { Address, Blockchain, constant, createEventNotifier, crypto, Integer, MapStorage, SmartContract } from '@neo-one/smart-contract';

// [owner, kind, meter, capacityW, source, plantID, category, status, lastInterval, registerWh]
// kind: production | consumption; status: active | retired; lastInterval -1 before the first reading.
type DeviceRecord = [Address, string, Address, number, string, string, string, string, number, number];
// [accruedWh, retiredWh, soldWh, boughtWh]
type CreditRecord = [number, number, number, number];
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
// A commitment's intervals: interval firstInterval + i has roots[i], totalsWh[i] (0 under 3 meters), meters[i].
const notifyConsumption = createEventNotifier<Integer, Buffer[], Integer[], Integer[]>(
  'consumption',
  'firstInterval',
  'roots',
  'totalsWh',
  'meters',
);
// A member contests a committed reading, proving its leaf is in the interval's root.
const notifyDispute = createEventNotifier<Integer, Buffer, Address, Integer>('dispute', 'interval', 'leaf', 'member', 'disputes');
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
  // Commitments by their first interval, a multiple of 16 (every storage write costs at
  // least 1 GAS, so a commitment is one record): [roots, totalsWh, meters].
  private readonly consumption = MapStorage.for<number, [Buffer[], number[], number[]]>();
  private readonly disputes = MapStorage.for<number, number>();

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
   * The meter's readings of consecutive intervals from `firstInterval` (at most 24 a call, 6
   * hours: 32 cost 9.8 GAS, near the 10 free GAS, in neo-one's code) and its register after them.
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
    if (count > 24) {
      throw new Error('At most 24 intervals a call.');
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
      this.addAccrued(owner, sum);
    } else {
      this.totals.set('totals', [devices, producedWh + sum, creditedWh, uncreditedWh + sum]);
    }
    notifyProduction(deviceID, firstInterval, energiesWh, registerWh);
    if (plantID === '') {
      notifyCredit(owner, deviceID, sum);
    }

    return true;
  }

  // ---------------------------------------------------------------- Consumption

  /**
   * The operator commits intervals' consumption: each one's Merkle root of salted readings
   * (src/domain/energy.ts), the community total (published only for 3 meters or more, else
   * 0) and the meters that reported. An interval is committed once; gaps are allowed.
   */
  public commitConsumption(firstInterval: Integer, roots: Buffer[], totalsWh: Integer[], meters: Integer[]): boolean {
    if (!Address.isCaller(this.partner('operator'))) {
      throw new Error('Only the operator commits consumption.');
    }
    const count = roots.length;
    if (count === 0) {
      throw new Error('No intervals.');
    }
    if (count > 16) {
      throw new Error('At most 16 intervals a commitment.');
    }
    if (totalsWh.length !== count || meters.length !== count) {
      throw new Error('Each interval needs a root, a total and a meter count.');
    }
    if (firstInterval < 0 || firstInterval % 16 !== 0) {
      throw new Error('A commitment starts at an interval divisible by 16 (every 4 hours UTC).');
    }
    if ((firstInterval + count) * 900 > Blockchain.currentBlockTime) {
      throw new Error('An interval has not ended.');
    }
    // A key computed, never the argument itself: neo-one keys an argument's bytes apart from
    // the same number computed (measured: a record written under the argument was not found
    // under interval - interval % 16).
    const key = firstInterval - (firstInterval % 16);
    if (this.consumption.has(key)) {
      throw new Error('These intervals are committed already.');
    }
    for (let index = 0; index < count; index++) {
      if (roots[index].length !== 32) {
        throw new Error('A root is 32 bytes.');
      }
      if (meters[index] <= 0) {
        throw new Error('Each interval needs at least one meter.');
      }
      if (totalsWh[index] < 0 || (meters[index] < 3 && totalsWh[index] !== 0)) {
        throw new Error('A total is published only for 3 meters or more, and is not negative.');
      }
    }
    this.consumption.set(key, [roots, totalsWh, meters]);
    notifyConsumption(firstInterval, roots, totalsWh, meters);

    return true;
  }

  /**
   * A member contests a reading of `interval`: `leaf` (the reading's sha256 leaf, which
   * only its owner can open) and its proof, siblings from the leaf up, `lefts[i]` true when
   * sibling i is on the left; checked here against the committed root and recorded.
   */
  public dispute(member: Address, interval: Integer, leaf: Buffer, siblings: Buffer[], lefts: boolean[]): boolean {
    if (!Address.isCaller(member)) {
      throw new Error('Only the member may dispute for themselves.');
    }
    const root = this.rootOf(interval);
    if (root === undefined) {
      throw new Error('That interval is not committed.');
    }
    if (siblings.length !== lefts.length || siblings.length > 32) {
      throw new Error('A proof is at most 32 siblings, each with its side.');
    }
    const state = SmartContract.for<Ledger>(this.partner('ledger')).memberState(member);
    if (state.length === 0 || state[0] === 0) {
      throw new Error('Only members dispute.');
    }
    let hash = crypto.sha256(Buffer.concat([Buffer.from('00', 'hex'), leaf]));
    for (let index = 0; index < siblings.length; index++) {
      hash = lefts[index]
        ? crypto.sha256(Buffer.concat([Buffer.from('01', 'hex'), siblings[index], hash]))
        : crypto.sha256(Buffer.concat([Buffer.from('01', 'hex'), hash, siblings[index]]));
    }
    if (!hash.equals(root)) {
      throw new Error('The proof does not lead to the committed root.');
    }
    const key = interval + 0;
    const before = this.disputes.get(key);
    const disputes = before === undefined ? 1 : before + 1;
    this.disputes.set(key, disputes);
    notifyDispute(interval, leaf, member, disputes);

    return true;
  }

  // ---------------------------------------------------------------- Reads

  /** An interval's commitment: root, community total (0 under 3 meters), meters, disputes so far. */
  @constant
  public consumptionOf(
    interval: Integer,
  ): { readonly root: Buffer; readonly totalWh: Integer; readonly meters: Integer; readonly disputes: Integer } | undefined {
    const first = interval - (interval % 16);
    const committed = this.consumption.get(first);
    if (committed === undefined || interval - first >= committed[0].length) {
      return undefined;
    }
    const [roots, totalsWh, meters] = committed;
    const disputes = this.disputes.get(interval + 0);

    return {
      root: roots[interval - first],
      totalWh: totalsWh[interval - first],
      meters: meters[interval - first],
      disputes: disputes === undefined ? 0 : disputes,
    };
  }

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

  /** A holder's credits; balanceWh = accrued + bought − retired − sold. */
  @constant
  public creditsOf(address: Address): {
    readonly accruedWh: Integer;
    readonly retiredWh: Integer;
    readonly soldWh: Integer;
    readonly boughtWh: Integer;
    readonly balanceWh: Integer;
  } {
    const record = this.credits.get(address);
    const [accruedWh, retiredWh, soldWh, boughtWh] = record === undefined ? [0, 0, 0, 0] : record;

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

  private rootOf(interval: Integer): Buffer | undefined {
    const first = interval - (interval % 16);
    const committed = this.consumption.get(first);

    return committed === undefined || interval < 0 || interval - first >= committed[0].length ? undefined : committed[0][interval - first];
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

  private addAccrued(holder: Address, energyWh: Integer): void {
    const record = this.credits.get(holder);
    const [accruedWh, retiredWh, soldWh, boughtWh] = record === undefined ? [0, 0, 0, 0] : record;
    this.credits.set(holder, [accruedWh + energyWh, retiredWh, soldWh, boughtWh]);
  }

  private page(offset: Integer, limit: Integer): void {
    if (offset < 0 || limit <= 0 || limit > 100) {
      throw new Error('Pages need offset >= 0 and 1 <= limit <= 100.');
    }
  }
}
