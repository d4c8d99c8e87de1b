/**
 * Rate–quality curves: the quality (a VMAF-like 0–100 score, measured after upscaling to the
 * display) an encode of one resolution reaches at a bitrate, for content of a given complexity.
 *
 * MODEL (stated, not measured): q(b) = Qmax(res) · (1 − e^(−b / k)), k = K_BASE · (pixels/320×240)^0.75 ·
 * complexity. Small resolutions rise fast but saturate low (upscaling blur caps them); large ones
 * need more bits before they look good but go higher. The curves cross, which is what makes a
 * per-title convex hull worth taking (research §6.1: Netflix, "Per-Title Encode Optimization", 2015).
 * Complexity scales the bits every resolution needs: a cartoon (≈ 0.3) reaches 1080p quality near
 * 1.5 Mbps, an action film (≈ 2.5) still shows artefacts at 5.8 Mbps.
 */
import { DetMath } from '../../core/math';

export interface Resolution {
  /** "1280×720" */
  name: string;
  width: number;
  height: number;
}

export const RESOLUTIONS: readonly Resolution[] = [
  { name: '320×240', width: 320, height: 240 },
  { name: '384×288', width: 384, height: 288 },
  { name: '512×384', width: 512, height: 384 },
  { name: '640×480', width: 640, height: 480 },
  { name: '720×480', width: 720, height: 480 },
  { name: '1280×720', width: 1280, height: 720 },
  { name: '1920×1080', width: 1920, height: 1080 },
];

/** Best quality each resolution can reach however many bits it gets (upscaled to a 1080p display). */
const QUALITY_CEILING: Record<string, number> = {
  '320×240': 45,
  '384×288': 52,
  '512×384': 62,
  '640×480': 71,
  '720×480': 74,
  '1280×720': 88,
  '1920×1080': 97,
};

/** kbps scale of the smallest resolution at complexity 1 (calibrated so 1080p of a typical film reaches ≈ 93 at 5,800 kbps). */
const K_BASE_KBPS = 152;
const BASE_PIXELS = 320 * 240;

export function resolutionByName(name: string): Resolution {
  const r = RESOLUTIONS.find((x) => x.name === name);
  if (!r) throw new RangeError(`unknown resolution ${name}`);
  return r;
}

export function pixels(r: Resolution): number {
  return r.width * r.height;
}

/** The bitrate scale k (kbps) of a resolution for content of this complexity. */
export function bitrateScaleKbps(r: Resolution, complexity: number): number {
  return K_BASE_KBPS * DetMath.pow(pixels(r) / BASE_PIXELS, 0.75) * complexity;
}

/** Quality (0–100) of an encode of `r` at `kbps` for content of this complexity. */
export function quality(r: Resolution, kbps: number, complexity: number): number {
  if (!(kbps > 0)) return 0;
  return QUALITY_CEILING[r.name] * (1 - DetMath.exp(-kbps / bitrateScaleKbps(r, complexity)));
}

export interface CurvePoint {
  resolution: string;
  kbps: number;
  quality: number;
}

/** The trial-encode bitrates: log-spaced from MIN to MAX (Netflix encodes each title at many points). */
export const TRIAL_MIN_KBPS = 100;
export const TRIAL_MAX_KBPS = 16_000;
export const TRIAL_POINTS_PER_RESOLUTION = 33;

export function trialBitrates(): number[] {
  const out: number[] = [];
  const ratio = TRIAL_MAX_KBPS / TRIAL_MIN_KBPS;
  for (let i = 0; i < TRIAL_POINTS_PER_RESOLUTION; i++) {
    out.push(Math.round(TRIAL_MIN_KBPS * DetMath.pow(ratio, i / (TRIAL_POINTS_PER_RESOLUTION - 1))));
  }
  return out;
}

/** Every trial encode: each resolution at each trial bitrate. */
export function trialEncodes(complexity: number): CurvePoint[] {
  const rates = trialBitrates();
  return RESOLUTIONS.flatMap((r) => rates.map((kbps) => ({ resolution: r.name, kbps, quality: quality(r, kbps, complexity) })));
}
