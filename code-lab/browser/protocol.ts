/** Messages between the page and the code lab's race worker (race.worker.ts), for every target. */
import type { AbrParams } from '@/simulations/abr';
import type { KafkaParams } from '@/simulations/kafka';
import type { ChatParams } from '@/simulations/chat';
import type { CodeLocation, CompiledProgram, SandboxErrorKind } from '../sandbox/program';
import type { RaceOutcome } from '../abr/race';
import type { PartitionerRace } from '../kafka/race';
import type { BackoffRace } from '../chat/race';

/** What each target races with, and what its race returns. */
export interface RaceTargets {
  abr: { params: AbrParams; outcome: RaceOutcome };
  kafka: { params: KafkaParams; outcome: PartitionerRace };
  chat: { params: ChatParams; outcome: BackoffRace };
}
export type RaceTarget = keyof RaceTargets;

/** One race's job (the worker's request without its message type). */
export interface RaceJob<T extends RaceTarget> {
  target: T;
  program: CompiledProgram;
  params: RaceTargets[T]['params'];
  seed: number;
}

/** The worker's request: one of the targets' jobs (a union, so `target` narrows `params`). */
export type RaceRequest = { [K in RaceTarget]: { type: 'race' } & RaceJob<K> }[RaceTarget];

export type RaceReply =
  /** QuickJS is loaded: from now on the page's watchdog expects progress at least every second */
  | { type: 'ready' }
  /** `count`: ABR's decisions so far; Kafka and chat: the percentage of the run `label` names */
  | { type: 'progress'; count: number; label?: string }
  | { type: 'done'; outcome: RaceTargets[RaceTarget]['outcome'] }
  | { type: 'error'; kind: SandboxErrorKind | 'internal'; message: string; detail: string; location: CodeLocation | null };
