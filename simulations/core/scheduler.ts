/**
 * Discrete-event scheduler on virtual time.
 *
 * A binary min-heap ordered by (time, insertion sequence): events at equal times run in the order
 * they were scheduled (FIFO). Keys live in parallel typed arrays and the heap moves integer slots,
 * so a schedule + pop costs no allocation beyond the caller's payload.
 *
 * Cancellation is lazy: a cancelled slot stays in the heap and is skipped when it surfaces.
 */

export type EventHandler = () => void;
export type TimerId = number;

const INITIAL_CAPACITY = 1024;
const SLOT_SPACE = 2 ** 24;

export class Scheduler {
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private handlers: (EventHandler | undefined)[] = [];
  /** heap of slot indices */
  private heap = new Int32Array(INITIAL_CAPACITY);
  private size = 0;
  private freeSlots: number[] = [];
  /** generation per slot; a TimerId is slot + generation * SLOT_SPACE, so stale ids never match */
  private gens = new Float64Array(INITIAL_CAPACITY);
  private nextSeq = 0;
  private liveCount = 0;
  private _now = 0;
  private _executed = 0;

  /** Current virtual time in ms. */
  get now(): number {
    return this._now;
  }
  /** Number of events executed so far. */
  get executed(): number {
    return this._executed;
  }
  /** Number of scheduled, not yet executed or cancelled events. */
  get pending(): number {
    return this.liveCount;
  }

  /** Run `handler` at absolute virtual time `time` (clamped to now). Returns an id for cancel(). */
  at(time: number, handler: EventHandler): TimerId {
    if (!(time >= this._now)) {
      if (Number.isNaN(time)) throw new RangeError('Scheduler.at: time is NaN');
      time = this._now;
    }
    const slot = this.allocSlot();
    const seq = this.nextSeq++;
    this.times[slot] = time;
    this.seqs[slot] = seq;
    this.handlers[slot] = handler;
    this.push(slot);
    this.liveCount++;
    return slot + this.gens[slot] * SLOT_SPACE;
  }

  /** Run `handler` after `delay` ms of virtual time. */
  after(delay: number, handler: EventHandler): TimerId {
    return this.at(this._now + Math.max(0, delay), handler);
  }

  /** Cancel a scheduled event. Returns false if it already ran or was cancelled. */
  cancel(id: TimerId): boolean {
    const slot = id % SLOT_SPACE;
    if (slot >= this.handlers.length || this.gens[slot] !== Math.floor(id / SLOT_SPACE)) return false;
    if (this.handlers[slot] === undefined) return false;
    this.handlers[slot] = undefined;
    this.liveCount--;
    return true;
  }

  /** Time of the next live event, or Infinity when none is pending. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.size === 0 ? Infinity : this.times[this.heap[0]];
  }

  /** Execute exactly one event (the earliest). Returns false when nothing is pending. */
  step(): boolean {
    this.dropCancelledTop();
    if (this.size === 0) return false;
    const slot = this.pop();
    const handler = this.handlers[slot]!;
    this._now = this.times[slot];
    this.release(slot);
    this.liveCount--;
    this._executed++;
    handler();
    return true;
  }

  /**
   * Execute every event with time <= `time`, then set now = `time`.
   * Stops early (returning false) when `maxEvents` events have run; otherwise returns true.
   */
  runUntil(time: number, maxEvents = Infinity): boolean {
    let n = 0;
    // LOUD: check size after peekTime(): an empty queue peeks Infinity, and Infinity <= Infinity.
    while (this.peekTime() <= time && this.size > 0) {
      if (n >= maxEvents) return false;
      this.step();
      n++;
    }
    if (time > this._now && Number.isFinite(time)) this._now = time;
    return true;
  }

  /** Execute up to `budget` events regardless of time. Returns the number executed. */
  runEvents(budget: number): number {
    let n = 0;
    while (n < budget && this.step()) n++;
    return n;
  }

  // ---- heap internals -------------------------------------------------------------------------

  private allocSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    const slot = this.handlers.length;
    if (slot >= this.times.length) this.grow();
    if (slot >= SLOT_SPACE) throw new RangeError('Scheduler: more than 16M pending events');
    this.handlers.push(undefined);
    return slot;
  }

  private release(slot: number): void {
    this.handlers[slot] = undefined;
    this.gens[slot]++;
    this.freeSlots.push(slot);
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    this.times = t;
    const s = new Float64Array(cap);
    s.set(this.seqs);
    this.seqs = s;
    const h = new Int32Array(cap);
    h.set(this.heap);
    this.heap = h;
    const g = new Float64Array(cap);
    g.set(this.gens);
    this.gens = g;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a];
    const tb = this.times[b];
    return ta < tb || (ta === tb && this.seqs[a] < this.seqs[b]);
  }

  private push(slot: number): void {
    const heap = this.heap;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.less(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  private pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.size];
    if (this.size > 0) {
      let i = 0;
      const half = this.size >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        const right = child + 1;
        if (right < this.size && this.less(heap[right], heap[child])) child = right;
        if (!this.less(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  private dropCancelledTop(): void {
    while (this.size > 0 && this.handlers[this.heap[0]] === undefined) {
      this.release(this.pop());
    }
  }
}
