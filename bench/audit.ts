/**
 * `npm run bench:audit`: how long the auditor takes on a chain of 10,000 events (issue 5's
 * goal: under 10 seconds on this machine).
 *
 *   npm run bench:audit [-- --events N] [--runs N] [--json] [--keep DIR]
 *
 * Builds the chain on a fresh in-memory node: the 130-member thesis experiment (about
 * 2,700 events), then rounds of trades around the group (each member offers 1 W to the
 * next one for 0.001 SEB on MTEMsmTrades, who accepts: four events a trade) until the chain holds N
 * events (default 10,000). Then it audits the whole chain --runs times (default 3), and
 * once as a daily audit resumed from a checkpoint taken before the last round. Writes
 * reports/audit.{md,json}. The node runs in its own process with its chain on disk, as the
 * network `npm start` leaves does (in a temporary folder: the user's deployment is left
 * alone). An in-memory node in this process slowed down with every audit run.
 * `--keep DIR` keeps the chain in DIR (and its node stopped) and, when DIR already holds
 * one, audits it again without building (to measure a change of the auditor alone).
 */
import BigNumber from 'bignumber.js';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit, Audit } from '../src/audit/audit';
import { auditedGroup, readGroupHistory } from '../src/audit/events';
import { inBatches, sendBlock } from '../src/chain/batch';
import { connect, deployDefaultGroup, Group } from '../src/chain/group';
import { PROJECT_ROOT, readDeployment, saveDeployment, startNetwork, stopNetwork } from '../src/chain/network';
import { freePort } from '../src/chain/node';
import { consoleProgress } from '../src/experiment/progress';
import { table } from '../src/experiment/report';
import { ExperimentMember, runThesisExperiment } from '../src/experiment/run';

// A neo-one dependency announces "SourceMapConsumer.initialize is a no-op" on stdout.
console.debug = () => undefined;

const option = (args: readonly string[], name: string, fallback: number): number => {
  const index = args.indexOf(name);

  return index >= 0 ? Number(args[index + 1]) : fallback;
};

/** How long the bench's offers stay open: the CLI's default, 7 days. */
const OFFER_PERIOD = 7 * 86_400;

/** Transactions per block (neo-one's RPC answers a block of at most about 100 in time). */
const BLOCK = 100;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);

  return sorted[Math.floor(sorted.length / 2)];
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const target = option(args, '--events', 10_000);
  const runs = option(args, '--runs', 3);
  const json = args.includes('--json');
  const say = (line: string): void => {
    if (!json) {
      process.stderr.write(`${line}\n`);
    }
  };
  const started = Date.now();
  const keepIndex = args.indexOf('--keep');
  const keep = keepIndex >= 0 ? path.resolve(args[keepIndex + 1]) : undefined;
  const home = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-bench-audit-'));
  const kept = path.join(home, 'bench-audit.json');
  try {
    let group: Group;
    let beforeLastRound: number;
    let built: number;
    let reused = false;
    if (keep !== undefined && fs.existsSync(kept) && readDeployment(home) !== undefined) {
      const saved = JSON.parse(fs.readFileSync(kept, 'utf8')) as { beforeLastRound: number; built: number; port: number };
      const network = await startNetwork({ home, port: saved.port });
      group = connect({ rpcURL: network.rpcURL, contracts: (readDeployment(home) as any).contracts });
      ({ beforeLastRound, built } = saved);
      reused = true;
      say(`Reusing the chain kept in ${home} (${network.blockCount} blocks)`);
    } else {
      ({ group, beforeLastRound } = await buildChain(home, target, say, json));
      built = (Date.now() - started) / 1_000;
    }
    if (keep !== undefined && !fs.existsSync(kept)) {
      const port = Number(new URL(group.rpcURL).port);
      fs.writeFileSync(kept, `${JSON.stringify({ beforeLastRound, built, port })}\n`);
    }
    const audited = auditedGroup(group);

    // Other work on this shared machine slows the audits down: the load is part of the measurement.
    const loadBefore = os.loadavg()[0];
    say(`Auditing the whole chain ${runs} times`);
    const full: Audit['verdict'][] = [];
    for (let run = 1; run <= runs; run++) {
      const { verdict } = await audit({ group: audited });
      if (!verdict.ok) {
        throw new Error(`The audit failed: ${JSON.stringify(verdict.violations)} ${verdict.mismatches.slice(0, 5).join('; ')}`);
      }
      full.push(verdict);
      say(`  run ${run}: ${verdict.seconds.toFixed(1)} s (${verdict.events.toLocaleString('en-US')} events)`);
    }
    // The daily audit resumes from a checkpoint taken before the last round, and reads only
    // that round. (The checkpoint's audit stops before the chain's end, so it compares no
    // reads: they give the state now, not the state then.)
    const { checkpoint } = await audit({ group: audited, toBlock: beforeLastRound });
    const daily = (await audit({ group: audited, checkpoint: JSON.parse(JSON.stringify(checkpoint)) })).verdict;
    const breakdown = (verdict: Audit['verdict']) => ({
      storageSeconds: verdict.comparison?.seconds.storage ?? 0,
      contractReadsSeconds: verdict.comparison?.seconds.reads ?? 0,
      checkSeconds: verdict.comparison?.seconds.compare ?? 0,
    });
    const report = {
      date: new Date().toISOString(),
      events: full[0].events,
      blocks: full[0].toBlock - full[0].fromBlock + 1,
      members: full[0].members,
      chainBuildSeconds: built,
      chainReused: reused,
      cpus: os.cpus().length,
      loadAverage: { beforeAudits: loadBefore, afterAudits: os.loadavg()[0] },
      storageRecords: full[0].comparison?.records,
      runs: full.map((verdict) => ({ seconds: verdict.seconds, ...verdict.phases, compare: breakdown(verdict) })),
      median: {
        seconds: median(full.map((verdict) => verdict.seconds)),
        readSeconds: median(full.map((verdict) => verdict.phases.readSeconds)),
        rebuildSeconds: median(full.map((verdict) => verdict.phases.rebuildSeconds)),
        compareSeconds: median(full.map((verdict) => verdict.phases.compareSeconds)),
      },
      daily: { eventsRead: daily.eventsRead, seconds: daily.seconds, ...daily.phases, compare: breakdown(daily) },
      // What the first full audit checked, with the values each comparison compared.
      checked: full[0].checked,
    };
    const rows: string[][] = [
      ...full.map((verdict, index) => [`full audit, run ${index + 1}`, verdict] as const),
      ['daily audit (resumed, last round only)', daily] as const,
    ].map(([name, verdict]) => {
      const split = breakdown(verdict);

      return [
        name,
        verdict.eventsRead.toLocaleString('en-US'),
        verdict.phases.readSeconds.toFixed(2),
        verdict.phases.rebuildSeconds.toFixed(2),
        split.storageSeconds.toFixed(2),
        split.contractReadsSeconds.toFixed(2),
        split.checkSeconds.toFixed(2),
        verdict.phases.compareSeconds.toFixed(2),
        verdict.seconds.toFixed(2),
      ];
    });
    const summary = table(
      [
        'audit',
        'events read',
        'read blocks (s)',
        'rebuild + invariants (s)',
        'read + decode storage (s)',
        "contracts' own reads (s)",
        'compare (s)',
        'comparison in all (s)',
        'total (s)',
      ],
      rows,
    );
    const checks = table(
      ['check', 'values compared', 'holds'],
      full[0].checked.map(({ check, compared, holds }) => [check, compared === undefined ? 'each event, as the rebuild applies it' : compared.toLocaleString('en-US'), holds ? 'yes' : 'NO']),
    );
    const records = report.storageRecords;
    const markdown = [
      `# The auditor on a chain of ${report.events.toLocaleString('en-US')} events`,
      '',
      `Measured ${report.date} by \`npm run bench:audit\` (bench/audit.ts) on this machine: the 130-member thesis`,
      `experiment plus rounds of trades, ${report.events.toLocaleString('en-US')} events in ${report.blocks} blocks,`,
      `${report.members} members; load average (1 min) ${report.loadAverage.beforeAudits.toFixed(1)} before the audits and ${report.loadAverage.afterAudits.toFixed(1)} after, on ${report.cpus} cores; the chain took ${built.toFixed(0)} s to build${reused ? ' (in an earlier run of this bench, kept with --keep)' : ''}. The node runs in its own process, its chain on disk.`,
      '',
      summary,
      '',
      `Median of the full audits: ${report.median.seconds.toFixed(1)} s (runs from ${Math.min(...report.runs.map((run) => run.seconds)).toFixed(1)} to ${Math.max(...report.runs.map((run) => run.seconds)).toFixed(1)} s); reading and rebuilding the events with every`,
      `invariant checked: ${(report.median.readSeconds + report.median.rebuildSeconds).toFixed(1)} s; comparing with the chain: ${report.median.compareSeconds.toFixed(1)} s.`,
      '',
      "How the comparison reads the chain (src/audit/compare.ts, src/audit/storage.ts): the four contracts' raw storage,",
      `one \`getallstorage\` request each (${records === undefined ? '?' : `${records.ledger} + ${records.trades} + ${records.plants} + ${records.referendums} records`}), decoded as neo-one 2.x stores MapStorage records,`,
      "and each @constant read computed from the records as the contract computes it; the decoding is checked at every audit",
      "against the contracts' own reads (totals, partners, offer count, every member page, the first and last record of each",
      'kind, the next IDs absent), a few dozen reads run by neo-one\'s NeoVM instead of one per record.',
      '',
      `## What the first full audit checked`,
      '',
      checks,
      '',
    ].join('\n');
    const out = path.join(PROJECT_ROOT, 'reports');
    fs.writeFileSync(path.join(out, 'audit.json'), `${JSON.stringify(report, undefined, 2)}\n`);
    fs.writeFileSync(path.join(out, 'audit.md'), markdown);
    if (json) {
      process.stdout.write(`${JSON.stringify(report, undefined, 2)}\n`);
    } else {
      process.stdout.write(`\n${summary}\n\nWrote reports/audit.md and reports/audit.json\n`);
    }
  } finally {
    await stopNetwork(home);
    if (keep === undefined) {
      fs.rmSync(home, { recursive: true, force: true });
    }
  }
};

/**
 * The bench's chain: the thesis experiment, then rounds of trades until `target` events.
 * Returns the group and the last block before the last round (the daily audit's checkpoint).
 */
const buildChain = async (
  home: string,
  target: number,
  say: (line: string) => void,
  json: boolean,
): Promise<{ readonly group: Group; readonly beforeLastRound: number }> => {
  const network = await startNetwork({ home, port: await freePort(), fresh: true });
  const { group, deployment } = await deployDefaultGroup(network.rpcURL);
  saveDeployment(deployment, home);
  say(`Building a chain of at least ${target.toLocaleString('en-US')} events: the 130-member thesis experiment first`);
  const result = await runThesisExperiment(group, json ? undefined : consoleProgress());
  const audited = auditedGroup(group);
  // Members who can trade: 1 W of quota and 0.001 SEB (a ring of them keeps both).
  const traders: ExperimentMember[] = [];
  for (const member of result.members) {
    const record = await group.ledger.member(member.address);
    if (record !== undefined && record.quotaW.gte(1) && record.tokens.gte('0.001')) {
      traders.push(member);
    }
  }
  let events = (await readGroupHistory(audited)).events.length;
  let readFrom = await group.chain.getBlockCount();
  let beforeLastRound = readFrom - 1;
  for (let round = 1; events < target; round++) {
    beforeLastRound = readFrom - 1;
    const ring = traders.map((member, index) => ({ index, from: member, to: traders[(index + 1) % traders.length] }));
    const offers = await inBatches(ring, BLOCK, async (batch) =>
      sendBlock(
        group,
        'offerTrade',
        batch.map(({ from, to }) =>
          group.trades.offerTrade(from.address, to.address, new BigNumber(1), new BigNumber('0.001'), new BigNumber(OFFER_PERIOD), {
            from: from.account,
          }),
        ),
      ),
    );
    await inBatches(ring, BLOCK, async (batch) =>
      sendBlock(
        group,
        'acceptTrade',
        batch.map(({ index, to }) => group.trades.acceptTrade(offers[index].value as string, to.address, { from: to.account })),
      ),
    );
    const added = (await readGroupHistory(audited, { indexStart: readFrom })).events.length;
    events += added;
    readFrom = await group.chain.getBlockCount();
    say(`  trade round ${round}: ${ring.length} trades, ${added} events, ${events.toLocaleString('en-US')} in all`);
  }

  return { group, beforeLastRound };
};

main().catch((error) => {
  process.stderr.write(`bench:audit: ${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
