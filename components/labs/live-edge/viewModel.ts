/** Selectors for the live-edge view: the per-segment numbers, the verdict, the per-PoP histogram. */
import type { LiveEdgeFrame, LiveEdgeParams } from '@/simulations/live-edge';
import { numberText } from '@/simulations/core/numberText';

export function percentText(x: number, digits = 2): string {
  return `${numberText(100 * x, digits)} %`;
}

export function segmentRows(frame: LiveEdgeFrame, params: LiveEdgeParams): { label: string; value: string }[] {
  const s = frame.lastSegment;
  if (!s) return [{ label: 'Segments done', value: '0' }];
  const hit = s.viewers ? 1 - s.edgeUpstream / s.viewers : 1;
  return [
    { label: `Segment ${s.segment}: viewers`, value: numberText(s.viewers) },
    { label: params.twoTier ? 'Requests to the origin' : 'Requests past the edges', value: numberText(s.edgeUpstream) },
    { label: 'Model: Σ min(n, 1 + n·F/J)', value: params.edgeCoalescing ? 'one per PoP and rendition' : numberText(s.expectedEdgeUpstream) },
    { label: 'Requests to the live server', value: numberText(s.liveServer) },
    { label: 'Served at the edge', value: percentText(hit) },
    { label: 'Origin QPS (this segment)', value: numberText(s.edgeUpstream / params.segmentS) },
    { label: 'Peak origin QPS so far', value: numberText(frame.totals.peakOriginQps) },
  ];
}

export function verdict(frame: LiveEdgeFrame, params: LiveEdgeParams): string {
  const s = frame.lastSegment;
  if (!s || s.viewers === 0) return 'The stream has started; nobody has asked for a segment yet.';
  const leak = s.edgeUpstream / s.viewers;
  if (params.edgeCoalescing) {
    return `Coalescing: ${numberText(s.edgeUpstream)} requests leave the edges for ${numberText(s.viewers)} viewers (${percentText(leak, 3)}), one per watched PoP and rendition.`;
  }
  return `Thundering herd: ${numberText(s.edgeUpstream)} of ${numberText(s.viewers)} requests (${percentText(leak)}) miss at the edge because they arrive before the ${numberText(params.edgeFetchMs)} ms fill lands.`;
}

export interface EdgeBar {
  rank: number;
  viewers: number;
  upstream: number;
}

/** The last segment's PoPs by rank (busiest first, as the Zipf law orders them). */
export function edgeBars(frame: LiveEdgeFrame): EdgeBar[] {
  return frame.lastSegment ? frame.lastSegment.perEdge.map((e, i) => ({ rank: i + 1, viewers: e.viewers, upstream: e.upstream })) : [];
}
