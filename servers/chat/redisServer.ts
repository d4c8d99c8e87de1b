/**
 * NODE ONLY. A throwaway Redis for the chat cluster: Debian's `redis-server` on 127.0.0.1, a free
 * port, a temporary data dir (AOF on, so a graceful stop keeps every acknowledged write), stopped by
 * PID. `findRedisServer()` is null when Redis is not installed (`apt-get install -y redis-server`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export function findRedisServer(): string | null {
  const candidates = [process.env.REDIS_SERVER, '/usr/bin/redis-server', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'redis-server'))];
  for (const c of candidates) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number, proc: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ port, host: '127.0.0.1' });
      s.once('connect', () => {
        s.write('PING\r\n');
        s.once('data', (d) => {
          s.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

export class RedisProcess {
  private proc: ChildProcess | null = null;
  readonly dir: string;

  private constructor(
    readonly binary: string,
    readonly port: number,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'chat-redis-'));
  }

  static async start(binary: string, port?: number): Promise<RedisProcess> {
    const r = new RedisProcess(binary, port ?? (await freePort()));
    await r.launch();
    return r;
  }

  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  private async launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning', '--maxclients', '1000'];
    // LOUD: a small sh watchdog owns redis-server: SIGTERM to it stops Redis gracefully (AOF flushed),
    // and if this Node process dies without stopping it (SIGKILL, a test runner's timeout) the
    // watchdog notices within a second, stops Redis and removes its temp dir: no orphan keeps a port.
    const script = `"$0" "$@" & r=$!; trap 'kill -TERM $r 2>/dev/null; wait $r; exit 0' TERM INT; while kill -0 ${process.pid} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 1 & wait $!; done; kill -TERM $r 2>/dev/null; wait $r; kill -0 ${process.pid} 2>/dev/null || rm -rf '${this.dir}'`;
    this.proc = spawn('sh', ['-c', script, this.binary, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForPort(this.port, 10_000, this.proc);
  }

  /** SIGTERM by PID and wait: Redis flushes its AOF on a graceful shutdown. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || !this.running) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Start again on the same port and data dir (after `stop`). */
  async restart(): Promise<void> {
    if (this.running) return;
    await this.launch();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
