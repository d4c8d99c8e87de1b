/**
 * "What happens when you press play" (research §6.1, High Scalability 2017, paraphrased): everything
 * before play runs in the cloud (the CONTROL plane: playback service, licence, steering); the bytes
 * come from appliances inside or near the viewer's ISP (the DATA plane). The steps, with seeded
 * latencies:
 *  1. the app asks the playback service (cloud): licence, device and region checks;
 *  2. the steering service picks a few nearby healthy appliances and returns their URLs;
 *  3. the client probes them and keeps the fastest;
 *  4. it fetches the manifest and the first segment of the lowest rung from that appliance (on a
 *     miss, the appliance fills it from upstream first);
 *  5. the first frame plays; the player then climbs the ladder as its buffer grows.
 */
import type { RandomStream } from '../../core/rng';
import { DetMath } from '../../core/math';

export type Plane = 'control' | 'data';

export interface PlayStep {
  step: 'playback-api' | 'steering' | 'probe' | 'first-segment' | 'first-frame';
  plane: Plane;
  /** ms this step takes */
  durationMs: number;
  /** probe: the appliances' round trips; first-segment: hit or miss */
  probesMs?: number[];
  hit?: boolean;
  segmentKbps?: number;
}

export interface PressPlayConfig {
  controlRttMs: number;
  edgeRttMs: number;
  /** share of appliances holding the title before anyone asks (prefilled) */
  prefillShare: number;
  viewerMbps: number;
  /** the lowest rung's bitrate and the segment length */
  firstRungKbps: number;
  segmentS: number;
}

/** Appliances the steering service offers (Netflix returns "a few"). */
export const OFFERED_APPLIANCES = 3;
/** Server time at the playback service and at steering (MODEL, stated). */
export const PLAYBACK_SERVICE_MS = 40;
export const STEERING_MS = 15;
/** Extra time for an appliance to fetch a segment it does not hold from the fill tier. */
export const FILL_MISS_MS = 120;
/** Decode and render the first frame. */
export const FIRST_FRAME_MS = 30;

/** Lognormal round trip with the given median (σ = 0.35: most within ±40 %). */
function rtt(rng: RandomStream, median: number): number {
  return rng.lognormal(DetMath.log(median), 0.35);
}

export function planPressPlay(cfg: PressPlayConfig, rng: RandomStream): PlayStep[] {
  const hit = rng.next() < cfg.prefillShare;
  const probesMs = Array.from({ length: OFFERED_APPLIANCES }, () => rtt(rng, cfg.edgeRttMs));
  const best = Math.min(...probesMs);
  const transferMs = (cfg.firstRungKbps * cfg.segmentS) / cfg.viewerMbps; // kbit / (Mbit/s) = ms
  return [
    { step: 'playback-api', plane: 'control', durationMs: rtt(rng, cfg.controlRttMs) + PLAYBACK_SERVICE_MS },
    { step: 'steering', plane: 'control', durationMs: STEERING_MS },
    { step: 'probe', plane: 'data', durationMs: Math.max(...probesMs), probesMs },
    { step: 'first-segment', plane: 'data', durationMs: 2 * best + transferMs + (hit ? 0 : FILL_MISS_MS), hit, segmentKbps: cfg.firstRungKbps },
    { step: 'first-frame', plane: 'data', durationMs: FIRST_FRAME_MS },
  ];
}
