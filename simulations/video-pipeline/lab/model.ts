/**
 * The run `create` builds: plan the ladder (encoding/), plan the encode jobs (pipeline/jobs.ts),
 * and start the upload machine (machines/upload.ts), which orchestrates the parts: the split timer,
 * the encode jobs on a WorkerPool (a crashed attempt re-queued when its lease expires), each rung
 * packaged and published when its chunks are done, then one viewer pressing play
 * (delivery/pressPlay.ts). Maps the params (minutes, × real time) onto the parts (seconds, ms).
 */
import { createActor, type Actor } from 'xstate';
import type { SimContext } from '../../core/lab';
import { planLadder, type LadderPlan } from '../encoding/ladders';
import { chunkDurations, encodeMs, planJobs, type EncodeJob } from '../pipeline/jobs';
import { WorkerPool } from '../pipeline/workerPool';
import { planPressPlay, type PlayStep } from '../delivery/pressPlay';
import { uploadMachine } from '../machines/upload';
import type { VideoPipelineParams } from './schema';
import { SAMPLES, type Stage, type VideoPipelineEvent, type VideoPipelineFrame, type VideoPipelineSeriesName } from './series';

type PipelineContext = SimContext<VideoPipelineEvent, VideoPipelineSeriesName>;

/** Splitting at GOP boundaries is a stream copy: it reads the master at this many × real time. */
export const SPLIT_SPEED = 50;
/** Packaging a rung (segmenting and writing its manifest) runs at this many × real time. */
export const PACKAGE_SPEED = 100;
/** Room kept at the end of the horizon for the press-play sequence (a few seconds at most). */
export const PLAY_ALLOWANCE_MS = 20_000;
/**
 * Crashes one job may suffer in a row that the horizon still covers: at the highest crash rate
 * (0.2) the chance of 12 in a row is 4e-9 per job, so even 30,000 jobs almost never reach it.
 */
export const CRASH_CHAIN_ALLOWANCE = 12;

type PoolJob = ({ kind: 'encode' } & EncodeJob) | { kind: 'package'; rung: number; durationMs: number };

export interface VideoPipelineModel {
  readonly params: VideoPipelineParams;
  readonly plan: LadderPlan;
  readonly chunks: number;
  readonly jobs: readonly EncodeJob[];
  readonly pool: WorkerPool<PoolJob>;
  readonly actor: Actor<typeof uploadMachine>;
  readonly doneByRung: number[];
  readonly publishedAtMs: (number | null)[];
  readonly splitMs: number;
  /** attempts per job so far */
  readonly attempts: Uint16Array;
  /** the last rung-0 encode's end, ms */
  lowestRungEncodedMs: number | null;
  playSteps: PlayStep[];
  playDone: number;
}

export function splitMs(p: VideoPipelineParams): number {
  return (p.durationMin * 60_000) / SPLIT_SPEED;
}

export function packageMs(p: VideoPipelineParams): number {
  return (p.durationMin * 60_000) / PACKAGE_SPEED;
}

/** Upper bound of how many attempts crash: the mean J·p/(1−p) plus six standard deviations. */
export function crashesUpper(jobs: number, crashRate: number): number {
  if (crashRate <= 0) return 0;
  const mean = (jobs * crashRate) / (1 - crashRate);
  return Math.ceil(mean + 6 * Math.sqrt(mean / (1 - crashRate)) + 10);
}

/**
 * An upper bound of when the run ends, from the params alone: list scheduling finishes by
 * (total work) / W + (longest job) (Graham 1966), with every chunk at its slowest (1 + jitter),
 * plus the work crashes waste and the longest chain of crashes and leases one job may suffer.
 */
export function horizonMs(p: VideoPipelineParams): number {
  const plan = planLadder(p.ladder, p.complexity, p.rungs);
  const seconds = p.durationMin * 60;
  const slow = 1 + p.jitter;
  const encodeTotal = plan.rungs.reduce((s, r) => s + encodeMs(seconds, r, p.speed1080), 0) * slow;
  const longest = Math.max(...plan.rungs.map((r) => encodeMs(Math.min(p.chunkS, seconds), r, p.speed1080))) * slow;
  const packaging = plan.rungs.length * packageMs(p);
  const chunks = Math.ceil(seconds / p.chunkS - 1e-9);
  const crashes = crashesUpper(chunks * plan.rungs.length, p.crashRate);
  const crashChain = p.crashRate > 0 ? CRASH_CHAIN_ALLOWANCE * (longest + p.leaseS * 1000) : 0;
  return Math.ceil(splitMs(p) + (encodeTotal + packaging + crashes * longest) / p.workers + Math.max(longest, packageMs(p)) + crashChain + PLAY_ALLOWANCE_MS);
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
  const crashes = ctx.rng.stream('crashes');
  const rec = ctx.recorder;

  const pool = new WorkerPool<PoolJob>(params.workers, ctx.scheduler, {
    crashAt: (job) => (job.kind === 'encode' && params.crashRate > 0 && crashes.next() < params.crashRate ? crashes.uniform(0.05, 0.95) : null),
    onStart: (job, worker) => {
      if (job.kind !== 'encode') return;
      model.attempts[job.id]++;
      const r = plan.rungs[job.rung];
      rec.log({ type: 'encodeStart', job: job.id, chunk: job.chunk, rung: job.rung, worker, kbps: r.kbps, resolution: r.resolution });
    },
    onCrash: (job, worker, startMs) => {
      if (job.kind !== 'encode') return;
      rec.log({ type: 'encodeCrashed', job: job.id, chunk: job.chunk, rung: job.rung, worker, startMs, leaseS: params.leaseS });
      model.actor.send({ type: 'ENCODE_CRASHED', job: job.id });
    },
    onFinish: (job, worker, startMs) => {
      const r = plan.rungs[job.rung];
      if (job.kind === 'encode') {
        rec.log({ type: 'encodeDone', job: job.id, chunk: job.chunk, rung: job.rung, worker, startMs, kbps: r.kbps, resolution: r.resolution });
        model.doneByRung[job.rung]++;
        if (model.doneByRung[job.rung] === chunks) {
          if (job.rung === 0) model.lowestRungEncodedMs = ctx.scheduler.now;
          pool.submitUrgent({ kind: 'package', rung: job.rung, durationMs: packageMs(params) });
        }
        return;
      }
      rec.log({ type: 'packaged', rung: job.rung, worker, startMs, kbps: r.kbps });
      model.actor.send({ type: 'RUNG_PACKAGED', rung: job.rung });
    },
  });

  const machine = uploadMachine.provide({
    actions: {
      submitEncodes: () => {
        rec.log({ type: 'split', chunks, chunkS: params.chunkS });
        pool.submit(jobs.map((j) => ({ kind: 'encode' as const, ...j })));
      },
      requeue: (_, { job }) => {
        const j = jobs[job];
        rec.log({ type: 'retry', job, chunk: j.chunk, rung: j.rung, attempt: model.attempts[job] + 1 });
        pool.submitUrgent({ kind: 'encode', ...j });
      },
      publishRung: (_, { rung }) => {
        model.publishedAtMs[rung] = ctx.scheduler.now;
        const r = plan.rungs[rung];
        rec.log({ type: 'published', rung, kbps: r.kbps, resolution: r.resolution, published: model.publishedAtMs.filter((x) => x !== null).length, rungs });
      },
      pressPlay: () => pressPlay(model, ctx),
    },
  });

  const model: VideoPipelineModel = {
    params,
    plan,
    chunks,
    jobs,
    pool,
    actor: createActor(machine, { clock: ctx.clock, input: { splitMs: splitMs(params), leaseMs: params.leaseS * 1000, rungs } }),
    doneByRung: Array.from({ length: rungs }, () => 0),
    publishedAtMs: Array.from({ length: rungs }, () => null),
    splitMs: splitMs(params),
    attempts: new Uint16Array(jobs.length),
    lowestRungEncodedMs: null,
    playSteps: [],
    playDone: 0,
  };
  rec.log({ type: 'uploaded', durationS: seconds, chunks, rungs, jobs: jobs.length });
  // start at t = 0 as the first scheduled event, so nothing runs inside create()
  ctx.scheduler.at(0, () => model.actor.start());
  const every = horizonMs(params) / SAMPLES;
  for (let k = 0; k <= SAMPLES; k++) ctx.scheduler.at(k * every, () => sample(model, ctx));
  return model;
}

function pressPlay(model: VideoPipelineModel, ctx: PipelineContext): void {
  const p = model.params;
  model.playSteps = planPressPlay(
    { controlRttMs: p.controlRttMs, edgeRttMs: p.edgeRttMs, prefillShare: p.prefillShare, viewerMbps: p.viewerMbps, firstRungKbps: model.plan.rungs[0].kbps, segmentS: p.chunkS },
    ctx.rng.stream('press-play'),
  );
  let at = ctx.scheduler.now;
  model.playSteps.forEach((s) => {
    at += s.durationMs;
    ctx.scheduler.at(at, () => {
      model.playDone++;
      ctx.recorder.log({ type: 'play', step: s.step, plane: s.plane, durationMs: s.durationMs, hit: s.hit, probesMs: s.probesMs, segmentKbps: s.segmentKbps });
      if (model.playDone === model.playSteps.length) model.actor.send({ type: 'FIRST_FRAME' });
    });
  });
}

export function stageOf(model: VideoPipelineModel): Stage {
  return model.actor.getSnapshot().value as Stage;
}

export function isVideoPipelineFinished(model: VideoPipelineModel): boolean {
  return model.actor.getSnapshot().status === 'done';
}

export function videoPipelineFrame(model: VideoPipelineModel): VideoPipelineFrame {
  let end = 0;
  const play = model.playSteps.slice(0, model.playDone).map((s) => {
    end += s.durationMs;
    return { step: s.step, plane: s.plane, durationMs: s.durationMs, endMs: end };
  });
  return {
    stage: stageOf(model),
    workers: model.params.workers,
    chunks: model.chunks,
    rungs: model.plan.rungs.length,
    jobs: model.jobs.length,
    encodesDone: model.doneByRung.reduce((s, n) => s + n, 0),
    crashes: model.pool.crashed,
    retries: model.actor.getSnapshot().context.retries,
    doneByRung: [...model.doneByRung],
    publishedAtMs: [...model.publishedAtMs],
    running: model.pool
      .current()
      .filter((r) => r !== null)
      .map((r) => ({ worker: r.worker, kind: r.job.kind, chunk: r.job.kind === 'encode' ? r.job.chunk : -1, rung: r.job.rung, startMs: r.startMs, endMs: r.endMs })),
    play,
  };
}
