/**
 * Hostile requests vs the upload API's input handling (issue 18, item 5): bad URLs answer 400 or 404,
 * never 500; X-HTTP-Method-Override never turns a GET/HEAD/OPTIONS into a write or a DELETE (it only
 * tunnels PATCH/DELETE through POST, as tus 1.0.0 asks); every error body is text or JSON with
 * `X-Content-Type-Options: nosniff`, whatever input it mentions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCTET, TUS, createUpload, headOffset, patch, raw, startServer, type TestServer } from '../upload/helpers';
import { wellFormedPath } from '@/servers/app/requests';

let t: TestServer;
beforeAll(async () => {
  t = await startServer({ quota: { bytesPerUser: 2 ** 40, openUploadsPerUser: 1000 } });
});
afterAll(async () => {
  await t.stop();
});

const BAD_PATHS = [
  '/api/uploads/%ff%fe',
  '/api/uploads/%',
  '/api/uploads/%zz',
  '/api/uploads/..%2f..%2fetc%2fpasswd',
  '/api/uploads/../../etc/passwd',
  '/api/uploads/%2e%2e',
  `/api/uploads/${'a'.repeat(64)}`,
  '/api/uploads/0123456789ABCDEF0123456789ABCDEF',
  '/api/uploads/0123456789abcdef0123456789abcdef/extra',
  '/api/uploads//0123456789abcdef0123456789abcdef',
  '/api/uploads/%00',
];

function expectSafeError(r: { status: number; headers: Record<string, unknown>; body: string }, method: string) {
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  if (method !== 'HEAD' && r.body !== '') expect(String(r.headers['content-type'])).toMatch(/^(text\/plain|application\/json); charset=utf-8$/);
}

describe('bad URLs', () => {
  for (const method of ['GET', 'HEAD', 'PATCH', 'DELETE', 'POST', 'OPTIONS']) {
    it(`${method} on ${BAD_PATHS.length} malformed upload URLs: 400 or 404, never 500, never sniffable`, async () => {
      for (const p of BAD_PATHS) {
        const headers: Record<string, string> = { ...TUS, Cookie: t.cookie };
        if (method === 'PATCH') Object.assign(headers, { 'Content-Type': OCTET, 'Upload-Offset': '0' });
        if (method === 'POST') headers['Upload-Length'] = '5';
        const r = await raw({ method, url: t.srv.origin + p, headers, body: method === 'PATCH' ? 'abc' : undefined });
        if (method === 'OPTIONS') {
          expect(r.status, `${method} ${p}`).toBeLessThan(500);
          continue;
        }
        expect([400, 404], `${method} ${p}`).toContain(r.status);
        expectSafeError(r, method);
      }
    });
  }

  it('bad lookups on the collection (GET ?videoId=…) answer 400 with nosniff', async () => {
    for (const q of ['%ff', '%', '<script>', 'a'.repeat(200), '..%2f']) {
      const r = await raw({ method: 'GET', url: `${t.srv.endpoint}?videoId=${q}`, headers: { Cookie: t.cookie } });
      expect(r.status, q).toBe(400);
      expectSafeError(r, 'GET');
    }
  });

  it('the app server refuses paths that are not valid percent-encoding before Next sees them (Next answered 500)', () => {
    expect(wellFormedPath('/api/uploads/%ff%fe')).toBe(false);
    expect(wellFormedPath('/labs/%')).toBe(false);
    expect(wellFormedPath('/labs/queue?x=%ff')).toBe(true);
    expect(wellFormedPath('/api/uploads/0123456789abcdef0123456789abcdef')).toBe(true);
  });
});

describe('X-HTTP-Method-Override', () => {
  it('a GET with X-HTTP-Method-Override: DELETE reads, never deletes', async () => {
    const url = await createUpload(t, 10);
    expect((await patch(t, url, 0, 'abc')).status).toBe(204);
    const r = await raw({ method: 'GET', url, headers: { ...TUS, Cookie: t.cookie, 'X-HTTP-Method-Override': 'DELETE' } });
    expect(r.status).toBe(200);
    expect(await headOffset(t, url)).toBe(3);
  });

  it('HEAD and OPTIONS with an override to PATCH or DELETE change nothing', async () => {
    const url = await createUpload(t, 10);
    expect((await patch(t, url, 0, 'abc')).status).toBe(204);
    for (const method of ['HEAD', 'OPTIONS']) {
      for (const override of ['DELETE', 'PATCH', 'delete']) {
        const r = await raw({ method, url, headers: { ...TUS, Cookie: t.cookie, 'X-HTTP-Method-Override': override, 'Content-Type': OCTET, 'Upload-Offset': '3' } });
        expect(r.status).toBeLessThan(300);
      }
    }
    expect(await headOffset(t, url)).toBe(3);
  });

  it('POST tunnels only PATCH and DELETE; any other override is a plain POST to an upload (405)', async () => {
    const url = await createUpload(t, 10);
    for (const override of ['GET', 'HEAD', 'PUT', 'OPTIONS', 'CONNECT', '<script>']) {
      const r = await raw({ method: 'POST', url, headers: { ...TUS, Cookie: t.cookie, 'X-HTTP-Method-Override': override } });
      expect(r.status, override).toBe(405);
      expect(r.body).not.toContain('<script>');
      expectSafeError(r, 'POST');
    }
    const del = await raw({ method: 'POST', url, headers: { ...TUS, Cookie: t.cookie, 'X-HTTP-Method-Override': 'DELETE' } });
    expect(del.status).toBe(204);
    expect(await headOffset(t, url)).toBeNull();
  });
});

describe('error bodies', () => {
  it('bodies that mention input (metadata keys, checksum algorithms, header values) are text/plain with nosniff', async () => {
    const url = await createUpload(t, 10);
    const cases = [
      raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, Cookie: t.cookie, 'Upload-Length': '5', 'Upload-Metadata': '<img src=x onerror=alert(1)> eA==' } }),
      raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Upload-Checksum': '<svg/onload=alert(1)> AAAA' }, body: 'a' }),
      raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '<b>1</b>' }, body: 'a' }),
      raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': 'text/html', 'Upload-Offset': '0' }, body: '<html>' }),
      raw({ method: 'POST', url: t.srv.endpoint, headers: { 'Tus-Resumable': '<script>' } }),
    ];
    for (const r of await Promise.all(cases)) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expectSafeError(r, 'POST');
      expect(String(r.headers['content-type'])).toMatch(/^text\/plain/);
    }
  });
});
