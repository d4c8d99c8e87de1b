/**
 * The view's activity samples: bounded per time bucket, newest first, and consistent with the run.
 */
import { describe, expect, it } from 'vitest';
import { BucketSampler, WriteSample, PresenceSample, HUB_RELAY, HUB_DIRECT } from '@/simulations/chat/metrics/activity';
import { run } from './helpers';

describe('activity samples', () => {
  it('admit at most perBucket offers per bucket, and refuse a bucket that has passed', () => {
    const s = new BucketSampler(10, 2);
    expect([0, 1, 2, 9].map((t) => s.admit(t))).toEqual([true, true, false, false]);
    expect(s.admit(10)).toBe(true);
    expect(s.admit(5)).toBe(false);
    expect(s.admit(25)).toBe(true);
  });

  it('a ring keeps the newest `capacity` items and lists a time window newest first', () => {
    const w = new WriteSample(4, 1, 1);
    for (let t = 0; t < 10; t++) w.offer(t, t + 0.5, t, -1, t % 3, HUB_DIRECT, -1);
    expect(w.size).toBe(4);
    expect(w.recent(-1, 100, 10).map((x) => x.sentAt)).toEqual([9, 8, 7, 6]);
    expect(w.recent(6, 8, 10).map((x) => x.device)).toEqual([8, 7]);
    expect(w.recent(-1, 100, 2)).toHaveLength(2);
    const p = new PresenceSample(3, 1, 5);
    p.offer(1, 7, 1, 40);
    p.offer(1, 8, 0, 2);
    expect(p.recent(0, 1, 5)).toEqual([
      { at: 1, user: 8, status: 0, audience: 2 },
      { at: 1, user: 7, status: 1, audience: 40 },
    ]);
  });

  it('in a run: relayed writes name their relay, every sampled write is a real device and gateway', () => {
    const { model } = run({
      users: 3000,
      devicesPerUser: 1,
      onlineFraction: 1,
      gateways: 4,
      groupShare: 1,
      groupsPerUser: 1,
      'groupSize.median': 3000,
      'groupSize.p99': 3000,
      'groupSize.max': 3000,
      sendsPerUserPerMin: 0.2,
      relays: 8,
      relayThreshold: 100,
      'presence.changesPerUserPerMin': 1,
      durationMs: 10_000,
    });
    const writes = model.metrics.recentWrites.recent(-1, Infinity, 10_000);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.length).toBeLessThanOrEqual(model.metrics.recentWrites.capacity);
    for (const w of writes) {
      expect(w.device).toBeGreaterThanOrEqual(0);
      expect(w.device).toBeLessThan(model.pop.devices);
      expect(w.toGateway).toBeGreaterThanOrEqual(0);
      expect(w.toGateway).toBeLessThan(4);
      expect(w.hub).toBe(HUB_RELAY);
      expect(w.hubIndex).toBeGreaterThanOrEqual(0);
      expect(w.hubIndex).toBeLessThan(8);
      expect(w.arriveAt).toBeGreaterThan(w.sentAt);
    }
    const presence = model.metrics.recentPresence.recent(-1, Infinity, 1000);
    expect(presence.length).toBeGreaterThan(0);
    expect(presence.some((x) => x.audience > 1000)).toBe(true);
  });
});
