/**
 * The learner's keyless partitioner as the Kafka producer sees a plug-in: a KeylessPartitioner whose
 * choose() calls into the learner's program in its own QuickJS sandbox. Every choice is checked here,
 * on the host, before the producer may use it (an existing partition, a positive finite stay): a bad
 * one is a SandboxError at the TypeScript line of `choose`.
 */
import type { KeylessPartitioner, PartitionChoice, PartitionChoiceInput, PartitionerEnv, KeylessPartitionerFactory } from '@/simulations/kafka/producer/keylessPartitioner';
import type { SandboxEngine, SandboxLimits } from '../sandbox/vm';
import { definitionOf, SandboxError, type CompiledProgram } from '../sandbox/program';
import { describeValue, openTarget } from '../sandbox/target';

/** What the learner's program exports: `export function createPartitioner(env: PartitionerEnv): KeylessPartitioner`. */
export const KAFKA_FACTORY = 'createPartitioner';
const CONTRACT = { factory: KAFKA_FACTORY, required: ['choose'], signature: 'choose(input)' } as const;

/** A stay longer than this is refused (a whole run's data on one partition is ~10⁹ bytes). */
export const MAX_STICKY_BYTES = 1e12;

/**
 * LOUD: the budget per run is larger than ABR's: the producer asks once per batch (tens of thousands
 * of choices in the slow-broker preset), and a tick is ~10,000 calls or loop turns across them.
 */
export const PARTITIONER_LIMITS: Partial<SandboxLimits> = { ticksPerRun: 60_000 };

export interface SandboxedPartitioner extends KeylessPartitioner {
  readonly ticks: number;
  readonly calls: number;
  readonly logs: readonly string[];
  dispose(): void;
}

export function createSandboxedPartitioner(engine: SandboxEngine, program: CompiledProgram, env: PartitionerEnv, seed: number, limits: Partial<SandboxLimits> = PARTITIONER_LIMITS): SandboxedPartitioner {
  const box = openTarget(engine, program, CONTRACT, env, seed, limits);
  const chooseAt = definitionOf(program.source, 'choose');
  let calls = 0;
  const bad = (what: string) => new SandboxError('contract', `choose() call ${calls} returned ${what}`, chooseAt, program.file);
  const validate = (raw: unknown): PartitionChoice => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(`${describeValue(raw)}: it must return an object { partition, stickyBytes? }`);
    const c = raw as Record<string, unknown>;
    const p = c.partition;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p >= env.numPartitions) {
      throw bad(`partition ${describeValue(p)}: it must be an integer 0 … ${env.numPartitions - 1} (the topic has ${env.numPartitions} partitions)`);
    }
    const out: PartitionChoice = { partition: p };
    if (c.stickyBytes !== undefined) {
      const b = c.stickyBytes;
      if (typeof b !== 'number' || !Number.isFinite(b) || b <= 0 || b > MAX_STICKY_BYTES) throw bad(`stickyBytes ${describeValue(b)}: it must be a positive number of bytes (at most ${MAX_STICKY_BYTES})`);
      out.stickyBytes = b;
    }
    return out;
  };
  return {
    get ticks() {
      return box.totalTicks;
    },
    get calls() {
      return calls;
    },
    logs: box.logs,
    choose(input: PartitionChoiceInput) {
      calls++;
      return validate(box.call('choose', input));
    },
    dispose() {
      box.dispose();
    },
  };
}

/** The learner's partitioner as the producer's plug-in factory; `made` collects every instance (to dispose, to read ticks). */
export function partitionerEntrant(engine: SandboxEngine, program: CompiledProgram, made: SandboxedPartitioner[] = [], limits?: Partial<SandboxLimits>): KeylessPartitionerFactory {
  return (env, seed) => {
    const p = createSandboxedPartitioner(engine, program, env, seed, limits);
    made.push(p);
    return p;
  };
}
