/**
 * The CLI's `chat --backoff-file my-backoff.ts`: compile with esbuild and race the learner's
 * reconnect policy against the six built-ins, each sandbox in the Node watchdog's worker thread
 * (code-lab/node/guardedSandbox.ts), like ABR's --algorithm-file.
 */
import type { CliIO } from '@/simulations/core/lab';
import type { ChatParams } from '@/simulations/chat';
import { compileTypeScript } from '../sandbox/compileNode';
import { openGuardedSandbox } from '../node/guardedSandbox';
import { raceBackoffPolicies, type BackoffRace } from './race';

/** Throws SandboxError (compile or run time, with the TypeScript line:col), Error for a file that cannot be read. */
export async function raceBackoffFile(path: string, io: Pick<CliIO, 'readFile'>, params: ChatParams, seed: number, onProgress?: (policy: string, fraction: number) => void): Promise<BackoffRace> {
  let source: string;
  try {
    source = io.readFile(path);
  } catch {
    throw new Error(`${path}: cannot read the backoff file`);
  }
  const program = compileTypeScript(source, path.slice(path.lastIndexOf('/') + 1));
  return raceBackoffPolicies((p, options) => openGuardedSandbox(p, options), program, params, seed, { onProgress });
}
