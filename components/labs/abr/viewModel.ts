/**
 * What the ABR view draws, from RunView data: which recorder series each chart draws, for which
 * players, in which colour and unit; the ladder guides, the timeline, the stall markers; and the
 * finished race (the `finished` companion run) behind the scoreboard and the preview. Pure: the view
 * turns a SeriesSpec into a chart series by reading `recorder.series(spec.source)`. Series names are
 * typed by simulations/abr/lab/series.ts, so a misspelt one does not compile.
 */
import { viewOf, type RunViewOf } from '@/simulations/core/lab';
import type { Companions } from '@/components/lab-shell/useCompanions';
import type { RacerName } from '@/simulations/abr';
import { abrLab, NETWORK_SERIES, seriesName, type AbrSeriesName, type PlayerSlot, type ThresholdKey } from '@/simulations/abr';

export const ALGORITHM_LABELS: Record<RacerName, string> = {
  rate: 'Rate-based',
  bba: 'BBA',
  bola: 'BOLA',
  ewma: 'Dual EWMA',
  mpc: 'MPC',
  robustmpc: 'robustMPC',
  dynamic: 'dash.js Dynamic',
  yours: 'Your code',
};

const EWMA_LABELS: Record<string, string> = { hlsjs: 'hls.js', shaka: 'shaka', dashjs: 'dash.js' };

const SLOT_COLORS: Record<PlayerSlot, string> = {
  p0: 'var(--series-1, #0072b2)',
  p1: 'var(--series-2, #d55e00)',
  p2: 'var(--series-3, #009e73)',
};

export interface PlayerLine {
  slot: PlayerSlot;
  algorithm: RacerName;
  /** Unique within the race: a repeated algorithm gets " #2". */
  label: string;
  color: string;
}

/** The race's players as the charts and the scoreboard name and colour them. */
export function playerLines(players: readonly { slot: PlayerSlot; algorithm: RacerName }[], ewmaPreset?: string): PlayerLine[] {
  const seen = new Map<RacerName, number>();
  return players.map(({ slot, algorithm }) => {
    const n = (seen.get(algorithm) ?? 0) + 1;
    seen.set(algorithm, n);
    let label = ALGORITHM_LABELS[algorithm];
    if (algorithm === 'ewma' && ewmaPreset && EWMA_LABELS[ewmaPreset]) label += ` (${EWMA_LABELS[ewmaPreset]})`;
    if (n > 1) label += ` #${n}`;
    return { slot, algorithm, label, color: SLOT_COLORS[slot] };
  });
}

/** A lighter shade of a player's colour for its thresholds. */
export function faded(color: string, percent = 55): string {
  return `color-mix(in srgb, ${color} ${percent}%, transparent)`;
}

/** BBA decides from the buffer alone: it records no throughput estimate. */
export function hasEstimate(algorithm: RacerName): boolean {
  return algorithm !== 'bba';
}

/** The buffer thresholds an algorithm records (`ThresholdKey`s of the lab's series) and how to call them. */
export function thresholdKeys(algorithm: RacerName): { key: ThresholdKey; label: string }[] {
  switch (algorithm) {
    case 'bba':
      return [
        { key: 'reservoirS', label: 'reservoir' },
        { key: 'upperS', label: 'reservoir + cushion' },
      ];
    case 'bola':
      return [{ key: 'bolaTargetS', label: 'BOLA target' }];
    case 'dynamic':
      return [{ key: 'bolaTargetS', label: 'BOLA target' }];
    default:
      return [];
  }
}

export interface SeriesSpec {
  /** Chart series id: stable and unique per chart (the path cache keys on it). */
  id: string;
  label: string;
  /** Recorder series name. */
  source: AbrSeriesName;
  kind: 'line' | 'step' | 'area';
  color: string;
  /** Multiplies every value (kbps → Mbps: 0.001; a penalty drawn below zero: −1). */
  scale: number;
}

const NETWORK_COLOR = 'var(--muted, #565d6b)';

/** Actual throughput (the trace) against each player's estimate, Mbps. */
export function throughputSpecs(lines: readonly PlayerLine[]): SeriesSpec[] {
  const specs: SeriesSpec[] = [{ id: 'network', label: 'network (actual)', source: NETWORK_SERIES, kind: 'area', color: NETWORK_COLOR, scale: 1 }];
  for (const l of lines) {
    if (!hasEstimate(l.algorithm)) continue;
    specs.push({ id: `${l.slot}-estimate`, label: `${l.label} estimate`, source: seriesName(l.slot, 'estimateKbps'), kind: 'step', color: l.color, scale: 0.001 });
  }
  return specs;
}

/** Buffer level of every player, with the thresholds of the algorithms that have them, s. */
export function bufferSpecs(lines: readonly PlayerLine[]): SeriesSpec[] {
  const specs: SeriesSpec[] = lines.map((l) => ({ id: `${l.slot}-buffer`, label: l.label, source: seriesName(l.slot, 'bufferS'), kind: 'line', color: l.color, scale: 1 }));
  for (const l of lines) {
    for (const t of thresholdKeys(l.algorithm)) {
      specs.push({ id: `${l.slot}-${t.key}`, label: `${l.label} ${t.label}`, source: seriesName(l.slot, t.key), kind: 'step', color: faded(l.color), scale: 1 });
    }
  }
  return specs;
}

/** Chosen bitrate as a step line, Mbps (the ladder is drawn as guides). */
export function bitrateSpecs(lines: readonly PlayerLine[]): SeriesSpec[] {
  return lines.map((l) => ({ id: `${l.slot}-bitrate`, label: l.label, source: seriesName(l.slot, 'bitrateKbps'), kind: 'step', color: l.color, scale: 0.001 }));
}

/** Cumulative QoE (the headline, chunk 0 excluded) of every player. */
export function qoeSpecs(lines: readonly PlayerLine[]): SeriesSpec[] {
  return lines.map((l) => ({ id: `${l.slot}-qoe`, label: l.label, source: seriesName(l.slot, 'qoe'), kind: 'step', color: l.color, scale: 1 }));
}

/** One player's QoE and its three components: utility above zero, the penalties below. */
export function componentSpecs(line: PlayerLine): SeriesSpec[] {
  const s = line.slot;
  return [
    { id: `${s}-c-total`, label: 'QoE', source: seriesName(s, 'qoe'), kind: 'step', color: line.color, scale: 1 },
    { id: `${s}-c-bitrate`, label: 'bitrate utility', source: seriesName(s, 'qoe.bitrate'), kind: 'step', color: 'var(--ok, #08703f)', scale: 1 },
    { id: `${s}-c-rebuffer`, label: '− rebuffer penalty', source: seriesName(s, 'qoe.rebuffer'), kind: 'step', color: 'var(--danger, #b3261e)', scale: -1 },
    { id: `${s}-c-switch`, label: '− switch penalty', source: seriesName(s, 'qoe.switch'), kind: 'step', color: 'var(--warning, #935200)', scale: -1 },
  ];
}

const CHART_VERTICAL_MARGIN_PX = 44;
const MIN_LABEL_GAP_PX = 11;

/**
 * Ladder rungs as chart guides (Mbps). Rungs closer than a label's height to the last labelled one
 * (dense ladders on a small chart) stay unlabelled.
 * LOUD: the chart keys guides by label, so an unlabelled rung gets a distinct run of thin spaces
 * rather than an empty string.
 */
export function ladderGuides(bitratesKbps: readonly number[], chartHeightPx: number): { y: number; label: string; color: string }[] {
  const top = Math.max(...bitratesKbps) / 1000;
  const pxPerMbps = Math.max(1, chartHeightPx - CHART_VERTICAL_MARGIN_PX) / (top * 1.05);
  let lastLabelled = -Infinity;
  return bitratesKbps.map((kbps, i) => {
    const y = kbps / 1000;
    let label = '\u2009'.repeat(i + 1);
    if ((y - lastLabelled) * pxPerMbps >= MIN_LABEL_GAP_PX) {
      label = kbps >= 1000 ? `${y} Mbps` : `${kbps} kbps`;
      lastLabelled = y;
    }
    return { y, label, color: 'var(--muted, #565d6b)' };
  });
}

/**
 * End of the interesting part of the timeline, s: when the last player stopped (rounded up to
 * 10 s, plus a little room), or the whole horizon while some player never ends.
 */
export function timelineEndS(endedAtMs: readonly (number | null)[], horizonMs: number): number {
  const horizonS = horizonMs / 1000;
  if (endedAtMs.length === 0 || endedAtMs.some((t) => t === null || !Number.isFinite(t))) return horizonS;
  const last = Math.max(...(endedAtMs as number[])) / 1000;
  return Math.min(horizonS, Math.ceil((last * 1.03) / 10) * 10);
}

export interface StallMarker {
  x: number;
  label: string;
  color: string;
}

interface LoggedLike {
  type: string;
  t: number;
  player?: unknown;
}

/**
 * Stall markers from the event log, scanning only new events. A live run appends to the same
 * array; scrubbing back truncates it (then the index rescans). `markers` is a new array only when
 * a marker was added or removed, so it can be a memo dependency.
 */
export class StallMarkerIndex {
  private events: readonly LoggedLike[] | null = null;
  private scanned = 0;
  private colors = new Map<string, string>();
  markers: StallMarker[] = [];

  update(events: readonly LoggedLike[], lines: readonly PlayerLine[]): StallMarker[] {
    const colorKey = lines.map((l) => `${l.slot}:${l.color}`).join('|');
    const sameColors = colorKey === [...this.colors].map(([k, v]) => `${k}:${v}`).join('|');
    if (events !== this.events || events.length < this.scanned || !sameColors) {
      this.events = events;
      this.scanned = 0;
      this.colors = new Map(lines.map((l) => [l.slot, l.color]));
      this.markers = [];
    }
    let added: StallMarker[] | null = null;
    for (let i = this.scanned; i < events.length; i++) {
      const e = events[i];
      if (e.type !== 'stall-start') continue;
      const color = this.colors.get(String(e.player));
      if (!color) continue;
      (added ??= []).push({ x: e.t / 1000, label: 'stall', color });
    }
    this.scanned = events.length;
    if (added) this.markers = [...this.markers, ...added];
    return this.markers;
  }
}

export type AbrRun = RunViewOf<typeof abrLab>;

/** The `finished` companion (the live run's params and seed played to the end), once the shell has run it. */
export function finishedRace(companions: Companions | undefined): { run: AbrRun | null; error: string | null } {
  const found = companions?.runs.find((r) => r.key === 'finished');
  const error = companions?.error ?? null;
  // the shell prefixes a companion's error with its label; the view says which run it was
  return { run: found ? viewOf(abrLab, found.run) : null, error: error?.replace(/^Finished race: /, '') ?? null };
}

/** The last value of a series, or null before its first sample. */
export function lastValue(run: AbrRun, name: AbrSeriesName): number | null {
  const s = run.recorder.series(name);
  return s.length ? s[s.length - 1].v : null;
}

/** Each player's cumulative QoE at the playhead, as a string key that changes only when one does. */
export function qoeSoFarKey(run: AbrRun, lines: readonly PlayerLine[]): string {
  return lines.map((l) => lastValue(run, seriesName(l.slot, 'qoe')) ?? 'x').join('|');
}

export function qoeSoFarFromKey(key: string): (number | null)[] {
  return key.split('|').map((v) => (v === 'x' ? null : Number(v)));
}

export const mbps = (v: number) => `${Number(v.toFixed(2))}`;
