/**
 * NODE ONLY. The chat cluster's shared state in Redis (see `store.ts` for the semantics).
 *
 * Keys (one Redis, not Redis Cluster: the scripts touch keys they compute, which a cluster would refuse):
 *   conv:{c} set of members · cseq:{c} conversation counter · clog:{c} zset, read-fanout rows by cseq
 *   seq:{u} user counter · log:{u} zset, the user's sync log by seq (the offline queue) · devs:{u} set
 *   ack:{u} hash device → delivered cursor · read:{c} hash user → read cursor
 *   reg:{u}:{d} "gateway:epoch" with a TTL (the session registry) · epoch:{u}:{d}
 *   presence zset user → expiry (ms) · dedup:{u}:{id} → cseq (idempotent resends) · stats hash
 * Channel gw:{g}: deliveries for gateway g, one PUBLISH per gateway touched (Slack-style two-level
 * fan-out: the gateway fans out to its own sockets).
 *
 * LOUD: routing is ONE Lua script (atomic in Redis): conversation seq, every recipient's sync-log row and
 * the PUBLISH happen with no other route in between. That is what gives one order per conversation for
 * every member; splitting it into separate commands lets two gateways interleave INCR and ZADD.
 */
import Redis from 'ioredis';
import { StorageCounters } from '../../simulations/chat/core/fanout';
import { emptyCounters, entryTail, type ChatStore, type Deliveries, type RouteOutcome, type RouteRequest, type StoreConfig, type StoreCounters } from './store';

const ROUTE = `
local sender, conv, id, tail, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local threshold, dedupTtl, logTtl, clogCap = tonumber(ARGV[6]), ARGV[7], ARGV[8], tonumber(ARGV[9])
local convKey = 'conv:' .. conv
if redis.call('SISMEMBER', convKey, sender) == 0 then return {-1} end
local dk = 'dedup:' .. sender .. ':' .. id
local prev = redis.call('GET', dk)
if prev then
  redis.call('HINCRBY', 'stats', 'duplicateSends', 1)
  return {0, tonumber(prev), 0, 0, 0, 0, 0}
end
local members = redis.call('SMEMBERS', convKey)
local g = #members
local cseq = redis.call('INCR', 'cseq:' .. conv)
local e = '"conv":"' .. conv .. '","cseq":' .. cseq .. ',' .. tail
local write = (mode == 'write') or (mode == 'hybrid' and g <= threshold)
redis.call('HINCRBY', 'stats', 'messageRows', 1)
if not write then
  redis.call('ZADD', 'clog:' .. conv, cseq, e)
  if cseq > clogCap then redis.call('ZREMRANGEBYSCORE', 'clog:' .. conv, '-inf', cseq - clogCap) end
end
local targets, order = {}, {}
local online = 0
for _, u in ipairs(members) do
  local seq = 0
  if write then
    seq = redis.call('INCR', 'seq:' .. u)
    redis.call('ZADD', 'log:' .. u, seq, '{"seq":' .. seq .. ',' .. e)
    redis.call('PEXPIRE', 'log:' .. u, logTtl)
  end
  local live = 0
  for _, d in ipairs(redis.call('SMEMBERS', 'devs:' .. u)) do
    local r = redis.call('GET', 'reg:' .. u .. ':' .. d)
    if r then
      local gw = string.match(r, '^(%d+):')
      live = live + 1
      if not targets[gw] then targets[gw] = {}; order[#order + 1] = gw end
      local t = targets[gw]
      t[#t + 1] = '["' .. u .. '","' .. d .. '",' .. seq .. ']'
    end
  end
  if live > 0 then online = online + 1 end
end
if write then redis.call('HINCRBY', 'stats', 'inboxRows', g) end
local stale = 0
for _, gw in ipairs(order) do
  local n = redis.call('PUBLISH', 'gw:' .. gw, '[' .. table.concat(targets[gw], ',') .. ']\\n' .. e)
  if n == 0 then stale = stale + #targets[gw] end
end
redis.call('SET', dk, cseq, 'PX', dedupTtl)
redis.call('HINCRBY', 'stats', 'sends', 1)
redis.call('HINCRBY', 'stats', 'offlineEnqueues', g - online)
if stale > 0 then redis.call('HINCRBY', 'stats', 'staleRoutes', stale) end
return {1, cseq, g, online, g - online, #order, write and 1 or 0}
`;

const REGISTER = `
local u, d, gw, ttl, presenceUntil = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local epoch = redis.call('INCR', 'epoch:' .. u .. ':' .. d)
redis.call('SET', 'reg:' .. u .. ':' .. d, gw .. ':' .. epoch, 'PX', ttl)
redis.call('SADD', 'devs:' .. u, d)
redis.call('ZADD', 'presence', presenceUntil, u)
redis.call('HINCRBY', 'stats', 'registryPuts', 1)
return epoch
`;

const UNREGISTER = `
local key = 'reg:' .. ARGV[1] .. ':' .. ARGV[2]
if redis.call('GET', key) == ARGV[3] then redis.call('DEL', key) return 1 end
redis.call('HINCRBY', 'stats', 'staleRemovesIgnored', 1)
return 0
`;

// ARGV: ttl, presenceUntil, then (user, device, "gateway:epoch") triples. Re-creates an entry that
// expired (Redis was away longer than the TTL) but never overwrites a newer registration elsewhere.
const HEARTBEAT = `
local ttl, presenceUntil = ARGV[1], ARGV[2]
for i = 3, #ARGV, 3 do
  local key = 'reg:' .. ARGV[i] .. ':' .. ARGV[i + 1]
  local cur = redis.call('GET', key)
  if (not cur) or cur == ARGV[i + 2] then redis.call('SET', key, ARGV[i + 2], 'PX', ttl) end
  redis.call('ZADD', 'presence', presenceUntil, ARGV[i])
end
return 0
`;

const ACK = `
local u, d, seq = ARGV[1], ARGV[2], tonumber(ARGV[3])
local head = tonumber(redis.call('GET', 'seq:' .. u) or '0')
if seq > head then return -1 end
local old = tonumber(redis.call('HGET', 'ack:' .. u, d) or '0')
if seq > old then
  redis.call('HSET', 'ack:' .. u, d, seq)
  redis.call('HINCRBY', 'stats', 'deliveredReceipts', 1)
end
local min = head
for _, dev in ipairs(redis.call('SMEMBERS', 'devs:' .. u)) do
  local a = tonumber(redis.call('HGET', 'ack:' .. u, dev) or '0')
  if a < min then min = a end
end
if min > 0 then redis.call('ZREMRANGEBYSCORE', 'log:' .. u, '-inf', min) end
return min
`;

const SCAN = `
local conv, u, after, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('SISMEMBER', 'conv:' .. conv, u) == 0 then return {} end
local rows = redis.call('ZRANGEBYSCORE', 'clog:' .. conv, '(' .. after, '+inf', 'LIMIT', 0, limit)
if #rows > 0 then redis.call('HINCRBY', 'stats', 'logScans', 1) end
return rows
`;

const READ = `
local conv, u, cseq = ARGV[1], ARGV[2], tonumber(ARGV[3])
if redis.call('SISMEMBER', 'conv:' .. conv, u) == 0 then return 0 end
local old = tonumber(redis.call('HGET', 'read:' .. conv, u) or '0')
if cseq > old then
  redis.call('HSET', 'read:' .. conv, u, cseq)
  redis.call('HINCRBY', 'stats', 'readReceipts', 1)
end
return 1
`;

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;

export interface RedisStoreOptions {
  host?: string;
  port: number;
  config: StoreConfig;
  /** idempotency window for resent messages (a client resends what was never acknowledged) */
  dedupTtlMs?: number;
}

function connect(host: string, port: number, offlineQueue: boolean): Redis {
  return new Redis({
    host,
    port,
    // fail fast while Redis is away: a send is refused (not acknowledged) and the client resends it
    enableOfflineQueue: offlineQueue,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(1000, 50 * attempt),
    lazyConnect: true,
  });
}

export class RedisStore implements ChatStore {
  readonly kind = 'redis' as const;
  readonly config: StoreConfig;
  private readonly cmd: Redis;
  private sub: Redis | null = null;
  private readonly scripts: Record<'route' | 'register' | 'unregister' | 'heartbeat' | 'ack' | 'scan' | 'read', ScriptFn>;
  private readonly dedupTtlMs: number;

  private constructor(
    private readonly host: string,
    private readonly port: number,
    opts: RedisStoreOptions,
  ) {
    this.config = opts.config;
    this.dedupTtlMs = opts.dedupTtlMs ?? 600_000;
    this.cmd = connect(host, port, false);
    this.cmd.on('error', () => {}); // reconnects on its own; callers see the failed commands
    const define = (name: string, lua: string): ScriptFn => {
      this.cmd.defineCommand(name, { numberOfKeys: 0, lua });
      const bound = (this.cmd as unknown as Record<string, ScriptFn>)[name].bind(this.cmd);
      return bound;
    };
    this.scripts = {
      route: define('chatRoute', ROUTE),
      register: define('chatRegister', REGISTER),
      unregister: define('chatUnregister', UNREGISTER),
      heartbeat: define('chatHeartbeat', HEARTBEAT),
      ack: define('chatAck', ACK),
      scan: define('chatScan', SCAN),
      read: define('chatRead', READ),
    };
  }

  static async open(opts: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(opts.host ?? '127.0.0.1', opts.port, opts);
    await store.cmd.connect();
    return store;
  }

  async enroll(devices: { user: string; device: string }[]): Promise<void> {
    for (let i = 0; i < devices.length; i += 1000) {
      const batch = this.cmd.pipeline();
      for (const { user, device } of devices.slice(i, i + 1000)) batch.sadd(`devs:${user}`, device);
      await batch.exec();
    }
  }

  async register(user: string, device: string, gateway: number): Promise<number> {
    return Number(await this.scripts.register(user, device, gateway, this.config.registryTtlMs, Date.now() + this.config.presenceTtlMs));
  }

  async unregister(user: string, device: string, gateway: number, epoch: number): Promise<void> {
    await this.scripts.unregister(user, device, `${gateway}:${epoch}`);
  }

  async heartbeat(gateway: number, devices: [string, string, number][]): Promise<void> {
    for (let i = 0; i < devices.length; i += 500) {
      const args = devices.slice(i, i + 500).flatMap(([u, d, epoch]) => [u, d, `${gateway}:${epoch}`]);
      await this.scripts.heartbeat(this.config.registryTtlMs, Date.now() + this.config.presenceTtlMs, ...args);
    }
  }

  async route(req: RouteRequest): Promise<RouteOutcome> {
    const c = this.config;
    const r = (await this.scripts.route(req.user, req.conv, req.id, entryTail(req), c.fanout, c.fanoutThreshold, this.dedupTtlMs, c.offlineTtlMs, c.conversationLogCap)) as number[];
    if (r[0] === -1) return { ok: false, reason: `not a member of conversation ${req.conv}` };
    return { ok: true, cseq: r[1], duplicate: r[0] === 0, members: r[2], onlineUsers: r[3], offlineUsers: r[4], gatewaysTouched: r[5], writeFanout: r[6] === 1 };
  }

  async replay(user: string, afterSeq: number, limit: number): Promise<{ entries: string[]; head: number }> {
    const [[, entries], [, head]] = (await this.cmd.multi().zrangebyscore(`log:${user}`, `(${afterSeq}`, '+inf', 'LIMIT', 0, limit).get(`seq:${user}`).exec()) as [unknown, unknown][];
    const list = entries as string[];
    if (list.length) await this.cmd.hincrby('stats', 'inboxReads', 1);
    return { entries: list, head: Number(head ?? 0) };
  }

  async scan(conv: string, user: string, afterCseq: number, limit: number): Promise<string[]> {
    return (await this.scripts.scan(conv, user, afterCseq, limit)) as string[];
  }

  async head(user: string): Promise<number> {
    return Number((await this.cmd.get(`seq:${user}`)) ?? 0);
  }

  async ack(user: string, device: string, seq: number): Promise<void> {
    await this.scripts.ack(user, device, seq);
  }

  async read(conv: string, user: string, cseq: number): Promise<void> {
    await this.scripts.read(conv, user, cseq);
  }

  async addConversations(list: { id: string; members: string[] }[]): Promise<void> {
    for (let i = 0; i < list.length; i += 500) {
      const batch = this.cmd.pipeline();
      for (const { id, members } of list.slice(i, i + 500)) if (members.length) batch.sadd(`conv:${id}`, ...members);
      await batch.exec();
    }
  }

  async subscribe(gateway: number, handler: (d: Deliveries) => void): Promise<void> {
    if (!this.sub) {
      this.sub = connect(this.host, this.port, true);
      this.sub.on('error', () => {});
      this.sub.on('message', (channel: string, payload: string) => {
        const g = Number(channel.slice(3));
        const nl = payload.indexOf('\n');
        if (nl < 0 || !Number.isInteger(g)) return;
        this.handlers.get(g)?.({ to: JSON.parse(payload.slice(0, nl)) as [string, string, number][], entry: payload.slice(nl + 1) });
      });
      await this.sub.connect();
    }
    this.handlers.set(gateway, handler);
    await this.sub.subscribe(`gw:${gateway}`);
  }
  private handlers = new Map<number, (d: Deliveries) => void>();

  async counters(): Promise<StoreCounters> {
    const h = await this.cmd.hgetall('stats');
    const out = emptyCounters();
    for (const k of Object.keys(out) as (keyof StoreCounters)[]) out[k] = Number(h[k] ?? 0);
    return out;
  }

  async presentUsers(): Promise<number> {
    return this.cmd.zcount('presence', Date.now(), '+inf');
  }

  /** Redis INFO figures for the lab: commands processed, ops/s, pub/sub messages, memory. */
  async info(): Promise<{ commands: number; opsPerSec: number; pubsubChannels: number; usedMemoryBytes: number; keys: number }> {
    const text = await this.cmd.info();
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    const keys = Number(/^db0:keys=(\d+)/m.exec(text)?.[1] ?? 0);
    return { commands: field('total_commands_processed'), opsPerSec: field('instantaneous_ops_per_sec'), pubsubChannels: field('pubsub_channels'), usedMemoryBytes: field('used_memory'), keys };
  }

  async close(): Promise<void> {
    this.cmd.disconnect();
    this.sub?.disconnect();
  }
}

/** Storage counters in the routing core's terms, for reports. */
export function storageOf(c: StoreCounters): StorageCounters {
  const s = new StorageCounters();
  s.messageRows = c.messageRows;
  s.inboxRows = c.inboxRows;
  s.logScans = c.logScans;
  s.inboxReads = c.inboxReads;
  return s;
}
