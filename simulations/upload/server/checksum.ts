import { sha256 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import type { ChecksumAlgorithm } from './protocol';

export interface IncrementalHash {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
}

export function createHash(algorithm: ChecksumAlgorithm): IncrementalHash {
  const h = algorithm === 'sha1' ? sha1.create() : sha256.create();
  return { update: (c) => void h.update(c), digest: () => h.digest() };
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
