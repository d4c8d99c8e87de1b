/**
 * The hostile-client suite's shared checks (issue 18): loopback only, bounded in count and time.
 * "Nothing lost": every completed upload's SHA-256 equals what was sent, every upload's offset equals
 * the bytes in its file, no stray temp file is left, and free space never went below the reserve.
 */
import { expect } from 'vitest';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { TestServer } from '../upload/helpers';
import { headOffset, serverSha } from '../upload/helpers';

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
