/** Selectors of the upload lab view against real headless runs. */
import { describe, expect, it } from 'vitest';
import { Runner, runHeadless } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { chunkTradeoffRowOf, SWEEP_CHUNKS_MIB, uploadLab, type ChunkTradeoffRow, type UploadParams, type UploadResult, type UploadSimEvent } from '@/simulations/upload';
import { byteSeriesOf, disconnectsNote, formatBytes, formatChunkSize, NOTED_DISCONNECTS, scoreRowsOf, tabStatesOf, timelineOf, tradeoffRowsOf, tradeoffSeriesOf, UploadLogFold } from '@/components/labs/upload/viewModel';

type Logged = UploadSimEvent & { t: number };
const base = { ...defaults(uploadLab.schema), 'file.sizeMiB': 2, 'client.chunkMiB': 0.5, 'run.horizonS': 30 } as UploadParams;

function run(params: Partial<UploadParams>, seed = 1) {
  const { runner, result } = runHeadless(uploadLab, { ...base, ...params }, seed);
  return { events: runner.recorder.events as unknown as Logged[], result: result as UploadResult };
}

describe('upload view selectors', () => {
  it('one bar per request, cut bars where the link died, one band per outage; totals agree with the result', () => {
    const { events, result } = run({ 'network.outages': [{ atS: 1, downS: 1 }, { atS: 3, downS: 0.5 }] });
    const tl = timelineOf(events, 1);
    expect(tl.rows.map((r) => r.id)).toEqual(['tus', 'post', 'gcs']);
    const starts = events.filter((e) => e.type === 'request' && e.phase === 'start');
    expect(tl.bars).toHaveLength(starts.length);
    expect(tl.bars.every((b) => b.endMs !== null && b.endMs >= b.startMs)).toBe(true);
    const failedEnds = events.filter((e) => e.type === 'request' && e.phase === 'end' && e.error);
    expect(tl.bars.filter((b) => b.error !== null)).toHaveLength(failedEnds.length);
    expect(tl.bands.filter((b) => b.kind === 'outage').map((b) => [b.startMs, b.endMs])).toEqual([
      [1000, 2000],
      [3000, 3500],
    ]);
    for (const lane of ['tus', 'post', 'gcs'] as const) {
      const r = tl.bars.filter((b) => b.row === lane);
      expect(r).toHaveLength(result.lanes[lane]!.requests);
    }

    const bytes = byteSeriesOf(events);
    expect(bytes.committed.at(-1)!.v).toBe(result.fileBytes);
    expect(bytes.committed.every((p, i) => i === 0 || p.t >= bytes.committed[i - 1].t)).toBe(true);
    for (const lane of ['tus', 'post', 'gcs'] as const) {
      expect(bytes.sent[lane]!.at(-1)!.v).toBe(result.lanes[lane]!.wireBytes);
      const lost = result.lanes[lane]!.lostPerOutage.reduce((a, b) => a + b, 0);
      expect(bytes.lost[lane]!.at(-1)!.v).toBe(lost);
    }
    expect(bytes.disconnects).toHaveLength(2);

    const rows = scoreRowsOf(result);
    expect(rows.map((r) => r.lane)).toEqual(['tus', 'post', 'gcs']);
    expect(rows.map((r) => r.lostBytes)).toEqual((["tus", "post", "gcs"] as const).map((l) => result.lanes[l]!.lostPerOutage.reduce((a, b) => a + b, 0)));
    const finished = rows.filter((r) => r.finishedS !== null);
    const fastest = Math.min(...finished.map((r) => r.finishedS!));
    expect(rows.filter((r) => r.best).map((r) => r.finishedS)).toEqual(rows.filter((r) => r.finishedS === fastest).map(() => fastest));
    expect(tabStatesOf(events)).toEqual([{ tab: 0, state: 'complete', offset: result.fileBytes }]);
  });

  it('a scrubbed-back log (prefix) leaves the last request in flight; two tabs get a swimlane each', () => {
    const { events } = run({ 'tabs.count': 2, 'tabs.secondStartS': 0.5, 'network.outages': [], 'compare.plainPost': false, 'compare.gcs': false });
    const tl = timelineOf(events, 2);
    expect(tl.rows.map((r) => r.id)).toEqual(['tus-tab0', 'tus-tab1']);
    const cutAt = events.findIndex((e) => e.type === 'request' && e.phase === 'start' && e.method === 'PATCH');
    const partial = timelineOf(events.slice(0, cutAt + 1), 2);
    expect(partial.bars.at(-1)!.endMs).toBeNull();
    expect(tabStatesOf(events).map((s) => s.tab)).toEqual([0, 1]);
  });

  it('restart bands and the expired upload dropping the committed bytes to 0', () => {
    const restart = run({ 'network.outages': [], 'server.restartAtS': 1, 'server.restartDownS': 1 });
    expect(timelineOf(restart.events, 1).bands).toEqual([{ kind: 'restart', startMs: 1000, endMs: 2000 }]);
    const expired = run({ 'network.outages': [{ atS: 1, downS: 60 }], 'server.expireAfterS': 10, 'server.sweepIntervalS': 5, 'run.horizonS': 90, 'compare.plainPost': false, 'compare.gcs': false });
    const committed = byteSeriesOf(expired.events).committed;
    const drop = committed.findIndex((p, i) => i > 0 && p.v === 0 && committed[i - 1].v > 0);
    expect(drop).toBeGreaterThan(0);
  });

  it('trade-off series in seconds on a log2 chunk axis; formats', () => {
    const rows: ChunkTradeoffRow[] = [
      { chunkMiB: 1, tusRequests: 10, tusSeconds: 12, tusWastedBytes: 2_000_000, tusLostPerOutage: [], gcsRequests: 8, gcsSeconds: null, gcsWastedBytes: 1_000_000, tusRoundTripSeconds: 1 },
      { chunkMiB: 0.25, tusRequests: 40, tusSeconds: null, tusWastedBytes: 0, tusLostPerOutage: [], gcsRequests: null, gcsSeconds: null, gcsWastedBytes: null, tusRoundTripSeconds: 4 },
    ];
    const s = tradeoffSeriesOf(rows, 16);
    expect(s.overheadS).toEqual([
      { x: -2, v: 4 },
      { x: 0, v: 1 },
    ]);
    expect(s.tusLostWorkS[1]).toEqual({ x: 0, v: 1 });
    expect(s.gcsLostWorkS).toEqual([{ x: 0, v: 0.5 }]);
    expect(s.tusFinishS).toEqual([{ x: 0, v: 12 }]);
    expect(formatChunkSize(-2)).toBe('256 KiB');
    expect(formatChunkSize(3)).toBe('8 MiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MiB');
  });

  it('the sweep comes from the lab’s companions, one per chunk size, with the numbers the chart drew when it ran the sweep itself', () => {
    const params = { ...base, 'network.outages': [{ atS: 1, downS: 1 }] } as UploadParams;
    const specs = uploadLab.companions!(params);
    expect(specs.map((c) => c.key)).toEqual(SWEEP_CHUNKS_MIB.map((c) => `chunk-${c}`));
    const picked = specs.filter((c) => [0.25, 2].includes(c.params['client.chunkMiB']));
    const runs = picked.map((c) => {
      const runner = new Runner(uploadLab, c.params, 3);
      runner.runToEnd();
      return { key: c.key, label: c.label, run: runner };
    });
    // what the chart used to compute on the main thread: the same params with the chunk size swapped, no POST lane, one tab
    const before = [0.25, 2].map((chunkMiB) => {
      const p = { ...params, 'client.chunkMiB': chunkMiB, 'compare.plainPost': false, 'tabs.count': 1 };
      return chunkTradeoffRowOf(p, runHeadless(uploadLab, p, 3).result as UploadResult);
    });
    expect(tradeoffRowsOf(runs)).toEqual(before);
    expect(before[0].tusRequests).toBeGreaterThan(before[1].tusRequests);
  });
});

describe('the incremental fold of the upload log (what a live frame pays for)', () => {
  const heavy = run({ 'network.outages': [{ atS: 1, downS: 1 }, { atS: 3, downS: 0.5 }], 'server.restartAtS': 5, 'server.restartDownS': 1, 'tabs.count': 2, 'tabs.secondStartS': 0.5, 'run.horizonS': 30 });

  it('folded a few events at a time, it equals the whole log folded at once, at every step', () => {
    const events = heavy.events;
    // the mirror's array grows in place between resets: fold growing prefixes of one live array
    const live: Logged[] = [];
    const fold = new UploadLogFold(2).update(live);
    const arrays = { bars: fold.timeline.bars, committed: fold.bytes.committed };
    let revision = fold.revision;
    for (let i = 0; i < events.length; i += 7) {
      live.push(...events.slice(i, i + 7));
      fold.update(live);
      const once = new UploadLogFold(2).update(live.slice());
      expect(fold.timeline).toEqual(once.timeline);
      expect(fold.bytes).toEqual(once.bytes);
      expect(fold.tabStates).toEqual(once.tabStates);
      expect(fold.revision).toBeGreaterThan(revision);
      revision = fold.revision;
    }
    expect(fold.update(live).revision).toBe(revision);
    // one live array all along: the outputs were grown in place, never replaced
    expect(fold.timeline.bars).toBe(arrays.bars);
    expect(fold.bytes.committed).toBe(arrays.committed);
    expect(fold.timeline).toEqual(timelineOf(events, 2));
    expect(fold.bytes).toEqual(byteSeriesOf(events));
    expect(fold.tabStates).toEqual(tabStatesOf(events));
  });

  it('a new (rewound) array starts over with NEW output arrays; the same array keeps them', () => {
    const fold = new UploadLogFold(2);
    fold.update(heavy.events);
    const bars = fold.timeline.bars;
    const committed = fold.bytes.committed;
    fold.update(heavy.events);
    expect(fold.timeline.bars).toBe(bars);
    const rewound = heavy.events.slice(0, 40);
    fold.update(rewound);
    expect(fold.timeline.bars).not.toBe(bars);
    expect(fold.bytes.committed).not.toBe(committed);
    expect(fold.timeline).toEqual(timelineOf(rewound, 2));
    expect(fold.bytes).toEqual(byteSeriesOf(rewound));
  });

  it('the disconnect note names the latest few and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ t: i * 1000, lost: { tus: 1024 } }));
    const note = disconnectsNote(many);
    expect(note.startsWith(`30 in all; the latest ${NOTED_DISCONNECTS}: #19 at 18.0 s: tus 1 KiB`)).toBe(true);
    expect(note.split(' · ')).toHaveLength(NOTED_DISCONNECTS);
    expect(disconnectsNote(many.slice(0, 2))).toBe('#1 at 0.0 s: tus 1 KiB · #2 at 1.0 s: tus 1 KiB');
  });
});
