/**
 * The real chat cluster (servers/chat): 3 gateway processes + Redis + C WebSocket clients from the
 * load generator, one gateway killed with SIGKILL mid-run. Reports connections per gateway, memory per
 * idle connection (C idle sockets first: gateway RSS and heap after a full GC, connected − before),
 * messages/s delivered, delivery latency, and
 * the reconnect storm measured vs predicted by the chat simulation with the same parameters.
 * `npm run bench -- chat-cluster [--clients=3000]`. Skips (with a message) when redis-server is missing.
 */
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import type { ClusterStats } from '../servers/chat/controlProtocol';
import { ClusterChild } from '../servers/chat/clusterChild';
import { runLoad, type LoadOptions } from '../servers/chat/load/loadGenerator';
import { findRedisServer } from '../servers/chat/redisServer';

function flag(name: string, fallback: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(n) || n < 10 || n > 20_000) throw new RangeError(`--${name} must be an integer from 10 to 20000`);
  return n;
}

const MB = 1024 * 1024;

/**
 * The research's method (chat-fanout.md §5.3): open C idle WebSockets through the balancer, and compare
 * the gateways' RSS and heap after a full collection with the same figures before.
 */
async function idleConnectionMemory(cluster: ClusterChild, count: number): Promise<{ connections: number; rssKiB: number; heapKiB: number }> {
  const sum = (s: ClusterStats, f: (g: ClusterStats['gateways'][number]) => number | null) => s.gateways.reduce((n, g) => n + (f(g) ?? 0), 0);
  const ids = Array.from({ length: count }, (_, i) => ({ user: `mem${i}`, device: 'd0' }));
  const res = await fetch(`${cluster.controlUrl}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ids) });
  const { tokens } = (await res.json()) as { tokens: string[] };
  const before = await cluster.stats(true);
  const sockets: WebSocket[] = [];
  let welcomed = 0;
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(`${cluster.balancerUrl}/?token=${tokens[i]}`, { perMessageDeflate: false });
    ws.on('message', (d) => {
      if (d.toString().startsWith('{"t":"welcome"')) welcomed++;
    });
    ws.on('error', () => {});
    sockets.push(ws);
    if (i % 200 === 199) await new Promise((r) => setTimeout(r, 100));
  }
  const until = performance.now() + 120_000;
  while (welcomed < count && performance.now() < until) await new Promise((r) => setTimeout(r, 200));
  const after = await cluster.stats(true);
  for (const ws of sockets) ws.terminate();
  const connections = sum(after, (g) => g.connections) - sum(before, (g) => g.connections);
  await new Promise((r) => setTimeout(r, 1000));
  return {
    connections,
    rssKiB: (sum(after, (g) => g.rssBytes) - sum(before, (g) => g.rssBytes)) / 1024 / Math.max(1, connections),
    heapKiB: (sum(after, (g) => g.heapUsedBytes) - sum(before, (g) => g.heapUsedBytes)) / 1024 / Math.max(1, connections),
  };
}

export default async function bench(): Promise<void> {
  if (!findRedisServer()) {
    console.log('chat-cluster: SKIPPED, redis-server is not installed (apt-get install -y redis-server)');
    return;
  }
  const clients = flag('clients', 3000);
  const gateways = 3;
  const heartbeatMs = 2000;
  const cluster = await ClusterChild.start(['--gateways', String(gateways), '--redis', 'required', '--heartbeat-ms', String(heartbeatMs), '--dead-peer-ms', '6000']);
  try {
    const memory = await idleConnectionMemory(cluster, clients);
    const killAtMs = 14_000;
    const options: LoadOptions = {
      balancerUrl: cluster.balancerUrl,
      controlUrl: cluster.controlUrl,
      clients,
      devicesPerUser: 1.3,
      groupsPerUser: 2,
      groupSizeMedian: 5,
      groupSizeP99: 150,
      groupSizeMax: 300,
      seed: 19,
      durationMs: 26_000,
      rampMs: 8000,
      sendsPerUserPerMin: 3,
      groupShare: 0.3,
      heartbeatMs,
      pingTimeoutMs: 2000,
      backoff: { policy: 'full-jitter', baseMs: 1000, capMs: 10_000 },
      fanout: 'hybrid',
      fanoutThreshold: 100,
      faults: [{ type: 'gateway-kill', gateway: 0, atMs: killAtMs, afterRamp: true }],
      drainMs: 30_000,
      predict: true,
    };
    // sample the gateways while the load runs: the last sample before the kill is the loaded state
    let loaded: ClusterStats | null = null;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = await cluster.stats(true).catch(() => null);
        if (s && s.faults.length > 0) break;
        if (s && (!loaded || s.gateways.reduce((n, g) => n + (g.connections ?? 0), 0) >= loaded.gateways.reduce((n, g) => n + (g.connections ?? 0), 0))) loaded = s;
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const report = await runLoad(options);
    sampling = false;
    await sampler;
    const after = await cluster.stats().catch((e: Error) => {
      console.log(`  (cluster stats after the run failed: ${e.message})`);
      return null;
    });

    const l = loaded as ClusterStats | null;
    const perGateway = l ? l.gateways.map((g) => `${g.id}: ${g.connections ?? 0} (RSS ${((g.rssBytes ?? 0) / MB).toFixed(0)} MB)`).join(', ') : 'no sample';
    console.log(`chat-cluster: ${clients} clients (${report.users} users), ${gateways} gateways + Redis, ${options.durationMs / 1000} s, kill -9 gateway 0 at ${killAtMs / 1000} s`);
    console.log(`  connections per gateway before the kill: ${perGateway}`);
    console.log(`  memory per idle connection (${memory.connections} connections, gateways' RSS and V8 heap after a full GC, connected − before): ${memory.rssKiB.toFixed(1)} KiB RSS, ${memory.heapKiB.toFixed(1)} KiB heap; the model's Node ws figure is 16 KB (8 user + 8 kernel; kernel buffers are not in RSS)`);
    console.log(`  delivered: ${report.deliveries} messages, ${report.deliveriesPerSec}/s; ${report.acknowledged} sends acknowledged; Redis ${after?.redis?.commands ?? '?'} commands`);
    console.log(`  delivery latency p50 ${report.deliveryLatencyMs.p50} ms, p99 ${report.deliveryLatencyMs.p99} ms; connect latency p50 ${report.connectLatencyMs.p50} ms, p99 ${report.connectLatencyMs.p99} ms`);
    console.log(`  guarantees: lost ${report.lost}, duplicates ${report.duplicates}, out of order ${report.outOfOrder}, not reconnected ${report.notReconnected}, not synced at the end ${report.notSynced}`);
    console.log(`  load generator: stalled ${(report.stalledMs / 1000).toFixed(1)} s in all (a busy machine), run extended ${(report.extendedMs / 1000).toFixed(1)} s for the ramp; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

    const storm = report.storms[0];
    const predicted = report.prediction;
    if (!predicted) throw new Error('the load generator made no prediction');
    console.log('  reconnect storm      measured   predicted (simulations/chat, same parameters)');
    console.log(`    disconnected       ${String(storm.disconnected).padEnd(10)} ${predicted.disconnected}`);
    console.log(`    peak attempts/s    ${String(storm.peakAttemptsPerSec).padEnd(10)} ${predicted.peakAttemptsPerSec}`);
    console.log(`    recovery           ${`${storm.recoveryMs} ms`.padEnd(10)} ${predicted.recoveryMs} ms`);
    console.log(`    attempts/client    ${String(storm.attemptsPerClient).padEnd(10)} ${predicted.attemptsPerClient}`);
    console.log(`    attempts/s by second after the kill: measured [${storm.attemptsPerSecond.slice(0, 8).join(', ')}], predicted [${predicted.attemptsPerSecond.slice(0, 8).join(', ')}]`);
  } finally {
    await cluster.stop();
  }
}
