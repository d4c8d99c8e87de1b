/**
 * The hostile-client suite's shared checks (issue 18): loopback only, bounded in count and time.
 * "Nothing lost": every completed upload's SHA-256 equals what was sent, every upload's offset equals
 * the bytes in its file, no stray temp file is left, and free space never went below the reserve.
 */
import { expect } from 'vitest';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { TestServer } from '../upload/helpers';
import { headOffset, OCTET, serverSha, TUS } from '../upload/helpers';

export const MiB = 1024 * 1024;

export const idOf = (url: string) => url.split('/').pop()!;

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Sample the store's real free space every few ms; `stop()` gives the lowest value seen. */
export function watchFreeSpace(t: TestServer, everyMs = 3): { stop(): Promise<number> } {
  let min = Infinity;
  let running = true;
  const loop = (async () => {
    while (running) {
      const free = await t.srv.service.store.actualFreeBytes();
      if (free !== null) min = Math.min(min, free);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const free = await t.srv.service.store.actualFreeBytes();
      if (free !== null) min = Math.min(min, free);
      return min;
    },
  };
}

/** Every upload's HEAD offset equals its file's size; completed ones hash to what was sent. */
export async function expectNothingLost(t: TestServer, uploads: { url: string; data: Uint8Array; cookie?: string }[]): Promise<void> {
  for (const u of uploads) {
    const cookie = u.cookie ?? t.cookie;
    const offset = await headOffset(t, u.url, cookie);
    const size = (await stat(path.join(t.srv.service.store.directory, `${idOf(u.url)}.bin`))).size;
    expect(offset, `offset of ${u.url}`).toBe(size);
    if (offset === u.data.length) expect(await serverSha(t, u.url, cookie), `sha256 of ${u.url}`).toBe(sha256(u.data));
  }
  expect(await t.srv.service.store.strays()).toEqual([]);
}

export async function filesIn(t: TestServer): Promise<string[]> {
  return (await readdir(t.srv.service.store.directory)).sort();
}

/**
 * An honest slow client: PATCHes `data` to `url` at 8 KiB every 250 ms (32 KiB/s) on its own socket
 * and resolves with the status (0 when the connection was cut).
 */
export function slowPatch(url: string, cookie: string, data: Uint8Array): Promise<number> {
  return new Promise<number>((resolve) => {
    const r = http.request(url, { method: 'PATCH', agent: false, headers: { ...TUS, Cookie: cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Content-Length': String(data.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', () => resolve(0));
    let at = 0;
    const tick = setInterval(() => {
      const piece = data.subarray(at, at + 8 * 1024);
      at += piece.length;
      if (at >= data.length) {
        clearInterval(tick);
        r.end(piece);
      } else r.write(piece);
    }, 250);
  });
}
