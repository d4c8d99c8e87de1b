import { defineLab, type SimContext } from '../core/lab';
import { queueSchema, type QueueParams } from './schema';
import { queuePresets } from './presets';
import { QueueModel, type QueueEvent, type QueueSnapshot } from './model';
import { queueTheory, type QueueTheory } from './theory';

export { queueSchema, type QueueParams } from './schema';
export { QueueModel, SERIES, SAMPLES_PER_RUN, WAIT_WINDOW_CUSTOMERS, RATE_WINDOW_SAMPLES, type QueueEvent, type QueueSeriesName } from './model';
export * from './theory';

/** The CLI's --json document. Times in seconds, rates per second; statistics exclude the warm-up. */
export interface QueueResult {
  model: string;
  simulatedS: number;
  warmupS: number;
  arrivals: number;
  served: number;
  drops: number;
  /** drops / arrivals over the measured period */
  dropRate: number;
  waiting: number;
  inService: number;
  meanWait: number | null;
  meanTimeInSystem: number | null;
  waitP50: number | null;
  waitP95: number | null;
  waitP99: number | null;
  timeInSystemP50: number | null;
  timeInSystemP95: number | null;
  timeInSystemP99: number | null;
  utilisation: number | null;
  /** served per second */
  throughput: number | null;
  /** time-average number in the system (L) and waiting (Lq) */
  meanInSystem: number | null;
  meanQueueLength: number | null;
  /** Little's law on this run: L against λ_accepted × W */
  littlesLaw: { L: number | null; lambdaW: number | null; relativeError: number | null };
  theory: QueueTheory;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function queueResult(model: QueueModel, now: number): QueueResult {
  const m = model.measure(now);
  const acceptedRate = m.spanS > 0 ? (m.measuredArrivals - m.measuredDrops) / m.spanS : Number.NaN;
  const L = m.meanInSystem;
  const lambdaW = acceptedRate * m.meanTimeInSystemS;
  return {
    model: queueTheory(model.params).model,
    simulatedS: now / 1000,
    warmupS: m.warmupS,
    arrivals: model.arrivals,
    served: model.served,
    drops: model.drops,
    dropRate: m.measuredArrivals ? m.measuredDrops / m.measuredArrivals : 0,
    waiting: model.waiting,
    inService: model.busy,
    meanWait: finite(m.meanWaitS),
    meanTimeInSystem: finite(m.meanTimeInSystemS),
    waitP50: finite(m.waitQuantileS(0.5)),
    waitP95: finite(m.waitQuantileS(0.95)),
    waitP99: finite(m.waitQuantileS(0.99)),
    timeInSystemP50: finite(m.timeInSystemQuantileS(0.5)),
    timeInSystemP95: finite(m.timeInSystemQuantileS(0.95)),
    timeInSystemP99: finite(m.timeInSystemQuantileS(0.99)),
    utilisation: finite(m.utilisation),
    throughput: finite(m.throughputPerS),
    meanInSystem: finite(L),
    meanQueueLength: finite(m.meanWaiting),
    littlesLaw: { L: finite(L), lambdaW: finite(lambdaW), relativeError: finite(Math.abs(L - lambdaW) / L) },
    theory: queueTheory(model.params),
  };
}

export const queueLab = defineLab<typeof queueSchema, QueueModel, QueueResult, QueueEvent>({
  id: 'queue',
  title: 'Queueing basics: M/M/1 and M/M/c',
  summary: 'Random arrivals, c servers, one line: watch utilisation, queue length, waiting-time percentiles and drops, against the closed forms.',
  topic: 'Queueing',
  schema: queueSchema,
  presets: queuePresets,
  horizonMs: (p: QueueParams) => p.durationS * 1000,
  create: (params: QueueParams, ctx: SimContext<QueueEvent>) => new QueueModel(params, ctx),
  result: (model: QueueModel, ctx: SimContext<QueueEvent>) => queueResult(model, ctx.scheduler.now),
  checkpoint: {
    // about 100 checkpoints per run, at least 1 s apart: scrubbing replays ≤ 1% of a run
    everyMs: (p: QueueParams) => Math.max(1000, (p.durationS * 1000) / 100),
    save: (model: QueueModel) => model.snapshot(),
    restore: (snapshot: unknown, params: QueueParams, ctx: SimContext<QueueEvent>) => new QueueModel(params, ctx, snapshot as QueueSnapshot),
  },
});
