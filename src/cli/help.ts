/**
 * `mtemsm --help` and `mtemsm COMMAND --help`, written from the commands' own
 * declarations (src/cli/command.ts): the usage line and the options of each command are
 * the ones its line is parsed with.
 */
import { GLOBAL_OPTIONS } from './args';
import { Command, Option, optionUsage } from './command';

/**
 * Every environment variable the command line reads (a test checks this list against
 * `process.env.` in src/cli, bin/ and src/chain/network.ts).
 */
export const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
  ['MTEMSM_PASSWORD', 'the wallet password, for scripts (else asked at a hidden prompt; required when stdin is no terminal)'],
  ['MTEMSM_KEYSTORE', 'the wallets folder (default ~/.mtemsm/wallets; --keystore DIR wins)'],
  ['MTEMSM_HOME', "the local network's folder: chain, node log, saved deployment (default .neo-one/mtemsm in the project)"],
  ['MTEMSM_DEBUG', 'set to anything: a failure prints its stack trace, mapped to the TypeScript lines'],
];

export const usageLine = (command: Command): string =>
  [
    'mtemsm',
    ...command.path,
    ...(command.args === undefined ? [] : [command.args]),
    ...(command.options ?? []).map((spec) => (spec.required === true ? optionUsage(spec) : `[${optionUsage(spec)}]`)),
  ].join(' ');

const aliasNote = (command: Command): string =>
  command.aliases === undefined || command.aliases.length === 0
    ? ''
    : ` (also: ${command.aliases.map((alias) => alias.join(' ')).join(', ')})`;

const optionLines = (options: readonly Option[]): string[] => {
  const width = Math.max(...options.map((spec) => optionUsage(spec).length));

  return options.map((spec) => `  ${optionUsage(spec).padEnd(width)}  ${spec.description}`);
};

export const generalHelp = (
  commands: readonly Command[],
  groups: ReadonlyArray<readonly [string, (command: Command) => boolean]>,
): string => {
  const width = Math.max(...commands.map((command) => `${command.path.join(' ')} ${command.args ?? ''}`.length));
  const lines = [
    'mtemsm: the command line of an MTEMsm community-energy group (NEO 2).',
    '',
    'Usage: mtemsm COMMAND [ARGS] [OPTIONS]     mtemsm COMMAND --help for its options and an example',
  ];
  for (const [title, test] of groups) {
    lines.push('', `${title}:`);
    for (const command of commands.filter(test)) {
      lines.push(`  ${`${command.path.join(' ')} ${command.args ?? ''}`.padEnd(width)}  ${command.summary}${aliasNote(command)}`);
    }
  }
  lines.push('', 'Options of every command:', ...optionLines(GLOBAL_OPTIONS));
  const envWidth = Math.max(...ENVIRONMENT.map(([name]) => name.length));
  lines.push('', 'Environment:', ...ENVIRONMENT.map(([name, text]) => `  ${name.padEnd(envWidth)}  ${text}`));
  lines.push(
    '',
    'Units: power 10kWp, 0.5kW, 500W, 5MW or watts; money "R$ 700,00", "R$ 1.234,56", 700.00 or 1,234.56; SEB 0.5 or 0,5;',
    '       durations 30d, 12h, 10m, 45s or seconds. A number that reads differently in Brazilian and English',
    '       notation (is 1,000 or 1.000 a thousand, or one?) is refused: write 1000, "1.000,00" or 1,000.00.',
    'Wallets: NEP-6 files (the NEO wallet format; keys NEP-2 encrypted), one per wallet in the keystore.',
    'Exit codes: 0 done, 1 the operation failed (one line on stderr), 2 bad command line.',
    '',
    'Example: mtemsm network start && mtemsm wallet create ana --name "Ana Souza" --unit 1234567 && mtemsm deploy --founder ana',
  );

  return lines.join('\n');
};

export const commandHelp = (command: Command): string =>
  [
    `Usage: ${usageLine(command)}`,
    '',
    `${command.summary}${aliasNote(command)}`,
    '',
    'Options:',
    ...optionLines([...(command.options ?? []), ...GLOBAL_OPTIONS]),
    '',
    command.examples.length === 1 ? 'Example:' : 'Examples:',
    ...command.examples.map((example) => `  ${example}`),
  ].join('\n');

/** The family's usage lines (`mtemsm trade`): each command of the group with its summary. */
export const familyHelp = (family: readonly Command[]): string =>
  family.map((candidate) => `${usageLine(candidate)}\n    ${candidate.summary}`).join('\n');
