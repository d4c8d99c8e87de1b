/**
 * The live-edge lab's recorder contract: one event per published segment, one per edge PoP that
 * fills it, one per segment's upstream summary; per-segment series; the frame (the last segment's
 * per-edge requests and the run's totals).
 */
export type LiveEdgeEvent =
  | { type: 'publish'; segment: number; viewers: number; edgesWatching: number }
  | { type: 'edge-fill'; segment: number; edge: number; viewers: number; upstream: number; firstMs: number; coalesced: boolean }
  | { type: 'upstream'; segment: number; viewers: number; edgeUpstream: number; liveServer: number; expectedEdgeUpstream: number; hitRatio: number; twoTier: boolean };

export const LIVE_EDGE_SERIES = ['viewers', 'edge.upstream', 'live.requests', 'edge.hitRatio', 'origin.qps', 'expected.upstream'] as const;
export type LiveEdgeSeriesName = (typeof LIVE_EDGE_SERIES)[number];

export interface LiveEdgeFrame {
  segmentsDone: number;
  /** the last completed segment, per edge PoP (most viewers first) */
  lastSegment: { segment: number; viewers: number; perEdge: { viewers: number; upstream: number }[]; edgeUpstream: number; liveServer: number; expectedEdgeUpstream: number } | null;
  totals: { viewerRequests: number; edgeUpstream: number; liveServer: number; peakOriginQps: number };
}
