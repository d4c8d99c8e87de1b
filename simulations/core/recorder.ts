/**
 * What a run leaves behind: a typed event log, sampled time series and per-type counters.
 * The UI, the CLI and the tests all read a run through its recorder.
 *
 * Every mutation bumps `version`, so views can subscribe with a cheap "has anything changed" check
 * and select only the series they draw.
 */

export interface SimEvent {
  type: string;
}

/** An event as stored: the lab's event plus its virtual time (ms). */
export type Logged<E extends SimEvent> = E & { t: number };

export interface SeriesPoint {
  t: number;
  v: number;
}

export interface RecorderOptions {
  /** Events beyond this many are counted but not stored (large runs). Default 250,000. */
  eventLimit?: number;
}

export interface RecorderMark {
  events: number;
  series: Record<string, number>;
  counts: Record<string, number>;
  dropped: number;
}

/** What a view may read of a recorder: the live `Recorder`, or its mirror from a worker. */
export interface RecorderView<E extends SimEvent = SimEvent, N extends string = string> {
  /** the stored events (a live array: do not mutate) */
  readonly events: Logged<E>[];
  readonly version: number;
  /** events counted but not stored (eventLimit) */
  readonly dropped: number;
  count(type: E['type']): number;
  counts(): Record<string, number>;
  series(name: N): readonly SeriesPoint[];
  seriesNames(): N[];
}

/**
 * `N` is the lab's series-name type (declared in `simulations/<lab>/lab/series.ts`), so a series
 * name is checked at the simulation that samples it and at the view that reads it. Template
 * literal types cover per-entity series (`\`partition.${number}.lag\``).
 */
export class Recorder<E extends SimEvent = SimEvent, N extends string = string> implements RecorderView<E, N> {
  private eventList: Logged<E>[] = [];
  private readonly seriesByName = new Map<N, SeriesPoint[]>();
  private readonly countsByType = new Map<string, number>();
  private droppedEvents = 0;
  private readonly eventLimit: number;
  private _version = 0;

  constructor(
    private readonly now: () => number,
    options: RecorderOptions = {},
  ) {
    this.eventLimit = options.eventLimit ?? 250_000;
  }

  /** The stored events (a live array: do not mutate). Replaced by a new array on rewind. */
  get events(): Logged<E>[] {
    return this.eventList;
  }

  get version(): number {
    return this._version;
  }
  /** Events counted but not stored because of eventLimit. */
  get dropped(): number {
    return this.droppedEvents;
  }

  /** Log an event at the current virtual time. */
  log(event: E): void {
    this.countsByType.set(event.type, (this.countsByType.get(event.type) ?? 0) + 1);
    if (this.eventList.length < this.eventLimit) this.eventList.push({ ...event, t: this.now() } as Logged<E>);
    else this.droppedEvents++;
    this._version++;
  }

  /** How many events of this type were logged (stored or not). */
  count(type: E['type']): number {
    return this.countsByType.get(type) ?? 0;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.countsByType);
  }

  /** Append a sample to a named series at the current virtual time (or at `t`). */
  sample(name: N, v: number, t: number = this.now()): void {
    let s = this.seriesByName.get(name);
    if (!s) {
      s = [];
      this.seriesByName.set(name, s);
    }
    s.push({ t, v });
    this._version++;
  }

  /** The points of one series (a live array: do not mutate). Empty if never sampled. */
  series(name: N): readonly SeriesPoint[] {
    return this.seriesByName.get(name) ?? EMPTY;
  }

  seriesNames(): N[] {
    return [...this.seriesByName.keys()] as N[];
  }

  /** Position of everything recorded so far, for checkpoints. */
  mark(): RecorderMark {
    const series: Record<string, number> = {};
    for (const [name, s] of this.seriesByName) series[name] = s.length;
    return { events: this.events.length, series, counts: this.counts(), dropped: this.droppedEvents };
  }

  /**
   * Forget everything recorded after `mark` (scrubbing back to a checkpoint).
   * LOUD: rewinding hands out NEW arrays instead of truncating in place. Views cache work per array
   * (chart extents and paths grow incrementally while `data` is the same array and only longer); an
   * array that shrank and regrew between two renders would look like it had only grown.
   */
  rewind(mark: RecorderMark): void {
    this.eventList = this.eventList.slice(0, Math.min(this.eventList.length, mark.events));
    for (const [name, s] of [...this.seriesByName]) {
      const keep = mark.series[name] ?? 0;
      if (keep === 0) this.seriesByName.delete(name);
      else this.seriesByName.set(name, s.slice(0, Math.min(s.length, keep)));
    }
    this.countsByType.clear();
    for (const [k, v] of Object.entries(mark.counts)) this.countsByType.set(k, v);
    this.droppedEvents = mark.dropped;
    this._version++;
  }

  clear(): void {
    this.rewind({ events: 0, series: {}, counts: {}, dropped: 0 });
  }
}

const EMPTY: readonly SeriesPoint[] = Object.freeze([]);

/** Index of the first point with t > time (binary search), for drawing a series up to a time. */
export function upperBoundByTime(points: readonly { t: number }[], time: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].t <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
