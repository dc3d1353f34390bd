/**
 * mtemsm: the members' command line of an MTEMsm group.
 *
 *   mtemsm COMMAND [ARGS] [OPTIONS]     (mtemsm --help lists the commands)
 *
 * Exit codes: 0 done; 1 the operation failed (the contract refused it, no node
 * answered, wrong password); 2 the command line is wrong (unknown command or option,
 * bad amount, unknown wallet). Failures print one line on stderr: `mtemsm: MESSAGE`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { firstLine } from '../chain/batch';
import { GLOBAL_OPTIONS, checkOptions, parseArgs } from './args';
import { Command, Option } from './command';
import { analyticsCommands } from './commands/analytics';
import { auditCommands } from './commands/audit';
import { energyCommands } from './commands/energy';
import { gatewayCommands } from './commands/gateway';
import { localCommands } from './commands/local';
import { meterCommands } from './commands/meters';
import { operationCommands } from './commands/operations';
import { readCommands } from './commands/reads';
import { makeContext } from './context';
import { UsageError } from './errors';
import { commandHelp, familyHelp, generalHelp, usageLine } from './help';

export const COMMANDS: readonly Command[] = [...localCommands, ...operationCommands, ...readCommands, ...energyCommands, ...analyticsCommands, ...gatewayCommands, ...meterCommands, ...auditCommands];

/** Every option of every command, and the global ones: what util.parseArgs is told. */
const ALL_OPTIONS: readonly Option[] = [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((command) => command.options ?? [])];

const GROUPS: ReadonlyArray<readonly [string, (command: Command) => boolean]> = [
  ['Wallets', (c) => c.path[0] === 'wallet'],
  ['Local network and deployment', (c) => c.path[0] === 'network' || c.path[0] === 'deploy'],
  ['Operations (signed with --from NAME)', (c) => operationCommands.includes(c)],
  ['Reads', (c) => readCommands.includes(c)],
  ['Energy: devices, readings, credits, certificates, consumption, the operator', (c) => energyCommands.includes(c)],
  ["Energy analytics (off chain, from the gateway's store)", (c) => analyticsCommands.includes(c)],
  ['The meter gateway', (c) => gatewayCommands.includes(c)],
  ['Simulated meters', (c) => meterCommands.includes(c)],
  ['Audit (for the utility and the regulator)', (c) => auditCommands.includes(c)],
];

/** The version in package.json. */
export const version = (): string =>
  (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

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
  const args = parseArgs(argv, ALL_OPTIONS);
  let positionals = args.positionals;
  if (positionals[0] === 'help') {
    positionals = positionals.slice(1);
    args.options.help = true;
  }
  if (args.options.version !== undefined && positionals.length === 0) {
    checkOptions(args, GLOBAL_OPTIONS);
    process.stdout.write(`${version()}\n`);

    return 0;
  }
  if (positionals.length === 0) {
    if (args.options.help === undefined) {
      checkOptions(args, GLOBAL_OPTIONS);
    }
    process.stdout.write(`${generalHelp(COMMANDS, GROUPS)}\n`);

    return args.options.help === true ? 0 : 2;
  }
  const { command, rest } = findCommand(positionals);
  if (command === undefined) {
    const family = COMMANDS.filter((candidate) => candidate.path[0] === positionals[0]);
    if (family.length > 0 && (args.options.help === true || positionals.length === 1)) {
      process.stdout.write(`${familyHelp(family)}\n`);

      return args.options.help === true ? 0 : 2;
    }
    throw new UsageError(`Unknown command "${positionals.join(' ')}" (see "mtemsm --help").`);
  }
  if (args.options.help === true) {
    process.stdout.write(`${commandHelp(command)}\n`);

    return 0;
  }
  checkOptions(args, [...(command.options ?? []), ...GLOBAL_OPTIONS], command.path.join(' '));
  const [min, max] = command.arity ?? [0, 0];
  if (rest.length < min || rest.length > max) {
    throw new UsageError(`Usage: ${usageLine(command)}`);
  }
  await command.run(makeContext(args), rest);

  return 0;
};

/**
 * Runs the command line and exits: failures are one line on stderr, no stack trace.
 *
 * The exit waits until stdout and stderr have handed everything to the system: a pipe
 * (`mtemsm referendums --json | jq .`) takes 64 KiB at once and Node writes the rest
 * asynchronously, so an exit right after the write would cut the JSON there. neo-one
 * leaves timers behind, hence an explicit exit rather than letting the loop end.
 */
export const run = (): void => {
  // The source-map package prints a notice on stdout (console.debug) when neo-one
  // loads it; stdout is for results (and --json) only.
  console.debug = () => undefined;
  // A reader that stops early (`| head`): its end of the pipe is closed, nothing more to say.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') {
        process.exit(process.exitCode ?? 0);
      }
      throw error;
    });
  }
  const flushed = async (stream: NodeJS.WriteStream): Promise<void> =>
    new Promise((resolve) => {
      // The callback of this empty write runs once every earlier write has been handed over.
      stream.write('', () => resolve());
    });
  const exit = (code: number): void => {
    process.exitCode = code;
    void flushed(process.stdout)
      .then(async () => flushed(process.stderr))
      .then(() => process.exit(code));
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
