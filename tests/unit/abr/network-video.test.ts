import { describe, expect, it } from 'vitest';
import { formatTrace, parseTrace, TraceFormatError, traceFromSamples } from '@/simulations/abr/network/trace';
import { generateTrace, type SyntheticTraceSpec } from '@/simulations/abr/network/synthetic';
import { TraceLink } from '@/simulations/abr/network/link';
import { loadVideoFolder, parseChunkSizes, syntheticVideo, VideoFormatError } from '@/simulations/abr/video/video';
import { RandomStream } from '@/simulations/core/rng';

function parseError(text: string): TraceFormatError {
  try {
    parseTrace(text, 'x.txt');
  } catch (e) {
    if (e instanceof TraceFormatError) return e;
    throw e;
  }
  throw new Error('expected a TraceFormatError');
}

describe('trace parser', () => {
  it('reads the two-column format, skipping blanks and comments', () => {
    const t = parseTrace('# my trace\n0.0\t4.5\n\n0.5  4.8\n1.25 0\n', 'a');
    expect([...t.timesS]).toEqual([0, 0.5, 1.25]);
    expect([...t.mbps]).toEqual([4.5, 4.8, 0]);
    expect(parseTrace(formatTrace(t), 'a')).toEqual(t);
  });
  it.each([
    ['0 1\n1 abc\n', 2, 'not a number'],
    ['0 1\n1 1e400\n2 1\n', 2, 'not finite'],
    ['0 1\n1e999 1\n', 2, 'not finite'],
    ['0 1\n1 2 3\n', 2, 'two columns'],
    ['0 1\n2 2\n1 3\n', 3, 'does not increase'],
    ['0 1\n1 1\n1 2\n', 3, 'does not increase'],
    ['0 1\n1 -2\n', 2, 'negative'],
    ['', 1, 'empty'],
    ['\n# nothing\n', 1, 'empty'],
    ['0 1\n', 1, 'at least two'],
    ['0 1\n1 0\n2 0\n', 3, 'zero everywhere'],
  ])('rejects %j at line %i', (text, line, problem) => {
    const e = parseError(text);
    expect(e.line).toBe(line);
    expect(e.file).toBe('x.txt');
    expect(e.message).toContain(problem);
    expect(e.message).toContain(`x.txt:${line}`);
  });
});

const base: SyntheticTraceSpec = {
  kind: 'constant',
  durationS: 100,
  stepS: 1,
  meanMbps: 2,
  amplitudeMbps: 1,
  periodS: 20,
  minMbps: 0.1,
  maxMbps: 10,
  volatilityMbps: 0.5,
  noise: 0,
  steps: [[0, 4], [30, 0.5]],
  markov: { statesMbps: [1, 3], transitions: [[0.9, 0.1], [0.2, 0.8]] },
  points: [[0, 1], [50, 3], [100, 1]],
};

describe('synthetic traces', () => {
  const gen = (over: Partial<SyntheticTraceSpec>, seed = 1) => generateTrace({ ...base, ...over }, new RandomStream(seed, 'trace'));
  it('constant, steps, sine and custom follow their definition', () => {
    expect(new Set(gen({}).mbps)).toEqual(new Set([2]));
    const steps = gen({ kind: 'steps' });
    expect(steps.mbps[29]).toBe(4);
    expect(steps.mbps[30]).toBe(0.5);
    const sine = gen({ kind: 'sine' });
    expect(sine.mbps[5]).toBeCloseTo(3, 6); // 2 + sin(pi/2)
    expect(sine.mbps[15]).toBeCloseTo(1, 6);
    const custom = gen({ kind: 'custom' });
    expect(custom.mbps[25]).toBeCloseTo(2, 6);
    expect(custom.timesS.length).toBe(101);
  });
  it('markov visits only its states; random walk stays in bounds; both are seeded', () => {
    const m = gen({ kind: 'markov' });
    expect([...new Set(m.mbps)].sort()).toEqual([1, 3]);
    const w = gen({ kind: 'randomWalk', volatilityMbps: 3, minMbps: 0.5, maxMbps: 4 });
    expect(Math.min(...w.mbps)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...w.mbps)).toBeLessThanOrEqual(4);
    expect(gen({ kind: 'randomWalk' }, 5)).toEqual(gen({ kind: 'randomWalk' }, 5));
    expect(gen({ kind: 'randomWalk' }, 5).mbps).not.toEqual(gen({ kind: 'randomWalk' }, 6).mbps);
  });
});

describe('realistic link', () => {
  const trace = traceFromSamples('t', [0, 1, 2], [8, 0, 16]); // 1 MB/s, nothing, 2 MB/s (last holds 1 s)
  const link = new TraceLink(trace);
  it('sample k holds over [T[k], T[k+1]); the last for one more gap; then it repeats', () => {
    expect(link.periodS).toBe(3);
    expect(link.mbpsAt(0.5)).toBe(8);
    expect(link.mbpsAt(1.5)).toBe(0);
    expect(link.mbpsAt(2.5)).toBe(16);
    expect(link.mbpsAt(3.5)).toBe(8);
  });
  it('transfer time crosses segments, idle segments and the wrap', () => {
    expect(link.transferSeconds(0, 500000, 1)).toBeCloseTo(0.5, 12);
    expect(link.transferSeconds(0.5, 1000000, 1)).toBeCloseTo(0.5 + 1 + 0.25, 12); // 0.5 MB, gap, 0.5 MB at 2 MB/s
    expect(link.transferSeconds(2.5, 2000000, 1)).toBeCloseTo(0.5 + 1, 12); // 1 MB, wrap, 1 MB at 1 MB/s
    expect(link.transferSeconds(0, 950000, 0.95)).toBeCloseTo(1, 12);
  });
});

describe('video', () => {
  const io = (files: Record<string, string>) => ({
    readFile: (p: string) => {
      const f = files[p.slice(p.lastIndexOf('/') + 1)];
      if (f === undefined) throw new Error('missing');
      return f;
    },
    readDir: () => Object.keys(files).sort(),
  });
  it('loads chunk sizes; the last line is look-ahead only', () => {
    const v = loadVideoFolder(io({ video_size_0: '10\n20\n30\n', video_size_1: '40\n50\n60\n' }), 'dir', [100, 200]);
    expect(v.chunkCount).toBe(2);
    expect([...v.sizes[1]]).toEqual([40, 50, 60]);
  });
  it('rejects bad files naming the file and line', () => {
    expect(() => parseChunkSizes('10\nx\n', 'f')).toThrow(/f:2/);
    expect(() => loadVideoFolder(io({ video_size_0: '1\n2\n' }), 'dir', [100, 200])).toThrow(VideoFormatError);
    expect(() => loadVideoFolder(io({ video_size_0: '1\n2\n', video_size_1: '1\n2\n3\n' }), 'dir', [100, 200])).toThrow(/video_size_1/);
  });
  it('synthetic CBR is exact; VBR varies per chunk but not per rung', () => {
    const cbr = syntheticVideo({ bitratesKbps: [300, 1200], chunkDurationS: 4, chunkCount: 5, vbr: 0 }, new RandomStream(1, 'v'));
    expect([...cbr.sizes[0]]).toEqual(new Array(6).fill(150000));
    const vbr = syntheticVideo({ bitratesKbps: [300, 1200], chunkDurationS: 4, chunkCount: 5, vbr: 0.3 }, new RandomStream(1, 'v'));
    expect(new Set(vbr.sizes[0]).size).toBeGreaterThan(1);
    for (let i = 0; i < 6; i++) expect(vbr.sizes[1][i] / vbr.sizes[0][i]).toBeCloseTo(4, 3);
  });
});
