/**
 * Whole-system properties over seeded runs with faults: no message is lost for a device that comes
 * back within the TTL, none is delivered twice to one device, and runs are deterministic.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatParams } from '@/simulations/chat';
import { QUIET, run } from './helpers';

type Send = { msg: number; sender: number; group: number; to?: number };
type Deliver = { msg: number; device: number; user: number };

function faultyScenario(seed: number, policy: ChatParams['reconnect.policy'], partitionMs: number, fanout: ChatParams['fanout'] = 'write'): Partial<ChatParams> {
  return {
    ...QUIET,
    users: 1500,
    devicesPerUser: 1.5,
    onlineFraction: 0.7,
    gateways: 4,
    groupShare: 0.5,
    groupsPerUser: 2,
    'groupSize.median': 5,
    'groupSize.p99': 60,
    'groupSize.max': 200,
    sendsPerUserPerMin: 4,
    'session.meanMs': 20_000,
    'slowConsumer.fraction': 0.05,
    'slowConsumer.bytesPerSec': 500,
    'slowConsumer.bufferKB': 1,
    heartbeatMs: 5000,
    'presence.d': 5000,
    'presence.epsilon': 1000,
    pingTimeoutMs: 3000,
    deadPeerTimeoutMs: 10_000,
    'reconnect.policy': policy,
    'reconnect.baseMs': 500,
    'reconnect.capMs': 5000,
    fanout,
    fanoutThreshold: 5, // hybrid: groups up to the median fan out on write, bigger ones on read
    traceMessages: true,
    faults: [
      { atMs: 5000 + (seed % 7) * 1000, type: 'gateway-crash', gateway: 0, durationMs: 8000 },
      { atMs: 12_000, type: 'partition', gateway: 1, durationMs: partitionMs },
      { atMs: 20_000, type: 'drain', gateway: 2, durationMs: 5000 },
    ],
    durationMs: 45_000,
  };
}

describe('delivery guarantees under crashes, partitions, drains, churn and slow consumers', () => {
  // read and hybrid matter most with several devices per user: the conversation cursor is per member
  it.each(['write', 'read', 'hybrid'] as const)('fan-out on %s: every device that is connected and healthy at the end has every message of its user exactly once', (fanout) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom<ChatParams['reconnect.policy']>('full-jitter', 'exponential', 'decorrelated-jitter', 'fixed'),
        fc.integer({ min: 2000, max: 25_000 }),
        (seed, policy, partitionMs) => {
          const { model, runner, r } = run(faultyScenario(seed, policy, partitionMs, fanout), seed);
          const events = runner.recorder.events;
          expect(runner.recorder.dropped).toBe(0);
          const m = model;
          const expectedByUser = new Map<number, Set<number>>();
          const add = (u: number, msg: number) => {
            let s = expectedByUser.get(u);
            if (!s) expectedByUser.set(u, (s = new Set()));
            s.add(msg);
          };
          const deliveredByDevice = new Map<number, Set<number>>();
          let duplicates = 0;
          for (const e of events) {
            if (e.type === 'send') {
              const s = e as unknown as Send;
              if (s.group < 0) add(s.to!, s.msg);
              else for (let i = m.groups.start[s.group]; i < m.groups.start[s.group + 1]; i++) if (m.groups.members[i] !== s.sender) add(m.groups.members[i], s.msg);
            } else if (e.type === 'deliver') {
              const d = e as unknown as Deliver;
              let set = deliveredByDevice.get(d.device);
              if (!set) deliveredByDevice.set(d.device, (set = new Set()));
              if (set.has(d.msg)) duplicates++;
              set.add(d.msg);
            }
          }
          expect(duplicates).toBe(0);
          expect(r.lostToTtl).toBe(0);
          let checked = 0;
          for (let dev = 0; dev < m.devices.state.length; dev++) {
            const g = m.devices.serverGw[dev];
            const healthy = m.devices.state[dev] === 2 && g >= 0 && m.devices.clientGw[dev] === g && !m.gateways.gws[g].partitioned;
            if (!healthy) continue;
            const expected = expectedByUser.get(m.pop.deviceUser[dev]) ?? new Set<number>();
            const got = deliveredByDevice.get(dev) ?? new Set<number>();
            expect(got.size).toBe(expected.size);
            for (const msg of expected) expect(got.has(msg)).toBe(true);
            checked++;
          }
          expect(checked).toBeGreaterThan(500);
          // the faults really did force replays
          expect(r.syncWrites).toBeGreaterThan(0);
          expect(r.reconnect.clients).toBeGreaterThan(100);
        },
      ),
      {
        numRuns: fanout === 'write' ? 3 : 2,
        // found by this property: a device that connected but had not synced yet got a live message
        // of a read-fanout group, and the member's cursor jumped over the older one it had not read
        examples: [
          [990226, 'decorrelated-jitter', 2000],
          [810319, 'decorrelated-jitter', 4079],
        ],
      },
    );
  });

  it('same seed and params ⇒ identical event log and result; another seed differs', () => {
    const a = run(faultyScenario(3, 'full-jitter', 9000), 3);
    const b = run(faultyScenario(3, 'full-jitter', 9000), 3);
    const c = run(faultyScenario(3, 'full-jitter', 9000), 4);
    expect(JSON.stringify(b.runner.recorder.events)).toBe(JSON.stringify(a.runner.recorder.events));
    expect(b.r).toEqual(a.r);
    expect(JSON.stringify(c.runner.recorder.events)).not.toBe(JSON.stringify(a.runner.recorder.events));
  });
});
