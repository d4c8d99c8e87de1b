/**
 * Scheduler throughput: schedule + pop of 1,000,000 events carrying payloads (each event's payload is
 * its own handler closure, invoked when popped), through our Scheduler and through `flatqueue`
 * measured in the same run. Also a steady-state "hold" pattern (pop one, schedule one, with 10,000
 * pending), the shape of a discrete-event simulation. Target: ours ≥ 0.5× flatqueue.
 */
import FlatQueue from 'flatqueue';
import { Scheduler } from '../simulations/core/scheduler';
import { RandomStream } from '../simulations/core/rng';

const N = 1_000_000;
const HOLD_PENDING = 10_000;
const WARMUP_ROUNDS = 2;
const MEASURED_ROUNDS = 5;
const TARGET_RATIO = 0.5;

type Handler = () => void;
let sink = 0;

function makeWorkload(seed: number) {
  const rng = new RandomStream(seed, 'bench');
  const times = new Float64Array(N);
  for (let i = 0; i < N; i++) times[i] = rng.uniform(0, 1e6);
  const handlers: Handler[] = new Array(N);
  for (let i = 0; i < N; i++) handlers[i] = () => void (sink += i);
  const gaps = new Float64Array(N);
  for (let i = 0; i < N; i++) gaps[i] = rng.exponential(1 / 1000);
  return { times, handlers, gaps };
}
type Workload = ReturnType<typeof makeWorkload>;

function bulkOurs({ times, handlers }: Workload): number {
  const s = new Scheduler();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) s.at(times[i], handlers[i]);
  s.runUntil(Infinity);
  const ms = performance.now() - t0;
  if (s.executed !== N) throw new Error(`scheduler ran ${s.executed} of ${N} events`);
  return ms;
}

function bulkFlat({ times, handlers }: Workload): number {
  const q = new FlatQueue<Handler>();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) q.push(handlers[i], times[i]);
  let n = 0;
  while (q.length > 0) {
    q.pop()!();
    n++;
  }
  const ms = performance.now() - t0;
  if (n !== N) throw new Error(`flatqueue popped ${n} of ${N}`);
  return ms;
}

// hold: every event's payload is the same closure, which schedules the next one
function holdOurs({ gaps }: Workload): number {
  const s = new Scheduler();
  let k = 0;
  const step = () => {
    sink++;
    if (k < N) s.after(gaps[k++], step);
  };
  for (let i = 0; i < HOLD_PENDING; i++) s.at(gaps[i], step);
  const t0 = performance.now();
  s.runUntil(Infinity);
  return performance.now() - t0;
}

function holdFlat({ gaps }: Workload): number {
  const q = new FlatQueue<Handler>();
  let now = 0;
  let k = 0;
  const step = () => {
    sink++;
    if (k < N) q.push(step, now + gaps[k++]);
  };
  for (let i = 0; i < HOLD_PENDING; i++) q.push(step, gaps[i]);
  const t0 = performance.now();
  while (q.length > 0) {
    now = q.peekValue()!;
    q.pop()!();
  }
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(name: string, ours: (w: Workload) => number, flat: (w: Workload) => number, w: Workload, events: number) {
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    ours(w);
    flat(w);
  }
  const oursMs: number[] = [];
  const flatMs: number[] = [];
  for (let i = 0; i < MEASURED_ROUNDS; i++) {
    // alternate so background load hits both alike
    oursMs.push(ours(w));
    flatMs.push(flat(w));
  }
  const oursRate = events / (median(oursMs) / 1000);
  const flatRate = events / (median(flatMs) / 1000);
  return { name, oursRate, flatRate, ratio: oursRate / flatRate };
}

const fmt = (rate: number) => `${(rate / 1e6).toFixed(2)} M events/s`;

export default async function bench(): Promise<void> {
  const w = makeWorkload(1);
  const results = [
    measure(`bulk: schedule ${N.toLocaleString('en')} events with payloads, then pop all`, bulkOurs, bulkFlat, w, N),
    measure(`hold: pop one, schedule one, ${HOLD_PENDING.toLocaleString('en')} pending, ${N.toLocaleString('en')} events`, holdOurs, holdFlat, w, N + HOLD_PENDING),
  ];
  console.log(`scheduler (median of ${MEASURED_ROUNDS} after ${WARMUP_ROUNDS} warm-up rounds)`);
  for (const r of results) {
    console.log(`  ${r.name}`);
    console.log(`    Scheduler ${fmt(r.oursRate)} | flatqueue ${fmt(r.flatRate)} | ratio ${r.ratio.toFixed(2)}×`);
  }
  const bulk = results[0];
  console.log(`  target ≥ ${TARGET_RATIO}× flatqueue on bulk: ${bulk.ratio >= TARGET_RATIO ? 'met' : 'NOT MET'} (${bulk.ratio.toFixed(2)}×)`);
  if (sink === -1) console.log(''); // keep the handlers' work observable
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
