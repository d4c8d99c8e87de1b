/**
 * The two ladders the lab compares: Netflix's fixed 2015 ladder (one ladder for every title) and a
 * per-title ladder on this title's convex hull.
 */
import { perTitleLadder, upperHull } from './hull';
import { quality, resolutionByName, trialEncodes, type CurvePoint } from './rateQuality';

/**
 * Netflix's fixed ladder before per-title encoding (research §6.1, TechBlog 14 Dec 2015): 10 rungs,
 * 235 → 5,800 kbps, Σ = 20,170 kbps. LOUD: §6.5 outcome 1 (9.08 GB per hour) is pinned to these values.
 */
export const FIXED_2015_LADDER: readonly { kbps: number; resolution: string }[] = [
  { kbps: 235, resolution: '320×240' },
  { kbps: 375, resolution: '384×288' },
  { kbps: 560, resolution: '512×384' },
  { kbps: 750, resolution: '512×384' },
  { kbps: 1050, resolution: '640×480' },
  { kbps: 1750, resolution: '720×480' },
  { kbps: 2350, resolution: '1280×720' },
  { kbps: 3000, resolution: '1280×720' },
  { kbps: 4300, resolution: '1920×1080' },
  { kbps: 5800, resolution: '1920×1080' },
];

export type LadderMode = 'fixed-2015' | 'per-title';

/** The per-title ladder starts no lower than the fixed ladder's first rung (the phones-on-2G floor). */
export const LOWEST_RUNG_KBPS = FIXED_2015_LADDER[0].kbps;

export interface LadderPlan {
  mode: LadderMode;
  /** the rungs, lowest bitrate first */
  rungs: CurvePoint[];
  /** the upper convex hull of the trial encodes */
  hull: CurvePoint[];
  /** the trial encodes per resolution (the curves) */
  curves: CurvePoint[];
}

export function fixedLadder(complexity: number): CurvePoint[] {
  return FIXED_2015_LADDER.map((r) => ({ resolution: r.resolution, kbps: r.kbps, quality: quality(resolutionByName(r.resolution), r.kbps, complexity) }));
}

export function planLadder(mode: LadderMode, complexity: number, rungs: number): LadderPlan {
  const curves = trialEncodes(complexity);
  const hull = upperHull(curves);
  return { mode, rungs: mode === 'fixed-2015' ? fixedLadder(complexity) : perTitleLadder(hull, rungs, LOWEST_RUNG_KBPS), hull, curves };
}

/** Σ bitrates (kbps) of a ladder: what one second of content costs to store, in kilobits. */
export function ladderKbps(rungs: readonly { kbps: number }[]): number {
  return rungs.reduce((s, r) => s + r.kbps, 0);
}
