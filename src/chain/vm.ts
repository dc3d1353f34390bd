/**
 * Three shortcuts in neo-one's JavaScript NeoVM (@neo-one/node-vm 2.x), each giving the
 * same results as the code it replaces; together about a fifth of the VM's time (every
 * test, `npm start`, the benchmarks and the local network run contracts in it):
 *
 * - `utils.toSignedBuffer` (a NeoVM integer's bytes: little-endian two's complement,
 *   shortest form) encoded each number twice and decoded both to pick one; here it is
 *   encoded once and a sign byte added when the top bit says so.
 *   test/unit/vm.test.ts compares it with neo-one's on edge and random values.
 * - An IntegerStackItem's bytes are computed at its creation (the 32-byte size check)
 *   and again at each use (map keys, conversions): kept on the item, whose value never
 *   changes (node-vm makes a new BN for every result; it mutates none in place).
 * - `asBigIntegerUnsafe` of an IntegerStackItem (most arithmetic and comparison
 *   opcodes) turned its number into bytes and back: it is its own value.
 *
 * Applied once per process by startNode (src/chain/node.ts), before any contract runs.
 */
import type BN from 'bn.js';

/** The shortest little-endian two's complement bytes of `value` (NeoVM's integer encoding). */
export const toSignedBuffer = (value: BN): Buffer => {
  if (!value.isNeg()) {
    // 0 is one zero byte, as neo-one writes it.
    const bytes = value.toArrayLike(Buffer, 'le');

    return (bytes[bytes.length - 1] & 0x80) === 0 ? bytes : Buffer.concat([bytes, Buffer.from([0])]);
  }
  const width = value.byteLength();
  const bytes = value.toTwos(width * 8).toArrayLike(Buffer, 'le', width);

  // Negative only if the top bit is set in `width` bytes; else one 0xff byte more.
  return (bytes[width - 1] & 0x80) !== 0 ? bytes : value.toTwos((width + 1) * 8).toArrayLike(Buffer, 'le', width + 1);
};

/* ---- The interpreter loop ---------------------------------------------------------------- */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Context = any;
/** A stack item (node-vm's StackItemBase): its reference count and the two walks. */
interface Item {
  mutableCount: number;
  readonly increment: () => number;
  readonly decrement: () => number;
}
export interface Op {
  readonly name: string;
  readonly in: number;
  readonly inAlt: number;
  readonly out: number;
  readonly outAlt: number;
  readonly invocation: number;
  readonly fee: BN;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly invoke: (input: { context: Context; args: Item[]; argsAlt: Item[] }) => any;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * neo-one's `run` and `executeNext` (node-vm/dist/cjs/execute.js) step by step, with the
 * same checks in the same order, the same errors, gas and reference counts, but without
 * the four copies of the whole context, the array copies and the await that each opcode
 * cost there: an opcode whose work is synchronous (all but calls and storage) runs without
 * leaving the loop.
 */
/** Called with each opcode before it runs: its context (pc at the opcode) and the op (bench/profiler.ts). */
export type StepListener = (context: Context, op: Op) => void;
let stepListener: StepListener | undefined;
/** Sets (or, with undefined, removes) the one listener to every opcode this process' VM runs. */
export const setStepListener = (listener: StepListener | undefined): void => {
  stepListener = listener;
};

const makeEngine = () => {
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { VMState, crypto, utils } = require('@neo-one/client-common');
  const { OPCODES } = require('@neo-one/node-vm/dist/cjs/opcodes');
  const errors = require('@neo-one/node-vm/dist/cjs/errors');
  const { MAX_INVOCATION_STACK_SIZE, MAX_STACK_SIZE } = require('@neo-one/node-vm/dist/cjs/constants');
  /* eslint-enable @typescript-eslint/no-var-requires */
  const staticOps: Array<Op | undefined> = [];
  const createOps: Array<((input: { context: Context }) => { op: Op; context: Context }) | undefined> = [];
  for (const [code, entry] of Object.entries(OPCODES) as Array<[string, { type: string; op?: Op; create?: (input: { context: Context }) => { op: Op; context: Context } }]>) {
    if (entry.type === 'op') {
      staticOps[Number(code)] = entry.op;
    } else {
      createOps[Number(code)] = entry.create;
    }
  }

  /**
   * A context's copy, field by field: the fields neo-one's node-vm gives one (execute.js,
   * opcodes.js; `errorMessage` after a call). A spread of these many-shaped objects was
   * most of the loop's own time.
   */
  const copy = (context: Context): Context => ({
    state: context.state,
    errorMessage: context.errorMessage,
    blockchain: context.blockchain,
    init: context.init,
    engine: context.engine,
    code: context.code,
    scriptHashStack: context.scriptHashStack,
    scriptHash: context.scriptHash,
    callingScriptHash: context.callingScriptHash,
    entryScriptHash: context.entryScriptHash,
    pc: context.pc,
    depth: context.depth,
    stack: context.stack,
    stackAlt: context.stackAlt,
    gasLeft: context.gasLeft,
    createdContracts: context.createdContracts,
    returnValueCount: context.returnValueCount,
    stackCount: context.stackCount,
  });

  const vmError = (context: Context, error: { code?: string; message: string; stack?: string }) => {
    if (error.code === 'VM_ERROR') {
      return error;
    }
    const newError = new errors.TemplateVMError(context, `VM Error: ${error.message}`);
    newError.stack = error.stack;

    return newError;
  };

  // Stack shuffles return some of their arguments again and neither read nor change a
  // reference count or an item, so their counts can be settled after they run.
  const shuffles = new Set(
    ['DUP', 'DROP', 'NIP', 'SWAP', 'OVER', 'ROT', 'TUCK', 'TOALTSTACK', 'FROMALTSTACK', 'DUPFROMALTSTACK'].map(
      (name) => staticOps.find((op) => op !== undefined && op.name === name),
    ),
  );

  /**
   * A shuffle's reference counts without walking the items: neo-one takes each argument off
   * (an item whose count reaches 0 walks everything it holds down by one) and puts each
   * result on (an item coming from 0 walks it all up again). When no item reaches 0, or one
   * item alone does and comes back, the walks cancel exactly and only the counts of the
   * moved items change, by what came back less what was taken. Else `undefined`, nothing
   * changed, and the counts are done neo-one's way.
   */
  const settleShuffle = (taken: Item[], given: Item[]): number | undefined => {
    const items: Item[] = [];
    const out: number[] = [];
    const back: number[] = [];
    for (const item of taken) {
      // neo-one leaves holes on its stack after some bad indexes: its own way fails on them.
      if (item === undefined) {
        return undefined;
      }
      const index = items.indexOf(item);
      if (index === -1) {
        items.push(item);
        out.push(1);
        back.push(0);
      } else {
        out[index] += 1;
      }
    }
    for (const item of given) {
      const index = items.indexOf(item);
      // A result that was no argument: not a shuffle's; neo-one's way then.
      if (index === -1) {
        return undefined;
      }
      back[index] += 1;
    }
    for (let index = 0; index < items.length; index++) {
      const count = items[index].mutableCount;
      if (count < out[index] || (count === out[index] && (items.length > 1 || back[index] === 0))) {
        return undefined;
      }
    }
    let net = 0;
    for (let index = 0; index < items.length; index++) {
      items[index].mutableCount += back[index] - out[index];
      net += back[index] - out[index];
    }

    return net;
  };

  const takeOff = (items: Item[]): number => {
    let count = 0;
    for (const item of items) {
      count += item.decrement();
    }

    return count;
  };

  const putOn = (items: Item[]): number => {
    let count = 0;
    for (const item of items) {
      count += item.increment();
    }

    return count;
  };

  /** After the op: its results on the stacks (neo-one puts them on in reverse), then the stack size limit. */
  const finish = (
    op: Op,
    result: { context: Context; results?: Item[]; resultsAlt?: Item[] },
    own: Context,
    shuffled?: { readonly args: Item[]; readonly argsAlt: Item[] },
  ): Context => {
    const { results, resultsAlt } = result;
    let context = result.context;
    if (op.out > 0 || op.outAlt > 0 || shuffled !== undefined) {
      // Only a context made in this step is changed in place; one an op made is copied, as before.
      if (context !== own) {
        context = copy(context);
      }
    }
    if (op.out > 0 ? results === undefined || results.length !== op.out : results !== undefined) {
      throw new errors.UnknownError(context);
    }
    let counted = false;
    if (shuffled !== undefined) {
      const net = settleShuffle([...shuffled.args, ...shuffled.argsAlt], [...(results ?? []), ...(resultsAlt ?? [])]);
      if (net === undefined) {
        context.stackCount += takeOff(shuffled.args) + takeOff(shuffled.argsAlt);
      } else {
        context.stackCount += net;
        counted = true;
      }
    }
    if (op.out > 0) {
      // lodash's reverse, which neo-one uses, reverses the op's array in place.
      const list = (results as Item[]).reverse();
      if (!counted) {
        context.stackCount += putOn(list);
      }
      context.stack = list.concat(context.stack);
    }
    if (op.outAlt > 0 ? resultsAlt === undefined || resultsAlt.length !== op.outAlt : resultsAlt !== undefined) {
      throw new errors.UnknownError(context);
    }
    if (op.outAlt > 0) {
      const list = (resultsAlt as Item[]).reverse();
      if (!counted) {
        context.stackCount += putOn(list);
      }
      context.stackAlt = list.concat(context.stackAlt);
    }
    if (context.stackCount > MAX_STACK_SIZE) {
      throw new errors.StackOverflowError(context);
    }

    return context;
  };

  /** One opcode: the next context, or a promise of it when the op is asynchronous. */
  const executeNext = (contextIn: Context): Context | Promise<Context> => {
    if (contextIn.state !== VMState.None) {
      return contextIn;
    }
    if (contextIn.pc >= contextIn.code.length) {
      return { ...contextIn, state: VMState.Halt };
    }
    const code = contextIn.code[contextIn.pc];
    let op = staticOps[code];
    let context: Context;
    if (op !== undefined) {
      context = copy(contextIn);
      context.pc += 1;
    } else {
      const create = createOps[code];
      if (create === undefined) {
        throw new errors.UnknownOpError(contextIn, `${code}`);
      }
      const next = copy(contextIn);
      next.pc += 1;
      ({ op, context } = create({ context: next }));
      context = copy(context);
    }
    const current = op as Op;
    if (stepListener !== undefined) {
      stepListener(contextIn, current);
    }
    if (context.stack.length < current.in) {
      throw new errors.StackUnderflowError(context, current.name, context.stack.length, current.in);
    }
    if (context.stackAlt.length < current.inAlt) {
      throw new errors.AltStackUnderflowError(context);
    }
    if (context.depth + current.invocation > MAX_INVOCATION_STACK_SIZE) {
      throw new errors.InvocationStackOverflowError(context);
    }
    const args: Item[] = current.in === 0 ? [] : context.stack.slice(0, current.in);
    const argsAlt: Item[] = current.inAlt === 0 ? [] : context.stackAlt.slice(0, current.inAlt);
    const shuffle = shuffles.has(current);
    if (current.in > 0) {
      context.stack = context.stack.slice(current.in);
    }
    if (current.inAlt > 0) {
      context.stackAlt = context.stackAlt.slice(current.inAlt);
    }
    if (!shuffle) {
      context.stackCount += takeOff(args) + takeOff(argsAlt);
    }
    // A free op (the pushes) leaves the same amount: neo-one changes no BN in place.
    if (!current.fee.isZero()) {
      context.gasLeft = context.gasLeft.sub(current.fee);
    }
    if (context.gasLeft.lt(utils.ZERO)) {
      if (shuffle) {
        context.stackCount += takeOff(args) + takeOff(argsAlt);
      }
      throw new errors.OutOfGASError(context);
    }
    let result;
    try {
      result = current.invoke({ context, args, argsAlt });
    } catch (error) {
      throw vmError(context, error as Error);
    }
    if (isThenable(result)) {
      return (result as Promise<{ context: Context }>).then(
        (value) => finish(current, value, context),
        (error) => {
          throw vmError(context, error);
        },
      );
    }

    return finish(current, result, context, shuffle ? { args, argsAlt } : undefined);
  };

  const fault = (context: Context, error: Error): Context => ({
    state: VMState.Fault,
    errorMessage: `${error.message}\n${error.stack}`,
    blockchain: context.blockchain,
    init: context.init,
    engine: context.engine,
    code: context.code,
    scriptHashStack: context.scriptHashStack,
    scriptHash: context.scriptHash,
    callingScriptHash: context.callingScriptHash,
    entryScriptHash: context.entryScriptHash,
    pc: context.pc,
    depth: context.depth,
    stack: context.stack,
    stackAlt: context.stackAlt,
    gasLeft: context.gasLeft,
    createdContracts: context.createdContracts,
    returnValueCount: context.returnValueCount,
    stackCount: context.stackCount,
  });

  const run = async ({ context: contextIn }: { context: Context }): Promise<Context> => {
    let context = contextIn;
    while (context.state === VMState.None) {
      try {
        const next = executeNext(context);
        context = isThenable(next) ? await next : next;
      } catch (error) {
        context = fault(context, error as Error);
      }
    }

    return context;
  };
  const executeScript = async ({
    code,
    blockchain,
    init,
    gasLeft,
    options: {
      scriptHashStack = [],
      scriptHash: callingScriptHash = undefined,
      entryScriptHash = callingScriptHash,
      depth = 1,
      stack = [],
      stackAlt = [],
      createdContracts = {},
      returnValueCount = -1,
      stackCount = 0,
      pc = 0,
    } = {},
  }: Context): Promise<Context> => {
    const scriptHash = crypto.hash160(code);
    const context = {
      state: VMState.None,
      blockchain,
      init,
      engine: { run, executeScript },
      code,
      scriptHashStack,
      scriptHash,
      callingScriptHash,
      entryScriptHash: entryScriptHash === undefined ? scriptHash : entryScriptHash,
      pc,
      depth,
      stack,
      stackAlt,
      gasLeft,
      createdContracts,
      returnValueCount,
      stackCount,
    };

    return run({ context });
  };

  return { run, executeScript };
};

/**
 * A stack item's reference count: neo-one makes a Set for every count change to guard
 * against cycles, needed only for items holding others (arrays, structs, maps).
 */
const countReferencesCheaply = (): void => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { StackItemBase } = require('@neo-one/node-vm/dist/cjs/stackItem/StackItemBase');
  const prototype = StackItemBase.prototype;
  const { increment, decrement, incrementInternal, decrementInternal } = prototype;
  prototype.increment = function fastIncrement(this: typeof prototype, seen?: Set<unknown>): number {
    if (seen !== undefined || this.incrementInternal !== incrementInternal) {
      return increment.call(this, seen);
    }
    this.mutableCount += 1;

    return 1;
  };
  prototype.decrement = function fastDecrement(this: typeof prototype, seen?: Set<unknown>): number {
    if (seen !== undefined || this.decrementInternal !== decrementInternal) {
      return decrement.call(this, seen);
    }
    this.mutableCount -= 1;

    return -1;
  };
};

let applied = false;

export const speedUpVM = (): void => {
  if (applied) {
    return;
  }
  applied = true;
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { utils } = require('@neo-one/client-common');
  const { IntegerStackItem } = require('@neo-one/node-vm/dist/cjs/stackItem/IntegerStackItem');
  /* eslint-enable @typescript-eslint/no-var-requires */
  utils.toSignedBuffer = toSignedBuffer;
  const prototype = IntegerStackItem.prototype as {
    value: BN;
    mtemsmBytes?: Buffer;
    asBuffer: () => Buffer;
    asBigIntegerUnsafe: () => BN;
  };
  prototype.asBuffer = function asBuffer(this: typeof prototype): Buffer {
    if (this.mtemsmBytes === undefined) {
      this.mtemsmBytes = toSignedBuffer(this.value);
    }

    return this.mtemsmBytes;
  };
  prototype.asBigIntegerUnsafe = function asBigIntegerUnsafe(this: typeof prototype): BN {
    return this.value;
  };
  countReferencesCheaply();
  // neo-one's own execute() and its calls between contracts look executeScript up here.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const execute = require('@neo-one/node-vm/dist/cjs/execute');
  execute.executeScript = makeEngine().executeScript;
};
