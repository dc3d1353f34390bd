/**
 * `npm start`: the thesis experiment on a fresh local network.
 *
 *   npm start [-- --out DIR] [--port N] [--json]
 *
 * Starts a fresh private network in the background (a group's contracts deploy once
 * per chain), deploys the four MTEMsm contracts with the spec's default settings, runs the experiment of
 * src/experiment/run.ts with the group of Table 4, checks it, and writes
 * reports/thesis-experiment.{md,json} and an SVG chart. The network keeps running with
 * the group on it, so `npx mtemsm` can explore it; `npm run stop` stops it.
 */
import * as path from 'path';
import { compileGroup } from '../chain/compile';
import { DEFAULT_SETTINGS, deployDefaultGroup } from '../chain/group';
import { DEFAULT_PORT, PROJECT_ROOT, homeDir, saveDeployment, startNetwork } from '../chain/network';
import { consoleProgress } from './progress';
import { FREE_GAS, chartSVG, check, figures, table, writeReport } from './report';
import { THESIS_LATER_JOINERS, runThesisExperiment } from './run';
import { ASSUMPTIONS, TABLE_4 } from './scenario';

const option = (args: string[], name: string): string | undefined => {
  const index = args.indexOf(name);

  return index >= 0 ? args[index + 1] : undefined;
};

// A neo-one dependency announces "SourceMapConsumer.initialize is a no-op" on stdout.
console.debug = () => undefined;

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const out = path.resolve(option(args, '--out') ?? path.join(PROJECT_ROOT, 'reports'));
  const port = Number(option(args, '--port') ?? DEFAULT_PORT);
  const say = (line: string): void => {
    if (!json) {
      process.stderr.write(`${line}\n`);
    }
  };
  const started = Date.now();
  say(`MTEMsm thesis experiment: Table 4 group (${TABLE_4.map((entry) => `${entry.units} ${entry.profile}s`).join(', ')}) on a local NEO 2 network`);
  say(`1/4 Starting a fresh local network on port ${port} (the previous chain in ${path.relative(PROJECT_ROOT, homeDir())} is replaced: a group deploys once per chain)`);
  const network = await startNetwork({ port, fresh: true });
  const days = (seconds: number): string => `${seconds / 86_400}-day`;
  say(
    `2/4 Compiling and deploying the four contracts (default settings: ${days(DEFAULT_SETTINGS.referendumPeriod)} referendums, ` +
      `${days(DEFAULT_SETTINGS.crowdfundingPeriod)} crowdfunding, ${days(DEFAULT_SETTINGS.minFundingWindow)} minimum funding window)`,
  );
  const compiled = await compileGroup();
  const { deployment, group } = await deployDefaultGroup(network.rpcURL, compiled);
  saveDeployment(deployment);
  say('3/4 Running the experiment');
  const result = await runThesisExperiment(group, json ? undefined : consoleProgress());
  say('4/4 Checking invariants from the chain events and writing the report');
  const checks = await check(group, result);
  const report = figures(result, checks, ASSUMPTIONS, {
    // startNetwork runs neo-one's private network: one node, which is its only validator.
    producer: `\`npm start\` on a local neo-one private network (NEO 2, one validator) at ${network.rpcURL}`,
    wallSeconds: (Date.now() - started) / 1_000,
    laterJoiners: THESIS_LATER_JOINERS,
    settings: { ...DEFAULT_SETTINGS, ...deployment.contracts },
  });
  const files = writeReport(out, report, checks, chartSVG(result, ASSUMPTIONS));
  if (json) {
    process.stdout.write(`${JSON.stringify(report, undefined, 2)}\n`);
  } else {
    const median = (operation: string) => report.gas.find((row) => row.operation === operation)?.median.toFixed(3) ?? '—';
    process.stdout.write(
      `\n${table(
        ['figure', 'value'],
        [
          ['members (each invited first)', `${report.members} (${report.invitations} invitations)`],
          ['plants', report.plants.map((plant) => `${plant.ppID || plant.rID} ${plant.statuses.join(' → ')}`).join('; ')],
          ['trades', `${report.trades} (${(report.tradeVolume.quotaW / 1000).toFixed(3)} kW for ${report.tradeVolume.seb} SEB)`],
          ['invariants and reads', report.invariantsHold ? `hold (${report.eventsChecked} events checked)` : `FAILED: ${checks.violation ?? checks.mismatches[0]}`],
          ['transactions / blocks', `${report.transactions} / ${report.blocks}`],
          ['wall time', `${report.wallSeconds.toFixed(1)} s`],
          [
            'median gas: invite / admission / vote / admissionResult',
            `${median('invite')} / ${median('admission')} / ${median('vote')} / ${median('admissionResult')} GAS`,
          ],
          [
            'median gas: bid / offerTrade / acceptTrade',
            `${median('bid')} / ${median('offerTrade')} / ${median('acceptTrade')} GAS`,
          ],
          [
            'paged plant steps (pages; max gas a page)',
            ['crowdfundingResult', 'startOperation', 'cancelPledges']
              .map((step) => {
                const rows = report.gas.filter((row) => row.operation.startsWith(step));

                return `${step} ${rows.reduce((sum, row) => sum + row.count, 0)} (${Math.max(...rows.map((row) => row.max)).toFixed(3)})`;
              })
              .join(', '),
          ],
          [
            `operations above ${FREE_GAS} GAS`,
            report.overFreeGas.length === 0
              ? `none (the most: ${Math.max(...report.gas.map((row) => row.max)).toFixed(3)} GAS)`
              : report.overFreeGas.join(', '),
          ],
        ],
      )}\n\nReport: ${path.relative(process.cwd(), files.md)}, ${path.relative(process.cwd(), files.json)}, ${path.relative(process.cwd(), files.svg)}\n` +
        `The network keeps running with the group on it (ledger ${deployment.contracts.ledger}): try \`npx mtemsm summary\`; \`npm run stop\` stops it.\n`,
    );
  }
  process.exit(report.invariantsHold ? 0 : 1);
};

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  process.exit(1);
});
