/**
 * Hostile conditions vs damage isolation (issue 18, item 4): a corrupt or unreadable upload record
 * (a truncated `{"id":`) affects only that upload. It is logged with its id, requests for it get a
 * clear 410, and everything else keeps working, at start-up (recovery) and while running.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OCTET, TUS, createUpload, headOffset, patch, randomData, raw, startServer, type TestServer } from '../upload/helpers';
import { createUploadHttpServer } from '@/servers/uploads/httpServer';
import { expectNothingLost, idOf } from './support';

const quota = { bytesPerUser: 2 ** 40, openUploadsPerUser: 1000 };
let servers: TestServer[] = [];
afterEach(async () => {
  for (const t of servers) await t.stop();
  servers = [];
});

async function everyMethodOn(t: TestServer, url: string) {
  const h = { ...TUS, Cookie: t.cookie };
  return {
    head: await raw({ method: 'HEAD', url, headers: h }),
    patch: await raw({ method: 'PATCH', url, headers: { ...h, 'Content-Type': OCTET, 'Upload-Offset': '0' }, body: 'xyz' }),
    get: await raw({ method: 'GET', url, headers: h }),
    del: await raw({ method: 'DELETE', url, headers: h }),
  };
}

describe('a damaged record', () => {
  for (const [name, content] of [
    ['truncated JSON', '{"id":'],
    ['valid JSON of the wrong shape', '{"id":"nope","state":7}'],
    ['an empty file', ''],
  ] as const) {
    it(`${name}: found at start-up, logged with its id, answers 410; the rest of the API keeps working`, async () => {
      const lines: string[] = [];
      const t = await startServer({ quota, log: (l) => lines.push(l) });
      servers.push(t);
      const good = randomData(50_000);
      const goodUrl = await createUpload(t, good.length);
      expect((await patch(t, goodUrl, 0, good.subarray(0, 20_000))).status).toBe(204);
      const badUrl = await createUpload(t, 10);
      expect((await patch(t, badUrl, 0, 'abc')).status).toBe(204);
      await writeFile(path.join(t.srv.service.store.directory, `${idOf(badUrl)}.json`), content);
      // restart on the same folder: recovery meets the damaged record
      await t.srv.close();
      t.srv = await createUploadHttpServer({ dataDir: t.dir, quota, log: (l) => lines.push(l) });
      const at = (u: string) => t.srv.origin + new URL(u).pathname;
      const bad = await everyMethodOn(t, at(badUrl));
      for (const r of Object.values(bad)) {
        expect(r.status).toBe(410);
        expect(r.headers['x-content-type-options']).toBe('nosniff');
      }
      expect(bad.get.body).toMatch(/damaged on the server .* start a new upload/);
      expect(lines.filter((l) => l.includes(idOf(badUrl)))).toHaveLength(1);
      // everything else works
      expect(await headOffset(t, at(goodUrl))).toBe(20_000);
      expect((await patch(t, at(goodUrl), 20_000, good.subarray(20_000))).status).toBe(204);
      const fresh = randomData(1000);
      const freshUrl = await createUpload(t, fresh.length);
      expect((await patch(t, freshUrl, 0, fresh)).status).toBe(204);
      expect((await raw({ method: 'GET', url: t.srv.endpoint, headers: { Cookie: t.cookie } })).status).toBe(200);
      expect((await t.srv.service.tus.sweep().toPromise()).removed).toBe(0);
      await expectNothingLost(t, [
        { url: at(goodUrl), data: good },
        { url: freshUrl, data: fresh },
      ]);
    });
  }

  it('damaged while running (no restart): only that upload answers 410; an unreadable record (a directory in its place) too', async () => {
    const lines: string[] = [];
    const t = await startServer({ quota, log: (l) => lines.push(l) });
    servers.push(t);
    const a = await createUpload(t, 10);
    const b = await createUpload(t, 10);
    const c = await createUpload(t, 10);
    const dir = t.srv.service.store.directory;
    await writeFile(path.join(dir, `${idOf(a)}.json`), '{"id":');
    const { rm } = await import('node:fs/promises');
    await rm(path.join(dir, `${idOf(b)}.json`));
    await mkdir(path.join(dir, `${idOf(b)}.json`));
    expect((await patch(t, a, 0, 'abc')).status).toBe(410);
    expect((await raw({ method: 'HEAD', url: b, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(410);
    expect((await patch(t, c, 0, '0123456789')).status).toBe(204);
    expect(lines.some((l) => l.includes(idOf(a)))).toBe(true);
    expect(lines.some((l) => l.includes(idOf(b)))).toBe(true);
    await t.srv.service.tus.sweep().toPromise();
    expect((await raw({ method: 'GET', url: t.srv.endpoint, headers: { Cookie: t.cookie } })).status).toBe(200);
  });
});
