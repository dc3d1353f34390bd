/**
 * src/chain/vm.ts: the interpreter loop and the reference counts against neo-one's own, on
 * generated programs of the VM's pure opcodes (stack shuffles, the alt stack, arrays,
 * structs and maps holding each other, arithmetic, jumps and calls, throws): the same end
 * state, gas left, stacks, reference counts and error (its message, without the JavaScript
 * stack trace). A file of its own: neo-one's loop must run before the shortcuts are applied.
 */
import BN from 'bn.js';
import { setStepListener, speedUpVM } from '../../src/chain/vm';

describe("the interpreter loop gives neo-one's results", () => {
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { Op } = require('@neo-one/client-common');
  const execute = require('@neo-one/node-vm/dist/cjs/execute');
  /* eslint-enable @typescript-eslint/no-var-requires */
  const neoOne = execute.executeScript;
  // Containers are numbered from a process-wide counter (shown in some errors): each run
  // starts it from 0.
  const counter = require('@neo-one/node-vm/dist/cjs/stackItem/referenceCounter');
  let id = 0;
  counter.getNextID = () => (id += 1);

  // A small seeded generator: the same programs every run.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;

    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };

  /*
   * Programs are written against a model of the stack's kinds, so that most of them run on
   * (an op is picked only when the model's top items fit it) and build containers that hold
   * each other, which is where the reference counts walk. Jumps, calls and unpacking make
   * the model inexact: those programs end in faults of their own, compared too.
   */
  type Kind = 'int' | 'bytes' | 'array' | 'struct' | 'map' | 'any';
  interface Model {
    stack: Kind[];
    alt: Kind[];
  }
  const CONTAINER: readonly Kind[] = ['array', 'struct', 'map', 'any'];
  const LIST: readonly Kind[] = ['array', 'struct', 'any'];
  const NUMBER: readonly Kind[] = ['int', 'bytes', 'any'];
  const INT: readonly Kind[] = ['int'];
  const MAP: readonly Kind[] = ['map', 'any'];
  const top = (model: Model, depth: number) => model.stack[model.stack.length - 1 - depth];
  const fits = (model: Model, kinds: ReadonlyArray<readonly Kind[] | undefined>) =>
    model.stack.length >= kinds.length && kinds.every((allowed, depth) => allowed === undefined || allowed.includes(top(model, depth)));
  const pop = (model: Model, count: number) => model.stack.splice(model.stack.length - count, count).reverse();
  interface Spec {
    readonly name: string;
    readonly weight: number;
    readonly takes: ReadonlyArray<readonly Kind[] | undefined>;
    readonly alt?: boolean;
    readonly effect: (model: Model, taken: Kind[]) => void;
  }
  const push = (kind: Kind) => (model: Model) => model.stack.push(kind);
  const gives = (...kinds: Kind[]) => (model: Model) => model.stack.push(...kinds);
  const any = undefined;
  const SPECS: readonly Spec[] = [
    ...['PUSH0', 'PUSH1', 'PUSH2', 'PUSH3', 'PUSHM1', 'PUSH16'].map((name): Spec => ({ name, weight: 2, takes: [], effect: push('int') })),
    { name: 'PUSHBYTES1', weight: 2, takes: [], effect: push('bytes') },
    { name: 'DUP', weight: 4, takes: [any], effect: (model, [a]) => model.stack.push(a, a) },
    { name: 'DROP', weight: 3, takes: [any], effect: () => undefined },
    { name: 'NIP', weight: 2, takes: [any, any], effect: (model, [a]) => model.stack.push(a) },
    { name: 'SWAP', weight: 3, takes: [any, any], effect: (model, [a, b]) => model.stack.push(a, b) },
    { name: 'OVER', weight: 3, takes: [any, any], effect: (model, [a, b]) => model.stack.push(b, a, b) },
    { name: 'ROT', weight: 3, takes: [any, any, any], effect: (model, [a, b, c]) => model.stack.push(b, a, c) },
    { name: 'TUCK', weight: 3, takes: [any, any], effect: (model, [a, b]) => model.stack.push(a, b, a) },
    { name: 'TOALTSTACK', weight: 4, takes: [any], effect: (model, [a]) => model.alt.push(a) },
    { name: 'FROMALTSTACK', weight: 3, takes: [], alt: true, effect: (model) => model.stack.push(model.alt.pop() as Kind) },
    { name: 'DUPFROMALTSTACK', weight: 5, takes: [], alt: true, effect: (model) => model.stack.push(model.alt[model.alt.length - 1]) },
    { name: 'NEWMAP', weight: 2, takes: [], effect: push('map') },
    { name: 'NEWARRAY', weight: 2, takes: [INT], effect: push('array') },
    { name: 'NEWSTRUCT', weight: 2, takes: [INT], effect: push('struct') },
    { name: 'PACK', weight: 2, takes: [INT, any, any], effect: push('array') },
    { name: 'UNPACK', weight: 1, takes: [LIST], effect: gives('any', 'any', 'int') },
    { name: 'SETITEM', weight: 4, takes: [any, any, CONTAINER], effect: () => undefined },
    { name: 'PICKITEM', weight: 3, takes: [any, CONTAINER], effect: push('any') },
    { name: 'APPEND', weight: 3, takes: [any, LIST], effect: () => undefined },
    { name: 'REMOVE', weight: 1, takes: [any, CONTAINER], effect: () => undefined },
    { name: 'HASKEY', weight: 1, takes: [any, CONTAINER], effect: push('int') },
    { name: 'KEYS', weight: 1, takes: [MAP], effect: push('array') },
    { name: 'VALUES', weight: 1, takes: [CONTAINER], effect: push('array') },
    { name: 'REVERSE', weight: 1, takes: [LIST], effect: () => undefined },
    { name: 'ARRAYSIZE', weight: 1, takes: [any], effect: push('int') },
    { name: 'EQUAL', weight: 1, takes: [any, any], effect: push('int') },
    { name: 'DEPTH', weight: 1, takes: [], effect: push('int') },
    ...['XDROP', 'PICK', 'ROLL', 'XSWAP'].map((name): Spec => ({ name, weight: 1, takes: [INT, any, any], effect: gives('any', 'any') })),
    ...['INC', 'DEC', 'NOT', 'NZ', 'SIZE'].map((name): Spec => ({ name, weight: 1, takes: [NUMBER], effect: push('int') })),
    ...['ADD', 'SUB', 'MUL', 'NUMEQUAL', 'LT', 'BOOLAND', 'SHL', 'CAT'].map((name): Spec => ({ name, weight: 1, takes: [NUMBER, NUMBER], effect: push('int') })),
    ...['JMP', 'CALL', 'RET', 'NOP'].map((name): Spec => ({ name, weight: 0.5, takes: [], effect: () => undefined })),
    ...['JMPIF', 'JMPIFNOT', 'THROWIFNOT'].map((name): Spec => ({ name, weight: 0.5, takes: [NUMBER], effect: () => undefined })),
    { name: 'THROW', weight: 0.1, takes: [], effect: () => undefined },
  ];

  const program = (next: () => number): Buffer => {
    const bytes: number[] = [];
    const model: Model = { stack: [], alt: [] };
    const length = 20 + Math.floor(next() * 100);
    while (bytes.length < length) {
      const open = SPECS.filter((spec) => fits(model, spec.takes) && (spec.alt !== true || model.alt.length > 0));
      let pick = next() * open.reduce((sum, spec) => sum + spec.weight, 0);
      const spec = open.find(({ weight }) => (pick -= weight) < 0) ?? open[0];
      bytes.push(Op[spec.name]);
      if (spec.name === 'PUSHBYTES1') {
        bytes.push(Math.floor(next() * 256));
      } else if (['JMP', 'JMPIF', 'JMPIFNOT', 'CALL'].includes(spec.name)) {
        // Offsets from the op: mostly forward, some back (loops end when the gas does).
        const offset = Math.floor(next() * 30) - 8;
        bytes.push(offset & 0xff, (offset >> 8) & 0xff);
      }
      spec.effect(model, pop(model, spec.takes.length));
    }

    return Buffer.from(bytes);
  };

  const outcome = async (run: typeof neoOne, code: Buffer) => {
    id = 0;
    const context = await run({ code, blockchain: {}, init: {}, gasLeft: new BN(100_000 * 400) });
    const show = (items: Array<{ toString: () => string; referenceCount: number }>) =>
      items.map((item) => (item === undefined ? 'undefined' : `${item.toString()} #${item.referenceCount}`));

    return {
      state: context.state,
      pc: context.pc,
      gasLeft: context.gasLeft.toString(),
      stackCount: context.stackCount,
      stack: show(context.stack),
      stackAlt: show(context.stackAlt),
      error: context.errorMessage === undefined ? undefined : context.errorMessage.split('\n    at ')[0],
    };
  };

  test('on 2,000 generated programs', async () => {
    const programs = Array.from({ length: 2_000 }, (_, index) => program(random(index + 1)));
    // neo-one's loop and counts first, then ours: each run builds its own stack items.
    const expected = [];
    for (const code of programs) {
      expected.push(await outcome(neoOne, code));
    }
    speedUpVM();
    expect(execute.executeScript).not.toBe(neoOne);
    const differ = [];
    for (const [index, code] of programs.entries()) {
      const actual = await outcome(execute.executeScript, code);
      if (JSON.stringify(actual) !== JSON.stringify(expected[index])) {
        differ.push({ program: code.toString('hex'), expected: expected[index], actual });
      }
    }
    expect(differ.slice(0, 3)).toEqual([]);
    // The programs reach what the shortcuts are for: halts, runs to the end of their gas,
    // faults of many kinds, containers holding containers.
    const ends = expected.map((result) => result.error?.split('\n')[0].replace(/-?\d+/g, 'N') ?? `state ${result.state}`);
    expect(ends.filter((end) => end === 'state 1').length).toBeGreaterThan(300);
    expect(ends.filter((end) => end === 'Out of GAS').length).toBeGreaterThan(50);
    expect(new Set(ends).size).toBeGreaterThan(40);
    expect(expected.filter((result) => result.stack.some((item) => /\[.*[[{].*\]|\{.*[[{].*\}/.test(item))).length).toBeGreaterThan(20);
  });

  test("tells the profiler (bench/profiler.ts) of each opcode: its pc and fee", async () => {
    speedUpVM();
    const steps: string[] = [];
    setStepListener((context, op) => steps.push(`${context.pc} ${op.name} ${op.fee.toString()}`));
    try {
      const code = Buffer.from([Op.PUSH1, Op.PUSHBYTES1, 0x07, Op.ADD, Op.RET]);
      await execute.executeScript({ code, blockchain: {}, init: {}, gasLeft: new BN(100_000 * 400) });
    } finally {
      setStepListener(undefined);
    }
    expect(steps).toEqual(['0 PUSH1 0', '1 PUSHBYTES1 0', '3 ADD 100000', '4 RET 100000']);
  });
});
