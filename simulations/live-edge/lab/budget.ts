/**
 * The live-edge lab's work budget (core/budget.ts). Events per segment: one publish, one per edge
 * PoP, one upstream summary. Work per segment is O(edges × renditions) draws, never O(viewers)
 * (edge/edgeCache.ts samples the herd by order statistics). Bytes: stored events, six series points
 * per segment, and the per-segment outcomes the model keeps (two numbers per edge).
 */
import type { WorkEstimate } from '../../core/budget';
import type { LiveEdgeParams } from './schema';
import { segmentCount } from './model';

const EVENT_BYTES = 220;
const POINT_BYTES = 40;
const BASE_BYTES = 1 << 20;

export function estimateLiveEdge(p: LiveEdgeParams): WorkEstimate {
  const segments = segmentCount(p);
  const events = segments * (p.edges + 2) + 1;
  const outcomes = segments * (p.edges * 3 * 8 + 200);
  return { events, bytes: BASE_BYTES + events * EVENT_BYTES + segments * 6 * POINT_BYTES + outcomes, drivers: ['durationS', 'edges'] };
}
