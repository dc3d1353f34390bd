import type { Context } from './context';

export interface Command {
  /** The words that name it: `['trade', 'offer']`. */
  readonly path: readonly string[];
  /** Other names that run it: `[['offer-trade']]`. */
  readonly aliases?: ReadonlyArray<readonly string[]>;
  /** Positional arguments, as shown in the usage line: `RID yes|no`. */
  readonly args?: string;
  /** How many positionals: [min, max]. */
  readonly arity?: readonly [number, number];
  /** Its own options: declared once, used to parse the command line and to write its --help. */
  readonly options?: ReadonlyArray<Option>;
  readonly summary: string;
  readonly examples: readonly string[];
  /** Reads the group or sends a transaction (accepts --rpc, --contract, --trades, --plants, --referendums). */
  readonly onChain?: boolean;
  readonly run: (ctx: Context, positionals: readonly string[]) => Promise<void>;
}

/** An option: a string (`--from NAME`) or a boolean flag (`--json`). */
export interface Option {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in the usage text (`NAME` in `--from NAME`); string options only. */
  readonly value?: string;
  readonly description: string;
  /** Checked before the command runs: `--from is required.` */
  readonly required?: boolean;
  /** A one-letter form (`-h`). */
  readonly short?: string;
}

/** A string option: `option('from', 'NAME', 'the wallet that signs', true)` is `--from NAME`. */
export const option = (name: string, value: string, description: string, required = false): Option => ({
  name,
  type: 'string',
  value,
  description,
  required,
});

/** A boolean flag: `flag('json', 'plain JSON')` is `--json`; it takes no value. */
export const flag = (name: string, description: string, short?: string): Option => ({ name, type: 'boolean', description, short });

/** `--from NAME`, `--json`, `-h, --help`. */
export const optionUsage = (spec: Option): string =>
  `${spec.short === undefined ? '' : `-${spec.short}, `}--${spec.name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;

export const FROM: Option = option('from', 'NAME', 'the wallet that signs and pays', true);
