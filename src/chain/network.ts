/**
 * The local private network, run in the background between commands.
 *
 * Everything lives under one folder, `.neo-one/mtemsm/` in the project (or
 * $MTEMSM_HOME): `chain/` (the node's data), `network.json` (its process and port),
 * `node.log`, and `deployment.json` (the group deployed there last).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Deployment } from './group';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_PORT = 9040;

export const homeDir = (): string => process.env.MTEMSM_HOME ?? path.join(PROJECT_ROOT, '.neo-one', 'mtemsm');

interface NetworkFile {
  readonly pid: number;
  readonly port: number;
  readonly rpcURL: string;
  readonly startedAt: string;
}

export interface NetworkStatus {
  readonly running: boolean;
  readonly rpcURL: string;
  readonly pid?: number;
  readonly blockCount?: number;
  readonly home: string;
}

const readJSON = <T>(file: string): T | undefined =>
  fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;

/** The block count of the node at `rpcURL`, or undefined when nothing answers there. */
export const blockCount = async (rpcURL: string, timeoutMS = 3_000): Promise<number | undefined> => {
  try {
    const response = await fetch(rpcURL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getblockcount', params: [] }),
      signal: AbortSignal.timeout(timeoutMS),
    });
    const body = (await response.json()) as { result?: number };

    return typeof body.result === 'number' ? body.result : undefined;
  } catch {
    return undefined;
  }
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
};

export const networkStatus = async (home = homeDir()): Promise<NetworkStatus> => {
  const file = readJSON<NetworkFile>(path.join(home, 'network.json'));
  if (file === undefined || !alive(file.pid)) {
    return { running: false, rpcURL: `http://localhost:${file?.port ?? DEFAULT_PORT}/rpc`, home };
  }

  return { running: true, rpcURL: file.rpcURL, pid: file.pid, blockCount: await blockCount(file.rpcURL), home };
};

const sleep = async (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the local network in the background, or reuses the one running. `fresh`
 * stops it and deletes its chain first (a contract can be deployed once per chain).
 * Returns the status and whether a running network was reused.
 */
export const startNetwork = async (
  options: { readonly home?: string; readonly port?: number; readonly fresh?: boolean } = {},
): Promise<NetworkStatus & { readonly reused: boolean }> => {
  const home = options.home ?? homeDir();
  const port = options.port ?? DEFAULT_PORT;
  const current = await networkStatus(home);
  if (current.running && options.fresh !== true) {
    return { ...current, reused: true };
  }
  await stopNetwork(home);
  if (options.fresh === true) {
    fs.rmSync(path.join(home, 'chain'), { recursive: true, force: true });
    fs.rmSync(path.join(home, 'deployment.json'), { force: true });
  }
  const rpcURL = `http://localhost:${port}/rpc`;
  if ((await blockCount(rpcURL)) !== undefined) {
    throw new Error(
      `Another node already answers on port ${port} (is neo-one's own network running? stop it with "npx neo-one stop network").`,
    );
  }
  fs.mkdirSync(path.join(home, 'chain'), { recursive: true });
  const log = fs.openSync(path.join(home, 'node.log'), 'a');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'serve.ts'), String(port), path.join(home, 'chain')],
    { cwd: PROJECT_ROOT, detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  const file: NetworkFile = { pid: child.pid as number, port, rpcURL, startedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(home, 'network.json'), `${JSON.stringify(file, undefined, 2)}\n`);
  for (let waited = 0; waited < 60_000; waited += 250) {
    const count = await blockCount(rpcURL, 1_000);
    if (count !== undefined) {
      return { running: true, rpcURL, pid: file.pid, blockCount: count, home, reused: false };
    }
    if (!alive(file.pid)) {
      break;
    }
    await sleep(250);
  }
  throw new Error(`The local network did not start: see ${path.join(home, 'node.log')}.`);
};

/** Stops the local network if it runs; true when one was stopped. */
export const stopNetwork = async (home = homeDir()): Promise<boolean> => {
  const file = readJSON<NetworkFile>(path.join(home, 'network.json'));
  if (file === undefined || !alive(file.pid)) {
    return false;
  }
  process.kill(file.pid, 'SIGTERM');
  for (let waited = 0; waited < 20_000 && alive(file.pid); waited += 100) {
    await sleep(100);
  }
  if (alive(file.pid)) {
    process.kill(file.pid, 'SIGKILL');
  }

  return true;
};

export const deploymentFile = (home = homeDir()): string => path.join(home, 'deployment.json');

export const readDeployment = (home = homeDir()): Deployment | undefined => readJSON<Deployment>(deploymentFile(home));

export const saveDeployment = (deployment: Deployment, home = homeDir()): void => {
  fs.mkdirSync(home, { recursive: true });
  // Source maps stay in memory: they are large and rebuilt by compiling the sources.
  const { sourceMaps: _sourceMaps, ...saved } = deployment;
  fs.writeFileSync(deploymentFile(home), `${JSON.stringify(saved, undefined, 2)}\n`);
};
