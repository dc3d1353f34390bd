import { Context } from './context';

export interface Command {
  /** The words that name it: `['trade', 'offer']`. */
  readonly path: readonly string[];
  /** Other names that run it: `[['offer-trade']]`. */
  readonly aliases?: ReadonlyArray<readonly string[]>;
  /** Positional arguments, as shown in the usage line: `RID yes|no`. */
  readonly args?: string;
  /** How many positionals: [min, max]. */
  readonly arity?: readonly [number, number];
  /** Its own options, with the usage text of each: `['from', '--from NAME', 'the wallet that signs', true]`. */
  readonly options?: ReadonlyArray<Option>;
  readonly summary: string;
  readonly examples: readonly string[];
  /** Reads the group or sends a transaction (accepts --rpc, --contract, --trades, --plants, --referendums). */
  readonly onChain?: boolean;
  readonly run: (ctx: Context, positionals: readonly string[]) => Promise<void>;
}

/** [name, usage, description, required?] */
export type Option = readonly [string, string, string, boolean?];

export const FROM: Option = ['from', '--from NAME', 'the wallet that signs and pays', true];
