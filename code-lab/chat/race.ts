/**
 * The race of the learner's reconnect backoff policy against the six built-ins (none, fixed,
 * exponential, full, equal and decorrelated jitter) in a crash storm: the chat lab's own model and
 * runner, same params and seed, once per policy; the learner's waits come from the sandbox. Runs
 * where QuickJS runs (a worker, Node: the CLI's --backoff-file, the tests).
 */
import { Runner } from '@/simulations/core/runner';
import { hashText } from '@/simulations/abr/algorithms/yours';
import { chatLab, RECONNECT_POLICIES, type ChatParams, type ChatResult, type ReconnectPolicy } from '@/simulations/chat';
import { createChatModel } from '@/simulations/chat/lab/model';
import { connectionEventsBound } from '@/simulations/chat/lab/budget';
import type { CompiledProgram } from '../sandbox/program';
import type { SandboxEngine, SandboxLimits } from '../sandbox/vm';
import { backoffEntrant, type SandboxedBackoff } from './sandboxedBackoff';

export const LEARNER = 'yours';

export interface BackoffRaceRow {
  policy: ReconnectPolicy | typeof LEARNER;
  result: ChatResult;
  eventLogHash: string;
}

export interface BackoffRace {
  rows: BackoffRaceRow[];
  ticks: number;
  waits: number;
  logs: string[];
}

export interface BackoffRaceOptions {
  rivals?: readonly ReconnectPolicy[];
  limits?: Partial<SandboxLimits>;
  onProgress?(policy: string, fraction: number): void;
}

function run(lab: typeof chatLab, params: ChatParams, seed: number, onProgress?: (fraction: number) => void) {
  const runner = new Runner(lab, params, seed);
  runner.runToEnd(onProgress);
  return { result: runner.result() as ChatResult, eventLogHash: hashText(JSON.stringify(runner.recorder.events)) };
}

/** The learner's policy first, then each rival. Throws SandboxError when the learner's code fails. */
export function raceBackoffPolicies(engine: SandboxEngine, program: CompiledProgram, params: ChatParams, seed: number, options: BackoffRaceOptions = {}): BackoffRace {
  const made: SandboxedBackoff[] = [];
  const factory = backoffEntrant(engine, program, connectionEventsBound(params), made, options.limits);
  const lab = { ...chatLab, create: (p: ChatParams, ctx: Parameters<typeof chatLab.create>[1]) => createChatModel(p, ctx, factory) };
  const rows: BackoffRaceRow[] = [];
  try {
    rows.push({ policy: LEARNER, ...run(lab, params, seed, (f) => options.onProgress?.(LEARNER, f)) });
  } finally {
    for (const p of made) p.dispose();
  }
  for (const policy of options.rivals ?? RECONNECT_POLICIES) {
    rows.push({ policy, ...run(chatLab, { ...params, 'reconnect.policy': policy }, seed, (f) => options.onProgress?.(policy, f)) });
  }
  return { rows, ticks: made.reduce((n, p) => n + p.ticks, 0), waits: made.reduce((n, p) => n + p.calls, 0), logs: made.flatMap((p) => [...p.logs]) };
}

/**
 * "Beating" a rival in a crash storm: every client back (none still disconnected), sooner (lower
 * recoverMs), with no more attempts per client (the load the storm puts on the survivors).
 */
export function beats(yours: ChatResult, rival: ChatResult): boolean {
  const y = yours.reconnect;
  const r = rival.reconnect;
  if (y.stillDisconnected > 0 || y.recoverMs === null) return false;
  if (r.stillDisconnected > 0 || r.recoverMs === null) return true;
  return y.recoverMs < r.recoverMs && (y.attemptsPerClient ?? Infinity) <= (r.attemptsPerClient ?? Infinity);
}
