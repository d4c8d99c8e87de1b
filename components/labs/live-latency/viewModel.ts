/**
 * What the live-latency view draws, from the params, the result and the frame: the budget bar of
 * every delivery protocol on the same params (closed form, no extra runs), the timeline's geometry
 * and the sentences under them. Pure.
 */
import { formatNumber } from '@/components/charts/format';
import {
  DELIVERIES,
  latencyBudget,
  liveLatencySchema,
  streamConfig,
  type BudgetTerm,
  type Delivery,
  type LiveLatencyFrame,
  type LiveLatencyParams,
  type LiveLatencyResult,
} from '@/simulations/live-latency';

export const TERM_COLORS: Record<BudgetTerm['id'], string> = {
  capture: 'var(--muted, #666)',
  encode: 'var(--series-4)',
  firstMile: 'var(--series-2)',
  discovery: 'var(--series-5)',
  cdn: 'var(--series-6)',
  holdBack: 'var(--series-1)',
  download: 'var(--series-3)',
  decode: 'var(--muted, #666)',
};

export const deliveryLabel = (d: Delivery) => liveLatencySchema.delivery.optionLabels[d] ?? d;

export interface BudgetRow {
  delivery: Delivery;
  label: string;
  current: boolean;
  totalMs: number;
  terms: BudgetTerm[];
  formula: string;
}

/** One bar per delivery protocol, everything else as in the run (WebRTC delivery ingests over WHIP when the run uses HLS push). */
export function budgetRows(p: LiveLatencyParams): BudgetRow[] {
  return DELIVERIES.map((delivery) => {
    const ingest = delivery === 'webrtc' && p.ingest === 'hls-push' ? 'whip' : p.ingest;
    const b = latencyBudget(streamConfig({ ...p, delivery, ingest }));
    return { delivery, label: deliveryLabel(delivery), current: delivery === p.delivery, totalMs: b.totalMs, terms: b.terms, formula: b.formula };
  });
}

export const seconds = (ms: number) => `${formatNumber(ms / 1000)} s`;

export interface TimelineBlock {
  key: string;
  label: string;
  leftPct: number;
  widthPct: number;
  state: 'capturing' | 'encoding' | 'published' | 'downloaded';
  independent: boolean;
}

export interface TimelineModel {
  fromMs: number;
  toMs: number;
  blocks: TimelineBlock[];
  playheadPct: number | null;
  edgePct: number;
  ticks: { pct: number; label: string }[];
}

/** Media time on the x axis, from the oldest unit shown to now (the instant being captured). */
export function timelineModel(f: LiveLatencyFrame): TimelineModel {
  const toMs = f.nowMs;
  const fromMs = Math.min(f.units.length > 0 ? f.units[0].startMs : toMs, f.positionMs ?? toMs, toMs - 1000);
  const span = Math.max(1, toMs - fromMs);
  const pct = (ms: number) => Math.max(0, Math.min(100, ((ms - fromMs) / span) * 100));
  const blocks = f.units.map((u): TimelineBlock => {
    const end = Math.min(u.endMs, toMs);
    return {
      key: String(u.index),
      label: u.part >= 0 ? `${u.msn}.${u.part}` : String(u.msn),
      leftPct: pct(u.startMs),
      widthPct: Math.max(0.2, pct(end) - pct(u.startMs)),
      state: u.downloadedMs !== null ? 'downloaded' : u.publishedMs !== null ? 'published' : u.endMs > toMs ? 'capturing' : 'encoding',
      independent: u.independent,
    };
  });
  const step = niceStep(span / 5);
  const ticks: { pct: number; label: string }[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push({ pct: pct(t), label: `${formatNumber(t / 1000)} s` });
  return { fromMs, toMs, blocks, playheadPct: f.positionMs === null ? null : pct(f.positionMs), edgePct: 100, ticks };
}

function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

/** One sentence on stalls: the model's probability per unit against what the run measured. */
export function stallSentence(r: LiveLatencyResult, webrtc: boolean): string {
  const model = r.stalls.lateProbabilityModel;
  const measured = r.stalls.lateFraction;
  const what = webrtc ? 'frame misses its playout time (concealed)' : 'unit arrives after its playout time (a stall)';
  const slack = `slack ${formatNumber(r.stalls.slackS)} s`;
  const m = measured === null ? 'not measured yet' : `${formatNumber(measured * 100)} % measured (${r.stalls.count} ${webrtc ? 'frames' : 'stalls'})`;
  return `P(a ${what}) = e^(−slack/jitter) = ${formatNumber(model * 100)} % with ${slack}; ${m}.${!webrtc && r.stalls.count > 0 ? ' Each stall adds its length to the latency, so later units have more slack.' : ''}`;
}
