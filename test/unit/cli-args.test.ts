/**
 * The command line's parsing (src/cli/args.ts, on util.parseArgs) and help
 * (src/cli/help.ts) on a small set of declared commands, and that every environment
 * variable the command line reads is in `mtemsm --help`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GLOBAL_OPTIONS, checkOptions, parseArgs } from '../../src/cli/args';
import { Command, FROM, flag, option } from '../../src/cli/command';
import { UsageError } from '../../src/cli/errors';
import { ENVIRONMENT, commandHelp, generalHelp, usageLine } from '../../src/cli/help';

const vote: Command = {
  path: ['vote'],
  args: 'RID yes|no',
  arity: [2, 2],
  options: [FROM],
  summary: 'Vote on a referendum.',
  examples: ['mtemsm vote R3 yes --from ana'],
  run: async () => undefined,
};
const start: Command = {
  path: ['network', 'start'],
  options: [flag('fresh', 'delete the chain first'), option('port', 'N', 'the RPC port')],
  summary: 'Start the local network.',
  examples: ['mtemsm network start --fresh'],
  run: async () => undefined,
};
const SPECS = [...GLOBAL_OPTIONS, FROM, flag('fresh', 'x'), option('port', 'N', 'x')];

/** The usage error's line for `argv` run as `command`. */
const refusal = (argv: string[], command: Command): string => {
  try {
    checkOptions(parseArgs(argv, SPECS), [...(command.options ?? []), ...GLOBAL_OPTIONS], command.path.join(' '));
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);

    return (error as Error).message;
  }
  throw new Error('accepted');
};

test('positionals, --name value, --name=value, flags, -h, -V, --', () => {
  expect(parseArgs(['vote', 'R1', '--from', 'ana', 'yes', '--json'], SPECS)).toMatchObject({
    positionals: ['vote', 'R1', 'yes'],
    options: { from: 'ana', json: true },
  });
  expect(parseArgs(['vote', '--from=ana', '-h', '-V'], SPECS).options).toEqual({ from: 'ana', help: true, version: true });
  expect(parseArgs(['vote', '--', '--from', 'R1'], SPECS)).toMatchObject({ positionals: ['vote', '--from', 'R1'], options: {} });
  // The last value of a repeated option.
  expect(parseArgs(['--port', '1', '--port', '2'], SPECS).options).toEqual({ port: '2' });
  // A value may start with one dash.
  expect(parseArgs(['--port', '-5'], SPECS).options).toEqual({ port: '-5' });
  expect(() => checkOptions(parseArgs(['R1', 'yes', '--from', 'ana', '--json'], SPECS), [FROM, ...GLOBAL_OPTIONS], 'vote')).not.toThrow();
});

test('refusals: one line naming the option', () => {
  expect(refusal(['R1', 'yes', '--from', 'ana', '--gas', '5'], vote)).toBe('Unknown option --gas for "mtemsm vote" (see --help).');
  expect(refusal(['R1', 'yes', '--from', 'ana', '--fresh'], vote)).toBe('Unknown option --fresh for "mtemsm vote" (see --help).');
  expect(refusal(['R1', 'yes', '--from', 'ana', '-x'], vote)).toBe('Unknown option -x for "mtemsm vote" (see --help).');
  expect(refusal(['R1', 'yes', '--from'], vote)).toBe('--from needs a value.');
  expect(refusal(['R1', 'yes', '--from', '--json'], vote)).toBe('--from needs a value.');
  expect(refusal(['R1', 'yes', '--from=ana', '--json=yes'], vote)).toBe('--json takes no value.');
  expect(refusal(['--fresh=1'], start)).toBe('--fresh takes no value.');
  expect(refusal(['R1', 'yes'], vote)).toBe('--from is required.');
  expect(refusal(['R1', 'yes', '--from='], vote)).toBe('--from is required.');
  expect(() => checkOptions(parseArgs(['--nope'], SPECS), GLOBAL_OPTIONS)).toThrow('Unknown option --nope (see "mtemsm --help").');
  // One declaration per name: a string and a flag of one name cannot both be parsed.
  expect(() => parseArgs([], [flag('from', 'x'), FROM])).toThrow('Option --from is declared both as a boolean and as a string.');
});

test('help is written from the declarations', () => {
  expect(usageLine(vote)).toBe('mtemsm vote RID yes|no --from NAME');
  expect(usageLine(start)).toBe('mtemsm network start [--fresh] [--port N]');
  const help = commandHelp(start);
  expect(help).toMatch(/^Usage: mtemsm network start \[--fresh\] \[--port N\]\n\nStart the local network\.\n\nOptions:\n/);
  expect(help).toMatch(/\n {2}--fresh +delete the chain first\n {2}--port N +the RPC port\n {2}--json +plain JSON/);
  expect(help).toMatch(/\n {2}-h, --help +this help\n {2}-V, --version +the program's version\n/);
  expect(help).toMatch(/\nExample:\n {2}mtemsm network start --fresh$/);
  const general = generalHelp([vote, start], [['Ops', (c) => c === vote], ['Net', (c) => c === start]]);
  expect(general).toMatch(/\nOps:\n {2}vote RID yes\|no +Vote on a referendum\.\n\nNet:\n {2}network start +Start the local network\.\n/);
});

test('every environment variable the command line reads is in --help', () => {
  const root = path.resolve(__dirname, '..', '..');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
    );
  // src/chain/network.ts: the local network's folder, read by the network commands.
  const sources = [...files(path.join(root, 'src', 'cli')), ...files(path.join(root, 'bin')), path.join(root, 'src', 'chain', 'network.ts')];
  const read = new Set(sources.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1])));
  expect([...read].sort()).toEqual(['MTEMSM_DEBUG', 'MTEMSM_HOME', 'MTEMSM_KEYSTORE', 'MTEMSM_PASSWORD']);
  expect(ENVIRONMENT.map(([name]) => name).sort()).toEqual([...read].sort());
  const help = generalHelp([vote], [['Ops', () => true]]);
  for (const name of read) {
    expect(help).toMatch(new RegExp(`\\n {2}${name} +\\S`));
  }
});
