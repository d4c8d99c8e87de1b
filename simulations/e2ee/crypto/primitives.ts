/**
 * The primitives the protocols are built from, all from the audited, synchronous @noble libraries
 * (so a run is synchronous on virtual time and reproducible from its seed):
 *   DH      X25519 (RFC 7748)
 *   SIG     Ed25519 over a separate signing key (WebCrypto and @noble have no XEdDSA; Signal signs the
 *           prekey with XEdDSA from the X25519 identity key, which needs one key pair instead of two)
 *   KDF     HKDF-SHA-256 (RFC 5869), HMAC-SHA-256
 *   AEAD    AES-256-GCM: 16-byte tag, key and nonce from HKDF(mk). The Double Ratchet spec §5.2
 *           recommends AES-256-CBC + HMAC-SHA-256 (WhatsApp uses that); any AEAD is allowed, and a
 *           deterministic nonce is safe because every message key encrypts exactly one message.
 *
 * LOUD: key material comes from `KeySource` (the lab's seeded stream) so a link replays a run. Real
 * clients must take it from the operating system's CSPRNG.
 */
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { gcm } from '@noble/ciphers/aes.js';
import { utf8 } from './bytes';

/** 32 bytes at a time of key material. The lab's is a seeded stream; real clients use a CSPRNG. */
export interface KeySource {
  bytes32(): Uint8Array;
}

export interface DhKeyPair {
  readonly secret: Uint8Array;
  readonly public: Uint8Array;
}

export interface SigningKeyPair {
  readonly secret: Uint8Array;
  readonly public: Uint8Array;
}

export const KEY_BYTES = 32;
export const AEAD_TAG_BYTES = 16;
const NONCE_BYTES = 12;

export function generateDh(source: KeySource): DhKeyPair {
  const secret = source.bytes32();
  return { secret, public: x25519.getPublicKey(secret) };
}

export function generateSigning(source: KeySource): SigningKeyPair {
  const secret = source.bytes32();
  return { secret, public: ed25519.getPublicKey(secret) };
}

/** X25519(secret, peer public). Throws on a low-order peer key (an all-zero output), as RFC 7748 §6.1 allows. */
export function dh(own: DhKeyPair, peerPublic: Uint8Array): Uint8Array {
  return x25519.getSharedSecret(own.secret, peerPublic);
}

export function sign(key: SigningKeyPair, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, key.secret);
}

export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  return hkdf(sha256, ikm, salt, info, length);
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(sha256, key, data);
}

const AEAD_INFO = utf8('SystemDesignLab message keys');

function aeadKeys(messageKey: Uint8Array): { key: Uint8Array; nonce: Uint8Array } {
  const okm = hkdfSha256(messageKey, new Uint8Array(KEY_BYTES), AEAD_INFO, KEY_BYTES + NONCE_BYTES);
  return { key: okm.slice(0, KEY_BYTES), nonce: okm.slice(KEY_BYTES) };
}

/** AES-256-GCM under a one-use message key; the output is the plaintext's length + 16 (the tag). */
export function aeadEncrypt(messageKey: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  const { key, nonce } = aeadKeys(messageKey);
  return gcm(key, nonce, associatedData).encrypt(plaintext);
}

/** The plaintext, or null when the tag does not verify (wrong key, changed bit, changed header or AD). */
export function aeadDecrypt(messageKey: Uint8Array, ciphertext: Uint8Array, associatedData: Uint8Array): Uint8Array | null {
  if (ciphertext.length < AEAD_TAG_BYTES) return null;
  const { key, nonce } = aeadKeys(messageKey);
  try {
    return gcm(key, nonce, associatedData).decrypt(ciphertext);
  } catch {
    return null;
  }
}
