/**
 * A pool of W identical workers on virtual time: greedy list scheduling. Whenever a worker is
 * free it takes the first ready job: urgent jobs (packaging, retries) before the queue, each in
 * the order given. Runs on the scheduler; reports starts, finishes and crashes. A crashed attempt
 * frees its worker (a replacement machine) and is NOT re-queued here: whoever owns the job decides
 * when (lab/model.ts waits for a lease to expire).
 */
import type { Scheduler } from '../../core/scheduler';

export interface PoolJob {
  durationMs: number;
}

export interface PoolHooks<J extends PoolJob> {
  onStart(job: J, worker: number): void;
  onFinish(job: J, worker: number, startMs: number): void;
  onCrash?(job: J, worker: number, startMs: number): void;
  /** for each attempt: the share of the job done when it crashes (0–1), or null if it completes */
  crashAt?(job: J): number | null;
}

export interface RunningJob<J> {
  job: J;
  worker: number;
  startMs: number;
  endMs: number;
}

export class WorkerPool<J extends PoolJob> {
  private readonly queue: J[] = [];
  private head = 0;
  private readonly urgent: J[] = [];
  private readonly running: (RunningJob<J> | null)[];
  private busyMs = 0;
  private _finished = 0;
  private _crashed = 0;
  private crashedMs = 0;

  constructor(
    readonly workers: number,
    private readonly scheduler: Scheduler,
    private readonly hooks: PoolHooks<J>,
  ) {
    this.running = Array.from({ length: workers }, () => null);
  }

  /** Queue jobs at the back (in order) and start as many as there are free workers. */
  submit(jobs: readonly J[]): void {
    for (const j of jobs) this.queue.push(j);
    this.dispatch();
  }

  /** Queue a job ahead of every queued job (after earlier urgent ones). */
  submitUrgent(job: J): void {
    this.urgent.push(job);
    this.dispatch();
  }

  get finished(): number {
    return this._finished;
  }

  get crashed(): number {
    return this._crashed;
  }

  /** Worker-milliseconds lost to crashed attempts. */
  get crashedWorkerMs(): number {
    return this.crashedMs;
  }

  get waiting(): number {
    return this.queue.length - this.head + this.urgent.length;
  }

  /** Worker-milliseconds spent on jobs, finished or crashed. */
  get busyWorkerMs(): number {
    return this.busyMs;
  }

  /** What each worker is doing now (null: idle). */
  current(): readonly (RunningJob<J> | null)[] {
    return this.running;
  }

  private next(): J | undefined {
    if (this.urgent.length > 0) return this.urgent.shift();
    if (this.head < this.queue.length) return this.queue[this.head++];
    return undefined;
  }

  private dispatch(): void {
    for (let w = 0; w < this.workers; w++) {
      if (this.running[w]) continue;
      const job = this.next();
      if (!job) return;
      this.start(job, w);
    }
  }

  private start(job: J, worker: number): void {
    const startMs = this.scheduler.now;
    const crash = this.hooks.crashAt?.(job) ?? null;
    const endMs = startMs + (crash === null ? job.durationMs : crash * job.durationMs);
    this.running[worker] = { job, worker, startMs, endMs };
    this.hooks.onStart(job, worker);
    this.scheduler.at(endMs, () => {
      this.running[worker] = null;
      this.busyMs += endMs - startMs;
      if (crash === null) {
        this._finished++;
        this.hooks.onFinish(job, worker, startMs); // may submit urgent work (and start it here)
      } else {
        this._crashed++;
        this.crashedMs += endMs - startMs;
        this.hooks.onCrash?.(job, worker, startMs);
      }
      this.dispatch();
    });
  }
}
