/**
 * The primitives against published test vectors (RFC 7748 X25519, RFC 5869 HKDF, RFC 4231 HMAC),
 * and the AEAD's outcomes from research §3.5: ciphertext = plaintext + 16 bytes, and any flipped bit
 * (ciphertext, tag or associated data) is rejected.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { x25519 } from '@noble/curves/ed25519.js';
import { fromHex, toHex, utf8 } from '@/simulations/e2ee/crypto/bytes';
import { AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt, dh, generateDh, hkdfSha256, hmacSha256 } from '@/simulations/e2ee/crypto/primitives';
import { keysFor } from './keys';

describe('X25519 (RFC 7748)', () => {
  it('§5.2 scalar multiplication vector', () => {
    const scalar = fromHex('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4');
    const u = fromHex('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c');
    expect(toHex(x25519.scalarMult(scalar, u))).toBe('c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
  });

  it('§6.1 Diffie–Hellman: both public keys and the shared secret, from each side', () => {
    const alice = { secret: fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'), public: new Uint8Array() };
    const bob = { secret: fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'), public: new Uint8Array() };
    const alicePublic = x25519.getPublicKey(alice.secret);
    const bobPublic = x25519.getPublicKey(bob.secret);
    expect(toHex(alicePublic)).toBe('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(toHex(bobPublic)).toBe('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    expect(toHex(dh(alice, bobPublic))).toBe(shared);
    expect(toHex(dh(bob, alicePublic))).toBe(shared);
  });

  it('seeded key pairs agree from both sides and are 32 bytes (§3.5 outcome 1)', () => {
    const a = generateDh(keysFor('a'));
    const b = generateDh(keysFor('b'));
    expect(a.public.length).toBe(32);
    expect(toHex(dh(a, b.public))).toBe(toHex(dh(b, a.public)));
  });

  it('refuses a low-order peer key (the all-zero output RFC 7748 §6.1 says to check for)', () => {
    expect(() => dh(generateDh(keysFor('a')), new Uint8Array(32))).toThrow();
  });
});

describe('HKDF-SHA-256 (RFC 5869 appendix A)', () => {
  const ikm = new Uint8Array(22).fill(0x0b);
  it('test case 1', () => {
    const salt = fromHex('000102030405060708090a0b0c');
    const info = fromHex('f0f1f2f3f4f5f6f7f8f9');
    expect(toHex(hkdfSha256(ikm, salt, info, 42))).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });
  it('test case 3 (empty salt and info)', () => {
    expect(toHex(hkdfSha256(ikm, new Uint8Array(), new Uint8Array(), 42))).toBe('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  });
});

describe('HMAC-SHA-256 (RFC 4231 test case 2)', () => {
  it('key "Jefe"', () => {
    expect(toHex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});

describe('AES-256-GCM under a message key', () => {
  const mk = keysFor('mk').bytes32();
  const ad = utf8('associated data');

  it('ciphertext = plaintext + 16 bytes (the tag), for every length', () => {
    for (const len of [0, 1, 5, 16, 17, 100]) {
      expect(aeadEncrypt(mk, new Uint8Array(len), ad).length).toBe(len + AEAD_TAG_BYTES);
    }
    expect(aeadEncrypt(mk, utf8('hello'), ad).length).toBe(21);
  });

  it('round-trips', () => {
    const ct = aeadEncrypt(mk, utf8('meet at noon'), ad);
    expect(aeadDecrypt(mk, ct, ad)).toEqual(utf8('meet at noon'));
  });

  it('rejects EVERY single flipped bit of the ciphertext and tag', () => {
    const ct = aeadEncrypt(mk, utf8('hi there'), ad);
    for (let bit = 0; bit < ct.length * 8; bit++) {
      const bad = ct.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      expect(aeadDecrypt(mk, bad, ad), `bit ${bit}`).toBeNull();
    }
  });

  it('rejects a flipped bit of the associated data, a wrong key and a truncated message (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.nat(), (plaintext, pick) => {
        const ct = aeadEncrypt(mk, plaintext, ad);
        const badAd = ad.slice();
        badAd[pick % badAd.length] ^= 1 << (pick % 8);
        expect(aeadDecrypt(mk, ct, badAd)).toBeNull();
        const otherKey = mk.slice();
        otherKey[pick % 32] ^= 1;
        expect(aeadDecrypt(otherKey, ct, ad)).toBeNull();
        expect(aeadDecrypt(mk, ct.slice(0, ct.length - 1), ad)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
