/**
 * `npm run sim -- kafka --config scenario.json [--seed N] [--json] [--set key=value ...]
 *  [--partitioner-file my-partitioner.ts]`
 * Exit codes: 0 ok, 2 bad input (unknown key, invalid value or combination: ConfigException; a
 * partitioner file that does not compile or fails: its file:line:col). A scenario file may carry a `seed`.
 */
import type { AnyLab, CliIO } from '../../core/lab';
import { CliUsageError, parseCliArgs, reportUsageError, resolveRunInput, runLabCli, type CliLab } from '../../core/cli';
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
  if (args.some((a) => a === PARTITIONER_FLAG || a.startsWith(`${PARTITIONER_FLAG}=`))) return runPartitionerRace(args, io, lab, extras);
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

type PartitionerFileRacer = (
  path: string,
  io: CliIO,
  params: KafkaParams,
  seed: number,
  onProgress?: (partitioner: string, fraction: number) => void,
) => Promise<{ rows: PartitionerRaceRow[]; ticks: number; choices: number }>;

async function runPartitionerRace(args: string[], io: CliIO, lab: AnyLab, extras: Readonly<Record<string, unknown>>): Promise<number> {
  try {
    const parsed = parseCliArgs(args, [{ name: PARTITIONER_FLAG, value: true }]);
    if (parsed.help) {
      io.stdout(`${KAFKA_CLI_USAGE}\n`);
      return 0;
    }
    const path = parsed.extra.get(PARTITIONER_FLAG) as string;
    const race = extras.racePartitionerFile as PartitionerFileRacer | undefined;
    if (typeof race !== 'function') throw new CliUsageError(`${PARTITIONER_FLAG} needs the code lab's sandbox: run it through \`npm run sim\``);
    const { params, seed } = resolveRunInput<KafkaParams>(lab as unknown as CliLab, parsed, io, { normalize: normalizeKafkaValues });
    let out: Awaited<ReturnType<PartitionerFileRacer>>;
    try {
      out = await race(path, io, params, seed, (name, f) => io.progress(f, `kafka ${name}`));
    } catch (e) {
      // the learner's code failed (a SandboxError names its file, line and column): bad input, not a crash
      if (e instanceof Error && (e.name === 'SandboxError' || /cannot read the partitioner file/.test(e.message))) {
        io.stderr(`kafka: your partitioner failed: ${e.message}\n`);
        return 2;
      }
      // over the work budget (code-lab/kafka/race.ts learnerBudgetProblems): bad input, naming the params
      if (e instanceof RangeError) throw new CliUsageError(e.message);
      throw e;
    }
    io.progress(1, 'kafka');
    if (parsed.json) {
      const rows = out.rows.map((r) => ({ partitioner: r.partitioner, ...(r.result ? resultDocument(r.result) : { unavailable: r.unavailable }) }));
      io.stdout(`${JSON.stringify({ seed, choices: out.choices, ticks: out.ticks, rows })}\n`);
    } else io.stdout(formatRace(out.rows, out.choices, out.ticks));
    return 0;
  } catch (e) {
    if (e instanceof CliUsageError) return reportUsageError(e, lab.id, io, KAFKA_CLI_USAGE, 'ConfigException: ');
    throw e;
  }
}

function formatRace(rows: readonly PartitionerRaceRow[], choices: number, ticks: number): string {
  const head = ['partitioner', 'acked', 'p99 ack ms', 'blocked ms', 'dropped', 'records/batch'];
  const body = rows.map((r) =>
    r.result
      ? [r.partitioner, String(r.result.acked), String(r.result.ackLatencyMs.p99), String(r.result.blockedMs), String(r.result.dropped), String(r.result.meanBatchRecords)]
      : [r.partitioner, `unavailable: ${r.unavailable}`, '', '', '', ''],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.filter((b) => b[2] !== '').map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (cells[2] === '' && i === 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...body.map(line), `your partitioner: ${choices} choices, ${ticks} ticks`, ''].join('\n');
}
