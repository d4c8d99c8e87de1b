/**
 * The learner's ABR algorithm as a tournament entrant (the ABR tournament worker's `sandbox` kind,
 * components/labs/abr/parts/tournament/entrants.ts). One fresh QuickJS sandbox per trace, the
 * previous one disposed, so nothing leaks from one trace into the next and 142 traces keep one
 * runtime alive at a time.
 *
 * LOUD: the learner's Math.random seed is the one the lab's race gives player p1
 * (`ctx.rng.stream('yours.p1')`, simulations/abr/lab/model.ts) on every trace, so a trace opened from the
 * leaderboard as a race (your code as the second player) replays the score the tournament gave it.
 */
import { Rng } from '@/simulations/core/rng';
import type { TournamentEntrant } from '@/simulations/abr';
import type { CompiledProgram } from '../sandbox/program';
import { loadQuickJs } from '../sandbox/quickjs';
import type { SandboxLimits } from '../sandbox/vm';
import { createSandboxedAbr, type SandboxedAbr } from './sandboxedAbr';

/** The plain-data payload of a `sandbox` entrant spec (it crosses postMessage). */
export interface SandboxEntrantPayload {
  program: CompiledProgram;
}

/** The lab slot the learner's code plays when a trace opens as a race. */
export const LEARNER_RACE_SLOT = 'p1';

export function learnerSeed(labSeed: number): number {
  return new Rng(labSeed).stream(`yours.${LEARNER_RACE_SLOT}`).nextUint32();
}

export function isCompiledProgram(value: unknown): value is CompiledProgram {
  const p = value as Partial<CompiledProgram> | null;
  return !!p && typeof p.js === 'string' && typeof p.source === 'string' && typeof p.file === 'string' && (p.map === null || typeof p.map === 'object');
}

export interface LearnerEntrant extends TournamentEntrant {
  /** ticks every sandbox of this entrant used so far */
  readonly ticks: number;
  dispose(): void;
}

export async function sandboxEntrant(id: string, label: string, payload: unknown, labSeed: number, limits?: Partial<SandboxLimits>): Promise<LearnerEntrant> {
  const program = (payload as Partial<SandboxEntrantPayload> | null)?.program;
  if (!isCompiledProgram(program)) throw new Error(`entrant ${id}: the payload must be { program: CompiledProgram } (compiled code, its source and file name)`);
  const qjs = await loadQuickJs();
  const seed = learnerSeed(labSeed);
  let current: SandboxedAbr | null = null;
  let ticks = 0;
  const release = () => {
    if (!current) return;
    ticks += current.ticks;
    current.dispose();
    current = null;
  };
  return {
    id,
    label,
    get ticks() {
      return ticks + (current?.ticks ?? 0);
    },
    create(env) {
      release();
      current = createSandboxedAbr(qjs, program, env, seed, limits);
      return current;
    },
    dispose: release,
  };
}
