/**
 * NODE ONLY. The chat cluster: Redis (when installed, or the embedded bus for one gateway), N gateway
 * processes, the balancer in front of them and a small control endpoint on 127.0.0.1:
 *
 *   GET  /api/stats[?gc=1]   gateways (connections, RSS), Redis traffic, store counters, attempts/s, load figures
 *   POST /api/tokens         [{user, device}] → {tokens}: enrolls the devices and signs their tokens (HMAC; no accounts)
 *   POST /api/conversations  [{id, members}]: conversations and their members
 *   POST /api/faults         {type: 'gateway-kill' | 'gateway-partition' | 'redis-stop', gateway?, durationMs?}
 *   POST /api/load           the load generator's latest figures (shown by the lab's Real cluster tab)
 *
 * Every process is stopped by its PID (`stop()`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LbPolicy } from '../../simulations/chat/core/loadBalancer';
import { Balancer } from './balancer';
import { findRedisServer, RedisProcess } from './redisServer';
import { RedisStore } from './redisStore';
import { DEFAULT_STORE_CONFIG, type StoreConfig, type StoreCounters } from './store';
import { FAULT_KINDS, type ClusterFault, type ClusterStats, type GatewaySample, type LiveLoadFigures } from './controlProtocol';
import { DeviceTokens, isValidId, newSecret } from './token';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

export interface ClusterOptions {
  gateways: number;
  /** 'auto': Redis when installed, else the embedded bus (one gateway only) */
  redis: 'auto' | 'required' | 'off';
  lbPolicy: LbPolicy;
  heartbeatMs: number;
  deadPeerTimeoutMs: number;
  store?: Partial<StoreConfig>;
  balancerPort?: number;
  controlPort?: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  gateways: 3,
  redis: 'auto',
  lbPolicy: 'least-connections',
  heartbeatMs: 5000,
  deadPeerTimeoutMs: 15_000,
};

interface GatewayProc {
  id: number;
  proc: ChildProcess;
  port: number;
  state: 'up' | 'killed';
  restarts: number;
}

class BadRequest extends Error {}

export class ChatCluster {
  readonly secret = newSecret();
  readonly tokens = new DeviceTokens(this.secret);
  private gws: GatewayProc[] = [];
  private balancer!: Balancer;
  private control!: Server;
  private redisProc: RedisProcess | null = null;
  private admin: RedisStore | null = null;
  private readonly storeConfig: StoreConfig;
  private readonly startedAt = Date.now();
  private readonly faults: { at: number; fault: ClusterFault }[] = [];
  private load: LiveLoadFigures | null = null;
  private timers = new Set<NodeJS.Timeout>();
  private stopping = false;
  private reqSeq = 0;

  private constructor(readonly options: ClusterOptions) {
    this.storeConfig = {
      ...DEFAULT_STORE_CONFIG,
      registryTtlMs: options.deadPeerTimeoutMs + options.heartbeatMs,
      presenceTtlMs: options.heartbeatMs + 2 * 5000,
      ...options.store,
    };
  }

  get mode(): 'redis' | 'embedded' {
    return this.redisProc ? 'redis' : 'embedded';
  }
  get balancerUrl(): string {
    return `ws://127.0.0.1:${this.balancer.port}`;
  }
  get controlUrl(): string {
    return `http://127.0.0.1:${(this.control.address() as AddressInfo).port}`;
  }
  get redis(): RedisProcess | null {
    return this.redisProc;
  }
  gatewayPids(): (number | null)[] {
    return this.gws.map((g) => (g.state === 'up' ? (g.proc.pid ?? null) : null));
  }

  static async start(options: ClusterOptions): Promise<ChatCluster> {
    const c = new ChatCluster(options);
    try {
      await c.boot();
    } catch (e) {
      await c.stop();
      throw e;
    }
    return c;
  }

  private async boot(): Promise<void> {
    const o = this.options;
    const binary = o.redis === 'off' ? null : findRedisServer();
    if (o.redis === 'required' && !binary) throw new Error('redis-server is not installed (apt-get install -y redis-server)');
    if (!binary && o.gateways > 1) throw new Error(`gateways = ${o.gateways} needs Redis (the embedded bus serves one gateway): install redis-server (apt-get install -y redis-server) or use --gateways 1`);
    if (binary) {
      this.redisProc = await RedisProcess.start(binary);
      this.admin = await RedisStore.open({ port: this.redisProc.port, config: this.storeConfig });
    }
    this.gws = await Promise.all(Array.from({ length: o.gateways }, (_, id) => this.spawnGateway(id)));
    this.balancer = new Balancer({ port: o.balancerPort, policy: o.lbPolicy, gatewayPorts: this.gws.map((g) => g.port) });
    await this.balancer.listen();
    this.control = createServer((req, res) => void this.serve(req, res));
    // longer than fetch's own keep-alive (4 s), so a client never reuses a socket we are closing
    this.control.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      this.control.once('error', reject);
      this.control.listen(o.controlPort ?? 0, '127.0.0.1', () => resolve());
    });
  }

  private spawnGateway(id: number, restarts = 0): Promise<GatewayProc> {
    const env = {
      ...process.env,
      CHAT_GATEWAY_ID: String(id),
      CHAT_SECRET: this.secret,
      CHAT_REDIS_PORT: this.redisProc ? String(this.redisProc.port) : '',
      CHAT_OPTIONS: JSON.stringify({ store: this.storeConfig, heartbeatMs: this.options.heartbeatMs, deadPeerTimeoutMs: this.options.deadPeerTimeoutMs }),
    };
    const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(HERE, 'gatewayProcess.ts')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway ${id} did not start within 20 s`)), 20_000);
      proc.once('exit', (code) => reject(new Error(`gateway ${id} exited with code ${code} while starting`)));
      proc.on('message', (m: { type?: string; port?: number }) => {
        if (m?.type === 'listening') {
          clearTimeout(timer);
          resolve({ id, proc, port: m.port!, state: 'up', restarts });
        }
      });
    });
  }

  private ask<T>(g: GatewayProc, message: Record<string, unknown>, type: string, timeoutMs = 2000): Promise<T | null> {
    if (g.state !== 'up' || !g.proc.connected) return Promise.resolve(null);
    const reqId = ++this.reqSeq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        g.proc.off('message', onMessage);
        resolve(null);
      }, timeoutMs);
      const onMessage = (m: { type?: string; reqId?: number }) => {
        if (m?.type !== type || (type === 'admin' && m.reqId !== reqId)) return;
        clearTimeout(timer);
        g.proc.off('message', onMessage);
        resolve(m as T);
      };
      g.proc.on('message', onMessage);
      g.proc.send({ ...message, reqId });
    });
  }

  /** A store operation: on Redis directly, or on the embedded store inside gateway 0. */
  private async storeOp<T>(op: 'addConversations' | 'enroll' | 'counters' | 'presentUsers', ...args: unknown[]): Promise<T | null> {
    if (this.admin) return (this.admin[op] as (...a: unknown[]) => Promise<T>).apply(this.admin, args);
    const r = await this.ask<{ result?: T; error?: string }>(this.gws[0], { type: 'admin', op, args }, 'admin', 10_000);
    if (r?.error) throw new Error(r.error);
    return r?.result ?? null;
  }

  async addConversations(list: { id: string; members: string[] }[]): Promise<void> {
    await this.storeOp('addConversations', list);
  }

  async fault(f: ClusterFault): Promise<void> {
    const duration = f.durationMs ?? 0;
    this.faults.push({ at: Date.now(), fault: f });
    if (f.type === 'redis-stop') {
      if (!this.redisProc) throw new BadRequest('redis-stop needs Redis (the cluster runs on the embedded bus)');
      await this.redisProc.stop();
      this.later(Math.max(duration, 1000), () => this.redisProc?.restart());
      return;
    }
    const g = this.gws[f.gateway ?? -1];
    if (!g) throw new BadRequest(`gateway must be 0 to ${this.gws.length - 1}`);
    if (f.type === 'gateway-partition') {
      this.balancer.partition(g.id, Math.max(duration, 1000));
      return;
    }
    if (g.state !== 'up') throw new BadRequest(`gateway ${g.id} is not running`);
    g.state = 'killed';
    g.proc.kill('SIGKILL');
    if (duration > 0) {
      this.later(duration, async () => {
        const fresh = await this.spawnGateway(g.id, g.restarts + 1);
        this.gws[g.id] = fresh;
        this.balancer.replaceGateway(g.id, fresh.port);
      });
    }
  }

  private later(ms: number, fn: () => unknown): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopping) Promise.resolve(fn()).catch((e: Error) => console.error(`chat cluster: ${e.message}`));
    }, ms);
    this.timers.add(t);
  }

  /** `gc`: the gateways collect garbage before they measure (slower; the bench's memory figures). */
  async stats(gc = false): Promise<ClusterStats> {
    const samples = await Promise.all(
      this.gws.map(async (g): Promise<GatewaySample> => {
        const r = await this.ask<{ stats: { connections: number; messagesOut: number }; rssBytes: number; heapUsedBytes: number }>(g, { type: 'stats', gc }, 'stats', gc ? 5000 : 1000);
        const bg = this.balancer.gateways[g.id];
        const partitioned = bg.partitionedUntil > Date.now();
        return {
          id: g.id,
          pid: g.state === 'up' ? (g.proc.pid ?? null) : null,
          port: g.port,
          state: g.state === 'killed' ? 'killed' : partitioned ? 'partitioned' : 'up',
          balancerConnections: bg.connections.size,
          connections: r?.stats.connections ?? null,
          rssBytes: r?.rssBytes ?? null,
          heapUsedBytes: r?.heapUsedBytes ?? null,
          messagesOut: r?.stats.messagesOut ?? null,
        };
      }),
    );
    const safe = <T>(p: Promise<T | null>) => p.catch(() => null);
    const info = this.admin && this.redisProc?.running ? await safe(this.admin.info()) : null;
    return {
      mode: this.mode,
      options: { gateways: this.options.gateways, lbPolicy: this.options.lbPolicy, heartbeatMs: this.options.heartbeatMs, deadPeerTimeoutMs: this.options.deadPeerTimeoutMs, fanout: this.storeConfig.fanout, fanoutThreshold: this.storeConfig.fanoutThreshold },
      at: Date.now(),
      uptimeMs: Date.now() - this.startedAt,
      balancer: { url: this.balancerUrl, attempts: this.balancer.attempts, refused: this.balancer.refused, attemptsPerSecond: this.balancer.attemptsPerSecond.slice(-300) },
      gateways: samples,
      redis: this.redisProc ? { running: this.redisProc.running, pid: this.redisProc.pid, port: this.redisProc.port, commands: info?.commands ?? 0, opsPerSec: info?.opsPerSec ?? 0, usedMemoryBytes: info?.usedMemoryBytes ?? 0, keys: info?.keys ?? 0 } : null,
      counters: await safe(this.storeOp<StoreCounters>('counters')),
      presentUsers: await safe(this.storeOp<number>('presentUsers')),
      faults: this.faults,
      load: this.load,
    };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    try {
      const path = new URL(req.url ?? '/', 'http://control').pathname;
      if (req.method === 'GET' && path === '/api/stats') return reply(200, await this.stats(new URL(req.url ?? '/', 'http://control').searchParams.get('gc') === '1'));
      if (req.method !== 'POST') return reply(404, { error: 'GET /api/stats, POST /api/tokens | /api/conversations | /api/faults | /api/load' });
      const body = await readJson(req);
      if (path === '/api/tokens') {
        if (!Array.isArray(body) || body.length > 100_000) throw new BadRequest('body must be a list of at most 100,000 {user, device}');
        const tokens = body.map((d: { user?: unknown; device?: unknown }, i) => {
          if (!isValidId(d?.user) || !isValidId(d?.device)) throw new BadRequest(`[${i}].user and .device must match [A-Za-z0-9_-]{1,64}`);
          return this.tokens.sign({ user: d.user, device: d.device });
        });
        await this.storeOp('enroll', body);
        return reply(200, { tokens });
      }
      if (path === '/api/conversations') {
        if (!Array.isArray(body) || body.length > 1_000_000) throw new BadRequest('body must be a list of {id, members}');
        body.forEach((c: { id?: unknown; members?: unknown }, i) => {
          if (!isValidId(c?.id)) throw new BadRequest(`[${i}].id must match [A-Za-z0-9_-]{1,64}`);
          if (!Array.isArray(c.members) || c.members.length < 1 || c.members.length > 100_000 || !c.members.every(isValidId)) throw new BadRequest(`[${i}].members must be 1 to 100,000 user ids`);
        });
        await this.addConversations(body as { id: string; members: string[] }[]);
        return reply(200, { ok: true });
      }
      if (path === '/api/faults') {
        const f = body as ClusterFault;
        if (!f || !(FAULT_KINDS as readonly string[]).includes(f.type)) throw new BadRequest(`type must be one of ${FAULT_KINDS.join(', ')}`);
        if (f.durationMs !== undefined && (typeof f.durationMs !== 'number' || !(f.durationMs >= 0 && f.durationMs <= 600_000))) throw new BadRequest('durationMs must be a number from 0 to 600000');
        if (f.type !== 'redis-stop' && !Number.isInteger(f.gateway)) throw new BadRequest('gateway must be an integer');
        await this.fault({ type: f.type, gateway: f.gateway, durationMs: f.durationMs });
        return reply(200, { ok: true });
      }
      if (path === '/api/load') {
        this.load = body as LiveLoadFigures;
        return reply(200, { ok: true });
      }
      return reply(404, { error: `no route ${path}` });
    } catch (e) {
      if (e instanceof BadRequest) return reply(400, { error: e.message });
      return reply(500, { error: (e as Error).message });
    }
  }

  /** Stop every gateway and Redis by PID (SIGKILL after 5 s), then the balancer and the control endpoint. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(
      this.gws.map(
        (g) =>
          new Promise<void>((resolve) => {
            if (g.proc.exitCode !== null || g.proc.signalCode !== null) return resolve();
            const force = setTimeout(() => g.proc.kill('SIGKILL'), 5000);
            g.proc.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            g.proc.kill('SIGTERM');
          }),
      ),
    );
    await this.admin?.close();
    await this.redisProc?.destroy();
    // closing waits for open sockets: do not let a straggler hold the process
    const closed = Promise.all([this.balancer?.close().catch(() => {}), this.control?.listening ? new Promise<void>((r) => this.control.close(() => r())) : null]);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
    this.control?.closeAllConnections();
  }
}

function readJson(req: IncomingMessage, limit = 32 * 1024 * 1024): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BadRequest(`body larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BadRequest('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}
