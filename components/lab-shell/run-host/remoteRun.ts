/**
 * A run that lives in a worker, as the main thread sees it: a RunView rebuilt from RunUpdates (the
 * recorder as a RecorderMirror, the latest frame and result). Views cannot tell it from a Runner.
 */
import type { AnyLab, RunView } from '@/simulations/core/lab';
import { RecorderMirror, type RecorderDelta } from '@/simulations/core/recorderSync';
import type { RunUpdate } from './protocol';

export class RemoteRun implements RunView {
  readonly recorder = new RecorderMirror();
  readonly horizonMs: number;
  now = 0;
  done = false;
  finished = false;
  /** false until the first update arrived */
  ready = false;
  private _version = 0;
  private frameValue: unknown = undefined;
  private resultValue: { value: unknown } | { error: string } | undefined;
  private listeners = new Set<() => void>();

  constructor(
    readonly lab: AnyLab,
    readonly params: Record<string, unknown>,
    readonly seed: number,
  ) {
    this.horizonMs = lab.horizonMs(params);
  }

  get version(): number {
    return this._version;
  }

  frame(): unknown {
    return this.frameValue;
  }

  result(): unknown {
    const r = this.resultValue;
    if (!r) throw new Error('the run has not reported a result yet');
    if ('error' in r) throw new Error(r.error);
    return r.value;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  apply(update: Pick<RunUpdate, 'now' | 'done' | 'finished' | 'frame' | 'result'> & { delta: RecorderDelta }): void {
    this.recorder.apply(update.delta);
    this.now = update.now;
    this.done = update.done;
    this.finished = update.finished;
    this.frameValue = update.frame;
    if (update.result) this.resultValue = update.result;
    this.ready = true;
    this._version++;
    for (const l of [...this.listeners]) l();
  }
}
