/**
 * The run `create` builds: plan the ladder (encoding/), plan the encode jobs (pipeline/jobs.ts),
 * split at t = 0, run the jobs on a WorkerPool, package and publish each rung when its chunks are
 * done, then one viewer presses play (delivery/pressPlay.ts). Maps the params (minutes, × real
 * time) onto the parts (seconds, virtual ms).
 */
import type { SimContext } from '../../core/lab';
import { planLadder, type LadderPlan } from '../encoding/ladders';
import { chunkDurations, encodeMs, planJobs, type EncodeJob } from '../pipeline/jobs';
import { WorkerPool } from '../pipeline/workerPool';
import { planPressPlay, type PlayStep } from '../delivery/pressPlay';
import type { VideoPipelineParams } from './schema';
import { SAMPLES, type Stage, type VideoPipelineEvent, type VideoPipelineFrame, type VideoPipelineSeriesName } from './series';

type PipelineContext = SimContext<VideoPipelineEvent, VideoPipelineSeriesName>;

/** Splitting at GOP boundaries is a stream copy: it reads the master at this many × real time. */
export const SPLIT_SPEED = 50;
/** Packaging a rung (segmenting and writing its manifest) runs at this many × real time. */
export const PACKAGE_SPEED = 100;
/** Room kept at the end of the horizon for the press-play sequence (a few seconds at most). */
export const PLAY_ALLOWANCE_MS = 20_000;

type PoolJob = ({ kind: 'encode' } & EncodeJob) | { kind: 'package'; rung: number; durationMs: number };

export interface VideoPipelineModel {
  readonly params: VideoPipelineParams;
  readonly plan: LadderPlan;
  readonly chunks: number;
  readonly jobs: readonly EncodeJob[];
  readonly pool: WorkerPool<PoolJob>;
  readonly doneByRung: number[];
  readonly publishedAtMs: (number | null)[];
  readonly splitMs: number;
  /** the last rung-0 encode's end, ms */
  lowestRungEncodedMs: number | null;
  playSteps: PlayStep[];
  playStartMs: number | null;
  playDone: number;
  stage: Stage;
}

export function splitMs(p: VideoPipelineParams): number {
  return (p.durationMin * 60_000) / SPLIT_SPEED;
}

export function packageMs(p: VideoPipelineParams): number {
  return (p.durationMin * 60_000) / PACKAGE_SPEED;
}

/**
 * An upper bound of when the run ends, from the params alone: list scheduling finishes by
 * (total work) / W + (longest job) (Graham 1966), with every chunk at its slowest (1 + jitter).
 */
export function horizonMs(p: VideoPipelineParams): number {
  const plan = planLadder(p.ladder, p.complexity, p.rungs);
  const seconds = p.durationMin * 60;
  const slow = 1 + p.jitter;
  const encodeTotal = plan.rungs.reduce((s, r) => s + encodeMs(seconds, r, p.speed1080), 0) * slow;
  const longest = Math.max(...plan.rungs.map((r) => encodeMs(Math.min(p.chunkS, seconds), r, p.speed1080))) * slow;
  const packaging = plan.rungs.length * packageMs(p);
  return Math.ceil(splitMs(p) + (encodeTotal + packaging) / p.workers + Math.max(longest, packageMs(p)) + PLAY_ALLOWANCE_MS);
}

function pressPlay(model: VideoPipelineModel, ctx: PipelineContext): void {
  const p = model.params;
  model.stage = 'playing';
  model.playStartMs = ctx.scheduler.now;
  model.playSteps = planPressPlay(
    { controlRttMs: p.controlRttMs, edgeRttMs: p.edgeRttMs, prefillShare: p.prefillShare, viewerMbps: p.viewerMbps, firstRungKbps: model.plan.rungs[0].kbps, segmentS: p.chunkS },
    ctx.rng.stream('press-play'),
  );
  let at = ctx.scheduler.now;
  model.playSteps.forEach((s) => {
    at += s.durationMs;
    ctx.scheduler.at(at, () => {
      model.playDone++;
      if (model.playDone === model.playSteps.length) model.stage = 'played';
      ctx.recorder.log({ type: 'play', step: s.step, plane: s.plane, durationMs: s.durationMs, hit: s.hit, probesMs: s.probesMs, segmentKbps: s.segmentKbps });
    });
  });
}

function sample(model: VideoPipelineModel, ctx: PipelineContext): void {
  const rec = ctx.recorder;
  rec.sample('busyWorkers', model.pool.current().reduce((n, r) => n + (r ? 1 : 0), 0));
  rec.sample('encodesDone', model.jobs.length ? model.doneByRung.reduce((s, n) => s + n, 0) / model.jobs.length : 0);
  rec.sample('rungsPublished', model.publishedAtMs.filter((x) => x !== null).length);
}

export function createVideoPipeline(params: VideoPipelineParams, ctx: PipelineContext): VideoPipelineModel {
  const plan = planLadder(params.ladder, params.complexity, params.rungs);
  const seconds = params.durationMin * 60;
  const chunks = chunkDurations(seconds, params.chunkS).length;
  const jobs = planJobs({ durationS: seconds, chunkS: params.chunkS, rungs: plan.rungs, speed1080: params.speed1080, jitter: params.jitter, order: params.order }, ctx.rng.stream('scenes'));
  const rungs = plan.rungs.length;
  const model: VideoPipelineModel = {
    params,
    plan,
    chunks,
    jobs,
    doneByRung: Array.from({ length: rungs }, () => 0),
    publishedAtMs: Array.from({ length: rungs }, () => null),
    splitMs: splitMs(params),
    lowestRungEncodedMs: null,
    playSteps: [],
    playStartMs: null,
    playDone: 0,
    stage: 'splitting',
    pool: new WorkerPool<PoolJob>(params.workers, ctx.scheduler, {
      onStart: (job, worker) => {
        if (job.kind === 'encode') {
          const r = plan.rungs[job.rung];
          ctx.recorder.log({ type: 'encodeStart', job: job.id, chunk: job.chunk, rung: job.rung, worker, kbps: r.kbps, resolution: r.resolution });
        }
      },
      onFinish: (job, worker, startMs) => {
        const r = plan.rungs[job.rung];
        if (job.kind === 'encode') {
          ctx.recorder.log({ type: 'encodeDone', job: job.id, chunk: job.chunk, rung: job.rung, worker, startMs, kbps: r.kbps, resolution: r.resolution });
          model.doneByRung[job.rung]++;
          if (model.doneByRung[job.rung] === chunks) {
            if (job.rung === 0) model.lowestRungEncodedMs = ctx.scheduler.now;
            model.pool.submitUrgent({ kind: 'package', rung: job.rung, durationMs: packageMs(params) });
          }
          return;
        }
        ctx.recorder.log({ type: 'packaged', rung: job.rung, worker, startMs, kbps: r.kbps });
        model.publishedAtMs[job.rung] = ctx.scheduler.now;
        const published = model.publishedAtMs.filter((x) => x !== null).length;
        ctx.recorder.log({ type: 'published', rung: job.rung, kbps: r.kbps, resolution: r.resolution, published, rungs });
        if (published === rungs) {
          model.stage = 'published';
          pressPlay(model, ctx);
        }
      },
    }),
  };
  ctx.recorder.log({ type: 'uploaded', durationS: seconds, chunks, rungs, jobs: jobs.length });
  ctx.scheduler.at(model.splitMs, () => {
    model.stage = 'encoding';
    ctx.recorder.log({ type: 'split', chunks, chunkS: params.chunkS });
    model.pool.submit(jobs.map((j) => ({ kind: 'encode' as const, ...j })));
  });
  const every = horizonMs(params) / SAMPLES;
  for (let k = 0; k <= SAMPLES; k++) ctx.scheduler.at(k * every, () => sample(model, ctx));
  return model;
}

export function isVideoPipelineFinished(model: VideoPipelineModel): boolean {
  return model.stage === 'played';
}

export function videoPipelineFrame(model: VideoPipelineModel): VideoPipelineFrame {
  let end = 0;
  const play = model.playSteps.slice(0, model.playDone).map((s) => {
    end += s.durationMs;
    return { step: s.step, plane: s.plane, durationMs: s.durationMs, endMs: end };
  });
  return {
    stage: model.stage,
    workers: model.params.workers,
    chunks: model.chunks,
    rungs: model.plan.rungs.length,
    jobs: model.jobs.length,
    encodesDone: model.doneByRung.reduce((s, n) => s + n, 0),
    doneByRung: [...model.doneByRung],
    publishedAtMs: [...model.publishedAtMs],
    running: model.pool
      .current()
      .filter((r) => r !== null)
      .map((r) => ({ worker: r.worker, kind: r.job.kind, chunk: r.job.kind === 'encode' ? r.job.chunk : -1, rung: r.job.rung, startMs: r.startMs, endMs: r.endMs })),
    play,
  };
}
