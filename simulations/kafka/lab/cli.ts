/**
 * `npm run sim -- kafka --config scenario.json [--seed N] [--json] [--set key=value ...]
 *  [--partitioner-file my-partitioner.ts]`
 * Exit codes: 0 ok, 2 bad input (unknown key, invalid value or combination: ConfigException; a
 * partitioner file that does not compile or fails: its file:line:col). A scenario file may carry a `seed`.
 */
import type { AnyLab, CliIO } from '../../core/lab';
import { runLabCli } from '../../core/cli';
import { mentionsFlag, runCodeRaceCli, textTable } from '../../core/codeRaceCli';
import { normalizeKafkaValues } from './scenario';
import { configOf } from './model';
import type { KafkaParams } from './schema';
import { resultDocument, type KafkaResult } from './result';

export const KAFKA_CLI_USAGE = `usage: npm run sim -- kafka [--config scenario.json] [--preset id] [--seed N] [--json] [--set key=value]...
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
omitted keys take the chosen Kafka version's defaults.
--partitioner-file my-partitioner.ts: race your keyless partitioner (TypeScript exporting
  createPartitioner(env) -> { choose(input) }, see the Kafka lab's code panel) against adaptive,
  sticky and round-robin with the same settings and seed; one row each.`;

/**
 * The shared parser (simulations/core/cli.ts) does flags, presets, config, seeds and checks; Kafka adds
 * its value spellings, the ConfigException wording, the compact --json document and its summary.
 */
export async function runKafkaCli(args: string[], io: CliIO, lab: AnyLab, extras: Readonly<Record<string, unknown>> = {}): Promise<number> {
  if (mentionsFlag(args, PARTITIONER_FLAG)) return runPartitionerRace(args, io, lab, extras);
  return runLabCli(lab, args, io, {
    usage: KAFKA_CLI_USAGE,
    errorPrefix: 'ConfigException: ',
    normalize: normalizeKafkaValues,
    json: (r) => JSON.stringify(resultDocument(r as KafkaResult)),
    text: (r, params) => formatResult(r as KafkaResult, configOf(params as KafkaParams).notes) + '\n',
  });
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

const PARTITIONER_FLAG = '--partitioner-file';

/** One partitioner's run in a race (code-lab/kafka/race.ts makes them; scripts/sim.ts lends the racer). */
export interface PartitionerRaceRow {
  partitioner: string;
  result: KafkaResult | null;
  unavailable: string | null;
}

interface PartitionerRace {
  rows: PartitionerRaceRow[];
  ticks: number;
  choices: number;
}

function runPartitionerRace(args: string[], io: CliIO, lab: AnyLab, extras: Readonly<Record<string, unknown>>): Promise<number> {
  return runCodeRaceCli<KafkaParams, PartitionerRace>(lab, args, io, extras, {
    flag: PARTITIONER_FLAG,
    noun: 'partitioner',
    racer: 'racePartitionerFile',
    usage: KAFKA_CLI_USAGE,
    errorPrefix: 'ConfigException: ',
    normalize: normalizeKafkaValues,
    json: (race, seed) => ({ seed, choices: race.choices, ticks: race.ticks, rows: race.rows.map((r) => ({ partitioner: r.partitioner, ...(r.result ? resultDocument(r.result) : { unavailable: r.unavailable }) })) }),
    text: (race) =>
      `${textTable(
        ['partitioner', 'acked', 'p99 ack ms', 'blocked ms', 'dropped', 'records/batch'],
        race.rows.map((r) =>
          r.result
            ? [r.partitioner, String(r.result.acked), String(r.result.ackLatencyMs.p99), String(r.result.blockedMs), String(r.result.dropped), String(r.result.meanBatchRecords)]
            : [r.partitioner, `unavailable: ${r.unavailable}`],
        ),
      )}\nyour partitioner: ${race.choices} choices, ${race.ticks} ticks\n`,
  });
}
