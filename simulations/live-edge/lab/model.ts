/**
 * The run `create` builds: every `segmentS` a segment is published; each edge PoP's viewers ask for
 * it within the request window, each edge fills it from upstream (coalesced or not), and the origin
 * tier (if any) fills from the live server. Counts per segment go to the recorder; the frame keeps
 * the last segment's per-edge picture.
 */
import type { SimContext } from '../../core/lab';
import type { RandomStream } from '../../core/rng';
import { apportion, viewersAt, zipfShares } from '../edge/audience';
import { expectedUpstream, fillEdge, type EdgeFill } from '../edge/edgeCache';
import { fillOrigin } from '../origin/originCache';
import type { LiveEdgeParams } from './schema';
import type { LiveEdgeEvent, LiveEdgeFrame, LiveEdgeSeriesName } from './series';

type LiveEdgeContext = SimContext<LiveEdgeEvent, LiveEdgeSeriesName>;

export interface SegmentOutcome {
  segment: number;
  viewers: number;
  /** viewers per edge (summed over renditions) */
  edgeViewers: number[];
  /** each edge's first request, ms after publication (earliest over renditions; Infinity when nobody watches there) */
  edgeFirstMs: number[];
  /** upstream requests per edge (summed over renditions) */
  edgeUpstream: number[];
  /** (edge, rendition) pairs with at least one viewer */
  watchedObjects: number;
  totalEdgeUpstream: number;
  liveServer: number;
  expectedEdgeUpstream: number;
}

export interface LiveEdgeModel {
  readonly params: LiveEdgeParams;
  readonly segments: number;
  outcomes: SegmentOutcome[];
  last: SegmentOutcome | null;
  totals: LiveEdgeFrame['totals'];
}

export function segmentCount(p: LiveEdgeParams): number {
  return Math.max(1, Math.floor(p.durationS / p.segmentS));
}

/** The last segment's window and both fills fit before the end. */
export function liveEdgeHorizonMs(p: LiveEdgeParams): number {
  return (segmentCount(p) - 1) * p.segmentS * 1000 + p.windowS * 1000 + p.edgeFetchMs + p.originFetchMs;
}

/** Requests for one segment at every edge, every rendition, then at the origin tier. */
export function requestSegment(p: LiveEdgeParams, segment: number, viewers: number, shares: readonly number[], edgeRng: RandomStream, originRng: RandomStream): SegmentOutcome {
  const windowMs = p.windowS * 1000;
  const edgeViewers = apportion(viewers, shares);
  const renditionShares = new Array<number>(p.renditions).fill(1 / p.renditions);
  const edgeUpstream = new Array<number>(p.edges).fill(0);
  const edgeFirstMs = new Array<number>(p.edges).fill(Infinity);
  const fillsByRendition: EdgeFill[][] = Array.from({ length: p.renditions }, () => []);
  let watchedObjects = 0;
  let expected = 0;
  edgeViewers.forEach((n, edge) => {
    if (n === 0) return;
    apportion(n, renditionShares).forEach((nr, r) => {
      const fill = fillEdge(nr, windowMs, p.edgeFetchMs, p.edgeCoalescing, edgeRng);
      if (!fill) return;
      watchedObjects++;
      edgeUpstream[edge] += fill.upstream;
      edgeFirstMs[edge] = Math.min(edgeFirstMs[edge], fill.firstMs);
      fillsByRendition[r].push(fill);
      expected += p.edgeCoalescing ? 1 : expectedUpstream(nr, windowMs, p.edgeFetchMs);
    });
  });
  const totalEdgeUpstream = edgeUpstream.reduce((a, b) => a + b, 0);
  const liveServer = p.twoTier ? fillsByRendition.reduce((sum, fills) => sum + fillOrigin(fills, p.originFetchMs, p.originCoalescing, originRng), 0) : totalEdgeUpstream;
  return { segment, viewers, edgeViewers, edgeFirstMs, edgeUpstream, watchedObjects, totalEdgeUpstream, liveServer, expectedEdgeUpstream: expected };
}

export function createLiveEdge(params: LiveEdgeParams, ctx: LiveEdgeContext): LiveEdgeModel {
  const { scheduler, recorder } = ctx;
  const segments = segmentCount(params);
  const model: LiveEdgeModel = { params, segments, outcomes: [], last: null, totals: { viewerRequests: 0, edgeUpstream: 0, liveServer: 0, peakOriginQps: 0 } };
  const shares = zipfShares(params.edges, params.zipfSkew);
  const edgeRng = ctx.rng.stream('viewer-requests');
  const originRng = ctx.rng.stream('origin-requests');
  const segmentMs = params.segmentS * 1000;
  const settleMs = params.windowS * 1000 + params.edgeFetchMs;

  const publish = (k: number) => {
    const publishedAt = k * segmentMs;
    const viewers = viewersAt(publishedAt, params.viewers, params.rampS * 1000);
    const outcome = requestSegment(params, k, viewers, shares, edgeRng, originRng);
    const edgesWatching = outcome.edgeViewers.filter((n) => n > 0).length;
    recorder.log({ type: 'publish', segment: k, viewers, edgesWatching });
    recorder.sample('viewers', viewers);
    // each edge's event at the moment its first request misses (its herd follows within F)
    outcome.edgeViewers.forEach((n, edge) => {
      if (n === 0) return;
      const firstMs = outcome.edgeFirstMs[edge];
      scheduler.at(publishedAt + firstMs, () =>
        recorder.log({ type: 'edge-fill', segment: k, edge: edge + 1, viewers: n, upstream: outcome.edgeUpstream[edge], firstMs, coalesced: params.edgeCoalescing }),
      );
    });
    scheduler.at(publishedAt + settleMs, () => {
      const hitRatio = viewers > 0 ? 1 - outcome.totalEdgeUpstream / viewers : 1;
      model.outcomes.push(outcome);
      model.last = outcome;
      model.totals.viewerRequests += viewers;
      model.totals.edgeUpstream += outcome.totalEdgeUpstream;
      model.totals.liveServer += outcome.liveServer;
      const qps = outcome.totalEdgeUpstream / params.segmentS;
      model.totals.peakOriginQps = Math.max(model.totals.peakOriginQps, qps);
      recorder.log({
        type: 'upstream',
        segment: k,
        viewers,
        edgeUpstream: outcome.totalEdgeUpstream,
        liveServer: outcome.liveServer,
        expectedEdgeUpstream: outcome.expectedEdgeUpstream,
        hitRatio,
        twoTier: params.twoTier,
      });
      recorder.sample('edge.upstream', outcome.totalEdgeUpstream);
      recorder.sample('live.requests', outcome.liveServer);
      // nobody asked for a segment published before anyone watched: no ratio to plot
      if (viewers > 0) recorder.sample('edge.hitRatio', hitRatio);
      recorder.sample('origin.qps', qps);
      recorder.sample('expected.upstream', outcome.expectedEdgeUpstream);
    });
    if (k + 1 < segments) scheduler.at((k + 1) * segmentMs, () => publish(k + 1));
  };
  scheduler.at(0, () => publish(0));
  return model;
}

export function liveEdgeFrame(model: LiveEdgeModel): LiveEdgeFrame {
  const last = model.last;
  return {
    segmentsDone: model.outcomes.length,
    lastSegment: last
      ? {
          segment: last.segment,
          viewers: last.viewers,
          perEdge: last.edgeViewers.map((viewers, i) => ({ viewers, upstream: last.edgeUpstream[i] })),
          edgeUpstream: last.totalEdgeUpstream,
          liveServer: last.liveServer,
          expectedEdgeUpstream: last.expectedEdgeUpstream,
        }
      : null,
    totals: { ...model.totals },
  };
}
