import { describe, expect, it } from 'vitest';
import { budgetRows, stallSentence, timelineModel } from '@/components/labs/live-latency/viewModel';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { liveLatencyLab, type LiveLatencyFrame, type LiveLatencyResult } from '@/simulations/live-latency';

const ll = { ...defaults(liveLatencyLab.schema), ...liveLatencyLab.presets.find((p) => p.id === 'll-hls')!.params };

describe('live-latency view model', () => {
  it('one budget bar per delivery, the run’s own marked, ordered slowest HLS to fastest WebRTC', () => {
    const rows = budgetRows(ll);
    expect(rows.map((r) => r.delivery)).toEqual(['hls', 'll-hls', 'dash', 'll-dash', 'webrtc']);
    expect(rows.filter((r) => r.current).map((r) => r.delivery)).toEqual(['ll-hls']);
    for (const r of rows) expect(r.terms.reduce((s, t) => s + t.ms, 0)).toBeCloseTo(r.totalMs, 9);
    expect(rows.find((r) => r.delivery === 'webrtc')!.totalMs).toBeLessThan(rows.find((r) => r.delivery === 'll-hls')!.totalMs);
  });

  it('the timeline places units, the playhead and the live edge inside 0–100 %, the playhead behind the edge by the latency', () => {
    const runner = new Runner(liveLatencyLab, ll, 1);
    runner.runTo(40_000);
    const frame = runner.frame() as LiveLatencyFrame;
    const m = timelineModel(frame);
    expect(m.blocks.length).toBeGreaterThan(3);
    for (const b of m.blocks) {
      expect(b.leftPct).toBeGreaterThanOrEqual(0);
      expect(b.leftPct + b.widthPct).toBeLessThanOrEqual(100.5);
    }
    expect(m.playheadPct!).toBeGreaterThan(0);
    expect(m.playheadPct!).toBeLessThan(m.edgePct);
    expect(((m.edgePct - m.playheadPct!) / 100) * (m.toMs - m.fromMs)).toBeCloseTo(frame.latencyMs!, 0);
    expect(m.blocks.some((b) => b.state === 'downloaded') && m.blocks.some((b) => b.state === 'capturing')).toBe(true);
    expect(stallSentence(runner.result() as LiveLatencyResult, false)).toMatch(/e\^\(−slack\/jitter\)/);
  });
});
