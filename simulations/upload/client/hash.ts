/**
 * Streaming SHA-256 of a file in chunks with progress. WebCrypto cannot hash incrementally, so
 * @noble/hashes does it; memory stays at one chunk whatever the file size. The videoId is the hex
 * digest: the same video gives the same id on every device, which is what lets the server find a
 * partial upload for (videoId, user).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { toFuture } from '../server/flow';
import type { ServerClock } from '../server/clock';
import type { FileSource } from './transport';
import { hasKnownBuffer, knownSha256 } from '../server/knownDigests';

export const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

export interface HashJob {
  cancel(): void;
}

/**
 * Hash `file` chunk by chunk. Between chunks it waits `pauseMs(bytes)` on the injected clock: in the
 * simulation that is the modelled hashing time, in the browser 0 (just yield to the page).
 */
export function hashFile(
  file: FileSource,
  clock: Pick<ServerClock, 'setTimeout' | 'clearTimeout'>,
  pauseMs: (bytes: number) => number,
  onProgress: (hashedBytes: number) => void,
  onDone: (hexDigest: string) => void,
  onError: (e: unknown) => void,
  chunkBytes = HASH_CHUNK_BYTES,
): HashJob {
  const h = sha256.create();
  let offset = 0;
  let cancelled = false;
  let timer: unknown = null;
  // Pieces that are views of bytes with a known digest (the simulation's generated file) are kept,
  // not hashed; if they turn out not to be exactly that range, they are hashed at the end.
  let deferred: Uint8Array[] | null = null;
  const step = () => {
    timer = null;
    if (cancelled) return;
    if (offset >= file.size) {
      if (deferred) {
        const hex = knownSha256(deferred);
        if (hex !== null) return onDone(hex);
        for (const piece of deferred) h.update(piece);
      }
      onDone(bytesToHex(h.digest()));
      return;
    }
    const length = Math.min(chunkBytes, file.size - offset);
    toFuture(file.read(offset, length)).onSettle((o) => {
      if (cancelled) return;
      if (!o.ok) return onError(o.error);
      if (offset === 0 && hasKnownBuffer(o.value)) deferred = [];
      if (deferred) deferred.push(o.value);
      else h.update(o.value);
      offset += o.value.length;
      onProgress(offset);
      timer = clock.setTimeout(step, pauseMs(o.value.length));
    });
  };
  timer = clock.setTimeout(step, 0);
  return {
    cancel: () => {
      cancelled = true;
      if (timer !== null) clock.clearTimeout(timer);
    },
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
