/**
 * Discrete-event scheduler on virtual time.
 *
 * A binary min-heap ordered by (time, insertion sequence): events at equal times run in the order
 * they were scheduled (FIFO). The heap keeps each entry's time and sequence in heap order in
 * parallel typed arrays (contiguous compares, like flatqueue), plus the slot that holds its
 * handler; a schedule + pop costs no allocation beyond the caller's payload.
 *
 * Cancellation is lazy: a cancelled slot stays in the heap and is skipped when it surfaces.
 */

export type EventHandler = () => void;
export type TimerId = number;

const INITIAL_CAPACITY = 1024;
const SLOT_SPACE = 2 ** 24;

export class Scheduler {
  /** heap arrays, indexed by heap position */
  private heapTime = new Float64Array(INITIAL_CAPACITY);
  private heapSeq = new Float64Array(INITIAL_CAPACITY);
  private heapSlot = new Int32Array(INITIAL_CAPACITY);
  private size = 0;
  /** slot arrays, indexed by slot: the handler (undefined once run or cancelled) and its generation */
  private handlers: (EventHandler | undefined)[] = [];
  /** stack of released slots */
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
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
    this.handlers[slot] = handler;
    this.push(time, this.nextSeq++, slot);
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
    return this.size === 0 ? Infinity : this.heapTime[0];
  }

  /** Execute exactly one event (the earliest). Returns false when nothing is pending. */
  step(): boolean {
    this.dropCancelledTop();
    if (this.size === 0) return false;
    this.runTop(this.handlers[this.heapSlot[0]]!);
    return true;
  }

  /**
   * Execute every event with time <= `time`, then set now = `time`.
   * Stops early (returning false) when `maxEvents` events have run; otherwise returns true.
   * With `stopAfter`, also stops right after the event for which it returns true (now = that
   * event's time, returns true).
   */
  runUntil(time: number, maxEvents = Infinity, stopAfter?: () => boolean): boolean {
    let n = 0;
    // LOUD: test size, not just the time: an empty queue must end the loop even for time = Infinity.
    while (this.size > 0 && this.heapTime[0] <= time) {
      const slot = this.heapSlot[0];
      const handler = this.handlers[slot];
      if (handler === undefined) {
        // cancelled: drop it (it may have hidden a later top)
        this.popTop();
        this.release(slot);
        continue;
      }
      if (n >= maxEvents) return false;
      this.runTop(handler);
      n++;
      // stopAfter: the model says it is finished; time stays at this event's time.
      if (stopAfter !== undefined && stopAfter()) return true;
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

  /** Pop the (live) top entry and run its handler. */
  private runTop(handler: EventHandler): void {
    const slot = this.heapSlot[0];
    const time = this.heapTime[0];
    this.popTop();
    this._now = time;
    this.release(slot);
    this.liveCount--;
    this._executed++;
    handler();
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    const slot = this.handlers.length;
    if (slot >= SLOT_SPACE) throw new RangeError('Scheduler: more than 16M pending events');
    if (slot >= this.gens.length) {
      const g = new Float64Array(this.gens.length * 2);
      g.set(this.gens);
      this.gens = g;
      const f = new Int32Array(this.freeSlots.length * 2);
      f.set(this.freeSlots);
      this.freeSlots = f;
    }
    this.handlers.push(undefined);
    return slot;
  }

  private release(slot: number): void {
    this.handlers[slot] = undefined;
    this.gens[slot]++;
    this.freeSlots[this.freeCount++] = slot;
  }

  private growHeap(): void {
    const cap = this.heapTime.length * 2;
    const t = new Float64Array(cap);
    t.set(this.heapTime);
    this.heapTime = t;
    const q = new Float64Array(cap);
    q.set(this.heapSeq);
    this.heapSeq = q;
    const s = new Int32Array(cap);
    s.set(this.heapSlot);
    this.heapSlot = s;
  }

  private push(time: number, seq: number, slot: number): void {
    if (this.size >= this.heapTime.length) this.growHeap();
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = heapTime[parent];
      if (pt < time || (pt === time && heapSeq[parent] < seq)) break;
      heapTime[i] = pt;
      heapSeq[i] = heapSeq[parent];
      heapSlot[i] = heapSlot[parent];
      i = parent;
    }
    heapTime[i] = time;
    heapSeq[i] = seq;
    heapSlot[i] = slot;
  }

  /** Remove the top entry (without looking at its handler). */
  private popTop(): void {
    const n = --this.size;
    if (n === 0) return;
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    const time = heapTime[n];
    const seq = heapSeq[n];
    const slot = heapSlot[n];
    const half = n >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = heapTime[child];
      let cs = heapSeq[child];
      const right = child + 1;
      if (right < n) {
        const rt = heapTime[right];
        const rs = heapSeq[right];
        if (rt < ct || (rt === ct && rs < cs)) {
          child = right;
          ct = rt;
          cs = rs;
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      heapTime[i] = ct;
      heapSeq[i] = cs;
      heapSlot[i] = heapSlot[child];
      i = child;
    }
    heapTime[i] = time;
    heapSeq[i] = seq;
    heapSlot[i] = slot;
  }

  private dropCancelledTop(): void {
    while (this.size > 0 && this.handlers[this.heapSlot[0]] === undefined) {
      const slot = this.heapSlot[0];
      this.popTop();
      this.release(slot);
    }
  }
}
