/**
 * The auditor on a real chain: the thesis experiment with 6 members (admissions,
 * plants approved, rejected and failed, trades) on an in-memory node, plus a correction
 * and a removal so the treasury holds quota. The audit passes, its exports equal the
 * contracts' reads row by row, and a resumed audit gives the same verdict and exports.
 */
import { execFile } from 'child_process';
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Audit, audit } from '../src/audit/audit';
import { writeExports } from '../src/audit/exports';
import { sendBlock } from '../src/chain/batch';
import { DEFAULT_SETTINGS, Group } from '../src/chain/group';
import { startGroupNode } from '../src/chain/inMemory';
import { RunningNode } from '../src/chain/node';
import { ExperimentResult, runExperiment } from '../src/experiment/run';
import { ASSUMPTIONS, SMALL_GROUP, planMembers } from '../src/experiment/scenario';


let node: RunningNode;
let group: Group;
let result: ExperimentResult;
let full: Audit;
let dir: string;

/** One CSV line's cells (RFC 4180 quoting). */
const cells = (line: string): string[] => {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }

  return [...out, cell];
};

/** A CSV file's rows after its header. */
const csv = (file: string): string[][] => fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map(cells);

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
  full = await audit({ group });
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
});

test("allocation.csv is the contracts' reads, row by row, and its shares add up to 100 %", async () => {
  const rows = csv(path.join(dir, 'full', 'allocation.csv'));
  const summary = await group.ledger.groupSummary();
  expect(rows).toHaveLength(summary.members.toNumber() + 1);
  let share = new BigNumber(0);
  for (const [utility, address, profileHash, quotaW, sharePercent, seb] of rows) {
    share = share.plus(sharePercent);
    if (utility === 'treasury') {
      const treasury = await group.ledger.treasury();
      expect([address, quotaW, seb]).toEqual([group.contracts.ledger, treasury.quotaW.toFixed(0), treasury.tokens.toFixed(8)]);
      expect(treasury.quotaW.toNumber()).toBeGreaterThan(0);
      continue;
    }
    const member = await group.ledger.member(address);
    expect([utility, profileHash, quotaW, seb]).toEqual([
      member?.utility,
      member?.profileHash,
      member?.quotaW.toFixed(0),
      member?.tokens.toFixed(8),
    ]);
    // Each share is within 0.000001 % of quota / capacity.
    const exact = new BigNumber(quotaW).div(summary.totalCapacityW).times(100);
    expect(exact.minus(sharePercent).abs().lte('0.000001')).toBe(true);
  }
  expect(share.toFixed(6)).toBe('100.000000');
});

test("referendums.csv and events.csv are the contracts' referendums and the whole journal", async () => {
  const referendums = csv(path.join(dir, 'full', 'referendums.csv'));
  expect(referendums.length).toBeGreaterThan(6);
  for (const [rID, kind, proposer, subject, , , electorate, yes, no, outcome] of referendums) {
    const read = await group.referendums.referendum(rID);
    expect([kind, proposer, subject, electorate, yes, no, outcome]).toEqual([
      read?.kind,
      read?.proposer,
      read?.subject,
      read?.electorate.toFixed(),
      read?.yes.toFixed(),
      read?.no.toFixed(),
      read?.status,
    ]);
  }
  const events = fs.readFileSync(path.join(dir, 'full', 'events.csv'), 'utf8').trim().split('\n');
  expect(events[0]).toBe('block,time,transaction,index,contract,event,parameters');
  expect(events).toHaveLength(full.verdict.events + 1);
  const audit = JSON.parse(fs.readFileSync(path.join(dir, 'full', 'audit.json'), 'utf8'));
  expect(Object.keys(audit)).toEqual(expect.arrayContaining(['ok', 'events', 'members', 'seconds', 'violations']));
});

test('an audit resumed from a checkpoint gives the same verdict and exports as a full one', async () => {
  const middle = Math.floor((full.verdict.fromBlock + full.verdict.toBlock) / 2);
  const first = await audit({ group, toBlock: middle });
  expect(first.verdict.ok).toBe(true);
  // The checkpoint goes through JSON, as the command line saves it.
  const resumed = await audit({ group, checkpoint: JSON.parse(JSON.stringify(first.checkpoint)) });
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
  const contract = ['--rpc', node.rpcURL, '--contract', group.contracts.ledger, '--plants', group.contracts.plants, '--referendums', group.contracts.referendums];
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
