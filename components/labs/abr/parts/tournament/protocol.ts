/**
 * Messages between the ABR view and its tournament worker (tournament.worker.ts). Entrants cross the
 * boundary as plain specs; the worker turns each into a factory through `entrantKinds` (entrants.ts).
 */
import type { AbrParams, TraceScore, TraceSetId } from '@/simulations/abr';

/** An extra entrant: `kind` picks the builder in entrants.ts, `payload` is its plain-data input. */
export interface EntrantSpec {
  kind: string;
  id: string;
  label: string;
  payload: unknown;
}

export interface TournamentRequest {
  type: 'run';
  runId: number;
  sets: TraceSetId[];
  params: AbrParams;
  seed: number;
  extras: EntrantSpec[];
}

export type TournamentReply =
  | { type: 'progress'; runId: number; done: number; total: number }
  | { type: 'done'; runId: number; entrants: { id: string; label: string }[]; scores: TraceScore[]; simulateMs: number; loadMs: number }
  | { type: 'error'; runId: number; message: string };
