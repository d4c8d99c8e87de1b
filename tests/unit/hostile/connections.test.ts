/**
 * Hostile clients vs connections (issue 18, item 2), on the upload server with the same guards as
 * the app server (servers/app/connections.ts), tightened so the suite stays short: thousands of idle
 * sockets never lock out a real request and are all closed; slow-loris headers are cut by
 * headersTimeout; an idle keep-alive socket is closed; at the cap with every socket busy a new one
 * gets 503; and an honest slow upload outlives every one of those timeouts (no request timeout).
 */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { OCTET, TUS, createUpload, headOffset, randomData, startServer, type TestServer } from '../upload/helpers';
import { serverOptions, defaultConnectionSettings, type ConnectionSettings } from '@/servers/app/connections';
import { expectNothingLost, slowPatch } from './support';

const quota = { bytesPerUser: 2 ** 40, openUploadsPerUser: 1000 };
const tight: ConnectionSettings = { headersTimeoutMs: 1_000, keepAliveTimeoutMs: 500, socketIdleTimeoutMs: 3_000, maxConnections: 200, checkIntervalMs: 200 };
let servers: TestServer[] = [];
async function server(connections: Partial<ConnectionSettings> = {}): Promise<TestServer> {
  const t = await startServer({ quota, connections: { ...tight, ...connections } });
  servers.push(t);
  return t;
}
afterEach(async () => {
  for (const t of servers) await t.stop();
  servers = [];
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function openSocket(port: number): Promise<{ socket: net.Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    const closed = new Promise<number>((r) => socket.once('close', () => r(performance.now() - started)));
    socket.on('error', () => undefined);
    socket.resume(); // read what the server sends (a 408), so its FIN is seen
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

/** GET with a fresh connection; status, or 0 on a reset. */
function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const r = http.get(url, { agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', () => resolve(0));
  });
}

describe('connection limits', () => {
  it('the app server settings: no request timeout, finite header/keep-alive/idle timeouts, a cap below the open-file limit', () => {
    const s = defaultConnectionSettings({});
    const o = serverOptions(s);
    expect(o.requestTimeout).toBe(0);
    expect(o.headersTimeout).toBe(20_000);
    expect(o.keepAliveTimeout).toBe(5_000);
    expect(s.socketIdleTimeoutMs).toBe(120_000);
    expect(s.maxConnections).toBeGreaterThan(100);
    expect(s.maxConnections).toBeLessThanOrEqual(4096);
  });

  it('2,000 idle sockets: at most the cap is held, real requests are served throughout, and every idle socket is closed', async () => {
    const t = await server();
    const sockets = [];
    for (let i = 0; i < 2_000; i++) sockets.push(await openSocket(t.srv.port));
    const during = await Promise.all(Array.from({ length: 20 }, () => get(t.srv.endpoint, { Cookie: t.cookie })));
    expect(during.every((s) => s === 200)).toBe(true);
    const stats = t.srv.guard.stats();
    expect(stats.peak).toBeLessThanOrEqual(tight.maxConnections);
    expect(stats.evicted).toBeGreaterThanOrEqual(2_000 - tight.maxConnections);
    // an upload through the flood still works end to end
    const data = randomData(256 * 1024);
    const url = await createUpload(t, data.length);
    const res = await fetch(url, { method: 'PATCH', headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0' }, body: new Uint8Array(data) });
    expect(res.status).toBe(204);
    const lifetimes = await Promise.all(sockets.map((s) => s.closed));
    // the held ones are cut by headersTimeout (checked every checkIntervalMs)
    expect(Math.max(...lifetimes)).toBeLessThan(tight.headersTimeoutMs + 3 * tight.checkIntervalMs + 2_000);
    expect(t.srv.guard.stats().open).toBeLessThanOrEqual(1);
    await expectNothingLost(t, [{ url, data }]);
  });

  it('slow-loris headers (a byte every 100 ms) are cut by headersTimeout', async () => {
    const t = await server();
    const { socket, closed } = await openSocket(t.srv.port);
    const request = `GET /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}`;
    let i = 0;
    const drip = setInterval(() => {
      if (i < request.length && !socket.destroyed) socket.write(request[i++]);
    }, 100);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    const lifetime = await closed;
    clearInterval(drip);
    expect(i).toBeLessThan(request.length);
    expect(lifetime).toBeGreaterThanOrEqual(tight.headersTimeoutMs - 50);
    expect(lifetime).toBeLessThan(tight.headersTimeoutMs + 3 * tight.checkIntervalMs + 1_000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('an idle keep-alive socket is closed after keepAliveTimeout', async () => {
    const t = await server();
    const { socket, closed } = await openSocket(t.srv.port);
    socket.write(`GET /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${t.cookie}\r\n\r\n`);
    let answered = 0;
    await new Promise<void>((r) =>
      socket.on('data', () => {
        answered = performance.now();
        r();
      }),
    );
    await closed;
    const idle = performance.now() - answered;
    expect(idle).toBeGreaterThanOrEqual(tight.keepAliveTimeoutMs - 100);
    expect(idle).toBeLessThan(tight.keepAliveTimeoutMs + 1_500);
  });

  it('at the cap with every socket busy (uploads in progress), a new connection gets 503 and the uploads are not disturbed', async () => {
    const t = await server({ maxConnections: 4 });
    const datas = Array.from({ length: 4 }, () => randomData(64 * 1024));
    const urls = await Promise.all(datas.map((d) => createUpload(t, d.length)));
    // four PATCHes that send half, pause, then the rest
    const patches = urls.map(
      (url, i) =>
        new Promise<number>((resolve) => {
          const r = http.request(url, { method: 'PATCH', agent: false, headers: { ...TUS, Cookie: t.cookie, 'Content-Type': OCTET, 'Upload-Offset': '0', 'Content-Length': String(datas[i].length) } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          r.on('error', () => resolve(0));
          r.write(datas[i].subarray(0, 32 * 1024));
          setTimeout(() => r.end(datas[i].subarray(32 * 1024)), 2_000);
        }),
    );
    for (let waited = 0; t.srv.guard.stats().busy < 4 && waited < 1_500; waited += 25) await sleep(25);
    expect(t.srv.guard.stats().busy).toBe(4);
    expect(await get(t.srv.endpoint)).toBe(503);
    expect(t.srv.guard.stats().refused).toBeGreaterThanOrEqual(1);
    expect(await Promise.all(patches)).toEqual([204, 204, 204, 204]);
    await expectNothingLost(t, urls.map((url, i) => ({ url, data: datas[i] })));
  });

  it('an honest slow upload (32 KiB/s for 9 s) outlives every timeout: headers ×9, keep-alive ×18, socket idle ×3', async () => {
    const t = await server();
    const data = randomData(288 * 1024);
    const url = await createUpload(t, data.length);
    const started = performance.now();
    const status = await slowPatch(url, t.cookie, data);
    const took = performance.now() - started;
    expect(status).toBe(204);
    expect(took).toBeGreaterThan(8_500);
    expect(await headOffset(t, url)).toBe(data.length);
    await expectNothingLost(t, [{ url, data }]);
  });
});
