import { queueTheory, type QueueTheory } from '../theory';
import type { QueueModel } from './model';

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

export function queueResult({ params, station }: QueueModel, now: number): QueueResult {
  const m = station.measure(now);
  const acceptedRate = m.spanS > 0 ? (m.measuredArrivals - m.measuredDrops) / m.spanS : Number.NaN;
  const L = m.meanInSystem;
  const lambdaW = acceptedRate * m.meanTimeInSystemS;
  return {
    model: queueTheory(params).model,
    simulatedS: now / 1000,
    warmupS: m.warmupS,
    arrivals: station.arrivals,
    served: station.served,
    drops: station.drops,
    dropRate: m.measuredArrivals ? m.measuredDrops / m.measuredArrivals : 0,
    waiting: station.waiting,
    inService: station.busy,
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
    theory: queueTheory(params),
  };
}
