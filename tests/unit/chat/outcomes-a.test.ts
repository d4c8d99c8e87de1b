/**
 * Textbook outcomes 1–6 of chat-fanout.md §8(b), each against a seeded run.
 */
import { describe, expect, it } from 'vitest';
import { capacity, fitGroupSizes } from '@/simulations/chat/core';
import { RandomStream } from '@/simulations/core/rng';
import type { ChatModel } from '@/simulations/chat';
import { QUIET, run, runner, within } from './helpers';

describe('outcome 1: fan-out deliveries', () => {
  it('socket writes = S·E[g−1]·f·D and offline enqueues = S·E[g−1]·(1−f), ±3% over ≥10^5 sends', () => {
    const g = 20;
    const f = 0.3;
    const D = 2; // every device of an online user gets its own socket write
    const { r } = run({
      ...QUIET,
      users: 20_000,
      devicesPerUser: D,
      onlineFraction: f,
      groupShare: 1,
      groupsPerUser: 1,
      'groupSize.median': g,
      'groupSize.p99': g,
      'groupSize.max': g,
      sendsPerUserPerMin: 20,
      fanout: 'write',
      durationMs: 60_000,
    });
    expect(r.sends).toBeGreaterThanOrEqual(100_000);
    const recipients = r.sends * (g - 1);
    expect(r.devices).toBe(20_000 * D);
    expect(within(r.realtimeWrites, recipients * f * D, 0.03)).toBe(true);
    expect(within(r.offlineEnqueues, recipients * (1 - f), 0.03)).toBe(true);
    expect(r.pushes).toBe(r.offlineEnqueues);
  });

  it('only online users send: every group message comes from a member who is connected at that moment', () => {
    const rn = runner({ ...QUIET, users: 3000, onlineFraction: 0.3, groupShare: 1, groupsPerUser: 2, 'groupSize.median': 6, 'groupSize.p99': 100, 'groupSize.max': 300, sendsPerUserPerMin: 6, traceMessages: true, durationMs: 20_000 });
    const m = rn.model as ChatModel;
    const online = Array.from(m.devices.userOnlineDevices, (n) => n > 0); // no churn and no faults: fixed for the run
    expect(online.filter(Boolean).length).toBe(900);
    rn.runToEnd();
    const sends = rn.recorder.events.filter((e) => e.type === 'send') as unknown as { sender: number; group: number }[];
    expect(sends.filter((e) => e.group >= 0).length).toBeGreaterThan(0.99 * sends.length);
    expect(sends.filter((e) => !online[e.sender]).length).toBe(0);
  });

  it('E[g−1] over a Zipf mix is dominated by the tail: the largest 1% of groups outweigh the smaller half', () => {
    const dist = fitGroupSizes({ median: 6, p99: 500, max: 1024 });
    const rng = new RandomStream(1, 'zipf');
    const sizes = Array.from({ length: 100_000 }, () => dist.sample(rng.next())).sort((a, b) => a - b);
    const total = sizes.reduce((s, x) => s + x - 1, 0);
    const top = sizes.slice(Math.floor(sizes.length * 0.99)).reduce((s, x) => s + x - 1, 0);
    expect(sizes[Math.floor(sizes.length / 2)]).toBe(6);
    expect(within(sizes[Math.floor(sizes.length * 0.99)], 500, 0.1)).toBe(true);
    const bottomHalf = sizes.slice(0, sizes.length / 2).reduce((s, x) => s + x - 1, 0);
    expect(top).toBeGreaterThan(2 * bottomHalf);
    expect(total / sizes.length).toBeGreaterThan(3 * (6 - 1));
  });
});

describe('outcome 2: fan-out on write vs on read (exact counts)', () => {
  const base = {
    ...QUIET,
    users: 3000,
    onlineFraction: 0.7,
    groupShare: 0.6,
    groupsPerUser: 2,
    'groupSize.median': 6,
    'groupSize.p99': 200,
    'groupSize.max': 1000,
    sendsPerUserPerMin: 2,
    durationMs: 20_000,
    traceMessages: true,
  };
  function sizesOf(events: readonly { type: string }[]): number[] {
    return events.filter((e) => e.type === 'send').map((e) => (e as unknown as { size: number }).size);
  }
  for (const [mode, T] of [['write', 100], ['read', 100], ['hybrid', 20]] as const) {
    it(`${mode}${mode === 'hybrid' ? `(T=${T})` : ''}: storage writes = Σ (write ? 1 + (g−1) : 1)`, () => {
      const { r, runner: rn } = run({ ...base, fanout: mode, fanoutThreshold: T });
      const sizes = sizesOf(rn.recorder.events);
      expect(sizes.length).toBe(r.sends);
      const writeFanout = (g: number) => mode === 'write' || (mode === 'hybrid' && g <= T);
      const expected = sizes.reduce((s, g) => s + (writeFanout(g) ? g : 1), 0);
      expect(r.storage.writes).toBe(expected);
      // hybrid amplification = E[g−1 | g ≤ T]·P(g ≤ T) + P(g > T) over the messages' size mix
      if (mode === 'hybrid') {
        const amp = sizes.reduce((s, g) => s + (g <= T ? g - 1 : 1), 0) / sizes.length;
        expect((r.storage.inboxRows + r.storage.messageRows - r.sends + sizes.filter((g) => g > T).length) / r.sends).toBeCloseTo(amp, 12);
      }
    });
  }

  it('reads on reconnect: write mode reads one inbox range per syncing device, read mode scans one log per conversation with news', () => {
    const scenario = {
      ...QUIET,
      users: 60,
      gateways: 2,
      groupShare: 1,
      groupsPerUser: 1,
      'groupSize.median': 60,
      'groupSize.p99': 60,
      'groupSize.max': 60,
      sendsPerUserPerMin: 3,
      'reconnect.policy': 'fixed' as const,
      'reconnect.baseMs': 12_000,
      'reconnect.capMs': 12_000,
      rttMs: 0,
      faults: [{ atMs: 1000, type: 'gateway-crash' as const, gateway: 0, durationMs: 10_000 }],
      durationMs: 30_000,
    };
    const w = run({ ...scenario, fanout: 'write' }, 3);
    const rd = run({ ...scenario, fanout: 'read' }, 3);
    const crashed = w.r.reconnect.clients;
    expect(crashed).toBe(30);
    expect(w.r.storage.inboxReads).toBe(crashed);
    expect(w.r.storage.logScans).toBe(0);
    expect(rd.r.storage.logScans).toBe(crashed);
    expect(rd.r.storage.inboxReads).toBe(0);
  });
});

describe('outcome 3: gateway count and memory (exact)', () => {
  it('WhatsApp 2012: 2,277,845 connections × 25 KB fit one 96 GB box at under 70% of RAM', () => {
    const c = capacity({ connections: 2_277_845, serverModel: 'actor', memoryPerConnectionKB: 25, threadStackKB: 1024, gatewayRamGB: 96, fdLimit: 2_700_000, cpuMicrosPerSec: 0, cores: 24 });
    expect(c.gatewaysNeeded).toBe(1);
    expect(c.byMemory).toBe(1);
    expect((2_277_845 * 25) / (96 * 1024 * 1024)).toBeLessThan(0.7);
    expect(c.maxConnectionsPerGateway).toBe(2_700_000);
  });

  it('thread per connection: a 1 MB stack caps a 96 GiB box at 98,304 connections', () => {
    const c = capacity({ connections: 1_000_000, serverModel: 'thread-per-connection', memoryPerConnectionKB: 0.5, threadStackKB: 1023.5, gatewayRamGB: 96, fdLimit: 10_000_000, cpuMicrosPerSec: 0, cores: 24 });
    expect(c.maxConnectionsPerGateway).toBe(98_304);
    expect(c.byMemory).toBe(Math.ceil(1_000_000 / 98_304));
  });

  it('the simulated fleet reports G = max(⌈N·m/RAM⌉, ⌈N/fd⌉, G_cpu) for its demand and holds no more than fd per box', () => {
    const { r } = run({ ...QUIET, users: 10_000, gateways: 4, serverModel: 'thread-per-connection', memoryPerConnectionKB: 16, threadStackKB: 1024, gatewayRamGB: 8, fdLimit: 1024, durationMs: 10_000 });
    expect(r.peakDemandDevices).toBe(10_000);
    expect(r.gatewaysNeededBy.memory).toBe(Math.ceil((10_000 * 1040) / (8 * 1024 * 1024)));
    expect(r.gatewaysNeededBy.fd).toBe(Math.ceil(10_000 / 1024));
    expect(r.gatewaysNeeded).toBe(Math.max(r.gatewaysNeededBy.memory, r.gatewaysNeededBy.fd, r.gatewaysNeededBy.cpu));
    expect(r.gatewaysNeeded).toBe(10);
    expect(r.peakConnectedDevices).toBe(4 * 1024);
    expect(r.memoryPerGatewayMB).toBe(1040);
  });
});

describe('outcome 4: cross-gateway traffic', () => {
  it('random placement: (G−1)/G of writes cross gateways; distinct gateways touched = G·(1 − (1 − 1/G)^k), ±2%', () => {
    const G = 8;
    const g = 10;
    const { r } = run({
      ...QUIET,
      users: 20_000,
      gateways: G,
      'lb.policy': 'random',
      groupShare: 1,
      groupsPerUser: 1,
      'groupSize.median': g,
      'groupSize.p99': g,
      'groupSize.max': g,
      sendsPerUserPerMin: 1,
      durationMs: 60_000,
    });
    expect(r.sends).toBeGreaterThan(15_000);
    const k = g - 1;
    expect(within(r.gatewaysTouchedMean!, G * (1 - Math.pow(1 - 1 / G, k)), 0.02)).toBe(true);
    expect(within(r.crossGatewayShare!, (G - 1) / G, 0.02)).toBe(true);
  });
});

describe('outcome 5: heartbeat load', () => {
  it('heartbeats/s = N/h (±1%), and halving h doubles it', () => {
    const N = 30_000;
    const a = run({ ...QUIET, users: N, heartbeatMs: 30_000, durationMs: 60_000 }).r;
    const b = run({ ...QUIET, users: N, heartbeatMs: 15_000, 'presence.d': 15_000, durationMs: 60_000 }).r;
    expect(within(a.heartbeats / 60, N / 30, 0.01)).toBe(true);
    expect(within(b.heartbeats / 60, N / 15, 0.01)).toBe(true);
  });
});

describe('the trade-off slider: presence d follows the heartbeat interval h unless set', () => {
  function offlineDelays(h: number): number[] {
    const crashAt = 40_000;
    const rn = runner({ ...QUIET, users: 6000, gateways: 2, heartbeatMs: h, 'reconnect.policy': 'fixed', 'reconnect.baseMs': 600_000, 'reconnect.capMs': 600_000, traceMessages: true, faults: [{ atMs: crashAt, type: 'gateway-crash', gateway: 0 }], durationMs: 90_000 });
    rn.runToEnd();
    return (rn.recorder.events.filter((e) => e.type === 'presence' && (e as unknown as { status: number }).status === 0) as unknown as { at: number }[]).map((e) => e.at - crashAt);
  }

  it('a 45 s heartbeat (slower than the 30 s default) does not make users flap offline between beats', () => {
    const { r } = run({ ...QUIET, users: 2000, heartbeatMs: 45_000, durationMs: 120_000 });
    expect(r.heartbeats).toBeGreaterThan(2000);
    expect(r.presenceChanges).toBe(0);
  });

  it('halving h (d following it) halves the d/2 part of the mean detection delay: h/2 + 2ε (±5%)', () => {
    for (const h of [30_000, 15_000]) {
      const delays = offlineDelays(h);
      expect(delays.length).toBe(3000);
      const mean = delays.reduce((s, x) => s + x, 0) / delays.length;
      expect(within(mean, h / 2 + 2 * 5000, 0.05)).toBe(true);
      expect(Math.max(...delays)).toBeLessThanOrEqual(h + 2 * 5000 + 1e-6);
    }
  });
});

describe('outcome 6: presence detection delay (LinkedIn d + 2ε)', () => {
  it('after a crash, offline is published uniformly on [2ε, d + 2ε] after the crash: mean d/2 + 2ε (±5%), KS-uniform, each exactly d + 2ε after its last heartbeat', () => {
    const d = 30_000;
    const eps = 5000;
    const crashAt = 37_300;
    const rn = runner({
      ...QUIET,
      users: 20_000,
      gateways: 2,
      heartbeatMs: d,
      'presence.d': d,
      'presence.epsilon': eps,
      'reconnect.policy': 'fixed',
      'reconnect.baseMs': 600_000,
      'reconnect.capMs': 600_000,
      traceMessages: true,
      faults: [{ atMs: crashAt, type: 'gateway-crash', gateway: 0 }],
      durationMs: 90_000,
    });
    // each crashed user must go offline exactly d + 2ε after its last heartbeat before the crash
    const m = rn.model as ChatModel;
    rn.runTo(crashAt - 1);
    const expectedOffline = new Map<number, number>();
    for (let dev = 0; dev < m.devices.serverGw.length; dev++) {
      if (m.devices.serverGw[dev] !== 0) continue;
      const c = m.devices.connectAt[dev];
      expectedOffline.set(m.pop.deviceUser[dev], c + Math.floor((crashAt - c) / d) * d + d + 2 * eps);
    }
    rn.runToEnd();
    const offline = rn.recorder.events.filter((e) => e.type === 'presence' && (e as unknown as { status: number }).status === 0) as unknown as { user: number; at: number }[];
    expect(offline.length).toBe(10_000);
    for (const e of offline) expect(e.at).toBeCloseTo(expectedOffline.get(e.user)!, 6);
    const delays = offline.map((e) => e.at - crashAt).sort((x, y) => x - y);
    const mean = delays.reduce((s, x) => s + x, 0) / delays.length;
    expect(within(mean, d / 2 + 2 * eps, 0.05)).toBe(true);
    expect(delays[0]).toBeGreaterThanOrEqual(2 * eps - 1e-6);
    expect(delays[delays.length - 1]).toBeLessThanOrEqual(d + 2 * eps + 1e-6);
    let ks = 0;
    delays.forEach((x, i) => {
      const cdf = (x - 2 * eps) / d;
      ks = Math.max(ks, Math.abs(cdf - i / delays.length), Math.abs(cdf - (i + 1) / delays.length));
    });
    expect(ks).toBeLessThan(1.63 / Math.sqrt(delays.length)); // 1% level
    // presence expiry also evicted the crashed gateway's stale registry entries
    const r = rn.result() as { registry: { evictions: number } };
    expect(r.registry.evictions).toBe(10_000);
  });
});
