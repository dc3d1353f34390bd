/**
 * The devices the gateway accepts readings of, as the chain registers them (MTEMsmEnergy):
 * looked up by ID and kept, refreshed when a reading names one not seen yet (a device
 * registered since) or when asked (a meter replaced or a device retired).
 */
import BigNumber from 'bignumber.js';
import type { Group } from '../chain/group';
import type { DeviceLookup } from './gateway';
import type { KnownDevice } from './reading';

const num = (value: { toString: () => string }): number => Number(value.toString());

/** One device as the chain holds it now, or undefined. */
export const chainDevice = async (group: Group, deviceID: string): Promise<(KnownDevice & { readonly lastInterval: number }) | undefined> => {
  const device = await group.energy!.device(deviceID);
  if (device === undefined) {
    return undefined;
  }

  return {
    deviceID,
    kind: device.kind as KnownDevice['kind'],
    meter: device.meter,
    capacityW: num(device.capacityW),
    retired: device.status === 'retired',
    plantID: device.plantID,
    owner: device.owner,
    registerWh: num(device.registerWh),
    lastInterval: num(device.lastInterval),
  };
};

export class ChainDevices {
  private readonly known = new Map<string, KnownDevice>();

  public constructor(private readonly group: Group) {}

  /** For the gateway: a cached device, asked of the chain when unknown. */
  public readonly lookup: DeviceLookup = async (deviceID) => {
    const cached = this.known.get(deviceID);
    if (cached !== undefined) {
      return cached;
    }
    const device = await chainDevice(this.group, deviceID);
    if (device !== undefined) {
      this.known.set(deviceID, device);
    }

    return device;
  };

  /** Every device on chain, read again (pages of 100). */
  public async refresh(): Promise<KnownDevice[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page: string[] = await this.group.energy!.listOfDevices(new BigNumber(offset), new BigNumber(100));
      ids.push(...page);
      if (page.length < 100) {
        break;
      }
    }
    this.known.clear();
    for (const id of ids) {
      await this.lookup(id);
    }

    return [...this.known.values()];
  }
}
