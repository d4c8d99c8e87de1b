/**
 * The worker side of a lab run: owns the Runner, its live and seek loops and a tap on its recorder,
 * obeys RunCommands and answers with RunReplies. No DOM and no Worker API here (the port, the frame
 * host and the lab loader are injected), so tests drive it in Node exactly as the worker does.
 */
import { LiveLoop, Runner, SeekLoop, type FrameHost } from '@/simulations/core/runner';
import type { AnyLab } from '@/simulations/core/lab';
import { RecorderTap, transferablesOf } from '@/simulations/core/recorderSync';
import type { RunCommand, RunReply, RunUpdate } from './protocol';
import { runForPreset, runFromQuery, settleOnWholeMs } from '../link';

export interface RunServicePorts {
  post(reply: RunReply, transfer?: ArrayBuffer[]): void;
  /** frames for the loops; `now` is required (loops spend a slice of wall time per frame) */
  frames: FrameHost & { now(): number };
  loadLab(id: string): Promise<AnyLab>;
}

/** Results are recomputed at most this often while a run plays (some labs' results are O(run)). */
const RESULT_EVERY_MS = 250;

export class RunService {
  private runId = -1;
  private runner: Runner | null = null;
  private readonly tap = new RecorderTap();
  private loop: LiveLoop | null = null;
  private seek: SeekLoop | null = null;
  private lastResultAt = -Infinity;
  private companionsFor = -1;
  /** what the last step landed on */
  private caption: string | null = null;
  /** the last command of the current run handled (echoed in updates) */
  private seq = 0;

  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ports: RunServicePorts) {}

  /**
   * Handle commands strictly in order: `open` waits for the lab's code to load, and a Play sent
   * right after it must find the run built. Companion runs never wait behind the live run's
   * commands (the shell gives them a worker of their own).
   */
  enqueue(cmd: RunCommand): Promise<void> {
    // a newer companions request abandons an older one at its next run
    if (cmd.type === 'companions') this.companionsFor = cmd.runId;
    this.queue = this.queue.then(() => this.handle(cmd));
    return this.queue;
  }

  private async handle(cmd: RunCommand): Promise<void> {
    if (cmd.seq !== undefined && cmd.runId === this.runId) this.seq = cmd.seq;
    try {
      if (cmd.type === 'open') return await this.open(cmd);
      if (cmd.type === 'companions') return await this.companions(cmd);
      if (cmd.type === 'preset-result') return await this.presetResult(cmd);
      if (cmd.runId !== this.runId || !this.runner) return; // for a run already replaced
      const runner = this.runner;
      switch (cmd.type) {
        case 'play':
          this.caption = null;
          this.loop!.speed = cmd.speed;
          this.loop!.play();
          break;
        case 'pause':
          this.loop!.pause();
          settleOnWholeMs(runner);
          break;
        case 'speed':
          this.loop!.speed = cmd.speed;
          break;
        case 'step':
          this.loop!.pause();
          this.caption = cmd.raw ? runner.stepRaw() : runner.stepVisible();
          settleOnWholeMs(runner);
          break;
        case 'step-back':
          this.loop!.pause();
          this.seek!.stop();
          runner.scrubTo(runner.previousVisibleTime());
          this.caption = runner.currentCaption();
          break;
        case 'seek':
          this.caption = null;
          this.loop!.pause();
          this.seek!.start(cmd.t);
          break;
        case 'stop-seek':
          this.seek!.stop();
          settleOnWholeMs(runner);
          break;
        case 'reset':
          this.caption = null;
          this.loop!.pause();
          this.seek!.stop();
          runner.reset();
          break;
        case 'settle':
          settleOnWholeMs(runner);
          break;
      }
      this.flush(true);
    } catch (e) {
      this.ports.post({ type: 'error', runId: cmd.runId, message: messageOf(e) });
    }
  }

  private async open(cmd: Extract<RunCommand, { type: 'open' }>): Promise<void> {
    this.loop?.pause();
    this.seek?.stop();
    this.runId = cmd.runId;
    this.seq = cmd.seq ?? 0;
    this.caption = null;
    this.runner = null;
    const lab = await this.ports.loadLab(cmd.labId);
    if (cmd.runId !== this.runId) return; // replaced while the lab loaded
    const runner = new Runner(lab, cmd.params, cmd.seed);
    this.runner = runner;
    const runId = cmd.runId;
    const current = () => this.runner!;
    this.loop = new LiveLoop(current, this.frameHostFor(runId), () => this.flush(true, 'loop-finished'));
    this.seek = new SeekLoop(current, this.frameHostFor(runId), () => this.flush(true, 'seek-done'));
    this.lastResultAt = -Infinity;
    this.flush(true);
  }

  /** A frame host whose every frame also posts what changed (once per frame, not per event). */
  private frameHostFor(runId: number): FrameHost {
    const frames = this.ports.frames;
    return {
      now: () => frames.now(),
      sliceMs: frames.sliceMs,
      cancelFrame: (id) => frames.cancelFrame(id),
      requestFrame: (cb) =>
        frames.requestFrame((wallMs) => {
          if (runId !== this.runId) return;
          cb(wallMs);
          this.flush(false);
        }),
    };
  }

  /** Post the run's state: the recorder's news, the frame, and (when due) the result. */
  private flush(stopped: boolean, reached?: RunUpdate['reached']): void {
    const runner = this.runner;
    if (!runner) return;
    // (a reset builds a new recorder; the tap notices and the delta starts the mirror over)
    const delta = this.tap.take(runner.recorder);
    const now = this.ports.frames.now();
    const playing = this.loop?.playing ?? false;
    let result: RunUpdate['result'];
    if (stopped || !playing || runner.done || now - this.lastResultAt >= RESULT_EVERY_MS) {
      this.lastResultAt = now;
      try {
        result = { value: runner.result() };
      } catch (e) {
        result = { error: messageOf(e) };
      }
    }
    const update: RunUpdate = {
      type: 'update',
      runId: this.runId,
      seq: this.seq,
      now: runner.now,
      done: runner.done,
      finished: runner.finished,
      delta,
      frame: runner.frame(),
      result,
      reachedSpeed: playing ? this.loop!.reachedSpeed : NaN,
      caption: this.caption,
      reached,
    };
    this.ports.post(update, transferablesOf(delta));
  }

  private async presetResult(cmd: Extract<RunCommand, { type: 'preset-result' }>): Promise<void> {
    const done = await presetResult(this.ports.loadLab, cmd.labId, cmd.preset, cmd.query);
    this.ports.post({ type: 'preset-result', runId: cmd.runId, ...done });
  }

  /** Companion runs, one per macrotask-free loop iteration; a newer request abandons an older one. */
  private async companions(cmd: Extract<RunCommand, { type: 'companions' }>): Promise<void> {
    if (this.companionsFor !== cmd.runId) return;
    const lab = await this.ports.loadLab(cmd.labId);
    const specs = lab.companions?.(cmd.params) ?? [];
    for (let index = 0; index < specs.length; index++) {
      if (this.companionsFor !== cmd.runId) return;
      const spec = specs[index];
      try {
        const runner = new Runner(lab, spec.params, cmd.seed);
        runner.runToEnd();
        const delta = new RecorderTap().take(runner.recorder);
        this.ports.post(
          { type: 'companion', runId: cmd.runId, index, total: specs.length, key: spec.key, label: spec.label, params: spec.params, horizonMs: runner.horizonMs, now: runner.now, delta, frame: runner.frame(), result: runner.result() },
          transferablesOf(delta),
        );
      } catch (e) {
        this.ports.post({ type: 'companion-error', runId: cmd.runId, index, total: specs.length, label: spec.label, message: messageOf(e) });
      }
      // let a newer request in between two runs
      await new Promise<void>((resolve) => this.ports.frames.requestFrame(() => resolve()));
    }
  }
}

/**
 * One headless run to its end, off the live run: a preset's (or a share link's query's) params and
 * seed, exactly what the embed or the lab page plays, so its result IS the value that run reaches.
 */
export async function presetResult(loadLab: (id: string) => Promise<AnyLab>, labId: string, preset?: string, query?: string) {
  const lab = await loadLab(labId);
  const run = query !== undefined ? runFromQuery(lab, query) : runForPreset(lab, preset).run;
  const runner = new Runner(lab, run.params, run.seed);
  runner.runToEnd();
  return { params: run.params, seed: run.seed, horizonMs: runner.horizonMs, now: runner.now, result: runner.result() };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
