/**
 * MTEMsmEnergy (issue 15, first part): devices, meter-witnessed production readings and
 * the credits of members' own devices, on a group of three members with one operating
 * plant of 3,000 W. Every refusal is sent twice: the client's test run refuses it with
 * the contract's message, and sent anyway it FAULTs in a block with the same message and
 * changes nothing (the witness refusals only on chain: neo-one's test run treats every
 * witness as given). Readings' rules: src/domain/energy.ts (unit-tested at each edge).
 */
import { createPrivateKey, TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sendBlock, WITHOUT_TEST_RUN } from '../src/chain/batch';
import {
  blockFor,
  connect,
  DEFAULT_SETTINGS,
  deployGroup,
  fundWithGAS,
  Group,
  lastBlockTime,
  NETWORK,
  passTime,
  profileHash,
  Settings,
} from '../src/chain/group';
import { audit } from '../src/audit/audit';
import { allocationRows, cycleOf, energyRows, rebuildEnergy } from '../src/audit/energy';
import { auditedGroup, readGroupHistory } from '../src/audit/events';
import { writeExports } from '../src/audit/exports';
import type { GroupEvent } from '../src/audit/rebuild';
import { deserializeStackItem, readContractStorage, StackValue } from '../src/audit/storage';
import { RunningNode, startNode } from '../src/chain/node';
import { closeCrowdfunding, startOperation } from '../src/chain/plants';
import {
  certificateMix,
  CONSUMPTION_DATA_ERROR,
  consumptionLeaf,
  CreditPool,
  intervalOf,
  merkleProof,
  merkleRoot,
  packConsumption,
  packReadings,
  readingRefusal,
  READING_ERRORS,
  unpackConsumption,
  unpackReadings,
} from '../src/domain/energy';
import { compiledGroup, plain } from './group';

const SETTINGS: Settings = { ...DEFAULT_SETTINGS, referendumPeriod: 600, crowdfundingPeriod: 1_200, minTimeToMarket: 600, minFundingWindow: 300 };
const UTILITY = 'Light';
const big = (value: number | string): BigNumber => new BigNumber(value);
/** Energies as recordProduction takes them: packed 3 bytes an interval, in hex. */
const packed = (energies: readonly number[]): string => packReadings(energies.map(BigInt)).toString('hex');

let node: RunningNode;
let group: Group;
let energy: any;
let consumption: any;
let founder: UserAccountID;
let ana: UserAccountID;
let bia: UserAccountID;
let outsider: UserAccountID;
let treasury: string;
const meters: UserAccountID[] = [];
/** Intervals whose commitments the snapshot reads. */
const watched: number[] = [];

const ok = async (operation: string, calls: Array<Promise<TransactionResult<any>>>): Promise<any[]> =>
  (await sendBlock(group, operation, calls)).map((receipt) => receipt.value);

/** Everything the contract holds that a refusal could change. */
const snapshot = async (): Promise<unknown> => {
  const devices: string[] = await energy.listOfDevices(big(0), big(100));

  return plain({
    totals: await energy.energyTotals(),
    devices: await Promise.all(devices.map(async (id) => energy.device(id))),
    credits: await Promise.all([founder, ana, bia, outsider].map(async (account) => energy.creditsOf(account.address))),
    owned: await Promise.all([founder, ana, bia].map(async (account) => energy.devicesOf(account.address, big(0), big(100)))),
    treasuryOwned: await energy.devicesOf(treasury, big(0), big(100)),
    consumption: await Promise.all(watched.map(async (interval) => consumption.consumptionOf(big(interval)))),
  });
};

/**
 * A refused call: the test run's message (unless `chainOnly`), then the same call sent
 * without it FAULTs with that message in a block, and the contract is as it was.
 */
const refused = async (
  message: string,
  call: (options: Record<string, unknown>) => Promise<TransactionResult<any>>,
  from: UserAccountID,
  chainOnly = false,
): Promise<void> => {
  const before = await snapshot();
  if (!chainOnly) {
    await expect(call({ from })).rejects.toThrow(message);
  }
  const sent = await call({ from, ...WITHOUT_TEST_RUN });
  await blockFor(group.developer, group.chain, sent.transaction.hash);
  const receipt = await sent.confirmed({ timeoutMS: 60_000 });
  expect([receipt.result.state, receipt.result.state === 'FAULT' ? receipt.result.message.split('\n')[0] : '']).toEqual([
    'FAULT',
    expect.stringContaining(message),
  ]);
  expect(await snapshot()).toEqual(before);
};

beforeAll(async () => {
  node = await startNode();
  const deployer = connect({ rpcURL: node.rpcURL });
  const compiled = await compiledGroup();
  const deployment = await deployGroup(deployer, await deployer.master(), SETTINGS, compiled);
  group = connect({ rpcURL: node.rpcURL, contracts: deployment.contracts, sourceMaps: deployment.sourceMaps, autoConsensus: true });
  treasury = deployment.contracts.ledger;
  founder = await group.master();
  ana = await group.addAccount(createPrivateKey());
  bia = await group.addAccount(createPrivateKey());
  outsider = await group.addAccount(createPrivateKey());
  for (let index = 0; index < 3; index++) {
    meters.push(await group.addAccount(createPrivateKey()));
  }
  await fundWithGAS(group, founder, [ana.address, bia.address, outsider.address], 100);
  await ok('admission', [group.referendums.admission(founder.address, profileHash('F', '1', 's'), UTILITY, { from: founder })]);
  for (const [candidate, voters] of [
    [ana, [founder]],
    [bia, [founder, ana]],
  ] as const) {
    await ok('invite', [group.referendums.invite(founder.address, candidate.address, { from: founder })]);
    const [rID] = await ok('admission', [
      group.referendums.admission(candidate.address, profileHash(candidate.address, '1', 's'), UTILITY, { from: candidate }),
    ]);
    await ok('vote', voters.map((voter) => group.referendums.vote(rID, voter.address, true, { from: voter })));
    await ok('admissionResult', [group.referendums.admissionResult(rID, { from: founder })]);
  }
  const [rID] = await ok('powerUp', [
    group.referendums.powerUp(founder.address, big(3_000), big(300), UTILITY, big(SETTINGS.minTimeToMarket), { from: founder }),
  ]);
  await ok('vote', [founder, ana].map((member) => group.referendums.vote(rID, member.address, true, { from: member })));
  const [ppID] = await ok('powerUpResult', [group.referendums.powerUpResult(rID, { from: founder })]);
  expect(ppID).toBe('P1');
  await ok('bid', [founder, ana, bia].map((member) => group.plants.bid(ppID, member.address, big(100), { from: member })));
  await passTime(group, SETTINGS.minFundingWindow + 1);
  const sendPage = async (operation: string, call: (options: any) => Promise<TransactionResult<any>>): Promise<boolean> =>
    (await sendBlock(group, operation, [call({ from: founder })]))[0].value === true;
  expect(await closeCrowdfunding(group.plants, ppID, sendPage)).toEqual('funded');
  await passTime(group, SETTINGS.minTimeToMarket + 1);
  await startOperation(group.plants, ppID, sendPage);
  // The energy layer's two contracts came with the group (deployGroup), linked one way; the founder is the operator.
  energy = group.energy;
  consumption = group.consumption;
}, 600_000);

afterAll(async () => {
  await node?.stop().catch(() => undefined);
});

test('devices: a member registers their own, the operator a plant meter; reads by ID, owner and page', async () => {
  const [own] = await ok('registerDevice', [
    energy.registerDevice(ana.address, 'production', meters[0].address, big(4_000), 'solar', '', '', { from: ana }),
  ]);
  const [plant] = await ok('registerDevice', [
    energy.registerDevice(treasury, 'production', meters[1].address, big(3_000), 'solar', 'P1', '', { from: founder }),
  ]);
  const [home] = await ok('registerDevice', [
    energy.registerDevice(bia.address, 'consumption', meters[2].address, big(9_000), '', '', 'residential', { from: bia }),
  ]);
  expect([own, plant, home]).toEqual(['D1', 'D2', 'D3']);
  expect(plain(await energy.device('D1'))).toEqual({
    owner: ana.address,
    kind: 'production',
    meter: meters[0].address,
    capacityW: '4000',
    source: 'solar',
    plantID: '',
    category: '',
    status: 'active',
    lastInterval: '-1',
    registerWh: '0',
  });
  expect(await energy.devicesOf(ana.address, big(0), big(100))).toEqual(['D1']);
  expect(await energy.devicesOf(treasury, big(0), big(100))).toEqual(['D2']);
  expect(await energy.listOfDevices(big(1), big(100))).toEqual(['D2', 'D3']);
  expect(await energy.operator()).toBe(founder.address);
  // [devices, produced, credited, unclaimed, certificates, unclaimed by source ×5, range]
  expect(plain(await energy.energyTotals())).toEqual(['3', '0', '0', '0', '0', '0', '0', '0', '0', '0', '-1', '-1']);
});

test('registration refusals change nothing', async () => {
  const fresh = await group.addAccount(createPrivateKey());
  const own = (kind: string, capacity: number, source: string, category: string, meter = fresh.address) => (options: any) =>
    energy.registerDevice(ana.address, kind, meter, big(capacity), source, '', category, options);
  const plantMeter = (owner: string, kind: string, capacity: number, ppID: string) => (options: any) =>
    energy.registerDevice(owner, kind, fresh.address, big(capacity), 'solar', ppID, kind === 'consumption' ? 'residential' : '', options);
  await refused('A device is a production or a consumption device.', own('storage', 100, '', ''), ana);
  await refused('A device needs a capacity above 0 W.', own('production', 0, 'solar', ''), ana);
  await refused('A production device has a source: solar, wind, hydro, biomass or other.', own('production', 100, 'coal', ''), ana);
  await refused('A consumption device has a category: residential, commercial or industrial.', own('consumption', 100, '', 'x'), ana);
  await refused('That meter already has a device.', own('production', 100, 'solar', '', meters[0].address), ana);
  await refused(
    'Only members register devices.',
    (options: any) => energy.registerDevice(outsider.address, 'production', fresh.address, big(100), 'solar', '', '', options),
    outsider,
  );
  await refused('Only the owner may register a device of their own.', own('production', 100, 'solar', ''), bia, true);
  await refused("Only the operator registers a group plant's meter.", plantMeter(treasury, 'production', 100, 'P1'), ana, true);
  await refused("A group plant's device is a production meter.", plantMeter(treasury, 'consumption', 100, 'P1'), founder);
  await refused("A group plant's meter belongs to the group (the ledger's address).", plantMeter(ana.address, 'production', 100, 'P1'), founder);
  await refused('The plant is not operating.', plantMeter(treasury, 'production', 100, 'P9'), founder);
  await refused("A plant meter's capacity is at most the plant's.", plantMeter(treasury, 'production', 3_001, 'P1'), founder);
});

test("readings: a member's own device credits its owner, a plant's every holder of quota pro rata; each refusal changes nothing", async () => {
  await passTime(group, 2 * 86_400);
  const now = await lastBlockTime(group);
  // Room for two days of the plant's readings before now.
  const first = intervalOf(now) - 300;
  const record = (deviceID: string, firstInterval: number, energies: number[], register: number) => (options: any) =>
    energy.recordProduction(deviceID, big(firstInterval), packed(energies), big(register), options);
  // D1: 4,000 W, so at most 1,000 Wh an interval: a day of 96 readings in one transaction.
  const day = Array.from({ length: 96 }, (_, index) => (index % 4 === 0 ? 1_000 : index));
  const sum = day.reduce((total, value) => total + value, 0);
  const [recorded] = await sendBlock(group, 'recordProduction', [record('D1', first, day, sum)({ from: meters[0] })]);
  expect(recorded.value).toBe(true);
  // One event with the call's readings, one credit to the owner.
  expect(recorded.events.map((event) => [event.name, event.parameters])).toEqual([
    ['production', { deviceID: 'D1', firstInterval: String(first), energiesWh: packed(day), registerWh: String(sum) }],
    ['credit', { holder: ana.address, deviceID: 'D1', energyWh: String(sum) }],
  ]);
  // The most a call carries, within the free 10 GAS (gasCost is deterministic; reports/gas.md has the bench's).
  expect(recorded.gasCost.toNumber()).toBeLessThanOrEqual(10);
  expect(plain(await energy.creditsOf(ana.address))).toEqual({
    accruedWh: String(sum),
    retiredWh: '0',
    soldWh: '0',
    boughtWh: '0',
    balanceWh: String(sum),
  });
  expect(plain(await energy.device('D1'))).toEqual(expect.objectContaining({ lastInterval: String(first + 95), registerWh: String(sum) }));
  // The plant meter D2 (3,000 W: 750 Wh an interval at most), a day too.
  const [plantReading] = await sendBlock(group, 'recordProduction', [record('D2', first, [750, 0, 10, ...Array(93).fill(0)], 760)({ from: meters[1] })]);
  expect(plain(await energy.energyTotals())).toEqual(['3', String(sum + 760), String(sum), '760', '0', '760', '0', '0', '0', '0', String(first), String(first + 95)]);
  // Each of the three holds 1,000 W of the 3,000: 760 / 3 = 253.33 Wh, the third of a Wh kept in the ledger's accumulator.
  for (const member of [founder, ana, bia]) {
    expect(await group.ledger.unclaimedCreditsOf(member.address)).toEqual(big(253));
  }
  expect(plantReading.events.map((event) => event.name)).toEqual(['production']);
  expect(plantReading.gasCost.toNumber()).toBeLessThanOrEqual(10);

  // Each refusal, at its boundary where it has one, as src/domain/energy.ts words it.
  const next = first + 96;
  const device = { kind: 'production' as const, retired: false, capacityW: 4_000n, lastInterval: first + 95, registerWh: BigInt(sum) };
  const cases: Array<[string, (options: any) => Promise<TransactionResult<any>>, UserAccountID, boolean?]> = [
    [READING_ERRORS.unknown, record('D9', next, [1], sum + 1), meters[0]],
    [READING_ERRORS.notProduction, record('D3', next, [1], 1), meters[2]],
    ["Only the device's meter may record its readings.", record('D1', next, [1], sum + 1), meters[1], true],
    [READING_ERRORS.empty, record('D1', next, [], sum), meters[0]],
    [READING_ERRORS.tooMany, record('D1', next, Array.from({ length: 97 }, () => 0), sum), meters[0]],
    [READING_ERRORS.packing, (options: any) => energy.recordProduction('D1', big(next), '0100', big(sum + 1), options), meters[0]],
    [READING_ERRORS.notAfter, record('D1', first + 95, [1], sum + 1), meters[0]],
    [READING_ERRORS.notEnded, record('D1', intervalOf(now) + 10, [1], sum + 1), meters[0]],
    [READING_ERRORS.aboveLimit, record('D1', next, [0, 1_001, 0], sum + 1_001), meters[0]],
    [READING_ERRORS.aboveLimit, record('D1', next, [1_001], sum + 1_001), meters[0]],
    [READING_ERRORS.register, record('D1', next, [1, 2], sum + 4), meters[0]],
  ];
  for (const [message, call, from, chainOnly] of cases) {
    await refused(message, call, from, chainOnly === true);
  }
  // The same rules off chain agree on the cases they cover.
  expect(readingRefusal(device, next, [1_001n], BigInt(sum + 1_001), now)).toBe(READING_ERRORS.aboveLimit);
  expect(readingRefusal(device, next, [1_000n], BigInt(sum + 1_000), now)).toBeUndefined();
  // At the limit is accepted.
  await ok('recordProduction', [record('D1', next, [1_000], sum + 1_000)({ from: meters[0] })]);
});

test("group plants' credits: pro rata at each reading, a quota change settled first, claimed with their source; refusals change nothing", async () => {
  // The same rule off chain (src/domain/energy.ts CreditPool), fed the same quota and readings.
  const pool = new CreditPool();
  for (const member of [founder, ana, bia]) {
    pool.setQuota(member.address, 1_000n);
  }
  pool.credit(760n, 3_000n);
  const expectCredits = async (): Promise<void> => {
    for (const member of [founder, ana, bia]) {
      expect(await group.ledger.unclaimedCreditsOf(member.address)).toEqual(big(String(pool.accruedOf(member.address) - claimed(member))));
    }
  };
  const claims = new Map<string, bigint>();
  const claimed = (member: UserAccountID): bigint => claims.get(member.address) ?? 0n;
  await expectCredits();

  // Ana gives Bia 400 W (a donation: done at once); the next reading credits the new quotas.
  await ok('donation', [group.trades.offerTrade(ana.address, bia.address, big(400), big(0), big(600), { from: ana })]);
  pool.setQuota(ana.address, 600n);
  pool.setQuota(bia.address, 1_400n);
  const plant = await energy.device('D2');
  const next = Number(plant.lastInterval.toString()) + 1;
  const energies = [700, ...Array.from({ length: 95 }, (_, index) => index % 16)];
  const register = Number(plant.registerWh.toString()) + energies.reduce((total, value) => total + value, 0);
  await ok('recordProduction', [energy.recordProduction('D2', big(next), packed(energies), big(register), { from: meters[1] })]);
  pool.credit(BigInt(register - Number(plant.registerWh.toString())), 3_000n);
  await expectCredits();
  // Nothing is lost nor invented: the holders' Wh, fractions and the carry add up to the production.
  const { produced, credited } = pool.balances();
  expect(credited).toBe(produced);

  // Ana claims: the Wh move into the energy contract with the plant's source, and count in her balance as before.
  const before = plain(await energy.creditsOf(ana.address));
  const due = pool.accruedOf(ana.address);
  const [claim] = await sendBlock(group, 'claimCredits', [energy.claimCredits(ana.address, { from: ana })]);
  claims.set(ana.address, due);
  expect(claim.value).toEqual(big(String(due)));
  expect(claim.events.map((event) => [event.name, event.parameters])).toEqual([
    ['credit', { holder: ana.address, deviceID: 'group', energyWh: String(due) }],
  ]);
  expect(claim.gasCost.toNumber()).toBeLessThanOrEqual(10);
  expect(plain(await energy.creditsOf(ana.address))).toEqual({
    ...before,
    accruedWh: String(BigInt(before.accruedWh) + due),
    balanceWh: String(BigInt(before.balanceWh) + due),
  });
  await expectCredits();
  const totals = plain(await energy.energyTotals());
  const producedWh = BigInt(totals[1]);
  const unclaimed = BigInt(register) - due;
  // [devices, produced, credited, unclaimed, certificates, unclaimed solar …]: the claimed Wh left the group's unclaimed solar.
  expect([totals[3], totals[5]]).toEqual([String(unclaimed), String(unclaimed)]);
  expect(BigInt(totals[2]) + BigInt(totals[3])).toBe(producedWh);
  // Anyone may send a claim for a holder (it stays the holder's); one with nothing to claim is refused.
  const [forBia] = await sendBlock(group, 'claimCredits', [energy.claimCredits(bia.address, { from: founder })]);
  claims.set(bia.address, pool.accruedOf(bia.address));
  expect(forBia.value).toEqual(big(String(pool.accruedOf(bia.address))));
  await refused('No credits to claim.', (options: any) => energy.claimCredits(ana.address, options), ana);
  await refused('No credits to claim.', (options: any) => energy.claimCredits(outsider.address, options), outsider);
  // The ledger takes production and claims only from the energy contract it attached: a direct call changes nothing.
  const [direct] = await sendBlock(group, 'applyProduction', [group.ledger.applyProduction(big(1_000), { from: founder })]);
  expect(direct.value).toBe('Only the MTEMsm partner contract may apply this outcome.');
  const [directClaim] = await sendBlock(group, 'applyClaim', [group.ledger.applyClaim(bia.address, { from: founder })]);
  expect(directClaim.value).toEqual(big(-1));
  await expectCredits();
});

test('certificates: credits retired with the range and source mix they were earned in, once; refusals change nothing', async () => {
  // A wind device of Ana's too (2,000 W: 500 Wh an interval), read after the solar one.
  const windMeter = await group.addAccount(createPrivateKey());
  const [wind] = await ok('registerDevice', [
    energy.registerDevice(ana.address, 'production', windMeter.address, big(2_000), 'wind', '', '', { from: ana }),
  ]);
  const solar = await energy.device('D1');
  const windFirst = Number(solar.lastInterval.toString()) + 1;
  await ok('recordProduction', [energy.recordProduction(wind, big(windFirst), packed([500, 333]), big(833), { from: windMeter })]);
  const before = plain(await energy.creditsOf(ana.address));
  // Her own device's solar and the group plant's solar she claimed, and the wind.
  const solarWh = BigInt(before.accruedWh) - 833n;
  const pool = [solarWh, 833n, 0n, 0n, 0n];
  expect(await group.ledger.unclaimedCreditsOf(ana.address)).toEqual(big(0));
  expect(before.balanceWh).toBe(String(solarWh + 833n));

  const beneficiary = Buffer.alloc(32, 0xab).toString('hex');
  const retire = (member: UserAccountID, energyWh: number, hash = beneficiary) => (options: any) =>
    energy.retire(member.address, big(energyWh), hash, options);
  await refused('A certificate needs more than 0 Wh.', retire(ana, 0), ana);
  await refused('A beneficiary hash is 32 bytes.', retire(ana, 10, beneficiary.slice(2)), ana);
  await refused('Not enough credits.', retire(ana, Number(solarWh) + 834), ana);
  await refused('Only the holder may retire their credits.', retire(ana, 10), bia, true);

  const energyWh = 1_001;
  const [retired] = await sendBlock(group, 'retire', [retire(ana, energyWh)({ from: ana })]);
  expect(retired.value).toBe('C1');
  expect(retired.gasCost.toNumber()).toBeLessThanOrEqual(10);
  const first = Number((await energy.device('D1')).lastInterval.toString()) - 96; // the first reading's interval
  const mix = certificateMix(BigInt(energyWh), pool).map(String);
  const expected = {
    certificateID: 'C1',
    member: ana.address,
    energyWh: String(energyWh),
    fromInterval: expect.any(String),
    // The wind's last interval, or the group plant's whose credits she claimed if later.
    toInterval: String(Math.max(windFirst + 1, Number((await energy.device('D2')).lastInterval.toString()))),
    sources: mix,
    beneficiaryHash: beneficiary,
  };
  expect(retired.events.map((event) => [event.name, event.parameters])).toEqual([['retired', expected]]);
  const { certificateID, ...stored } = expected;
  expect(certificateID).toBe('C1');
  expect(plain(await energy.certificate('C1'))).toEqual(stored);
  expect(plain(await energy.certificate('C1')).fromInterval).toBe(String(first));
  expect(plain(await energy.creditsOf(ana.address))).toEqual({
    ...before,
    retiredWh: String(energyWh),
    balanceWh: String(solarWh + 833n - BigInt(energyWh)),
  });
  expect(await energy.certificate('C2')).toBeUndefined();
  // What is left keeps its mix: the rest retired whole leaves nothing, and the range resets.
  const rest = Number(solarWh + 833n) - energyWh;
  const [last] = await sendBlock(group, 'retire', [retire(ana, rest)({ from: ana })]);
  expect(last.value).toBe('C2');
  const restMix = pool.map((value, index) => String(value - BigInt(mix[index])));
  expect(plain(await energy.certificate('C2'))).toEqual(expect.objectContaining({ energyWh: String(rest), sources: restMix }));
  expect(plain(await energy.creditsOf(ana.address)).balanceWh).toBe('0');
  await refused('Not enough credits.', retire(ana, 1), ana);
});

test('meters: replaced by the owner continuing the register; a retired device takes no readings', async () => {
  const newMeter = await group.addAccount(createPrivateKey());
  const register = Number((await energy.device('D1')).registerWh.toString());
  await refused('The new meter must continue the register.', (options: any) => energy.replaceMeter('D1', newMeter.address, big(register + 1), options), ana);
  await refused('That meter already has a device.', (options: any) => energy.replaceMeter('D1', meters[1].address, big(register), options), ana);
  await refused(
    'Only the owner or the operator may replace a meter.',
    (options: any) => energy.replaceMeter('D1', newMeter.address, big(register), options),
    bia,
    true,
  );
  await ok('replaceMeter', [energy.replaceMeter('D1', newMeter.address, big(register), { from: ana })]);
  expect((await energy.device('D1')).meter).toBe(newMeter.address);
  await refused('Unknown device.', (options: any) => energy.replaceMeter('D99', newMeter.address, big(0), options), ana);
  await expect(energy.listOfDevices(big(0), big(101))).rejects.toThrow('Pages need offset >= 0 and 1 <= limit <= 100.');
  await expect(energy.devicesOf(ana.address, big(-1), big(10))).rejects.toThrow('Pages need offset >= 0 and 1 <= limit <= 100.');
  await refused('Only the owner or the operator may retire a device.', (options: any) => energy.retireDevice('D1', options), bia, true);
  await ok('retireDevice', [energy.retireDevice('D1', { from: founder })]);
  await refused('The device is retired.', (options: any) => energy.retireDevice('D1', options), ana);
  const last = Number((await energy.device('D1')).lastInterval.toString());
  await refused(
    READING_ERRORS.retired,
    (options: any) => energy.recordProduction('D1', big(last + 1), packed([1]), big(register + 1), options),
    newMeter,
  );
});

describe('consumption: Merkle roots and community totals, disputes proved on chain', () => {
  // Three households' readings of each interval (the third absent from the last one).
  const salt = (index: number) => Buffer.alloc(32, index + 1);
  let first: number;
  const leavesOf = (interval: number) =>
    ['D3', 'D7', 'D8']
      .slice(0, interval === first + 95 ? 2 : 3)
      .map((deviceID, index) => consumptionLeaf(salt(index), { deviceID, interval, energyWh: householdWh(index, interval) }));
  const hex = (buffer: Buffer) => buffer.toString('hex');
  // Each household's reading: distinctive numbers, so that the privacy check below cannot
  // miss one nor meet one by chance.
  const householdWh = (index: number, interval: number): bigint => BigInt(731_000 + 1_111 * index + (interval % 7));

  test('the operator commits a day (96 intervals) in one record; a member proves a reading and disputes it', async () => {
    const now = await lastBlockTime(group);
    first = intervalOf(now) - (intervalOf(now) % 16) - 128; // the last commitment below (first + 112) has then ended, whatever the clock
    watched.push(first, first + 83, first + 95, first + 96);
    const intervals = Array.from({ length: 96 }, (_, index) => first + index);
    const roots = intervals.map((interval) => merkleRoot(leavesOf(interval)));
    const totals = intervals.map((interval) =>
      interval === first + 95 ? 0 : [0, 1, 2].reduce((sum, index) => sum + Number(householdWh(index, interval)), 0),
    );
    const counts = intervals.map((interval) => (interval === first + 95 ? 2 : 3));
    const records = intervals.map((_, index) => ({ root: roots[index], totalWh: BigInt(totals[index]), meters: counts[index] }));
    const [committed] = await sendBlock(group, 'commitConsumption', [
      consumption.commitConsumption(big(first), packConsumption(records).toString('hex'), { from: founder }),
    ]);
    expect(committed.value).toBe(true);
    expect(committed.gasCost.toNumber()).toBeLessThanOrEqual(10);
    expect(committed.events.map((event) => [event.name, event.parameters])).toEqual([
      ['consumption', { firstInterval: String(first), intervals: packConsumption(records).toString('hex') }],
    ]);
    expect(plain(await consumption.consumptionOf(big(first + 1)))).toEqual({ root: hex(roots[1]), totalWh: String(totals[1]), meters: '3', disputes: '0' });
    // Found 83 intervals after the commitment's start (the contract walks back by 16s).
    expect(plain(await consumption.consumptionOf(big(first + 83)))).toEqual({ root: hex(roots[83]), totalWh: String(totals[83]), meters: '3', disputes: '0' });
    // Two meters: no total published.
    expect(plain(await consumption.consumptionOf(big(first + 95)))).toEqual({ root: hex(roots[95]), totalWh: '0', meters: '2', disputes: '0' });
    expect(await consumption.consumptionOf(big(first + 96))).toBeUndefined();
    expect(await consumption.consumptionOf(big(first - 1))).toBeUndefined();

    // Bia's reading of interval first + 4 is the second leaf.
    const leaves = leavesOf(first + 4);
    const proof = merkleProof(leaves, 1);
    const args = (leaf: Buffer, steps = proof) => [big(first + 4), hex(leaf), steps.map((step) => hex(step.sibling)), steps.map((step) => step.left)];
    const [disputed] = await sendBlock(group, 'dispute', [(consumption.dispute as any)(bia.address, ...args(leaves[1]), { from: bia })]);
    expect(disputed.events.map((event) => [event.name, event.parameters])).toEqual([
      ['dispute', { interval: String(first + 4), leaf: hex(leaves[1]), member: bia.address, disputes: '1' }],
    ]);
    expect(plain(await consumption.consumptionOf(big(first + 4)))).toEqual(expect.objectContaining({ disputes: '1' }));
    watched.push(first + 4);

    const tampered = Buffer.from(leaves[1]);
    tampered[0] ^= 1;
    const dispute = (member: UserAccountID, interval: number, leaf: Buffer, steps = proof, sides?: boolean[]) => (options: any) =>
      consumption.dispute(member.address, big(interval), hex(leaf), steps.map((step) => hex(step.sibling)), sides ?? steps.map((step) => step.left), options);
    await refused('The proof does not lead to the committed root.', dispute(bia, first + 4, tampered), bia);
    await refused('The proof does not lead to the committed root.', dispute(bia, first + 5, leaves[1]), bia);
    await refused('That interval is not committed.', dispute(bia, first + 96, leaves[1]), bia);
    await refused('A proof is at most 32 siblings, each with its side.', dispute(bia, first + 4, leaves[1], proof, [true]), bia);
    await refused('Only members dispute.', dispute(outsider, first + 4, leaves[1]), outsider);
    await refused('Only the member may dispute for themselves.', dispute(ana, first + 4, leaves[1]), bia, true);
  });

  test("no household's reading is in the contract's storage or in any event of the run: roots and totals of 3 meters only", async () => {
    // Every reading of the run, as a number in any encoding a contract or an event could hold it.
    const readings = Array.from({ length: 96 }, (_, offset) => first + offset).flatMap((interval) =>
      [0, 1, 2].map((index) => householdWh(index, interval)),
    );
    // A number as the node gives it: in storage, neo-one's serialized item (a type byte,
    // the length, the little-endian bytes); in an event, a whole argument (bytes or text).
    const bytesOf = (value: bigint): string => {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32LE(Number(value));

      return bytes.subarray(0, value < 1n << 23n ? 3 : 4).toString('hex');
    };
    const inStorage = (raw: string, value: bigint) => ['00', '02'].some((type) => raw.includes(`${type}${(bytesOf(value).length / 2).toString(16).padStart(2, '0')}${bytesOf(value)}`));
    const inEvents = (raw: string, value: bigint) => raw.includes(`"value":"${bytesOf(value)}"`) || raw.includes(`"value":"${value}"`);
    const rawStorage = await Promise.all(
      [energy, consumption].map(async (contract) => readContractStorage(node.rpcURL, contract.definition.networks[NETWORK].address)),
    );
    const storage = JSON.stringify(rawStorage);
    const events: unknown[] = [];
    const reader = group.client.read(NETWORK);
    const count = await reader.getBlockCount();
    for (let index = 0; index < count; index++) {
      const block = await reader.getBlock(index);
      for (const transaction of block.transactions as any[]) {
        if (transaction.type === 'InvocationTransaction') {
          events.push(transaction.invocationData.actions);
        }
      }
    }
    const published = JSON.stringify(events);
    // Commitments travel and are stored packed (38 bytes an interval): every hex string of
    // whole records is read as records, and no reading may be one's total.
    const packedTotals = (raw: string): Set<bigint> =>
      new Set(
        (raw.match(/[0-9a-f]{76,}/g) ?? [])
          .filter((text) => text.length % 76 === 0)
          .flatMap((text) => unpackConsumption(Buffer.from(text, 'hex')).map((record) => record.totalWh)),
      );
    // In storage, every byte string inside every record's (deserialized) value.
    const byteStrings = (item: StackValue): string[] =>
      item.type === 'bytes'
        ? [item.value.toString('hex')]
        : item.type === 'array' || item.type === 'struct'
          ? item.value.flatMap(byteStrings)
          : item.type === 'map'
            ? item.value.flatMap(([key, value]) => [...byteStrings(key), ...byteStrings(value)])
            : [];
    const stored = rawStorage.flat().flatMap((entry) => byteStrings(deserializeStackItem(Buffer.from(entry.value, 'hex'))));
    const inPacked = { storage: packedTotals(stored.join(' ')), events: packedTotals(published) };
    // The check can see: a community total is there, in both places.
    const total = [0, 1, 2].reduce((sum, index) => sum + householdWh(index, first + 1), 0n);
    expect([inPacked.storage.has(total), inPacked.events.has(total)]).toEqual([true, true]);
    expect(
      readings.filter(
        (value) => inStorage(storage, value) || inEvents(published, value) || inPacked.storage.has(value) || inPacked.events.has(value),
      ),
    ).toEqual([]);
  });

  test('commitment refusals change nothing', async () => {
    const root = Buffer.alloc(32, 9);
    const interval = (totalWh: number, meters: number) => ({ root, totalWh: BigInt(totalWh), meters });
    const commit = (at: number, records: Array<ReturnType<typeof interval>>) => (options: any) =>
      consumption.commitConsumption(big(at), packConsumption(records).toString('hex'), options);
    const next = first + 96;
    const day = (count: number) => Array.from({ length: count }, () => interval(300, 3));
    await refused('Only the operator commits consumption.', commit(next, [interval(300, 3)]), ana, true);
    await refused('No intervals.', commit(next, []), founder);
    await refused(
      'An interval is 38 bytes: its root, total and meter count.',
      (options: any) => consumption.commitConsumption(big(next), packConsumption([interval(300, 3)]).subarray(1).toString('hex'), options),
      founder,
    );
    await refused('At most 96 intervals a commitment.', commit(next, day(97)), founder);
    await refused('A commitment starts at an interval divisible by 16 (every 4 hours UTC).', commit(next + 1, [interval(300, 3)]), founder);
    const now = intervalOf(await lastBlockTime(group));
    await refused('An interval has not ended.', commit(now - (now % 16), day(16)), founder);
    await refused('The first interval is not after the last one committed.', commit(first, [interval(300, 3)]), founder);
    await refused('The first interval is not after the last one committed.', commit(first + 80, [interval(300, 3)]), founder);
    await refused(CONSUMPTION_DATA_ERROR, commit(next, [interval(300, 3), interval(5, 0)]), founder);
    await refused(CONSUMPTION_DATA_ERROR, commit(next, [interval(200, 2)]), founder);
    // Two meters and no total is accepted (its root is still committed), and an interval no meter reported;
    // two commitments in one block too.
    await ok('commitConsumption', [commit(next, [interval(0, 2), interval(0, 0)])({ from: founder }), commit(next + 16, [interval(300, 3)])({ from: founder })]);
    expect(plain(await consumption.consumptionOf(big(next + 16)))).toEqual({ root: hex(root), totalWh: '300', meters: '3', disputes: '0' });
    expect(plain(await consumption.consumptionOf(big(next)))).toEqual({ root: hex(root), totalWh: '0', meters: '2', disputes: '0' });
  });
});

test('the operator: replaced by an operator referendum, then obeyed by both energy contracts once they take it', async () => {
  const elected = await group.addAccount(createPrivateKey());
  await expect(group.referendums.proposeOperator(ana.address, founder.address, { from: ana })).rejects.toThrow(
    'That address is the operator already.',
  );
  await expect(group.referendums.proposeOperator(outsider.address, elected.address, { from: outsider })).rejects.toThrow(
    'Only members may do this.',
  );
  const [rID] = await ok('proposeOperator', [group.referendums.proposeOperator(ana.address, elected.address, { from: ana })]);
  expect(plain(await group.referendums.referendum(rID))).toEqual(expect.objectContaining({ kind: 'operator', subject: elected.address }));
  await ok('vote', [founder, ana].map((member) => group.referendums.vote(rID, member.address, true, { from: member })));
  // Until the result is applied the group's operator is the founder: nothing to take.
  await refused('The operator is already the one the group elected.', (options: any) => energy.syncOperator(options), ana);
  const [applied] = await ok('changeResult', [group.referendums.changeResult(rID, { from: founder })]);
  expect(applied).toBe(true);
  expect(await group.referendums.operator()).toBe(elected.address);
  const synced = await sendBlock(group, 'syncOperator', [energy.syncOperator({ from: ana }), consumption.syncOperator({ from: bia })]);
  expect(synced.map((receipt) => receipt.events.map((event) => [event.name, event.parameters]))).toEqual([
    [['operator', { operator: elected.address }]],
    [['operator', { operator: elected.address }]],
  ]);
  expect([await energy.operator(), await consumption.operator()]).toEqual([elected.address, elected.address]);
  // The founder's operator powers ended; the elected operator has them.
  const meter = await group.addAccount(createPrivateKey());
  const plantMeter = (options: any) => energy.registerDevice(treasury, 'production', meter.address, big(100), 'solar', 'P1', '', options);
  await refused("Only the operator registers a group plant's meter.", plantMeter, founder, true);
  const [deviceID] = await ok('registerDevice', [plantMeter({ from: elected })]);
  expect(plain(await energy.device(deviceID))).toEqual(expect.objectContaining({ plantID: 'P1', meter: meter.address }));
  const root = Buffer.alloc(32, 7).toString('hex');
  const at = intervalOf(await lastBlockTime(group)) - 64;
  const start = at - (at % 16);
  const records = packConsumption([{ root: Buffer.from(root, 'hex'), totalWh: 300n, meters: 3 }]).toString('hex');
  await refused('Only the operator commits consumption.', (options: any) => consumption.commitConsumption(big(start), records, options), founder, true);
});

test('the auditor rebuilds devices, readings, credits, certificates and commitments from events alone, agrees with storage, and catches a forged event', async () => {
  const audited = await audit({ group: auditedGroup(group) });
  expect(audited.verdict.mismatches).toEqual([]);
  expect(audited.verdict.energy).toEqual({ violations: [], mismatches: [] });
  const energyChecks = audited.verdict.checked.filter(({ check }) => /^(E\d|energy)/.test(check));
  expect(energyChecks.map(({ check, holds }) => [check.slice(0, 6), holds])).toEqual([
    ['E1: cr', true],
    ['E2: ev', true],
    ['E3: no', true],
    ['E4: co', true],
    ['energy', true],
  ]);
  // Every device, credit record and certificate was compared, field by field.
  expect(energyChecks[4].compared).toBeGreaterThan(20);
  expect(audited.verdict.ok).toBe(true);
  const state = audited.energy!;
  // Ana's credits as the chain holds them, and the group's pool as the ledger does.
  expect(plain(await energy.creditsOf(ana.address)).accruedWh).toBe(String(state.credits.get(ana.address)!.accruedWh));
  for (const member of [founder, ana, bia]) {
    expect(await group.ledger.unclaimedCreditsOf(member.address)).toEqual(big(String(state.pool.unclaimedOf(member.address))));
  }

  // The exports: energy.csv per holder and cycle, and the cycle's allocation list adding up to exactly 100 %.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-energy-'));
  const files = writeExports(dir, audited).map((file) => path.basename(file));
  const plantCycle = cycleOf(Number((await energy.device('D2')).lastInterval.toString()));
  expect(files).toEqual(expect.arrayContaining(['energy.csv', `allocation-${plantCycle}.csv`]));
  // An islanded microgrid registers no percentages with a utility: no allocation lists.
  const microgrid = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-microgrid-'));
  expect(writeExports(microgrid, audited, 'microgrid').map((file) => path.basename(file)).filter((name) => name.startsWith('allocation-'))).toEqual([]);
  const allocation = allocationRows(state, plantCycle);
  expect(allocation.reduce((sum, [, , percent]) => sum + BigInt(percent.replace('.', '')), 0n)).toBe(1_000_000n);
  expect(allocation.reduce((sum, [, , , wh]) => sum + BigInt(wh), 0n)).toBe(state.plantCycleWh.get(plantCycle));
  // Each holder's credited Wh over its cycles add up to what it earned; what it retired, to its certificates.
  for (const member of [founder, ana, bia]) {
    const rows = energyRows(state).filter(([holder]) => holder === member.address);
    const credited = rows.reduce((sum, row) => sum + BigInt(row[7]), 0n);
    expect(credited).toBe(state.pool.accruedOf(member.address) + (member === ana ? state.ownProducedWh : 0n));
  }
  const anaRetired = energyRows(state).filter(([holder]) => holder === ana.address).reduce((sum, row) => sum + BigInt(row[8]), 0n);
  expect(anaRetired).toBe([...state.certificates.values()].filter((c) => c.member === ana.address).reduce((sum, c) => sum + c.energyWh, 0n));

  // Forged events, each caught by its check.
  const { events, treasury: ledger } = await readGroupHistory(auditedGroup(group));
  const forged = (change: (event: GroupEvent) => GroupEvent | undefined): string[] =>
    rebuildEnergy(
      events.map((event) => change(event) ?? event),
      ledger,
    ).violations.map(({ check, message }) => `${check} ${message}`);
  expect(forged(() => undefined)).toEqual([]);
  const firstPlant = events.find((event) => event.name === 'production' && event.parameters.deviceID === 'D2') as GroupEvent;
  // 751 Wh in an interval of a 3,000 W meter (at most 750), its register agreeing: past the physical limit.
  expect(
    forged((event) =>
      event === firstPlant
        ? {
            ...event,
            parameters: {
              ...event.parameters,
              energiesWh: packReadings(unpackReadings(Buffer.from(event.parameters.energiesWh as string, 'hex')).map((value, index) => (index === 0 ? value + 1n : value))).toString('hex'),
              registerWh: (event.parameters.registerWh as BigNumber).plus(1),
            },
          }
        : undefined,
    )[0],
  ).toMatch(/^E3 D2's reading from interval \d+ was accepted though "An energy is above the device's limit for an interval\."/);
  const claim = events.find((event) => event.name === 'credit' && event.parameters.deviceID === 'group') as GroupEvent;
  expect(forged((event) => (event === claim ? { ...event, parameters: { ...event.parameters, energyWh: (event.parameters.energyWh as BigNumber).plus(1) } } : undefined))).toEqual([
    expect.stringMatching(/^E1 .* claimed \d+ Wh of the group plants' credits where the accumulator gives \d+ Wh$/),
  ]);
  const certificate = events.find((event) => event.name === 'retired') as GroupEvent;
  const [solar, wind, ...rest] = certificate.parameters.sources as BigNumber[];
  expect(
    forged((event) => (event === certificate ? { ...event, parameters: { ...event.parameters, sources: [solar.plus(1), wind.minus(1), ...rest] } } : undefined)),
  ).toEqual([expect.stringMatching(/^E2 certificate C1 of 1001 Wh is not backed by/)]);
});
