/**
 * Hostile clients vs the disk (issue 18, item 1), on a store with an injected capacity (a small
 * volume): every write reserves its bytes first, so parallel uploads cannot overdraw the reserve;
 * a chunked body on a deferred-length upload stops with 507 and the kept offset; ENOSPC mid-write
 * (a volume filled behind the server's back) answers 507 with the kept offset every time; no temp
 * file outlives a failed write, and strays are swept at start-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { OCTET, TUS, createUpload, headOffset, patch, randomData, raw, startServer, type TestServer } from '../upload/helpers';
import { createUploadHttpServer } from '@/servers/uploads/httpServer';
import { MiB, expectNothingLost, filesIn, idOf, watchFreeSpace } from './support';

const quota = { bytesPerUser: 2 ** 40, openUploadsPerUser: 1000 };
let servers: TestServer[] = [];
async function server(options: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const t = await startServer({ quota, ...options });
  servers.push(t);
  return t;
}
afterEach(async () => {
  for (const t of servers) await t.stop();
  servers = [];
});

describe('disk reservations', () => {
  it('eight parallel 40 MiB uploads on a 200 MiB volume with a 32 MiB reserve: four complete, four get 507 at offset 0 before a byte; free space never below the reserve', async () => {
    const minFreeBytes = 32 * MiB;
    const t = await server({ minFreeBytes, storeOptions: { capacityBytes: 200 * MiB } });
    const datas = Array.from({ length: 8 }, () => randomData(40 * MiB));
    // every creation passes the check (each alone fits): the old server then filled the disk
    const urls = await Promise.all(datas.map((d) => createUpload(t, d.length)));
    const watch = watchFreeSpace(t);
    const results = await Promise.all(urls.map((url, i) => patch(t, url, 0, datas[i], { 'Content-Length': String(datas[i].length) })));
    const lowest = await watch.stop();
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([204, 204, 204, 204, 507, 507, 507, 507]);
    for (const r of results.filter((r) => r.status === 507)) {
      expect(r.headers['upload-offset']).toBe('0');
      expect(r.body).toMatch(/not enough free space/);
    }
    expect(lowest).toBeGreaterThanOrEqual(minFreeBytes);
    expect(t.srv.service.tus.reservedSpace()).toBe(0);
    await expectNothingLost(t, urls.map((url, i) => ({ url, data: datas[i] })));
    // room comes back: delete two finished uploads, a refused one resumes to the exact bytes
    const done = urls.filter((_, i) => results[i].status === 204);
    const refused = urls.findIndex((_, i) => results[i].status === 507);
    for (const url of done.slice(0, 2)) expect((await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(204);
    expect((await patch(t, urls[refused], 0, datas[refused])).status).toBe(204);
    await expectNothingLost(t, [{ url: urls[refused], data: datas[refused] }]);
  });

  it('a deferred-length upload PATCHed with a chunked body (no Content-Length) stops with 507 and the kept offset, before the reserve is touched', async () => {
    const minFreeBytes = 4 * MiB;
    const t = await server({ minFreeBytes, storeOptions: { capacityBytes: 24 * MiB } });
    const url = await createUpload(t, 'deferred');
    const data = randomData(40 * MiB);
    const watch = watchFreeSpace(t);
    const parts = Array.from({ length: 40 }, (_, i) => data.subarray(i * MiB, (i + 1) * MiB));
    const res = await raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0' }, body: parts });
    const lowest = await watch.stop();
    expect(res.status).toBe(507);
    const kept = Number(res.headers['upload-offset']);
    expect(kept).toBeGreaterThan(15 * MiB);
    expect(await headOffset(t, url)).toBe(kept);
    expect(lowest).toBeGreaterThanOrEqual(minFreeBytes);
    await expectNothingLost(t, [{ url, data }]);
    expect(t.srv.service.tus.reservedSpace()).toBe(0);
  });

  it('ENOSPC mid-write (a volume that does not report its fill) answers 507 with the kept offset, every time: declared, chunked, checksummed, creation-with-upload', async () => {
    const capacity = 2 * MiB;
    const blind = () => server({ minFreeBytes: 0, storeOptions: { capacityBytes: capacity, reportsFreeSpace: false } });
    const check = async (t: TestServer, url: string, data: Buffer, res: { status: number; headers: Record<string, unknown> }) => {
      expect(res.status).toBe(507);
      const kept = Number(res.headers['upload-offset']);
      expect(Number.isSafeInteger(kept)).toBe(true);
      expect(await headOffset(t, url)).toBe(kept);
      await expectNothingLost(t, [{ url, data }]);
      expect(t.srv.service.store.usedBytes()).toBeLessThanOrEqual(capacity);
    };
    // 1. declared Content-Length, body larger than the room
    let t = await blind();
    let url = await createUpload(t, 3 * MiB);
    let data = randomData(3 * MiB);
    await check(t, url, data, await patch(t, url, 0, data));
    // 2. chunked body (no Content-Length) on a deferred-length upload
    t = await blind();
    url = await createUpload(t, 'deferred');
    data = randomData(3 * MiB);
    const parts = [data.subarray(0, MiB), data.subarray(MiB, 2 * MiB), data.subarray(2 * MiB)];
    await check(t, url, data, await raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0' }, body: parts }));
    // 3. a checksummed PATCH: an unverified chunk never counts, the offset stays where it was
    t = await blind();
    url = await createUpload(t, 3 * MiB);
    data = randomData(3 * MiB);
    const digest = createHash('sha256').update(data).digest('base64');
    const res = await patch(t, url, 0, data, { 'Upload-Checksum': `sha256 ${digest}` });
    await check(t, url, data, res);
    expect(res.headers['upload-offset']).toBe('0');
    // 4. creation-with-upload: the upload exists, with what fit
    t = await blind();
    data = randomData(3 * MiB);
    const created = await raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, Cookie: t.cookie, 'Upload-Length': String(data.length), 'Content-Type': OCTET }, body: data });
    expect(created.status).toBe(201);
    url = t.srv.origin + String(created.headers.location);
    expect(Number(created.headers['upload-offset'])).toBe(await headOffset(t, url));
    await expectNothingLost(t, [{ url, data }]);
  });

  it('a record write that fails (volume full after the data) leaves no temp file, answers 507 with the kept offset, and DELETE removes everything', async () => {
    const t = await server({ minFreeBytes: 0, storeOptions: { capacityBytes: 64 * 1024, reportsFreeSpace: false } });
    const url = await createUpload(t, 200_000);
    const data = randomData(200_000);
    const res = await patch(t, url, 0, data);
    expect(res.status).toBe(507);
    const kept = Number(res.headers['upload-offset']);
    expect(await headOffset(t, url)).toBe(kept);
    expect(await t.srv.service.store.strays()).toEqual([]);
    expect((await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(204);
    expect((await filesIn(t)).filter((n) => n.startsWith(idOf(url)))).toEqual([]);
  });

  it('a reservation is released however its PATCH ends: cut by a DELETE (takeover), the client dying, completion', async () => {
    const t = await server({ minFreeBytes: MiB, storeOptions: { capacityBytes: 64 * MiB } });
    const data = randomData(8 * MiB);
    // a PATCH that sends 1 MiB and stalls, then a DELETE takes the upload over
    let url = await createUpload(t, data.length);
    const stalled = raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Content-Length': String(data.length) }, body: [data.subarray(0, MiB)], dieAfterMs: 3_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.srv.service.tus.reservedSpace()).toBeGreaterThanOrEqual(7 * MiB);
    expect((await raw({ method: 'DELETE', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(204);
    await stalled;
    expect(t.srv.service.tus.reservedSpace()).toBe(0);
    // the client dies mid-body
    url = await createUpload(t, data.length);
    const died = await raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Content-Length': String(data.length) }, body: [data.subarray(0, 2 * MiB)], dieAfterMs: 200 });
    expect(died.status).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.srv.service.tus.reservedSpace()).toBe(0);
    const kept = (await headOffset(t, url))!;
    // and completion
    expect((await patch(t, url, kept, data.subarray(kept))).status).toBe(204);
    expect(t.srv.service.tus.reservedSpace()).toBe(0);
    await expectNothingLost(t, [{ url, data }]);
  });

  it('stray temp files (a crash mid-write) are swept at start-up; the uploads beside them are intact', async () => {
    const t = await server({});
    const data = randomData(100_000);
    const url = await createUpload(t, data.length);
    expect((await patch(t, url, 0, data)).status).toBe(204);
    const dir = t.srv.service.store.directory;
    await writeFile(path.join(dir, `${idOf(url)}.json.a1b2c3.tmp`), '');
    await writeFile(path.join(dir, `${'f'.repeat(32)}.json.d4e5f6.tmp`), '{"id":');
    await t.srv.close();
    const again = await createUploadHttpServer({ dataDir: t.dir, quota });
    try {
      expect(again.service.store.straysRemoved).toBe(2);
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      const restarted: TestServer = { ...t, srv: again };
      await expectNothingLost(restarted, [{ url: again.origin + new URL(url).pathname, data }]);
    } finally {
      await again.close();
    }
    servers = [];
    const { rm } = await import('node:fs/promises');
    await rm(t.dir, { recursive: true, force: true });
  });
});
