/**
 * src/chain/crypto.ts against neo-one's own elliptic implementation: the same public keys,
 * and each side's signatures accepted by the other (no node needed).
 */
import { common } from '@neo-one/client-common';
import { createHash } from 'crypto';
import { ellipticCrypto, nativePrivateKeyToPublicKey, nativeSign, nativeVerify } from '../../src/chain/crypto';

const key = (index: number) => common.bufferToPrivateKey(createHash('sha256').update(`crypto test ${index}`).digest());
const messages = [Buffer.alloc(0), Buffer.from('00', 'hex'), createHash('sha512').update('a transaction').digest()];

describe('native ECDSA (secp256r1) matches neo-one elliptic', () => {
  test('public keys are the same compressed points', () => {
    for (let index = 0; index < 4; index++) {
      expect(common.ecPointToString(nativePrivateKeyToPublicKey(key(index)))).toBe(
        common.ecPointToString(ellipticCrypto.privateKeyToPublicKey(key(index))),
      );
    }
  });

  test('signatures verify both ways, and a changed message or key does not', () => {
    for (let index = 0; index < 2; index++) {
      const privateKey = key(index);
      const publicKey = ellipticCrypto.privateKeyToPublicKey(privateKey);
      for (const message of messages) {
        const native = nativeSign({ message, privateKey });
        const elliptic = ellipticCrypto.sign({ message, privateKey });
        expect(native.length).toBe(64);
        expect(ellipticCrypto.verify({ message, signature: native, publicKey })).toBe(true);
        expect(nativeVerify({ message, signature: elliptic, publicKey })).toBe(true);
        expect(nativeVerify({ message: Buffer.concat([message, Buffer.from([1])]), signature: elliptic, publicKey })).toBe(false);
        const other = ellipticCrypto.privateKeyToPublicKey(key(index + 100));
        expect(nativeVerify({ message, signature: native, publicKey: other })).toBe(false);
      }
    }
  });

  test('refuses what elliptic refuses: a signature not of 64 bytes, a point off the curve, a zero key', () => {
    const privateKey = key(1);
    const publicKey = ellipticCrypto.privateKeyToPublicKey(privateKey);
    expect(() => nativeVerify({ message: messages[1], signature: Buffer.alloc(63), publicKey })).toThrow(/signature length/);
    const offCurve = common.bufferToECPoint(Buffer.concat([Buffer.from([2]), Buffer.alloc(32, 0xff)]));
    expect(() => ellipticCrypto.verify({ message: messages[1], signature: Buffer.alloc(64, 1), publicKey: offCurve })).toThrow();
    expect(() => nativeVerify({ message: messages[1], signature: Buffer.alloc(64, 1), publicKey: offCurve })).toThrow();
    expect(() => nativePrivateKeyToPublicKey(common.bufferToPrivateKey(Buffer.alloc(32)))).toThrow();
  });
});
