/**
 * NODE ONLY. The cluster in its own process (`clusterCli.ts`), for the tests and the bench: the load
 * generator then does not share an event loop with the balancer and the control endpoint, as when a
 * learner runs `npm run chat:cluster` and `npm run chat:load` in two terminals. Stopped by PID (SIGTERM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterFault, ClusterStats } from './controlProtocol';

const HERE = dirname(fileURLToPath(import.meta.url));

export class ClusterChild {
  private constructor(
    private readonly proc: ChildProcess,
    readonly balancerUrl: string,
    readonly controlUrl: string,
    readonly mode: 'redis' | 'embedded',
    /** gateway PIDs as printed at start */
    readonly gatewayPids: number[],
  ) {}

  get pid(): number {
    return this.proc.pid!;
  }

  static start(flags: string[]): Promise<ClusterChild> {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'clusterCli.ts'), '--port', '0', '--control-port', '0', ...flags], { cwd: resolve(HERE, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CHAT_CLUSTER_PARENT_PID: String(process.pid) } });
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`the chat cluster did not start within 60 s: ${err}`)), 60_000);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the chat cluster exited with code ${code}: ${err.trim()}`));
      });
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const control = /control: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        const balancer = /balancer \([^)]*\): (ws:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (!control || !balancer) return;
        clearTimeout(timer);
        const pids = [...out.matchAll(/gateway \d+: \S+ \(pid (\d+)\)/g)].map((m) => Number(m[1]));
        resolvePromise(new ClusterChild(proc, balancer[1], control[1], out.includes('embedded bus') ? 'embedded' : 'redis', pids));
      });
    });
  }

  async stats(gc = false): Promise<ClusterStats> {
    const get = async () => (await (await fetch(`${this.controlUrl}/api/stats${gc ? '?gc=1' : ''}`)).json()) as ClusterStats;
    // one retry: a busy machine can close a kept-alive socket just as it is reused
    return get().catch(async (e: Error) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) throw new Error(`the chat cluster process has exited (${this.proc.exitCode ?? this.proc.signalCode}): ${e.message}`);
      await new Promise((r) => setTimeout(r, 500));
      return get();
    });
  }

  async fault(f: ClusterFault): Promise<void> {
    const res = await fetch(`${this.controlUrl}/api/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });
    if (!res.ok) throw new Error(`fault refused: ${res.status} ${await res.text()}`);
  }

  /** SIGTERM by PID; the cluster stops its gateways and Redis by PID in turn. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
