import { expect } from 'vitest';
import type { LoadOptions, LoadReport } from '../../../servers/chat/load/loadGenerator';

/** The load generator's settings for the integration runs (bounded: counts and seconds). */
export function loadOptions(balancerUrl: string, controlUrl: string, over: Partial<LoadOptions>): LoadOptions {
  return {
    balancerUrl,
    controlUrl,
    clients: 2000,
    devicesPerUser: 1.3,
    groupsPerUser: 2,
    groupSizeMedian: 5,
    groupSizeP99: 150,
    groupSizeMax: 300,
    seed: 19,
    durationMs: 20_000,
    rampMs: 8000,
    sendsPerUserPerMin: 2,
    groupShare: 0.3,
    heartbeatMs: 5000,
    pingTimeoutMs: 5000,
    backoff: { policy: 'full-jitter', baseMs: 1000, capMs: 10_000 },
    fanout: 'hybrid',
    fanoutThreshold: 100,
    faults: [],
    drainMs: 40_000,
    ...over,
  };
}

/** The four guarantees: nothing acknowledged lost, no duplicate per device, order per conversation, everyone back. */
export function expectGuarantees(r: LoadReport): void {
  const { attemptsPerSecond: _series, ...summary } = r;
  console.log(`chat-cluster load report: ${JSON.stringify({ ...summary, storms: r.storms.map(({ attemptsPerSecond: _s, ...s }) => s) })}`);
  expect(r.acknowledged, 'messages were sent and acknowledged').toBeGreaterThan(100);
  expect(r.acknowledged, 'every send acknowledged after the drain').toBe(r.sends);
  expect(r.expectedDeliveries).toBeGreaterThan(r.acknowledged);
  expect(r.lost, 'acknowledged messages missing at a member device').toBe(0);
  expect(r.skippedBySync, 'sync answers that jumped over entries').toBe(0);
  expect(r.duplicates, 'messages the application saw twice on one device').toBe(0);
  expect(r.outOfOrder, 'deliveries older than one already shown in the same conversation').toBe(0);
  expect(r.notReconnected, 'clients not connected at the end').toBe(0);
  expect(r.notSynced, 'clients not synced at the end').toBe(0);
}
