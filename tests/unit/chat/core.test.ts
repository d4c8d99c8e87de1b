/**
 * The pure routing core, without the simulation: presence rule (property-based), backoff
 * distributions, registry epochs, sync-log cursors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ConversationLogs,
  Router,
  PresenceService,
  PRESENCE_OFFLINE,
  PRESENCE_ONLINE,
  SessionRegistry,
  SyncLog,
  exponentialCeiling,
  firstAttemptDelay,
  meanRetryDelay,
  retryDelay,
  type BackoffConfig,
  type PresenceSink,
  type PresenceStatus,
} from '@/simulations/chat/core';
import { RandomStream } from '@/simulations/core/rng';

/** Drive a PresenceService over a heartbeat trace with timers that fire `lateness` ms late. */
function drivePresence(beats: number[], d: number, eps: number, lateness: number, until: number) {
  const svc = new PresenceService(1, { dMs: d, epsilonMs: eps });
  const published: { status: PresenceStatus; at: number }[] = [];
  const timers: number[] = [];
  const sink: PresenceSink = {
    publish: (_u, status, at) => published.push({ status, at }),
    arm: (_u, due) => timers.push(due),
  };
  // merge heartbeats and timer firings in time order; a timer fires at due + lateness, and a
  // heartbeat at the same processing time goes first (as in a batched tick)
  let bi = 0;
  for (;;) {
    timers.sort((a, b) => a - b);
    const nextTimer = timers.length ? timers[0] + lateness : Infinity;
    const nextBeat = bi < beats.length ? beats[bi] : Infinity;
    if (Math.min(nextTimer, nextBeat) > until) break;
    if (nextBeat <= nextTimer) svc.heartbeat(0, beats[bi++], sink);
    else {
      timers.shift();
      svc.trigger(0, nextTimer, sink);
    }
  }
  return published;
}

describe('presence rule (LinkedIn d + 2ε)', () => {
  const trace = fc
    .tuple(fc.integer({ min: 1000, max: 60_000 }), fc.integer({ min: 0, max: 10_000 }), fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 40 }))
    .map(([d, eps, gaps]) => {
      const beats: number[] = [];
      let t = 0;
      for (const g of gaps) beats.push((t += g));
      return { d, eps, beats };
    });

  it('never offline while heartbeats arrive within d; always offline exactly d + 2ε after the last one (exact timers and late timers)', () => {
    fc.assert(
      fc.property(trace, fc.integer({ min: 0, max: 5000 }), ({ d, eps, beats }, lateness) => {
        const expiry = d + 2 * eps;
        const last = beats[beats.length - 1];
        const published = drivePresence(beats, d, eps, lateness, last + expiry + lateness + 1);
        // expected timeline: offline at b + expiry for every gap longer than expiry, and after the last beat
        const expected: { status: PresenceStatus; at: number }[] = [{ status: PRESENCE_ONLINE, at: beats[0] }];
        for (let i = 1; i < beats.length; i++) {
          if (beats[i] - beats[i - 1] > expiry) {
            expected.push({ status: PRESENCE_OFFLINE, at: beats[i - 1] + expiry }, { status: PRESENCE_ONLINE, at: beats[i] });
          }
        }
        expected.push({ status: PRESENCE_OFFLINE, at: last + expiry });
        expect(published).toEqual(expected);
        // within-d traces never go offline before the end
        if (beats.every((b, i) => i === 0 || b - beats[i - 1] <= d)) {
          expect(published.filter((p) => p.status === PRESENCE_OFFLINE && p.at < last + expiry)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('backoff policies (AWS formulas)', () => {
  const cfg = (policy: BackoffConfig['policy']): BackoffConfig => ({ policy, baseMs: 1000, capMs: 30_000 });
  const draws = (f: () => number, n = 20_000) => Array.from({ length: n }, f);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

  it('fixed and exponential are deterministic: base, and min(cap, base·2^(n+1))', () => {
    const r = new RandomStream(1, 'b');
    const u = () => r.next();
    expect(retryDelay(cfg('fixed'), 5, 0, u)).toBe(1000);
    for (let n = 0; n < 8; n++) expect(retryDelay(cfg('exponential'), n, 0, u)).toBe(Math.min(30_000, 1000 * 2 ** (n + 1)));
    expect(firstAttemptDelay(cfg('exponential'), u)).toBe(1000);
    expect(retryDelay(cfg('none'), 3, 0, u)).toBe(0);
  });

  it('full jitter: U(0, e) with mean e/2; equal jitter: U(e/2, e) with mean 3e/4 (±3%)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 1000 }), (n, seed) => {
        const r = new RandomStream(seed, 'backoff');
        const u = () => r.next();
        const e = exponentialCeiling(cfg('full-jitter'), n + 1);
        const full = draws(() => retryDelay(cfg('full-jitter'), n, 0, u), 4000);
        expect(Math.min(...full)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...full)).toBeLessThanOrEqual(e);
        expect(Math.abs(mean(full) - meanRetryDelay(cfg('full-jitter'), n)) / (e / 2)).toBeLessThan(0.05);
        const equal = draws(() => retryDelay(cfg('equal-jitter'), n, 0, u), 4000);
        expect(Math.min(...equal)).toBeGreaterThanOrEqual(e / 2);
        expect(Math.max(...equal)).toBeLessThanOrEqual(e);
        expect(Math.abs(mean(equal) - (3 * e) / 4) / ((3 * e) / 4)).toBeLessThan(0.03);
      }),
      { numRuns: 20 },
    );
  });

  it('decorrelated jitter: draws lie in [base, min(cap, 3·prev)] and the first retry uses base as prev', () => {
    const r = new RandomStream(9, 'decor');
    const u = () => r.next();
    let prev = 0;
    for (let i = 0; i < 5000; i++) {
      const d = retryDelay(cfg('decorrelated-jitter'), i % 10, prev, u);
      const p = prev > 0 ? prev : 1000;
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(Math.min(30_000, 3 * p));
      prev = i % 10 === 9 ? 0 : d;
    }
    const first = draws(() => retryDelay(cfg('decorrelated-jitter'), 0, 0, u));
    expect(Math.abs(mean(first) - 2000) / 2000).toBeLessThan(0.02);
  });
});

describe('session registry epochs', () => {
  it('a late removal from the old gateway is stale and ignored; eviction drops an entry regardless', () => {
    const reg = new SessionRegistry(2, Int32Array.from([0, 2]));
    const e1 = reg.put(0, 3);
    const e2 = reg.put(0, 5); // reconnected elsewhere
    expect(reg.remove(0, e1)).toBe(false);
    expect(reg.gateway(0)).toBe(5);
    expect(reg.staleRemovesIgnored).toBe(1);
    expect(reg.remove(0, e2)).toBe(true);
    expect(reg.gateway(0)).toBe(-1);
    reg.put(1, 2);
    expect(reg.evict(1)).toBe(true);
    expect(reg.size).toBe(0);
    expect(reg.userOf(1)).toBe(0);
  });
});

describe('sync log cursors', () => {
  it('in-order acceptance, duplicate suppression, gap repair by replay, trimming and TTL loss', () => {
    const log = new SyncLog(Int32Array.from([0, 2]), { ttlMs: 1000, trackExpiry: true });
    const e1 = log.append(0, 101, 7, 0, true);
    const e2 = log.append(0, 102, 7, 10, true);
    expect(log.backlog).toBe(2);
    expect(log.deliver(0, 0, e2, 20)).toBe('gap');
    expect(log.deliver(0, 0, e1, 20)).toBe('ok');
    expect(log.deliver(0, 0, e1, 21)).toBe('duplicate');
    expect(log.backlog).toBe(1);
    const seen: number[] = [];
    expect(log.replay(0, 0, 30, (e) => seen.push(log.msgOf(e)))).toBe(1);
    expect(seen).toEqual([102]);
    expect(log.backlog).toBe(0);
    expect(log.offlineWaitSumMs).toBe(20 + 20);
    // device 1 never acked: entries stay until TTL, then device 1 loses them
    log.trim(0);
    expect(log.live).toBe(2);
    log.expire(2000);
    expect(log.live).toBe(0);
    expect(log.replay(1, 0, 2000, () => {})).toBe(0);
    expect(log.lostToTtl).toBe(2);
  });
});

describe('conversation logs (fan-out on read)', () => {
  it('a scan visits only what others sent after the member’s cursor; the backlog counts only those', () => {
    // group 0 with members 7 (slot 0) and 8 (slot 1); both offline while three messages arrive
    const logs = new ConversationLogs(1, 2);
    logs.append(0, 1, 100, 7);
    logs.backlog++; // member 8 waits for message 1 (the router counts the recipients it could not reach)
    logs.append(0, 2, 200, 8);
    logs.backlog++; // member 7 waits for message 2
    logs.append(0, 3, 300, 7);
    logs.backlog++; // member 8 waits for message 3
    const seen: number[] = [];
    expect(logs.scan(0, 0, 7, 1000, (msg) => seen.push(msg))).toBe(1);
    expect(seen).toEqual([2]); // not its own messages 1 and 3
    expect(logs.backlog).toBe(2);
    expect(logs.scan(1, 0, 8, 1000, (msg) => seen.push(msg))).toBe(2);
    expect(seen).toEqual([2, 1, 3]);
    expect(logs.backlog).toBe(0);
    expect(logs.waitSumMs).toBe(800 + 900 + 700);
    expect(logs.scan(1, 0, 8, 2000, () => seen.push(-1))).toBe(0);
  });
});

describe('router, fan-out on read', () => {
  it('a live push to a member still behind in the log hands the older messages to its sync log instead of jumping over them', () => {
    // one group (slot 0: user 0 with devices 0 and 1; slot 1: user 1, the sender), one gateway
    const firstDevice = Int32Array.from([0, 2, 3]);
    const reg = new SessionRegistry(3, firstDevice);
    const log = new SyncLog(firstDevice, { ttlMs: 60_000, trackExpiry: false });
    const logs = new ConversationLogs(1, 2);
    const router = new Router(reg, log, firstDevice, Uint8Array.from([1]), 'read', 0, logs);
    const members = [0, 1];
    const pushed: number[] = [];
    const ports = { socketWrite: (_d: number, _u: number, _g: number, entry: number) => pushed.push(log.msgOf(entry)), offlineRecipient: () => {} };
    // user 0 offline: message 100 waits in the group's log
    router.route(100, 2, 0, members, 0, 2, 1, 0, 0, 10, ports);
    expect(logs.cursor[0]).toBe(0);
    // device 0 connects (registered) but has not synced when message 101 arrives live
    reg.put(0, 0);
    router.route(101, 2, 0, members, 0, 2, 1, 0, 0, 20, ports);
    expect(pushed).toEqual([101]);
    expect(logs.cursor[0]).toBe(2);
    // its sync replay (and its other device's) still finds 100, before 101
    const replayed: number[] = [];
    log.replay(0, 0, 30, (e) => replayed.push(log.msgOf(e)));
    expect(replayed).toEqual([100, 101]);
    const other: number[] = [];
    log.replay(1, 0, 30, (e) => other.push(log.msgOf(e)));
    expect(other).toEqual([100, 101]);
  });
});
