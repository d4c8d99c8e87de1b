/** One line a learner reads for each live-edge event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import type { LiveEdgeEvent } from './series';

const requests = (n: number) => (n === 1 ? '1 request' : `${numberText(n)} requests`);

export function liveEdgeCaption(e: Logged<LiveEdgeEvent>): string | null {
  switch (e.type) {
    case 'publish':
      return e.viewers === 0
        ? `Segment ${e.segment} is published: nobody is watching yet`
        : `Segment ${e.segment} is published: ${numberText(e.viewers)} viewers on ${numberText(e.edgesWatching)} edge PoPs will ask for it`;
    case 'edge-fill':
      return e.coalesced
        ? `Edge ${e.edge} (${numberText(e.viewers)} viewers) misses segment ${e.segment} at +${numberText(e.firstMs)} ms and sends one request per rendition upstream; the rest wait for it`
        : `Edge ${e.edge} (${numberText(e.viewers)} viewers) misses segment ${e.segment} at +${numberText(e.firstMs)} ms: ${requests(e.upstream)} go upstream before the fill lands`;
    case 'upstream':
      return `Segment ${e.segment}: ${requests(e.edgeUpstream)} leave the edges (model ${numberText(e.expectedEdgeUpstream)}), ${numberText(100 * e.hitRatio, 2)} % served at the edge; the live server gets ${requests(e.liveServer)}`;
    default:
      return null;
  }
}
