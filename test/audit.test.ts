/**
 * The auditor on a real chain: the thesis experiment with 6 members (invitations and
 * admissions, plants approved, rejected, oversubscribed and failed, paged steps,
 * trades on MTEMsmTrades) on an in-memory node, plus a removal so the treasury holds
 * quota. Its utility is named like a spreadsheet formula, `=HYPERLINK("http://x","y")`,
 * so every export carries a cell to guard. The audit of the four contracts passes with
 * every comparison made (counted), its exports equal the contracts' reads row by row, a
 * state that differs from the chain in one field, one ballot or one record is found
 * out, a resumed audit gives the same verdict and exports, and a read that ends early,
 * a later start or a stranger (or v1) checkpoint are errors.
 */
import type { Block } from '@neo-one/client';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Audit, audit } from '../src/audit/audit';
import { COMPARISONS, compareWithChain } from '../src/audit/compare';
import { AuditedGroup, auditedGroup } from '../src/audit/events';
import { writeExports } from '../src/audit/exports';
import { sendBlock, WITHOUT_TEST_RUN } from '../src/chain/batch';
import { DEFAULT_SETTINGS, Group } from '../src/chain/group';
import { startGroupNode } from '../src/chain/inMemory';
import { RunningNode } from '../src/chain/node';
import { ExperimentResult, runExperiment } from '../src/experiment/run';
import { ASSUMPTIONS, SMALL_GROUP, planMembers } from '../src/experiment/scenario';
import { csv, expectExportsMatchReads } from './exports';

let node: RunningNode;
let group: Group;
let result: ExperimentResult;
let full: Audit;
let dir: string;
/** The member the group removes. */
let removed: string;

/** A utility name a spreadsheet would run as a formula if the exports did not guard it. */
const FORMULA_UTILITY = '=HYPERLINK("http://x","y")';

const mtemsm = async (args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(__dirname, '..', 'bin', 'mtemsm.js'), ...args],
      { env: { ...process.env, MTEMSM_HOME: path.join(dir, 'home') } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr }),
    );
  });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-audit-'));
  ({ node, group } = await startGroupNode());
  const founder = await group.master();
  result = await runExperiment({
    group,
    founder,
    planned: planMembers(SMALL_GROUP, ASSUMPTIONS),
    assumptions: { ...ASSUMPTIONS, utility: FORMULA_UTILITY },
    crowdfundingPeriod: DEFAULT_SETTINGS.crowdfundingPeriod,
    laterJoiners: 1,
  });
  // The group removes its last member: its quota and SEB go to the treasury.
  const [, second, third, , , last] = result.members;
  removed = last.address;
  const [proposal] = await sendBlock(group, 'proposeRemoval', [
    group.referendums.proposeRemoval(founder.address, last.address, { from: founder, ...WITHOUT_TEST_RUN } as any),
  ]);
  const rID = proposal.value as string;
  await sendBlock(
    group,
    'vote',
    [result.members[0], second, third, result.members[3]].map((member) =>
      group.referendums.vote(rID, member.address, true, { from: member.account, ...WITHOUT_TEST_RUN } as any),
    ),
  );
  await sendBlock(group, 'changeResult', [group.referendums.changeResult(rID, { from: founder, ...WITHOUT_TEST_RUN } as any)]);
  full = await audit({ group: auditedGroup(group) });
  writeExports(path.join(dir, 'full'), full);
});

/** The events of the scenario above, by contract and name. */
const EVENT_COUNTS: Record<string, number> = {
  'ledger.attached': 4,
  'ledger.membership': 7,
  'ledger.quotaTransfer': 9,
  'ledger.transfer': 9,
  'plants.attached': 1,
  'plants.offer': 18,
  'plants.page': 10,
  'plants.plant': 2,
  'plants.plantSettings': 1,
  'plants.process': 7,
  'plants.threshold': 1,
  'referendums.ballot': 25,
  'referendums.invitation': 5,
  'referendums.membership': 5,
  'referendums.process': 18,
  'referendums.proposal': 3,
  'referendums.referendum': 9,
  'referendums.referendumSettings': 1,
  'trades.trade': 4,
};
/** Values compared by each comparison with the chain, on the scenario above. */
const COMPARED: Record<string, number> = {
  totals: 12,
  // The three partners twice, the energy contract twice, the elected operator (none: the founder) and the plants' referendums (×2)…
  partners: 15,
  settings: 10,
  members: 37,
  plants: 22,
  pledges: 14,
  referendums: 162,
  ballots: 54,
  // Every invitation of the scenario ended with its admission's result.
  invitations: 0,
  offers: 14,
  nothingElse: 53,
  reads: 111,
};

afterAll(async () => {
  await node?.stop();
});

test('the audit of the experiment chain passes: every invariant holds and every comparison with the chain is made and agrees', () => {
  expect(full.verdict.violations).toEqual([]);
  expect(full.verdict.mismatches).toEqual([]);
  expect(full.verdict.ok).toBe(true);
  expect(full.verdict.members).toBe(5);
  // The experiment's operations are fixed, so its events are: counted by contract and name.
  const byName: Record<string, number> = {};
  for (const line of full.journal) {
    const [, , , , contract, event] = line.split(',');
    byName[`${contract}.${event}`] = (byName[`${contract}.${event}`] ?? 0) + 1;
  }
  expect(byName).toEqual(EVENT_COUNTS);
  expect(full.verdict.events).toBe(Object.values(EVENT_COUNTS).reduce((sum, count) => sum + count, 0));
  // The five invariants, then each comparison with the chain and how many values it compared.
  expect(full.verdict.checked.map(({ check, holds, compared }) => [check.split(':')[0], holds, compared])).toEqual([
    ['invariant 1', true, undefined],
    ['invariant 2', true, undefined],
    ['invariant 3', true, undefined],
    ['invariant 4', true, undefined],
    ['invariant 5', true, undefined],
    ...Object.entries(COMPARED).map(([name, compared]) => [COMPARISONS[name as keyof typeof COMPARISONS].split(':')[0], true, compared]),
    // The energy layer's checks (no device in this scenario: its totals, the accumulator, each quota holder and the operators compared).
    ['E1', true, undefined],
    ['E2', true, undefined],
    ['E3', true, undefined],
    ['E4', true, undefined],
    ['energy', true, 15],
  ]);
  // No transaction of the experiment carries neo-one's error notification.
  expect(full.verdict.ignored).toEqual([]);
  // The removed member's serial is a gap in the list: every member was admitted once, one left.
  expect(full.state.admissions).toBe(result.members.length);
  expect(full.state.listOfMembers).toEqual(result.members.filter((member) => member.address !== removed).map((member) => member.address));
});

test("the exports are the contracts' reads row by row, the formula-like utility is guarded, and the treasury holds the removed member's quota", async () => {
  const allocation = await expectExportsMatchReads(auditedGroup(group), path.join(dir, 'full'), full.verdict);
  const treasury = allocation.find(([utility]) => utility === 'treasury');
  expect(Number(treasury?.[3])).toBeGreaterThan(0);
  // Read back (guard taken off), every member row names the utility as the chain does.
  expect(allocation.filter(([utility]) => utility !== 'treasury').map(([utility]) => utility)).toEqual(Array(5).fill(FORMULA_UTILITY));
  // As written, it is text to a spreadsheet: a leading quote inside double quotes, in both files that name it.
  const guarded = `"'=HYPERLINK(""http://x"",""y"")"`;
  const written = fs.readFileSync(path.join(dir, 'full', 'allocation.csv'), 'utf8').trim().split('\n');
  expect(written.slice(1, 6).map((line) => line.startsWith(`${guarded},`))).toEqual(Array(5).fill(true));
  // No cell of any export starts a formula unguarded (the JSON cells start with { and are not formulas).
  for (const file of ['allocation.csv', 'events.csv', 'referendums.csv']) {
    const text = fs.readFileSync(path.join(dir, 'full', file), 'utf8');
    expect([file, text.match(/(^|,)[=+\-@\t]/m)?.[0]]).toEqual([file, undefined]);
  }
  expect(csv(path.join(dir, 'full', 'referendums.csv')).map(([rID]) => rID)).toEqual(
    Array.from({ length: full.state.referendums.size }, (_, index) => `R${index + 1}`),
  );
});

test('a state that differs from the chain in one field, one ballot or one record is found out, naming it', async () => {
  const { state } = full;
  const [address, member] = [...state.members][1];
  const [rID, ballots] = [...state.ballots].find(([, entries]) => entries.size > 0) as [string, ReadonlyMap<string, any>];
  const [voter] = [...ballots.keys()];
  const lastRID = `R${state.referendums.size}`;
  const lastOffer = `T${state.offers.size}`;
  const tampered = {
    ...state,
    members: new Map([...state.members].map(([key, value]) => [key, key === address ? { ...value, quotaW: value.quotaW.plus(1) } : value])),
    ballots: new Map([...state.ballots].map(([key, value]) => [key, key === rID ? new Map([...value].filter(([who]) => who !== voter)) : value])),
    referendums: new Map([...state.referendums].filter(([key]) => key !== lastRID)),
    offers: new Map([...state.offers].filter(([key]) => key !== lastOffer)),
  };
  const { mismatches, comparisons } = await compareWithChain(auditedGroup(group), tampered as any);
  const found = (name: string) => comparisons.find((row) => row.name === name)?.mismatches;
  expect(mismatches).toEqual(
    expect.arrayContaining([
      `member ${address} quotaW: the contracts' storage gives ${member.quotaW.toFixed()}, the events give ${member.quotaW.plus(1).toFixed()}`,
      expect.stringMatching(new RegExp(`^referendum ${rID} voters \\(admission serials\\): the contracts' storage gives `)),
      `referendum ${lastRID}: stored by the referendums contract, but no event gives it`,
      `tally ${lastRID}: stored by the referendums contract, but no event gives it`,
      `trade offer ${lastOffer}: stored by the trades contract, but no event gives it`,
    ]),
  );
  // The voter's own hasVoted, where it still is a member.
  if (state.members.has(voter)) {
    expect(mismatches).toContain(`hasVoted(${rID}, ${voter}): the contracts' storage gives true, the events give false`);
  }
  // The shorter referendum and offer lists also change the counts and the next IDs' reads.
  expect([found('members'), found('nothingElse'), found('totals')]).toEqual([1, 3, 2]);
  expect(found('ballots')).toBe(state.members.has(voter) ? 2 : 1);
});

test('an audit resumed from a checkpoint gives the same verdict and exports as a full one', async () => {
  const middle = Math.floor((full.verdict.fromBlock + full.verdict.toBlock) / 2);
  const first = await audit({ group: auditedGroup(group), toBlock: middle });
  expect(first.verdict.ok).toBe(true);
  // The checkpoint goes through JSON, as the command line saves it.
  // To the full audit's last block: the node's consensus timer may have made empty blocks since.
  const resumed = await audit({
    group: auditedGroup(group),
    checkpoint: JSON.parse(JSON.stringify(first.checkpoint)),
    toBlock: full.verdict.toBlock,
  });
  expect(resumed.verdict.readFromBlock).toBe(middle + 1);
  expect(resumed.verdict.eventsRead).toBeLessThan(full.verdict.events);
  const pick = ({ ok, events, members, fromBlock, toBlock, violations, mismatches }: Audit['verdict']) => ({
    ok,
    events,
    members,
    fromBlock,
    toBlock,
    violations,
    mismatches,
  });
  expect(pick(resumed.verdict)).toEqual(pick(full.verdict));
  writeExports(path.join(dir, 'resumed'), resumed);
  for (const file of ['allocation.csv', 'events.csv', 'referendums.csv']) {
    expect(fs.readFileSync(path.join(dir, 'resumed', file), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'full', file), 'utf8'));
  }
});

test('mtemsm audit: a verdict with exit 0, and one-line errors for no node or no MTEMsm', async () => {
  const contract = [
    '--rpc',
    node.rpcURL,
    '--contract',
    group.contracts.ledger,
    '--trades',
    group.contracts.trades,
    '--plants',
    group.contracts.plants,
    '--referendums',
    group.contracts.referendums,
  ];
  const passed = await mtemsm(['audit', ...contract, '--json']);
  expect(passed.code).toBe(0);
  expect(JSON.parse(passed.stdout)).toMatchObject({ ok: true, events: full.verdict.events, members: 5, violations: [] });

  const noNode = await mtemsm(['audit', '--rpc', 'http://127.0.0.1:9/rpc', '--contract', group.contracts.ledger]);
  expect(noNode.code).toBe(1);
  expect(noNode.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mtemsm: No node answers at http:\/\/127\.0\.0\.1:9\/rpc/)]);

  const noGroup = await mtemsm(['audit', '--rpc', node.rpcURL, '--contract', group.contracts.plants]);
  expect(noGroup.code).toBe(1);
  expect(noGroup.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mtemsm: No MTEMsm group at /)]);
});

/** The node's blocks, with `skip` left out and the read cut after `count` blocks. */
async function* blocksCut(blocks: AsyncIterable<Block>, count: number, skip?: number): AsyncIterable<Block> {
  let given = 0;
  for await (const block of blocks) {
    if (given === count) {
      return;
    }
    given += 1;
    if (block.index !== skip) {
      yield block;
    }
  }
}

test('a read that ends early or skips a block, a later start and a stranger checkpoint are errors, never a verdict', async () => {
  const connected = auditedGroup(group);
  const cutRead = (cut: number, skip?: number): AuditedGroup => ({
    ...connected,
    chain: {
      getBlockCount: async () => connected.chain.getBlockCount(),
      iterBlocks: (filter) => blocksCut(connected.chain.iterBlocks(filter), cut, skip),
    },
  });
  // The node may have made empty blocks since the first audit (a private network's consensus timer).
  const last = (await connected.chain.getBlockCount()) - 1;
  expect(last).toBeGreaterThanOrEqual(full.verdict.toBlock);
  await expect(audit({ group: cutRead(3) })).rejects.toThrow(/^The chain ended at block 2, before block \d+: the read is incomplete\.$/);
  await expect(audit({ group: cutRead(last + 1, 2) })).rejects.toThrow(
    /^The node gave block 3 where block 2 was due: the chain changed during the read\.$/,
  );
  // A daily audit's resumed read is held to the same rule.
  const first = await audit({ group: connected, toBlock: last - 3 });
  await expect(audit({ group: cutRead(2), checkpoint: first.checkpoint })).rejects.toThrow(/^The chain ended at block/);

  // From a block after the deployment that holds events (the removal's, at the end of the full audit).
  const later = full.verdict.toBlock - 2;
  await expect(audit({ group: connected, fromBlock: later })).rejects.toThrow(
    new RegExp(`^Block ${later} is after the group's deployment \\(its first event is `),
  );
  await expect(audit({ group: connected, checkpoint: { ...first.checkpoint, ledger: group.contracts.plants } })).rejects.toThrow(
    `The checkpoint is not one of the group at ${group.contracts.ledger}.`,
  );
  // A v1 auditor's checkpoint (three contracts, the old state) is not resumed.
  await expect(audit({ group: connected, checkpoint: { ...first.checkpoint, version: 1 } as any })).rejects.toThrow(
    `The checkpoint is not one of the group at ${group.contracts.ledger}.`,
  );
});
