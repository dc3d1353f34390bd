/**
 * A small argument parser: positionals, `--name value`, `--name=value`, boolean
 * flags, `-h`, and `--` (everything after it is positional).
 */
import { UsageError } from './errors';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Record<string, string | true>;
}

/** Flags that take no value. */
export const BOOLEAN_FLAGS = new Set(['json', 'help', 'fresh']);

export const parseArgs = (argv: readonly string[]): ParsedArgs => {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '-h') {
      options.help = true;
    } else if (arg.startsWith('--') && arg.length > 2) {
      const equals = arg.indexOf('=');
      const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      if (BOOLEAN_FLAGS.has(name)) {
        if (equals !== -1) {
          throw new UsageError(`--${name} takes no value.`);
        }
        options[name] = true;
      } else if (equals !== -1) {
        options[name] = arg.slice(equals + 1);
      } else {
        const value = argv[index + 1];
        if (value === undefined || (value.startsWith('--') && value.length > 2)) {
          throw new UsageError(`--${name} needs a value.`);
        }
        options[name] = value;
        index += 1;
      }
    } else {
      positionals.push(arg);
    }
  }

  return { positionals, options };
};
