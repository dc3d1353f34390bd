/**
 * The members' wallets: one JSON file per wallet in the keystore folder
 * (`~/.mtemsm/wallets`, `--keystore DIR` or $MTEMSM_KEYSTORE). The private key is
 * kept only NEP-2 encrypted; the member's plain profile (full name, consumer-unit
 * number, salt) stays beside it, and only its hash goes on chain.
 *
 *   { "version": 1, "name": "ana", "address": "A…", "encryptedKey": "6P…",
 *     "profile": { "fullName": "…", "consumerUnit": "…", "salt": "…", "profileHash": "0x…" },
 *     "createdAt": "…" }
 */
import { addressToScriptHash, decryptNEP2, encryptNEP2, privateKeyToAddress } from '@neo-one/client';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { profileHash } from '../chain/group';
import { OperationError, UsageError } from './errors';

export interface Profile {
  readonly fullName: string;
  readonly consumerUnit: string;
  readonly salt: string;
  readonly profileHash: string;
}

export interface WalletFile {
  readonly version: 1;
  readonly name: string;
  readonly address: string;
  readonly encryptedKey: string;
  readonly profile?: Profile;
  readonly createdAt: string;
}

export { profileHash };

export const makeProfile = (fullName: string, consumerUnit: string, salt?: string): Profile => {
  const theSalt = salt ?? randomBytes(16).toString('hex');

  return { fullName, consumerUnit, salt: theSalt, profileHash: profileHash(fullName, consumerUnit, theSalt) };
};

export const keystoreDir = (option?: string): string =>
  path.resolve(option ?? process.env.MTEMSM_KEYSTORE ?? path.join(os.homedir(), '.mtemsm', 'wallets'));

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const checkName = (name: string): string => {
  if (!NAME.test(name)) {
    throw new UsageError(`Bad wallet name "${name}" (letters, digits, '.', '_' or '-', at most 64).`);
  }

  return name;
};

const walletPath = (dir: string, name: string): string => path.join(dir, `${checkName(name)}.json`);

export const walletExists = (dir: string, name: string): boolean => NAME.test(name) && fs.existsSync(walletPath(dir, name));

export const readWallet = (dir: string, name: string): WalletFile => {
  const file = walletPath(dir, name);
  if (!fs.existsSync(file)) {
    throw new UsageError(`Unknown wallet "${name}" (in ${dir}; see "mtemsm wallet list").`);
  }

  return JSON.parse(fs.readFileSync(file, 'utf8')) as WalletFile;
};

export const writeWallet = (dir: string, wallet: WalletFile, overwrite = false): void => {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = walletPath(dir, wallet.name);
  if (!overwrite && fs.existsSync(file)) {
    throw new UsageError(`Wallet "${wallet.name}" already exists (${file}).`);
  }
  fs.writeFileSync(file, `${JSON.stringify(wallet, undefined, 2)}\n`, { mode: 0o600 });
};

export const listWallets = (dir: string): WalletFile[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as WalletFile)
    : [];

export const createWallet = async (
  dir: string,
  name: string,
  privateKey: string,
  password: string,
  profile?: Profile,
): Promise<WalletFile> => {
  if (walletExists(dir, name)) {
    throw new UsageError(`Wallet "${name}" already exists.`);
  }
  const wallet: WalletFile = {
    version: 1,
    name,
    address: privateKeyToAddress(privateKey),
    encryptedKey: await encryptNEP2({ password, privateKey }),
    ...(profile === undefined ? {} : { profile }),
    createdAt: new Date().toISOString(),
  };
  writeWallet(dir, wallet);

  return wallet;
};

/** The wallet's private key; a wrong password is a one-line error. */
export const unlockWallet = async (wallet: WalletFile, password: string): Promise<string> => {
  let privateKey: string;
  try {
    privateKey = await decryptNEP2({ password, encryptedKey: wallet.encryptedKey });
  } catch {
    throw new OperationError(`Wrong password for wallet "${wallet.name}".`);
  }
  if (privateKeyToAddress(privateKey) !== wallet.address) {
    throw new OperationError(`Wallet "${wallet.name}" is damaged: its key does not match its address.`);
  }

  return privateKey;
};

export const isAddress = (text: string): boolean => {
  if (!/^A[1-9A-HJ-NP-Za-km-z]{33}$/.test(text)) {
    return false;
  }
  try {
    addressToScriptHash(text);

    return true;
  } catch {
    return false;
  }
};

// ------------------------------------------------------------------ passwords

/** Reads a line from the terminal without echoing it (or a line of piped stdin). */
const readHidden = async (prompt: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const input = process.stdin;
    if (!input.isTTY) {
      let data = '';
      input.setEncoding('utf8');
      const onData = (chunk: string) => {
        data += chunk;
        const newline = data.indexOf('\n');
        if (newline !== -1) {
          input.removeListener('data', onData);
          input.pause();
          resolve(data.slice(0, newline).replace(/\r$/, ''));
        }
      };
      input.on('data', onData);
      input.once('end', () => resolve(data.replace(/\r?\n$/, '')));
      input.once('error', reject);

      return;
    }
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let password = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.removeListener('data', onData);
          process.stderr.write('\n');
          resolve(password);

          return;
        }
        if (char === '\u0003') {
          input.setRawMode(false);
          process.stderr.write('\n');
          reject(new OperationError('Cancelled.'));

          return;
        }
        if (char === '\u007f' || char === '\b') {
          password = password.slice(0, -1);
        } else {
          password += char;
        }
      }
    };
    input.on('data', onData);
  });

/** The password from $MTEMSM_PASSWORD, else asked at a hidden prompt (twice when `confirm`). */
export const askPassword = async (walletName: string, confirm = false): Promise<string> => {
  const fromEnv = process.env.MTEMSM_PASSWORD;
  if (fromEnv !== undefined) {
    return fromEnv;
  }
  const password = await readHidden(`Password for wallet "${walletName}": `);
  if (confirm && process.stdin.isTTY) {
    const again = await readHidden('Repeat the password: ');
    if (again !== password) {
      throw new UsageError('The passwords differ.');
    }
  }
  if (password === '') {
    throw new UsageError('An empty password is not allowed.');
  }

  return password;
};
