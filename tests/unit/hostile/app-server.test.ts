/**
 * The lab's production server (servers/app: Next's handler in our Node server, what `npm start` and
 * the browser tests run) under hostile clients, end to end through Next's route handlers. Needs a
 * production build newer than the upload server's sources (`next build`; `npm test` builds before the
 * browser tests): without one this file is skipped with a message. Tight limits come in through the
 * environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@/scripts/free-port';
import { OCTET, TUS, randomData, raw } from '../upload/helpers';
import { sha256, slowPatch } from './support';

/** Newest modification time under `dir` (files only). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// The route handlers come from the build: a build older than the upload server's sources would test old code.
const SOURCES = ['servers/uploads', 'simulations/upload/server', 'app/api/uploads'];
const built = existsSync('.next/BUILD_ID') && SOURCES.every((d) => newest(d) <= statSync('.next/BUILD_ID').mtimeMs);
// `npm test` runs this file again right after its build with SDLAB_REQUIRE_APP_SERVER=1: there a skip is a failure
if (!built && process.env.SDLAB_REQUIRE_APP_SERVER === '1') throw new Error('app-server.test.ts: the build is missing or older than the upload server');
if (!built) console.warn('tests/unit/hostile/app-server.test.ts SKIPPED: no production build, or one older than the upload server (run `SDLAB_TYPES_CHECKED=1 npx next build`)');

const HEADERS_TIMEOUT_MS = 1_000;
const FD_LIMIT = 1024;
const IDLE_SOCKETS = 3_000;
const CHECK_MS = 200;
let child: ChildProcess;
let base = '';
let dataDir = '';
let output = '';

beforeAll(async () => {
  if (!built) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'sdlab-hostile-app-'));
  // The open-file limit of the machine that failed (1,024): the default cap follows it (704 sockets).
  child = spawn('bash', ['-c', `ulimit -n ${FD_LIMIT} && exec "${process.execPath}" servers/app/start.mjs --port ${port}`], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      UPLOAD_DATA_DIR: dataDir,
      SDLAB_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      SDLAB_KEEPALIVE_TIMEOUT_MS: '500',
      SDLAB_SOCKET_IDLE_TIMEOUT_MS: '3000',
      SDLAB_CONNECTION_CHECK_MS: String(CHECK_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = performance.now() + 40_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited: ${output}`);
    if (output.includes('ready on')) break;
    if (performance.now() > deadline) throw new Error(`app server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  if (!built) return;
  child.kill('SIGTERM');
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
  rmSync(dataDir, { recursive: true, force: true });
});

async function session(): Promise<string> {
  const r = await raw({ method: 'GET', url: `${base}/api/uploads` });
  return String(r.headers['set-cookie']?.[0]).split(';')[0];
}

describe.skipIf(!built)('the app server (Next behind our Node server)', () => {
  it('malformed URLs answer 400 with nosniff, not 500', async () => {
    for (const p of ['/api/uploads/%ff%fe', '/labs/%', '/lessons/%E0%A4%A']) {
      const r = await raw({ method: 'GET', url: base + p });
      expect(r.status, p).toBe(400);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(String(r.headers['content-type'])).toMatch(/^text\/plain/);
    }
    expect((await raw({ method: 'GET', url: `${base}/api/uploads/0123456789abcdef0123456789abcdef` })).status).toBe(404);
  });

  it('3,000 idle sockets against an open-file limit of 1,024: pages and an upload through Next still work; all idle sockets are closed', async () => {
    const closes: Promise<void>[] = [];
    for (let i = 0; i < IDLE_SOCKETS; i++) {
      const s = net.connect(Number(new URL(base).port), '127.0.0.1');
      s.on('error', () => undefined);
      s.resume();
      closes.push(new Promise((r) => s.once('close', () => r())));
      await new Promise((r) => s.once('connect', r));
    }
    const page = await raw({ method: 'GET', url: `${base}/` });
    expect(page.status).toBe(200);
    for (const p of ['/labs/queue', '/lessons/chat-systems']) expect((await raw({ method: 'GET', url: base + p })).status, p).toBe(200);
    const cookie = await session();
    const data = randomData(300_000);
    const created = await raw({ method: 'POST', url: `${base}/api/uploads`, headers: { ...TUS, Cookie: cookie, 'Upload-Length': String(data.length) } });
    expect(created.status).toBe(201);
    const url = base + String(created.headers.location);
    expect((await raw({ method: 'PATCH', url, headers: { ...TUS, Cookie: cookie, 'Content-Type': OCTET, 'Upload-Offset': '0' }, body: data })).status).toBe(204);
    const info = JSON.parse((await raw({ method: 'GET', url, headers: { Cookie: cookie } })).body) as { sha256: string };
    expect(info.sha256).toBe(sha256(data));
    const started = performance.now();
    await Promise.all(closes);
    expect(performance.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 3 * CHECK_MS + 3_000);
  });

  it('an honest slow PATCH through Next (32 KiB/s for 6 s, six header timeouts, twelve keep-alive timeouts) completes', async () => {
    const cookie = await session();
    const data = randomData(192 * 1024);
    const created = await raw({ method: 'POST', url: `${base}/api/uploads`, headers: { ...TUS, Cookie: cookie, 'Upload-Length': String(data.length) } });
    const url = base + String(created.headers.location);
    const started = performance.now();
    const status = await slowPatch(url, cookie, data);
    expect(status).toBe(204);
    expect(performance.now() - started).toBeGreaterThan(5_500);
    const info = JSON.parse((await raw({ method: 'GET', url, headers: { Cookie: cookie } })).body) as { sha256: string };
    expect(info.sha256).toBe(sha256(data));
  });

  it('the per-address limits see the client through Next (cookieless POSTs hit 429), and a GET with X-HTTP-Method-Override: DELETE deletes nothing', async () => {
    const cookie = await session();
    const created = await raw({ method: 'POST', url: `${base}/api/uploads`, headers: { ...TUS, Cookie: cookie, 'Upload-Length': '3' } });
    const url = base + String(created.headers.location);
    expect((await raw({ method: 'GET', url, headers: { Cookie: cookie, 'X-HTTP-Method-Override': 'DELETE' } })).status).toBe(200);
    expect((await raw({ method: 'HEAD', url, headers: { ...TUS, Cookie: cookie } })).status).toBe(200);
    const statuses: number[] = [];
    let refusal = '';
    for (let i = 0; i < 25; i++) {
      const r = await raw({ method: 'POST', url: `${base}/api/uploads`, headers: { ...TUS, 'Upload-Length': '3' } });
      statuses.push(r.status);
      if (r.status === 429) {
        refusal = r.body;
        expect(r.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses).toContain(429);
    expect(refusal).toMatch(/per client address/);
  });
});
