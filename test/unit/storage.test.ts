/**
 * The auditor's storage decoding (src/audit/storage.ts) without a node: NeoVM's
 * serialization, neo-one's stored values, records placed in their maps or refused, and
 * the contracts' reads computed from records as the contracts compute them. Records
 * are built here the way neo-one 2.x writes them; NODE_RECORDS are records as a node
 * stored them (copied from `npm run bench:audit`'s chain), decoded to known values.
 */
import BigNumber from 'bignumber.js';
import { addressToScriptHash, scriptHashToAddress } from '@neo-one/client-common';
import { thresholdOf } from '../../src/domain/apportion';
import {
  decodeContractStorage,
  decodeRecords,
  describe,
  deserializeStackItem,
  GroupStorage,
  keptOf,
  RawStorageItem,
  serializeStackItem,
  signedLE,
  StackValue,
  StorageView,
  STORAGE_MAPS,
  toAddress,
  unwrapValue,
  Value,
} from '../../src/audit/storage';

const int = (value: bigint | number): StackValue => ({ type: 'integer', value: BigInt(value) });
const bytes = (value: Buffer): StackValue => ({ type: 'bytes', value });
const struct = (...items: StackValue[]): StackValue => ({ type: 'struct', value: items });
const array = (...items: StackValue[]): StackValue => ({ type: 'array', value: items });

/** A plain value as neo-one stores it: a Struct [type, raw]. */
const neo = (value: Value): StackValue => {
  if (value === undefined) {
    return struct(int(1));
  }
  if (typeof value === 'string') {
    return struct(int(4), bytes(Buffer.from(value, 'utf8')));
  }
  if (typeof value === 'bigint') {
    return struct(int(6), int(value));
  }
  if (typeof value === 'boolean') {
    return struct(int(3), { type: 'boolean', value });
  }
  if (Buffer.isBuffer(value)) {
    return struct(int(9), bytes(value));
  }
  if (Array.isArray(value)) {
    return struct(int(8), array(...value.map(neo)));
  }
  throw new Error(`no neo-one value for ${String(value)}`);
};

/** A MapStorage record as neo-one writes it: key = name ++ Serialize(part)…, value = Serialize([parts, value]). */
const record = (map: string, key: readonly Value[], value: Value): RawStorageItem => ({
  key: Buffer.concat([Buffer.from(map, 'utf8'), ...key.map((part) => serializeStackItem(neo(part)))]).toString('hex'),
  value: serializeStackItem(array(neo(key as Value[]), neo(value))).toString('hex'),
});

/** A stored address: the script hash's 20 bytes, as the contracts keep an Address. */
const hashOf = (address: string): Buffer => Buffer.from(addressToScriptHash(address).slice(2), 'hex').reverse();
/** A NEO address of the script hash 0x<index, 20 bytes> (as the client spells script hashes). */
const addressOf = (index: number): string => scriptHashToAddress(`0x${index.toString(16).padStart(40, '0')}`);

test('NeoVM serialization: integers in little-endian two’s complement, and every item type round-trips', () => {
  expect([[], [0x01], [0xff], [0x80], [0x80, 0x00], [0x00, 0x80], [0xff, 0x7f]].map((list) => signedLE(Buffer.from(list)))).toEqual([
    0n,
    1n,
    -1n,
    -128n,
    128n,
    -32768n,
    32767n,
  ]);
  const item: StackValue = array(
    int(0),
    int(-1),
    int(255),
    int(-129),
    int(2n ** 200n),
    bytes(Buffer.alloc(300, 7)),
    { type: 'boolean', value: true },
    struct(int(6), int(264212645254084427657n)),
    { type: 'map', value: [[bytes(Buffer.from('founder')), neo(Buffer.alloc(20, 1))]] },
  );
  const serialized = serializeStackItem(item);
  expect(serializeStackItem(deserializeStackItem(serialized))).toEqual(serialized);
  expect(deserializeStackItem(serialized)).toEqual({
    ...item,
    // Booleans read back as booleans; integers as bigints.
    value: (item.value as StackValue[]).map((entry) => entry),
  });
  expect(() => deserializeStackItem(Buffer.concat([serialized, Buffer.from([0])]))).toThrow('A storage value has 1 bytes after its item.');
  expect(() => deserializeStackItem(serialized.subarray(0, 20))).toThrow(/^A storage value ends at byte 20, inside an item that needs \d+\.$/);
  expect(() => deserializeStackItem(Buffer.from([0x40]))).toThrow('A storage value holds stack item type 0x40 at byte 0, which NeoVM does not serialize.');
});

test("neo-one values: each type as plain data, and values that are not neo-one's are refused", () => {
  const value: Value = ['Light', 9333n, -5n, undefined, Buffer.from('ab', 'hex'), true, ['nested', 0n]];
  expect(unwrapValue(neo(value))).toEqual(value);
  expect(unwrapValue(struct(int(2)))).toBeNull();
  expect(() => unwrapValue(int(6))).toThrow('A storage value is not a neo-one value (a integer).');
  expect(() => unwrapValue(struct(int(7), array()))).toThrow('A storage value holds neo-one type 7, which the auditor does not decode.');
  expect(() => unwrapValue(struct(int(4)))).toThrow('A neo-one String without its value in a storage value.');
});

test('records are placed in their map by name and key; a record whose key is not its own, or of no map, is unknown', () => {
  const member = addressOf(1);
  const items = [
    record('members', [hashOf(member)], ['Light', Buffer.alloc(32, 2), 10n]),
    record('memberAt', [1n], hashOf(member)),
    record('pledgeAt', ['P1', 2n], [hashOf(member), 15000n, 2n, '#1']),
    // A record of a map the contract does not have.
    record('stranger', ['x'], 1n),
    // A members record whose value names another key than the record's.
    { key: record('members', [hashOf(addressOf(2))], 'x').key, value: record('members', [hashOf(member)], 'x').value },
  ];
  const { records, unknown } = decodeRecords(items, STORAGE_MAPS.ledger.concat(STORAGE_MAPS.plants as any));
  expect(records.map(({ map, key, value }) => [map, key.map((part) => (Buffer.isBuffer(part) ? toAddress(part) : part)), value])).toEqual([
    ['members', [member], ['Light', Buffer.alloc(32, 2), 10n]],
    ['memberAt', [1n], hashOf(member)],
    ['pledgeAt', ['P1', 2n], [hashOf(member), 15000n, 2n, '#1']],
  ]);
  expect(unknown).toEqual([items[3].key, items[4].key]);
  // The class properties: neo-one's common storage under the empty key, a Map by name.
  const common = serializeStackItem({
    type: 'map',
    value: [
      [bytes(Buffer.from('minBid')), neo(10000n)],
      [bytes(Buffer.from('deployed')), neo(true)],
    ],
  }).toString('hex');
  const storage = decodeContractStorage([{ key: '', value: common }, ...items.slice(0, 3)], STORAGE_MAPS.plants);
  expect(Object.fromEntries(storage.properties)).toEqual({ minBid: 10000n, deployed: true });
  expect([...(storage.maps.get('pledgeAt')?.keys() ?? [])]).toEqual(['P1|2']);
  expect(storage.unknown).toEqual([items[0].key, items[1].key]);
});

test('records as a neo-one 2.7 node stored them decode to the values the contracts wrote', () => {
  expect(NODE_RECORDS.map(({ role, map }) => `${role}.${map}`)).toEqual([
    'ledger.members',
    'ledger.memberAt',
    'ledger.totals',
    'plants.plants',
    'plants.pledgeAt',
    'plants.pledgeIndex',
    'referendums.referendums',
    'referendums.tallies',
    'referendums.roll',
    'referendums.counts',
    'trades.offers',
    'trades.counts',
  ]);
  for (const item of NODE_RECORDS) {
    const storage = decodeContractStorage([item], STORAGE_MAPS[item.role]);
    const decoded = storage.maps.get(item.map)?.get(item.keyText);
    expect([item.keyText, storage.unknown, decoded === undefined ? 'none' : describe(decoded.value)]).toEqual([item.keyText, [], item.decoded]);
  }
});

/** Records of the bench chain's four contracts, as `getallstorage` gave them, and what they hold. */
const NODE_RECORDS: Array<RawStorageItem & { role: keyof typeof STORAGE_MAPS; map: string; keyText: string; decoded: string }> = [
  {
    role: 'ledger',
    map: 'members',
    keyText: 'AFpBzwmZ4pM9MbsfAv8wSDQzvDXk2HCcF4',
    key: '6d656d6265727381020201090014007026df483a98521779f6416a7f91bf83134824',
    value:
      '80028102020108800181020201090014007026df483a98521779f6416a7f91bf831348248102020108800c810202010400054c6967687481020201090020661cb45cb016d99439d4d21cdf32013660317046d0f1790fab32cae0048aa28f81020201060202720d8102020106020440138414810202010602047349116b81020201060201308102020106020100810202010602010081020201060201008102020106020100810202010602010081020201040003233438',
    decoded: "[\"Light\", 0x661cb45cb016d99439d4d21cdf32013660317046d0f1790fab32cae0048aa28f, 3442, 344200000, 1796295027, 48, 0, 0, 0, 0, 0, \"#48\"]",
  },
  {
    role: 'ledger',
    map: 'memberAt',
    keyText: '1',
    key: '6d656d62657241748102020106020101',
    value:
      '800281020201088001810202010602010181020201090014ab1a5269fef5bf9fd7f89a0780d9b1e269de921d',
    decoded: "0xab1a5269fef5bf9fd7f89a0780d9b1e269de921d",
  },
  {
    role: 'ledger',
    map: 'totals',
    keyText: 'totals',
    key: '746f74616c7381020201040006746f74616c73',
    value:
      '80028102020108800181020201040006746f74616c7381020201088008810202010602010281020201060203a0bb0d810202010602010081020201060201008102020106020100810202010602010081020201060203404b4c8102020106020101',
    decoded: "[2, 900000, 0, 0, 0, 0, 5000000, 1]",
  },
  {
    role: 'plants',
    map: 'plants',
    keyText: 'P1',
    key: '706c616e7473810202010400025031',
    value:
      '8002810202010880018102020104000250318102020108800f81020201060003a0bb0d81020201060004002a7515810202010400054c696768748102020106000300a776810202010400096f7065726174696e67810202010602048163606b81020201060204002a75158102020106020282008102020106020441841a6b81020201060204132c916b810202010602048149116b810202010600010081020201060001008102020106000989ffffffffe0af520e810202010602028200',
    decoded: "[900000, 360000000, \"Light\", 7776000, \"operating\", 1801479041, 360000000, 130, 1796899905, 1804676115, 1796295041, 0, 0, 264212645254084427657, 130]",
  },
  {
    role: 'plants',
    map: 'pledgeAt',
    keyText: 'P1|1',
    key: '706c6564676541748102020104000250318102020106020101',
    value:
      '80028102020108800281020201040002503181020201060201018102020108800481020201090014ab1a5269fef5bf9fd7f89a0780d9b1e269de921d810202010602037bb3148102020106020101810202010400022331',
    decoded: "[0xab1a5269fef5bf9fd7f89a0780d9b1e269de921d, 1356667, 1, \"#1\"]",
  },
  {
    role: 'plants',
    map: 'pledgeIndex',
    keyText: 'P1|AFpBzwmZ4pM9MbsfAv8wSDQzvDXk2HCcF4',
    key: '706c65646765496e64657881020201040002503181020201090014007026df483a98521779f6416a7f91bf83134824',
    value:
      '80028102020108800281020201040002503181020201090014007026df483a98521779f6416a7f91bf831348248102020106020130',
    decoded: "48",
  },
  {
    role: 'referendums',
    map: 'referendums',
    keyText: 'R1',
    key: '7265666572656e64756d73810202010400025231',
    value:
      '8002810202010880018102020104000252318102020108800b8102020104000961646d697373696f6e8102020109001457e4468bb41a292304096a41beed9dc7cc273261810202010400008102020109001457e4468bb41a292304096a41beed9dc7cc273261810202010602048448116b8102020106020484d5386b810202010602010181020201060201018102020106000100810202010600010081020201088009810202010900206277185d0b2dff9315b6cc80948b36273b38d77aa0dde4cf29f498b7bd6263e3810202010400054c696768748102020106000100810202010600010081020201060001008101020101810102010181020201060001008102020106000100',
    decoded: "[\"admission\", 0x57e4468bb41a292304096a41beed9dc7cc273261, \"\", 0x57e4468bb41a292304096a41beed9dc7cc273261, 1796294788, 1798886788, 1, 1, 0, 0, [0x6277185d0b2dff9315b6cc80948b36273b38d77aa0dde4cf29f498b7bd6263e3, \"Light\", 0, 0, 0, undefined, undefined, 0, 0]]",
  },
  {
    role: 'referendums',
    map: 'tallies',
    keyText: 'R1',
    key: '74616c6c696573810202010400025231',
    value:
      '800281020201088001810202010400025231810202010880048102020106020101810202010600010081020201040008617070726f766564810202010880018102020106020101',
    decoded: "[1, 0, \"approved\", [1]]",
  },
  {
    role: 'referendums',
    map: 'roll',
    keyText: 'AFpBzwmZ4pM9MbsfAv8wSDQzvDXk2HCcF4',
    key: '726f6c6c81020201090014007026df483a98521779f6416a7f91bf83134824',
    value:
      '80028102020108800181020201090014007026df483a98521779f6416a7f91bf831348248102020106020130',
    decoded: "48",
  },
  {
    role: 'referendums',
    map: 'counts',
    keyText: 'counts',
    key: '636f756e747381020201040006636f756e7473',
    value:
      '80028102020108800181020201040006636f756e747381020201088003810202010602028200810202010602028200810202010602028400',
    decoded: "[130, 130, 132]",
  },
  {
    role: 'trades',
    map: 'offers',
    keyText: 'T1',
    key: '6f6666657273810202010400025431',
    value:
      '8002810202010880018102020104000254318102020108800881020201090014fde5d8e5e1d182070f7be0f27872c0a0f8b50977810202010900142c5cefff3739e2ddccb25811bec2cc32770f749b81020201060002a30981020201060004e057b40e810202010400086163636570746564810202010602049b46e06b810202010602041b81e96b81020201040008233131333a233733',
    decoded: "[0xfde5d8e5e1d182070f7be0f27872c0a0f8b50977, 0x2c5cefff3739e2ddccb25811bec2cc32770f749b, 2467, 246700000, \"accepted\", 1809860251, 1810465051, \"#113:#73\"]",
  },
  {
    role: 'trades',
    map: 'counts',
    keyText: 'offers',
    key: '636f756e7473810202010400066f6666657273',
    value:
      '800281020201088001810202010400066f6666657273810202010602028107',
    decoded: "1921",
  },
];

test("keptOf: the cents an oversubscribed plant keeps of each pledge, at the adopted threshold, add up to the cost", () => {
  // R$ 1.00 of cost, pledges of 0.30, 0.40 and 0.50: shares 25, 33.3 and 41.7 cents, the leftover cent to the largest remainder.
  const pledges = [30n, 40n, 50n].map((weight, index) => ({ weight, order: BigInt(index + 1) }));
  const cut = thresholdOf(100n, pledges, 120n);
  const kept = pledges.map(({ weight, order }) => keptOf(100n, 120n, cut, weight, order));
  expect(kept).toEqual([25n, 33n, 42n]);
  // Not oversubscribed, or no threshold adopted yet: the pledge as made.
  expect([keptOf(100n, 100n, cut, 30n, 1n), keptOf(100n, 120n, 0n, 30n, 1n)]).toEqual([30n, 30n]);
});

/** A group's storage from records, role by role. */
const groupStorage = (records: Partial<Record<keyof typeof STORAGE_MAPS, RawStorageItem[]>>): GroupStorage =>
  Object.fromEntries(
    (Object.keys(STORAGE_MAPS) as Array<keyof typeof STORAGE_MAPS>).map((role) => [role, decodeContractStorage(records[role] ?? [], STORAGE_MAPS[role])]),
  ) as any;

test("the contracts' reads from storage: members by serial with gaps, kept pledges, subjects, ballots past 240 serials, offer statuses", () => {
  const ledger = addressOf(100);
  const [first, second, third] = [addressOf(1), addressOf(2), addressOf(3)];
  const memberRecord = (utility: string, serial: number, quotaW: bigint): Value => [
    utility,
    Buffer.alloc(32, serial),
    quotaW,
    quotaW * 100_000n,
    1_700_000_000n + BigInt(serial),
    BigInt(serial),
    0n,
    0n,
    0n,
    1n,
    serial === 1 ? 1n : 0n,
    `#${serial}`,
  ];
  const plant = (pledged: bigint, cut: bigint, funders: bigint): Value => [
    900_000n,
    100n,
    'Light',
    7_776_000n,
    'funded',
    1_800_000_000n,
    100n,
    funders,
    1_790_000_000n,
    0n,
    1_780_000_000n,
    pledged,
    cut,
    0n,
    0n,
  ];
  const pledges = [30n, 40n, 50n].map((weight, index) => ({ weight, order: BigInt(index + 1) }));
  const cut = thresholdOf(100n, pledges, 120n);
  const storage = groupStorage({
    ledger: [
      record('totals', ['totals'], [1n, 900_000n, 5n, 500_000n, 0n, 0n, 5_000_000n, 1n]),
      record('members', [hashOf(first)], memberRecord('Light', 1, 10n)),
      record('members', [hashOf(third)], memberRecord('=HYPERLINK("http://x","y")', 241, 0n)),
      record('memberAt', [1n], hashOf(first)),
      // Serial 2 left the group: its place is empty.
      record('memberAt', [241n], hashOf(third)),
      record('partnerAt', ['referendums'], hashOf(addressOf(101))),
    ],
    plants: [
      record('plants', ['P1'], plant(120n, cut, 3n)),
      record('plants', ['P2'], plant(0n, 0n, 0n)),
      ...[first, second, third].map((address, index) =>
        record('pledgeAt', ['P1', BigInt(index + 1)], [hashOf(address), pledges[index].weight, pledges[index].order, `#${index + 1}`]),
      ),
      ...[first, second, third].map((address, index) => record('pledgeIndex', ['P1', hashOf(address)], BigInt(index + 1))),
    ],
    referendums: [
      record('counts', ['counts'], [241n, 2n, 1n]),
      record('roll', [hashOf(first)], 1n),
      record('roll', [hashOf(third)], 241n),
      record('referendums', ['R1'], [
        'removal',
        hashOf(first),
        '',
        hashOf(second),
        1_700_000_000n,
        1_702_592_000n,
        2n,
        241n,
        2n,
        0n,
        [undefined, '', 0n, 0n, 0n, undefined, undefined, 0n, 0n],
      ]),
      // Serial 1 (bit 0 of the first number) and serial 241 (bit 0 of the second) voted.
      record('tallies', ['R1'], [2n, 0n, 'open', [1n, 1n]]),
    ],
    trades: [
      record('counts', ['offers'], 3n),
      record('offers', ['T1'], [hashOf(first), hashOf(third), 1n, 100_000n, 'offered', 1_700_000_000n, 1_700_100_000n, '#1:#241']),
      record('offers', ['T2'], [hashOf(first), hashOf(third), 1n, 100_000n, 'offered', 1_700_000_000n, 1_700_100_000n, '#1:#3']),
      record('offers', ['T3'], [hashOf(first), hashOf(third), 1n, 100_000n, 'accepted', 1_700_000_000n, 1_700_100_000n, '#1:#241']),
    ],
  });
  const view = new StorageView(storage, ledger);
  expect(view.groupSummary()).toEqual({
    maxPowerW: new BigNumber(5_000_000),
    powerPlants: new BigNumber(1),
    members: new BigNumber(2),
    totalSupply: new BigNumber(900),
    totalCapacityW: new BigNumber(900_000),
  });
  expect(view.treasury()).toEqual({ quotaW: new BigNumber(5), tokens: new BigNumber('0.005') });
  expect([view.listOfMembers(0, 100), view.listOfMembers(100, 100), view.listOfMembers(200, 100), view.listOfMembers(300, 100)]).toEqual([
    [first],
    [],
    [third],
    [],
  ]);
  expect(view.member(third)).toEqual({
    utility: '=HYPERLINK("http://x","y")',
    profileHash: `0x${Buffer.alloc(32, 241).toString('hex')}`,
    quotaW: new BigNumber(0),
    tokens: new BigNumber(0),
    joinedAt: new BigNumber(1_700_000_241),
  });
  expect([view.memberState(first), view.memberState(ledger), view.memberState(second)]).toEqual([[1n, 0n, 0n, 0n, 1n, 1n], [0n, 0n, 0n, 0n, 0n, 0n], []]);
  // Kept: 25, 33 and 42 cents of the 100.
  expect([first, second, third, addressOf(9)].map((address) => view.bidOf('P1', address).toFixed(2))).toEqual(['0.25', '0.33', '0.42', '0.00']);
  expect(view.contributionsOf(third)).toEqual([{ ppID: 'P1', amount: new BigNumber('0.42') }]);
  expect(view.pledges('P1').map(({ member, amount }) => `${member === first ? 'first' : member === second ? 'second' : 'third'}:${amount}`)).toEqual([
    'first:30',
    'second:40',
    'third:50',
  ]);
  expect(view.referendum('R1')).toMatchObject({ kind: 'removal', proposer: first, subject: second, yes: new BigNumber(2), status: 'open' });
  expect(view.proposal('R1')).toMatchObject({ profileHash: undefined, from: undefined, utility: '' });
  expect(view.votedSerials('R1')).toEqual([1, 241]);
  expect([first, second, third].map((address) => view.hasVoted('R1', address))).toEqual([true, false, true]);
  // T1 open until its expiry; T2 bound to a membership (#3) that is not the buyer's now; T3 as recorded.
  expect(['T1', 'T2', 'T3'].map((id) => view.tradeOffer(id, 1_700_100_000)?.status)).toEqual(['offered', 'cancelled', 'accepted']);
  expect(view.tradeOffer('T1', 1_700_100_001)?.status).toBe('expired');
  expect([view.referendum('R2'), view.tradeOffer('T4', 0), view.powerPlant('P3'), view.invitation(first)]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  // A record that is not the tuple the contract writes is an error naming it.
  const broken = new StorageView(groupStorage({ plants: [record('plants', ['P1'], [1n, 2n])] }), ledger);
  expect(() => broken.powerPlant('P1')).toThrow('The stored plants record P1 is not the tuple the contract writes: [1, 2].');
});
