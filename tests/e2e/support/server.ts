/**
 * Vitest global setup for browser tests: starts the lab's production server (servers/app/start.mjs:
 * Next's handler in our own Node server with the connection limits; what `npm start` runs) on
 * 127.0.0.1 (a production build must exist; `npm test` builds first), waits until it answers, and
 * stops it by PID afterwards.
 * Set E2E_BASE_URL to test an already running server instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../../scripts/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

async function waitForServer(url: string, child: ChildProcess | null, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let lastError = '';
  while (performance.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the app server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = String(e);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

export default async function setup(project: TestProject) {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    await waitForServer(external, null);
    project.provide('baseURL', external.replace(/\/$/, ''));
    return;
  }
  if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npx next build` first (npm test does)');
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const uploadDir = mkdtempSync(join(tmpdir(), 'sdlab-e2e-uploads-'));
  const child = spawn(process.execPath, ['servers/app/start.mjs', '--port', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', UPLOAD_DATA_DIR: uploadDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  try {
    await waitForServer(baseURL, child);
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(`${(e as Error).message}\n--- app server output ---\n${output}`);
  }
  project.provide('baseURL', baseURL);
  return async () => {
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 5000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    rmSync(uploadDir, { recursive: true, force: true });
  };
}
