/**
 * The thesis walkthrough, end to end, on one group: found it, admit members by
 * referendum (and reject one), approve and crowdfund a plant with uneven pledges
 * (whose leftover watts go by largest remainder), let a second crowdfunding fail,
 * start operation, trade, donate, correct, remove a member to the treasury, move a
 * plant to another utility and remove a plant. Each operation's first success is
 * checked with its events; quotas and SEB are checked exactly.
 */
import { UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit } from '../src/audit/audit';
import { writeExports } from '../src/audit/exports';
import { csv, expectExportsMatchReads } from './exports';
import {
  auditedGroup,
  big,
  CROWDFUNDING_PERIOD,
  DAY,
  expectInvariants,
  Group,
  MIN_TIME_TO_MARKET,
  Outcome,
  profileHash,
  REFERENDUM_PERIOD,
  send,
  voteAll,
  withGroup,
} from './group';

const expectEvents = (outcome: Outcome, expected: ReadonlyArray<readonly [string, Record<string, unknown>]>) =>
  expect(outcome.events).toEqual(expected.map(([name, parameters]) => ({ name, parameters })));

const holdings = async (group: Group, account: UserAccountID) => {
  const member = await group.ledger.member(account.address);

  return member === undefined ? undefined : [member.quotaW.toString(), member.tokens.toString()];
};

/** The time of the block a transaction was confirmed in. */
const lastBlockTime = async (group: Group): Promise<number> => {
  const { client, networkName } = group.context;
  const read = client.read(networkName);

  return (await read.getBlock(await read.getBlockCount() - 1)).time;
};

test('thesis walkthrough: a condominium founds its group, funds a plant, trades and governs it', async () => {
  await withGroup(async (group) => {
    const { ledger, plants, referendums, founder, accounts, treasury } = group;
    const [alice, bob, carol, dave, eve] = accounts;
    const gas: Record<string, BigNumber> = {};

    // ---- Founding: the deployer is admitted at once, without a referendum.
    const founded = await send(referendums.admission(founder.address, profileHash('Founder'), 'Light', { from: founder }));
    expect(founded.value).toEqual('');
    expectEvents(founded, [
      ['membership', { address: founder.address, status: 'admitted', profileHash: profileHash('Founder'), utility: 'Light' }],
    ]);
    expect((await ledger.groupSummary()).members.toString()).toEqual('1');

    // ---- Admission by referendum: request, ballot, early close once decided.
    const requested = await send(referendums.admission(alice.address, profileHash('Alice'), 'Light', { from: alice }));
    gas.admission = requested.gasCost;
    expect(requested.value).toEqual('R1');
    const opened = await lastBlockTime(group);
    expectEvents(requested, [
      ['referendum', { rID: 'R1', kind: 'admission', proposer: alice.address, plant: '', member: alice.address, electorate: '1', endsAt: String(opened + REFERENDUM_PERIOD) }],
      ['process', { id: 'R1', status: 'opened' }],
      ['membership', { address: alice.address, status: 'requested', profileHash: profileHash('Alice'), utility: 'Light' }],
    ]);
    expect(await referendums.referendum('R1')).toEqual({
      kind: 'admission',
      proposer: alice.address,
      subject: alice.address,
      openedAt: big(opened),
      endsAt: big(opened + REFERENDUM_PERIOD),
      electorate: big(1),
      yes: big(0),
      no: big(0),
      status: 'open',
    });
    expect((await referendums.proposal('R1'))?.profileHash).toEqual(profileHash('Alice'));
    expect(await ledger.member(alice.address)).toBeUndefined();

    const ballot = await send(referendums.vote('R1', founder.address, true, { from: founder }));
    gas.vote = ballot.gasCost;
    expectEvents(ballot, [['ballot', { rID: 'R1', member: founder.address, answer: true }]]);
    expect(await referendums.hasVoted('R1', founder.address)).toBe(true);
    expect(await referendums.hasVoted('R1', alice.address)).toBe(false);

    const admitted = await send(referendums.admissionResult('R1'));
    gas.admissionResult = admitted.gasCost;
    expect(admitted.value).toBe(true);
    expectEvents(admitted, [
      ['process', { id: 'R1', status: 'approved' }],
      ['membership', { address: alice.address, status: 'admitted', profileHash: profileHash('Alice'), utility: 'Light' }],
    ]);
    const aliceRecord = await ledger.member(alice.address);
    expect(aliceRecord).toEqual({
      utility: 'Light',
      profileHash: profileHash('Alice'),
      quotaW: big(0),
      tokens: big(0),
      joinedAt: big(await lastBlockTime(group)),
    });

    // Bob, Carol and Dave join the same way; each electorate is the members at opening.
    const members = [founder, alice];
    for (const [account, name, rID] of [[bob, 'Bob', 'R2'], [carol, 'Carol', 'R3'], [dave, 'Dave', 'R4']] as const) {
      expect((await send(referendums.admission(account.address, profileHash(name), 'Light', { from: account }))).value).toEqual(rID);
      expect((await referendums.referendum(rID))?.electorate.toString()).toEqual(String(members.length));
      // A strict majority of the electorate, not of the votes cast.
      await voteAll(group, rID, members.slice(0, Math.floor(members.length / 2) + 1).map((member) => [member, true] as const));
      expect((await send(referendums.admissionResult(rID))).value).toBe(true);
      members.push(account);
    }
    expect(await group.ledger.listOfMembers(big(0), big(10))).toEqual(members.map((member) => member.address));

    // Eve is rejected: half of the electorate says no, so it closes early.
    expect((await send(referendums.admission(eve.address, profileHash('Eve'), 'Light', { from: eve }))).value).toEqual('R5');
    await voteAll(group, 'R5', [[founder, false], [alice, false], [bob, true], [carol, false]]);
    const rejected = await send(referendums.admissionResult('R5'));
    expect(rejected.value).toBe(false);
    expectEvents(rejected, [
      ['process', { id: 'R5', status: 'rejected' }],
      ['membership', { address: eve.address, status: 'rejected', profileHash: profileHash('Eve'), utility: 'Light' }],
    ]);
    expect(await ledger.member(eve.address)).toBeUndefined();
    expect((await referendums.referendum('R5'))?.status).toEqual('rejected');

    // ---- A plant: 10 kW for R$ 700.00, approved by referendum.
    const proposed = await send(
      referendums.powerUp(founder.address, big(10_000), big(700), 'Light', big(MIN_TIME_TO_MARKET), { from: founder }),
    );
    expect(proposed.value).toEqual('R6');
    gas.powerUp = proposed.gasCost;
    expectEvents(proposed, [
      ['referendum', { rID: 'R6', kind: 'powerUp', proposer: founder.address, plant: '', member: undefined, electorate: '5', endsAt: String((await lastBlockTime(group)) + REFERENDUM_PERIOD) }],
      ['proposal', { rID: 'R6', capacityW: '10000', cost: '700', utility: 'Light', timeToMarket: String(MIN_TIME_TO_MARKET), from: undefined, to: undefined, quotaW: '0', tokens: '0' }],
      ['process', { id: 'R6', status: 'opened' }],
    ]);
    expect((await referendums.referendum('R6'))?.subject).toEqual('');
    await voteAll(group, 'R6', [[founder, true], [alice, true], [bob, true]]);
    const registered = await send(referendums.powerUpResult('R6'));
    expect(registered.value).toEqual('P1');
    gas.powerUpResult = registered.gasCost;
    const fundingEndsAt = (await lastBlockTime(group)) + CROWDFUNDING_PERIOD;
    expectEvents(registered, [
      ['process', { id: 'R6', status: 'approved' }],
      ['plant', { ppID: 'P1', rID: 'R6', capacityW: '10000', cost: '700', utility: 'Light', timeToMarket: String(MIN_TIME_TO_MARKET), fundingEndsAt: String(fundingEndsAt) }],
      ['process', { id: 'P1', status: 'funding' }],
    ]);

    // ---- Uneven pledges: 300 + 250 + 150 = 700 (Carol pledges, then withdraws; Bob raises his).
    const pledged = await send(plants.bid('P1', founder.address, big(300), { from: founder }));
    gas.bid = pledged.gasCost;
    expectEvents(pledged, [['offer', { ppID: 'P1', member: founder.address, amount: '300' }]]);
    await send(plants.bid('P1', alice.address, big(150), { from: alice }));
    const added = await send(plants.bid('P1', alice.address, big(100), { from: alice }));
    expectEvents(added, [['offer', { ppID: 'P1', member: alice.address, amount: '250' }]]);
    await send(plants.bid('P1', carol.address, big(100), { from: carol }));
    const withdrawn = await send(plants.changeBid('P1', carol.address, big(0), { from: carol }));
    gas.changeBid = withdrawn.gasCost;
    expectEvents(withdrawn, [['offer', { ppID: 'P1', member: carol.address, amount: '0' }]]);
    expect((await plants.bidOf('P1', carol.address)).toString()).toEqual('0');
    expect((await plants.powerPlant('P1'))?.raised.toString()).toEqual('550');
    await send(plants.bid('P1', bob.address, big(100), { from: bob }));
    const changed = await send(plants.changeBid('P1', bob.address, big(150), { from: bob }));
    expectEvents(changed, [['offer', { ppID: 'P1', member: bob.address, amount: '150' }]]);
    expect(await plants.contributionsOf(alice.address)).toEqual([{ ppID: 'P1', amount: big(250) }]);
    const beforeFunding = await plants.powerPlant('P1');
    expect(beforeFunding?.raised.toString()).toEqual('700');
    expect(beforeFunding?.funders.toString()).toEqual('3');

    // Fully raised: the crowdfunding closes at once.
    const funded = await send(plants.crowdfundingResult('P1'));
    expect(funded.value).toBe(true);
    gas.crowdfundingResult = funded.gasCost;
    expectEvents(funded, [['process', { id: 'P1', status: 'funded' }]]);
    const fundedAt = await lastBlockTime(group);

    // ---- A second plant whose crowdfunding fails and releases its pledges.
    await send(referendums.powerUp(alice.address, big(5_000), big(2_000), 'Light', big(MIN_TIME_TO_MARKET), { from: alice }));
    await voteAll(group, 'R7', [[founder, true], [alice, true], [bob, true]]);
    expect((await send(referendums.powerUpResult('R7'))).value).toEqual('P2');
    await send(plants.bid('P2', alice.address, big(100), { from: alice }));
    await group.context.developerClient.fastForwardOffset(CROWDFUNDING_PERIOD + DAY);
    const failed = await send(plants.crowdfundingResult('P2'));
    expect(failed.value).toBe(false);
    expectEvents(failed, [
      ['offer', { ppID: 'P2', member: alice.address, amount: '0' }],
      ['process', { id: 'P2', status: 'failed' }],
    ]);
    expect(await plants.powerPlant('P2')).toMatchObject({ status: 'failed', raised: big(0), funders: big(0) });
    expect((await plants.bidOf('P2', alice.address)).toString()).toEqual('0');
    expect(await plants.contributionsOf(alice.address)).toEqual([{ ppID: 'P1', amount: big(250) }]);

    // ---- Operation, past the time to market: 10,000 W split by largest remainder.
    // 10000 * 300/700 = 4285.71, * 250/700 = 3571.43, * 150/700 = 2142.86: floors add up
    // to 9998, and the 2 leftover watts go to the largest remainders (Bob, then the founder).
    const operating = await send(plants.startOperation('P1'));
    // Grows with the plant's funders (3 here): reported, not held to the 10 GAS goal.
    const startOperationGas = operating.gasCost;
    expect(operating.events).toHaveLength(7);
    expect(operating.events).toEqual(
      expect.arrayContaining([
        { name: 'quotaTransfer', parameters: { from: undefined, to: founder.address, quotaW: '4286' } },
        { name: 'transfer', parameters: { from: undefined, to: founder.address, amount: '4.286' } },
        { name: 'quotaTransfer', parameters: { from: undefined, to: alice.address, quotaW: '3571' } },
        { name: 'transfer', parameters: { from: undefined, to: alice.address, amount: '3.571' } },
        { name: 'quotaTransfer', parameters: { from: undefined, to: bob.address, quotaW: '2143' } },
        { name: 'transfer', parameters: { from: undefined, to: bob.address, amount: '2.143' } },
      ]),
    );
    expect(operating.events[6]).toEqual({ name: 'process', parameters: { id: 'P1', status: 'operating' } });
    expect(await plants.powerPlant('P1')).toEqual({
      capacityW: big(10_000),
      cost: big(700),
      utility: 'Light',
      timeToMarket: big(MIN_TIME_TO_MARKET),
      status: 'operating',
      fundingEndsAt: big(fundingEndsAt),
      raised: big(700),
      funders: big(3),
      fundedAt: big(fundedAt),
      operatingSince: big(await lastBlockTime(group)),
    });
    expect(await holdings(group, founder)).toEqual(['4286', '4.286']);
    expect(await holdings(group, alice)).toEqual(['3571', '3.571']);
    expect(await holdings(group, bob)).toEqual(['2143', '2.143']);
    expect(await holdings(group, carol)).toEqual(['0', '0']);
    const summary = await ledger.groupSummary();
    expect(summary).toEqual({
      minPowerW: big(1),
      maxPowerW: big(5_000_000),
      powerPlants: big(2),
      members: big(5),
      name: 'Sharing Electricity in Brazil',
      symbol: 'SEB',
      totalSupply: big(10),
      totalCapacityW: big(10_000),
    });
    expect(await ledger.name()).toEqual('Sharing Electricity in Brazil');
    expect(await ledger.symbol()).toEqual('SEB');
    expect((await ledger.decimals()).toString()).toEqual('8');
    expect((await ledger.totalSupply()).toString()).toEqual('10');
    expect((await ledger.balanceOf(founder.address)).toString()).toEqual('4.286');

    // ---- Trades: quota one way, SEB the other, with both sides' consent.
    const offered = await send(ledger.offerTrade(founder.address, alice.address, big(500), big('0.6'), { from: founder }));
    gas.offerTrade = offered.gasCost;
    expect(offered.value).toEqual('T1');
    expectEvents(offered, [
      ['trade', { offerID: 'T1', from: founder.address, to: alice.address, quotaW: '500', tokens: '0.6', status: 'offered' }],
    ]);
    expect(await ledger.tradeOffer('T1')).toEqual({
      from: founder.address,
      to: alice.address,
      quotaW: big(500),
      tokens: big('0.6'),
      status: 'offered',
      offeredAt: big(await lastBlockTime(group)),
    });
    // Nothing moves until the receiver accepts.
    expect(await holdings(group, founder)).toEqual(['4286', '4.286']);
    const accepted = await send(ledger.acceptTrade('T1', alice.address, { from: alice }));
    gas.acceptTrade = accepted.gasCost;
    expectEvents(accepted, [
      ['quotaTransfer', { from: founder.address, to: alice.address, quotaW: '500' }],
      ['transfer', { from: alice.address, to: founder.address, amount: '0.6' }],
      ['trade', { offerID: 'T1', from: founder.address, to: alice.address, quotaW: '500', tokens: '0.6', status: 'accepted' }],
    ]);
    expect(await holdings(group, founder)).toEqual(['3786', '4.886']);
    expect(await holdings(group, alice)).toEqual(['4071', '2.971']);

    // The receiver declines one offer, the sender withdraws another.
    expect((await send(ledger.offerTrade(bob.address, carol.address, big(100), big('0.1'), { from: bob }))).value).toEqual('T2');
    const declined = await send(ledger.cancelTrade('T2', carol.address, { from: carol }));
    gas.cancelTrade = declined.gasCost;
    expectEvents(declined, [
      ['trade', { offerID: 'T2', from: bob.address, to: carol.address, quotaW: '100', tokens: '0.1', status: 'cancelled' }],
    ]);
    expect((await send(ledger.offerTrade(bob.address, carol.address, big(50), big('0.05'), { from: bob }))).value).toEqual('T3');
    await send(ledger.cancelTrade('T3', bob.address, { from: bob }));
    expect((await ledger.tradeOffer('T3'))?.status).toEqual('cancelled');

    // A donation of quota (no SEB asked) happens at once.
    const donated = await send(ledger.offerTrade(bob.address, carol.address, big(143), big(0), { from: bob }));
    expect(donated.value).toEqual('');
    expectEvents(donated, [
      ['quotaTransfer', { from: bob.address, to: carol.address, quotaW: '143' }],
      ['trade', { offerID: '', from: bob.address, to: carol.address, quotaW: '143', tokens: '0', status: 'donated' }],
    ]);
    // A NEP-5 transfer donates SEB.
    const transferred = await send(ledger.transfer(alice.address, carol.address, big('0.5'), { from: alice }));
    gas.transfer = transferred.gasCost;
    expectEvents(transferred, [['transfer', { from: alice.address, to: carol.address, amount: '0.5' }]]);
    expect(await holdings(group, bob)).toEqual(['2000', '2.143']);
    expect(await holdings(group, carol)).toEqual(['143', '0.5']);

    // ---- Carol updates her profile (a new hash after moving flats, same utility).
    const profiled = await send(ledger.changeProfile(carol.address, profileHash('Carol', '0000042'), 'Light', { from: carol }));
    gas.changeProfile = profiled.gasCost;
    expectEvents(profiled, [
      ['membership', { address: carol.address, status: 'profile', profileHash: profileHash('Carol', '0000042'), utility: 'Light' }],
    ]);

    // ---- A correction: 71 W from Alice to Bob, 0.071 SEB from Bob to Alice.
    const correction = await send(
      referendums.proposeCorrection(founder.address, alice.address, bob.address, big(71), big('0.071'), { from: founder }),
    );
    expect(correction.value).toEqual('R8');
    gas.proposeCorrection = correction.gasCost;
    expect(await referendums.proposal('R8')).toMatchObject({ from: alice.address, to: bob.address, quotaW: big(71), tokens: big('0.071') });
    await voteAll(group, 'R8', [[founder, true], [alice, true], [bob, true]]);
    const corrected = await send(referendums.changeResult('R8'));
    expect(corrected.value).toBe(true);
    gas['changeResult (correction)'] = corrected.gasCost;
    expectEvents(corrected, [
      ['process', { id: 'R8', status: 'approved' }],
      ['quotaTransfer', { from: alice.address, to: bob.address, quotaW: '71' }],
      ['transfer', { from: bob.address, to: alice.address, amount: '0.071' }],
    ]);
    expect(await holdings(group, alice)).toEqual(['4000', '2.542']);
    expect(await holdings(group, bob)).toEqual(['2071', '2.072']);

    // ---- Removal: Carol leaves; her quota and SEB pass to the treasury, Dave takes her place in the list.
    const removal = await send(referendums.proposeRemoval(founder.address, carol.address, { from: founder }));
    expect(removal.value).toEqual('R9');
    gas.proposeRemoval = removal.gasCost;
    expect((await referendums.referendum('R9'))?.subject).toEqual(carol.address);
    await voteAll(group, 'R9', [[founder, true], [alice, true], [bob, true]]);
    const removed = await send(referendums.changeResult('R9'));
    gas['changeResult (removal)'] = removed.gasCost;
    expectEvents(removed, [
      ['process', { id: 'R9', status: 'approved' }],
      ['membership', { address: carol.address, status: 'removed', profileHash: profileHash('Carol', '0000042'), utility: 'Light' }],
      ['quotaTransfer', { from: carol.address, to: treasury, quotaW: '143' }],
      ['transfer', { from: carol.address, to: treasury, amount: '0.5' }],
    ]);
    expect(await ledger.member(carol.address)).toBeUndefined();
    expect(await ledger.treasury()).toEqual({ quotaW: big(143), tokens: big('0.5') });
    expect((await ledger.balanceOf(treasury)).toString()).toEqual('0.5');
    expect(await ledger.listOfMembers(big(0), big(10))).toEqual([founder, alice, bob, dave].map((member) => member.address));
    expect((await ledger.groupSummary()).members.toString()).toEqual('4');

    // ---- A correction with the treasury as a side: its 143 W go to the founder for 0.143 SEB.
    await send(referendums.proposeCorrection(founder.address, treasury, founder.address, big(143), big('0.143'), { from: founder }));
    await voteAll(group, 'R10', [[founder, true], [alice, true], [bob, true]]);
    expect((await send(referendums.changeResult('R10'))).value).toBe(true);
    expect(await ledger.treasury()).toEqual({ quotaW: big(0), tokens: big('0.643') });
    expect(await holdings(group, founder)).toEqual(['3929', '4.743']);

    // ---- P1 moves to another utility's coverage area.
    const utilityProposal = await send(referendums.proposePlantUtility(bob.address, 'P1', 'Enel', { from: bob }));
    expect(utilityProposal.value).toEqual('R11');
    gas.proposePlantUtility = utilityProposal.gasCost;
    expect((await referendums.referendum('R11'))?.subject).toEqual('P1');
    expect((await referendums.proposal('R11'))?.utility).toEqual('Enel');
    await voteAll(group, 'R11', [[founder, true], [alice, true], [dave, true]]);
    const moved = await send(referendums.changeResult('R11'));
    gas['changeResult (plantUtility)'] = moved.gasCost;
    expectEvents(moved, [
      ['process', { id: 'R11', status: 'approved' }],
      ['process', { id: 'P1', status: 'utility' }],
      ['plantUtility', { ppID: 'P1', utility: 'Enel' }],
    ]);
    expect((await plants.powerPlant('P1'))?.utility).toEqual('Enel');

    // ---- A plant removed before it operates: its pledges are cancelled.
    await send(referendums.powerUp(dave.address, big(3_000), big(1_000), 'Light', big(MIN_TIME_TO_MARKET), { from: dave }));
    await voteAll(group, 'R12', [[founder, true], [alice, true], [dave, true]]);
    expect((await send(referendums.powerUpResult('R12'))).value).toEqual('P3');
    await send(plants.bid('P3', dave.address, big(400), { from: dave }));
    gas.proposePlantRemoval = (await send(referendums.proposePlantRemoval(alice.address, 'P3', { from: alice }))).gasCost;
    await voteAll(group, 'R13', [[founder, true], [alice, true], [bob, true]]);
    const plantRemoved = await send(referendums.changeResult('R13'));
    gas['changeResult (plantRemoval)'] = plantRemoved.gasCost;
    expectEvents(plantRemoved, [
      ['process', { id: 'R13', status: 'approved' }],
      ['offer', { ppID: 'P3', member: dave.address, amount: '0' }],
      ['process', { id: 'P3', status: 'removed' }],
    ]);
    expect(await plants.powerPlant('P3')).toMatchObject({ status: 'removed', raised: big(0), funders: big(0) });
    expect((await plants.bidOf('P3', dave.address)).toString()).toEqual('0');
    expect(await plants.listOfPowerPlants(big(0), big(10))).toEqual(['P1', 'P2', 'P3']);

    // ---- A change the members reject changes nothing (after the referendum period).
    await send(referendums.proposeRemoval(founder.address, dave.address, { from: founder }));
    await voteAll(group, 'R14', [[founder, true], [alice, false]]);
    await group.context.developerClient.fastForwardOffset(REFERENDUM_PERIOD + DAY);
    const kept = await send(referendums.changeResult('R14'));
    expect(kept.value).toBe(false);
    expectEvents(kept, [['process', { id: 'R14', status: 'rejected' }]]);
    expect(await ledger.member(dave.address)).toBeDefined();

    await expectInvariants(group, {
      referendums: Array.from({ length: 14 }, (_, index) => `R${index + 1}`),
      outsiders: [eve.address, carol.address],
    });

    // ---- The auditor, from the events alone, finds every invariant held and agrees with
    // every read; its exports are the reads, row by row.
    const audited = await audit({ group: auditedGroup(group) });
    expect(audited.verdict).toMatchObject({ ok: true, violations: [], mismatches: [], members: 4 });
    expect(audited.verdict.checked.every(({ holds }) => holds)).toBe(true);
    const exports = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-walkthrough-'));
    writeExports(exports, audited);
    const allocation = await expectExportsMatchReads(auditedGroup(group), exports, audited.verdict);
    // The treasury's row: Carol's 143 W went on to the founder (R10), her 0.5 SEB and the 0.143 paid stay.
    expect(allocation.find(([utility]) => utility === 'treasury')).toEqual(['treasury', treasury, '', '0', '0.000000', '0.64300000']);
    // Each referendum of the walkthrough, in order, with its kind and outcome.
    expect(csv(path.join(exports, 'referendums.csv')).map(([rID, kind, , , , , , , , outcome]) => `${rID} ${kind} ${outcome}`)).toEqual([
      ...['R1', 'R2', 'R3', 'R4'].map((rID) => `${rID} admission approved`),
      'R5 admission rejected',
      'R6 powerUp approved',
      'R7 powerUp approved',
      'R8 correction approved',
      'R9 removal approved',
      'R10 correction approved',
      'R11 plantUtility approved',
      'R12 powerUp approved',
      'R13 plantRemoval approved',
      'R14 removal rejected',
    ]);

    // gasCost is deterministic. The goal is NEO 2's 10 GAS free allowance for every
    // member-facing operation; five measured above it (each calls another contract,
    // about 3 GAS in neo-one, and writes several storage items at 1 GAS each): they are
    // held to a ceiling just above their measured cost so they cannot grow unnoticed.
    const ceilings: Record<string, number> = {
      admissionResult: 12.8,
      powerUpResult: 11.35,
      'changeResult (removal)': 12.9,
      proposePlantUtility: 11.15,
      proposePlantRemoval: 10.75,
    };
    console.log(
      `gasCost (GAS) per operation:\n${Object.entries({ ...gas, 'startOperation (3 funders)': startOperationGas })
        .map(([operation, cost]) => `  ${operation.padEnd(28)} ${cost.toFixed(3)}`)
        .join('\n')}`,
    );
    for (const [operation, cost] of Object.entries(gas)) {
      expect([operation, cost.lte(ceilings[operation] ?? 10)]).toEqual([operation, true]);
    }
  });
});
