/**
 * Where a transaction's GAS goes: every opcode neo-one's VM runs is charged to the
 * contract source line it was compiled from (neo-one's source maps: generated line N is
 * the script's N-th instruction). For `npm run bench` (src/chain/vm.ts tells it of each opcode); in-process nodes only
 * (the profiler patches this process' copy of @neo-one/node-vm).
 */
import { common, crypto } from '@neo-one/client-common';
import { disassembleByteCode } from '@neo-one/node-core';
import { SourceMapConsumer } from 'source-map';
import { GUARD_INSTRUCTIONS } from '../src/chain/compile';
import { setStepListener, speedUpVM } from '../src/chain/vm';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const syscalls = require('@neo-one/node-vm/dist/cjs/syscalls');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const vm = require('@neo-one/node-vm').vm;

/** One opcode run: the script, the instruction's pc, its fee in 1e-8 GAS, its name (SYSCALLs by syscall). */
interface Step {
  readonly script: string;
  readonly pc: number;
  readonly fee: number;
  readonly op: string;
}

export interface Execution {
  readonly steps: Step[];
  /** Application trigger (a transaction or an invokeScript), not a witness' verification. */
  readonly application: boolean;
}

const executions: Execution[] = [];
let current: Execution | undefined;
const scripts = new Map<string, Buffer>();

let installed = false;

/** Starts recording every execution of this process' VM (idempotent). */
export const installProfiler = (): void => {
  if (installed) {
    return;
  }
  installed = true;
  // src/chain/vm.ts runs the opcodes (its own interpreter loop) and tells of each.
  speedUpVM();
  setStepListener((context, op) => {
    if (current !== undefined) {
      const script = common.uInt160ToString(context.scriptHash);
      if (!scripts.has(script)) {
        scripts.set(script, context.code);
      }
      let name: string = op.name;
      if (name === 'SYSCALL') {
        name = syscalls.lookupSysCall({ context: { ...context, pc: context.pc + 1 } }).name;
      }
      current.steps.push({ script, pc: context.pc, fee: op.fee.toNumber(), op: name });
    }
  });
  const executeScripts = vm.executeScripts;
  vm.executeScripts = async (options: any) => {
    const execution: Execution = { steps: [], application: options.triggerType === 0x10 };
    executions.push(execution);
    const previous = current;
    current = execution;
    try {
      return await executeScripts(options);
    } finally {
      current = previous;
    }
  };
};

/** Forgets what was recorded so far. */
export const resetProfile = (): void => {
  executions.length = 0;
};

/** The Application executions recorded since the last reset. */
export const recordedExecutions = (): readonly Execution[] => executions.filter((execution) => execution.application);

export interface ProfileLine {
  readonly contract: string;
  readonly line: number;
  readonly source: string;
  readonly gas: number;
  readonly ops: number;
}

export interface Profile {
  readonly total: number;
  /** GAS by contract name ('transaction' for the invocation script). */
  readonly byContract: Record<string, number>;
  /** GAS by opcode or syscall name. */
  readonly byOp: Record<string, number>;
  /** Lines by GAS, largest first. */
  readonly lines: ProfileLine[];
}

const GAS = 100_000_000;

/**
 * Charges an execution's steps to source lines. `contracts` maps each contract's
 * script hash (0x… big-endian, as common.uInt160ToString) to its name and source map.
 */
export const profileOf = async (
  execution: Execution,
  contracts: ReadonlyArray<{ readonly name: string; readonly scriptHash: string; readonly sourceMap: any }>,
): Promise<Profile> => {
  const byContract: Record<string, number> = {};
  const byOp: Record<string, number> = {};
  const lines = new Map<string, { contract: string; line: number; source: string; gas: number; ops: number }>();
  const consumers = new Map<string, { name: string; consumer: SourceMapConsumer; index: Map<number, number> }>();
  for (const { name, scriptHash, sourceMap } of contracts) {
    const code = scripts.get(scriptHash);
    if (code === undefined) {
      continue;
    }
    const index = new Map<number, number>();
    // neo-one's generated line N is its N-th instruction; the verification guard comes first.
    disassembleByteCode(code).forEach(({ pc }: { pc: number }, instruction: number) =>
      index.set(pc, instruction + 1 - GUARD_INSTRUCTIONS),
    );
    consumers.set(scriptHash, { name, consumer: await new SourceMapConsumer(sourceMap), index });
  }
  let total = 0;
  for (const { script, pc, fee, op } of execution.steps) {
    total += fee;
    byOp[op] = (byOp[op] ?? 0) + fee;
    const known = consumers.get(script);
    const contract = known === undefined ? 'transaction' : known.name;
    byContract[contract] = (byContract[contract] ?? 0) + fee;
    if (known === undefined) {
      continue;
    }
    const generated = known.index.get(pc);
    const position =
      generated === undefined || generated < 1
        ? undefined
        : known.consumer.originalPositionFor({ line: generated, column: 0 });
    const line = position?.line ?? 0;
    const key = `${contract}:${line}`;
    let entry = lines.get(key);
    if (entry === undefined) {
      const content = position?.source == null ? null : known.consumer.sourceContentFor(position.source, true);
      const text = content === null || line === 0 ? '' : content.split('\n')[line - 1].trim();
      const file = position?.source == null ? '' : position.source.split('/').pop();
      entry = { contract, line, source: `${file}: ${text}`, gas: 0, ops: 0 };
      lines.set(key, entry);
    }
    entry.gas += fee;
    entry.ops += 1;
  }
  for (const { consumer } of consumers.values()) {
    consumer.destroy();
  }
  const gas = (value: number) => value / GAS;

  return {
    total: gas(total),
    byContract: Object.fromEntries(Object.entries(byContract).map(([key, value]) => [key, gas(value)])),
    byOp: Object.fromEntries(
      Object.entries(byOp)
        .sort((a, b) => b[1] - a[1])
        .map(([key, value]) => [key, gas(value)]),
    ),
    lines: [...lines.values()]
      .map((entry) => ({ ...entry, gas: gas(entry.gas) }))
      .sort((a, b) => b.gas - a.gas),
  };
};

/** 0x… script hash of a NEO address. */
export const scriptHashOf = (address: string): string =>
  common.uInt160ToString(crypto.addressToScriptHash({ addressVersion: common.NEO_ADDRESS_VERSION, address }));
