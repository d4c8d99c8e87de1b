/**
 * The CLI's `kafka --partitioner-file my-partitioner.ts`: compile with esbuild and race the learner's
 * keyless partitioner against the built-ins, each sandbox in the Node watchdog's worker thread
 * (code-lab/node/guardedSandbox.ts), like ABR's --algorithm-file.
 */
import type { CliIO } from '@/simulations/core/lab';
import type { KafkaParams } from '@/simulations/kafka';
import { compileTypeScript } from '../sandbox/compileNode';
import { openGuardedSandbox } from '../node/guardedSandbox';
import { racePartitioners, type PartitionerRace } from './race';

/** Throws SandboxError (compile or run time, with the TypeScript line:col), Error for a file that cannot be read. */
export async function racePartitionerFile(path: string, io: Pick<CliIO, 'readFile'>, params: KafkaParams, seed: number, onProgress?: (partitioner: string, fraction: number) => void): Promise<PartitionerRace> {
  let source: string;
  try {
    source = io.readFile(path);
  } catch {
    throw new Error(`${path}: cannot read the partitioner file`);
  }
  const program = compileTypeScript(source, path.slice(path.lastIndexOf('/') + 1));
  return racePartitioners((p, options) => openGuardedSandbox(p, options), program, params, seed, { onProgress });
}
