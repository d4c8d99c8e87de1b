/**
 * NODE ONLY. `npm run chat:load -- --clients 2000 --duration-s 30 [--kill-gateway 0 --kill-at-s 10] …`
 * against a running `npm run chat:cluster` (its control endpoint, default http://127.0.0.1:4101), or
 * `--start-cluster` to start one for the run. Prints the report (JSON with --json). Bad flags: exit 2.
 */
import { RECONNECT_POLICIES } from '../../../simulations/chat/core/backoff';
import { FANOUT_MODES } from '../../../simulations/chat/core/fanout';
import { ChatCluster, DEFAULT_CLUSTER_OPTIONS } from '../cluster';
import { flagHelp, FlagError, parseFlags } from '../flags';
import { FD_HEADROOM, openFileLimit, runLoad, type LoadReport, type TimedFault } from './loadGenerator';

export const LOAD_FLAGS = {
  control: { kind: 'string', default: 'http://127.0.0.1:4101', help: 'control endpoint of a running cluster' },
  'start-cluster': { kind: 'switch', help: 'start a cluster (Redis + --gateways) for this run and stop it afterwards' },
  gateways: { kind: 'number', integer: true, min: 1, max: 16, default: 3, help: 'with --start-cluster: gateway processes' },
  clients: { kind: 'number', integer: true, min: 1, max: 1_000_000, default: 1000, help: 'WebSocket clients (devices); at most the file limit allows' },
  'duration-s': { kind: 'number', min: 1, max: 3600, default: 30, help: 'how long clients send (then a drain)' },
  'ramp-s': { kind: 'number', min: 0, max: 600, default: 3, help: 'initial connections spread over this window' },
  'devices-per-user': { kind: 'number', min: 1, max: 3, default: 1.3, help: 'mean devices per user' },
  'groups-per-user': { kind: 'number', min: 0, max: 50, default: 3, help: 'group memberships per user' },
  'group-median': { kind: 'number', integer: true, min: 2, max: 100_000, default: 6, help: 'median group size' },
  'group-p99': { kind: 'number', integer: true, min: 2, max: 100_000, default: 200, help: '99th percentile group size' },
  'group-max': { kind: 'number', integer: true, min: 2, max: 100_000, default: 500, help: 'largest group' },
  'group-share': { kind: 'number', min: 0, max: 1, default: 0.3, help: 'share of sends that go to groups' },
  'sends-per-user-per-min': { kind: 'number', min: 0, max: 600, default: 2, help: 'messages per online user per minute (Poisson)' },
  'heartbeat-ms': { kind: 'number', min: 200, max: 120_000, default: 5000, help: 'client heartbeat interval' },
  'ping-timeout-ms': { kind: 'number', min: 200, max: 120_000, default: 4000, help: 'a heartbeat unanswered this long means the connection is dead' },
  policy: { kind: 'enum', options: RECONNECT_POLICIES, default: 'full-jitter', help: 'reconnect backoff (the simulation\'s module)' },
  'base-ms': { kind: 'number', min: 0, max: 600_000, default: 1000, help: 'backoff base (first window)' },
  'cap-ms': { kind: 'number', min: 0, max: 600_000, default: 30_000, help: 'backoff cap' },
  fanout: { kind: 'enum', options: FANOUT_MODES, default: 'hybrid', help: 'the cluster\'s fan-out mode' },
  'fanout-threshold': { kind: 'number', integer: true, min: 2, max: 1_000_000, default: 100, help: 'the cluster\'s hybrid threshold' },
  'kill-gateway': { kind: 'number', integer: true, min: -1, max: 15, default: -1, help: 'kill -9 this gateway (-1: none)' },
  'kill-at-s': { kind: 'number', min: 0, max: 3600, default: 10, help: 'when to kill it (not before every client has connected once)' },
  'restart-after-s': { kind: 'number', min: 0, max: 3600, default: 0, help: 'restart the killed gateway after this long (0: stays down)' },
  'partition-gateway': { kind: 'number', integer: true, min: -1, max: 15, default: -1, help: 'partition this gateway at the balancer (-1: none)' },
  'partition-at-s': { kind: 'number', min: 0, max: 3600, default: 15, help: 'when' },
  'partition-s': { kind: 'number', min: 1, max: 600, default: 10, help: 'for how long' },
  'redis-stop-at-s': { kind: 'number', min: -1, max: 3600, default: -1, help: 'stop Redis at this time (-1: never)' },
  'redis-stop-s': { kind: 'number', min: 1, max: 600, default: 3, help: 'for how long' },
  'drain-s': { kind: 'number', min: 1, max: 600, default: 30, help: 'longest wait for every client to be back and synced' },
  seed: { kind: 'number', integer: true, min: 0, max: 0xffffffff, default: 1, help: 'workload seed' },
  json: { kind: 'switch', help: 'print the report as JSON' },
  help: { kind: 'switch', help: 'this help' },
} as const;

export function printReport(r: LoadReport, print: (line: string) => void): void {
  const q = (x: { p50: number | null; p99: number | null; max: number | null }) => `p50 ${x.p50} ms, p99 ${x.p99} ms, max ${x.max} ms`;
  print(`${r.clients} clients (${r.users} users, ${r.conversations} conversations), ${r.durationMs / 1000} s`);
  print(`  connect latency: ${q(r.connectLatencyMs)}`);
  print(`  delivery latency: ${q(r.deliveryLatencyMs)}`);
  print(`  sends ${r.sends}, acknowledged ${r.acknowledged}, deliveries ${r.deliveries} (${r.deliveriesPerSec}/s)`);
  print(`  lost ${r.lost} of ${r.expectedDeliveries} acknowledged deliveries, duplicates ${r.duplicates} (protocol dropped ${r.protocolDuplicatesDropped}), out of order ${r.outOfOrder}, gaps repaired ${r.gapsRepaired}`);
  print(`  not reconnected ${r.notReconnected}, not synced ${r.notSynced}, attempts ${r.attempts}; load generator stalled ${r.stalledMs} ms in all`);
  const p = r.prediction;
  if (p) print(`  predicted by the simulation for the ${p.faultType} at ${p.faultAtMs / 1000} s: ${p.disconnected} disconnected, peak ${p.peakAttemptsPerSec} attempts/s, recovery ${p.recoveryMs} ms, ${p.attemptsPerClient} attempts/client`);
  for (const s of r.storms) {
    print(`  ${s.fault.type}${s.fault.gateway !== undefined ? ` gateway ${s.fault.gateway}` : ''} at ${(s.atMs / 1000).toFixed(1)} s: ${s.disconnected} disconnected, peak ${s.peakAttemptsPerSec} attempts/s, recovery ${s.recoveryMs} ms, ${s.attemptsPerClient} attempts/client (max ${s.maxAttempts}), ${s.withinBound} of ${s.disconnected} back within the backoff bound (waits ≤ the policy's, ≤ 5 attempts; longest handshakes ${s.maxConnectingMs} ms, load generator late by up to ${s.maxLateMs} ms)`);
  }
}

async function main(argv: string[]): Promise<number> {
  let f;
  try {
    f = parseFlags(argv, LOAD_FLAGS);
    const limit = openFileLimit();
    if (limit !== null && f.clients > limit - FD_HEADROOM) throw new FlagError([`--clients = ${f.clients} is invalid: the file limit (ulimit -n) is ${limit}, so at most ${limit - FD_HEADROOM}`]);
    if (f['cap-ms'] < f['base-ms']) throw new FlagError([`--cap-ms = ${f['cap-ms']} is invalid: must be >= --base-ms (${f['base-ms']})`]);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    for (const p of e.problems) console.error(`chat:load: ${p}`);
    console.error('usage: npm run chat:load -- [--clients N] [--duration-s S] [...]; --help lists the flags');
    return 2;
  }
  if (f.help) {
    console.log(`usage: npm run chat:load -- [flags]\n${flagHelp(LOAD_FLAGS)}`);
    return 0;
  }
  const faults: TimedFault[] = [];
  if (f['kill-gateway'] >= 0) faults.push({ type: 'gateway-kill', gateway: f['kill-gateway'], atMs: f['kill-at-s'] * 1000, afterRamp: true, durationMs: f['restart-after-s'] * 1000 });
  if (f['partition-gateway'] >= 0) faults.push({ type: 'gateway-partition', gateway: f['partition-gateway'], atMs: f['partition-at-s'] * 1000, afterRamp: true, durationMs: f['partition-s'] * 1000 });
  if (f['redis-stop-at-s'] >= 0) faults.push({ type: 'redis-stop', atMs: f['redis-stop-at-s'] * 1000, afterRamp: true, durationMs: f['redis-stop-s'] * 1000 });
  let cluster: ChatCluster | null = null;
  let control = f.control;
  let balancer: string;
  try {
    if (f['start-cluster']) {
      cluster = await ChatCluster.start({ ...DEFAULT_CLUSTER_OPTIONS, gateways: f.gateways, heartbeatMs: f['heartbeat-ms'], store: { fanout: f.fanout as 'hybrid', fanoutThreshold: f['fanout-threshold'] } });
      control = cluster.controlUrl;
      balancer = cluster.balancerUrl;
    } else {
      const stats = (await (await fetch(`${control}/api/stats`)).json()) as { balancer: { url: string } };
      balancer = stats.balancer.url;
    }
  } catch (e) {
    console.error(`chat:load: cannot reach a cluster at ${control} (${(e as Error).message}); start one with npm run chat:cluster or pass --start-cluster`);
    return 1;
  }
  try {
    const report = await runLoad({
      balancerUrl: balancer,
      controlUrl: control,
      clients: f.clients,
      devicesPerUser: f['devices-per-user'],
      groupsPerUser: f['groups-per-user'],
      groupSizeMedian: f['group-median'],
      groupSizeP99: Math.max(f['group-median'], f['group-p99']),
      groupSizeMax: Math.max(f['group-p99'], f['group-max']),
      seed: f.seed,
      durationMs: f['duration-s'] * 1000,
      rampMs: f['ramp-s'] * 1000,
      sendsPerUserPerMin: f['sends-per-user-per-min'],
      groupShare: f['group-share'],
      heartbeatMs: f['heartbeat-ms'],
      pingTimeoutMs: f['ping-timeout-ms'],
      backoff: { policy: f.policy as 'full-jitter', baseMs: f['base-ms'], capMs: f['cap-ms'] },
      fanout: f.fanout as 'hybrid',
      fanoutThreshold: f['fanout-threshold'],
      faults,
      drainMs: f['drain-s'] * 1000,
      predict: true,
      onProgress: f.json ? undefined : (line) => console.error(line),
    });
    if (f.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report, (l) => console.log(l));
    return 0;
  } finally {
    await cluster?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
