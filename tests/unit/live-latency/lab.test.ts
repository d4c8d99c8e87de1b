/** The live-latency lab as a lab: registry, presets, budget, captions, determinism, CLI. */
import { describe, expect, it } from 'vitest';
import { sim } from '../support/simCli';
import { paramProblems } from '@/simulations/core/budget';
import { findLab } from '@/simulations/registry';
import { liveLatencyLab, type LiveLatencyEvent, type LiveLatencyResult } from '@/simulations/live-latency';
import type { Logged } from '@/simulations/core/recorder';
import { params, presetParams, run } from './support';


describe('live-latency lab', () => {
  it('is registered, and every preset runs within its budget', () => {
    expect(findLab('live-latency')).toBe(liveLatencyLab);
    for (const preset of liveLatencyLab.presets) expect(paramProblems(liveLatencyLab, params(preset.params)), preset.id).toEqual([]);
  });

  it('the heaviest allowed run (0.2 s parts, 30 minutes) stays far inside the work budget', () => {
    const heavy = params({ delivery: 'll-hls', segmentS: 1, partS: 0.2, durationS: 1800 });
    expect(paramProblems(liveLatencyLab, heavy)).toEqual([]);
    const { runner } = run(heavy, 1, 0);
    const estimate = liveLatencyLab.budget!.estimate(heavy);
    expect(runner.ctx.scheduler.executed).toBeLessThanOrEqual(estimate.events);
  });

  it('a run too short for the hold-back is refused with a message naming durationS', () => {
    const problems = paramProblems(liveLatencyLab, params({ segmentS: 10, holdBackSegments: 8, durationS: 60 }));
    expect(problems[0].field).toBe('durationS');
    expect(problems[0].message).toMatch(/durationS = 60 s is too short/);
  });

  it('every event of every preset has a caption', () => {
    for (const preset of liveLatencyLab.presets) {
      const { runner } = run({ ...preset.params, durationS: Math.max(90, preset.params.durationS ?? 0) });
      const events = runner.recorder.events as Logged<LiveLatencyEvent>[];
      expect(events.length, preset.id).toBeGreaterThan(10);
      for (const e of events) expect(liveLatencyLab.caption!(e), `${preset.id}: ${e.type}`).toBeTruthy();
    }
  });

  it('preset stories: HLS 6 s ≈ 23 s, HLS 2 s ≈ 8 s, LL-HLS ≈ 2.3 s, DASH ≈ 17 s, LL-DASH ≈ 2 s, WebRTC ≈ 0.3 s', () => {
    const start = (id: string) => run(presetParams(id)).result.latency.startS!;
    expect(start('hls-6s')).toBeCloseTo(23, 0);
    expect(start('hls-2s')).toBeCloseTo(8, 0);
    expect(start('ll-hls')).toBeCloseTo(2.3, 1);
    expect(start('dash')).toBeCloseTo(17, 0);
    expect(start('ll-dash')).toBeCloseTo(2, 1);
    expect(run(presetParams('webrtc')).result.latency.meanS!).toBeCloseTo(0.3, 1);
  });

  it('same seed ⇒ identical event log; another seed changes a jittered run', () => {
    for (const id of ['ll-hls-short-hold', 'srt-to-hls', 'webrtc']) {
      const a = run(presetParams(id), 42).runner.recorder.events;
      const b = run(presetParams(id), 42).runner.recorder.events;
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(JSON.stringify(run(presetParams(id), 43).runner.recorder.events)).not.toBe(JSON.stringify(a));
    }
  });

  it('CLI: --preset --json prints the result document; --set reaches the run', async () => {
    const r = await sim(['live-latency', '--preset', 'll-hls', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as LiveLatencyResult;
    expect(result.delivery).toBe('ll-hls');
    expect(result.hlsPlaylist).toContain('#EXT-X-PART-INF:PART-TARGET=0.5');
    const s = await sim(['live-latency', '--set', 'segmentS=2', '--set', 'durationS=60', '--json']);
    expect((JSON.parse(s.stdout) as LiveLatencyResult).hlsPlaylist).toContain('#EXT-X-TARGETDURATION:2');
  });

  it('CLI: bad input exits 2 with a message naming the field and its range', async () => {
    const bad = await sim(['live-latency', '--set', 'partS=3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/partS = 3 is invalid: expected a number from 0.2 to 1 s/);
    const enumBad = await sim(['live-latency', '--set', 'delivery=rtmp']);
    expect(enumBad.code).toBe(2);
    expect(enumBad.stderr).toMatch(/delivery/);
    const rule = await sim(['live-latency', '--set', 'segmentS=10', '--set', 'holdBackSegments=8', '--set', 'durationS=100']);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/durationS/);
  });
});
