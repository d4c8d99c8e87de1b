/** The lab definition: registry, schema, presets and their stories, recorder series, machine, seek. */
import { describe, expect, it } from 'vitest';
import { abrLab, NETWORK_SERIES } from '@/simulations/abr';
import { findLab } from '@/simulations/registry';
import { Runner, runHeadless as runLab } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { validate, decodeRun, encodeRun, type ParamsOf } from '@/simulations/core/params';
import { Rng } from '@/simulations/core/rng';
import { buildTrace, buildVideo, envFor, knobsFrom, playerConfigFrom } from '@/simulations/abr/lab/model';
import { createAlgorithm, referenceKnobs } from '@/simulations/abr/algorithms';
import { runRealisticSession } from '@/simulations/abr/session/realistic';
import { runReferenceSession } from '@/simulations/abr/session/reference';
import { runMachineSession } from '@/simulations/abr/machines/run';
import { toJsonResult, type JsonResult } from '@/simulations/abr/session/types';

type P = ParamsOf<typeof abrLab.schema>;
/** runHeadless with the ABR result type (the generic runner cannot infer it through AnyLab). */
function runHeadless(lab: typeof abrLab, p: P, seed: number) {
  const { result, runner } = runLab(lab, p, seed);
  return { result: result as unknown as JsonResult[], runner };
}
const params = (over: Record<string, unknown> = {}): P => {
  const v = validate(abrLab.schema, over);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('; '));
  return v.params;
};
const presetParams = (id: string) => params(abrLab.presets.find((p) => p.id === id)!.params as Record<string, unknown>);
const byAlgorithm = (id: string) => {
  const preset = abrLab.presets.find((p) => p.id === id)!;
  const { result, runner } = runHeadless(abrLab, presetParams(id), preset.seed ?? 1);
  return { ...Object.fromEntries(result.map((r) => [r.algorithm, r])), runner } as Record<string, JsonResult> & { runner: Runner };
};

describe('ABR lab definition', () => {
  it('is registered with its id and topic', () => {
    expect(findLab('abr')).toBe(abrLab);
    expect(abrLab.topic).toBe('Video streaming');
  });

  it('validates parameters with messages naming the field and range', () => {
    const v = validate(abrLab.schema, { 'bba.reservoirS': -1, algorithm: 'pensieve', 'trace.markov': { statesMbps: [1], transitions: [[0.5]] } });
    expect(v.ok).toBe(false);
    const text = v.errors.map((e) => e.message).join('\n');
    expect(text).toMatch(/bba\.reservoirS = -1 is invalid: expected a number from 0 to 60/);
    expect(text).toMatch(/algorithm = "pensieve" is invalid/);
    expect(text).toMatch(/trace\.markov is invalid: transitions row 0 sums to 0\.5/);
    const decoded = decodeRun(abrLab.schema, encodeRun(abrLab.schema, { params: params({ 'trace.kind': 'sine' }), seed: 9 }));
    expect(decoded.params['trace.kind']).toBe('sine');
  });

  it('frame(): the race as plain data (trace, ladder, line-up fixed for the run; when each player ended)', () => {
    const live = new Runner(abrLab, params({ algorithm: 'bba', 'race.second': 'bola', 'race.third': 'none' }), 2);
    const first = viewOf(abrLab, live).frame();
    expect(first.players).toEqual([
      { slot: 'p0', algorithm: 'bba' },
      { slot: 'p1', algorithm: 'bola' },
    ]);
    expect(first.endedAtMs).toEqual([null, null]);
    live.runToEnd();
    const last = viewOf(abrLab, live).frame();
    expect(JSON.parse(JSON.stringify(last))).toEqual(last);
    expect(structuredClone(last)).toEqual(last);
    expect(last.trace).toBe(first.trace);
    expect(last.endedAtMs.every((t) => t !== null && t <= live.now)).toBe(true);
    expect(Math.max(...(last.endedAtMs as number[]))).toBe(live.now);
    expect(last.video.chunkCount).toBe(48);
    expect(last.trace.timesS.length).toBe(last.trace.mbps.length);
  });

  it('companions: one finished race on the same params', () => {
    const p = params();
    expect(abrLab.companions!(p)).toEqual([{ key: 'finished', label: 'Finished race', params: p }]);
  });

  it('every preset is valid and runs', () => {
    expect(abrLab.presets.map((p) => p.id)).toEqual(['startup-slow-link', 'the-tunnel', 'oscillating-bandwidth', 'bba-vs-rate-3g', 'robustmpc-discount']);
    for (const p of abrLab.presets) expect(validate(abrLab.schema, p.params as Record<string, unknown>).ok, p.id).toBe(true);
  });

  it('records the series a view draws, for every player', () => {
    const { runner } = runHeadless(abrLab, params({ algorithm: 'bba', 'race.second': 'bola', 'race.third': 'robustmpc' }), 1);
    const names = runner.recorder.seriesNames();
    expect(names).toContain(NETWORK_SERIES);
    for (const slot of ['p0', 'p1', 'p2']) {
      for (const key of ['bufferS', 'bitrateKbps', 'throughputKbps', 'qoe', 'qoeAll', 'qoe.bitrate', 'qoe.rebuffer', 'qoe.switch']) expect(names).toContain(`${slot}.${key}`);
    }
    expect(names).toEqual(expect.arrayContaining(['p0.reservoirS', 'p0.upperS', 'p1.bolaTargetS', 'p1.placeholderS', 'p1.estimateKbps', 'p2.estimateKbps']));
    const qoe = runner.recorder.series('p0.qoe');
    const last = (k: string) => runner.recorder.series(k).at(-1)!.v;
    expect(last('p0.qoe')).toBeCloseTo(last('p0.qoe.bitrate') - last('p0.qoe.rebuffer') - last('p0.qoe.switch'), 9);
    expect(last('p0.qoe')).toBeCloseTo((runner.result() as unknown as JsonResult[])[0].qoe, 9);
    expect(qoe.every((p, i) => i === 0 || p.t >= qoe[i - 1].t)).toBe(true);
    for (const type of ['request', 'complete', 'ended', 'playback-start']) expect(runner.recorder.count(type)).toBeGreaterThan(0);
  });

  it('realistic lab run = the fast loop; reference lab run = the reference loop', () => {
    for (const mode of ['realistic', 'reference'] as const) {
      const p = params({ mode, algorithm: 'robustmpc', 'race.second': 'bola', 'race.third': 'none', 'trace.kind': 'randomWalk' });
      const { result } = runHeadless(abrLab, p, 5);
      const rng = new Rng(5);
      const trace = buildTrace(p, rng);
      const video = buildVideo(p, rng);
      const env = envFor(mode, p, video);
      const expected = (['robustmpc', 'bola'] as const).map((a) =>
        mode === 'reference'
          ? runReferenceSession(trace, video, createAlgorithm(a, env, referenceKnobs(knobsFrom(p))), env.objective)
          : runRealisticSession(trace, video, createAlgorithm(a, env, knobsFrom(p)), playerConfigFrom(p), env.objective),
      );
      expect(result).toEqual(expected.map((r) => toJsonResult(r)));
    }
  });

  it('the network chart follows each mode\'s interval rule: downloading chunk 0 over the drawn curve takes its delay', () => {
    // Chunk 0 starts at trace-clock 0 = player time 0 in both modes, so integrating the drawn step
    // curve (× 0.95 payload) until its bytes are through, plus the RTT, must give its delay. With the
    // other mode's rule the curve is one sample off and the delay comes out different.
    for (const mode of ['realistic', 'reference'] as const) {
      const p = params({ mode, algorithm: 'bba', 'race.second': 'none', 'race.third': 'none', 'trace.kind': 'randomWalk', 'trace.volatilityMbps': 1.5, 'trace.minMbps': 0.2 });
      const { runner, result } = runHeadless(abrLab, p, 9);
      const chunk0 = (runner.model as { players: { core: { chunks: { bytes: number }[] } | null; reference: { chunks: { bytes: number }[] } | null }[] }).players[0];
      const bytes = (chunk0.reference ?? chunk0.core)!.chunks[0].bytes;
      const curve = runner.recorder.series(NETWORK_SERIES);
      let sent = 0;
      let transferS = NaN;
      for (let i = 0; i < curve.length - 1; i++) {
        const rate = (curve[i].v * 1e6) / 8 * 0.95;
        const spanS = (curve[i + 1].t - curve[i].t) / 1000;
        if (sent + rate * spanS >= bytes) {
          transferS = curve[i].t / 1000 + (bytes - sent) / rate;
          break;
        }
        sent += rate * spanS;
      }
      expect(transferS * 1000 + 80, mode).toBeCloseTo(result[0].chunks[0].delayMs, 6);
    }
  });

  it('seek: flushes the buffer, restarts from the target chunk, and the session still ends', () => {
    const p = params({ algorithm: 'bba', 'trace.kind': 'constant', 'trace.meanMbps': 3 });
    const rng = new Rng(1);
    const trace = buildTrace(p, rng);
    const video = buildVideo(p, rng);
    const env = envFor('realistic', p, video);
    const seen: string[] = [];
    const { result, actor } = runMachineSession(trace, video, createAlgorithm('bba', env, knobsFrom(p)), playerConfigFrom(p), env.objective, {
      request: (d) => seen.push(`req${d.index}`),
      complete: () => {},
      playbackStart: () => seen.push('play'),
      stallStart: () => {},
      stallEnd: () => {},
      idleStart: () => {},
      idleEnd: () => {},
      ended: () => seen.push('ended'),
      seek: (to) => seen.push(`seek${to}`),
    }, (a, scheduler) => scheduler.at(30000, () => a.send({ type: 'SEEK', toChunk: 30 })));
    expect(actor.getSnapshot().value).toBe('ended');
    const seekAt = seen.indexOf('seek30');
    expect(seekAt).toBeGreaterThan(0);
    expect(seen[seekAt + 1]).toBe('req30');
    expect(seen.filter((s) => s === 'play').length).toBe(2); // startup again after the seek
    expect(result.chunks.at(-1)!.index).toBe(47);
    expect(result.chunks[result.chunks.findIndex((c) => c.index === 30)].bufferAtRequestS).toBe(0);
  });
});

describe('preset stories hold', () => {
  it('startup on a slow link: BBA starts playing far sooner than rate and BOLA', () => {
    const r = byAlgorithm('startup-slow-link');
    expect(r.bba.startupDelayS).toBeLessThan(2);
    expect(r.rate.startupDelayS).toBeGreaterThan(6);
    expect(r.bola.startupDelayS).toBeGreaterThan(6);
    expect(r.bba.chunks[0].quality).toBe(0);
    expect(r.bba.switches).toBeGreaterThan(r.rate.switches);
  });

  it('the tunnel: rate rides through on a full buffer; BBA and robustMPC stall', () => {
    const r = byAlgorithm('the-tunnel');
    expect(r.rate.rebufferS).toBe(0);
    expect(r.bba.rebufferS).toBeGreaterThan(1);
    expect(r.robustmpc.rebufferS).toBeGreaterThan(1);
    const buffer = r.runner.recorder.series('p0.bufferS').filter((pt) => pt.t <= 70000).at(-1)!.v;
    expect(buffer).toBeGreaterThan(30);
  });

  it('oscillating bandwidth: BBA switches most, BOLA least', () => {
    const r = byAlgorithm('oscillating-bandwidth');
    expect(r.bba.switches).toBeGreaterThan(1.5 * r.rate.switches);
    expect(r.bola.switches).toBeLessThanOrEqual(r.rate.switches);
  });

  it('3G commute: BBA (cushion 10 s) stalls and rate does not; with a 40 s cushion BBA wins', () => {
    const r = byAlgorithm('bba-vs-rate-3g');
    expect(r.bba.rebufferS).toBeGreaterThan(1);
    expect(r.rate.rebufferS).toBe(0);
    const preset = abrLab.presets.find((p) => p.id === 'bba-vs-rate-3g')!;
    const { result } = runHeadless(abrLab, params({ ...(preset.params as Record<string, unknown>), 'bba.cushionS': 40 }), preset.seed!);
    const [bba, rate] = result;
    expect(bba.rebufferS).toBe(0);
    expect(bba.meanBitrateKbps).toBeGreaterThan(rate.meanBitrateKbps);
    expect(bba.qoe).toBeGreaterThan(rate.qoe);
  });

  it('robustMPC: less bitrate than MPC, no rebuffering, higher QoE', () => {
    const r = byAlgorithm('robustmpc-discount');
    expect(r.robustmpc.rebufferS).toBe(0);
    expect(r.mpc.rebufferS).toBeGreaterThan(1);
    expect(r.robustmpc.meanBitrateKbps).toBeLessThan(r.mpc.meanBitrateKbps);
    expect(r.robustmpc.qoe).toBeGreaterThan(r.mpc.qoe);
  });
});
