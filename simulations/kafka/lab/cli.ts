/**
 * `npm run sim -- kafka --config scenario.json [--seed N] [--json] [--set key=value ...]`
 * Exit codes: 0 ok, 2 bad input (unknown key, invalid value or combination: ConfigException).
 */
import type { CliIO } from '../../core/lab';
import { runHeadless } from '../../core/runner';
import { paramProblems } from '../../core/budget';
import { nest } from '../../core/params';
import { scenarioToParams } from './scenario';
import { resultDocument, type KafkaResult } from './result';

export const KAFKA_CLI_USAGE = `usage: npm run sim -- kafka --config scenario.json [--seed N] [--json] [--set key=value]...
scenario keys (camelCase, nested or dotted): kafkaVersion ("4.x" | "3.6"), brokers,
  topic.{partitions, replicationFactor, minInsyncReplicas, uncleanLeaderElection, eligibleLeaderReplicas},
  producer.{acks, lingerMs, batchSize, bufferMemory, maxBlockMs, onBufferFull, retries, retryBackoffMs,
            requestTimeoutMs, deliveryTimeoutMs, maxInFlight, enableIdempotence, maxRequestSize,
            partitioner, compressionRatio},
  workload.{recordsPerSecond, recordBytes, keys, durationMs},
  faults: [{atMs, type: "crash"|"restart"|"disk-loss"|"slow"|"drop-responses"|"partition",
            broker | role: "leader"|"follower", partition?, durationMs?, peer?, lostTailMs?}]
  (peer: the other side of a "partition" fault; lostTailMs: a "disk-loss" that loses only the
   last lostTailMs ms the broker wrote, its un-fsynced page cache)
omitted keys take the chosen Kafka version's defaults.`;

export async function runKafkaCli(args: string[], io: CliIO, lab: Parameters<typeof runHeadless>[0]): Promise<number> {
  let configPath: string | undefined;
  let seed = 1;
  let json = false;
  const sets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--config') configPath = args[++i];
    else if (a.startsWith('--config=')) configPath = a.slice(9);
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? args[++i] : a.slice(7);
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 0) {
        io.stderr(`--seed must be a non-negative integer, got ${JSON.stringify(v)}\n`);
        return 2;
      }
      seed = n;
    } else if (a === '--json') json = true;
    else if (a === '--set') sets.push(args[++i] ?? '');
    else if (a === '--help' || a === '-h') {
      io.stdout(KAFKA_CLI_USAGE + '\n');
      return 0;
    } else {
      io.stderr(`unknown argument ${JSON.stringify(a)}\n${KAFKA_CLI_USAGE}\n`);
      return 2;
    }
  }
  let scenario: Record<string, unknown> = {};
  if (configPath !== undefined) {
    let text: string;
    try {
      text = io.readFile(configPath);
    } catch (e) {
      io.stderr(`cannot read ${configPath}: ${(e as Error).message}\n`);
      return 2;
    }
    try {
      scenario = JSON.parse(text);
    } catch (e) {
      io.stderr(`${configPath} is not valid JSON: ${(e as Error).message}\n`);
      return 2;
    }
    if (scenario === null || typeof scenario !== 'object' || Array.isArray(scenario)) {
      io.stderr('ConfigException: a scenario must be a JSON object\n');
      return 2;
    }
  }
  const overrides: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) {
      io.stderr(`--set expects key=value, got ${JSON.stringify(s)}\n`);
      return 2;
    }
    const raw = s.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    overrides[s.slice(0, eq)] = value;
  }
  const merged = Object.keys(overrides).length ? mergeDeep(scenario, nest(overrides)) : scenario;
  const outcome = scenarioToParams(merged);
  if (!outcome.ok) {
    io.stderr(outcome.message + '\n');
    return 2;
  }
  // the same refusals as the param panel and the generic CLI: cross-field rules, then the work budget
  const problems = paramProblems(lab, outcome.params as Record<string, unknown>);
  if (problems.length > 0) {
    for (const e of problems) io.stderr(`kafka: ${e.message}\n`);
    return 2;
  }
  const { result } = runHeadless(lab, outcome.params, seed, (f) => io.progress(f, 'kafka'));
  const r = result as KafkaResult;
  if (json) io.stdout(JSON.stringify(resultDocument(r)) + '\n');
  else io.stdout(formatResult(r, outcome.config.notes) + '\n');
  return 0;
}

function mergeDeep(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) {
      out[k] = mergeDeep(cur as Record<string, unknown>, v as Record<string, unknown>);
    } else out[k] = v;
  }
  return out;
}

export function formatResult(r: KafkaResult, notes: string[] = []): string {
  const failed = Object.entries(r.failed).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    ...notes.map((n) => `note: ${n}`),
    `sent ${r.sent}, acked ${r.acked}, failed ${failed}, dropped ${r.dropped}`,
    `lost acknowledged ${r.lostAcked}, duplicates ${r.duplicates}, reordered ${r.reordered}`,
    `ack latency p50 ${r.ackLatencyMs.p50} ms, p99 ${r.ackLatencyMs.p99} ms; send() blocked ${r.blockedMs} ms`,
    `${r.requests} produce requests, ${r.meanBatchRecords} records per batch, accumulator peak ${r.maxAccumulatorBytes} B`,
    `committed records ${r.committedRecords}; ${r.events} events`,
  ].join('\n');
}
