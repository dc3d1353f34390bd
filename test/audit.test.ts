/**
 * The auditor on a real chain: the thesis experiment with 6 members (invitations and
 * admissions, plants approved, rejected, oversubscribed and failed, paged steps,
 * trades on MTEMsmTrades) on an in-memory node, plus a removal so the treasury holds
 * quota. The audit of the four contracts passes, its exports equal the contracts'
 * reads row by row, a resumed audit gives the same verdict and exports, and a read that
 * ends early, a later start or a stranger (or v1) checkpoint are errors.
 */
import type { Block } from '@neo-one/client';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Audit, audit } from '../src/audit/audit';
import { AuditedGroup, auditedGroup } from '../src/audit/events';
import { writeExports } from '../src/audit/exports';
import { sendBlock } from '../src/chain/batch';
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
    assumptions: ASSUMPTIONS,
    crowdfundingPeriod: DEFAULT_SETTINGS.crowdfundingPeriod,
    laterJoiners: 1,
  });
  // The group removes its last member: its quota and SEB go to the treasury.
  const [, second, third, , , last] = result.members;
  removed = last.address;
  const [proposal] = await sendBlock(group, 'proposeRemoval', [
    group.referendums.proposeRemoval(founder.address, last.address, { from: founder }),
  ]);
  const rID = proposal.value as string;
  await sendBlock(
    group,
    'vote',
    [result.members[0], second, third, result.members[3]].map((member) =>
      group.referendums.vote(rID, member.address, true, { from: member.account }),
    ),
  );
  await sendBlock(group, 'changeResult', [group.referendums.changeResult(rID, { from: founder })]);
  full = await audit({ group: auditedGroup(group) });
  writeExports(path.join(dir, 'full'), full);
});

afterAll(async () => {
  await node?.stop();
});

test('the audit of the experiment chain passes: every invariant holds and the reads agree', () => {
  expect(full.verdict.violations).toEqual([]);
  expect(full.verdict.mismatches).toEqual([]);
  expect(full.verdict.ok).toBe(true);
  expect(full.verdict.members).toBe(5);
  expect(full.verdict.events).toBeGreaterThan(100);
  expect(full.verdict.checked).toHaveLength(7);
  expect(full.verdict.checked.every(({ holds }) => holds)).toBe(true);
  // No transaction of the experiment carries neo-one's error notification.
  expect(full.verdict.ignored).toEqual([]);
  // The removed member's serial is a gap in the list: every member was admitted once, one left.
  expect(full.state.admissions).toBe(result.members.length);
  expect(full.state.listOfMembers).toEqual(result.members.filter((member) => member.address !== removed).map((member) => member.address));
});

test("the exports are the contracts' reads row by row, and the treasury holds the removed member's quota", async () => {
  const allocation = await expectExportsMatchReads(auditedGroup(group), path.join(dir, 'full'), full.verdict);
  const treasury = allocation.find(([utility]) => utility === 'treasury');
  expect(Number(treasury?.[3])).toBeGreaterThan(0);
  expect(csv(path.join(dir, 'full', 'referendums.csv')).length).toBeGreaterThan(6);
});

test('an audit resumed from a checkpoint gives the same verdict and exports as a full one', async () => {
  const middle = Math.floor((full.verdict.fromBlock + full.verdict.toBlock) / 2);
  const first = await audit({ group: auditedGroup(group), toBlock: middle });
  expect(first.verdict.ok).toBe(true);
  // The checkpoint goes through JSON, as the command line saves it.
  const resumed = await audit({ group: auditedGroup(group), checkpoint: JSON.parse(JSON.stringify(first.checkpoint)) });
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

  await expect(audit({ group: connected, fromBlock: last - 3 })).rejects.toThrow(
    new RegExp(`^Block ${last - 3} is after the group's deployment \\(its first event is `),
  );
  await expect(audit({ group: connected, checkpoint: { ...first.checkpoint, ledger: group.contracts.plants } })).rejects.toThrow(
    `The checkpoint is not one of the group at ${group.contracts.ledger}.`,
  );
  // A v1 auditor's checkpoint (three contracts, the old state) is not resumed.
  await expect(audit({ group: connected, checkpoint: { ...first.checkpoint, version: 1 } as any })).rejects.toThrow(
    `The checkpoint is not one of the group at ${group.contracts.ledger}.`,
  );
});
