/**
 * Independent re-implementations of the chat-fanout.md §6 reconnect-storm reference model, written
 * from the research text only. Nothing here imports the lab (not its backoff rules, rng or queue):
 * the outcome-8 tests compare the lab against these.
 *
 * - `binnedStorm`: the §6 mechanics as written (10 ms bins; the backlog is served first, min(q, C·dt)
 *   per bin; then the bin's arrivals count as attempts and up to Q − q of them join the backlog).
 *   §6 does not say WHICH of a bin's arrivals join. `admission` picks the rule:
 *   'first-scheduled' (an event list's insertion order: first attempts, then retries in the order their
 *   previous attempt failed) or 'random'.
 * - `continuousStorm`: the same rules without bins (exact attempt times, a FIFO accept queue serving
 *   one handshake every 1/C s, at most Q admitted and unfinished): the limit of `binnedStorm` as the
 *   bin width goes to 0, where no tie-break is needed. The lab is a continuous-time model too.
 */

export type StormPolicy = 'fixed' | 'exponential' | 'full-jitter' | 'equal-jitter' | 'decorrelated-jitter';

export interface StormScenario {
  clients: number;
  handshakesPerSec: number;
  backlog: number;
  baseMs: number;
  capMs: number;
  policy: StormPolicy;
  seed: number;
}

export interface StormOutcome {
  /** largest attempt count in a whole-second bucket [k, k+1) s */
  peakAttemptsPerSec: number;
  attemptsPerClient: number;
  /** time until all clients have completed their handshake */
  recoverMs: number;
}

/** mulberry32: a tiny seeded PRNG, deliberately not the lab's generator. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Delay of the first attempt: `base` is the width of the first window. */
function firstDelay(s: StormScenario, u: () => number): number {
  const b = s.baseMs;
  switch (s.policy) {
    case 'fixed':
    case 'exponential':
      return b;
    case 'full-jitter':
      return b * u();
    case 'equal-jitter':
      return b / 2 + (b / 2) * u();
    case 'decorrelated-jitter':
      return Math.min(s.capMs, b + 2 * b * u());
  }
}

/** Delay after failed attempt n (0-based); `previous[c]` is the previous retry delay (base before the first retry). */
function retryDelay(s: StormScenario, n: number, previous: Float64Array, c: number, u: () => number): number {
  const e = Math.min(s.capMs, s.baseMs * 2 ** (n + 1));
  switch (s.policy) {
    case 'fixed':
      return s.baseMs;
    case 'exponential':
      return e;
    case 'full-jitter':
      return e * u();
    case 'equal-jitter':
      return e / 2 + (e / 2) * u();
    case 'decorrelated-jitter': {
      const d = Math.min(s.capMs, s.baseMs + (3 * previous[c] - s.baseMs) * u());
      previous[c] = d;
      return d;
    }
  }
}

export function binnedStorm(s: StormScenario, admission: 'first-scheduled' | 'random', binMs = 10, horizonMs = 900_000): StormOutcome {
  const u = uniform(s.seed);
  const N = s.clients;
  const bins: number[][] = [];
  const lastBin = Math.ceil(horizonMs / binMs);
  const schedule = (bin: number, c: number) => {
    if (bin <= lastBin) (bins[bin] ??= []).push(c);
  };
  const failures = new Int32Array(N);
  const previous = new Float64Array(N).fill(s.baseMs);
  // "fixed … fire at exactly base": the first attempt lands in the bin that starts at its time
  for (let c = 0; c < N; c++) schedule(Math.floor(firstDelay(s, u) / binMs + 1e-9), c);
  const servedPerBin = (s.handshakesPerSec * binMs) / 1000;
  const perSecond = new Float64Array(Math.ceil(horizonMs / 1000) + 1);
  let queued = 0;
  let completed = 0;
  let attempts = 0;
  for (let b = 0; b <= lastBin; b++) {
    const served = Math.min(queued, servedPerBin);
    queued -= served;
    completed += served;
    if (completed >= N - 1e-9) return outcome(perSecond, attempts, N, b * binMs);
    const arrivals = bins[b];
    if (!arrivals) continue;
    bins[b] = [];
    attempts += arrivals.length;
    perSecond[Math.floor((b * binMs) / 1000)] += arrivals.length;
    if (admission === 'random') {
      for (let i = arrivals.length - 1; i > 0; i--) {
        const j = Math.floor(u() * (i + 1));
        const t = arrivals[i];
        arrivals[i] = arrivals[j];
        arrivals[j] = t;
      }
    }
    let room = s.backlog - queued;
    for (const c of arrivals) {
      if (room > 0) {
        room--;
        queued++;
        continue;
      }
      const d = retryDelay(s, failures[c], previous, c, u);
      failures[c]++;
      schedule(b + Math.max(1, Math.round(d / binMs)), c);
    }
  }
  return outcome(perSecond, attempts, N, NaN);
}

export function continuousStorm(s: StormScenario): StormOutcome {
  const u = uniform(s.seed);
  const N = s.clients;
  // binary min-heap of pending attempts (time, client)
  const heapT = new Float64Array(N);
  const heapC = new Int32Array(N);
  let size = 0;
  const push = (t: number, c: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapT[p] <= t) break;
      heapT[i] = heapT[p];
      heapC[i] = heapC[p];
      i = p;
    }
    heapT[i] = t;
    heapC[i] = c;
  };
  const popInto = (out: { t: number; c: number }) => {
    out.t = heapT[0];
    out.c = heapC[0];
    const t = heapT[--size];
    const c = heapC[size];
    let i = 0;
    for (;;) {
      let k = 2 * i + 1;
      if (k >= size) break;
      if (k + 1 < size && heapT[k + 1] < heapT[k]) k++;
      if (heapT[k] >= t) break;
      heapT[i] = heapT[k];
      heapC[i] = heapC[k];
      i = k;
    }
    heapT[i] = t;
    heapC[i] = c;
  };
  const failures = new Int32Array(N);
  const previous = new Float64Array(N).fill(s.baseMs);
  for (let c = 0; c < N; c++) push(firstDelay(s, u), c);
  const serviceMs = 1000 / s.handshakesPerSec;
  const doneAt = new Float64Array(N); // completion times of admitted clients, in admission (= FIFO) order
  let head = 0;
  let tail = 0;
  let lastDone = 0;
  let attempts = 0;
  const perSecond: number[] = [];
  const next = { t: 0, c: 0 };
  while (size > 0) {
    popInto(next);
    const { t, c } = next;
    attempts++;
    const sec = Math.floor(t / 1000);
    perSecond[sec] = (perSecond[sec] ?? 0) + 1;
    while (head < tail && doneAt[head] <= t) head++;
    if (tail - head < s.backlog) {
      lastDone = Math.max(t, lastDone) + serviceMs;
      doneAt[tail++] = lastDone;
      continue;
    }
    const d = retryDelay(s, failures[c], previous, c, u);
    failures[c]++;
    push(t + d, c);
  }
  return outcome(Float64Array.from(perSecond, (x) => x ?? 0), attempts, N, lastDone);
}

function outcome(perSecond: Float64Array, attempts: number, clients: number, recoverMs: number): StormOutcome {
  let peak = 0;
  for (const x of perSecond) if (x > peak) peak = x;
  return { peakAttemptsPerSec: peak, attemptsPerClient: attempts / clients, recoverMs };
}

/** Mean of `f` over seeds 1..k. */
export function meanOverSeeds(k: number, f: (seed: number) => number): number {
  let sum = 0;
  for (let seed = 1; seed <= k; seed++) sum += f(seed);
  return sum / k;
}
