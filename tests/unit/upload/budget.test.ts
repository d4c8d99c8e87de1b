/**
 * The upload lab's work budget, captions and the memo of generated files (issue 11).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { uploadLab } from '@/simulations/upload';
import { generatedFile, type UploadModel } from '@/simulations/upload/lab/model';
import { knownSha256, rememberSha256 } from '@/simulations/upload/server/knownDigests';
import type { UploadParams } from '@/simulations/upload/lab/schema';

const base = defaults(uploadLab.schema) as UploadParams;
const WORDS = /\b(null|undefined|NaN|Infinity)\b/;

/** Bytes a finished run measurably holds: stored events as JSON, series points at 40 bytes, the file. */
function measuredBytes(r: Runner): number {
  const rec = r.recorder;
  let bytes = (r.model as UploadModel).file.byteLength;
  for (const e of rec.events) bytes += JSON.stringify(e).length;
  for (const name of rec.seriesNames()) bytes += rec.series(name).length * 40;
  return bytes;
}

function checkRun(params: UploadParams, seed: number): Runner {
  const estimate = uploadLab.budget!.estimate(params);
  const r = new Runner(uploadLab, params, seed);
  r.runToEnd();
  expect(r.ctx.scheduler.executed).toBeLessThanOrEqual(estimate.events);
  expect(measuredBytes(r)).toBeLessThanOrEqual(estimate.bytes);
  return r;
}

describe('upload lab: work budget', () => {
  it.each(uploadLab.presets.map((p) => [p.id, p] as const))('preset %s: within budget, and the estimate bounds the run', (_id, preset) => {
    const params = { ...base, ...preset.params } as UploadParams;
    expect(paramProblems(uploadLab, params)).toEqual([]);
    checkRun(params, preset.seed ?? 1);
  });

  it('property: for random valid params the estimate bounds events executed and bytes held', () => {
    fc.assert(
      fc.property(
        fc.record({
          'file.sizeMiB': fc.constantFrom(0.25, 1, 3),
          'client.chunkMiB': fc.constantFrom(0.25, 0.5, 2, 8),
          'client.retryBaseMs': fc.integer({ min: 50, max: 2000 }),
          'network.bandwidthMbps': fc.constantFrom(0.5, 4, 40, 1000),
          'network.latencyMs': fc.constantFrom(1, 10, 200),
          'network.dropsPerMinute': fc.constantFrom(0, 10, 60),
          'network.meanOutageS': fc.constantFrom(0.1, 2, 20),
          'network.bufferingProxy': fc.boolean(),
          'tabs.count': fc.constantFrom(1, 2),
          'server.restartAtS': fc.constantFrom(-1, 2),
          'server.expireAfterS': fc.constantFrom(1, 3600),
          'server.sweepIntervalS': fc.constantFrom(1, 30),
          'run.horizonS': fc.constantFrom(5, 30, 90),
        }),
        fc.integer({ min: 0, max: 1000 }),
        (p, seed) => {
          checkRun({ ...base, ...p }, seed);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuses what it cannot bound (a gigabit uplink for an hour), naming the duration first', () => {
    const problems = paramProblems(uploadLab, { ...base, 'network.bandwidthMbps': 1000, 'network.latencyMs': 1, 'run.horizonS': 3600 });
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('run.horizonS');
  });
});

describe('upload lab: the generated file is made and hashed once per (seed, size)', () => {
  it('same seed and size give the same bytes and digest, and a run on a remembered file equals a cold one', () => {
    const params = { ...base, 'file.sizeMiB': 0.75, 'run.horizonS': 20 };
    const seed = 424_242;
    const cold = new Runner(uploadLab, params, seed);
    cold.runToEnd();
    const { file, sha256: digest } = generatedFile(seed, 0.75 * 1024 * 1024);
    expect(digest).toBe(bytesToHex(sha256(file)));
    expect(generatedFile(seed, 0.75 * 1024 * 1024).file).toBe(file);
    const warm = new Runner(uploadLab, params, seed);
    warm.runToEnd();
    expect(JSON.stringify(warm.recorder.events)).toBe(JSON.stringify(cold.recorder.events));
    expect(warm.result()).toEqual(cold.result());
    expect(warm.result().verified).toBe(true);
    expect(warm.result().videoId).toBe(digest);
  });

  it('another seed or size is another file', () => {
    const a = generatedFile(1, 1024).file;
    expect(generatedFile(2, 1024).file).not.toEqual(a);
    expect(generatedFile(1, 2048).file.subarray(0, 1024)).toEqual(a);
  });

  it('a remembered digest is used only for exactly the remembered bytes', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    const hex = bytesToHex(sha256(bytes));
    rememberSha256(bytes, hex);
    expect(knownSha256([bytes.subarray(0, 1000), bytes.subarray(1000)])).toBe(hex);
    expect(knownSha256([bytes.subarray(0, 1000)])).toBeNull();
    expect(knownSha256([bytes.subarray(0, 1000), bytes.subarray(1001)])).toBeNull();
    expect(knownSha256([bytes.subarray(1000), bytes.subarray(0, 1000)])).toBeNull();
    expect(knownSha256([bytes.slice(0, 2048), bytes.subarray(2048)])).toBeNull();
  });
});

describe('upload lab: captions', () => {
  it.each(uploadLab.presets.map((p) => [p.id, p] as const))('preset %s: every event captions to a readable line (or null for bookkeeping)', (_id, preset) => {
    const r = new Runner(uploadLab, { ...base, ...preset.params } as UploadParams, preset.seed ?? 1);
    r.runToEnd();
    let shown = 0;
    for (const e of viewOf(uploadLab, r).recorder.events) {
      const text = uploadLab.caption!(e);
      if (text === null) {
        expect(e.type === 'server' && e.kind === 'server.swept').toBe(true);
        continue;
      }
      expect(text).not.toMatch(WORDS);
      expect(text.length).toBeGreaterThan(5);
      shown++;
    }
    expect(shown).toBeGreaterThan(10);
  });

  it('names method, status and bytes', () => {
    expect(uploadLab.caption!({ type: 'request', lane: 'tus', tab: 1, id: 3, method: 'PATCH', phase: 'end', status: 204, sent: 1024 * 1024, t: 0 })).toBe('tus (tab 2): PATCH answered 204 (1 MiB sent)');
    expect(uploadLab.caption!({ type: 'request', lane: 'gcs', tab: 0, id: 3, method: 'PUT', phase: 'end', status: null, sent: 65536, error: 'offline', t: 0 })).toBe('GCS: PUT cut off (offline) after 64 KiB sent');
  });
});
