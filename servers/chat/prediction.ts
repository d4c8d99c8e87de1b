/**
 * The chat simulation's prediction for a real run: the same population, workload, gateways, backoff
 * policy and fault, run on virtual time (`simulations/chat`), so the real reconnect storm can be drawn
 * and reported next to what the model expected.
 */
import type { ReconnectPolicy } from '../../simulations/chat/core/backoff';
import type { FanoutMode } from '../../simulations/chat/core/fanout';
import type { LbPolicy } from '../../simulations/chat/core/loadBalancer';
import { chatLab, type ChatParams, type ChatResult } from '../../simulations/chat';
import { defaults } from '../../simulations/core/params';
import { Runner } from '../../simulations/core/runner';

export interface PredictionInput {
  users: number;
  devicesPerUser: number;
  gateways: number;
  lbPolicy: LbPolicy;
  faultType: 'gateway-crash' | 'partition';
  faultGateway: number;
  faultAtMs: number;
  faultDurationMs?: number;
  policy: ReconnectPolicy;
  baseMs: number;
  capMs: number;
  heartbeatMs: number;
  pingTimeoutMs: number;
  deadPeerTimeoutMs: number;
  sendsPerUserPerMin: number;
  groupShare: number;
  groupsPerUser: number;
  groupSizeMedian: number;
  groupSizeP99: number;
  groupSizeMax: number;
  fanout: FanoutMode;
  fanoutThreshold: number;
  /** handshakes a gateway completes per second (the model's accept capacity) */
  acceptRatePerSec: number;
  /** simulated time after the fault */
  afterFaultMs: number;
  seed: number;
}

export interface StormPrediction {
  peakAttemptsPerSec: number;
  recoveryMs: number | null;
  attemptsPerClient: number | null;
  disconnected: number;
  /** attempts per second from the fault's second on */
  attemptsPerSecond: number[];
  deliveryLatencyMs: { p50: number | null; p99: number | null };
  memoryPerConnectionKB: number;
}

export function predictionParams(i: PredictionInput): ChatParams {
  const base = defaults(chatLab.schema) as ChatParams;
  return {
    ...base,
    users: i.users,
    devicesPerUser: i.devicesPerUser,
    onlineFraction: 1,
    gateways: i.gateways,
    'lb.policy': i.lbPolicy,
    serverModel: 'event-loop',
    cores: 1,
    sendCostUs: 25,
    // the research's Node `ws` figure: ≈8 KiB user space + ≈8 KiB kernel per connection (chat-fanout.md §8(a))
    memoryPerConnectionKB: 16,
    acceptRatePerSec: i.acceptRatePerSec,
    rttMs: 1,
    interNodeMs: 0.5,
    heartbeatMs: i.heartbeatMs,
    pingTimeoutMs: i.pingTimeoutMs,
    deadPeerTimeoutMs: i.deadPeerTimeoutMs,
    'lb.healthCheckMs': 500,
    'reconnect.policy': i.policy,
    'reconnect.baseMs': i.baseMs,
    'reconnect.capMs': i.capMs,
    sendsPerUserPerMin: i.sendsPerUserPerMin,
    groupShare: i.groupShare,
    groupsPerUser: Math.max(0.01, i.groupsPerUser),
    'groupSize.median': i.groupSizeMedian,
    'groupSize.p99': Math.max(i.groupSizeMedian, i.groupSizeP99),
    'groupSize.max': Math.min(i.users, Math.max(i.groupSizeP99, i.groupSizeMax)),
    fanout: i.fanout,
    fanoutThreshold: i.fanoutThreshold,
    faults: [{ atMs: i.faultAtMs, type: i.faultType, gateway: i.faultGateway, ...(i.faultDurationMs ? { durationMs: i.faultDurationMs } : {}) }],
    durationMs: i.faultAtMs + i.afterFaultMs,
    sampleMs: 1000,
  };
}

export function predictStorm(i: PredictionInput): StormPrediction {
  const runner = new Runner(chatLab, predictionParams(i), i.seed);
  while (!runner.done) runner.runTo(runner.now + 5000);
  const r = runner.result() as ChatResult;
  const fromSecond = Math.floor(i.faultAtMs / 1000);
  // samples at t = 1 s, 2 s, …: the sample at t covers [t − 1 s, t)
  const series = runner.recorder.series('reconnectAttemptsPerSec');
  const attemptsPerSecond = series.filter((p) => p.t > fromSecond * 1000).map((p) => p.v);
  return {
    peakAttemptsPerSec: r.reconnect.peakAttemptsPerSec,
    recoveryMs: r.reconnect.recoverMs,
    attemptsPerClient: r.reconnect.attemptsPerClient,
    disconnected: r.reconnect.clients,
    attemptsPerSecond,
    deliveryLatencyMs: { p50: r.deliveryLatencyMs.p50, p99: r.deliveryLatencyMs.p99 },
    memoryPerConnectionKB: r.memoryPerConnectionKB,
  };
}
