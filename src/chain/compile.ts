/**
 * Compiling a group's four contracts for its founder, as they are deployed.
 *
 * - The founder's address is part of every script (v1.1 §11: a different founder
 *   makes a different contract, so nobody can deploy a group's script before its
 *   founder does). The sources carry the default founder, neo-one's private-network
 *   master account (what `npm start` and the tests found with); for another founder
 *   the sources are compiled from a copy with that address written in.
 * - Every script starts with a verification guard (v1.1 §12): run as a witness
 *   (Verification trigger) it returns false at once, so nobody can use a contract's
 *   address as a witness, whichever method the witness names. neo-one 2.x would
 *   otherwise run that method, whose truthy result would satisfy CheckWitness of the
 *   contract's address, and it offers no way to read the trigger from TypeScript.
 *   NeoVM jumps are relative, so code placed before neo-one's changes none of its own.
 *
 * Loaded only where contracts are compiled: the compiler is large.
 */
import { common, crypto, scriptHashToAddress } from '@neo-one/client-common';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The founder written in the sources: neo-one's private-network master account. */
export const DEFAULT_FOUNDER = 'AXNajBTQLxWHwc9sKyXcc4UdbJvp3arYDG';

/** In deployment order: each later one is given the addresses of the earlier ones. */
export const CONTRACT_NAMES = ['MTEMsm', 'MTEMsmTrades', 'MTEMsmPlants', 'MTEMsmReferendums', 'MTEMsmEnergy', 'MTEMsmConsumption'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export const CONTRACTS_DIR = path.resolve(__dirname, '../../neo-one/contracts');

/**
 * `Neo.Runtime.GetTrigger; PUSH0; NUMEQUAL; JMPIFNOT +5; PUSH0; RET`: under the
 * Verification trigger (0x00) return false, else go on to neo-one's code.
 */
export const VERIFICATION_GUARD = Buffer.concat([
  Buffer.from([0x68, 22]),
  Buffer.from('Neo.Runtime.GetTrigger', 'ascii'),
  Buffer.from([0x00, 0x9c, 0x64, 0x05, 0x00, 0x00, 0x66]),
]);
/** Instructions in the guard: neo-one's source maps count instructions, so its own are this many further on. */
export const GUARD_INSTRUCTIONS = 6;

/**
 * A source map for the deployed script: neo-one's maps have one generated line per
 * instruction, so the guard's instructions are empty lines in front.
 */
export const deployedSourceMap = (sourceMap: any): any => ({
  ...sourceMap,
  mappings: ';'.repeat(GUARD_INSTRUCTIONS) + sourceMap.mappings,
});

export interface CompiledContract {
  readonly name: ContractName;
  readonly address: string;
  /** neo-one's compiled contract, its script with the guard in front. */
  readonly contract: any;
  readonly abi: any;
  /** neo-one's source map of the script without the guard (see GUARD_INSTRUCTIONS). */
  readonly sourceMap: any;
}

export const addressOfScript = (script: Buffer): string =>
  scriptHashToAddress(common.uInt160ToString(crypto.toScriptHash(script)));

/** The sources with `founder` written in: the contracts' own folder for the default founder, else a copy. */
const sourcesFor = (founder: string): string => {
  if (founder === DEFAULT_FOUNDER) {
    return CONTRACTS_DIR;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-contracts-'));
  for (const file of fs.readdirSync(CONTRACTS_DIR)) {
    let text = fs.readFileSync(path.join(CONTRACTS_DIR, file), 'utf8');
    if (file.endsWith('.ts')) {
      const literal = `Address.from('${DEFAULT_FOUNDER}')`;
      if (text.split(literal).length !== 2) {
        throw new Error(`${file} must name its founder once, as ${literal}.`);
      }
      text = text.replace(literal, `Address.from('${founder}')`);
    }
    fs.writeFileSync(path.join(dir, file), text);
  }

  return dir;
};

/**
 * Compiled groups are kept in node_modules/.cache/mtemsm/ under a hash of everything the
 * output depends on (the contracts' sources, the compiler's version, the founder, the
 * selection), so a process compiles only what changed: each test file, `npm start` and the
 * benches would otherwise spend about 10 s compiling the same sources again.
 */
export const COMPILE_CACHE_DIR = path.resolve(__dirname, '../../node_modules/.cache/mtemsm');

const cacheKey = (founder: string, only?: ContractName): string => {
  const hash = createHash('sha256');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  hash.update(require('@neo-one/smart-contract-compiler/package.json').version);
  hash.update(`\0${founder}\0${only ?? ''}\0${VERIFICATION_GUARD.toString('hex')}`);
  for (const file of fs.readdirSync(CONTRACTS_DIR).sort()) {
    hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(CONTRACTS_DIR, file)));
  }

  return hash.digest('hex');
};

/** Compiles the four contracts (or only `only`) for `founder`: about 10 s, or a file read when cached. */
export const compileGroup = async (
  founder: string = DEFAULT_FOUNDER,
  only?: ContractName,
): Promise<CompiledContract[]> => {
  const cached = path.join(COMPILE_CACHE_DIR, `${cacheKey(founder, only)}.json`);
  if (fs.existsSync(cached)) {
    return JSON.parse(fs.readFileSync(cached, 'utf8'));
  }
  const compiled = await compileSources(founder, only);
  fs.mkdirSync(COMPILE_CACHE_DIR, { recursive: true });
  // Written whole, then renamed: parallel test workers never read half a file.
  const partial = `${cached}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(compiled));
  fs.renameSync(partial, cached);

  return compiled;
};

/**
 * The source maps of the deployed scripts at `addresses`, from `founder`'s compiled group if
 * this machine compiled it (a file read), else undefined. The command line maps a FAULT to
 * the contract's own message with them; neo-one falls back to the first map it is given
 * when none has the failing script's address, which names a wrong line.
 */
export const cachedSourceMaps = (founder: string, addresses: readonly string[]): Record<string, any> | undefined => {
  const cached = path.join(COMPILE_CACHE_DIR, `${cacheKey(founder)}.json`);
  if (!fs.existsSync(cached)) {
    return undefined;
  }
  const compiled: CompiledContract[] = JSON.parse(fs.readFileSync(cached, 'utf8'));
  const maps = Object.fromEntries(
    compiled.filter(({ address }) => addresses.includes(address)).map(({ address, sourceMap }) => [address, deployedSourceMap(sourceMap)]),
  );

  return Object.keys(maps).length === addresses.length ? maps : undefined;
};

const compileSources = async (founder: string, only?: ContractName): Promise<CompiledContract[]> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileContract } = require('@neo-one/smart-contract-compiler');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createCompilerHost } = require('@neo-one/smart-contract-compiler-node');
  const dir = sourcesFor(founder);
  const compiled: CompiledContract[] = [];
  try {
    for (const name of CONTRACT_NAMES.filter((entry) => only === undefined || entry === only)) {
      const result = compileContract(path.join(dir, `${name}.ts`), name, createCompilerHost(), {});
      const errors = result.diagnostics.filter((diagnostic: any) => diagnostic.category === 1);
      if (errors.length > 0) {
        const message = errors[0].messageText;
        throw new Error(`${name} does not compile: ${typeof message === 'string' ? message : message.messageText}`);
      }
      const script = Buffer.concat([VERIFICATION_GUARD, Buffer.from(result.contract.script, 'hex')]);
      compiled.push({
        name,
        address: addressOfScript(script),
        contract: { ...result.contract, script: script.toString('hex') },
        abi: result.abi,
        sourceMap: await result.sourceMap,
      });
    }
  } finally {
    if (dir !== CONTRACTS_DIR) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  return compiled;
};
