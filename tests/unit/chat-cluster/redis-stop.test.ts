/**
 * The third fault of issue 19: Redis stopped for a while under a 3-gateway cluster. Gateways lose
 * their shared store and bus; Redis stops gracefully and restarts on its append-only file, and a
 * message that could not be stored was never acknowledged. After Redis is back: nothing acknowledged lost, nothing
 * duplicated per device, one order per conversation, every client connected again.
 * Skipped without redis-server locally; required under CI=true (cluster.test.ts says so loudly).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterChild } from '../../../servers/chat/clusterChild';
import { runLoad } from '../../../servers/chat/load/loadGenerator';
import { findRedisServer } from '../../../servers/chat/redisServer';
import { expectGuarantees, loadOptions } from './support';

const started: ClusterChild[] = [];
afterAll(async () => {
  await Promise.all(started.map((c) => c.stop()));
}, 30_000);

describe.skipIf(!findRedisServer() && process.env.CI !== 'true')('chat cluster: Redis stopped for 2 s', () => {
  it('keeps every guarantee through the outage and everyone is connected afterwards', { timeout: 90_000 }, async () => {
    const cluster = await ClusterChild.start(['--gateways', '3', '--redis', 'required', '--heartbeat-ms', '2000', '--dead-peer-ms', '6000']);
    started.push(cluster);
    expect(cluster.mode).toBe('redis');
    const report = await runLoad(
      loadOptions(cluster.balancerUrl, cluster.controlUrl, {
        clients: 500,
        durationMs: 14_000,
        rampMs: 2000,
        sendsPerUserPerMin: 12,
        faults: [{ type: 'redis-stop', atMs: 5000, durationMs: 2000, afterRamp: true }],
      }),
    );
    expectGuarantees(report);
    const [outage] = report.storms;
    expect(outage.error).toBeNull();
    // the restart is graceful-stop + start on the same append-only file; clients cut meanwhile reconnect
    expect(outage.recoveryMs, 'every client the outage disconnected came back').not.toBeNull();
    expect(outage.withinBound, 'back within the backoff policy').toBe(outage.disconnected);
    expect(report.acknowledged, 'messages were acknowledged around the outage').toBeGreaterThan(0);
  });
});
