/**
 * mtemsm: the members' command line of an MTEMsm group.
 *
 *   mtemsm COMMAND [ARGS] [OPTIONS]     (mtemsm --help lists the commands)
 *
 * Exit codes: 0 done; 1 the operation failed (the contract refused it, no node
 * answered, wrong password); 2 the command line is wrong (unknown command or option,
 * bad amount, unknown wallet). Failures print one line on stderr: `mtemsm: MESSAGE`.
 */
import { firstLine } from '../chain/batch';
import { parseArgs } from './args';
import { Command, Option } from './command';
import { auditCommands } from './commands/audit';
import { localCommands } from './commands/local';
import { operationCommands } from './commands/operations';
import { readCommands } from './commands/reads';
import { makeContext } from './context';
import { UsageError } from './errors';

export const COMMANDS: readonly Command[] = [...localCommands, ...operationCommands, ...readCommands, ...auditCommands];

const GLOBAL_OPTIONS: ReadonlyArray<Option> = [
  ['json', '--json', 'plain JSON on stdout (BigNumbers as strings)'],
  ['keystore', '--keystore DIR', 'the wallets folder (default $MTEMSM_KEYSTORE or ~/.mtemsm/wallets)'],
  ['rpc', '--rpc URL', "a NEO 2 node's JSON-RPC URL (default: the local network)"],
  ['contract', '--contract HASH', "the MTEMsm ledger's address (default: the saved deployment)"],
  ['trades', '--trades HASH', "the MTEMsmTrades contract's address (default: the ledger's partner)"],
  ['plants', '--plants HASH', "the MTEMsmPlants contract's address (default: the ledger's partner)"],
  ['referendums', '--referendums HASH', "the MTEMsmReferendums contract's address (default: the ledger's partner)"],
  ['help', '--help', 'this help'],
];

const GROUPS: ReadonlyArray<readonly [string, (command: Command) => boolean]> = [
  ['Wallets', (c) => c.path[0] === 'wallet'],
  ['Local network and deployment', (c) => c.path[0] === 'network' || c.path[0] === 'deploy'],
  ['Operations (signed with --from NAME)', (c) => operationCommands.includes(c)],
  ['Reads', (c) => readCommands.includes(c)],
  ['Audit (for the utility and the regulator)', (c) => auditCommands.includes(c)],
];

const usageLine = (command: Command): string =>
  [
    'mtemsm',
    ...command.path,
    ...(command.args === undefined ? [] : [command.args]),
    ...(command.options ?? []).map(([, usage, , required]) => (required === true ? usage : `[${usage}]`)),
  ].join(' ');

const aliasNote = (command: Command): string =>
  command.aliases === undefined || command.aliases.length === 0
    ? ''
    : ` (also: ${command.aliases.map((alias) => alias.join(' ')).join(', ')})`;

const generalHelp = (): string => {
  const width = Math.max(...COMMANDS.map((command) => `${command.path.join(' ')} ${command.args ?? ''}`.length));
  const lines = [
    'mtemsm: the command line of an MTEMsm community-energy group (NEO 2).',
    '',
    'Usage: mtemsm COMMAND [ARGS] [OPTIONS]     mtemsm COMMAND --help for its options and an example',
  ];
  for (const [title, test] of GROUPS) {
    lines.push('', `${title}:`);
    for (const command of COMMANDS.filter(test)) {
      lines.push(`  ${`${command.path.join(' ')} ${command.args ?? ''}`.padEnd(width)}  ${command.summary}${aliasNote(command)}`);
    }
  }
  lines.push('', 'Options of every command:');
  for (const [, usage, text] of GLOBAL_OPTIONS) {
    lines.push(`  ${usage.padEnd(20)}  ${text}`);
  }
  lines.push(
    '',
    'Units: power 10kWp, 0.5kW, 500W, 5MW or watts; money "R$ 700,00" or 700.00; SEB 0.5; durations 30d, 12h, 10m, 45s or seconds.',
    'Environment: MTEMSM_PASSWORD (wallet password for scripts), MTEMSM_KEYSTORE, MTEMSM_HOME (local network folder).',
    'Exit codes: 0 done, 1 the operation failed (one line on stderr), 2 bad command line.',
    '',
    'Example: mtemsm network start && mtemsm wallet create ana --name "Ana Souza" --unit 1234567 && mtemsm deploy --founder ana',
  );

  return lines.join('\n');
};

const commandHelp = (command: Command): string => {
  const options = [...(command.options ?? []), ...GLOBAL_OPTIONS];
  const width = Math.max(...options.map(([, usage]) => usage.length));

  return [
    `Usage: ${usageLine(command)}`,
    '',
    `${command.summary}${aliasNote(command)}`,
    '',
    'Options:',
    ...options.map(([, usage, text]) => `  ${usage.padEnd(width)}  ${text}`),
    '',
    command.examples.length === 1 ? 'Example:' : 'Examples:',
    ...command.examples.map((example) => `  ${example}`),
  ].join('\n');
};

/** The command named by the longest prefix of the positionals (its path or an alias). */
const findCommand = (positionals: readonly string[]): { command?: Command; rest: readonly string[] } => {
  let best: Command | undefined;
  let length = 0;
  for (const command of COMMANDS) {
    for (const name of [command.path, ...(command.aliases ?? [])]) {
      if (name.every((word, index) => positionals[index] === word) && name.length > length) {
        best = command;
        length = name.length;
      }
    }
  }

  return { command: best, rest: positionals.slice(length) };
};

export const main = async (argv: readonly string[]): Promise<number> => {
  const args = parseArgs(argv);
  let positionals = args.positionals;
  if (positionals[0] === 'help') {
    positionals = positionals.slice(1);
    args.options.help = true;
  }
  if (positionals.length === 0) {
    process.stdout.write(`${generalHelp()}\n`);

    return args.options.help === true ? 0 : 2;
  }
  const { command, rest } = findCommand(positionals);
  if (command === undefined) {
    const family = COMMANDS.filter((candidate) => candidate.path[0] === positionals[0]);
    if (family.length > 0 && (args.options.help === true || positionals.length === 1)) {
      process.stdout.write(
        `${family.map((candidate) => `${usageLine(candidate)}\n    ${candidate.summary}`).join('\n')}\n`,
      );

      return args.options.help === true ? 0 : 2;
    }
    throw new UsageError(`Unknown command "${positionals.join(' ')}" (see "mtemsm --help").`);
  }
  if (args.options.help === true) {
    process.stdout.write(`${commandHelp(command)}\n`);

    return 0;
  }
  const allowed = new Set([...(command.options ?? []), ...GLOBAL_OPTIONS].map(([name]) => name));
  for (const name of Object.keys(args.options)) {
    if (!allowed.has(name)) {
      throw new UsageError(`Unknown option --${name} for "mtemsm ${command.path.join(' ')}" (see --help).`);
    }
  }
  const [min, max] = command.arity ?? [0, 0];
  if (rest.length < min || rest.length > max) {
    throw new UsageError(`Usage: ${usageLine(command)}`);
  }
  await command.run(makeContext(args), rest);

  return 0;
};

/** Runs the command line and exits: failures are one line on stderr, no stack trace. */
export const run = (): void => {
  // The source-map package prints a notice on stdout (console.debug) when neo-one
  // loads it; stdout is for results (and --json) only.
  console.debug = () => undefined;
  // neo-one leaves timers behind, so the process is ended, but only once stdout and
  // stderr have taken everything written (a pipe takes a large --json in several writes).
  const exit = (code: number): void => {
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  };
  main(process.argv.slice(2)).then(
    (code) => exit(process.exitCode === undefined || process.exitCode === 0 ? code : Number(process.exitCode)),
    (error) => {
      const code = typeof error?.exitCode === 'number' ? error.exitCode : 1;
      const message = firstLine(error);
      process.stderr.write(`mtemsm: ${message === '' ? 'failed.' : message}\n`);
      if (process.env.MTEMSM_DEBUG !== undefined && error instanceof Error) {
        process.stderr.write(`${error.stack ?? ''}\n`);
      }
      exit(code);
    },
  );
};

if (require.main === module) {
  run();
}
