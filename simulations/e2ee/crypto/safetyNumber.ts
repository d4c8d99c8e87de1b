/**
 * Safety numbers (Signal's numeric fingerprint, version 0): for each party, SHA-512 iterated 5,200
 * times over its identity key and stable id; the first 30 bytes become six 5-digit groups; the two
 * halves, sorted, make the 60 digits both phones show. Equal numbers on both screens mean each side
 * holds the other's real identity key; a server that swapped a key cannot make them match.
 * Our identity is two keys (X25519 + Ed25519, see primitives.ts), so both are hashed.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from './bytes';
import { encodeKey, type PublicIdentity } from './x3dh';

export const FINGERPRINT_ITERATIONS = 5200;
const VERSION = Uint8Array.of(0, 0);

function identityBytes(id: PublicIdentity): Uint8Array {
  return concatBytes(encodeKey(id.dh), encodeKey(id.signing));
}

const memo = new Map<string, string>();

/** One party's 30 digits. */
export function fingerprintHalf(id: PublicIdentity, stableId: string): string {
  const key = identityBytes(id);
  const memoKey = `${stableId}:${Array.from(key).join(',')}`;
  const known = memo.get(memoKey);
  if (known) return known;
  let hash = sha512(concatBytes(VERSION, key, utf8(stableId)));
  for (let i = 0; i < FINGERPRINT_ITERATIONS; i++) hash = sha512(concatBytes(hash, key));
  let digits = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    let v = 0;
    for (let b = 0; b < 5; b++) v = v * 256 + hash[chunk * 5 + b];
    digits += String(v % 100_000).padStart(5, '0');
  }
  if (memo.size > 256) memo.clear();
  memo.set(memoKey, digits);
  return digits;
}

/** The 60-digit safety number a device shows for a conversation: its own half and the peer's, sorted. */
export function safetyNumber(own: PublicIdentity, ownId: string, peer: PublicIdentity, peerId: string): string {
  return [fingerprintHalf(own, ownId), fingerprintHalf(peer, peerId)].sort().join('');
}

/** 60 digits in twelve groups of five, as the apps print them. */
export function formatSafetyNumber(digits: string): string {
  return digits.replace(/(\d{5})(?=\d)/g, '$1 ');
}
