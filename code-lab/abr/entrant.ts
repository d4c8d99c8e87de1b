/**
 * The learner's ABR algorithm as an extra tournament entrant (issue 12; the tournament itself is
 * another branch's). Use inside a worker, never on the page: QuickJS loads there, and the page
 * guards that worker with a progress watchdog like code-lab/browser/raceInWorker.ts.
 *
 *   const factory = await loadAbrEntrant(program);      // program: CompiledProgram from the page
 *   const algorithm = factory(env, { slot: 'trace17', seed });   // an AbrAlgorithm, like createAlgorithm(name, env, knobs)
 *   runRealisticSession(trace, video, algorithm, config, env.objective);
 *
 * Each call builds a fresh sandbox (its own QuickJS runtime); a failure inside the learner's code
 * throws a SandboxError (kind, TypeScript line:col) from the AbrAlgorithm's methods.
 * In the page, compile with components/code-lab/monaco.ts `emit()`; in Node, with
 * code-lab/sandbox/compileNode.ts `compileTypeScript()`.
 */
import type { YoursFactory } from '@/simulations/abr/algorithms/yours';
import type { CompiledProgram } from '../sandbox/program';
import { loadQuickJs } from '../sandbox/quickjs';
import type { SandboxLimits } from '../sandbox/vm';
import { abrEntrant } from './sandboxedAbr';

export async function loadAbrEntrant(program: CompiledProgram, limits?: Partial<SandboxLimits>): Promise<YoursFactory> {
  return abrEntrant(await loadQuickJs(), program, limits);
}

export type { YoursFactory, CompiledProgram };
