/**
 * Where a contract's bytes go: each instruction of the compiled script charged to the
 * source line it came from (neo-one's source map: generated line N is the N-th
 * instruction). `node -r ts-node/register/transpile-only bench/sizes.ts MTEMsm [lines]`.
 */
import { disassembleByteCode } from '@neo-one/node-core';
import { SourceMapConsumer } from 'source-map';
import { compileGroup, CONTRACT_NAMES, ContractName, GUARD_INSTRUCTIONS } from '../src/chain/compile';
import { DEFAULT_FOUNDER } from '../src/chain/compile';

const main = async () => {
  const [name = 'MTEMsm', count = '40'] = process.argv.slice(2);
  if (!(CONTRACT_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Contracts: ${CONTRACT_NAMES.join(', ')}`);
  }
  const compiled = await compileGroup(DEFAULT_FOUNDER, name as ContractName);
  const contract = compiled.find((entry) => entry.name === name);
  if (contract === undefined) {
    throw new Error(`no contract ${name}`);
  }
  const script = Buffer.from(contract.contract.script, 'hex');
  const consumer = await new SourceMapConsumer(contract.sourceMap);
  const instructions = disassembleByteCode(script) as unknown as Array<{ pc: number }>;
  const lines = new Map<string, { bytes: number; text: string }>();
  instructions.forEach(({ pc }, index) => {
    const end = index + 1 < instructions.length ? instructions[index + 1].pc : script.length;
    const line = index + 1 - GUARD_INSTRUCTIONS;
    const position =
      line < 1 ? { source: null, line: null } : consumer.originalPositionFor({ line, column: 0 });
    const file = position.source === null ? '?' : position.source.split('/').pop();
    const key = `${file}:${position.line}`;
    let entry = lines.get(key);
    if (entry === undefined) {
      const content = position.source === null ? null : consumer.sourceContentFor(position.source, true);
      entry = { bytes: 0, text: content === null || position.line === null ? '' : content.split('\n')[position.line - 1].trim() };
      lines.set(key, entry);
    }
    entry.bytes += end - pc;
  });
  console.log(`${name}: ${script.length} bytes`);
  // By enclosing declaration: the nearest line above that starts a method or a module-level const.
  const sourceName = Object.keys(lines).length >= 0 ? contract.sourceMap.sources.find((source: string) => source.endsWith(`${name}.ts`)) : '';
  const text = (consumer.sourceContentFor(sourceName, true) ?? '').split('\n');
  const owner = (line: number): string => {
    for (let index = line - 1; index >= 0; index--) {
      const match = /^\s*(?:public|private)\s+(?:readonly\s+|get\s+)?(\w+)|^const (\w+) =|^export class (\w+)/.exec(text[index]);
      if (match !== null) {
        return match[1] ?? match[2] ?? match[3];
      }
    }

    return '(top)';
  };
  const byOwner = new Map<string, number>();
  for (const [key, { bytes }] of lines.entries()) {
    const [file, line] = key.split(':');
    const who = file === `${name}.ts` ? owner(Number(line)) : `${file}`;
    byOwner.set(who, (byOwner.get(who) ?? 0) + bytes);
  }
  for (const [who, bytes] of [...byOwner.entries()].sort((a, b) => b[1] - a[1])) {
    console.log(String(bytes).padStart(6), who);
  }
  console.log('--- lines');
  for (const [key, { bytes, text }] of [...lines.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(count))) {
    console.log(String(bytes).padStart(6), key.padEnd(24), text.slice(0, 100));
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
