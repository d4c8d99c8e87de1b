/**
 * A recorder seen from another thread. `RecorderTap` takes, from a live recorder, what was recorded
 * since its last look as plain data (a `RecorderDelta`, structured-cloneable, the series as typed
 * arrays that transfer without a copy); `RecorderMirror` applies those deltas and reads like the
 * recorder itself. The shell runs a lab in a worker and draws its mirror on the main thread.
 *
 * LOUD: a rewind on the live side (scrubbing back to a checkpoint) hands out NEW arrays, and so
 * does the mirror when it applies a delta that starts over (`reset`): views cache work per array
 * (see Recorder.rewind), and an array that shrank and regrew would look like it had only grown.
 */
import type { Logged, RecorderView, SeriesPoint, SimEvent } from './recorder';

export interface SeriesDelta {
  /** index of the first point in `t`/`v` (the mirror's current length, unless the delta resets) */
  from: number;
  t: Float64Array;
  v: Float64Array;
}

export interface RecorderDelta<E extends SimEvent = SimEvent> {
  /** start over: the mirror drops everything it had (the live recorder was rewound or replaced) */
  reset: boolean;
  /** index of the first event in `events` */
  eventsFrom: number;
  events: Logged<E>[];
  series: Record<string, SeriesDelta>;
  counts: Record<string, number>;
  dropped: number;
}

/**
 * Reads what is new in a recorder since the last `take()`. Handed another recorder (a run that was
 * reset builds a new one), or a rewound one, the next delta starts the mirror over.
 */
export class RecorderTap<E extends SimEvent = SimEvent> {
  private recorder: RecorderView<E> | null = null;
  private eventsRef: readonly Logged<E>[] | null = null;
  private eventsSent = 0;
  private seriesSent = new Map<string, { ref: readonly SeriesPoint[]; sent: number }>();

  take(rec: RecorderView<E>): RecorderDelta<E> {
    const events = rec.events;
    // another recorder, or a replaced array (a rewind): start the mirror over
    const reset = this.recorder !== rec || this.eventsRef !== events || [...this.seriesSent].some(([name, s]) => rec.series(name) !== s.ref);
    this.recorder = rec;
    if (reset) {
      this.eventsSent = 0;
      this.seriesSent.clear();
    }
    this.eventsRef = events;
    const delta: RecorderDelta<E> = { reset, eventsFrom: this.eventsSent, events: events.slice(this.eventsSent), series: {}, counts: rec.counts(), dropped: rec.dropped };
    this.eventsSent = events.length;
    for (const name of rec.seriesNames()) {
      const points = rec.series(name);
      const known = this.seriesSent.get(name);
      const from = known ? known.sent : 0;
      if (points.length > from) {
        const n = points.length - from;
        const t = new Float64Array(n);
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          t[i] = points[from + i].t;
          v[i] = points[from + i].v;
        }
        delta.series[name] = { from, t, v };
      }
      this.seriesSent.set(name, { ref: points, sent: points.length });
    }
    return delta;
  }
}

/** The typed arrays of a delta, to pass as `transfer` to postMessage (no copy). */
export function transferablesOf(delta: RecorderDelta): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const s of Object.values(delta.series)) out.push(s.t.buffer as ArrayBuffer, s.v.buffer as ArrayBuffer);
  return out;
}

/** A recorder rebuilt from deltas: the same reads as the live one. */
export class RecorderMirror<E extends SimEvent = SimEvent, N extends string = string> implements RecorderView<E, N> {
  private eventList: Logged<E>[] = [];
  private seriesByName = new Map<string, SeriesPoint[]>();
  private countsByType: Record<string, number> = {};
  private droppedEvents = 0;
  private _version = 0;

  get events(): Logged<E>[] {
    return this.eventList;
  }
  get version(): number {
    return this._version;
  }
  get dropped(): number {
    return this.droppedEvents;
  }
  count(type: E['type']): number {
    return this.countsByType[type] ?? 0;
  }
  counts(): Record<string, number> {
    return { ...this.countsByType };
  }
  series(name: N): readonly SeriesPoint[] {
    return this.seriesByName.get(name) ?? EMPTY;
  }
  seriesNames(): N[] {
    return [...this.seriesByName.keys()] as N[];
  }

  apply(delta: RecorderDelta<E>): void {
    if (delta.reset) {
      this.eventList = [];
      this.seriesByName = new Map();
    }
    if (delta.events.length > 0) {
      if (delta.eventsFrom !== this.eventList.length) throw new Error(`recorder mirror out of step: events from ${delta.eventsFrom}, have ${this.eventList.length}`);
      for (const e of delta.events) this.eventList.push(e);
    }
    for (const [name, s] of Object.entries(delta.series)) {
      let points = this.seriesByName.get(name);
      if (!points) {
        points = [];
        this.seriesByName.set(name, points);
      }
      if (s.from !== points.length) throw new Error(`recorder mirror out of step: series ${name} from ${s.from}, have ${points.length}`);
      for (let i = 0; i < s.t.length; i++) points.push({ t: s.t[i], v: s.v[i] });
    }
    this.countsByType = delta.counts;
    this.droppedEvents = delta.dropped;
    this._version++;
  }
}

const EMPTY: readonly SeriesPoint[] = Object.freeze([]);
