/** The run in a Web Worker: commands go out, updates come back into a RemoteRun. */
import type { AnyLab } from '@/simulations/core/lab';
import type { RunCommand, RunReply } from './protocol';
import { RemoteRun } from './remoteRun';
import type { RunHost, RunHostEvents } from './runHost';

/** What the host needs of a worker (a real Worker, or an in-process port in tests). */
export interface RunPort {
  postMessage(cmd: RunCommand): void;
  addEventListener(type: 'message', listener: (e: { data: RunReply }) => void): void;
  removeEventListener(type: 'message', listener: (e: { data: RunReply }) => void): void;
}

let nextRunId = 1;

export class WorkerRunHost implements RunHost {
  readonly run: RemoteRun;
  private readonly runId = nextRunId++;
  private reached = NaN;
  private playing = false;
  private disposed = false;
  private sent = 0;
  private acked = 0;
  private waiting: (() => void)[] = [];

  constructor(
    lab: AnyLab,
    params: Record<string, unknown>,
    seed: number,
    private readonly port: RunPort,
    private readonly events: RunHostEvents,
  ) {
    this.run = new RemoteRun(lab, params, seed);
    port.addEventListener('message', this.onReply);
    this.send({ type: 'open', runId: this.runId, labId: lab.id, params, seed });
  }

  /**
   * A run re-created "from now on" (keep time) replays to the old run's time; until it gets there
   * the page keeps showing the old run (the shell reads `ready`), so the time never jumps back.
   */
  holdUntil: number | null = null;
  get ready(): boolean {
    const r = this.run;
    return r.ready && (this.holdUntil === null || r.now >= this.holdUntil || r.done || r.finished);
  }
  get synced(): boolean {
    return this.run.ready && this.acked >= this.sent;
  }
  whenSynced(): Promise<void> {
    if (this.synced || this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  get reachedSpeed(): number {
    return this.playing ? this.reached : NaN;
  }

  play(speed: number): void {
    this.playing = true;
    this.send({ type: 'play', runId: this.runId, speed });
  }
  pause(): void {
    this.playing = false;
    this.send({ type: 'pause', runId: this.runId });
  }
  setSpeed(speed: number): void {
    this.send({ type: 'speed', runId: this.runId, speed });
  }
  caption: string | null = null;
  step(raw = false): void {
    this.playing = false;
    this.send({ type: 'step', runId: this.runId, raw });
  }
  stepBack(): void {
    this.playing = false;
    this.send({ type: 'step-back', runId: this.runId });
  }
  reset(): void {
    this.playing = false;
    this.send({ type: 'reset', runId: this.runId });
  }
  settle(): void {
    this.send({ type: 'settle', runId: this.runId });
  }
  seekAtOnce(): boolean {
    return false;
  }
  seek(t: number): void {
    this.playing = false;
    this.send({ type: 'seek', runId: this.runId, t });
    this.lastSeekSeq = this.sent;
    this.seekInFlight = true;
  }
  /** a seek was sent and its arrival not yet reported */
  private seekInFlight = false;
  /** the seq of the latest seek sent: an arrival reported before the worker saw it is stale */
  private lastSeekSeq = 0;
  stopSeek(): void {
    // a seek that already arrived has nothing to stop (and an extra command would hold the shown
    // player state at "seeking" until the worker answered it)
    if (!this.seekInFlight) return;
    this.seekInFlight = false;
    this.send({ type: 'stop-seek', runId: this.runId });
  }
  dispose(): void {
    this.disposed = true;
    this.playing = false;
    for (const resolve of this.waiting.splice(0)) resolve();
    this.port.removeEventListener('message', this.onReply);
  }

  private send(cmd: RunCommand): void {
    if (!this.disposed) this.port.postMessage({ ...cmd, seq: ++this.sent });
  }

  private onReply = (e: { data: RunReply }): void => {
    const reply = e.data;
    if (this.disposed || reply.runId !== this.runId) return;
    switch (reply.type) {
      case 'update': {
        const wasDone = this.run.done;
        this.reached = reply.reachedSpeed;
        this.acked = reply.seq;
        this.caption = reply.caption;
        if (reply.reached === 'loop-finished') this.playing = false;
        this.run.apply(reply);
        if (this.synced) for (const resolve of this.waiting.splice(0)) resolve();
        // in the same task as the state, so the player's state and the time never disagree on screen
        if (reply.reached === 'loop-finished') this.events.onLoopFinished();
        // LOUD: a drag sends seeks faster than the worker arrives; an arrival at an older target
        // must not end the newer seek (its stop-seek would cancel the seek still under way)
        else if (reply.reached === 'seek-done' && reply.seq >= this.lastSeekSeq) {
          this.seekInFlight = false;
          this.events.onSeekDone();
        }
        else if (reply.done && !wasDone && !this.playing) this.events.onRunOver();
        break;
      }
      case 'error':
        this.events.onError(reply.message);
        break;
    }
  };
}
