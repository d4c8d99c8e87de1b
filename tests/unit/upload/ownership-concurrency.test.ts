/** Ownership, quotas and one-writer-per-upload, over real sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { OCTET, TUS, createUpload, headOffset, patch, raw, sleep, startServer, type TestServer } from './helpers';

let t: TestServer;
/** bytes the server has handed to the store per upload id (the file store batches, so the disk lags) */
const handedToStore = new Map<string, number>();
beforeAll(async () => {
  t = await startServer({ quota: { bytesPerUser: 1000, openUploadsPerUser: 3 }, lockWaitMs: 1000 });
  const store = t.srv.service.store;
  const open = store.openAppender.bind(store);
  store.openAppender = async (id) => {
    const appender = await open(id);
    return {
      write: (chunk) => {
        handedToStore.set(id, (handedToStore.get(id) ?? 0) + chunk.length);
        return appender.write(chunk);
      },
      close: () => appender.close(),
    };
  };
});
afterAll(async () => t.stop());

const idOf = (url: string) => url.split('/').pop()!;
const bin = (url: string) => path.join(t.dir, 'files', `${idOf(url)}.bin`);

/** A PATCH that sends `first` bytes, then keeps the connection open without sending more. */
function stalledPatch(url: string, offset: number, first: string, total: number) {
  return raw({
    method: 'PATCH',
    url,
    headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': String(offset), 'Content-Length': String(total) },
    body: [first],
    dieAfterMs: 3000,
  });
}
/** Wait until the server has read `size` bytes of the stalled PATCH (not for the disk: the file store batches). */
async function waitForSize(url: string, size: number) {
  for (let waited = 0; (handedToStore.get(idOf(url)) ?? 0) < size; waited += 10) {
    if (waited > 5000) throw new Error(`the server read only ${handedToStore.get(idOf(url)) ?? 0} of ${size} bytes`);
    await sleep(10);
  }
}

describe('ownership: a foreign upload answers 404 and stays untouched', () => {
  it('HEAD, PATCH, DELETE, GET with another user’s cookie → 404; no cookie → 404; forged cookie → 404', async () => {
    const url = await createUpload(t, 10);
    expect((await patch(t, url, 0, 'abc')).status).toBe(204);
    const forged = t.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const cookie of [t.otherCookie, '', forged]) {
      const headers = cookie ? { ...TUS, Cookie: cookie } : { ...TUS };
      expect((await raw({ method: 'HEAD', url, headers })).status).toBe(404);
      expect((await raw({ method: 'PATCH', url, headers: { ...headers, 'Content-Type': OCTET, 'Upload-Offset': '3' }, body: 'de' })).status).toBe(404);
      expect((await raw({ method: 'DELETE', url, headers })).status).toBe(404);
      expect((await raw({ method: 'GET', url, headers })).status).toBe(404);
    }
    expect((await readFile(bin(url))).toString()).toBe('abc');
    expect(await headOffset(t, url)).toBe(3);
    expect((await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(204);
  });

  it('the (videoId, user) lookup only sees the caller’s uploads; a second POST for the same video → 409 + Location', async () => {
    const meta = { 'Upload-Metadata': `videoId ${Buffer.from('vid123').toString('base64')}` };
    const url = await createUpload(t, 10, meta);
    const mine = await fetch(`${t.srv.endpoint}?videoId=vid123`, { headers: { Cookie: t.cookie } });
    expect(((await mine.json()) as { uploadUrl: string }).uploadUrl).toBe(new URL(url).pathname);
    expect((await fetch(`${t.srv.endpoint}?videoId=vid123`, { headers: { Cookie: t.otherCookie } })).status).toBe(404);
    const again = await raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, Cookie: t.cookie, 'Upload-Length': '10', ...meta } });
    expect(again.status).toBe(409);
    expect(again.headers.location).toBe(new URL(url).pathname);
    // the other user may upload the same video: the binding is per (videoId, user)
    expect((await raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, Cookie: t.otherCookie, 'Upload-Length': '10', ...meta } })).status).toBe(201);
    await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } });
  });
});

describe('quotas', () => {
  it('open uploads per user (429) and reserved bytes per user (413)', async () => {
    const urls = [await createUpload(t, 100), await createUpload(t, 100), await createUpload(t, 100)];
    expect((await raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, Cookie: t.cookie, 'Upload-Length': '1' } })).status).toBe(429);
    await raw({ method: 'DELETE', url: urls.pop()!, headers: { ...TUS, Cookie: t.cookie } });
    expect((await raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, Cookie: t.cookie, 'Upload-Length': '801' } })).status).toBe(413);
    for (const u of urls) await raw({ method: 'DELETE', url: u, headers: { ...TUS, Cookie: t.cookie } });
  });
});

describe('one writer per upload (lock with takeover)', () => {
  it('two PATCHes: the second takes over, the first commits what it had; a stale offset gets 409', async () => {
    const url = await createUpload(t, 100);
    const first = stalledPatch(url, 0, 'a'.repeat(30), 100);
    await waitForSize(url, 30);
    const second = await patch(t, url, 0, 'b'.repeat(10));
    expect(second.status).toBe(409);
    expect((await first).status).toBe(423);
    expect(await headOffset(t, url)).toBe(30);
    expect((await patch(t, url, 30, 'c'.repeat(70))).status).toBe(204);
    expect((await readFile(bin(url))).toString()).toBe('a'.repeat(30) + 'c'.repeat(70));
    await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } });
  });

  it('HEAD during a PATCH interrupts it and answers the committed offset, which the next PATCH accepts', async () => {
    const url = await createUpload(t, 100);
    const first = stalledPatch(url, 0, 'a'.repeat(40), 100);
    await waitForSize(url, 40);
    const offset = await headOffset(t, url);
    expect(offset).toBe(40);
    expect((await first).status).toBe(423);
    expect((await patch(t, url, 40, 'd'.repeat(60))).status).toBe(204);
    await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } });
  });

  it('DELETE during a PATCH: the PATCH stops, the upload and its bytes are gone', async () => {
    const url = await createUpload(t, 100);
    const first = stalledPatch(url, 0, 'a'.repeat(20), 100);
    await waitForSize(url, 20);
    expect((await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(204);
    expect((await first).status).toBe(423);
    expect((await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(404);
    await expect(stat(bin(url))).rejects.toThrow();
  });
});
