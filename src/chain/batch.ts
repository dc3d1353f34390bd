/**
 * Sending many members' transactions at once, and measuring what they cost.
 *
 * On a private network the transactions of a batch are sent together, one block is
 * made for them (neo-one's `runConsensusNow`), and their receipts are checked: a
 * FAULT stops the run with the contract's message.
 */
import { TransactionOptions, TransactionResult, UserAccountID } from '@neo-one/client';
import BigNumber from 'bignumber.js';
import { blockForAll, Group } from './group';

export interface Receipt {
  readonly value: any;
  readonly gasCost: BigNumber;
  readonly blockIndex: number;
  readonly transaction: string;
  readonly events: ReadonlyArray<{ readonly name: string; readonly parameters: Record<string, any> }>;
}

/** gasCost per operation, in GAS, as measured on chain. */
export class GasLog {
  private readonly costs = new Map<string, BigNumber[]>();

  public add(operation: string, gasCost: BigNumber): void {
    const list = this.costs.get(operation) ?? [];
    list.push(gasCost);
    this.costs.set(operation, list);
  }

  /** One row per operation, in the order first seen: count, min, median, max, total (GAS). */
  public rows(): Array<{ operation: string; count: number; min: number; median: number; max: number; total: number }> {
    return [...this.costs.entries()].map(([operation, list]) => {
      const sorted = [...list].sort((a, b) => a.comparedTo(b) ?? 0);
      const middle = Math.floor(sorted.length / 2);
      const median =
        sorted.length % 2 === 1 ? sorted[middle] : sorted[middle - 1].plus(sorted[middle]).div(2);
      const total = sorted.reduce((sum, value) => sum.plus(value), new BigNumber(0));

      return {
        operation,
        count: sorted.length,
        min: sorted[0].toNumber(),
        median: median.toNumber(),
        max: sorted[sorted.length - 1].toNumber(),
        total: total.toNumber(),
      };
    });
  }
}

/** BigNumbers as strings, so receipts' events compare and print plainly. */
export const plain = (value: any): any => {
  if (BigNumber.isBigNumber(value)) {
    return value.toString();
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }

  return value;
};

/**
 * Sends `calls` (already started: each is the client's promise of a sent
 * transaction), makes one block, and returns their receipts in order. Throws the
 * first rejection or FAULT, with the operation's name. `gas` records each gasCost
 * under `operation`.
 */
export const sendBlock = async (
  group: Group,
  operation: string,
  calls: ReadonlyArray<Promise<TransactionResult<any>>>,
  gas?: GasLog,
): Promise<Receipt[]> => {
  if (calls.length === 0) {
    return [];
  }
  const sent = await Promise.allSettled(calls);
  const rejected = sent.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected !== undefined) {
    // Let the sent ones land before reporting, so the chain is left consistent.
    await group.developer.runConsensusNow().catch(() => undefined);
    throw new Error(`${operation}: ${firstLine(rejected.reason)}`);
  }
  const results = sent.map((result) => (result as PromiseFulfilledResult<TransactionResult<any>>).value);
  // One block for all (blockForAll asks once, and again for any still in the pool).
  await blockForAll(group.developer, group.chain, results.map((result) => result.transaction.hash));
  const receipts = await Promise.all(results.map(async (result) => result.confirmed({ timeoutMS: 600_000 })));

  return receipts.map((receipt: any, index) => {
    if (receipt.result.state === 'FAULT') {
      throw new Error(`${operation}: ${firstLine(receipt.result.message)}`);
    }
    gas?.add(operation, receipt.result.gasCost);

    return {
      value: receipt.result.value,
      gasCost: receipt.result.gasCost,
      blockIndex: receipt.blockIndex,
      transaction: results[index].transaction.hash,
      events: (receipt.events ?? []).map((event: any) => ({ name: event.name, parameters: plain(event.parameters) })),
    };
  });
};

/**
 * Transaction options that send a call without the client's test run before it (neo-one's
 * skipSysFeeCheck): for calls planned to succeed (fixtures, the experiment, due pages). A
 * refusal then shows as the FAULT of its block, with the contract's message, and the call
 * gets only the 10 free GAS (every MTEMsm operation fits). The command line keeps the test
 * run: a refusal there sends nothing.
 */
export const WITHOUT_TEST_RUN = { skipSysFeeCheck: true } as const;

export interface PageOptions {
  /** Each page's gasCost, under the operation's name. */
  readonly gas?: GasLog;
  /** Called with the number of pages sent so far. */
  readonly onPage?: (pages: number) => void;
  /** Sends each page WITHOUT_TEST_RUN (pages known to be due). */
  readonly skipTestRun?: boolean;
}

/**
 * A SendPage (src/chain/plants.ts) that sends each page in a block of its own and keeps
 * its receipt in `receipts`: for private networks.
 */
export const blockPages =
  (group: Group, from: UserAccountID, receipts: Receipt[], { gas, onPage, skipTestRun = false }: PageOptions = {}) =>
  async (operation: string, call: (options: TransactionOptions) => Promise<TransactionResult<any>>): Promise<boolean> => {
    const options = skipTestRun ? ({ from, ...WITHOUT_TEST_RUN } as TransactionOptions) : { from };
    const [page] = await sendBlock(group, operation, [call(options)], gas);
    receipts.push(page);
    onPage?.(receipts.length);

    return page.value === true;
  };

/** Each receipt's transaction position on chain (block, then place in block): the order it ran in. */
export const chainPositions = async (group: Group, receipts: readonly Receipt[]): Promise<number[]> => {
  const positions = new Map<string, number>();
  for (const blockIndex of new Set(receipts.map((receipt) => receipt.blockIndex))) {
    const block = await group.chain.getBlock(blockIndex);
    block.transactions.forEach((transaction, index) => positions.set(transaction.hash, blockIndex * 100_000 + index));
  }

  return receipts.map((receipt) => positions.get(receipt.transaction) as number);
};

/** Runs `work` over `items` in batches of `size` (one block each), reporting progress. */
export const inBatches = async <T, R>(
  items: readonly T[],
  size: number,
  work: (batch: readonly T[]) => Promise<R[]>,
  progress?: (done: number, total: number) => void,
): Promise<R[]> => {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(...(await work(items.slice(start, start + size))));
    progress?.(Math.min(start + size, items.length), items.length);
  }

  return out;
};

/** The first line of an error's message: the contract's own message, without neo-one's trace. */
export const firstLine = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((part) => part.trim() !== '') ?? message;

  return line.replace(/^Error: /, '').trim();
};
