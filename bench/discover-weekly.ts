/**
 * Discover Weekly lab benchmark (issue 16): implicit ALS on 2,000 listeners × 1,000 tracks with
 * f = 32 for 10 sweeps, as the lab runs it (one work item per event) in this process:
 * 1. wall time of the whole training and of its parts (solves, evaluation);
 * 2. the longest single event, and the worker's frame slices replayed here: the run worker spends
 *    12 ms a frame, looking at its clock every `lab.eventsPerClockCheck` events (16 for this lab, 500
 *    by default), so a slice overruns by at most that many events;
 * 3. the baseline measured in the same run: one users half-step with the naive solve
 *    (YᵀCᵘY summed over all 1,000 tracks per listener, Gaussian elimination) against the lab's
 *    (shared YᵀY + the listener's own tracks, Cholesky), and their ratio;
 * 4. precision@10 against the popularity chart on the default preset and on the full-size one.
 */
import { discoverWeeklyLab, type DiscoverWeeklyParams, type DiscoverWeeklyResult } from '../simulations/discover-weekly';
import { defaults } from '../simulations/core/params';
import { Runner } from '../simulations/core/runner';
import { Rng } from '../simulations/core/rng';
import { generateListeners } from '../simulations/discover-weekly/plays/listeners';
import { listenersConfig, trainingConfig } from '../simulations/discover-weekly/lab/model';
import { AlsTraining } from '../simulations/discover-weekly/als/training';
import { naiveSolveRow, rowSolver, solveRow } from '../simulations/discover-weekly/als/solve';
import { gram } from '../simulations/discover-weekly/linalg/dense';

const WORKER_SLICE_MS = 12;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function timeTraining(params: DiscoverWeeklyParams) {
  const rng = new Rng(1);
  const data = generateListeners(listenersConfig(params), rng);
  const training = new AlsTraining(trainingConfig(params), data, rng.stream('factors'));
  const byKind: Record<string, number> = {};
  const perEvent: number[] = [];
  const t0 = performance.now();
  while (!training.finished) {
    const a = performance.now();
    const step = training.next();
    const d = performance.now() - a;
    perEvent.push(d);
    const kind = step.kind === 'solve' || step.kind === 'gram' ? `${step.kind} (${step.phase})` : step.kind;
    byKind[kind] = (byKind[kind] ?? 0) + d;
  }
  const wall = performance.now() - t0;
  const sorted = [...perEvent].sort((x, y) => x - y);
  return { data, training, wall, byKind, events: perEvent.length, worstEvent: sorted[sorted.length - 1], p99Event: quantile(sorted, 0.99) };
}

/** The worker's slices (core/runner.ts runSlice) over a whole run, as a seek to the end plays them. */
function workerSlices(params: DiscoverWeeklyParams, eventsPerCheck: number) {
  const runner = new Runner(discoverWeeklyLab, params, 1);
  const slices: number[] = [];
  while (!runner.done) {
    const start = performance.now();
    while (!runner.runTo(runner.horizonMs, eventsPerCheck) && performance.now() - start < WORKER_SLICE_MS);
    slices.push(performance.now() - start);
  }
  const sorted = [...slices].sort((x, y) => x - y);
  return { count: slices.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] };
}

function halfStepComparison(params: DiscoverWeeklyParams) {
  const rng = new Rng(1);
  const data = generateListeners(listenersConfig(params), rng);
  const f = params.factors;
  const y = Float64Array.from({ length: data.train.cols * f }, () => rng.stream('y').normal(0, 0.1));
  const cfg = trainingConfig(params).confidence;
  const x = new Float64Array(data.train.rows * f);
  const t0 = performance.now();
  const g = gram(y, data.train.cols, f);
  const solver = rowSolver(f);
  for (let u = 0; u < data.train.rows; u++) solveRow(solver, data.train, u, y, g, params.lambda, cfg, x);
  const fast = performance.now() - t0;
  const t1 = performance.now();
  let drift = 0;
  for (let u = 0; u < data.train.rows; u++) {
    const naive = naiveSolveRow(data.train, u, y, data.train.cols, f, params.lambda, cfg);
    for (let k = 0; k < f; k++) drift = Math.max(drift, Math.abs(naive[k] - x[u * f + k]));
  }
  const naive = performance.now() - t1;
  return { fast, naive, drift };
}

function precision(params: DiscoverWeeklyParams): DiscoverWeeklyResult {
  const runner = new Runner(discoverWeeklyLab, params, 1);
  runner.runToEnd();
  return runner.result();
}

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export default async function bench(): Promise<void> {
  console.log(`(machine load average: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  const base = defaults(discoverWeeklyLab.schema);
  const full = { ...base, ...discoverWeeklyLab.presets.find((p) => p.id === 'full-size')!.params };

  const cmp = halfStepComparison(full);
  console.log(
    `users half-step, 2,000 × 1,000, f = 32: shared YᵀY + Cholesky ${cmp.fast.toFixed(0)} ms vs naive YᵀCᵘY + Gaussian elimination ${cmp.naive.toFixed(0)} ms ` +
      `(${(cmp.naive / cmp.fast).toFixed(1)}× faster; largest difference between the two solutions ${cmp.drift.toExponential(1)})`,
  );

  const t = timeTraining(full);
  console.log(
    `training 2,000 × 1,000, f = 32, 10 sweeps (${t.data.train.col.length.toLocaleString('en-US')} played pairs): ${(t.wall / 1000).toFixed(2)} s wall over ${t.events.toLocaleString('en-US')} events ` +
      `(${Object.entries(t.byKind)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
        .join(', ')})`,
  );
  console.log(`single events: p99 ${t.p99Event.toFixed(3)} ms, longest ${t.worstEvent.toFixed(2)} ms`);
  for (const perCheck of [discoverWeeklyLab.eventsPerClockCheck ?? 500, 500]) {
    const s = workerSlices(full, perCheck);
    console.log(
      `worker slices (12 ms target, clock every ${perCheck} events): ${s.count.toLocaleString('en-US')} slices, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (a long task is 50 ms)`,
    );
  }

  const tiny = precision(base);
  console.log(`default preset: precision@10 ${pct(tiny.model?.precisionAt10)} vs popularity ${pct(tiny.popularity?.precisionAt10)} (×${tiny.lift?.toFixed(2)}), recall@10 ${pct(tiny.model?.recallAt10)} vs ${pct(tiny.popularity?.recallAt10)}`);
  const bigResult = precision(full);
  console.log(`full-size preset: precision@10 ${pct(bigResult.model?.precisionAt10)} vs popularity ${pct(bigResult.popularity?.precisionAt10)} (×${bigResult.lift?.toFixed(2)}), recall@10 ${pct(bigResult.model?.recallAt10)} vs ${pct(bigResult.popularity?.recallAt10)}`);
}
