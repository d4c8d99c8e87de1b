/**
 * NODE ONLY. The load generator: C real WebSocket clients on 127.0.0.1 (at most what the process's
 * file limit allows) for a bounded time, with the chat simulation's workload knobs, faults posted to
 * the cluster's control endpoint at given times, then a drain (stop sending, let every client come
 * back and sync) and the report: connect and delivery latency percentiles, messages/s, duplicates,
 * losses, out-of-order deliveries, reconnect attempts per second and, per fault, the reconnect storm
 * (peak attempts/s and recovery time) with the backoff policy's bound.
 */
import { readFileSync } from 'node:fs';
import { backoffBoundMs, type BackoffConfig } from '../../../simulations/chat/core/backoff';
import { usesWriteFanout, type FanoutMode } from '../../../simulations/chat/core/fanout';
import { LatencyHistogram } from '../../../simulations/chat/metrics/latencyHistogram';
import { RandomStream } from '../../../simulations/core/rng';
import type { ClusterFault, ClusterStats, LiveLoadFigures, Quantiles } from '../controlProtocol';
import { predictStorm, type StormPrediction } from '../prediction';
import { DeviceClient, type ClientEnv } from './deviceClient';
import { buildWorkload, type WorkloadOptions } from './workload';

export interface TimedFault extends ClusterFault {
  /** ms after the start of the run */
  atMs: number;
  /** and not before every client has been connected once (a slow ramp on a busy machine) */
  afterRamp?: boolean;
}

export interface LoadOptions extends WorkloadOptions {
  balancerUrl: string;
  controlUrl: string;
  durationMs: number;
  /** initial connections are spread uniformly over this window */
  rampMs: number;
  sendsPerUserPerMin: number;
  groupShare: number;
  heartbeatMs: number;
  pingTimeoutMs: number;
  backoff: BackoffConfig;
  /** the cluster's fan-out mode and threshold (clients keep cursors for read-fanout conversations) */
  fanout: FanoutMode;
  fanoutThreshold: number;
  faults: TimedFault[];
  /** longest wait for every client to be back and synced after the run */
  drainMs: number;
  /** a connection attempt that has not been welcomed within this is abandoned (default 10 s) */
  connectTimeoutMs?: number;
  /** attempts a reconnect may take (default 5); see StormFigures.withinBound */
  boundAttempts?: number;
  /**
   * Run the chat simulation with the same parameters for the first gateway fault and publish its
   * prediction with the live figures (the lab's Real cluster tab overlays it). Costs about a second of CPU.
   */
  predict?: boolean;
  onProgress?: (line: string) => void;
}

export interface StormFigures {
  fault: ClusterFault;
  atMs: number;
  /** clients online when the fault was injected */
  onlineAtFault: number;
  /** the control endpoint's answer when it refused the fault, else null */
  error: string | null;
  disconnected: number;
  peakAttemptsPerSec: number;
  /** fault → the last client it disconnected is back (null: someone never came back) */
  recoveryMs: number | null;
  attemptsPerClient: number;
  maxAttempts: number;
  maxEpisodeMs: number;
  /** the backoff policy's bound on the waits of `boundAttempts` attempts (backoffBoundMs) */
  boundMs: number;
  /**
   * reconnects that took at most `boundAttempts` attempts and waited (time disconnected minus time
   * inside attempts, i.e. the handshakes themselves, minus the load generator's own lateness in
   * starting attempts) no longer than the policy allows for their attempts
   */
  withinBound: number;
  /** longest handshake time summed over one reconnect's attempts */
  maxConnectingMs: number;
  /** longest time the load generator's own event loop stalled during one reconnect */
  maxLateMs: number;
  /** attempts per second from the fault on (index 0 = the fault's second) */
  attemptsPerSecond: number[];
}

export interface LoadReport {
  clients: number;
  users: number;
  conversations: number;
  durationMs: number;
  sends: number;
  acknowledged: number;
  deliveries: number;
  expectedDeliveries: number;
  deliveriesPerSec: number;
  connectLatencyMs: Quantiles;
  deliveryLatencyMs: Quantiles;
  duplicates: number;
  protocolDuplicatesDropped: number;
  gapsRepaired: number;
  /** entries a sync answer jumped over (expired or trimmed before the device got them) */
  skippedBySync: number;
  lost: number;
  outOfOrder: number;
  notReconnected: number;
  notSynced: number;
  attempts: number;
  attemptsPerSecond: number[];
  storms: StormFigures[];
  drainMs: number;
  /** time the load generator's event loop stalled beyond its 50 ms tick (deadlines were moved by it) */
  stalledMs: number;
  /** how much longer than `durationMs` clients sent, because a fault waited for the ramp */
  extendedMs: number;
  /** the simulation's prediction for the first gateway fault (with `predict`) */
  prediction: (StormPrediction & { faultAtMs: number; faultType: string }) | null;
}

export const FD_HEADROOM = 200;

/** The soft limit on open files of this process (Linux /proc), or null. */
export function openFileLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (!m) return null;
    return m[1] === 'unlimited' ? Infinity : Number(m[1]);
  } catch {
    return null;
  }
}

function quantiles(h: LatencyHistogram): Quantiles {
  const r = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  return h.count ? { p50: r(h.quantile(0.5)), p99: r(h.quantile(0.99)), max: r(h.max) } : { p50: null, p99: null, max: null };
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { error?: string };
  if (!res.ok) throw new Error(`${url}: ${res.status} ${json.error ?? ''}`);
  return json;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const limit = openFileLimit();
  if (limit !== null && o.clients > limit - FD_HEADROOM) throw new RangeError(`clients = ${o.clients} is invalid: this process may open ${limit} files (ulimit -n), so at most ${limit - FD_HEADROOM} clients`);
  const rng = new RandomStream(o.seed, 'chat-load');
  const random = () => rng.next();
  const log = o.onProgress ?? (() => {});
  const w = buildWorkload(o);
  const readFanout = new Set<string>();
  for (const c of w.conversations.values()) if (!usesWriteFanout(o.fanout, o.fanoutThreshold, c.members.length)) readFanout.add(c.id);
  await post(`${o.controlUrl}/api/conversations`, [...w.conversations.values()]);
  const identities = w.users.flatMap((u) => u.devices.map((device) => ({ user: u.id, device })));
  const { tokens } = (await post(`${o.controlUrl}/api/tokens`, identities)) as { tokens: string[] };

  let prediction: (StormPrediction & { faultAtMs: number; faultType: string }) | null = null;
  const firstGatewayFault = o.faults.find((f) => f.type !== 'redis-stop');
  if (o.predict && firstGatewayFault) {
    const stats = (await (await fetch(`${o.controlUrl}/api/stats`)).json()) as ClusterStats;
    const faultAtMs = Math.round(firstGatewayFault.atMs / 1000) * 1000;
    prediction = {
      faultAtMs,
      faultType: firstGatewayFault.type,
      ...predictStorm({
        users: w.users.length,
        devicesPerUser: o.devicesPerUser,
        gateways: stats.options.gateways,
        lbPolicy: stats.options.lbPolicy,
        faultType: firstGatewayFault.type === 'gateway-kill' ? 'gateway-crash' : 'partition',
        faultGateway: firstGatewayFault.gateway ?? 0,
        faultAtMs,
        faultDurationMs: firstGatewayFault.type === 'gateway-partition' ? firstGatewayFault.durationMs : undefined,
        policy: o.backoff.policy,
        baseMs: o.backoff.baseMs,
        capMs: o.backoff.capMs,
        heartbeatMs: o.heartbeatMs,
        pingTimeoutMs: o.pingTimeoutMs,
        deadPeerTimeoutMs: stats.options.deadPeerTimeoutMs,
        sendsPerUserPerMin: o.sendsPerUserPerMin,
        groupShare: o.groupShare,
        groupsPerUser: o.groupsPerUser,
        groupSizeMedian: o.groupSizeMedian,
        groupSizeP99: o.groupSizeP99,
        groupSizeMax: o.groupSizeMax,
        fanout: o.fanout,
        fanoutThreshold: o.fanoutThreshold,
        acceptRatePerSec: 5000,
        afterFaultMs: Math.max(10_000, o.durationMs - faultAtMs),
        seed: o.seed,
      }),
    };
  }

  const t0 = performance.now();
  const attemptsPerSecond: number[] = [];
  const attemptTimes: number[] = [];
  const episodes: { start: number; end: number; attempts: number; connectingMs: number; lateMs: number }[] = [];
  const disconnects: number[] = [];
  const acked = new Map<string, Set<number>>();
  let acknowledged = 0;
  const env: ClientEnv = {
    url: o.balancerUrl,
    backoff: o.backoff,
    heartbeatMs: o.heartbeatMs,
    pingTimeoutMs: o.pingTimeoutMs,
    connectTimeoutMs: o.connectTimeoutMs ?? 10_000,
    random,
    readFanout,
    sentAt: new Map(),
    deliveryLatency: new LatencyHistogram(),
    connectLatency: new LatencyHistogram(),
    onAttempt: (now) => {
      const s = Math.floor((now - t0) / 1000);
      while (attemptsPerSecond.length <= s) attemptsPerSecond.push(0);
      attemptsPerSecond[s]++;
      attemptTimes.push(now - t0);
    },
    onDisconnected: (now) => disconnects.push(now - t0),
    onReconnected: (ms, attempts, connectingMs, lateMs) => {
      const end = performance.now() - t0;
      episodes.push({ start: end - ms, end, attempts, connectingMs, lateMs });
    },
    onAcknowledged: (conv, cseq) => {
      let set = acked.get(conv);
      if (!set) acked.set(conv, (set = new Set()));
      if (!set.has(cseq)) {
        set.add(cseq);
        acknowledged++;
      }
    },
  };
  let k = 0;
  const clients: DeviceClient[] = [];
  const byUser = new Map<string, DeviceClient[]>();
  for (const u of w.users) {
    const list = u.devices.map((d) => {
      const c = new DeviceClient(u.id, d, tokens[k++], env);
      for (const g of u.groups) if (readFanout.has(g)) c.follow(g);
      c.start(t0, random() * o.rampMs);
      return c;
    });
    clients.push(...list);
    byUser.set(u.id, list);
  }

  let sends = 0;
  let sending = true;
  /** time this process's event loop was stalled beyond the 50 ms tick (a busy machine) */
  let stalledMs = 0;
  let rampDone = false;
  let extendedMs = 0;
  const perTickRate = o.sendsPerUserPerMin / 60_000;
  let last = t0;
  let lastReads = t0;
  let lastPost = t0;
  const pending = [...o.faults].sort((a, b) => a.atMs - b.atMs);
  type FiredFault = TimedFault & { onlineAtFault: number; error: string | null };
  const firedFaults: FiredFault[] = [];
  const figures = (): LiveLoadFigures => ({
    at: Date.now(),
    elapsedMs: Math.round(performance.now() - t0),
    clients: clients.length,
    online: clients.filter((c) => c.online).length,
    sends,
    acknowledged,
    deliveries: clients.reduce((s, c) => s + c.received.size, 0),
    deliveryLatencyMs: quantiles(env.deliveryLatency),
    connectLatencyMs: quantiles(env.connectLatency),
    attemptsPerSecond: attemptsPerSecond.slice(-300),
    duplicates: clients.reduce((s, c) => s + c.duplicates, 0),
    outOfOrder: clients.reduce((s, c) => s + c.outOfOrder, 0),
    faults: firedFaults.map((f) => ({ type: f.type, gateway: f.gateway, atMs: f.atMs })),
    prediction,
  });
  const tick = () => {
    const now = performance.now();
    const dt = now - last;
    last = now;
    if (dt > 250) {
      stalledMs += dt - 50;
      for (const c of clients) c.forgiveStall(dt - 50);
    }
    for (const c of clients) c.tick(now);
    if (sending) {
      const p = perTickRate * dt;
      for (const u of w.users) {
        if (random() >= p) continue;
        const online = byUser.get(u.id)!.filter((c) => c.online);
        if (online.length === 0) continue;
        const useGroup = u.groups.length > 0 && random() < o.groupShare;
        const conv = useGroup ? u.groups[Math.floor(random() * u.groups.length)] : u.dms[Math.floor(random() * u.dms.length)];
        const from = online[Math.floor(random() * online.length)];
        sends++;
        from.queueSend(`${u.id}-${from.device}-${sends}`, conv, `message ${sends} from ${u.id}`, now);
      }
    }
    if (now - lastReads >= 5000) {
      lastReads = now;
      for (const c of clients) c.readReceipts();
    }
    if (!rampDone && clients.every((c) => c.everOnline)) rampDone = true;
    while (pending.length && now - t0 >= pending[0].atMs && (rampDone || !pending[0].afterRamp)) {
      const f: FiredFault = { ...pending.shift()!, onlineAtFault: clients.filter((c) => c.online).length, error: null };
      // a fault that waited for the ramp pushes the end of the run back by as long
      extendedMs = Math.max(extendedMs, now - t0 - f.atMs);
      f.atMs = now - t0;
      firedFaults.push(f);
      log(`fault at ${(f.atMs / 1000).toFixed(1)} s: ${f.type}${f.gateway !== undefined ? ` gateway ${f.gateway}` : ''}`);
      post(`${o.controlUrl}/api/faults`, { type: f.type, gateway: f.gateway, durationMs: f.durationMs }).catch((e: Error) => {
        f.error = e.message;
        log(`fault failed: ${e.message}`);
      });
    }
    if (now - lastPost >= 1000) {
      lastPost = now;
      post(`${o.controlUrl}/api/load`, figures()).catch(() => {});
    }
  };
  const timer = setInterval(tick, 50);
  try {
    // bounded: a fault still waiting for the ramp after 3 × the duration is dropped (reported as never fired)
    while (performance.now() - t0 < o.durationMs + extendedMs || (pending.length > 0 && performance.now() - t0 < 3 * o.durationMs)) {
      await sleep(1000);
      const online = clients.filter((c) => c.online).length;
      log(`${((performance.now() - t0) / 1000).toFixed(0)} s: ${online}/${clients.length} online, ${sends} sent, ${acknowledged} acknowledged`);
    }
    // drain: no new sends; every client back, every send acknowledged, then a final sync each
    sending = false;
    const drainStart = performance.now();
    const drainEnd = drainStart + o.drainMs;
    while (performance.now() < drainEnd && clients.some((c) => !c.online || c.pendingSends > 0)) await sleep(200);
    for (const c of clients) c.requestSync();
    while (performance.now() < drainEnd && clients.some((c) => !c.synced)) await sleep(200);
    const drainMs = performance.now() - drainStart;
    post(`${o.controlUrl}/api/load`, figures()).catch(() => {});

    let lost = 0;
    let expected = 0;
    for (const c of clients) {
      const u = w.users[Number(c.user.slice(1))];
      for (const conv of [...u.groups, ...u.dms]) {
        for (const cseq of acked.get(conv) ?? []) {
          expected++;
          if (!c.received.has(`${conv}:${cseq}`)) lost++;
        }
      }
    }
    const deliveries = clients.reduce((s, c) => s + c.received.size, 0);
    const sum = (f: (c: DeviceClient) => number) => clients.reduce((s, c) => s + f(c), 0);
    const boundAttempts = o.boundAttempts ?? 5;
    const storms = firedFaults.map((f, i): StormFigures => {
      const from = f.atMs;
      const to = firedFaults[i + 1]?.atMs ?? Infinity;
      const mine = episodes.filter((e) => e.start >= from && e.start < to);
      const open = disconnects.filter((d) => d >= from && d < to).length - mine.length;
      const series: number[] = [];
      for (const t of attemptTimes) {
        if (t < from || t >= to) continue;
        const s = Math.floor((t - from) / 1000);
        while (series.length <= s) series.push(0);
        series[s]++;
      }
      const boundMs = backoffBoundMs(o.backoff, boundAttempts);
      return {
        fault: { type: f.type, gateway: f.gateway, durationMs: f.durationMs },
        atMs: Math.round(from),
        onlineAtFault: f.onlineAtFault,
        error: f.error,
        disconnected: mine.length + Math.max(0, open),
        peakAttemptsPerSec: series.length ? Math.max(...series) : 0,
        recoveryMs: open > 0 ? null : mine.length ? Math.round(Math.max(...mine.map((e) => e.end)) - from) : 0,
        attemptsPerClient: mine.length ? Math.round((mine.reduce((s, e) => s + e.attempts, 0) / mine.length) * 100) / 100 : 0,
        maxAttempts: mine.reduce((m, e) => Math.max(m, e.attempts), 0),
        maxEpisodeMs: Math.round(mine.reduce((m, e) => Math.max(m, e.end - e.start), 0)),
        boundMs,
        // each attempt may start up to one 50 ms tick after its backoff expired
        withinBound: mine.filter((e) => e.attempts <= boundAttempts && e.end - e.start - e.connectingMs - e.lateMs <= backoffBoundMs(o.backoff, e.attempts) + 60 * e.attempts).length,
        maxLateMs: Math.round(mine.reduce((m, e) => Math.max(m, e.lateMs), 0)),
        maxConnectingMs: Math.round(mine.reduce((m, e) => Math.max(m, e.connectingMs), 0)),
        attemptsPerSecond: series,
      };
    });
    return {
      clients: clients.length,
      users: w.users.length,
      conversations: w.conversations.size,
      durationMs: o.durationMs,
      sends,
      acknowledged,
      deliveries,
      expectedDeliveries: expected,
      deliveriesPerSec: Math.round(deliveries / ((o.durationMs + extendedMs) / 1000)),
      connectLatencyMs: quantiles(env.connectLatency),
      deliveryLatencyMs: quantiles(env.deliveryLatency),
      duplicates: sum((c) => c.duplicates),
      protocolDuplicatesDropped: sum((c) => c.protocolDuplicates),
      gapsRepaired: sum((c) => c.gaps),
      skippedBySync: sum((c) => c.skipped),
      lost,
      outOfOrder: sum((c) => c.outOfOrder),
      notReconnected: sum((c) => (c.online ? 0 : 1)),
      notSynced: sum((c) => (c.synced ? 0 : 1)),
      attempts: sum((c) => c.attempts),
      attemptsPerSecond,
      storms,
      drainMs: Math.round(drainMs),
      stalledMs: Math.round(stalledMs),
      extendedMs: Math.round(extendedMs),
      prediction,
    };
  } finally {
    clearInterval(timer);
    for (const c of clients) c.stop();
  }
}
