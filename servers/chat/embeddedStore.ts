/**
 * The in-process bus and store: what one gateway uses when no Redis is running. Same semantics as
 * `redisStore.ts` (see `store.ts`), kept in maps; it does not survive the process, so it serves a
 * single gateway only.
 */
import { StorageCounters, usesWriteFanout } from '../../simulations/chat/core/fanout';
import { emptyCounters, entryOf, type ChatStore, type Deliveries, type RouteOutcome, type RouteRequest, type StoreConfig, type StoreCounters } from './store';

interface UserState {
  seq: number;
  /** retained sync-log entries, oldest first: [seq, full JSON, enqueued at] */
  log: [number, string, number][];
  devices: Set<string>;
  acks: Map<string, number>;
}

interface Registration {
  gateway: number;
  epoch: number;
  expiresAt: number;
}

export class EmbeddedStore implements ChatStore {
  readonly kind = 'embedded' as const;
  private users = new Map<string, UserState>();
  private convs = new Map<string, { members: string[]; cseq: number; rows: [number, string][] }>();
  private registry = new Map<string, Registration>();
  private epochs = new Map<string, number>();
  private presence = new Map<string, number>();
  private dedup = new Map<string, number>();
  private readCursors = new Map<string, number>();
  private handlers = new Map<number, (d: Deliveries) => void>();
  private readonly storage = new StorageCounters();
  private readonly stats = emptyCounters();

  constructor(
    readonly config: StoreConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private user(id: string): UserState {
    let u = this.users.get(id);
    if (!u) this.users.set(id, (u = { seq: 0, log: [], devices: new Set(), acks: new Map() }));
    return u;
  }

  async enroll(devices: { user: string; device: string }[]): Promise<void> {
    for (const { user, device } of devices) this.user(user).devices.add(device);
  }

  async register(user: string, device: string, gateway: number): Promise<number> {
    const key = `${user}/${device}`;
    const epoch = (this.epochs.get(key) ?? 0) + 1;
    this.epochs.set(key, epoch);
    this.registry.set(key, { gateway, epoch, expiresAt: this.now() + this.config.registryTtlMs });
    this.user(user).devices.add(device);
    this.presence.set(user, this.now() + this.config.presenceTtlMs);
    this.stats.registryPuts++;
    return epoch;
  }

  async unregister(user: string, device: string, gateway: number, epoch: number): Promise<void> {
    const key = `${user}/${device}`;
    const r = this.registry.get(key);
    if (r && r.gateway === gateway && r.epoch === epoch) this.registry.delete(key);
    else this.stats.staleRemovesIgnored++;
  }

  async heartbeat(gateway: number, devices: [string, string, number][]): Promise<void> {
    const now = this.now();
    for (const [user, device, epoch] of devices) {
      const key = `${user}/${device}`;
      const r = this.registry.get(key);
      if (!r || r.expiresAt <= now || (r.gateway === gateway && r.epoch === epoch)) this.registry.set(key, { gateway, epoch, expiresAt: now + this.config.registryTtlMs });
      this.presence.set(user, now + this.config.presenceTtlMs);
    }
  }

  async route(req: RouteRequest): Promise<RouteOutcome> {
    const dedupKey = `${req.user}/${req.id}`;
    const conv = this.convs.get(req.conv);
    if (!conv || !conv.members.includes(req.user)) return { ok: false, reason: `not a member of conversation ${req.conv}` };
    const prev = this.dedup.get(dedupKey);
    if (prev !== undefined) {
      this.stats.duplicateSends++;
      return { ok: true, cseq: prev, duplicate: true, members: conv.members.length, onlineUsers: 0, offlineUsers: 0, gatewaysTouched: 0, writeFanout: true };
    }
    const now = this.now();
    const cseq = ++conv.cseq;
    const entry = entryOf(req, cseq);
    const writeFanout = usesWriteFanout(this.config.fanout, this.config.fanoutThreshold, conv.members.length);
    this.storage.messageRows++;
    if (!writeFanout) {
      conv.rows.push([cseq, entry]);
      if (conv.rows.length > this.config.conversationLogCap) conv.rows.splice(0, conv.rows.length - this.config.conversationLogCap);
    }
    const perGateway = new Map<number, [string, string, number][]>();
    let online = 0;
    for (const member of conv.members) {
      const u = this.user(member);
      let seq = 0;
      if (writeFanout) {
        seq = ++u.seq;
        u.log.push([seq, `{"seq":${seq},${entry}`, now]);
        this.storage.inboxRows++;
      }
      let live = 0;
      for (const device of u.devices) {
        const r = this.registry.get(`${member}/${device}`);
        if (!r) continue;
        if (r.expiresAt <= now || !this.handlers.has(r.gateway)) {
          this.stats.staleRoutes++;
          continue;
        }
        live++;
        let list = perGateway.get(r.gateway);
        if (!list) perGateway.set(r.gateway, (list = []));
        list.push([member, device, seq]);
      }
      if (live > 0) online++;
    }
    this.dedup.set(dedupKey, cseq);
    this.stats.sends++;
    this.stats.offlineEnqueues += conv.members.length - online;
    // like PUBLISH from the Redis script: delivered after the route is stored
    for (const [gateway, to] of perGateway) this.handlers.get(gateway)?.({ entry, to });
    return { ok: true, cseq, duplicate: false, members: conv.members.length, onlineUsers: online, offlineUsers: conv.members.length - online, gatewaysTouched: perGateway.size, writeFanout };
  }

  async replay(user: string, afterSeq: number, limit: number): Promise<{ entries: string[]; head: number }> {
    const u = this.user(user);
    this.expire(u);
    const entries: string[] = [];
    for (const [seq, full] of u.log) {
      if (seq <= afterSeq) continue;
      if (entries.length >= limit) break;
      entries.push(full);
    }
    if (entries.length) this.storage.inboxReads++;
    return { entries, head: u.seq };
  }

  async scan(conv: string, user: string, afterCseq: number, limit: number): Promise<string[]> {
    const c = this.convs.get(conv);
    if (!c || !c.members.includes(user) || c.cseq <= afterCseq) return [];
    this.storage.logScans++;
    const out: string[] = [];
    for (const [cseq, entry] of c.rows) {
      if (cseq <= afterCseq) continue;
      if (out.length >= limit) break;
      out.push(entry);
    }
    return out;
  }

  async head(user: string): Promise<number> {
    return this.users.get(user)?.seq ?? 0;
  }

  async ack(user: string, device: string, seq: number): Promise<void> {
    const u = this.user(user);
    if (seq > u.seq) return;
    if (seq > (u.acks.get(device) ?? 0)) {
      u.acks.set(device, seq);
      this.stats.deliveredReceipts++;
    }
    let min = Infinity;
    for (const d of u.devices) min = Math.min(min, u.acks.get(d) ?? 0);
    let drop = 0;
    while (drop < u.log.length && u.log[drop][0] <= min) drop++;
    if (drop) u.log.splice(0, drop);
  }

  async read(conv: string, user: string, cseq: number): Promise<void> {
    if (!this.convs.get(conv)?.members.includes(user)) return;
    const key = `${conv}/${user}`;
    if (cseq > (this.readCursors.get(key) ?? 0)) {
      this.readCursors.set(key, cseq);
      this.stats.readReceipts++;
    }
  }

  async addConversations(list: { id: string; members: string[] }[]): Promise<void> {
    for (const { id, members } of list) {
      const c = this.convs.get(id);
      if (c) c.members = [...new Set([...c.members, ...members])];
      else this.convs.set(id, { members: [...new Set(members)], cseq: 0, rows: [] });
    }
  }

  async subscribe(gateway: number, handler: (d: Deliveries) => void): Promise<void> {
    if (this.handlers.size > 0 && !this.handlers.has(gateway)) throw new Error('the embedded bus serves one gateway; start Redis for more');
    this.handlers.set(gateway, handler);
  }

  async counters(): Promise<StoreCounters> {
    return { ...this.stats, messageRows: this.storage.messageRows, inboxRows: this.storage.inboxRows, logScans: this.storage.logScans, inboxReads: this.storage.inboxReads };
  }

  async presentUsers(): Promise<number> {
    const now = this.now();
    let n = 0;
    for (const until of this.presence.values()) if (until > now) n++;
    return n;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }

  private expire(u: UserState): void {
    const cutoff = this.now() - this.config.offlineTtlMs;
    let drop = 0;
    while (drop < u.log.length && u.log[drop][2] < cutoff) drop++;
    if (drop) u.log.splice(0, drop);
  }
}
