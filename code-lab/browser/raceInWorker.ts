/**
 * Run one race of the learner's code in a fresh worker, guarded by a watchdog: the worker must
 * report progress (a decision, or QuickJS ready) at least every `stallMs`, else it is terminated
 * and the run is an error, never a result (code-lab.md §3: memory bombs and runaway allocation
 * are beyond the tick budget). The page never runs the learner's code itself.
 */
import type { CodeLocation, SandboxErrorKind } from '../sandbox/program';
import type { RaceJob, RaceReply, RaceRequest, RaceTarget, RaceTargets } from './protocol';

export interface RaceFailure {
  kind: SandboxErrorKind | 'internal' | 'watchdog';
  message: string;
  detail: string;
  location: CodeLocation | null;
}

export class RaceFailed extends Error {
  constructor(readonly failure: RaceFailure) {
    super(failure.message);
    this.name = 'RaceFailed';
  }
}

export interface RaceInWorkerOptions {
  /** longest silence while racing, ms */
  stallMs?: number;
  /** longest wait for QuickJS to load (first run compiles the wasm), ms */
  loadMs?: number;
  /** ABR: decisions so far; Kafka and chat: the percentage of the run `label` names */
  onProgress?(count: number, label?: string): void;
  /** a new worker (tests inject one); default: the code lab's race worker */
  createWorker?(): Worker;
}

export const WATCHDOG_STALL_MS = 1000;

export function createRaceWorker(): Worker {
  return new Worker(new URL('./race.worker.ts', import.meta.url), { type: 'module', name: 'code-lab-race' });
}

export interface RunningRace<T extends RaceTarget> {
  result: Promise<RaceTargets[T]['outcome']>;
  cancel(): void;
}

export function raceInWorker<T extends RaceTarget>(job: RaceJob<T>, options: RaceInWorkerOptions = {}): RunningRace<T> {
  type Outcome = RaceTargets[T]['outcome'];
  const stallMs = options.stallMs ?? WATCHDOG_STALL_MS;
  const loadMs = options.loadMs ?? 15_000;
  const worker = (options.createWorker ?? createRaceWorker)();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let settle: { resolve(o: Outcome): void; reject(e: RaceFailed): void } | null = null;
  const finish = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    worker.terminate();
  };
  const fail = (failure: RaceFailure) => {
    finish();
    settle?.reject(new RaceFailed(failure));
    settle = null;
  };
  const arm = (ms: number, why: string) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => fail({ kind: 'watchdog', message: why, detail: why, location: null }), ms);
  };
  const result = new Promise<Outcome>((resolve, reject) => {
    settle = { resolve, reject };
  });
  worker.addEventListener('message', (e: MessageEvent<RaceReply>) => {
    const reply = e.data;
    if (!settle) return;
    switch (reply.type) {
      case 'ready':
        arm(stallMs, `your code stopped responding for ${stallMs / 1000} s (runaway memory or a hang the tick budget cannot see); its sandbox was stopped`);
        break;
      case 'progress':
        options.onProgress?.(reply.count, reply.label);
        arm(stallMs, `your code stopped responding for ${stallMs / 1000} s after ${reply.label === undefined ? `${reply.count} decisions` : `${reply.count}% of the ${reply.label} run`} (runaway memory or a hang the tick budget cannot see); its sandbox was stopped`);
        break;
      case 'done':
        finish();
        settle.resolve(reply.outcome as Outcome);
        settle = null;
        break;
      case 'error':
        fail({ kind: reply.kind, message: reply.message, detail: reply.detail, location: reply.location });
        break;
    }
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail({ kind: 'internal', message: `the sandbox worker failed: ${e.message || 'it could not start'}`, detail: e.message, location: null });
  });
  arm(loadMs, 'the sandbox did not start in time');
  const request = { type: 'race' as const, ...job } as RaceRequest;
  worker.postMessage(request);
  return {
    result,
    cancel: () => fail({ kind: 'internal', message: 'cancelled', detail: 'cancelled', location: null }),
  };
}
