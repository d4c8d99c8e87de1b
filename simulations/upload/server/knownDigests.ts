/**
 * SHA-256 digests already computed for immutable byte ranges (the simulation's generated files):
 * hashing the same 64 MiB again on every run, reset and sweep run was most of the lab's replay time
 * (issue 11). A digest is reused only when the bytes to hash ARE the remembered range: consecutive
 * views of the same buffer covering it exactly, so the content is identical by construction.
 * Remember only bytes nobody writes again.
 */
interface Known {
  byteOffset: number;
  byteLength: number;
  hex: string;
}

const known = new WeakMap<ArrayBufferLike, Known>();

/** Remember `hex` as the SHA-256 of `bytes` (which must never be written again). */
export function rememberSha256(bytes: Uint8Array, hex: string): void {
  known.set(bytes.buffer, { byteOffset: bytes.byteOffset, byteLength: bytes.byteLength, hex });
}

/** Whether `bytes` is a view into a buffer with a remembered digest. */
export function hasKnownBuffer(bytes: Uint8Array): boolean {
  return known.has(bytes.buffer);
}

/** The remembered digest of the concatenation of `pieces`, if they are exactly a remembered range. */
export function knownSha256(pieces: readonly Uint8Array[]): string | null {
  if (pieces.length === 0) return null;
  const k = known.get(pieces[0].buffer);
  if (!k) return null;
  let at = k.byteOffset;
  for (const p of pieces) {
    if (p.buffer !== pieces[0].buffer || p.byteOffset !== at) return null;
    at += p.byteLength;
  }
  return at === k.byteOffset + k.byteLength ? k.hex : null;
}
