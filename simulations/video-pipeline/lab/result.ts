import { ladderKbps } from '../encoding/ladders';
import { deliveryTotals, streamedMix, type DeliveryTotals, type StreamedMix } from '../delivery/capacity';
import { encodeMs } from '../pipeline/jobs';
import type { CurvePoint } from '../encoding/rateQuality';
import { horizonMs, stageOf, type VideoPipelineModel } from './model';

/** The CLI's --json document. Times in seconds after the upload completed; sizes in GB/TB; money in US$. */
export interface VideoPipelineResult {
  ladder: { mode: string; rungs: CurvePoint[]; totalKbps: number };
  /** the per-resolution trial encodes (the curves) and their upper convex hull */
  curves: CurvePoint[];
  hull: CurvePoint[];
  chunks: number;
  jobs: number;
  workers: number;
  splitS: number;
  /** the lowest rung published: the video can be played (YouTube: "SD ready") */
  timeToFirstPlayableS: number | null;
  /** every rung published */
  timeToFullLadderS: number | null;
  /** from the end of the split to the last lowest-rung encode */
  lowestRungEncodeS: number | null;
  /** §6.5 outcome 2: ceil(ceil(T/c) / W) · t_low, exact for equal chunks with lowest rung first and no scene variation */
  lowestRungFormulaS: number;
  /** worker-seconds busy / (W × encode span) */
  workerUtilisation: number | null;
  /** compute bought: worker-hours of encoding per hour of content (without crashes) */
  workerHoursPerContentHour: number;
  /** encode attempts that crashed, re-queued after their lease, and the worker-seconds they wasted */
  crashes: number;
  retries: number;
  wastedWorkerS: number;
  delivery: DeliveryTotals;
  /** what viewers stream, by downlink class */
  streamed: StreamedMix;
  /** press play: ms from the tap to the first frame, split by plane; null until played */
  pressPlay: { controlMs: number; dataMs: number; firstFrameMs: number; edgeHit: boolean } | null;
  simulatedS: number;
  plannedHorizonS: number;
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

export function videoPipelineResult(model: VideoPipelineModel, nowMs: number): VideoPipelineResult {
  const { params: p, plan, pool } = model;
  const T = p.durationMin * 60;
  const published = model.publishedAtMs;
  const full = published.every((x) => x !== null) ? Math.max(...(published as number[])) : null;
  const tLow = encodeMs(Math.min(p.chunkS, T), plan.rungs[0], p.speed1080);
  const encodeEnd = full ?? nowMs;
  const span = encodeEnd - model.splitMs;
  const played = stageOf(model) === 'played';
  const control = model.playSteps.filter((s) => s.plane === 'control').reduce((s, x) => s + x.durationMs, 0);
  const data = model.playSteps.filter((s) => s.plane === 'data').reduce((s, x) => s + x.durationMs, 0);
  const encodeWorkMs = model.jobs.reduce((s, j) => s + j.durationMs, 0);
  return {
    ladder: { mode: plan.mode, rungs: plan.rungs, totalKbps: ladderKbps(plan.rungs) },
    curves: plan.curves,
    hull: plan.hull,
    chunks: model.chunks,
    jobs: model.jobs.length,
    workers: p.workers,
    splitS: model.splitMs / 1000,
    timeToFirstPlayableS: seconds(published[0]),
    timeToFullLadderS: seconds(full),
    lowestRungEncodeS: model.lowestRungEncodedMs === null ? null : (model.lowestRungEncodedMs - model.splitMs) / 1000,
    lowestRungFormulaS: (Math.ceil(model.chunks / p.workers) * tLow) / 1000,
    workerUtilisation: span > 0 ? pool.busyWorkerMs / (p.workers * span) : null,
    workerHoursPerContentHour: encodeWorkMs / 1000 / T,
    crashes: pool.crashed,
    retries: model.actor.getSnapshot().context.retries,
    wastedWorkerS: pool.crashedWorkerMs / 1000,
    delivery: deliveryTotals(plan.rungs, { durationS: T, views: p.views, watchShare: p.watchShare, peakConcurrent: p.peakConcurrent, applianceGbps: p.applianceGbps, prefillShare: p.prefillShare, storageUsdPerGBMonth: p.storageUsdPerGBMonth, egressUsdPerGB: p.egressUsdPerGB }),
    streamed: streamedMix(plan.rungs),
    pressPlay: played ? { controlMs: control, dataMs: data, firstFrameMs: control + data, edgeHit: model.playSteps.find((s) => s.step === 'first-segment')?.hit ?? false } : null,
    simulatedS: nowMs / 1000,
    plannedHorizonS: horizonMs(p) / 1000,
  };
}
