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
import { addressToScriptHash, privateKeyToAddress } from '@neo-one/client';
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'crypto';
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

// ------------------------------------------------------------------ NEP-2

/*
 * NEP-2 (the keys' encryption, as neo-one's encryptNEP2/decryptNEP2 and every NEO
 * wallet do it) with Node's own scrypt: the same files, in a fraction of the time of
 * the JavaScript scrypt neo-one uses (about 1 s instead of 5 s a signed command).
 * scrypt(NFKC password, address hash, N 16384, r 8, p 8, 64 bytes); the key XOR the
 * first half, AES-256-ECB with the second; base58check of 01 42 e0, address hash, cipher.
 */
const NEP2_PREFIX = Buffer.from([0x01, 0x42, 0xe0]);
const SCRYPT = { N: 16_384, r: 8, p: 8, maxmem: 64 * 1024 * 1024 };
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();
const checksum = (payload: Buffer): Buffer => sha256(sha256(payload)).subarray(0, 4);

const base58CheckEncode = (payload: Buffer): string => {
  const data = Buffer.concat([payload, checksum(payload)]);
  let value = BigInt(`0x${data.toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = BASE58[Number(value % 58n)] + text;
    value /= 58n;
  }
  for (const byte of data) {
    if (byte !== 0) {
      break;
    }
    text = `1${text}`;
  }

  return text;
};

const base58CheckDecode = (text: string): Buffer | undefined => {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit === -1) {
      return undefined;
    }
    value = value * 58n + BigInt(digit);
  }
  const hex = value === 0n ? '' : value.toString(16);
  const zeros = (/^1*/.exec(text) as RegExpExecArray)[0].length;
  const data = Buffer.concat([Buffer.alloc(zeros), Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex')]);
  const payload = data.subarray(0, data.length - 4);

  return data.length > 4 && checksum(payload).equals(data.subarray(data.length - 4)) ? payload : undefined;
};

/** The first 4 bytes of SHA-256² of the key's address: NEP-2's salt and check. */
const addressHash = (privateKey: string): Buffer => sha256(sha256(Buffer.from(privateKeyToAddress(privateKey), 'latin1'))).subarray(0, 4);

const derive = async (password: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, 64, SCRYPT, (error, key) => (error === null ? resolve(key) : reject(error))),
  );

const xor = (a: Buffer, b: Buffer): Buffer => Buffer.from(a.map((byte, index) => byte ^ b[index]));

/** The NEP-2 encrypted key (`6P…`) of a private key (hex). */
export const encryptKey = async (privateKey: string, password: string): Promise<string> => {
  const key = Buffer.from(privateKey.replace(/^0x/, ''), 'hex');
  const salt = addressHash(privateKey);
  const derived = await derive(password, salt);
  const cipher = createCipheriv('aes-256-ecb', derived.subarray(32, 64), null);
  cipher.setAutoPadding(false);
  const encrypted = Buffer.concat([cipher.update(xor(key, derived.subarray(0, 32))), cipher.final()]);

  return base58CheckEncode(Buffer.concat([NEP2_PREFIX, salt, encrypted]));
};

/** The private key (hex) of a NEP-2 encrypted key, or undefined when the password does not open it. */
export const decryptKey = async (encryptedKey: string, password: string): Promise<string | undefined> => {
  const data = base58CheckDecode(encryptedKey);
  if (data === undefined || data.length !== 39 || !data.subarray(0, 3).equals(NEP2_PREFIX)) {
    throw new OperationError('The wallet\'s key is not a NEP-2 encrypted key.');
  }
  const salt = data.subarray(3, 7);
  const derived = await derive(password, salt);
  const decipher = createDecipheriv('aes-256-ecb', derived.subarray(32, 64), null);
  decipher.setAutoPadding(false);
  const privateKey = xor(Buffer.concat([decipher.update(data.subarray(7, 39)), decipher.final()]), derived.subarray(0, 32)).toString('hex');
  try {
    return addressHash(privateKey).equals(salt) ? privateKey : undefined;
  } catch {
    // Not a valid key at all (outside the curve's range): a wrong password.
    return undefined;
  }
};

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
    encryptedKey: await encryptKey(privateKey, password),
    ...(profile === undefined ? {} : { profile }),
    createdAt: new Date().toISOString(),
  };
  writeWallet(dir, wallet);

  return wallet;
};

/** The wallet's private key; a wrong password is a one-line error. */
export const unlockWallet = async (wallet: WalletFile, password: string): Promise<string> => {
  const privateKey = await decryptKey(wallet.encryptedKey, password);
  if (privateKey === undefined) {
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
