/**
 * Closed-form results for Markovian queues (Poisson arrivals at rate λ, exponential service at
 * rate μ per server, c servers, FIFO). Pure functions; times in seconds, rates per second.
 *
 *   M/M/1      W = 1/(μ − λ), Wq = ρ/(μ − λ), L = ρ/(1 − ρ), Lq = ρ²/(1 − ρ)        (ρ = λ/μ < 1)
 *   M/M/c      Erlang C: P(wait) = C(c, a), Wq = C/(cμ − λ), W = Wq + 1/μ        (a = λ/μ, ρ = a/c < 1)
 *   M/M/c/K    birth–death chain on n = 0..K, p(n) ∝ aⁿ / (min(n,c)! · c^max(0, n−c)); drops = p(K)
 *
 * Waiting-time quantiles: for FIFO M/M/c, P(Wq > t) = C · e^−(cμ−λ)t. With a finite K, an accepted
 * arrival that finds n ≥ c customers waits an Erlang(n − c + 1, cμ) time, mixed over n.
 */
import { DetMath } from '../core/math';

export interface QueueTheory {
  /** Kendall notation of the model these numbers are for, e.g. "M/M/2" or "M/M/1/10". */
  model: string;
  /** False when an unbounded queue is overloaded (ρ ≥ 1): no steady state, means are null. */
  stable: boolean;
  /** offered load a = λ/μ, in servers' worth of work */
  offeredLoad: number;
  /** ρ = λ/(cμ) */
  rho: number;
  /** mean time in system W (s) */
  W: number | null;
  /** mean wait in queue Wq (s) */
  Wq: number | null;
  /** mean number in system L */
  L: number | null;
  /** mean number waiting Lq */
  Lq: number | null;
  /** fraction of time the average server is busy */
  utilisation: number | null;
  /** served per second (λ minus drops) */
  throughput: number | null;
  /** probability an arrival is dropped (0 without a capacity) */
  dropProbability: number;
  /** probability an accepted arrival has to wait (Erlang C without a capacity) */
  probWait: number | null;
  waitP50: number | null;
  waitP95: number | null;
  waitP99: number | null;
}

/** Erlang B (loss) probability for c servers and offered load a, by the stable recursion. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability that an arrival waits in M/M/c (requires a < c). */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  const b = erlangB(c, a);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** p-quantile of a waiting time with P(Wq > t) = pWait · e^(−rate·t). */
export function exponentialTailQuantile(p: number, pWait: number, rate: number): number {
  if (1 - pWait >= p) return 0;
  return DetMath.log(pWait / (1 - p)) / rate;
}

function unstable(model: string, a: number, rho: number): QueueTheory {
  return {
    model,
    stable: false,
    offeredLoad: a,
    rho,
    W: null,
    Wq: null,
    L: null,
    Lq: null,
    utilisation: 1,
    throughput: null,
    dropProbability: 0,
    probWait: 1,
    waitP50: null,
    waitP95: null,
    waitP99: null,
  };
}

export function mm1(lambda: number, mu: number): QueueTheory {
  const rho = lambda / mu;
  if (rho >= 1) return unstable('M/M/1', rho, rho);
  return {
    model: 'M/M/1',
    stable: true,
    offeredLoad: rho,
    rho,
    W: 1 / (mu - lambda),
    Wq: rho / (mu - lambda),
    L: rho / (1 - rho),
    Lq: (rho * rho) / (1 - rho),
    utilisation: rho,
    throughput: lambda,
    dropProbability: 0,
    probWait: rho,
    waitP50: exponentialTailQuantile(0.5, rho, mu - lambda),
    waitP95: exponentialTailQuantile(0.95, rho, mu - lambda),
    waitP99: exponentialTailQuantile(0.99, rho, mu - lambda),
  };
}

export function mmc(lambda: number, mu: number, c: number): QueueTheory {
  if (c === 1) return { ...mm1(lambda, mu) };
  const a = lambda / mu;
  const rho = a / c;
  const model = `M/M/${c}`;
  if (rho >= 1) return unstable(model, a, rho);
  const C = erlangC(c, a);
  const drain = c * mu - lambda;
  const Wq = C / drain;
  const W = Wq + 1 / mu;
  return {
    model,
    stable: true,
    offeredLoad: a,
    rho,
    W,
    Wq,
    L: lambda * W,
    Lq: lambda * Wq,
    utilisation: rho,
    throughput: lambda,
    dropProbability: 0,
    probWait: C,
    waitP50: exponentialTailQuantile(0.5, C, drain),
    waitP95: exponentialTailQuantile(0.95, C, drain),
    waitP99: exponentialTailQuantile(0.99, C, drain),
  };
}

/** Stationary distribution p(0..K) of the M/M/c/K birth–death chain, computed in log space. */
export function mmckDistribution(lambda: number, mu: number, c: number, K: number): number[] {
  const logA = DetMath.log(lambda / mu);
  const logTerms = new Array<number>(K + 1);
  logTerms[0] = 0;
  for (let n = 1; n <= K; n++) logTerms[n] = logTerms[n - 1] + logA - DetMath.log(Math.min(n, c));
  const max = logTerms.reduce((m, x) => Math.max(m, x), -Infinity);
  const weights = logTerms.map((x) => DetMath.exp(x - max));
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

export function mmck(lambda: number, mu: number, c: number, K: number): QueueTheory {
  const p = mmckDistribution(lambda, mu, c, K);
  const a = lambda / mu;
  let L = 0;
  let Lq = 0;
  for (let n = 0; n <= K; n++) {
    L += n * p[n];
    if (n > c) Lq += (n - c) * p[n];
  }
  const pDrop = p[K];
  const lambdaEff = lambda * (1 - pDrop);
  // distribution of what an accepted arrival finds: p(n) / (1 − p(K)) for n < K
  const seen = p.slice(0, K).map((x) => x / (1 - pDrop));
  let probWait = 0;
  for (let n = c; n < K; n++) probWait += seen[n];
  const tails = new Array<number>(K + 1).fill(0); // tails[n] = P(an accepted arrival finds ≥ n)
  for (let n = K - 1; n >= 0; n--) tails[n] = tails[n + 1] + seen[n];
  const quantile = (q: number) => mmckWaitQuantile(q, tails, c, c * mu, probWait);
  const W = lambdaEff > 0 ? L / lambdaEff : 0;
  const Wq = lambdaEff > 0 ? Lq / lambdaEff : 0;
  return {
    model: `M/M/${c}/${K}`,
    stable: true,
    offeredLoad: a,
    rho: a / c,
    W,
    Wq,
    L,
    Lq,
    utilisation: lambdaEff / (c * mu),
    throughput: lambdaEff,
    dropProbability: pDrop,
    probWait,
    waitP50: quantile(0.5),
    waitP95: quantile(0.95),
    waitP99: quantile(0.99),
  };
}

/**
 * P(Wq > t) for an accepted arrival in M/M/c/K:
 *   Σ_{n=c}^{K−1} seen(n) · P(Erlang(n−c+1, r) > t) = Σ_i e^(−rt) (rt)^i / i! · Σ_{n ≥ c+i} seen(n)
 */
function mmckWaitTail(t: number, tails: number[], c: number, r: number): number {
  const K = tails.length - 1;
  const x = r * t;
  if (x === 0) return tails[c] ?? 0;
  const logX = DetMath.log(x);
  let total = 0;
  let logPoisson = -x; // log(e^−x x^i / i!) for i = 0
  for (let i = 0; c + i < K; i++) {
    if (i > 0) logPoisson += logX - DetMath.log(i);
    total += DetMath.exp(logPoisson) * tails[c + i];
  }
  return total;
}

function mmckWaitQuantile(q: number, tails: number[], c: number, r: number, probWait: number): number {
  if (1 - probWait >= q) return 0;
  let lo = 0;
  let hi = 1 / r;
  while (mmckWaitTail(hi, tails, c, r) > 1 - q) hi *= 2;
  for (let iter = 0; iter < 60; iter++) {
    const mid = (lo + hi) / 2;
    if (mmckWaitTail(mid, tails, c, r) > 1 - q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The closed form that applies: M/M/c/K with a capacity, else M/M/c (M/M/1 for one server). */
export function queueTheory(p: { arrivalRate: number; serviceRate: number; servers: number; capacity: number }): QueueTheory {
  if (p.capacity > 0) return mmck(p.arrivalRate, p.serviceRate, p.servers, p.capacity);
  return p.servers === 1 ? mm1(p.arrivalRate, p.serviceRate) : mmc(p.arrivalRate, p.serviceRate, p.servers);
}
