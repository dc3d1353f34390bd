/**
 * The contracts' raw storage, read in one request per contract (neo-one's RPC
 * `getallstorage`) and decoded: what the auditor compares the rebuilt state with.
 * One read per record through the contracts' @constant methods ran neo-one's
 * JavaScript NeoVM once per record (78 s for the 10,467 events of `npm run
 * bench:audit`); the storage of the four contracts is a few requests and no VM.
 *
 * How neo-one 2.x (@neo-one/smart-contract-compiler) stores a `MapStorage.for<K, V>()`
 * class property (SetStructuredStorageHelper, HandlePrefixArrayStructuredStorageHelper,
 * extractStorageKey):
 * - the key: the property's name in UTF-8 (e.g. `members`), then each part of the key
 *   (one, or each element of a tuple key) serialized with `Runtime.Serialize` as a
 *   neo-one value;
 * - the value: `Runtime.Serialize` of a two-item array, [the key's parts, the value],
 *   each a neo-one value;
 * - a neo-one value is a Struct [type, raw]: Undefined 1 and Null 2 (no raw), Boolean 3,
 *   String 4 (UTF-8 bytes), Number 6 (Integer), Array 8 (an Array of neo-one values),
 *   Buffer 9 (bytes: Address, Hash256) (constants/Types.ts).
 *
 * Node-free but for `readContractStorage` (test/unit/storage.test.ts).
 */
import { addressToScriptHash, common, crypto, JSONHelper } from '@neo-one/client-common';
import BigNumber from 'bignumber.js';
import { sharesAt } from '../domain/apportion';

// ---------------------------------------------------------------- NEO 2 stack items

/** A deserialized NeoVM stack item (Runtime.Serialize's format). */
export type StackValue =
  | { readonly type: 'bytes'; readonly value: Buffer }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'integer'; readonly value: bigint }
  | { readonly type: 'array' | 'struct'; readonly value: readonly StackValue[] }
  | { readonly type: 'map'; readonly value: ReadonlyArray<readonly [StackValue, StackValue]> };

/** NeoVM integers: little-endian two's complement, empty for 0. */
export const signedLE = (bytes: Buffer): bigint => {
  if (bytes.length === 0) {
    return 0n;
  }
  let value = 0n;
  for (let index = bytes.length - 1; index >= 0; index--) {
    value = (value << 8n) | BigInt(bytes[index]);
  }

  return bytes[bytes.length - 1] & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
};

/** Reads one serialized stack item at `offset`; returns it and the offset after it. */
const readItem = (buffer: Buffer, start: number): [StackValue, number] => {
  let offset = start;
  const need = (count: number): void => {
    if (offset + count > buffer.length) {
      throw new Error(`A storage value ends at byte ${buffer.length}, inside an item that needs ${offset + count}.`);
    }
  };
  const varInt = (): number => {
    need(1);
    const first = buffer[offset];
    offset += 1;
    if (first < 0xfd) {
      return first;
    }
    const size = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
    need(size);
    const value = Number(buffer.readUIntLE(offset, Math.min(size, 6)));
    offset += size;

    return value;
  };
  const bytes = (): Buffer => {
    const length = varInt();
    need(length);
    const value = buffer.subarray(offset, offset + length);
    offset += length;

    return value;
  };
  need(1);
  const type = buffer[offset];
  offset += 1;
  switch (type) {
    case 0x00:
      return [{ type: 'bytes', value: bytes() }, offset];
    case 0x01:
      need(1);
      offset += 1;

      return [{ type: 'boolean', value: buffer[offset - 1] !== 0 }, offset];
    case 0x02:
      return [{ type: 'integer', value: signedLE(bytes()) }, offset];
    case 0x80:
    case 0x81: {
      const count = varInt();
      const items: StackValue[] = [];
      for (let index = 0; index < count; index++) {
        const [item, next] = readItem(buffer, offset);
        items.push(item);
        offset = next;
      }

      return [{ type: type === 0x80 ? 'array' : 'struct', value: items }, offset];
    }
    case 0x82: {
      const count = varInt();
      const entries: Array<readonly [StackValue, StackValue]> = [];
      for (let index = 0; index < count; index++) {
        const [key, afterKey] = readItem(buffer, offset);
        const [value, afterValue] = readItem(buffer, afterKey);
        entries.push([key, value]);
        offset = afterValue;
      }

      return [{ type: 'map', value: entries }, offset];
    }
    default:
      throw new Error(`A storage value holds stack item type 0x${type.toString(16)} at byte ${start}, which NeoVM does not serialize.`);
  }
};

/** Runtime.Deserialize: the one item `buffer` holds (all of it). */
export const deserializeStackItem = (buffer: Buffer): StackValue => {
  const [item, end] = readItem(buffer, 0);
  if (end !== buffer.length) {
    throw new Error(`A storage value has ${buffer.length - end} bytes after its item.`);
  }

  return item;
};

// ---------------------------------------------------------------- neo-one values

/** A neo-one value as plain data: Number as bigint, String as string, Buffer as Buffer, Array as an array. */
export type Value = undefined | null | boolean | string | bigint | Buffer | readonly Value[];

const NEO_ONE_TYPES: Readonly<Record<number, string>> = {
  1: 'Undefined',
  2: 'Null',
  3: 'Boolean',
  4: 'String',
  6: 'Number',
  8: 'Array',
  9: 'Buffer',
};

const bytesOf = (item: StackValue): Buffer => {
  switch (item.type) {
    case 'bytes':
      return item.value;
    case 'boolean':
      return Buffer.from(item.value ? [1] : []);
    case 'integer': {
      // The VM may hand an Integer where bytes are due (PUSH of small values).
      if (item.value === 0n) {
        return Buffer.alloc(0);
      }
      const out: number[] = [];
      let value = item.value;
      while (value !== 0n && value !== -1n) {
        out.push(Number(value & 0xffn));
        value >>= 8n;
      }
      const negative = item.value < 0n;
      if (((out[out.length - 1] & 0x80) !== 0) !== negative) {
        out.push(negative ? 0xff : 0);
      }

      return Buffer.from(out);
    }
    default:
      throw new Error(`A ${item.type} where bytes were due in a storage value.`);
  }
};

const integerOf = (item: StackValue): bigint => (item.type === 'integer' ? item.value : signedLE(bytesOf(item)));

/** A neo-one value ([type, raw] Struct) as plain data. */
export const unwrapValue = (item: StackValue): Value => {
  if ((item.type !== 'struct' && item.type !== 'array') || item.value.length === 0) {
    throw new Error(`A storage value is not a neo-one value (a ${item.type}).`);
  }
  const type = Number(integerOf(item.value[0]));
  const raw = item.value[1];
  const name = NEO_ONE_TYPES[type];
  if (name === undefined) {
    throw new Error(`A storage value holds neo-one type ${type}, which the auditor does not decode.`);
  }
  if (type === 1) {
    return undefined;
  }
  if (type === 2) {
    return null;
  }
  if (raw === undefined) {
    throw new Error(`A neo-one ${name} without its value in a storage value.`);
  }
  switch (type) {
    case 3:
      return raw.type === 'boolean' ? raw.value : integerOf(raw) !== 0n;
    case 4:
      return bytesOf(raw).toString('utf8');
    case 6:
      return integerOf(raw);
    case 8:
      if (raw.type !== 'array' && raw.type !== 'struct') {
        throw new Error(`A neo-one Array holds a ${raw.type} in a storage value.`);
      }

      return raw.value.map(unwrapValue);
    default:
      return bytesOf(raw);
  }
};

/** One storage record as `getallstorage` gives it (hex key and value). */
export interface RawStorageItem {
  readonly key: string;
  readonly value: string;
}

/** A decoded MapStorage record: which property, its key parts and its value. */
export interface StorageRecord {
  readonly map: string;
  readonly key: readonly Value[];
  readonly value: Value;
}

/**
 * Decodes a contract's records. `maps`: its MapStorage properties' names. A record of
 * no map named, or whose key is not the map's name and its key parts as the value
 * repeats them, is returned in `unknown` (its hex key): nothing on chain is skipped.
 */
export const decodeRecords = (
  items: readonly RawStorageItem[],
  maps: readonly string[],
): { readonly records: StorageRecord[]; readonly unknown: string[] } => {
  const records: StorageRecord[] = [];
  const unknown: string[] = [];
  const prefixes = maps.map((map) => [map, Buffer.from(map, 'utf8')] as const);
  for (const item of items) {
    const key = Buffer.from(item.key, 'hex');
    const value = Buffer.from(item.value, 'hex');
    let found: StorageRecord | undefined;
    for (const [map, prefix] of prefixes) {
      // After the name comes the first key part: a serialized Struct (0x81).
      if (key.length <= prefix.length || !key.subarray(0, prefix.length).equals(prefix) || key[prefix.length] !== 0x81) {
        continue;
      }
      const stored = deserializeStackItem(value);
      if ((stored.type !== 'array' && stored.type !== 'struct') || stored.value.length !== 2) {
        break;
      }
      const [parts, content] = stored.value;
      // The key parts: a neo-one Array [8, Array of neo-one values].
      const list = parts.type === 'struct' && parts.value.length === 2 ? parts.value[1] : undefined;
      if (list === undefined || (list.type !== 'array' && list.type !== 'struct')) {
        break;
      }
      // The key must be the name and the parts the value repeats (one record, one key).
      if (!Buffer.concat([prefix, ...list.value.map(serializeStackItem)]).equals(key)) {
        break;
      }
      found = { map, key: list.value.map(unwrapValue), value: unwrapValue(content) };
      break;
    }
    if (found === undefined) {
      unknown.push(item.key);
    } else {
      records.push(found);
    }
  }

  return { records, unknown };
};

const varIntBytes = (value: number): Buffer => {
  if (value < 0xfd) {
    return Buffer.from([value]);
  }
  if (value <= 0xffff) {
    const out = Buffer.alloc(3);
    out[0] = 0xfd;
    out.writeUInt16LE(value, 1);

    return out;
  }
  const out = Buffer.alloc(5);
  out[0] = 0xfe;
  out.writeUInt32LE(value, 1);

  return out;
};

/** Runtime.Serialize of a stack item (the inverse of deserializeStackItem). */
export const serializeStackItem = (item: StackValue): Buffer => {
  switch (item.type) {
    case 'bytes':
      return Buffer.concat([Buffer.from([0x00]), varIntBytes(item.value.length), item.value]);
    case 'boolean':
      return Buffer.from([0x01, item.value ? 1 : 0]);
    case 'integer': {
      const bytes = bytesOf(item);

      return Buffer.concat([Buffer.from([0x02]), varIntBytes(bytes.length), bytes]);
    }
    case 'array':
    case 'struct':
      return Buffer.concat([Buffer.from([item.type === 'array' ? 0x80 : 0x81]), varIntBytes(item.value.length), ...item.value.map(serializeStackItem)]);
    case 'map':
      return Buffer.concat([
        Buffer.from([0x82]),
        varIntBytes(item.value.length),
        ...item.value.flatMap(([key, value]) => [serializeStackItem(key), serializeStackItem(value)]),
      ]);
  }
};

// ---------------------------------------------------------------- Reading

/** Every storage record of the contract at `address` (a NEO address), in one RPC request. */
export const readContractStorage = async (rpcURL: string, address: string): Promise<RawStorageItem[]> => {
  const response = await fetch(rpcURL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getallstorage', params: [addressScriptHash(address)] }),
  });
  if (!response.ok) {
    throw new Error(`The node at ${rpcURL} answered getallstorage with HTTP ${response.status}.`);
  }
  const body = (await response.json()) as { result?: RawStorageItem[]; error?: { message?: string } };
  if (body.result === undefined) {
    throw new Error(`The node at ${rpcURL} gave no storage of ${address}: ${body.error?.message ?? 'no result'}.`);
  }

  return body.result;
};

/** The script hash (0x…, as RPC takes it) of a NEO address. */
export const addressScriptHash = (address: string): string => addressToScriptHash(address);

/** Addresses already spelled, by script hash (a member's hash is in many records; base58check is slow). */
const spelled = new Map<string, string>();

/** A stored Address (20 bytes) as the client gives it: a NEO address. */
export const toAddress = (value: Value): string => {
  if (!Buffer.isBuffer(value) || value.length !== 20) {
    throw new Error(`A stored address is not 20 bytes: ${describe(value)}.`);
  }
  const hex = value.toString('hex');
  let address = spelled.get(hex);
  if (address === undefined) {
    address = crypto.scriptHashToAddress({ addressVersion: common.NEO_ADDRESS_VERSION, scriptHash: common.bufferToUInt160(value) });
    spelled.set(hex, address);
  }

  return address;
};

/** A stored Hash256 (32 bytes) as the client gives it: 0x… (neo-one's byte order). */
export const toHash256 = (value: Value): string => {
  if (!Buffer.isBuffer(value) || value.length !== 32) {
    throw new Error(`A stored Hash256 is not 32 bytes: ${describe(value)}.`);
  }

  return JSONHelper.writeUInt256(common.bufferToUInt256(value));
};

export const describe = (value: Value): string =>
  Buffer.isBuffer(value)
    ? `0x${value.toString('hex')}`
    : Array.isArray(value)
    ? `[${value.map(describe).join(', ')}]`
    : typeof value === 'bigint'
    ? value.toString()
    : JSON.stringify(value) ?? String(value);

// ---------------------------------------------------------------- The group's records

/** The MapStorage properties of each contract (neo-one/contracts/*.ts). */
export const STORAGE_MAPS = {
  ledger: ['members', 'memberAt', 'totals', 'partnerAt'],
  trades: ['offers', 'counts', 'partnerAt'],
  plants: ['plants', 'pledgeAt', 'pledgeIndex', 'checks', 'partnerAt'],
  referendums: ['referendums', 'tallies', 'roll', 'invitations', 'invited', 'counts', 'partnerAt'],
} as const;

export type StorageRole = keyof typeof STORAGE_MAPS;

/** A contract's decoded storage: its maps by name (key text → record), its class properties, what was not understood. */
export interface ContractStorage {
  readonly maps: ReadonlyMap<string, ReadonlyMap<string, StorageRecord>>;
  /** The class properties (neo-one's common storage, key ''): founder, settings, deployed. */
  readonly properties: ReadonlyMap<string, Value>;
  /** Hex keys of records the auditor cannot place. */
  readonly unknown: readonly string[];
  readonly records: number;
}

/** The text of a key (its parts joined by '|', addresses as NEO addresses). */
export const keyText = (parts: readonly Value[]): string =>
  parts.map((part) => (typeof part === 'string' ? part : Buffer.isBuffer(part) && part.length === 20 ? toAddress(part) : describe(part))).join('|');

/** Decodes one contract's records (its maps, its class properties). */
export const decodeContractStorage = (items: readonly RawStorageItem[], maps: readonly string[]): ContractStorage => {
  const properties = new Map<string, Value>();
  const rest: RawStorageItem[] = [];
  const unknownCommon: string[] = [];
  for (const item of items) {
    if (item.key !== '') {
      rest.push(item);
      continue;
    }
    // neo-one's common storage: a Map of property name → neo-one value.
    const stored = deserializeStackItem(Buffer.from(item.value, 'hex'));
    if (stored.type !== 'map') {
      unknownCommon.push(item.key);
      continue;
    }
    for (const [name, value] of stored.value) {
      properties.set(bytesOf(name).toString('utf8'), unwrapValue(value));
    }
  }
  const { records, unknown } = decodeRecords(rest, maps);
  const byMap = new Map<string, Map<string, StorageRecord>>(maps.map((map) => [map, new Map()]));
  for (const record of records) {
    (byMap.get(record.map) as Map<string, StorageRecord>).set(keyText(record.key), record);
  }

  return { maps: byMap, properties, unknown: [...unknownCommon, ...unknown], records: items.length };
};

/** The four contracts' decoded storage. */
export type GroupStorage = Readonly<Record<StorageRole, ContractStorage>>;

/** Reads and decodes the four contracts' storage (four requests, at once). */
export const readGroupStorage = async (rpcURL: string, contracts: Readonly<Record<StorageRole, string>>): Promise<GroupStorage> => {
  const roles = Object.keys(STORAGE_MAPS) as StorageRole[];
  const raw = await Promise.all(roles.map(async (role) => readContractStorage(rpcURL, contracts[role])));

  return Object.fromEntries(roles.map((role, index) => [role, decodeContractStorage(raw[index], STORAGE_MAPS[role])])) as any;
};

// ---------------------------------------------------------------- The contracts' reads, from storage

/** A tuple record's field as a number type (bigint), text, address or hash; errors name the record. */
const field = (record: StorageRecord | undefined, index: number): Value => {
  if (record === undefined) {
    return undefined;
  }
  if (!Array.isArray(record.value) || index >= record.value.length) {
    throw new Error(`The stored ${record.map} record ${keyText(record.key)} is not the tuple the contract writes: ${describe(record.value)}.`);
  }

  return (record.value as readonly Value[])[index];
};
const int = (value: Value): bigint => {
  if (typeof value !== 'bigint') {
    throw new Error(`A stored number is ${describe(value)}.`);
  }

  return value;
};
const text = (value: Value): string => {
  if (typeof value !== 'string') {
    throw new Error(`A stored text is ${describe(value)}.`);
  }

  return value;
};
const optionalAddress = (value: Value): string | undefined => (value === undefined || value === null ? undefined : toAddress(value));
const optionalHash = (value: Value): string | undefined => (value === undefined || value === null ? undefined : toHash256(value));

/** Raw 1e-8 SEB and raw cents as the client's decimals give them. */
export const fixed = (raw: bigint, decimals: number): BigNumber => new BigNumber(raw.toString()).shiftedBy(-decimals);

/**
 * The cents a pledge keeps (MTEMsmPlants' keptOf): all of it, or its share of the cost
 * when the plant was oversubscribed and its cut threshold adopted (the largest-remainder
 * rule of src/domain/apportion.ts, at the stored threshold).
 */
export const keptOf = (cost: bigint, pledged: bigint, cutThreshold: bigint, amount: bigint, order: bigint): bigint => {
  if (pledged <= cost || cutThreshold === 0n) {
    return amount;
  }
  const [kept] = sharesAt(cost, [{ weight: amount, order }], pledged, cutThreshold);

  return kept;
};

/**
 * The group as the contracts' @constant reads give it, computed from their storage the
 * way each read computes it (neo-one/contracts/*.ts, "Reads"); values in the client's
 * units (BigNumber with the ABI's decimals, addresses as NEO addresses).
 */
export class StorageView {
  public constructor(public readonly storage: GroupStorage, public readonly ledgerAddress: string) {}

  public map(role: StorageRole, name: string): ReadonlyMap<string, StorageRecord> {
    return this.storage[role].maps.get(name) as ReadonlyMap<string, StorageRecord>;
  }

  private get(role: StorageRole, name: string, key: string): StorageRecord | undefined {
    return this.map(role, name).get(key);
  }

  private totals(): readonly bigint[] {
    const totals = this.get('ledger', 'totals', 'totals');
    if (totals === undefined) {
      throw new Error("The ledger's storage holds no totals.");
    }

    return Array.from({ length: 8 }, (_, index) => int(field(totals, index)));
  }

  /** MTEMsmReferendums' counts: [admissions, members, referendums]. */
  public referendumCounts(): readonly bigint[] {
    const counts = this.get('referendums', 'counts', 'counts');

    return counts === undefined ? [0n, 0n, 0n] : [0, 1, 2].map((index) => int(field(counts, index)));
  }

  public groupSummary() {
    const [plants, capacityW, , , , , maxPowerW] = this.totals();

    return {
      maxPowerW: fixed(maxPowerW, 0),
      powerPlants: fixed(plants, 0),
      members: fixed(this.map('ledger', 'partnerAt').has('referendums') ? this.referendumCounts()[1] : 0n, 0),
      totalSupply: fixed(capacityW * 100_000n, 8),
      totalCapacityW: fixed(capacityW, 0),
    };
  }

  public treasury() {
    const [, , quotaW, tokens] = this.totals();

    return { quotaW: fixed(quotaW, 0), tokens: fixed(tokens, 8) };
  }

  public member(address: string) {
    const record = this.get('ledger', 'members', address);
    if (record === undefined) {
      return undefined;
    }

    return {
      utility: text(field(record, 0)),
      profileHash: toHash256(field(record, 1)),
      quotaW: fixed(int(field(record, 2)), 0),
      tokens: fixed(int(field(record, 3)), 8),
      joinedAt: fixed(int(field(record, 4)), 0),
    };
  }

  /** [serial, removals, reservedQuotaW, reservedTokens (raw), pledges, offers]; the treasury's; [] for others. */
  public memberState(address: string): bigint[] {
    if (address === this.ledgerAddress) {
      const [, , , , reservedQuotaW, reservedTokens] = this.totals();

      return [0n, 0n, reservedQuotaW, reservedTokens, 0n, 0n];
    }
    const record = this.get('ledger', 'members', address);

    return record === undefined ? [] : [5, 6, 7, 8, 9, 10].map((index) => int(field(record, index)));
  }

  /** The member's binding, '#<serial>' (bindingOf's halves). */
  public binding(address: string): string | undefined {
    const record = this.get('ledger', 'members', address);

    return record === undefined ? undefined : text(field(record, 11));
  }

  /** balanceOf: the treasury's SEB for the ledger's own address, a member's, else 0. */
  public balanceOf(address: string): BigNumber {
    if (address === this.ledgerAddress) {
      return this.treasury().tokens;
    }

    return this.member(address)?.tokens ?? fixed(0n, 8);
  }

  /** memberCount (MTEMsmReferendums' roll). */
  public memberCount(): BigNumber {
    return fixed(this.referendumCounts()[1], 0);
  }

  /** listOfPowerPlants: P<offset+1> … while the plant exists, at most `limit`. */
  public listOfPowerPlants(offset: number, limit: number): string[] {
    const page: string[] = [];
    for (let index = offset + 1; index <= offset + limit && this.get('plants', 'plants', `P${index}`) !== undefined; index++) {
      page.push(`P${index}`);
    }

    return page;
  }

  public listOfMembers(offset: number, limit: number): string[] {
    const page: string[] = [];
    for (let serial = offset + 1; serial <= offset + limit; serial++) {
      const address = this.get('ledger', 'memberAt', String(serial));
      if (address !== undefined) {
        page.push(toAddress(address.value));
      }
    }

    return page;
  }

  public partners(role: 'ledger' | 'plants' | 'trades' | 'referendums' = 'ledger'): Record<string, string | undefined> {
    return Object.fromEntries([...this.map(role, 'partnerAt')].map(([name, record]) => [name, toAddress(record.value)]));
  }

  public offerCount(): BigNumber {
    const counted = this.get('trades', 'counts', 'offers');

    return fixed(counted === undefined ? 0n : int(counted.value), 0);
  }

  public powerPlant(ppID: string) {
    const record = this.get('plants', 'plants', ppID);
    if (record === undefined) {
      return undefined;
    }
    const number = (index: number, decimals = 0): BigNumber => fixed(int(field(record, index)), decimals);

    return {
      capacityW: number(0),
      cost: number(1, 2),
      utility: text(field(record, 2)),
      timeToMarket: number(3),
      status: text(field(record, 4)),
      fundingEndsAt: number(5),
      raised: number(6, 2),
      funders: number(7),
      fundedAt: number(8),
      operatingSince: number(9),
    };
  }

  /** [openedAt, pledged (raw cents), cutThreshold, quotaThreshold, done]; [] for an unknown plant. */
  public plantState(ppID: string): bigint[] {
    const record = this.get('plants', 'plants', ppID);

    return record === undefined ? [] : [10, 11, 12, 13, 14].map((index) => int(field(record, index)));
  }

  /** The pledge at an index of a plant: member, raw cents as made, order, binding. */
  public pledgeAt(ppID: string, index: number) {
    const record = this.get('plants', 'pledgeAt', `${ppID}|${index}`);

    return record === undefined
      ? undefined
      : { member: toAddress(field(record, 0)), amount: int(field(record, 1)), order: int(field(record, 2)), binding: text(field(record, 3)) };
  }

  /** Every pledge of a plant in index order, as made (pledges(ppID, …) page after page). */
  public pledges(ppID: string): Array<{ member: string; amount: bigint; order: bigint }> {
    const funders = this.plantState(ppID).length === 0 ? 0 : Number(int(field(this.get('plants', 'plants', ppID), 7)));
    const rows: Array<{ member: string; amount: bigint; order: bigint }> = [];
    for (let index = 1; index <= funders; index++) {
      const pledge = this.pledgeAt(ppID, index);
      if (pledge === undefined) {
        throw new Error(`Plant ${ppID} has ${funders} funders but no stored pledge at index ${index}.`);
      }
      rows.push({ member: pledge.member, amount: pledge.amount, order: pledge.order });
    }

    return rows;
  }

  /** What the member's pledge keeps (R$), 0 without one. */
  public bidOf(ppID: string, address: string): BigNumber {
    const plant = this.get('plants', 'plants', ppID);
    const index = this.get('plants', 'pledgeIndex', `${ppID}|${address}`);
    if (plant === undefined || index === undefined) {
      return new BigNumber(0);
    }
    const pledge = this.pledgeAt(ppID, Number(int(index.value)));
    if (pledge === undefined) {
      throw new Error(`The pledge index of ${address} in ${ppID} points to no stored pledge.`);
    }
    const [cost, pledged, cut] = [1, 11, 12].map((at) => int(field(plant, at)));

    return fixed(keptOf(cost, pledged, cut, pledge.amount, pledge.order), 2);
  }

  /** contributionsOf over every plant: P1, P2, … until the first missing one. */
  public contributionsOf(address: string): Array<{ ppID: string; amount: BigNumber }> {
    const list: Array<{ ppID: string; amount: BigNumber }> = [];
    for (let index = 1; this.get('plants', 'plants', `P${index}`) !== undefined; index++) {
      const ppID = `P${index}`;
      if (this.get('plants', 'pledgeIndex', `${ppID}|${address}`) !== undefined) {
        list.push({ ppID, amount: this.bidOf(ppID, address) });
      }
    }

    return list;
  }

  public referendum(rID: string) {
    const record = this.get('referendums', 'referendums', rID);
    if (record === undefined) {
      return undefined;
    }
    const tally = this.get('referendums', 'tallies', rID);
    const member = optionalAddress(field(record, 3));

    return {
      kind: text(field(record, 0)),
      proposer: toAddress(field(record, 1)),
      subject: member ?? text(field(record, 2)),
      openedAt: fixed(int(field(record, 4)), 0),
      endsAt: fixed(int(field(record, 5)), 0),
      electorate: fixed(int(field(record, 6)), 0),
      yes: fixed(tally === undefined ? 0n : int(field(tally, 0)), 0),
      no: fixed(tally === undefined ? 0n : int(field(tally, 1)), 0),
      status: tally === undefined ? 'open' : text(field(tally, 2)),
    };
  }

  public proposal(rID: string) {
    const record = this.get('referendums', 'referendums', rID);
    if (record === undefined) {
      return undefined;
    }
    const proposal = field(record, 10);
    if (!Array.isArray(proposal) || proposal.length !== 9) {
      throw new Error(`The stored proposal of ${rID} is not the tuple the contract writes: ${describe(proposal)}.`);
    }
    const values = proposal as readonly Value[];

    return {
      profileHash: optionalHash(values[0]),
      utility: text(values[1]),
      capacityW: fixed(int(values[2]), 0),
      cost: fixed(int(values[3]), 2),
      timeToMarket: fixed(int(values[4]), 0),
      from: optionalAddress(values[5]),
      to: optionalAddress(values[6]),
      quotaW: fixed(int(values[7]), 0),
      tokens: fixed(int(values[8]), 8),
    };
  }

  /** The admission serials whose ballot a referendum's bitset holds (240 serials a number). */
  public votedSerials(rID: string): number[] {
    const tally = this.get('referendums', 'tallies', rID);
    if (tally === undefined) {
      return [];
    }
    const chunks = field(tally, 3);
    if (!Array.isArray(chunks)) {
      throw new Error(`The stored ballots of ${rID} are not a list: ${describe(chunks)}.`);
    }
    const serials: number[] = [];
    (chunks as readonly Value[]).forEach((chunk, index) => {
      const bits = int(chunk);
      for (let bit = 0; bit < 240; bit++) {
        if ((bits >> BigInt(bit)) & 1n) {
          serials.push(index * 240 + bit + 1);
        }
      }
    });

    return serials;
  }

  /** The roll: a member's admission serial in MTEMsmReferendums. */
  public rollSerial(address: string): number | undefined {
    const record = this.get('referendums', 'roll', address);

    return record === undefined ? undefined : Number(int(record.value));
  }

  /** hasVoted(rID, address): the bit of the address's serial on the roll. */
  public hasVoted(rID: string, address: string): boolean {
    const serial = this.rollSerial(address);

    return serial !== undefined && this.votedSerials(rID).includes(serial);
  }

  public invitation(candidate: string) {
    const record = this.get('referendums', 'invitations', candidate);

    return record === undefined
      ? undefined
      : { inviter: toAddress(field(record, 0)), expiresAt: fixed(int(field(record, 1)), 0), rID: text(field(record, 2)) };
  }

  /** tradeOffer at block time `now`: 'cancelled' once a side's binding changed, 'expired' past expiresAt. */
  public tradeOffer(offerID: string, now: number) {
    const record = this.get('trades', 'offers', offerID);
    if (record === undefined) {
      return undefined;
    }
    const from = toAddress(field(record, 0));
    const to = toAddress(field(record, 1));
    const stored = text(field(record, 4));
    const expiresAt = int(field(record, 6));
    const seller = this.binding(from);
    const buyer = this.binding(to);
    const binding = seller === undefined || buyer === undefined ? '' : `${seller}:${buyer}`;
    const status =
      stored !== 'offered' ? stored : binding !== text(field(record, 7)) ? 'cancelled' : BigInt(now) > expiresAt ? 'expired' : stored;

    return {
      from,
      to,
      quotaW: fixed(int(field(record, 2)), 0),
      tokens: fixed(int(field(record, 3)), 8),
      status,
      offeredAt: fixed(int(field(record, 5)), 0),
      expiresAt: fixed(expiresAt, 0),
    };
  }
}
