/**
 * NODE ONLY. `next start` from an existing production build (`.next`) on a free port of 127.0.0.1,
 * for the benchmarks (the browser tests use the global setup in server.ts). Stopped by its PID.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../scripts/free-port';

export interface NextServer {
  baseURL: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startNext(cwd = process.cwd(), timeoutMs = 60_000): Promise<NextServer> {
  if (!existsSync(join(cwd, '.next/BUILD_ID'))) throw new Error('no production build: run `npx next build` first');
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const uploadDir = mkdtempSync(join(tmpdir(), 'sdlab-bench-uploads-'));
  const child = spawn(process.execPath, [join(cwd, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', UPLOAD_DATA_DIR: uploadDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    rmSync(uploadDir, { recursive: true, force: true });
  };
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`next start exited with code ${child.exitCode}\n${output}`);
    }
    try {
      if ((await fetch(baseURL)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within ${timeoutMs} ms\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { baseURL, pid: child.pid!, stop };
}
