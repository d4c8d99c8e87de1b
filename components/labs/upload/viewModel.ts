/**
 * Pure selectors from the upload lab's event log to what the simulation view draws: request bars
 * per swimlane, outage and restart bands, cumulative byte series, the scoreboard and the chunk-size
 * sweep as chart points. No React here (unit-tested in tests/unit/views/upload/).
 */
import type { Logged as LoggedOf, SeriesPoint } from '@/simulations/core/recorder';
import { viewOf } from '@/simulations/core/lab';
import type { CompanionRun } from '@/components/lab-shell/useCompanions';
import { chunkTradeoffRowOf, uploadLab, type ChunkTradeoffRow, type LaneId, type UploadResult, type UploadSimEvent } from '@/simulations/upload';

type Logged = LoggedOf<UploadSimEvent>;

export interface RequestBar {
  /** `${row}:${id}` */
  key: string;
  row: string;
  method: string;
  startMs: number;
  /** null while the request is still in flight at the current time */
  endMs: number | null;
  status: number | null;
  sent: number;
  /** set when the connection died (link down, offline, server gone) */
  error: string | null;
}

export interface Band {
  kind: 'outage' | 'restart';
  startMs: number;
  /** null while it lasts */
  endMs: number | null;
}

export interface Timeline {
  rows: { id: string; label: string }[];
  bars: RequestBar[];
  bands: Band[];
}

export const LANE_LABELS: Record<LaneId, string> = { tus: 'tus', post: 'plain POST', gcs: 'YouTube/GCS' };

export function rowOf(lane: LaneId, tab: number, tabs: number): string {
  return lane === 'tus' && tabs > 1 ? `tus-tab${tab}` : lane;
}

/** Request bars, swimlanes and bands from the log (events are in time order). */
export function timelineOf(events: readonly Logged[], tabs: number): Timeline {
  const rows = new Map<string, string>();
  const open = new Map<string, RequestBar>();
  const bars: RequestBar[] = [];
  const bands: Band[] = [];
  for (const e of events) {
    if (e.type === 'request') {
      const row = rowOf(e.lane, e.tab, tabs);
      if (!rows.has(row)) rows.set(row, e.lane === 'tus' && tabs > 1 ? `tus, tab ${e.tab + 1}` : LANE_LABELS[e.lane]);
      // request ids are per lane (one link per lane), so the lane keys the bar, not the row
      const key = `${e.lane}:${e.id}`;
      if (e.phase === 'start') {
        const bar: RequestBar = { key: `${row}:${e.id}`, row, method: e.method, startMs: e.t, endMs: null, status: null, sent: 0, error: null };
        open.set(key, bar);
        bars.push(bar);
      } else {
        const bar = open.get(key);
        if (!bar) continue;
        open.delete(key);
        bar.endMs = e.t;
        bar.status = e.status;
        bar.sent = e.sent;
        bar.error = e.error ?? null;
      }
    } else if (e.type === 'outage' || e.type === 'restart') {
      const kind = e.type;
      const starts = e.type === 'outage' ? e.phase === 'down' : e.phase === 'crash';
      if (starts) bands.push({ kind, startMs: e.t, endMs: null });
      else {
        const band = [...bands].reverse().find((b) => b.kind === kind && b.endMs === null);
        if (band) band.endMs = e.t;
      }
    }
  }
  const order = ['tus', 'tus-tab0', 'tus-tab1', 'post', 'gcs'];
  const sortedRows = [...rows.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([id, label]) => ({ id, label }));
  return { rows: sortedRows, bars, bands };
}

export interface ByteSeries {
  /** bytes the tus server has committed (its offset), including partial bodies kept at a cut */
  committed: SeriesPoint[];
  /** cumulative bytes put on the wire, per lane (counted when a request ends) */
  sent: Partial<Record<LaneId, SeriesPoint[]>>;
  /** cumulative bytes lost at disconnects (sent but not kept by the server), per lane */
  lost: Partial<Record<LaneId, SeriesPoint[]>>;
  /** one entry per disconnect: when, and bytes each lane lost in it */
  disconnects: { t: number; lost: Partial<Record<LaneId, number>> }[];
}

export function byteSeriesOf(events: readonly Logged[]): ByteSeries {
  const committed: SeriesPoint[] = [{ t: 0, v: 0 }];
  const sent: ByteSeries['sent'] = {};
  const lost: ByteSeries['lost'] = {};
  const sentTotal: Partial<Record<LaneId, number>> = {};
  const lostTotal: Partial<Record<LaneId, number>> = {};
  const disconnects: ByteSeries['disconnects'] = [];
  const push = (map: ByteSeries['sent'], lane: LaneId, t: number, v: number) => {
    const s = (map[lane] ??= [{ t: 0, v: 0 }]);
    s.push({ t, v });
  };
  for (const e of events) {
    if (e.type === 'request') {
      if (!sent[e.lane]) sent[e.lane] = [{ t: 0, v: 0 }];
      if (!lost[e.lane]) lost[e.lane] = [{ t: 0, v: 0 }];
      if (e.phase === 'end' && e.sent > 0) {
        sentTotal[e.lane] = (sentTotal[e.lane] ?? 0) + e.sent;
        push(sent, e.lane, e.t, sentTotal[e.lane]!);
      }
    } else if (e.type === 'outage' && e.phase === 'down') {
      disconnects.push({ t: e.t, lost: e.lost });
      for (const [lane, bytes] of Object.entries(e.lost) as [LaneId, number][]) {
        lostTotal[lane] = (lostTotal[lane] ?? 0) + bytes;
        push(lost, lane, e.t, lostTotal[lane]!);
      }
    } else if (e.type === 'server') {
      if (e.kind === 'server.append' && e.to !== undefined) committed.push({ t: e.t, v: e.to });
      else if (e.kind === 'server.expired') committed.push({ t: e.t, v: 0 });
    }
  }
  return { committed, sent, lost, disconnects };
}

export interface ScoreRow {
  lane: LaneId;
  label: string;
  finishedS: number | null;
  requests: number;
  wireBytes: number;
  wastedBytes: number;
  /** worst single disconnect */
  maxLostBytes: number;
  /** all disconnects together */
  lostBytes: number;
  disconnects: number;
  /** the fastest finisher */
  best: boolean;
}

export function scoreRowsOf(result: UploadResult): ScoreRow[] {
  const rows: ScoreRow[] = [];
  for (const lane of ['tus', 'post', 'gcs'] as LaneId[]) {
    const r = result.lanes[lane];
    if (!r) continue;
    rows.push({
      lane,
      label: LANE_LABELS[lane],
      finishedS: r.completedAtS,
      requests: r.requests,
      wireBytes: r.wireBytes,
      wastedBytes: r.wastedBytes,
      maxLostBytes: r.lostPerOutage.reduce((m, v) => Math.max(m, v), 0),
      lostBytes: r.lostPerOutage.reduce((a, v) => a + v, 0),
      disconnects: r.lostPerOutage.length,
      best: false,
    });
  }
  const finished = rows.filter((r) => r.finishedS !== null);
  if (finished.length > 1) {
    const fastest = Math.min(...finished.map((r) => r.finishedS!));
    for (const r of finished) r.best = r.finishedS === fastest;
  }
  return rows;
}

export interface TradeoffPoint {
  /** log2 of the chunk size in MiB (the chart's x; −2 = 256 KiB) */
  x: number;
  v: number;
}

export interface TradeoffSeries {
  overheadS: TradeoffPoint[];
  tusLostWorkS: TradeoffPoint[];
  gcsLostWorkS: TradeoffPoint[];
  tusFinishS: TradeoffPoint[];
}

/** The chunk-size sweep's rows, one per finished companion run (`uploadLab.companions`). */
export function tradeoffRowsOf(runs: readonly CompanionRun[]): ChunkTradeoffRow[] {
  return runs.map((c) => {
    const run = viewOf(uploadLab, c.run);
    return chunkTradeoffRowOf(run.params, run.result());
  });
}

/**
 * The sweep in one unit, seconds: request overhead = one round trip per request; lost work = bytes
 * sent again after cuts, at the uplink's rate. Runs that did not finish have no finish point.
 */
export function tradeoffSeriesOf(rows: readonly ChunkTradeoffRow[], bandwidthMbps: number): TradeoffSeries {
  const bytesPerS = (bandwidthMbps * 1e6) / 8;
  const out: TradeoffSeries = { overheadS: [], tusLostWorkS: [], gcsLostWorkS: [], tusFinishS: [] };
  for (const r of [...rows].sort((a, b) => a.chunkMiB - b.chunkMiB)) {
    const x = Math.log2(r.chunkMiB);
    out.overheadS.push({ x, v: r.tusRoundTripSeconds });
    out.tusLostWorkS.push({ x, v: r.tusWastedBytes / bytesPerS });
    if (r.gcsWastedBytes !== null) out.gcsLostWorkS.push({ x, v: r.gcsWastedBytes / bytesPerS });
    if (r.tusSeconds !== null) out.tusFinishS.push({ x, v: r.tusSeconds });
  }
  return out;
}

export function formatChunkSize(log2MiB: number): string {
  const mib = 2 ** log2MiB;
  return mib < 1 ? `${Math.round(mib * 1024)} KiB` : `${Number(mib.toPrecision(3))} MiB`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${Math.round(bytes)} B`;
  if (abs < 1024 * 1024) return `${Number((bytes / 1024).toPrecision(3))} KiB`;
  if (abs < 1024 ** 3) return `${Number((bytes / 1024 ** 2).toPrecision(3))} MiB`;
  return `${Number((bytes / 1024 ** 3).toPrecision(3))} GiB`;
}

/** Current state of each tab from the client's state-change events. */
export function tabStatesOf(events: readonly Logged[]): { tab: number; state: string; offset: number }[] {
  const latest = new Map<number, { tab: number; state: string; offset: number }>();
  for (const e of events) if (e.type === 'client') latest.set(e.tab, { tab: e.tab, state: e.state, offset: e.offset });
  return [...latest.values()].sort((a, b) => a.tab - b.tab);
}

/** One line per disconnect: when, and what each lane lost in it. */
export function disconnectsNote(disconnects: ByteSeries['disconnects']): string {
  if (disconnects.length === 0) return 'none yet.';
  return disconnects
    .map((d, i) => `#${i + 1} at ${(d.t / 1000).toFixed(1)} s: ${(Object.entries(d.lost) as [LaneId, number][]).map(([l, b]) => `${LANE_LABELS[l]} ${formatBytes(b)}`).join(', ') || 'nothing in flight'}`)
    .join(' · ');
}
