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

/** The swimlanes in display order (a lane appears once its first request does). */
const ROW_ORDER = ['tus', 'tus-tab0', 'tus-tab1', 'post', 'gcs'];

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

export interface TabState {
  tab: number;
  state: string;
  offset: number;
}

/**
 * Everything the simulation panel draws from the event log, folded in incrementally: `update(events)`
 * reads only the events appended since its last call, so a live frame costs O(new events), not
 * O(run). The recorder (and its worker mirror) only appends between resets, and a reset or rewind
 * hands out a NEW events array: a different array, or a shorter one, starts the fold over with new
 * output arrays (the charts cache paths per data array; see Recorder.rewind).
 * The outputs are live: arrays grow and an open bar or band is closed in place.
 */
export class UploadLogFold {
  private source: readonly Logged[] | null = null;
  private seen = 0;
  private rowLabels = new Map<string, string>();
  private open = new Map<string, RequestBar>();
  private openBand: Partial<Record<Band['kind'], Band>> = {};
  private sentTotal: Partial<Record<LaneId, number>> = {};
  private lostTotal: Partial<Record<LaneId, number>> = {};
  private tabs = new Map<number, TabState>();
  timeline: Timeline = { rows: [], bars: [], bands: [] };
  bytes: ByteSeries = { committed: [{ t: 0, v: 0 }], sent: {}, lost: {}, disconnects: [] };
  tabStates: TabState[] = [];
  /** bumps whenever something drawn changed (new events folded in, or a start over) */
  revision = 0;

  constructor(private readonly tabCount: number) {}

  update(events: readonly Logged[]): this {
    if (events !== this.source || events.length < this.seen) this.startOver(events);
    if (events.length === this.seen) return this;
    for (let i = this.seen; i < events.length; i++) this.fold(events[i]);
    this.seen = events.length;
    this.revision++;
    return this;
  }

  private startOver(events: readonly Logged[]): void {
    this.source = events;
    this.seen = 0;
    this.rowLabels = new Map();
    this.open = new Map();
    this.openBand = {};
    this.sentTotal = {};
    this.lostTotal = {};
    this.tabs = new Map();
    this.timeline = { rows: [], bars: [], bands: [] };
    this.bytes = { committed: [{ t: 0, v: 0 }], sent: {}, lost: {}, disconnects: [] };
    this.tabStates = [];
    this.revision++;
  }

  private fold(e: Logged): void {
    if (e.type === 'request') this.request(e);
    else if (e.type === 'outage' || e.type === 'restart') {
      const kind = e.type;
      const starts = e.type === 'outage' ? e.phase === 'down' : e.phase === 'crash';
      if (starts) {
        const band: Band = { kind, startMs: e.t, endMs: null };
        this.timeline.bands.push(band);
        this.openBand[kind] = band;
      } else {
        const band = this.openBand[kind];
        if (band) band.endMs = e.t;
        this.openBand[kind] = undefined;
      }
      if (e.type === 'outage' && e.phase === 'down') {
        this.bytes.disconnects.push({ t: e.t, lost: e.lost });
        for (const [lane, bytes] of Object.entries(e.lost) as [LaneId, number][]) {
          this.lostTotal[lane] = (this.lostTotal[lane] ?? 0) + bytes;
          (this.bytes.lost[lane] ??= [{ t: 0, v: 0 }]).push({ t: e.t, v: this.lostTotal[lane]! });
        }
      }
    } else if (e.type === 'server') {
      if (e.kind === 'server.append' && e.to !== undefined) this.bytes.committed.push({ t: e.t, v: e.to });
      else if (e.kind === 'server.expired') this.bytes.committed.push({ t: e.t, v: 0 });
    } else if (e.type === 'client') {
      const known = this.tabs.get(e.tab);
      if (known) {
        known.state = e.state;
        known.offset = e.offset;
      } else {
        this.tabs.set(e.tab, { tab: e.tab, state: e.state, offset: e.offset });
        this.tabStates = [...this.tabs.values()].sort((a, b) => a.tab - b.tab);
      }
    }
  }

  private request(e: Extract<Logged, { type: 'request' }>): void {
    const row = rowOf(e.lane, e.tab, this.tabCount);
    if (!this.rowLabels.has(row)) {
      this.rowLabels.set(row, e.lane === 'tus' && this.tabCount > 1 ? `tus, tab ${e.tab + 1}` : LANE_LABELS[e.lane]);
      this.timeline.rows = [...this.rowLabels.entries()].sort((a, b) => ROW_ORDER.indexOf(a[0]) - ROW_ORDER.indexOf(b[0])).map(([id, label]) => ({ id, label }));
    }
    const { sent, lost } = this.bytes;
    if (!sent[e.lane]) sent[e.lane] = [{ t: 0, v: 0 }];
    if (!lost[e.lane]) lost[e.lane] = [{ t: 0, v: 0 }];
    // request ids are per lane (one link per lane), so the lane keys the bar, not the row
    const key = `${e.lane}:${e.id}`;
    if (e.phase === 'start') {
      const bar: RequestBar = { key: `${row}:${e.id}`, row, method: e.method, startMs: e.t, endMs: null, status: null, sent: 0, error: null };
      this.open.set(key, bar);
      this.timeline.bars.push(bar);
      return;
    }
    if (e.sent > 0) {
      this.sentTotal[e.lane] = (this.sentTotal[e.lane] ?? 0) + e.sent;
      sent[e.lane]!.push({ t: e.t, v: this.sentTotal[e.lane]! });
    }
    const bar = this.open.get(key);
    if (!bar) return;
    this.open.delete(key);
    bar.endMs = e.t;
    bar.status = e.status;
    bar.sent = e.sent;
    bar.error = e.error ?? null;
  }
}

/** Request bars, swimlanes and bands from the log (events are in time order). */
export function timelineOf(events: readonly Logged[], tabs: number): Timeline {
  return new UploadLogFold(tabs).update(events).timeline;
}

export function byteSeriesOf(events: readonly Logged[]): ByteSeries {
  return new UploadLogFold(1).update(events).bytes;
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
export function tabStatesOf(events: readonly Logged[]): TabState[] {
  return new UploadLogFold(1).update(events).tabStates;
}

/** Disconnects the note lists by name (the latest ones); earlier ones are counted. */
export const NOTED_DISCONNECTS = 12;

/**
 * One line per disconnect: when, and what each lane lost in it. The latest NOTED_DISCONNECTS only
 * (a run with a drop a second has thousands; the charts' markers and the scoreboard total them).
 */
export function disconnectsNote(disconnects: ByteSeries['disconnects']): string {
  if (disconnects.length === 0) return 'none yet.';
  const from = Math.max(0, disconnects.length - NOTED_DISCONNECTS);
  const listed = disconnects
    .slice(from)
    .map((d, i) => `#${from + i + 1} at ${(d.t / 1000).toFixed(1)} s: ${(Object.entries(d.lost) as [LaneId, number][]).map(([l, b]) => `${LANE_LABELS[l]} ${formatBytes(b)}`).join(', ') || 'nothing in flight'}`)
    .join(' · ');
  return from > 0 ? `${disconnects.length} in all; the latest ${NOTED_DISCONNECTS}: ${listed}` : listed;
}
