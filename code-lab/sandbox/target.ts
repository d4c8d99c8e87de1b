/**
 * What every code-lab target (ABR algorithm, Kafka partitioner, chat backoff policy) does with a
 * learner's program: open a sandbox, call the exported factory with the target's environment, check
 * the instance has the methods the target calls, and describe a bad return value in a message.
 * The target's own wrapper then validates every value on the host before the simulation uses it.
 */
import { openSandbox, type SandboxEngine, type SandboxLike, type SandboxLimits } from './vm';
import { definitionOf, SandboxError, type CompiledProgram } from './program';

export interface TargetContract {
  /** the function the program exports, e.g. createAlgorithm */
  factory: string;
  /** methods the instance must have, e.g. ['decide'] (the first is named in the message) */
  required: readonly string[];
  /** how the required method is called, for the message: 'decide(input)' */
  signature: string;
}

/** A sandbox holding the learner's instance (created by `contract.factory(env)`). Throws SandboxError. */
export function openTarget(engine: SandboxEngine, program: CompiledProgram, contract: TargetContract, env: unknown, seed: number, limits?: Partial<SandboxLimits>): SandboxLike {
  const box = openSandbox(engine, program, { seed, limits });
  try {
    box.instantiate(contract.factory, env);
    for (const method of contract.required) {
      if (!box.has(method)) throw new SandboxError('contract', `${contract.factory}() must return an object with a ${contract.signature} method`, definitionOf(program.source, contract.factory), program.file);
    }
    return box;
  } catch (e) {
    box.dispose();
    throw e;
  }
}

/** A returned value in a message: `99`, `NaN`, `undefined`, `"fast"`, `an array`, `object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
