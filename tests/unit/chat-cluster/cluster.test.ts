/**
 * The real chat cluster end to end: 3 gateway processes + Redis + 2,000 WebSocket clients, one
 * gateway killed with SIGKILL mid-run; then one gateway on the embedded bus (no Redis) through a
 * partition. Bounded: ~20 s of load each, 127.0.0.1 only, every process stopped by PID.
 *
 * Without redis-server this file SKIPS the Redis run locally (install: apt-get install -y
 * redis-server) and FAILS under CI=true, where .ci/run installs it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ChatCluster, DEFAULT_CLUSTER_OPTIONS } from '../../../servers/chat/cluster';
import { ClusterChild } from '../../../servers/chat/clusterChild';
import { runLoad } from '../../../servers/chat/load/loadGenerator';
import { findRedisServer } from '../../../servers/chat/redisServer';
import { expectGuarantees, loadOptions } from './support';

const redisServer = findRedisServer();
const requireRedis = process.env.CI === 'true';
const started: ClusterChild[] = [];
afterAll(async () => {
  await Promise.all(started.map((c) => c.stop()));
}, 30_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('chat cluster over Redis: 3 gateways, 2,000 clients, kill -9 one gateway', () => {
  if (!redisServer) {
    if (requireRedis) {
      it('needs redis-server under CI=true', () => {
        throw new Error('redis-server is not installed; .ci/run installs it (apt-get install -y redis-server)');
      });
    } else {
      console.warn('chat-cluster: SKIPPING the Redis run: redis-server is not installed (apt-get install -y redis-server)');
      it.skip('SKIPPED: redis-server is not installed (apt-get install -y redis-server)', () => {});
    }
    return;
  }

  it('loses nothing acknowledged, duplicates nothing, keeps per-conversation order and brings every client back within the backoff bound', { timeout: 120_000 }, async () => {
    // the cluster in its own process (balancer + control endpoint), as `npm run chat:cluster` runs it
    const cluster = await ClusterChild.start(['--gateways', '3', '--redis', 'required', '--heartbeat-ms', '5000', '--dead-peer-ms', '15000']);
    started.push(cluster);
    expect(cluster.mode).toBe('redis');
    expect(cluster.gatewayPids).toHaveLength(3);
    const victim = cluster.gatewayPids[0];
    const report = await runLoad(loadOptions(cluster.balancerUrl, cluster.controlUrl, { faults: [{ type: 'gateway-kill', gateway: 0, atMs: 12_000, afterRamp: true }] }));
    expect(report.clients).toBe(2000);
    expectGuarantees(report);

    const [storm] = report.storms;
    expect(storm.error).toBeNull();
    expect(alive(victim), 'the killed gateway process is gone').toBe(false);
    // the kill waits until every client has connected once; least connections spread them evenly, so
    // the killed gateway held about a third (on a starved machine a few more drop on their own)
    expect(storm.onlineAtFault).toBeGreaterThan(1500);
    expect(storm.disconnected).toBeGreaterThan(storm.onlineAtFault * 0.2);
    expect(storm.recoveryMs, 'every client the crash disconnected came back').not.toBeNull();
    expect(storm.withinBound, 'back within the backoff policy (waits no longer than it allows, at most 5 attempts)').toBe(storm.disconnected);
    expect(storm.peakAttemptsPerSec).toBeGreaterThan(0);

    const stats = await cluster.stats();
    expect(stats.gateways[0].state).toBe('killed');
    expect(stats.gateways[0].rssBytes).toBeNull();
    expect(stats.gateways[1].messagesOut! + stats.gateways[2].messagesOut!, 'the survivors delivered').toBeGreaterThan(report.acknowledged);
    expect(stats.counters!.sends).toBe(report.acknowledged);
    expect(stats.counters!.inboxRows).toBeGreaterThan(0);
    expect(stats.redis!.commands).toBeGreaterThan(report.acknowledged);
  });
});

describe('chat cluster without Redis: the embedded bus serves one gateway', () => {
  it('keeps the guarantees through a partition of its only gateway', { timeout: 60_000 }, async () => {
    const cluster = await ClusterChild.start(['--gateways', '1', '--redis', 'off', '--heartbeat-ms', '1000', '--dead-peer-ms', '3000']);
    started.push(cluster);
    expect(cluster.mode).toBe('embedded');
    const report = await runLoad(
      loadOptions(cluster.balancerUrl, cluster.controlUrl, {
        clients: 400,
        durationMs: 10_000,
        rampMs: 2000,
        heartbeatMs: 1000,
        pingTimeoutMs: 1000,
        sendsPerUserPerMin: 12,
        faults: [{ type: 'gateway-partition', gateway: 0, atMs: 4000, durationMs: 2000, afterRamp: true }],
      }),
    );
    expectGuarantees(report);
    const [storm] = report.storms;
    expect(storm.error).toBeNull();
    expect(storm.onlineAtFault).toBe(400);
    expect(storm.disconnected, 'the partition cut every client (heartbeats unanswered)').toBe(400);
    expect(storm.recoveryMs).not.toBeNull();
    const stats = await cluster.stats();
    expect(stats.redis).toBeNull();
    expect(stats.counters!.sends).toBe(report.acknowledged);
  });

  it('refuses more than one gateway without Redis, naming the fix', async () => {
    await expect(ChatCluster.start({ ...DEFAULT_CLUSTER_OPTIONS, gateways: 2, redis: 'off' })).rejects.toThrow(/needs Redis.*apt-get install -y redis-server/);
  });
});
