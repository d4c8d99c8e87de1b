/**
 * The chat cluster's pieces without processes: device tokens, the wire protocol's validation, flags,
 * the backoff bound, the embedded store's routing semantics (the same contract as the Redis store),
 * and the Real cluster tab's series.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendSample, emptyHistory, stormSeries, type ClusterStats, type LiveLoadFigures } from '../../../components/labs/chat/parts/realCluster';
import { controlUrl } from '../../../servers/chat/appEndpoint';
import { EmbeddedStore } from '../../../servers/chat/embeddedStore';
import { FlagError, parseFlags } from '../../../servers/chat/flags';
import { parseClientFrame } from '../../../servers/chat/protocol';
import { DEFAULT_STORE_CONFIG, messageFrame, type Deliveries } from '../../../servers/chat/store';
import { DeviceTokens, newSecret } from '../../../servers/chat/token';
import { buildWorkload } from '../../../servers/chat/load/workload';
import { backoffBoundMs, firstAttemptDelay, maxFirstAttemptDelay, maxRetryDelay, RECONNECT_POLICIES, retryDelay } from '../../../simulations/chat/core/backoff';

describe('device tokens', () => {
  it('verify what they signed, refuse forgeries, other secrets and expired tokens', () => {
    let now = 1_000_000;
    const tokens = new DeviceTokens(newSecret(), () => now);
    const t = tokens.sign({ user: 'u1', device: 'd0' }, 60_000);
    expect(tokens.verify(t)).toEqual({ user: 'u1', device: 'd0' });
    expect(tokens.verify(t.replace('u1.', 'u2.'))).toBeNull();
    expect(tokens.verify(`${t.slice(0, -2)}xx`)).toBeNull();
    expect(new DeviceTokens(newSecret(), () => now).verify(t)).toBeNull();
    expect(tokens.verify('nonsense')).toBeNull();
    expect(tokens.verify(null)).toBeNull();
    now += 61_000;
    expect(tokens.verify(t)).toBeNull();
  });
});

describe('client frames', () => {
  it('accept the five frame types and name the field of a bad one', () => {
    expect(parseClientFrame('{"t":"ping"}')).toEqual({ t: 'ping' });
    expect(parseClientFrame('{"t":"send","id":"m1","conv":"g1","body":"hi"}')).toEqual({ t: 'send', id: 'm1', conv: 'g1', body: 'hi' });
    expect(parseClientFrame('{"t":"sync","seq":3,"convs":{"g1":2}}')).toEqual({ t: 'sync', seq: 3, convs: { g1: 2 } });
    expect(parseClientFrame('{"t":"ack","seq":-1}')).toEqual({ error: 'ack.seq must be an integer >= 0' });
    expect(parseClientFrame('{"t":"send","id":"m 1","conv":"g1","body":"x"}')).toMatchObject({ error: expect.stringContaining('send.id') });
    expect(parseClientFrame('[1]')).toMatchObject({ error: expect.stringContaining('object') });
    expect(parseClientFrame('{')).toEqual({ error: 'frame is not JSON' });
    expect(parseClientFrame('{"t":"sync","seq":0,"convs":{"__proto__":1}}')).toMatchObject({ t: 'sync' });
  });

  it('never throw on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseClientFrame(s) === 'object'));
  });
});

describe('flags', () => {
  const spec = { clients: { kind: 'number', integer: true, min: 1, max: 10, default: 2, help: '' }, lb: { kind: 'enum', options: ['a', 'b'], default: 'a', help: '' }, json: { kind: 'switch', help: '' } } as const;
  it('parse values in range and report every problem naming the flag', () => {
    expect(parseFlags(['--clients', '5', '--lb=b', '--json'], spec)).toEqual({ clients: 5, lb: 'b', json: true });
    try {
      parseFlags(['--clients', '0', '--lb', 'c', '--nope', 'x'], spec);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FlagError);
      expect((e as FlagError).problems).toEqual([
        '--clients = "0" is invalid: must be an integer from 1 to 10',
        '--lb = "c" is invalid: must be one of a, b',
        'unknown flag --nope; known: --clients, --lb, --json',
        'unexpected argument "x" (flags start with --)',
      ]);
    }
  });
});

describe('backoff bound', () => {
  it('bounds every draw of every policy', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECONNECT_POLICIES), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (policy, base, extra, n, u) => {
        const cfg = { policy, baseMs: base, capMs: base + extra };
        expect(firstAttemptDelay(cfg, () => u)).toBeLessThanOrEqual(maxFirstAttemptDelay(cfg) + 1e-9);
        expect(retryDelay(cfg, n, cfg.capMs, () => u)).toBeLessThanOrEqual(maxRetryDelay(cfg, n) + 1e-9);
      }),
    );
  });

  it('adds the first window and the retry ceilings (full jitter, base 1 s, cap 10 s: 1 + 2 + 4 s for three attempts)', () => {
    const cfg = { policy: 'full-jitter' as const, baseMs: 1000, capMs: 10_000 };
    expect(backoffBoundMs(cfg, 0)).toBe(0);
    expect(backoffBoundMs(cfg, 1)).toBe(1000);
    expect(backoffBoundMs(cfg, 3)).toBe(7000);
    expect(backoffBoundMs(cfg, 6)).toBe(1000 + 2000 + 4000 + 8000 + 10_000 + 10_000);
  });
});

describe('embedded store: the routing contract', () => {
  const setup = async (fanout: 'write' | 'read' | 'hybrid' = 'hybrid', threshold = 2) => {
    let now = 0;
    const store = new EmbeddedStore({ ...DEFAULT_STORE_CONFIG, fanout, fanoutThreshold: threshold }, () => now);
    const got: Deliveries[] = [];
    await store.subscribe(0, (d) => got.push(d));
    await store.addConversations([
      { id: 'dm', members: ['a', 'b'] },
      { id: 'g', members: ['a', 'b', 'c'] },
    ]);
    await store.enroll([
      { user: 'a', device: 'd0' },
      { user: 'b', device: 'd0' },
      { user: 'b', device: 'd1' },
      { user: 'c', device: 'd0' },
    ]);
    return { store, got, tick: (ms: number) => (now += ms) };
  };

  it('orders a conversation, dedupes a resend, pushes to connected devices only and keeps the rest for replay', async () => {
    const { store, got } = await setup();
    const epoch = await store.register('b', 'd0', 0);
    expect(epoch).toBe(1);
    const r1 = await store.route({ user: 'a', device: 'd0', conv: 'dm', id: 'm1', body: 'x', at: 1 });
    const r2 = await store.route({ user: 'a', device: 'd0', conv: 'dm', id: 'm2', body: 'y', at: 2 });
    const again = await store.route({ user: 'a', device: 'd0', conv: 'dm', id: 'm1', body: 'x', at: 3 });
    expect([r1.ok && r1.cseq, r2.ok && r2.cseq, again.ok && again.cseq, again.ok && again.duplicate]).toEqual([1, 2, 1, true]);
    expect(got.map((d) => d.to)).toEqual([[['b', 'd0', 1]], [['b', 'd0', 2]]]);
    expect(JSON.parse(messageFrame(got[1].entry, 2))).toMatchObject({ t: 'msg', seq: 2, conv: 'dm', cseq: 2, from: 'a', id: 'm2' });
    // b's other device was offline: its replay has both, in order; a's own log too (multi-device sync)
    expect((await store.replay('b', 0, 10)).entries.map((e) => JSON.parse(e).cseq)).toEqual([1, 2]);
    expect((await store.replay('a', 1, 10)).entries.map((e) => JSON.parse(e).seq)).toEqual([2]);
    expect(await store.route({ user: 'c', device: 'd0', conv: 'dm', id: 'x', body: '', at: 0 })).toEqual({ ok: false, reason: 'not a member of conversation dm' });
  });

  it('trims the sync log only when every enrolled device acknowledged', async () => {
    const { store } = await setup();
    await store.route({ user: 'a', device: 'd0', conv: 'dm', id: 'm1', body: 'x', at: 1 });
    await store.ack('b', 'd0', 1);
    expect((await store.replay('b', 0, 10)).entries).toHaveLength(1);
    await store.ack('b', 'd1', 1);
    expect((await store.replay('b', 0, 10)).entries).toHaveLength(0);
    expect((await store.counters()).deliveredReceipts).toBe(2);
  });

  it('fans a big group out on read: one log row, scanned from the member cursor', async () => {
    const { store } = await setup('hybrid', 2);
    const r = await store.route({ user: 'a', device: 'd0', conv: 'g', id: 'm1', body: 'x', at: 1 });
    expect(r).toMatchObject({ ok: true, writeFanout: false });
    expect(await store.head('c')).toBe(0);
    expect((await store.scan('g', 'c', 0, 10)).map((e) => JSON.parse(`{${e}`).cseq)).toEqual([1]);
    expect(await store.scan('g', 'zz', 0, 10)).toEqual([]);
    const c = await store.counters();
    expect([c.messageRows, c.inboxRows, c.logScans]).toEqual([1, 0, 1]);
  });

  it('ignores a stale unregister (the device already registered again) and forgets a registration past its TTL', async () => {
    const { store, got, tick } = await setup('write');
    const e1 = await store.register('c', 'd0', 0);
    const e2 = await store.register('c', 'd0', 0);
    await store.unregister('c', 'd0', 0, e1);
    await store.route({ user: 'a', device: 'd0', conv: 'g', id: 'm1', body: 'x', at: 1 });
    expect(got.at(-1)!.to).toContainEqual(['c', 'd0', 1]);
    expect((await store.counters()).staleRemovesIgnored).toBe(1);
    tick(DEFAULT_STORE_CONFIG.registryTtlMs + 1);
    await store.route({ user: 'a', device: 'd0', conv: 'g', id: 'm2', body: 'x', at: 2 });
    expect(got).toHaveLength(1);
    await store.heartbeat(0, [['c', 'd0', e2]]);
    await store.route({ user: 'a', device: 'd0', conv: 'g', id: 'm3', body: 'x', at: 3 });
    expect(got).toHaveLength(2);
  });

  it('serves one gateway only', async () => {
    const { store } = await setup();
    await expect(store.subscribe(1, () => {})).rejects.toThrow(/one gateway/);
  });
});

describe('load workload', () => {
  it('has exactly the clients asked for, every DM has two members, and a seed reproduces it', () => {
    const o = { clients: 1000, devicesPerUser: 1.3, groupsPerUser: 2, groupSizeMedian: 5, groupSizeP99: 100, groupSizeMax: 200, seed: 4 };
    const w = buildWorkload(o);
    expect(w.users.reduce((s, u) => s + u.devices.length, 0)).toBe(1000);
    expect(w.users).toHaveLength(Math.round(1000 / 1.3));
    for (const c of w.conversations.values()) expect(new Set(c.members).size).toBe(c.members.length);
    const memberships = w.users.reduce((s, u) => s + u.groups.length, 0);
    expect(memberships).toBeGreaterThanOrEqual(2 * w.users.length);
    expect(JSON.stringify([...buildWorkload(o).conversations.values()])).toBe(JSON.stringify([...w.conversations.values()]));
  });
});

describe('Real cluster tab series', () => {
  const stats = (at: number, conns: number[]): ClusterStats =>
    ({
      mode: 'redis',
      at,
      gateways: conns.map((c, id) => ({ id, pid: 1, port: 1, state: 'up', balancerConnections: c, connections: c, rssBytes: 100 * 1024 * 1024, heapUsedBytes: 0, messagesOut: 0 })),
      redis: { running: true, pid: 1, port: 1, commands: 0, opsPerSec: 50, usedMemoryBytes: 0, keys: 0 },
      load: null,
    }) as unknown as ClusterStats;

  it('appends one point per poll per gateway, in seconds since the first poll', () => {
    const h = appendSample(appendSample(emptyHistory(), stats(10_000, [5, 6])), stats(11_000, [7, 8]));
    expect(h.connections.map((s) => s.map((p) => [p.t, p.v]))).toEqual([
      [
        [0, 5],
        [1000, 7],
      ],
      [
        [0, 6],
        [1000, 8],
      ],
    ]);
    expect(h.redisOps).toHaveLength(2);
  });

  it('places the prediction at the fault second next to the measured attempts', () => {
    const load = { elapsedMs: 4500, attemptsPerSecond: [10, 0, 30, 5, 0], faults: [{ type: 'gateway-kill', gateway: 0, atMs: 2400 }], prediction: { faultAtMs: 1000, attemptsPerSecond: [40, 1] } } as unknown as LiveLoadFigures;
    const s = stormSeries(load);
    expect(s.measured.map((p) => p.t)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(s.predicted).toEqual([
      { t: 2000, v: 40 },
      { t: 3000, v: 1 },
    ]);
  });
});

describe('app endpoint', () => {
  it('talks to a loopback control endpoint only', () => {
    expect(controlUrl(undefined)).toBe('http://127.0.0.1:4101');
    expect(controlUrl('http://127.0.0.1:5000/x')).toBe('http://127.0.0.1:5000');
    expect(controlUrl('http://example.com:4101')).toBe('http://127.0.0.1:4101');
  });
});
