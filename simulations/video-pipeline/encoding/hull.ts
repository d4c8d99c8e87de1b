/**
 * The per-title ladder (research §6.1, Netflix 2015; Netflix's per-title ladder patent): encode the
 * title at many (resolution, bitrate) points, take the UPPER CONVEX HULL of (bitrate, quality) across
 * all resolutions, and pick the rungs on it. A point under the hull is dominated: some mix of two
 * hull encodes gives more quality for the same bits.
 */
import { DetMath } from '../../core/math';
import type { CurvePoint } from './rateQuality';

/** z-component of (b − a) × (c − a): > 0 when a → b → c turns left (counter-clockwise). */
function cross(a: CurvePoint, b: CurvePoint, c: CurvePoint): number {
  return (b.kbps - a.kbps) * (c.quality - a.quality) - (b.quality - a.quality) * (c.kbps - a.kbps);
}

/**
 * The upper convex hull of the points in (bitrate, quality), from the lowest bitrate up to the
 * best quality (the part past it only loses quality for more bits, so it is dropped): strictly
 * increasing in both bitrate and quality, and concave.
 */
export function upperHull(points: readonly CurvePoint[]): CurvePoint[] {
  const sorted = [...points].sort((a, b) => a.kbps - b.kbps || b.quality - a.quality);
  const hull: CurvePoint[] = [];
  for (const p of sorted) {
    if (hull.length > 0 && hull[hull.length - 1].kbps === p.kbps) continue; // same bitrate, lower quality
    // pop while the last turn is not strictly clockwise (keeps the upper chain; collinear points go)
    while (hull.length >= 2 && cross(hull[hull.length - 2], hull[hull.length - 1], p) >= 0) hull.pop();
    hull.push(p);
  }
  let best = 0;
  for (let i = 1; i < hull.length; i++) if (hull[i].quality > hull[best].quality) best = i;
  return hull.slice(0, best + 1);
}

/** Quality within this of the hull's best is "as good as it gets": no rung is spent above it. */
export const TOP_QUALITY_SLACK = 1;
/**
 * The top rung's bitrate cap (a product decision, stated: what the service is willing to stream
 * and store per title; the fixed 2015 ladder stopped at 5,800 kbps). Hard titles hit it.
 */
export const TOP_RUNG_MAX_KBPS = 8000;

/**
 * `rungs` encodes picked on the hull (between minKbps and TOP_RUNG_MAX_KBPS): target bitrates
 * log-spaced from the first such point to the cheapest one within TOP_QUALITY_SLACK of their best quality, each snapped to the nearest hull
 * vertex (so each rung is a real trial encode); duplicates are dropped, so an easy title may get
 * fewer rungs than asked.
 */
export function perTitleLadder(hull: readonly CurvePoint[], rungs: number, minKbps: number): CurvePoint[] {
  const usable = hull.filter((p) => p.kbps >= minKbps && p.kbps <= TOP_RUNG_MAX_KBPS);
  if (usable.length === 0) return hull.length ? [hull[hull.length - 1]] : [];
  const best = usable[usable.length - 1].quality;
  const top = usable.find((p) => p.quality >= best - TOP_QUALITY_SLACK) ?? usable[usable.length - 1];
  const low = usable[0];
  const picked: CurvePoint[] = [];
  for (let i = 0; i < rungs; i++) {
    const target = rungs === 1 ? top.kbps : low.kbps * DetMath.pow(top.kbps / low.kbps, i / (rungs - 1));
    let nearest = usable[0];
    for (const p of usable) {
      if (p.kbps > top.kbps) break;
      if (Math.abs(DetMath.log(p.kbps / target)) < Math.abs(DetMath.log(nearest.kbps / target))) nearest = p;
    }
    if (!picked.includes(nearest)) picked.push(nearest);
  }
  return picked.sort((a, b) => a.kbps - b.kbps);
}

/** True when no point of `ladder` is dominated by another (≥ quality for ≤ bitrate, one strictly). */
export function isUndominated(ladder: readonly CurvePoint[]): boolean {
  return ladder.every((a) => !ladder.some((b) => b !== a && b.kbps <= a.kbps && b.quality >= a.quality && (b.kbps < a.kbps || b.quality > a.quality)));
}
