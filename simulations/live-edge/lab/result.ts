import type { LiveEdgeModel } from './model';

/** The CLI's --json document: requests per segment at each tier, at the peak and over the run. */
export interface LiveEdgeResult {
  segments: number;
  peakViewers: number;
  /** the last segment whose requests have settled (at the peak once the ramp is over); every field null before the first */
  lastSegment: {
    segment: number | null;
    viewers: number | null;
    edgesWatching: number | null;
    watchedObjects: number | null;
    edgeUpstream: number | null;
    expectedEdgeUpstream: number | null;
    liveServer: number | null;
    edgeHitRatio: number | null;
    originQps: number | null;
  };
  totals: { viewerRequests: number; edgeUpstream: number; liveServer: number; edgeHitRatio: number | null; peakOriginQps: number };
}

export function liveEdgeResult(model: LiveEdgeModel): LiveEdgeResult {
  const last = model.last;
  const t = model.totals;
  return {
    segments: model.outcomes.length,
    peakViewers: model.params.viewers,
    lastSegment: last
      ? {
          segment: last.segment,
          viewers: last.viewers,
          edgesWatching: last.edgeViewers.filter((n) => n > 0).length,
          watchedObjects: last.watchedObjects,
          edgeUpstream: last.totalEdgeUpstream,
          expectedEdgeUpstream: last.expectedEdgeUpstream,
          liveServer: last.liveServer,
          edgeHitRatio: last.viewers ? 1 - last.totalEdgeUpstream / last.viewers : 1,
          originQps: last.totalEdgeUpstream / model.params.segmentS,
        }
      : { segment: null, viewers: null, edgesWatching: null, watchedObjects: null, edgeUpstream: null, expectedEdgeUpstream: null, liveServer: null, edgeHitRatio: null, originQps: null },
    totals: { ...t, edgeHitRatio: t.viewerRequests ? 1 - t.edgeUpstream / t.viewerRequests : null },
  };
}
