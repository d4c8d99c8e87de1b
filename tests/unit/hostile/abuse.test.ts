/**
 * Hostile clients vs the quotas (issue 18, item 3): limits that hold without cookies (a new cookie
 * is free), per client address and for the whole server, on open uploads, reserved bytes and the
 * creation rate, answering 429 with Retry-After; X-Forwarded-For believed only from a trusted proxy
 * (off by default); sessions expire and rotate on the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { TUS, createUpload, patch, raw, startServer, type TestServer } from '../upload/helpers';
import type { AdmissionLimits } from '@/simulations/upload/server/admission';
import { Sessions } from '@/servers/uploads/session';

const quota = { bytesPerUser: 2 ** 40, openUploadsPerUser: 100_000 };
const MiB = 1024 * 1024;
const roomy = { openUploads: 100_000, bytes: 2 ** 50, creationsPerMinute: 100_000 };
let servers: TestServer[] = [];
async function server(limits: Partial<AdmissionLimits>, extra: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const t = await startServer({ quota, limits: { perClient: roomy, global: roomy, ...limits }, ...extra });
  servers.push(t);
  return t;
}
afterEach(async () => {
  for (const t of servers) await t.stop();
  servers = [];
});

/** A cookieless creation (every one would get a brand-new session). */
function post(t: TestServer, headers: Record<string, string> = {}, length = 10) {
  return raw({ method: 'POST', url: t.srv.endpoint, headers: { ...TUS, 'Upload-Length': String(length), ...headers } });
}

describe('limits without cookies', () => {
  it('300 cookieless POSTs from one address in a burst: 30 created (the per-address rate), the rest 429 with Retry-After; only 30 uploads on disk', async () => {
    const t = await server({ perClient: { ...roomy, creationsPerMinute: 30 } });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 300 }, () => post(t)));
    const took = performance.now() - started;
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 429);
    expect(created).toHaveLength(30);
    expect(refused).toHaveLength(270);
    for (const r of refused) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.body).toMatch(/from this address/);
    }
    expect((await readdir(t.srv.service.store.directory)).filter((n) => n.endsWith('.json'))).toHaveLength(30);
    expect(took).toBeLessThan(20_000);
  });

  it('open uploads per address: the sixth is refused (429); finishing or deleting one frees a slot', async () => {
    const t = await server({ perClient: { ...roomy, openUploads: 5 } });
    const urls = [];
    for (let i = 0; i < 5; i++) urls.push(await createUpload(t, 3));
    const sixth = await post(t, { Cookie: t.otherCookie });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatch(/at most 5 open uploads per client address/);
    expect(sixth.headers['retry-after']).toBeDefined();
    expect((await patch(t, urls[0], 0, 'abc')).status).toBe(204);
    expect((await post(t)).status).toBe(201);
    expect((await post(t)).status).toBe(429);
    expect((await raw({ method: 'DELETE', url: urls[1], headers: { ...TUS, Cookie: t.cookie } })).status).toBe(204);
    expect((await post(t)).status).toBe(201);
  });

  it('bytes reserved per address: declared lengths count, across cookies', async () => {
    const t = await server({ perClient: { ...roomy, bytes: MiB } });
    expect((await post(t, {}, 600 * 1024)).status).toBe(201);
    const over = await post(t, { Cookie: t.otherCookie }, 600 * 1024);
    expect(over.status).toBe(429);
    expect(over.body).toMatch(/per-address storage limit/);
    expect((await post(t, {}, 400 * 1024)).status).toBe(201);
  });

  it('X-Forwarded-For is ignored by default: a forged header does not buy a fresh bucket', async () => {
    const t = await server({ perClient: { ...roomy, creationsPerMinute: 3 } });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(t, { 'X-Forwarded-For': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
  });

  it('behind a trusted proxy the right-most untrusted X-Forwarded-For entry is the client; the global limits still bound everyone', async () => {
    const t = await server({ perClient: { ...roomy, creationsPerMinute: 2 }, global: { ...roomy, openUploads: 12 } }, { trustedProxies: ['127.0.0.1'] });
    // two clients behind the proxy each get their own per-address bucket
    const a = [];
    const b = [];
    for (let i = 0; i < 3; i++) a.push((await post(t, { 'X-Forwarded-For': '203.0.113.7' })).status);
    for (let i = 0; i < 3; i++) b.push((await post(t, { 'X-Forwarded-For': 'evil-forged, 203.0.113.8' })).status);
    expect(a).toEqual([201, 201, 429]);
    expect(b).toEqual([201, 201, 429]);
    // garbage does not pick a bucket: it counts against the proxy itself
    expect((await post(t, { 'X-Forwarded-For': 'not-an-address' })).status).toBe(201);
    // many addresses: the global cap on open uploads holds
    const many = [];
    for (let i = 0; i < 20; i++) many.push(await post(t, { 'X-Forwarded-For': `192.0.2.${i}` }));
    const created = many.filter((r) => r.status === 201).length;
    expect(4 + 1 + created).toBe(12);
    const refused = many.find((r) => r.status === 429)!;
    expect(refused.body).toMatch(/maximum of 12 open uploads/);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('the global creation rate holds across addresses', async () => {
    const t = await server({ global: { ...roomy, creationsPerMinute: 10 } }, { trustedProxies: ['127.0.0.1'] });
    const statuses = [];
    for (let i = 0; i < 15; i++) statuses.push((await post(t, { 'X-Forwarded-For': `192.0.2.${i}` })).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });
});

describe('sessions', () => {
  it('a session is rotated after a day (same user, new cookie) and refused after a week of disuse (new user; the old uploads are 404 to it)', async () => {
    let now = Date.UTC(2026, 11, 7);
    const t = await server({}, { sessions: { now: () => now } });
    const url = await createUpload(t, 3);
    const userOf = async (cookie: string) => {
      const res = await raw({ method: 'GET', url: t.srv.endpoint, headers: { Cookie: cookie } });
      return { userId: (JSON.parse(res.body) as { userId: string }).userId, setCookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null };
    };
    const first = await userOf(t.cookie);
    expect(first.setCookie).toBeNull();
    now += 25 * 3600 * 1000;
    const rotated = await userOf(t.cookie);
    expect(rotated.userId).toBe(first.userId);
    expect(rotated.setCookie).not.toBeNull();
    expect(rotated.setCookie).not.toBe(t.cookie);
    // the rotated cookie works for the upload; the old one keeps working until it expires
    expect((await patch(t, url, 0, 'ab', {}, rotated.setCookie!)).status).toBe(204);
    now += 6.5 * 24 * 3600 * 1000;
    const expired = await userOf(t.cookie);
    expect(expired.userId).not.toBe(first.userId);
    expect((await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: t.cookie } })).status).toBe(404);
    const stillFresh = await userOf(rotated.setCookie!);
    expect(stillFresh.userId).toBe(first.userId);
    expect((await patch(t, url, 2, 'c', {}, rotated.setCookie!)).status).toBe(204);
  });

  it('old-format (unexpiring) and forged cookies get a new session', async () => {
    const s = await Sessions.open((servers[0] ?? (await server({}))).dir);
    expect(s.verify('0123456789abcdef0123456789abcdef.AAAA')).toBeNull();
    expect(s.verify(`0123456789abcdef0123456789abcdef.zzzzzz.${'A'.repeat(43)}`)).toBeNull();
    const good = s.sign('0123456789abcdef0123456789abcdef');
    expect(s.verify(good)?.userId).toBe('0123456789abcdef0123456789abcdef');
    expect(s.verify(good.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
  });
});

