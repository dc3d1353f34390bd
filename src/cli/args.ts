/**
 * The command line's parsing, on Node's own `util.parseArgs`: positionals,
 * `--name value`, `--name=value`, boolean flags, `-h`, `-V`, and `--` (everything
 * after it is positional). Each command declares its options once (src/cli/command.ts
 * Option: name, string or boolean, required, usage text, description); the same
 * declarations parse the line and write `--help`.
 *
 * util.parseArgs runs with `strict: false` and its tokens are checked here, so that a
 * wrong line gets one sentence naming the option in this CLI's words (and naming the
 * command it is unknown to), not Node's error text:
 *   unknown option        Unknown option --gas for "mtemsm vote" (see --help).
 *   value missing         --from needs a value.   (also `--from --json`: an option is no value)
 *   value to a flag       --json takes no value.
 *   required option       --from is required.
 */
import { parseArgs as nodeParseArgs } from 'util';
import { Option, flag, option } from './command';
import { UsageError } from './errors';

export interface ParsedArgs {
  readonly positionals: string[];
  /** Each option's last value; a flag is `true`. */
  readonly options: Record<string, string | true>;
  /** The options as given, in order (rawName is what was typed: `--json`, `-h`). */
  readonly given: ReadonlyArray<{ readonly name: string; readonly rawName: string; readonly value?: string; readonly inline: boolean }>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly Option[] = [
  flag('json', 'plain JSON on stdout (BigNumbers as strings)'),
  option('keystore', 'DIR', 'the wallets folder (default $MTEMSM_KEYSTORE or ~/.mtemsm/wallets)'),
  option('rpc', 'URL', "a NEO 2 node's JSON-RPC URL (default: the local network)"),
  option('contract', 'HASH', "the MTEMsm ledger's address (default: the saved deployment)"),
  option('trades', 'HASH', "the MTEMsmTrades contract's address (default: the ledger's partner)"),
  option('plants', 'HASH', "the MTEMsmPlants contract's address (default: the ledger's partner)"),
  option('referendums', 'HASH', "the MTEMsmReferendums contract's address (default: the ledger's partner)"),
  flag('help', 'this help', 'h'),
  flag('version', "the program's version", 'V'),
];

/**
 * Splits the line with util.parseArgs, knowing every option's type (`specs`: the global
 * options and those of every command), so that `--from ana` takes its value and `--json`
 * does not. Nothing is refused here: checkOptions does it once the command is known.
 */
export const parseArgs = (argv: readonly string[], specs: readonly Option[] = GLOBAL_OPTIONS): ParsedArgs => {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const spec of specs) {
    const known = config[spec.name];
    if (known !== undefined && known.type !== spec.type) {
      throw new Error(`Option --${spec.name} is declared both as a ${known.type} and as a ${spec.type}.`);
    }
    config[spec.name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  const { tokens } = nodeParseArgs({ args: [...argv], options: config, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  const given: Array<ParsedArgs['given'][number]> = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
    } else if (token.kind === 'option') {
      const inline = token.inlineValue === true;
      given.push({ name: token.name, rawName: token.rawName, value: token.value, inline });
      options[token.name] = token.value ?? true;
    }
  }

  return { positionals, options, given };
};

/**
 * Refuses, in one line, an option the command does not take, a string option without its
 * value (a following `--option` is no value), a value given to a flag, and a required
 * option left out (or given as "").
 */
export const checkOptions = (args: ParsedArgs, specs: readonly Option[], commandName?: string): void => {
  const byName = new Map(specs.map((spec) => [spec.name, spec] as const));
  for (const { name, rawName, value, inline } of args.given) {
    const spec = byName.get(name);
    if (spec === undefined) {
      throw new UsageError(
        commandName === undefined
          ? `Unknown option ${rawName} (see "mtemsm --help").`
          : `Unknown option ${rawName} for "mtemsm ${commandName}" (see --help).`,
      );
    }
    if (spec.type === 'boolean' && value !== undefined) {
      throw new UsageError(`--${name} takes no value.`);
    }
    if (spec.type === 'string' && (value === undefined || (!inline && value.startsWith('--')))) {
      throw new UsageError(`--${name} needs a value.`);
    }
  }
  for (const spec of specs) {
    if (spec.required === true && (args.options[spec.name] === undefined || args.options[spec.name] === '')) {
      throw new UsageError(`--${spec.name} is required.`);
    }
  }
};
