/** Properties over random configurations (fast-check); counterexamples it found are pinned below. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Parser } from 'm3u8-parser';
import { checkHlsPlaylist, liveLatencyLab, streamConfig, unitMs, type LiveLatencyParams } from '@/simulations/live-latency';
import { paramProblems } from '@/simulations/core/budget';
import { FIXED, params, run } from './support';

const segmentedConfig = fc.record({
  delivery: fc.constantFrom('hls', 'll-hls', 'dash', 'll-dash'),
  ingest: fc.constantFrom('rtmp', 'rtmps', 'srt', 'whip'),
  segmentS: fc.integer({ min: 2, max: 20 }).map((x) => x / 2),
  partS: fc.integer({ min: 4, max: 20 }).map((x) => x / 20),
  gopS: fc.integer({ min: 1, max: 8 }).map((x) => x / 2),
  holdBackSegments: fc.integer({ min: 2, max: 8 }),
  partHoldBackParts: fc.integer({ min: 4, max: 12 }).map((x) => x / 2),
  rttMs: fc.integer({ min: 1, max: 400 }),
  viewerRttMs: fc.integer({ min: 1, max: 200 }),
  cdnFillMs: fc.integer({ min: 0, max: 500 }),
  encoderLookaheadMs: fc.integer({ min: 0, max: 1000 }),
  joinPhase: fc.integer({ min: 0, max: 99 }).map((x) => x / 100),
  blockingReload: fc.boolean(),
  preloadHints: fc.boolean(),
}) as fc.Arbitrary<Partial<LiveLatencyParams>>;

function runnable(p: LiveLatencyParams): boolean {
  return paramProblems(liveLatencyLab, p).length === 0;
}

describe('live-latency properties', () => {
  it('fixed delays: the simulated glass-to-glass latency equals the closed-form budget, and nothing stalls after start-up while a request is shorter than half a unit', () => {
    fc.assert(
      fc.property(segmentedConfig, (overrides) => {
        const p = params({ ...overrides, ...FIXED, durationS: 400 });
        fc.pre(runnable(p));
        const { runner, result } = run(p);
        expect(result.latency.startS).toBeCloseTo(result.budget.totalS, 3);
        // one request at a time keeps up only if a request takes less than the media it fetches (see the pinned LL case)
        const c = streamConfig(p);
        const requestMs = c.viewerRttMs + c.cdnFillMs + (c.bitrateBps * unitMs(c)) / c.viewerBps;
        // after start-up: a DASH player seeks to the exact live delay, so its first segment may be cut short (a real start-up stall)
        const startUnit = (runner.recorder.events.find((e) => e.type === 'download') as { unit: number } | undefined)?.unit ?? 0;
        const laterStalls = (runner.recorder.events as { type: string; unit?: number }[]).filter((e) => e.type === 'stall' && e.unit! > startUnit + 1).length;
        if (requestMs < unitMs(c) / 2) expect(laterStalls).toBe(0);
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('pinned counterexample: 1.5 s segments (GOP 1.5 s, TD 2) with N = 7 start on a segment boundary, so the first segment is not cut short and nothing stalls', () => {
    // fast-check found it: starting exactly 14 s before the end put the start 0.5 s before a segment end, and the next download (0.5 s) came 1 ms late
    const { result } = run({ delivery: 'hls', ingest: 'rtmp', segmentS: 1, gopS: 1.5, holdBackSegments: 7, rttMs: 1, viewerRttMs: 1, cdnFillMs: 260, encoderLookaheadMs: 0, joinPhase: 0, ...FIXED, durationS: 400 });
    expect(result.stalls.count).toBe(0);
    expect(result.latency.startS).toBeCloseTo(result.budget.totalS, 3);
    expect(result.budget.terms.find((t) => t.id === 'holdBack')!.seconds).toBe(15); // 7 × TD 2 s, back to the segment start 1 s earlier
  });

  it('pinned counterexample: LL-HLS polling 0.2 s parts one request at a time cannot keep up when a request (rtt + 168 ms fill + transfer) takes longer than a part', () => {
    const overrides = { delivery: 'll-hls', segmentS: 1, partS: 0.2, gopS: 0.5, partHoldBackParts: 2, rttMs: 1, viewerRttMs: 1, cdnFillMs: 168, encoderLookaheadMs: 0, joinPhase: 0, blockingReload: false, preloadHints: false } as const;
    const polling = run({ ...overrides, ...FIXED, durationS: 400 }).result;
    expect(polling.latency.startS).toBeCloseTo(polling.budget.totalS, 3);
    expect(polling.stalls.count).toBeGreaterThan(100);
    expect(polling.latency.maxS!).toBeGreaterThan(polling.latency.startS! + 1);
    // blocking reload with preload hints has each new part's request waiting before it exists: at most the catch-up on the backlog stalls
    const hinted = run({ ...overrides, blockingReload: true, preloadHints: true, ...FIXED, durationS: 400 }).result;
    expect(hinted.stalls.count).toBeLessThan(polling.stalls.count / 50);
    expect(hinted.latency.maxS!).toBeLessThan(hinted.latency.startS! + 0.1);
  });

  it('every generated playlist parses, keeps the TARGETDURATION rule, and lists parts no longer than PART-TARGET', () => {
    fc.assert(
      fc.property(segmentedConfig, fc.integer({ min: 60, max: 300 }), (overrides, durationS) => {
        const p = params({ ...overrides, durationS });
        fc.pre(runnable(p));
        const text = run(p, 1, 0).result.hlsPlaylist!;
        const parser = new Parser();
        parser.push(text);
        parser.end();
        const m = parser.manifest;
        const parts = m.segments.flatMap((s) => s.parts ?? []).concat(m.preloadSegment?.parts ?? []);
        const checks = checkHlsPlaylist({ targetDuration: m.targetDuration!, segmentDurations: m.segments.map((s) => s.duration), partTarget: m.partInf?.partTarget, partDurations: parts.map((x) => x.duration), partHoldBack: m.serverControl?.partHoldBack });
        expect(checks.find((c) => c.id === 'target-duration')!.status).toBe('pass');
        if (m.partInf) expect(checks.find((c) => c.id === 'part-target')!.status).toBe('pass');
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
