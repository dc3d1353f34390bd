/**
 * NEO's signatures (ECDSA on secp256r1 over SHA-256, 64-byte r‖s) computed by Node's
 * OpenSSL instead of neo-one's pure-JavaScript `elliptic`.
 *
 * Why: profiling a test file showed two thirds of its time in elliptic's big-number
 * multiplication — signing each transaction, signing each block in the one-validator
 * consensus, checking each witness in the VM and deriving public keys. OpenSSL does the
 * same operations about a hundred times faster. The curve, the message hashing, the
 * signature's format and the public keys are unchanged (test/crypto.test.ts checks each
 * against elliptic both ways); only ECDSA's nonce differs — elliptic's is deterministic
 * (RFC 6979), OpenSSL's random — and NEO 2's transaction and block hashes do not cover
 * signatures, so no hash, address or gas cost depends on it.
 *
 * `useNativeCrypto()` replaces the methods of the `crypto` object that every neo-one
 * package calls through (`@neo-one/client-common`'s, one copy in the lockfile); it is
 * idempotent and called where a node or a client is made (src/chain/node.ts, group.ts).
 */
import { common, crypto as neoCrypto, ECPoint, PrivateKey } from '@neo-one/client-common';
import { createECDH, createPrivateKey, ECDH, createPublicKey, KeyObject, sign, verify } from 'crypto';

const CURVE = 'prime256v1';
/** Signature encoding NEO uses: r and s, 32 bytes each, big-endian (IEEE P1363). */
const ENCODING = 'ieee-p1363' as const;

const base64url = (buffer: Buffer): string => buffer.toString('base64url');

/** Uncompressed SEC1 point (0x04 ‖ x ‖ y) → the JWK coordinates. */
const coordinates = (uncompressed: Buffer): { x: string; y: string } => ({
  x: base64url(uncompressed.subarray(1, 33)),
  y: base64url(uncompressed.subarray(33, 65)),
});

// Keys are cached: building a KeyObject costs about as much as a signature.
const privateKeys = new Map<string, { readonly key: KeyObject; readonly compressed: Buffer }>();
const publicKeys = new Map<string, KeyObject>();

const privateKeyObject = (privateKey: PrivateKey): { readonly key: KeyObject; readonly compressed: Buffer } => {
  const hex = common.privateKeyToString(privateKey);
  let cached = privateKeys.get(hex);
  if (cached === undefined) {
    const scalar = common.privateKeyToBuffer(privateKey);
    const ecdh = createECDH(CURVE);
    // Throws for 0 and for scalars at or beyond the curve's order, as elliptic's validate() refuses them.
    ecdh.setPrivateKey(scalar);
    const uncompressed = ecdh.getPublicKey();
    const key = createPrivateKey({
      key: { kty: 'EC', crv: 'P-256', d: base64url(scalar), ...coordinates(uncompressed) },
      format: 'jwk',
    });
    cached = { key, compressed: ecdh.getPublicKey(null, 'compressed') as Buffer };
    privateKeys.set(hex, cached);
  }

  return cached;
};

const publicKeyObject = (publicKey: Buffer): KeyObject => {
  const hex = publicKey.toString('hex');
  let cached = publicKeys.get(hex);
  if (cached === undefined) {
    // Throws for a point not on the curve, as elliptic's keyFromPublic does.
    const uncompressed = ECDH.convertKey(publicKey, CURVE, undefined, undefined, 'uncompressed') as Buffer;
    cached = createPublicKey({ key: { kty: 'EC', crv: 'P-256', ...coordinates(uncompressed) }, format: 'jwk' });
    publicKeys.set(hex, cached);
  }

  return cached;
};

/** Same contract as neo-one's crypto.sign: SHA-256 of `message`, signed, as 64 bytes r‖s. */
export const nativeSign = ({ message, privateKey }: { readonly message: Buffer; readonly privateKey: PrivateKey }): Buffer =>
  sign('sha256', message, { key: privateKeyObject(privateKey).key, dsaEncoding: ENCODING });

/** Same contract as neo-one's crypto.verify: throws for a signature that is not 64 bytes. */
export const nativeVerify = ({
  message,
  signature,
  publicKey,
}: {
  readonly message: Buffer;
  readonly signature: Buffer;
  readonly publicKey: ECPoint;
}): boolean => {
  if (signature.length !== 64) {
    throw new Error(`Invalid signature length. Found: ${signature.length}`);
  }

  return verify('sha256', message, { key: publicKeyObject(common.ecPointToBuffer(publicKey)), dsaEncoding: ENCODING }, signature);
};

/** Same contract as neo-one's crypto.privateKeyToPublicKey: the compressed point. */
export const nativePrivateKeyToPublicKey = (privateKey: PrivateKey): ECPoint => {
  const publicKey = common.bufferToECPoint(privateKeyObject(privateKey).compressed);
  // Also into neo-one's own cache: its NEP-2 and WIF helpers derive keys without going through the object.
  neoCrypto.addPublicKey(privateKey, publicKey);

  return publicKey;
};

/** neo-one's own implementations, kept for the cross-checks in test/crypto.test.ts. */
export const ellipticCrypto = {
  sign: neoCrypto.sign,
  verify: neoCrypto.verify,
  privateKeyToPublicKey: neoCrypto.privateKeyToPublicKey,
};

/** Routes neo-one's signing, verification and key derivation through OpenSSL (idempotent). */
export const useNativeCrypto = (): void => {
  const target = neoCrypto as { -readonly [K in keyof typeof neoCrypto]: (typeof neoCrypto)[K] };
  target.sign = nativeSign;
  target.verify = nativeVerify;
  target.privateKeyToPublicKey = nativePrivateKeyToPublicKey;
  // These two call the module's own derivation, not the object's: route them too.
  target.privateKeyToScriptHash = (privateKey) => neoCrypto.publicKeyToScriptHash(nativePrivateKeyToPublicKey(privateKey));
  target.privateKeyToAddress = ({ addressVersion, privateKey }) =>
    neoCrypto.scriptHashToAddress({ addressVersion, scriptHash: target.privateKeyToScriptHash(privateKey) });
};
