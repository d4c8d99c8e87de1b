/**
 * The music delivery lab's recorder contract: one event per play start and per prefetch, the
 * series sampled every SAMPLE_MS, and the frame (the caches right now).
 */
import type { StartSource } from '../playback/service';

export const SAMPLE_MS = 30_000;

export type MusicDeliveryEvent =
  | { type: 'play'; listener: number; track: number; source: StartSource; ttfaMs: number; peer: boolean; skipped: boolean }
  | { type: 'prefetch'; listener: number; track: number; from: 'peer' | 'edge' | 'origin'; bytes: number };

export const SERIES = ['ttfaP50', 'ttfaP95', 'deviceHitRatio', 'edgeHitRatio', 'cacheShare', 'peerShare', 'serverShare', 'egressUsd'] as const;
export type MusicDeliverySeriesName = (typeof SERIES)[number];

export interface MusicDeliveryFrame {
  plays: number;
  bySource: Record<StartSource, number>;
  bytes: { cache: number; peer: number; server: number; originFill: number; wasted: number };
}
