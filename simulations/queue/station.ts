/**
 * The M/M/c(/K) station: Poisson arrivals, c identical exponential servers, one FIFO queue, an
 * optional capacity with drops. Plain scheduler events (arrival, departure per server, sampling
 * tick) keep it fast enough for the million-customer runs the theory tests need, and its state is
 * plain data so checkpoints are exact.
 *
 * Internal times are virtual milliseconds; everything reported (events, series, result) is in
 * seconds.
 */
import type { SimContext } from '../core/lab';
import type { RandomStream } from '../core/rng';
import { WaitingLine, type WaitingLineSnapshot } from './waitingLine';
import { LogHistogram, RecentValues, SlidingSum, type LogHistogramState, type RecentValuesState, type SlidingSumState } from './stats';

/** What the station needs to know, in its own units (virtual ms); the lab maps its params onto it. */
export interface StationConfig {
  /** mean arrivals per virtual ms (λ / 1000) */
  arrivalRatePerMs: number;
  /** customers one busy server finishes per virtual ms (μ / 1000) */
  serviceRatePerMs: number;
  servers: number;
  /** most customers in the system; 0 = unbounded */
  capacity: number;
  durationMs: number;
  /** statistics ignore customers who arrive before this time */
  warmupMs: number;
}

/** What the station logs (times in seconds). */
export type StationEvent =
  | { type: 'arrival'; id: number; inSystem: number }
  | { type: 'start'; id: number; server: number; waitS: number }
  | { type: 'departure'; id: number; server: number; timeInSystemS: number }
  | { type: 'drop'; id: number; inSystem: number };

/** Samples per series over a whole run (plus the one at t = 0). */
export const SAMPLES_PER_RUN = 10_000;
/** Waiting-time percentile series are over the most recent this many customers to start service. */
export const WAIT_WINDOW_CUSTOMERS = 500;
/** Utilisation and throughput series are averaged over this many sample intervals (1% of the run). */
export const RATE_WINDOW_SAMPLES = 50;

/** What the station samples, SAMPLES_PER_RUN + 1 times per run. */
export const STATION_SERIES = ['queueLength', 'inSystem', 'utilisation', 'throughput', 'drops', 'waitP50', 'waitP95', 'waitP99'] as const;
export type StationSeriesName = (typeof STATION_SERIES)[number];

type PendingKind = 'arrival' | 'sample' | 'departure';
interface Pending {
  kind: PendingKind;
  time: number;
  /** model-wide scheduling order, so a restore re-creates ties in their original order */
  seq: number;
  server?: number;
}

interface ServerSlot {
  busy: boolean;
  customer: number;
  arrivedAt: number;
  departsAt: number;
  seq: number;
}

export interface StationSnapshot {
  nextId: number;
  seq: number;
  nextArrivalAt: number;
  arrivalSeq: number;
  sampleIndex: number;
  sampleSeq: number;
  samplePending: boolean;
  /** the waiting line, sharing its immutable chunks with the live line and other snapshots */
  waiting: WaitingLineSnapshot;
  servers: ServerSlot[];
  counters: Counters;
  waitHistogram: LogHistogramState;
  sojournHistogram: LogHistogramState;
  recentWaits: RecentValuesState;
  busyWindow: SlidingSumState;
  departuresWindow: SlidingSumState;
}

interface Counters {
  arrivals: number;
  served: number;
  drops: number;
  /** the same, counting only customers who arrived after the warm-up */
  measuredArrivals: number;
  measuredServed: number;
  measuredDrops: number;
  measuredStarted: number;
  sumWait: number;
  sumSojourn: number;
  /** integrals over [warmup, lastChange] of number in system, number waiting, busy servers (ms·customers) */
  areaInSystem: number;
  areaWaiting: number;
  areaBusy: number;
  lastChange: number;
  /** busy-server area and departures since the last sample */
  intervalBusy: number;
  intervalDepartures: number;
}

function emptyCounters(): Counters {
  return {
    arrivals: 0,
    served: 0,
    drops: 0,
    measuredArrivals: 0,
    measuredServed: 0,
    measuredDrops: 0,
    measuredStarted: 0,
    sumWait: 0,
    sumSojourn: 0,
    areaInSystem: 0,
    areaWaiting: 0,
    areaBusy: 0,
    lastChange: 0,
    intervalBusy: 0,
    intervalDepartures: 0,
  };
}

export class Station {
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly sampleEveryMs: number;
  private readonly arrivalsRng: RandomStream;
  private readonly serviceRng: RandomStream;
  private readonly arrivalRatePerMs: number;
  private readonly serviceRatePerMs: number;
  private readonly capacity: number;

  private nextId = 0;
  private seq = 0;
  private nextArrivalAt = 0;
  private arrivalSeq = 0;
  private sampleIndex = 0;
  private sampleSeq = 0;
  private samplePending = false;
  /** FIFO queue of waiting customers: ids and arrival times */
  private line = new WaitingLine();
  private slots: ServerSlot[];
  private busyCount = 0;
  private c: Counters = emptyCounters();
  private waitHistogram = new LogHistogram();
  private sojournHistogram = new LogHistogram();
  private recentWaits = new RecentValues(WAIT_WINDOW_CUSTOMERS);
  private busyWindow = new SlidingSum(RATE_WINDOW_SAMPLES);
  private departuresWindow = new SlidingSum(RATE_WINDOW_SAMPLES);
  private readonly departureHandlers: (() => void)[];

  constructor(
    config: StationConfig,
    private readonly ctx: SimContext<StationEvent, StationSeriesName>,
    snapshot?: StationSnapshot,
  ) {
    this.durationMs = config.durationMs;
    this.warmupMs = config.warmupMs;
    this.sampleEveryMs = this.durationMs / SAMPLES_PER_RUN;
    this.arrivalRatePerMs = config.arrivalRatePerMs;
    this.serviceRatePerMs = config.serviceRatePerMs;
    this.capacity = config.capacity;
    this.arrivalsRng = ctx.rng.stream('arrivals');
    this.serviceRng = ctx.rng.stream('service');
    this.slots = Array.from({ length: config.servers }, () => ({ busy: false, customer: -1, arrivedAt: 0, departsAt: 0, seq: 0 }));
    this.departureHandlers = this.slots.map((_, server) => () => this.onDeparture(server));
    if (snapshot) this.restore(snapshot);
    else {
      this.scheduleSample(0);
      this.scheduleArrival(this.ctx.scheduler.now + this.arrivalsRng.exponential(this.arrivalRatePerMs));
    }
  }

  // ---- what views and results read -----------------------------------------------------------

  get servers(): number {
    return this.slots.length;
  }
  /** servers busy right now */
  get busy(): number {
    return this.busyCount;
  }
  /** customers waiting (not in service) right now */
  get waiting(): number {
    return this.line.size;
  }
  get inSystem(): number {
    return this.waiting + this.busyCount;
  }
  get arrivals(): number {
    return this.c.arrivals;
  }
  get served(): number {
    return this.c.served;
  }
  get drops(): number {
    return this.c.drops;
  }
  /** Statistics over [warm-up, now], without changing the model. */
  measure(now: number) {
    const c = this.c;
    const from = Math.max(c.lastChange, this.warmupMs);
    const tail = Math.max(0, now - from);
    const spanMs = Math.max(0, now - this.warmupMs);
    const areaInSystem = c.areaInSystem + this.inSystem * tail;
    const areaWaiting = c.areaWaiting + this.waiting * tail;
    const areaBusy = c.areaBusy + this.busyCount * tail;
    return {
      spanS: spanMs / 1000,
      warmupS: this.warmupMs / 1000,
      measuredArrivals: c.measuredArrivals,
      measuredServed: c.measuredServed,
      measuredDrops: c.measuredDrops,
      meanWaitS: c.measuredStarted ? c.sumWait / c.measuredStarted / 1000 : Number.NaN,
      meanTimeInSystemS: c.measuredServed ? c.sumSojourn / c.measuredServed / 1000 : Number.NaN,
      meanInSystem: spanMs ? areaInSystem / spanMs : Number.NaN,
      meanWaiting: spanMs ? areaWaiting / spanMs : Number.NaN,
      utilisation: spanMs ? areaBusy / spanMs / this.slots.length : Number.NaN,
      throughputPerS: spanMs ? c.measuredServed / (spanMs / 1000) : Number.NaN,
      arrivalRatePerS: spanMs ? c.measuredArrivals / (spanMs / 1000) : Number.NaN,
      waitQuantileS: (p: number) => this.waitHistogram.quantile(p) / 1000,
      timeInSystemQuantileS: (p: number) => this.sojournHistogram.quantile(p) / 1000,
    };
  }

  // ---- events ---------------------------------------------------------------------------------

  private scheduleArrival(at: number): void {
    this.nextArrivalAt = at;
    this.arrivalSeq = this.seq++;
    this.ctx.scheduler.at(at, this.onArrival);
  }

  private scheduleSample(index: number): void {
    this.sampleIndex = index;
    this.sampleSeq = this.seq++;
    this.samplePending = true;
    // index × duration / N rather than a running sum: no drift, and the last sample lands exactly on the end
    this.ctx.scheduler.at((index * this.durationMs) / SAMPLES_PER_RUN, this.onSample);
  }

  private scheduleDeparture(server: number, at: number): void {
    const slot = this.slots[server];
    slot.departsAt = at;
    slot.seq = this.seq++;
    this.ctx.scheduler.at(at, this.departureHandlers[server]);
  }

  private onArrival = (): void => {
    const now = this.ctx.scheduler.now;
    this.advance(now);
    const id = this.nextId++;
    const measured = now >= this.warmupMs;
    this.c.arrivals++;
    if (measured) this.c.measuredArrivals++;
    const capacity = this.capacity;
    if (capacity > 0 && this.inSystem >= capacity) {
      this.c.drops++;
      if (measured) this.c.measuredDrops++;
      this.ctx.recorder.log({ type: 'drop', id, inSystem: this.inSystem });
    } else {
      this.ctx.recorder.log({ type: 'arrival', id, inSystem: this.inSystem + 1 });
      const server = this.freeServer();
      if (server >= 0) this.startService(server, id, now, now);
      else {
        this.line.push(id, now);
      }
    }
    this.scheduleArrival(now + this.arrivalsRng.exponential(this.arrivalRatePerMs));
  };

  private onDeparture(server: number): void {
    const now = this.ctx.scheduler.now;
    this.advance(now);
    const slot = this.slots[server];
    const sojourn = now - slot.arrivedAt;
    slot.busy = false;
    this.busyCount--;
    this.c.served++;
    this.c.intervalDepartures++;
    if (slot.arrivedAt >= this.warmupMs) {
      this.c.measuredServed++;
      this.c.sumSojourn += sojourn;
      this.sojournHistogram.add(sojourn);
    }
    this.ctx.recorder.log({ type: 'departure', id: slot.customer, server, timeInSystemS: sojourn / 1000 });
    if (this.waiting > 0) {
      const id = this.line.headId();
      const since = this.line.headSince();
      this.line.shift();
      this.startService(server, id, since, now);
    }
  }

  private startService(server: number, id: number, arrivedAt: number, now: number): void {
    const slot = this.slots[server];
    slot.busy = true;
    slot.customer = id;
    slot.arrivedAt = arrivedAt;
    this.busyCount++;
    const wait = now - arrivedAt;
    if (arrivedAt >= this.warmupMs) {
      this.c.measuredStarted++;
      this.c.sumWait += wait;
      this.waitHistogram.add(wait);
    }
    this.recentWaits.push(wait / 1000);
    this.ctx.recorder.log({ type: 'start', id, server, waitS: wait / 1000 });
    this.scheduleDeparture(server, now + this.serviceRng.exponential(this.serviceRatePerMs));
  }

  private onSample = (): void => {
    const now = this.ctx.scheduler.now;
    this.samplePending = false;
    this.advance(now);
    const c = this.c;
    const rec = this.ctx.recorder;
    const t = now;
    if (this.sampleIndex > 0) {
      this.busyWindow.push(c.intervalBusy);
      this.departuresWindow.push(c.intervalDepartures);
    }
    const windowMs = this.busyWindow.count * this.sampleEveryMs;
    rec.sample('queueLength', this.waiting, t);
    rec.sample('inSystem', this.inSystem, t);
    rec.sample('utilisation', windowMs > 0 ? this.busyWindow.total / windowMs / this.slots.length : this.busyCount / this.slots.length, t);
    rec.sample('throughput', windowMs > 0 ? this.departuresWindow.total / (windowMs / 1000) : 0, t);
    rec.sample('drops', c.drops, t);
    const [p50, p95, p99] = this.recentWaits.count ? this.recentWaits.quantiles([0.5, 0.95, 0.99]) : [0, 0, 0];
    rec.sample('waitP50', p50, t);
    rec.sample('waitP95', p95, t);
    rec.sample('waitP99', p99, t);
    c.intervalBusy = 0;
    c.intervalDepartures = 0;
    if (this.sampleIndex < SAMPLES_PER_RUN) this.scheduleSample(this.sampleIndex + 1);
  };

  /** Integrate the time-weighted statistics up to `now` (before any state change at `now`). */
  private advance(now: number): void {
    const c = this.c;
    const from = Math.max(c.lastChange, this.warmupMs);
    if (now > from) {
      const dt = now - from;
      c.areaInSystem += this.inSystem * dt;
      c.areaWaiting += this.waiting * dt;
      c.areaBusy += this.busyCount * dt;
    }
    c.intervalBusy += this.busyCount * (now - c.lastChange);
    c.lastChange = now;
  }

  private freeServer(): number {
    for (let i = 0; i < this.slots.length; i++) if (!this.slots[i].busy) return i;
    return -1;
  }

  // ---- checkpoints ----------------------------------------------------------------------------

  // The waiting line's snapshot shares its full chunks (issue 11: each checkpoint used to copy the
  // whole line, O(waiting) per checkpoint); everything else here is fixed-size.
  snapshot(): StationSnapshot {
    return {
      nextId: this.nextId,
      seq: this.seq,
      nextArrivalAt: this.nextArrivalAt,
      arrivalSeq: this.arrivalSeq,
      sampleIndex: this.sampleIndex,
      sampleSeq: this.sampleSeq,
      samplePending: this.samplePending,
      waiting: this.line.snapshot(),
      servers: this.slots.map((s) => ({ ...s })),
      counters: { ...this.c },
      waitHistogram: this.waitHistogram.state(),
      sojournHistogram: this.sojournHistogram.state(),
      recentWaits: this.recentWaits.state(),
      busyWindow: this.busyWindow.state(),
      departuresWindow: this.departuresWindow.state(),
    };
  }

  private restore(s: StationSnapshot): void {
    this.nextId = s.nextId;
    this.line = new WaitingLine(s.waiting);
    this.slots = s.servers.map((x) => ({ ...x }));
    this.busyCount = this.slots.filter((x) => x.busy).length;
    this.c = { ...s.counters };
    this.waitHistogram = new LogHistogram(s.waitHistogram);
    this.sojournHistogram = new LogHistogram(s.sojournHistogram);
    this.recentWaits = new RecentValues(WAIT_WINDOW_CUSTOMERS, s.recentWaits);
    this.busyWindow = new SlidingSum(RATE_WINDOW_SAMPLES, s.busyWindow);
    this.departuresWindow = new SlidingSum(RATE_WINDOW_SAMPLES, s.departuresWindow);
    // LOUD: re-schedule the pending events in their original (time, scheduling order), so events
    // at equal times run in the same order as in the run that was never interrupted.
    const pending: Pending[] = [
      { kind: 'arrival', time: s.nextArrivalAt, seq: s.arrivalSeq },
      ...this.slots.flatMap((slot, server) => (slot.busy ? [{ kind: 'departure' as const, time: slot.departsAt, seq: slot.seq, server }] : [])),
    ];
    if (s.samplePending) pending.push({ kind: 'sample', time: (s.sampleIndex * this.durationMs) / SAMPLES_PER_RUN, seq: s.sampleSeq });
    pending.sort((a, b) => a.time - b.time || a.seq - b.seq);
    for (const p of pending) {
      const handler = p.kind === 'arrival' ? this.onArrival : p.kind === 'sample' ? this.onSample : this.departureHandlers[p.server!];
      this.ctx.scheduler.at(p.time, handler);
    }
    this.seq = s.seq;
    this.samplePending = s.samplePending;
    this.nextArrivalAt = s.nextArrivalAt;
    this.arrivalSeq = s.arrivalSeq;
    this.sampleIndex = s.sampleIndex;
    this.sampleSeq = s.sampleSeq;
  }
}
