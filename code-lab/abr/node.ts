/**
 * The CLI's `--algorithm-file my-abr.ts`: compile with esbuild and return the learner's algorithm as
 * a factory like the built-ins' (the same sandbox the page uses), each sandbox in the Node
 * watchdog's worker thread (code-lab/node/guardedSandbox.ts): a memory bomb or a hang the tick
 * budget cannot see ends the run with a message at the TypeScript line:col, not the process.
 */
import type { CliIO } from '@/simulations/core/lab';
import type { YoursFactory } from '@/simulations/abr/algorithms/yours';
import { compileTypeScript } from '../sandbox/compileNode';
import { openGuardedSandbox } from '../node/guardedSandbox';
import { abrEntrant } from './sandboxedAbr';

/** Throws SandboxError (kind 'compile') for a file that does not compile, Error for one that cannot be read. */
export async function loadAbrAlgorithmFile(path: string, io: Pick<CliIO, 'readFile'>): Promise<YoursFactory> {
  let source: string;
  try {
    source = io.readFile(path);
  } catch {
    throw new Error(`${path}: cannot read the algorithm file`);
  }
  const program = compileTypeScript(source, path.slice(path.lastIndexOf('/') + 1));
  return abrEntrant((p, options) => openGuardedSandbox(p, options), program);
}
