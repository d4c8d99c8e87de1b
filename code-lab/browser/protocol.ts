/** Messages between the page and the code lab's race worker (abrRace.worker.ts). */
import type { AbrParams } from '@/simulations/abr';
import type { CodeLocation, CompiledProgram, SandboxErrorKind } from '../sandbox/program';
import type { RaceOutcome } from '../abr/race';

export interface RaceRequest {
  type: 'race';
  program: CompiledProgram;
  params: AbrParams;
  seed: number;
}

export type RaceReply =
  /** QuickJS is loaded: from now on the page's watchdog expects progress at least every second */
  | { type: 'ready' }
  | { type: 'progress'; decisions: number }
  | { type: 'done'; outcome: RaceOutcome }
  | { type: 'error'; kind: SandboxErrorKind | 'internal'; message: string; detail: string; location: CodeLocation | null };
