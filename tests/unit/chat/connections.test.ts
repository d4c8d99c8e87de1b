/**
 * Connection handling: partitions are detected only by heartbeats, the load balancer's idle timeout
 * cuts connections whose heartbeat is too slow, slow consumers are disconnected, and the diurnal
 * curve moves the online population.
 */
import { describe, expect, it } from 'vitest';
import { QUIET, run, runner } from './helpers';

describe('partition: detected only by heartbeat', () => {
  it('clients give up between pingTimeout and h + pingTimeout after the cut; the gateway closes at lastHeartbeat + deadPeerTimeout', () => {
    const h = 20_000;
    const ping = 5000;
    const deadPeer = 40_000;
    const cut = 30_000;
    const rn = runner({
      ...QUIET,
      users: 4000,
      gateways: 2,
      heartbeatMs: h,
      'presence.d': h,
      pingTimeoutMs: ping,
      deadPeerTimeoutMs: deadPeer,
      'reconnect.policy': 'full-jitter',
      'reconnect.baseMs': 1000,
      traceMessages: true,
      faults: [{ atMs: cut, type: 'partition', gateway: 0, durationMs: 120_000 }],
      durationMs: 100_000,
    });
    rn.runToEnd();
    const r = rn.result();
    const back = rn.recorder.events.filter((e) => e.type === 'reconnected');
    expect(r.reconnect.clients).toBe(2000);
    expect(back.length).toBe(2000);
    for (const e of back) expect(e.t).toBeGreaterThanOrEqual(cut + ping);
    // most within one heartbeat + ping timeout + first backoff window; the rest first tried the
    // partitioned gateway again (the LB only drops it after its own dead-peer timeout)
    expect(back.filter((e) => e.t <= cut + h + ping + 1000 + 10).length).toBeGreaterThan(0.8 * 2000);
    expect(r.reconnect.stillDisconnected).toBe(0);
    // the gateway could not tell: it closed each half-open connection deadPeer after the last
    // heartbeat it got, or found it superseded by a newer epoch (a stale removal the registry ignores)
    expect(r.deadPeerCloses + r.registry.staleRemovesIgnored).toBe(2000);
    expect(r.registry.staleRemovesIgnored).toBeGreaterThan(0);
    expect(r.gateways[0].connections).toBe(0);
  });
});

describe('load balancer idle timeout', () => {
  it('heartbeats slower than the idle timeout get every connection cut; faster ones keep them', () => {
    const slow = run({ ...QUIET, users: 1000, heartbeatMs: 70_000, 'presence.d': 70_000, 'lb.idleTimeoutMs': 60_000, durationMs: 150_000 }).r;
    const fast = run({ ...QUIET, users: 1000, heartbeatMs: 30_000, 'lb.idleTimeoutMs': 60_000, durationMs: 150_000 }).r;
    expect(slow.idleTimeoutDisconnects).toBeGreaterThanOrEqual(1000);
    expect(fast.idleTimeoutDisconnects).toBe(0);
  });
});

describe('slow consumer with a bounded send buffer', () => {
  it('a device that cannot drain its buffer is disconnected; fast devices are not', () => {
    const { r, model, runner: rn } = run({
      ...QUIET,
      users: 500,
      groupShare: 1,
      groupsPerUser: 1,
      'groupSize.median': 500,
      'groupSize.p99': 500,
      'groupSize.max': 500,
      sendsPerUserPerMin: 1,
      messageBytes: 1000,
      'slowConsumer.fraction': 0.1,
      'slowConsumer.bytesPerSec': 1000,
      'slowConsumer.bufferKB': 8,
      traceMessages: true,
      durationMs: 30_000,
    });
    expect(r.slowConsumerDisconnects).toBeGreaterThan(0);
    const slow = model.devices.slow;
    const dropped = new Set(rn.recorder.events.filter((e) => e.type === 'reconnected').map((e) => (e as unknown as { device: number }).device));
    expect(dropped.size).toBeGreaterThan(0);
    for (const d of dropped) expect(slow[d]).toBe(1);
  });
});

describe('diurnal online curve', () => {
  it('more devices are connected around the 11:00–14:00 peaks than at night', () => {
    const day = 240_000;
    const rn = runner({ ...QUIET, users: 5000, onlineFraction: 0.8, 'diurnal.dayMs': day, heartbeatTicks: 30, durationMs: day });
    rn.runToEnd();
    const at = (hour: number) => rn.recorder.series('connectedDevices').find((p) => p.t >= (hour / 24) * day)!.v;
    expect(at(12.5)).toBeGreaterThan(1.4 * at(3));
    expect(at(12.5)).toBeGreaterThan(at(20));
  });
});

describe('offline queue TTL', () => {
  it('devices away longer than the TTL lose the expired messages (counted); with a long TTL nothing is lost', () => {
    const scenario = { ...QUIET, users: 2000, onlineFraction: 0.5, 'session.meanMs': 20_000, sendsPerUserPerMin: 6, fanout: 'write' as const, durationMs: 120_000 };
    const short = run({ ...scenario, offlineTtlMs: 5000 }).r;
    const long = run({ ...scenario, offlineTtlMs: 3_600_000 }).r;
    expect(short.lostToTtl).toBeGreaterThan(0);
    expect(short.offlineBacklog).toBeLessThan(long.offlineBacklog / 2);
    expect(long.lostToTtl).toBe(0);
  });
});
