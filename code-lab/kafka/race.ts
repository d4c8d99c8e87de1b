/**
 * The race of the learner's keyless partitioner against the built-ins (adaptive KIP-794, sticky
 * KIP-480, round-robin): the Kafka lab's own model and runner, same params and seed, once per
 * partitioner; the learner's run has its choices made in the sandbox. Runs where QuickJS runs (a
 * worker, Node: the CLI's --partitioner-file, the tests).
 */
import { Runner } from '@/simulations/core/runner';
import { budgetProblems } from '@/simulations/core/budget';
import { hashText } from '@/simulations/abr/algorithms/yours';
import { configOf, ConfigException, kafkaLab, type KafkaParams, type KafkaRunResult } from '@/simulations/kafka';
import { createModel } from '@/simulations/kafka/lab/model';
import type { CompiledProgram } from '../sandbox/program';
import type { SandboxEngine, SandboxLimits } from '../sandbox/vm';
import { partitionerEntrant, type SandboxedPartitioner } from './sandboxedPartitioner';

export const PARTITIONER_RIVALS = ['adaptive', 'sticky', 'round-robin'] as const;
export type PartitionerRival = (typeof PARTITIONER_RIVALS)[number];
export const LEARNER = 'yours';

export interface PartitionerRaceRow {
  partitioner: PartitionerRival | typeof LEARNER;
  /** null when this partitioner cannot run with these params (sticky was removed in Kafka 4.0) */
  result: KafkaRunResult | null;
  unavailable: string | null;
  /** a hash of the run's event log (two runs of the same code and seed are equal) */
  eventLogHash: string | null;
}

export interface PartitionerRace {
  rows: PartitionerRaceRow[];
  /** the learner's sandbox: ticks used, choices made, console.log lines */
  ticks: number;
  choices: number;
  logs: string[];
}

function run(lab: typeof kafkaLab, params: KafkaParams, seed: number, onProgress?: (fraction: number) => void) {
  const runner = new Runner(lab, params, seed);
  runner.runToEnd(onProgress);
  return { result: runner.result() as KafkaRunResult, eventLogHash: hashText(JSON.stringify(runner.recorder.events)) };
}

export interface PartitionerRaceOptions {
  rivals?: readonly PartitionerRival[];
  limits?: Partial<SandboxLimits>;
  onProgress?(partitioner: string, fraction: number): void;
}

/**
 * The work budget of the learner's run: its partitioner may spread records like round-robin (the
 * lab's costliest keyless rule), so it is admitted only when round-robin would be. Messages name the
 * params to lower; empty when fine.
 */
export function learnerBudgetProblems(params: KafkaParams): string[] {
  return budgetProblems(kafkaLab, { ...params, 'producer.partitioner': 'round-robin' }).map((e) => `your partitioner may spread records like round-robin: ${e.message}`);
}

/** The learner's partitioner first, then each rival. Throws SandboxError when the learner's code fails, RangeError over the work budget. */
export function racePartitioners(engine: SandboxEngine, program: CompiledProgram, params: KafkaParams, seed: number, options: PartitionerRaceOptions = {}): PartitionerRace {
  const overBudget = learnerBudgetProblems(params);
  if (overBudget.length > 0) throw new RangeError(overBudget.join('; '));
  const made: SandboxedPartitioner[] = [];
  const factory = partitionerEntrant(engine, program, made, options.limits);
  // the learner's run: keyless choices from the sandbox (the kind only sets what the plug-in leaves alone)
  const learnerParams: KafkaParams = { ...params, 'producer.partitioner': 'adaptive' };
  const lab = { ...kafkaLab, create: (p: KafkaParams, ctx: Parameters<typeof kafkaLab.create>[1]) => createModel(p, ctx, factory) };
  const rows: PartitionerRaceRow[] = [];
  try {
    rows.push({ partitioner: LEARNER, unavailable: null, ...run(lab, learnerParams, seed, (f) => options.onProgress?.(LEARNER, f)) });
  } finally {
    for (const p of made) p.dispose();
  }
  for (const rival of options.rivals ?? PARTITIONER_RIVALS) {
    const p: KafkaParams = { ...params, 'producer.partitioner': rival };
    try {
      configOf(p);
    } catch (e) {
      if (!(e instanceof ConfigException)) throw e;
      rows.push({ partitioner: rival, result: null, unavailable: e.message, eventLogHash: null });
      continue;
    }
    rows.push({ partitioner: rival, unavailable: null, ...run(kafkaLab, p, seed, (f) => options.onProgress?.(rival, f)) });
  }
  return {
    rows,
    ticks: made.reduce((n, p) => n + p.ticks, 0),
    choices: made.reduce((n, p) => n + p.calls, 0),
    logs: made.flatMap((p) => [...p.logs]),
  };
}

/**
 * "Beating" a rival under a slow broker: at least as many records acknowledged and a lower p99
 * acknowledgement latency (the tail the slow broker's partitions make).
 */
export function beats(yours: KafkaRunResult, rival: KafkaRunResult): boolean {
  return yours.acked >= rival.acked && yours.ackLatencyMs.p99 < rival.ackLatencyMs.p99;
}
