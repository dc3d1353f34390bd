/**
 * A real PostgreSQL server for a test, from Debian's `postgresql` package (.ci/run installs
 * it): a fresh cluster in a temporary directory on a free port, trust authentication on
 * loopback, stopped and removed afterwards. As root (CI), initdb and the server run as the
 * `postgres` user the package creates: PostgreSQL refuses to run as root.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort } from '../src/chain/node';

const binDir = (): string => {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb'))) : [];
  if (versions.length === 0) {
    throw new Error("PostgreSQL's server is not installed: apt-get install postgresql (.ci/run does).");
  }

  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
};

export interface RunningPostgres {
  readonly url: string;
  readonly stop: () => void;
}

export const startPostgres = async (): Promise<RunningPostgres> => {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtemsm-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]): void => {
    const command = path.join(bin, program);
    if (asRoot) {
      execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    } else {
      execFileSync(command, args, { stdio: 'pipe' });
    }
  };
  if (asRoot) {
    execFileSync('chown', ['postgres', dir]);
  }
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
};
