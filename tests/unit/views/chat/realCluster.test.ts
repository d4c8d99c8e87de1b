/**
 * The chat lab's Real cluster tab renders a running cluster's figures (server-side render, like the
 * simulation view): gateways with connections and RSS per connection, fault buttons (a killed gateway's
 * disabled), the load generator's figures with the prediction, and the charts; without a load generator
 * it says how to start one.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { RealCluster } from '@/components/labs/chat/parts/RealCluster';
import { appendSample, emptyHistory, type ClusterStats, type LiveLoadFigures } from '@/components/labs/chat/parts/realCluster';

const load: LiveLoadFigures = {
  at: 2000,
  elapsedMs: 20_000,
  clients: 2000,
  online: 1990,
  sends: 800,
  acknowledged: 795,
  deliveries: 28_000,
  deliveryLatencyMs: { p50: 40, p99: 300, max: 900 },
  connectLatencyMs: { p50: 80, p99: 900, max: 1200 },
  attemptsPerSecond: [400, 900, 300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 660, 4, 0],
  duplicates: 0,
  outOfOrder: 0,
  faults: [{ type: 'gateway-kill', gateway: 0, atMs: 12_300 }],
  prediction: { faultAtMs: 12_000, faultType: 'gateway-kill', peakAttemptsPerSec: 666, recoveryMs: 1001, attemptsPerClient: 1, disconnected: 667, attemptsPerSecond: [666, 1], deliveryLatencyMs: { p50: 40, p99: 250 }, memoryPerConnectionKB: 12 },
};

function stats(withLoad: boolean): ClusterStats {
  return {
    mode: 'redis',
    options: { gateways: 3, lbPolicy: 'least-connections', heartbeatMs: 5000, deadPeerTimeoutMs: 15_000, fanout: 'hybrid', fanoutThreshold: 100 },
    at: 1000,
    uptimeMs: 30_000,
    balancer: { url: 'ws://127.0.0.1:4100', attempts: 2700, refused: 0, attemptsPerSecond: [] },
    gateways: [
      { id: 0, pid: null, port: 1, state: 'killed', balancerConnections: 0, connections: null, rssBytes: null, heapUsedBytes: null, messagesOut: null },
      { id: 1, pid: 11, port: 2, state: 'up', balancerConnections: 1000, connections: 1000, rssBytes: 100 * 1024 * 1024, heapUsedBytes: 1, messagesOut: 5 },
      { id: 2, pid: 12, port: 3, state: 'partitioned', balancerConnections: 990, connections: 990, rssBytes: 99 * 1024 * 1024, heapUsedBytes: 1, messagesOut: 5 },
    ],
    redis: { running: true, pid: 10, port: 5, commands: 100_000, opsPerSec: 4200, usedMemoryBytes: 5_000_000, keys: 14_000 },
    counters: null,
    presentUsers: 1500,
    faults: [],
    load: withLoad ? load : null,
  };
}

describe('Real cluster tab', () => {
  it('shows gateways, fault buttons, load figures with the prediction, and the storm chart', () => {
    const s = stats(true);
    const html = renderToString(createElement(RealCluster, { stats: s, history: appendSample(emptyHistory(), s), presenter: false }));
    for (const id of ['chat-real-cluster', 'chat-real-gateways', 'chat-real-load']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Gateways over Redis (4,200 ops/s, 14,000 keys)');
    expect(html).toContain('102.4 KiB'); // 100 MiB / 1000 connections
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>kill -9 gateway <!-- -->0/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>kill -9 gateway <!-- -->1/);
    expect(html).toContain('peak <!-- -->666<!-- -->/s, recovery <!-- -->1 s');
    for (const title of ['Reconnect attempts per second: measured vs the simulation', 'Connections per gateway', 'Memory per gateway (RSS)', 'Redis operations per second', 'Delivery latency']) expect(html).toContain(title);
  });

  it('says how to start the load generator when none reports', () => {
    const s = stats(false);
    const html = renderToString(createElement(RealCluster, { stats: s, history: emptyHistory(), presenter: true }));
    expect(html).toContain('not running: npm run chat:load');
  });
});
