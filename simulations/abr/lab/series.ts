/**
 * The ABR lab's recorder contract: what it writes into the recorder (designed so a view can draw it
 * directly) and the frame a view may draw of the model.
 *
 * Series (recorder.series(name), points {t: virtual ms, v}); per player slot p0/p1/p2:
 *   network.mbps                 the trace as step points over the whole run (shared, recorded at t=0
 *                                for all times, so the view can show the network ahead of the playhead)
 *   <slot>.throughputKbps        measured throughput of each download (bytes·8/delay), at its completion
 *   <slot>.estimateKbps          the algorithm's estimate behind each choice, at the request
 *   <slot>.bitrateKbps           chosen bitrate, at the request (draw as a step line)
 *   <slot>.bufferS               buffer level at every change point; straight lines between points are
 *                                exact (it drains at 1 s/s while playing and is flat otherwise); a
 *                                completion records the level before and after the append at the same t
 *   <slot>.reservoirS, <slot>.upperS        BBA thresholds (reservoir, reservoir + cushion)
 *   <slot>.bolaTargetS, <slot>.placeholderS BOLA / Dynamic buffer target and placeholder buffer
 *   <slot>.qoe, <slot>.qoeAll    cumulative QoE excluding / including chunk 0, at each completion
 *   <slot>.qoe.bitrate, <slot>.qoe.rebuffer, <slot>.qoe.switch  cumulative components (positive
 *                                magnitudes, chunk 0 excluded): qoe = bitrate − rebuffer − switch
 * Events: request, complete, switch, stall-start, stall-end, idle-start, idle-end, playback-start,
 * ended, seek — each with `player` (slot) so one log serves the race.
 */
import type { RacerName } from '../constants';

export const PLAYER_SLOTS = ['p0', 'p1', 'p2'] as const;
export type PlayerSlot = (typeof PLAYER_SLOTS)[number];

export type AbrEvent =
  | { type: 'request'; player: PlayerSlot; chunk: number; quality: number; bitrateKbps: number; estimateKbps: number | null; rule: string | null }
  | { type: 'complete'; player: PlayerSlot; chunk: number; quality: number; delayMs: number; rebufferS: number; bufferS: number; reward: number }
  | { type: 'switch'; player: PlayerSlot; chunk: number; from: number; to: number }
  | { type: 'stall-start'; player: PlayerSlot; chunk: number }
  | { type: 'stall-end'; player: PlayerSlot; chunk: number; durationS: number }
  | { type: 'idle-start'; player: PlayerSlot; reason: 'buffer-full' | 'bola-wait' }
  | { type: 'idle-end'; player: PlayerSlot }
  | { type: 'playback-start'; player: PlayerSlot; startupDelayS: number }
  | { type: 'ended'; player: PlayerSlot }
  | { type: 'seek'; player: PlayerSlot; toChunk: number };

export const NETWORK_SERIES = 'network.mbps';

/** The buffer thresholds an algorithm may record with its decisions. */
export type ThresholdKey = 'reservoirS' | 'upperS' | 'bolaTargetS' | 'placeholderS';

/** One player's series, by key (see the table above). */
export type PlayerSeriesKey = 'throughputKbps' | 'estimateKbps' | 'bitrateKbps' | 'bufferS' | ThresholdKey | 'qoe' | 'qoeAll' | 'qoe.bitrate' | 'qoe.rebuffer' | 'qoe.switch';

export type PlayerSeriesName<K extends PlayerSeriesKey = PlayerSeriesKey> = `${PlayerSlot}.${K}`;

/** Every series name the lab records. */
export type AbrSeriesName = typeof NETWORK_SERIES | PlayerSeriesName;

export function seriesName<K extends PlayerSeriesKey>(slot: PlayerSlot, key: K): PlayerSeriesName<K> {
  return `${slot}.${key}`;
}

/** The race's line-up: which algorithm plays in which slot. */
export interface AbrPlayer {
  slot: PlayerSlot;
  algorithm: RacerName;
}

/** The trace the players share, as plain numbers (after noise and clamping). */
export interface AbrTraceData {
  name: string;
  /** sample times, s */
  timesS: readonly number[];
  /** throughput, Mbps */
  mbps: readonly number[];
}

/**
 * What a view may draw of the model. `trace`, `video` and `players` are fixed for a run (the same
 * objects in every frame, so views can memoise on them); `endedAtMs` moves.
 */
export interface AbrFrame {
  trace: AbrTraceData;
  video: { bitratesKbps: readonly number[]; chunkCount: number; chunkDurationS: number };
  players: readonly AbrPlayer[];
  /** per player (in `players` order): when playback ended, or null while it streams */
  endedAtMs: (number | null)[];
}
