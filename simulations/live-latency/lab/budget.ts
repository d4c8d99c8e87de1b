/**
 * The live-latency lab's work budget (core/budget.ts), from the params alone.
 *
 * Events per unit (segment, part or frame): its publication, its download, its play check, at most
 * one stall, one blocking playlist response and the preload hint: ≤ 6. Plus playlist polls (at
 * most one per half poll interval) and MPD reloads. WebRTC: one event per frame.
 * Bytes: the stored events, two series points per unit, three numbers per unit.
 */
import type { WorkEstimate } from '../../core/budget';
import { mpdUpdatePeriodMs, pollIntervalMs, unitMs } from '../pipeline/stream';
import { streamConfig, type LiveLatencyParams } from './schema';

export const LIVE_LATENCY_EVENT_LIMIT = 2_000_000;
const EVENT_BYTES = 220;
const POINT_BYTES = 40;
const BASE_BYTES = 1 << 20;

export function estimateLiveLatency(p: LiveLatencyParams): WorkEstimate {
  const c = streamConfig(p);
  const units = Math.ceil(c.durationMs / unitMs(c)) + 2;
  const polls = c.delivery === 'webrtc' ? 0 : Math.ceil(c.durationMs / (Math.min(pollIntervalMs(c), mpdUpdatePeriodMs(c)) / 2)) + 2;
  const events = (c.delivery === 'webrtc' ? 1 : 6) * units + polls + 10;
  const bytes = BASE_BYTES + events * EVENT_BYTES + units * (2 * POINT_BYTES + 3 * 8);
  return { events, bytes, drivers: c.delivery === 'webrtc' ? ['durationS'] : ['durationS', 'partS', 'segmentS'] };
}
