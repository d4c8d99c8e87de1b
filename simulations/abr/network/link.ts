/**
 * The realistic-mode network link: the trace as a step function of player time.
 *
 * Sample k holds from T[k] until T[k+1]; the last sample holds for one more sample gap; then the
 * trace repeats (period = T[L-1] + last gap). Sample 0 also covers [0, T[0]) when T[0] > 0.
 * Reference mode does NOT use this (see session/reference.ts for the literature's interval rule).
 */
import type { Trace } from './trace';

export class TraceLink {
  readonly periodS: number;
  private readonly ends: Float64Array;
  private cursor = 0;

  constructor(readonly trace: Trace) {
    const t = trace.timesS;
    const L = t.length;
    const lastGap = t[L - 1] - t[L - 2];
    this.periodS = t[L - 1] + lastGap;
    this.ends = new Float64Array(L);
    for (let k = 0; k < L - 1; k++) this.ends[k] = t[k + 1];
    this.ends[L - 1] = this.periodS;
  }

  /** Index of the sample that holds at trace-relative time tt in [0, period). */
  private segmentAt(tt: number): number {
    const ends = this.ends;
    let k = this.cursor;
    if (k > 0 && tt < ends[k - 1]) k = 0;
    while (k < ends.length - 1 && tt >= ends[k]) k++;
    this.cursor = k;
    return k;
  }

  private wrap(tS: number): number {
    const p = this.periodS;
    const tt = tS % p;
    return tt < 0 ? tt + p : tt;
  }

  /** Link throughput (Mbps) at player time tS. */
  mbpsAt(tS: number): number {
    return this.trace.mbps[this.segmentAt(this.wrap(tS))];
  }

  /**
   * Seconds needed to move `bytes` of payload starting at player time startS, when only
   * `efficiency` of the link rate carries payload.
   */
  transferSeconds(startS: number, bytes: number, efficiency: number): number {
    const mbps = this.trace.mbps;
    const ends = this.ends;
    const L = ends.length;
    let tt = this.wrap(startS);
    let k = this.segmentAt(tt);
    let remaining = bytes;
    let elapsed = 0;
    // Bounded: the trace has positive throughput somewhere (checked at parse time), so every
    // period moves a positive number of bytes.
    for (;;) {
      const rate = ((mbps[k] * 1e6) / 8) * efficiency;
      const span = ends[k] - tt;
      if (rate > 0 && span * rate >= remaining) {
        elapsed += remaining / rate;
        this.cursor = k;
        return elapsed;
      }
      remaining -= span * rate;
      elapsed += span;
      k++;
      if (k === L) k = 0;
      tt = k === 0 ? 0 : ends[k - 1];
    }
  }

  /** The trace as step points over player time [0, untilS], for charts (Mbps). */
  stepPoints(untilS: number): { tS: number; mbps: number }[] {
    const out: { tS: number; mbps: number }[] = [];
    const L = this.ends.length;
    for (let base = 0; base <= untilS; base += this.periodS) {
      for (let k = 0; k < L; k++) {
        const start = base + (k === 0 ? 0 : this.ends[k - 1]);
        if (start > untilS) return out;
        out.push({ tS: start, mbps: this.trace.mbps[k] });
      }
    }
    return out;
  }
}
