/**
 * The station's FIFO line of waiting customers (id, arrival time), stored in fixed-size typed-array
 * chunks so a checkpoint is cheap however long the line: a chunk the line will never write again
 * (every chunk but a partly filled last one) is immutable and SHARED by the live line and every
 * snapshot; a snapshot copies only the live entries of the last chunk (at most CHUNK_ENTRIES).
 * Before issue 11 each of ~100 checkpoints per run copied the whole line: O(waiting) per checkpoint.
 */

/** Customers per chunk (each chunk holds id and arrival time: 16 bytes per customer). */
export const CHUNK_ENTRIES = 4096;
/** Bytes one chunk holds. */
export const CHUNK_BYTES = CHUNK_ENTRIES * 16;

export interface WaitingLineSnapshot {
  /** chunks never written again, shared (do not mutate); the first may be partly consumed */
  full: Float64Array[];
  /** entries of full[0] already consumed (0 when `full` is empty) */
  head: number;
  /** a copy of the live entries of the last, partly filled chunk: [id, since, id, since, …] */
  tail: Float64Array;
}

export class WaitingLine {
  private chunks: Float64Array[] = [];
  /** index in `chunks` of the chunk holding the head */
  private first = 0;
  /** entries of chunks[first] already consumed */
  private head = 0;
  /** entries written into the last chunk */
  private fill = CHUNK_ENTRIES;
  private count = 0;

  constructor(snapshot?: WaitingLineSnapshot) {
    if (!snapshot) return;
    this.chunks = snapshot.full.slice();
    this.head = snapshot.full.length > 0 ? snapshot.head : 0;
    this.count = snapshot.full.length * CHUNK_ENTRIES - this.head;
    const tailEntries = snapshot.tail.length / 2;
    if (tailEntries > 0) {
      const chunk = new Float64Array(2 * CHUNK_ENTRIES);
      chunk.set(snapshot.tail);
      this.chunks.push(chunk);
      this.fill = tailEntries;
      this.count += tailEntries;
    }
  }

  get size(): number {
    return this.count;
  }

  push(id: number, since: number): void {
    let last = this.chunks[this.chunks.length - 1];
    if (last === undefined || this.fill === CHUNK_ENTRIES) {
      last = new Float64Array(2 * CHUNK_ENTRIES);
      this.chunks.push(last);
      this.fill = 0;
    }
    last[2 * this.fill] = id;
    last[2 * this.fill + 1] = since;
    this.fill++;
    this.count++;
  }

  /** Id of the customer at the head (the line must not be empty). */
  headId(): number {
    return this.chunks[this.first][2 * this.head];
  }

  /** Arrival time of the customer at the head (the line must not be empty). */
  headSince(): number {
    return this.chunks[this.first][2 * this.head + 1];
  }

  /** Remove the head customer (the line must not be empty). */
  shift(): void {
    this.head++;
    this.count--;
    if (this.head === CHUNK_ENTRIES) {
      this.head = 0;
      this.first++;
      if (this.first > 64 && this.first * 2 > this.chunks.length) {
        this.chunks = this.chunks.slice(this.first);
        this.first = 0;
      }
    }
  }

  /** A snapshot sharing every chunk the line will not write again; copies at most one chunk. */
  snapshot(): WaitingLineSnapshot {
    const live = this.chunks.slice(this.first);
    const last = live[live.length - 1];
    const lastIsFull = last === undefined || this.fill === CHUNK_ENTRIES;
    const full = lastIsFull ? live : live.slice(0, -1);
    if (lastIsFull || full.length > 0) return { full, head: full.length > 0 ? this.head : 0, tail: last && !lastIsFull ? last.slice(0, 2 * this.fill) : EMPTY };
    // the head is in the partly filled last chunk: copy only its live entries
    return { full, head: 0, tail: last.slice(2 * this.head, 2 * this.fill) };
  }
}

const EMPTY = new Float64Array(0);
