/**
 * Meters' signatures checked in parallel: a batch of readings (an interval of a whole
 * community) is split among worker threads, one per core but the one the gateway runs on,
 * each checking its share with Node's OpenSSL (ECDSA P-256 over SHA-256, 64 bytes r‖s, as
 * NEO signs: the same check as src/chain/crypto.ts nativeVerify, test/unit/gateway.test.ts
 * compares them). A small batch, or a machine of one core, is checked in this thread.
 * A signature that cannot even be read (a bad key) is simply not valid.
 */
import * as os from 'os';
import { Worker } from 'worker_threads';
import { nativeVerify } from '../chain/crypto';
import { common } from '@neo-one/client-common';

export interface SignatureCheck {
  readonly message: Buffer;
  /** Hex, 64 bytes r‖s. */
  readonly signature: string;
  /** Compressed public key, hex. */
  readonly publicKey: string;
}

/** Below this many, a batch is checked in this thread (handing it over costs more). */
export const PARALLEL_FROM = 256;

const verifyHere = ({ message, signature, publicKey }: SignatureCheck): boolean => {
  try {
    return nativeVerify({ message, signature: Buffer.from(signature, 'hex'), publicKey: common.stringToECPoint(publicKey) });
  } catch {
    return false;
  }
};

// The worker's code: plain JavaScript (no TypeScript loader in a worker), Node's crypto only.
const WORKER = `
const { parentPort } = require('worker_threads');
const { createPublicKey, ECDH, verify } = require('crypto');
const keys = new Map();
const keyOf = (hex) => {
  let key = keys.get(hex);
  if (key === undefined) {
    const point = ECDH.convertKey(Buffer.from(hex, 'hex'), 'prime256v1', undefined, undefined, 'uncompressed');
    key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
    if (keys.size > 100000) keys.clear();
    keys.set(hex, key);
  }
  return key;
};
parentPort.on('message', ({ id, checks }) => {
  const valid = checks.map(({ message, signature, publicKey }) => {
    try {
      const bytes = Buffer.from(signature, 'hex');
      return bytes.length === 64 && verify('sha256', Buffer.from(message), { key: keyOf(publicKey), dsaEncoding: 'ieee-p1363' }, bytes);
    } catch {
      return false;
    }
  });
  parentPort.postMessage({ id, valid });
});
`;

export class SignatureVerifier {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (valid: boolean[]) => void>();
  private next = 0;

  /** `threads`: workers (default: the cores but one; 0: none, everything in this thread). */
  public constructor(threads = Math.max(0, os.availableParallelism() - 1)) {
    for (let index = 0; index < threads; index++) {
      const worker = new Worker(WORKER, { eval: true });
      worker.on('message', ({ id, valid }: { id: number; valid: boolean[] }) => {
        this.waiting.get(id)?.(valid);
        this.waiting.delete(id);
      });
      // A worker must not keep the process alive (a CLI command that forgot close()).
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Each check's validity, in order. */
  public async verifyMany(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (this.workers.length === 0 || checks.length < PARALLEL_FROM) {
      return checks.map(verifyHere);
    }
    // This thread takes a share too: the workers and it split the batch evenly.
    const shares = this.workers.length + 1;
    const size = Math.ceil(checks.length / shares);
    const parts = await Promise.all(
      Array.from({ length: shares }, async (_, share) => {
        const slice = checks.slice(share * size, (share + 1) * size);
        if (share === shares - 1) {
          return slice.map(verifyHere);
        }
        const id = this.next++;
        const answer = new Promise<boolean[]>((resolve) => this.waiting.set(id, resolve));
        this.workers[share].postMessage({ id, checks: slice });

        return answer;
      }),
    );

    return parts.flat();
  }

  public async close(): Promise<void> {
    await Promise.all(this.workers.map(async (worker) => worker.terminate()));
    this.workers.length = 0;
  }
}
