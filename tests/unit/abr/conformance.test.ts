/**
 * Conformance over every trace in ../shared/abr-reference in reference mode, all seven algorithms:
 * the invariants of the documented simulator (abr-simulator.md §2–3, §6) hold chunk by chunk.
 */
import { describe, expect, it } from 'vitest';
import { ALGORITHM_NAMES } from '@/simulations/abr/constants';
import { runReferenceBatch } from '@/simulations/abr/session/reference';
import { hasReference, SKIP_MESSAGE, loadTrace, loadVideo, traceNames } from './reference-fixture';

const R = [300, 750, 1200, 1850, 2850, 4300];

describe.skipIf(!hasReference)('reference-mode conformance on all reference traces', () => {
  if (!hasReference) console.warn(SKIP_MESSAGE);
  const names = hasReference ? traceNames() : [];
  const traces = hasReference ? names.map(loadTrace) : [];
  const video = hasReference ? loadVideo() : (undefined as never);

  it('finds the 142 traces and the 6 chunk-size files', () => {
    expect(names.length).toBe(142);
    expect(video.sizes.length).toBe(6);
    expect(video.chunkCount).toBe(48);
  });

  for (const algorithm of ALGORITHM_NAMES) {
    it(`${algorithm}: invariants on every trace`, () => {
      const results = runReferenceBatch(traces, video, algorithm);
      const again = runReferenceBatch(traces, video, algorithm);
      expect(again).toEqual(results); // deterministic
      results.forEach((r, t) => {
        const where = `${algorithm} ${names[t]}`;
        expect(r.trace, where).toBe(names[t]);
        expect(r.chunks.length, where).toBe(48);
        expect(r.chunks[0].quality, where).toBe(1); // every video starts at DEFAULT_QUALITY
        expect(r.startupDelayS, where).toBe(r.chunks[0].rebufferS); // startup counted as rebuffering
        expect(r.chunks[0].rebufferS * 1000, where).toBeCloseTo(r.chunks[0].delayMs, 6);
        let qoe = 0;
        let qoeAll = 0;
        for (const c of r.chunks) {
          const prev = c.index === 0 ? 1 : r.chunks[c.index - 1].quality;
          expect(Number.isInteger(c.quality) && c.quality >= 0 && c.quality <= 5, where).toBe(true);
          expect(c.delayMs, where).toBeGreaterThanOrEqual(80); // LINK_RTT is always in the delay
          expect(c.bufferS, where).toBeGreaterThanOrEqual(0);
          expect(c.bufferS, where).toBeLessThanOrEqual(60);
          // a stall only when the download outlasts the buffer
          expect(c.rebufferS * 1000, where).toBeCloseTo(Math.max(c.delayMs - c.bufferAtRequestS * 1000, 0), 6);
          // buffer update and the sleep: after a sleep the buffer ends in (59.5, 60]
          const unslept = Math.max(c.bufferAtRequestS * 1000 - c.delayMs, 0) + 4000;
          if (unslept > 60000) {
            expect(c.bufferS * 1000, where).toBeGreaterThan(59500);
            expect(c.returnedSleepMs, where).toBeLessThanOrEqual(unslept - c.bufferS * 1000 + 1e-6);
          } else {
            expect(c.bufferS * 1000, where).toBeCloseTo(unslept, 6);
          }
          expect(c.reward, where).toBe(R[c.quality] / 1000 - 4.3 * c.rebufferS - (1 * Math.abs(R[c.quality] - R[prev])) / 1000);
          qoeAll += c.reward;
          if (c.index > 0) qoe += c.reward;
        }
        expect(r.qoe, where).toBe(qoe);
        expect(r.qoeAll, where).toBe(qoeAll);
        expect(r.switches, where).toBe(r.chunks.filter((c, i) => i > 0 && c.quality !== r.chunks[i - 1].quality).length);
      });
    });
  }

  it('startup delay is the same for every algorithm on a trace (chunk 0 is always quality 1)', () => {
    const sample = traces.slice(0, 20);
    const startups = ALGORITHM_NAMES.map((a) => runReferenceBatch(sample, video, a).map((r) => r.startupDelayS));
    for (const s of startups) expect(s).toEqual(startups[0]);
  });
});
