/**
 * The members' wallets: one NEP-6 file (the NEO wallet format, as NEO-GUI, neon-wallet
 * and neo-python write it) per wallet in the keystore folder (`~/.mtemsm/wallets`,
 * `--keystore DIR` or $MTEMSM_KEYSTORE), so a member's key can be imported into any
 * other NEO wallet. The private key is kept only NEP-2 encrypted; the member's plain
 * profile (full name, consumer-unit number, salt) is kept in the wallet's `extra`, and
 * only its hash goes on chain.
 *
 *   { "name": "ana", "version": "1.0", "scrypt": { "n": 16384, "r": 8, "p": 8 },
 *     "accounts": [{ "address": "A…", "label": "ana", "isDefault": true, "lock": false,
 *       "key": "6P…", "contract": { "script": "21…ac", "parameters": [{ "name": "signature",
 *       "type": "Signature" }], "deployed": false }, "extra": null }],
 *     "extra": { "mtemsm": { "profile": { "fullName": "…", "consumerUnit": "…", "salt": "…",
 *       "profileHash": "0x…" }, "createdAt": "…" } } }
 *
 * A NEP-6 file made by another wallet is used as it is: its default account (else its
 * first), its own scrypt parameters. Files of the first format (`"version": 1`, with
 * `encryptedKey` and `profile` at the top) are still read; a change of profile rewrites
 * them as NEP-6.
 */
import { addressToScriptHash, privateKeyToAddress, privateKeyToPublicKey } from '@neo-one/client';
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { read } from 'read';
import { profileHash } from '../chain/group';
import { OperationError, UsageError } from './errors';

export interface Profile {
  readonly fullName: string;
  readonly consumerUnit: string;
  readonly salt: string;
  readonly profileHash: string;
}

export interface ScryptParameters {
  readonly n: number;
  readonly r: number;
  readonly p: number;
}

/** NEP-2's own parameters, written in every new wallet. */
export const NEP2_SCRYPT: ScryptParameters = { n: 16_384, r: 8, p: 8 };

/** A wallet as the command line uses it, whichever format its file has. */
export interface WalletFile {
  readonly name: string;
  readonly address: string;
  /** NEP-2 (`6P…`). */
  readonly encryptedKey: string;
  readonly scrypt: ScryptParameters;
  readonly profile?: Profile;
  readonly createdAt?: string;
  /** The file's format: `NEP-6`, or `mtemsm-1` (the first format, still read). */
  readonly format: 'NEP-6' | 'mtemsm-1';
  /** The NEP-6 document as read (other accounts and extras are kept when it is rewritten). */
  readonly document?: NEP6Wallet;
}

export interface NEP6Account {
  readonly address: string;
  readonly label: string | null;
  readonly isDefault: boolean;
  readonly lock: boolean;
  readonly key: string | null;
  readonly contract: {
    readonly script: string;
    readonly parameters: ReadonlyArray<{ readonly name: string; readonly type: string }>;
    readonly deployed: boolean;
  } | null;
  readonly extra: unknown;
}

export interface NEP6Wallet {
  readonly name: string | null;
  readonly version: string;
  readonly scrypt: ScryptParameters;
  readonly accounts: readonly NEP6Account[];
  readonly extra: any;
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

/** The single-signature verification script of a key: PUSHBYTES33 key, CHECKSIG. */
const signatureContract = (privateKey: string) => ({
  script: `21${privateKeyToPublicKey(privateKey)}ac`,
  parameters: [{ name: 'signature', type: 'Signature' }],
  deployed: false,
});

const isScrypt = (value: any): value is ScryptParameters =>
  value !== null &&
  typeof value === 'object' &&
  [value.n, value.r, value.p].every((x) => Number.isInteger(x) && x > 0) &&
  (value.n & (value.n - 1)) === 0;

/**
 * A wallet from a file's JSON: NEP-6 (the default account, else the first; `address`
 * picks another), or the first format. `source` names the file in errors.
 */
export const walletFromJSON = (name: string, json: any, source: string, address?: string): WalletFile => {
  const bad = (why: string): never => {
    throw new UsageError(`${source} is not a wallet this command line reads: ${why}.`);
  };
  if (json === null || typeof json !== 'object') {
    return bad('not a JSON object');
  }
  if (json.version === 1 && typeof json.encryptedKey === 'string' && typeof json.address === 'string') {
    return {
      name,
      address: json.address,
      encryptedKey: json.encryptedKey,
      scrypt: NEP2_SCRYPT,
      profile: json.profile,
      createdAt: json.createdAt,
      format: 'mtemsm-1',
    };
  }
  if (!Array.isArray(json.accounts)) {
    return bad('no NEP-6 "accounts"');
  }
  if (!isScrypt(json.scrypt)) {
    return bad('no NEP-6 "scrypt" parameters {n, r, p}');
  }
  const accounts = json.accounts as NEP6Account[];
  const account =
    address === undefined
      ? accounts.find((candidate) => candidate?.isDefault === true) ?? accounts[0]
      : accounts.find((candidate) => candidate?.address === address);
  if (account === undefined) {
    return bad(address === undefined ? 'it has no account' : `it has no account ${address}`);
  }
  if (typeof account.address !== 'string' || !isAddress(account.address)) {
    return bad('an account without a NEO address');
  }
  if (typeof account.key !== 'string') {
    return bad(`the account ${account.address} has no key (a watch-only account cannot sign)`);
  }
  const mtemsm = json.extra !== null && typeof json.extra === 'object' ? json.extra.mtemsm : undefined;

  return {
    name,
    address: account.address,
    encryptedKey: account.key,
    scrypt: { n: json.scrypt.n, r: json.scrypt.r, p: json.scrypt.p },
    profile: mtemsm?.profile,
    createdAt: mtemsm?.createdAt,
    format: 'NEP-6',
    document: json as NEP6Wallet,
  };
};

/** The NEP-6 document of a wallet: its own document (other accounts and extras kept), or a new one. */
const toNEP6 = (wallet: WalletFile, privateKey?: string): NEP6Wallet => {
  const mtemsm = {
    ...(wallet.profile === undefined ? {} : { profile: wallet.profile }),
    ...(wallet.createdAt === undefined ? {} : { createdAt: wallet.createdAt }),
  };
  if (wallet.document !== undefined) {
    const extra = wallet.document.extra !== null && typeof wallet.document.extra === 'object' ? wallet.document.extra : {};

    return { ...wallet.document, extra: { ...extra, mtemsm } };
  }
  const key = privateKey ?? unlocked.get(wallet.address);
  const contract = key === undefined ? null : signatureContract(key);

  return {
    name: wallet.name,
    version: '1.0',
    scrypt: wallet.scrypt,
    accounts: [
      { address: wallet.address, label: wallet.name, isDefault: true, lock: false, key: wallet.encryptedKey, contract, extra: null },
    ],
    extra: { mtemsm },
  };
};

const readJSON = (file: string): unknown => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not readable JSON: ${(error as Error).message.split('\n')[0]}`);
  }
};

export const readWallet = (dir: string, name: string): WalletFile => {
  const file = walletPath(dir, name);
  if (!fs.existsSync(file)) {
    throw new UsageError(`Unknown wallet "${name}" (in ${dir}; see "mtemsm wallet list").`);
  }

  return walletFromJSON(name, readJSON(file), file);
};

/** A wallet from a NEP-6 file anywhere (for `wallet import --nep6 FILE`). */
export const readNEP6File = (file: string, name: string, address?: string): WalletFile => {
  if (!fs.existsSync(file)) {
    throw new UsageError(`No file ${file}.`);
  }
  const wallet = walletFromJSON(name, readJSON(file), file, address);
  if (wallet.format !== 'NEP-6') {
    throw new UsageError(`${file} is not a NEP-6 wallet.`);
  }

  return wallet;
};

/**
 * Writes the wallet as NEP-6 (`privateKey`, when known, gives the account's verification
 * script; a wallet rewritten from the first format without it has `contract: null`, which
 * NEP-6 allows).
 */
export const writeWallet = (dir: string, wallet: WalletFile, overwrite = false, privateKey?: string): void => {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = walletPath(dir, wallet.name);
  if (!overwrite && fs.existsSync(file)) {
    throw new UsageError(`Wallet "${wallet.name}" already exists (${file}).`);
  }
  fs.writeFileSync(file, `${JSON.stringify(toNEP6(wallet, privateKey), undefined, 2)}\n`, { mode: 0o600 });
};

/** The keystore's wallets; a file that is no wallet is left out. */
export const listWallets = (dir: string): WalletFile[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((file) => file.endsWith('.json') && NAME.test(file.slice(0, -5)))
        .sort()
        .flatMap((file) => {
          try {
            return [readWallet(dir, file.slice(0, -5))];
          } catch {
            return [];
          }
        })
    : [];

// ------------------------------------------------------------------ NEP-2

/*
 * NEP-2 (the keys' encryption, as neo-one's encryptNEP2/decryptNEP2 and every NEO
 * wallet do it) with Node's own scrypt: the same files, in a fraction of the time of
 * the JavaScript scrypt neo-one uses (about 1 s instead of 5 s a signed command).
 * scrypt(NFKC password, address hash, N 16384, r 8, p 8 -- or a NEP-6 file's own n, r, p
 * --, 64 bytes); the key XOR the
 * first half, AES-256-ECB with the second; base58check of 01 42 e0, address hash, cipher.
 */
const NEP2_PREFIX = Buffer.from([0x01, 0x42, 0xe0]);
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

const derive = async (password: string, salt: Buffer, { n, r, p }: ScryptParameters): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(
      Buffer.from(password.normalize('NFKC'), 'utf8'),
      salt,
      64,
      // scrypt needs about 128·n·r bytes (and 128·r·p): room for the parameters of any NEO wallet.
      { N: n, r, p, maxmem: 256 * n * r + 256 * r * p + 32 * 1024 * 1024 },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    ),
  );

const xor = (a: Buffer, b: Buffer): Buffer => Buffer.from(a.map((byte, index) => byte ^ b[index]));

/** The NEP-2 encrypted key (`6P…`) of a private key (hex). */
export const encryptKey = async (privateKey: string, password: string, parameters = NEP2_SCRYPT): Promise<string> => {
  const key = Buffer.from(privateKey.replace(/^0x/, ''), 'hex');
  const salt = addressHash(privateKey);
  const derived = await derive(password, salt, parameters);
  const cipher = createCipheriv('aes-256-ecb', derived.subarray(32, 64), null);
  cipher.setAutoPadding(false);
  const encrypted = Buffer.concat([cipher.update(xor(key, derived.subarray(0, 32))), cipher.final()]);

  return base58CheckEncode(Buffer.concat([NEP2_PREFIX, salt, encrypted]));
};

/** The private key (hex) of a NEP-2 encrypted key, or undefined when the password does not open it. */
export const decryptKey = async (encryptedKey: string, password: string, parameters = NEP2_SCRYPT): Promise<string | undefined> => {
  const data = base58CheckDecode(encryptedKey);
  if (data === undefined || data.length !== 39 || !data.subarray(0, 3).equals(NEP2_PREFIX)) {
    throw new OperationError('The wallet\'s key is not a NEP-2 encrypted key.');
  }
  const salt = data.subarray(3, 7);
  const derived = await derive(password, salt, parameters);
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
    name,
    address: privateKeyToAddress(privateKey),
    encryptedKey: await encryptKey(privateKey, password),
    scrypt: NEP2_SCRYPT,
    ...(profile === undefined ? {} : { profile }),
    createdAt: new Date().toISOString(),
    format: 'NEP-6',
  };
  writeWallet(dir, wallet, false, privateKey);

  return wallet;
};

/** Keys unlocked in this process, by address: a wallet rewritten as NEP-6 gets its verification script. */
const unlocked = new Map<string, string>();

/** The wallet's private key; a wrong password is a one-line error. */
export const unlockWallet = async (wallet: WalletFile, password: string): Promise<string> => {
  const privateKey = await decryptKey(wallet.encryptedKey, password, wallet.scrypt);
  if (privateKey === undefined) {
    throw new OperationError(`Wrong password for wallet "${wallet.name}".`);
  }
  if (privateKeyToAddress(privateKey) !== wallet.address) {
    throw new OperationError(`Wallet "${wallet.name}" is damaged: its key does not match its address.`);
  }
  unlocked.set(wallet.address, privateKey);

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

/**
 * The password from $MTEMSM_PASSWORD, else asked at a hidden prompt on the terminal
 * (npm's `read`, on stderr so that stdout keeps only results), twice when `confirm`.
 * Without a terminal and without $MTEMSM_PASSWORD there is no one to ask: one line.
 */
export const askPassword = async (walletName: string, confirm = false): Promise<string> => {
  const fromEnv = process.env.MTEMSM_PASSWORD;
  if (fromEnv !== undefined) {
    return fromEnv;
  }
  if (process.stdin.isTTY !== true) {
    throw new UsageError(`Wallet "${walletName}" needs its password: set MTEMSM_PASSWORD (stdin is not a terminal to ask on).`);
  }
  const ask = async (prompt: string): Promise<string> => {
    try {
      return await read({ prompt, silent: true, replace: '', input: process.stdin, output: process.stderr });
    } catch {
      throw new OperationError('Cancelled.');
    } finally {
      // read leaves stdin flowing; the command goes on without it.
      process.stdin.pause();
    }
  };
  const password = await ask(`Password for wallet "${walletName}":`);
  if (confirm) {
    const again = await ask('Repeat the password:');
    if (again !== password) {
      throw new UsageError('The passwords differ.');
    }
  }
  if (password === '') {
    throw new UsageError('An empty password is not allowed.');
  }

  return password;
};
