/**
 * Upload bench: one 200 MiB PATCH over loopback against our tus server and against @tus/server +
 * @tus/file-store, alternating, medians of RUNS runs each, same client; then our server's memory
 * growth during a 1 GiB single-PATCH upload. Servers run in child processes (the client's CPU and
 * memory are not counted against them). Data is generated on the fly from a 4 MiB random block and
 * the data folders are deleted afterwards. Last, for information, the same 1 GiB PATCH through the
 * app server `npm start` runs (servers/app: Next's route handler), when a production build exists.
 */
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/free-port';

const MiB = 1024 * 1024;
const RUNS = 5;
const SIZE = 200 * MiB;
const BIG = 1024 * MiB;
const here = path.dirname(fileURLToPath(import.meta.url));
const block = randomBytes(4 * MiB);

interface Child {
  proc: ChildProcess;
  port: number;
}

function startChild(script: string, args: string[]): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    proc.stdout!.on('data', (b: Buffer) => {
      const m = /listening (\d+)/.exec(b.toString());
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code}`)));
  });
}

function request(port: number, method: string, urlPath: string, headers: Record<string, string>, bodyBytes = 0): Promise<{ status: number; headers: http.IncomingHttpHeaders; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, ms: performance.now() - started }));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < bodyBytes) {
        const n = Math.min(block.length, bodyBytes - sent);
        sent += n;
        if (!req.write(n === block.length ? block : block.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

async function uploadOnce(port: number, base: string, size: number, cookie: string): Promise<number> {
  const common = { 'Tus-Resumable': '1.0.0', ...(cookie ? { Cookie: cookie } : {}) };
  const created = await request(port, 'POST', base, { ...common, 'Upload-Length': String(size) });
  if (created.status !== 201) throw new Error(`POST → ${created.status}`);
  const location = String(created.headers.location);
  const urlPath = location.startsWith('http') ? new URL(location).pathname : location;
  const patched = await request(port, 'PATCH', urlPath, { ...common, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0', 'Content-Length': String(size) }, size);
  if (patched.status !== 204 || patched.headers['upload-offset'] !== String(size)) throw new Error(`PATCH → ${patched.status} offset ${patched.headers['upload-offset']}`);
  await request(port, 'DELETE', urlPath, common);
  return size / MiB / (patched.ms / 1000);
}

async function sessionCookie(port: number): Promise<string> {
  const res = await request(port, 'GET', '/api/uploads', {});
  return String(res.headers['set-cookie']).split(';')[0];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x: number) => x.toFixed(1);

interface MemoryReport {
  peak: number;
  now: number;
  peakHeap?: number;
  heapNow?: number;
  peakBuffers?: number;
  buffersNow?: number;
}

function ask(proc: ChildProcess, type: string): Promise<MemoryReport> {
  return new Promise((resolve) => {
    proc.once('message', (m) => resolve(m as MemoryReport));
    proc.send({ type });
  });
}

const repoRoot = path.join(here, '..');

/** RSS of a process and all its descendants, from /proc (Linux). */
function treeRss(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
    } catch {
      // the process ended between two reads
    }
  };
  visit(pid);
  return total;
}

/** The 1 GiB PATCH through the app server `npm start` runs (servers/app: Next's route handler), RSS of its process tree sampled every 20 ms. */
async function throughNext(): Promise<void> {
  if (!existsSync(path.join(repoRoot, '.next/BUILD_ID')) || !existsSync('/proc/self/status')) {
    console.log('upload:   through the app server: skipped (needs a production build, `npm run build`, and Linux /proc)');
    return;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-upload-next-'));
  const port = await freePort();
  const next = spawn(process.execPath, ['servers/app/start.mjs', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, UPLOAD_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      next.stdout!.on('data', (b: Buffer) => /ready on/i.test(b.toString()) && resolve());
      next.once('exit', (code) => reject(new Error(`the app server exited with ${code}`)));
    });
    const cookie = await sessionCookie(port);
    await uploadOnce(port, '/api/uploads', MiB, cookie);
    const before = treeRss(next.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(next.pid!))), 20);
    const rate = await uploadOnce(port, '/api/uploads', BIG, cookie).finally(() => clearInterval(sampler));
    const growth = (peak - before) / MiB;
    console.log(`upload:   through the app server (Next route handler): 1 GiB at ${f1(rate)} MiB/s, memory growth ${f1(growth)} MiB (RSS ${f1(before / MiB)} MiB before)`);
  } finally {
    next.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<void> {
  const ourDir = await mkdtemp(path.join(tmpdir(), 'bench-upload-ours-'));
  const refDir = await mkdtemp(path.join(tmpdir(), 'bench-upload-ref-'));
  const children: ChildProcess[] = [];
  try {
    const ours = await startChild(path.join(here, '../servers/uploads/serve.ts'), [ourDir, '0']);
    children.push(ours.proc);
    const ref = await startChild(path.join(here, 'upload/tus-reference-server.ts'), [refDir]);
    children.push(ref.proc);
    const cookie = await sessionCookie(ours.port);

    await uploadOnce(ours.port, '/api/uploads', 16 * MiB, cookie); // warm-up
    await uploadOnce(ref.port, '/files', 16 * MiB, '');
    const oursRuns: number[] = [];
    const refRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      oursRuns.push(await uploadOnce(ours.port, '/api/uploads', SIZE, cookie));
      refRuns.push(await uploadOnce(ref.port, '/files', SIZE, ''));
    }
    const mo = median(oursRuns);
    const mr = median(refRuns);
    console.log(`upload: 200 MiB, one PATCH, loopback, median of ${RUNS} (alternating runs)`);
    console.log(`upload:   ours           ${f1(mo)} MiB/s   runs ${oursRuns.map(f1).join(', ')}`);
    console.log(`upload:   @tus/server    ${f1(mr)} MiB/s   runs ${refRuns.map(f1).join(', ')}`);
    console.log(`upload:   ratio ours / @tus/server = ${(mo / mr).toFixed(2)}x (target >= 1.00x) ${mo / mr >= 1 ? 'OK' : 'BELOW TARGET'}`);

    // Memory: a fresh server process, so earlier runs' heap growth does not hide this one's.
    ours.proc.kill('SIGTERM');
    const fresh = await startChild(path.join(here, '../servers/uploads/serve.ts'), [ourDir, '0']);
    children.push(fresh.proc);
    const freshCookie = await sessionCookie(fresh.port);
    await uploadOnce(fresh.port, '/api/uploads', MiB, freshCookie);
    const before = await ask(fresh.proc, 'reset-peak');
    const rate = await uploadOnce(fresh.port, '/api/uploads', BIG, freshCookie);
    const after = await ask(fresh.proc, 'memory');
    const growth = (after.peak - before.now) / MiB;
    console.log(`upload: 1 GiB single PATCH at ${f1(rate)} MiB/s; fresh server RSS ${f1(before.now / MiB)} MiB before, peak ${f1(after.peak / MiB)} MiB during`);
    console.log(`upload:   memory growth ${f1(growth)} MiB (target < 64 MiB) ${growth < 64 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(
      `upload:   of which JS heap ${f1((after.peakHeap! - before.heapNow!) / MiB)} MiB, ArrayBuffers ${f1((after.peakBuffers! - before.buffersNow!) / MiB)} MiB ` +
        `(64 KiB body chunks already written, waiting for the next young-generation GC; V8 runs one per ~32 MiB of them)`,
    );
    const freshRef = await startChild(path.join(here, 'upload/tus-reference-server.ts'), [refDir]);
    children.push(freshRef.proc);
    await uploadOnce(freshRef.port, '/files', MiB, '');
    const refBefore = await ask(freshRef.proc, 'reset-peak');
    await uploadOnce(freshRef.port, '/files', BIG, '');
    const refAfter = await ask(freshRef.proc, 'memory');
    console.log(`upload:   same 1 GiB PATCH into @tus/server: memory growth ${f1((refAfter.peak - refBefore.now) / MiB)} MiB (for comparison)`);
    await throughNext();
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await rm(ourDir, { recursive: true, force: true });
    await rm(refDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  bench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
