import type { Preset } from '../../core/lab';
import type { LiveEdgeParams } from './schema';

export const liveEdgePresets: Preset<LiveEdgeParams>[] = [
  {
    id: 'celebrity-no-coalescing',
    title: 'A celebrity goes live, no coalescing',
    story:
      '800,000 viewers over 100 PoPs, 3 s segments, a 100 ms fill: every request that lands before the fill also misses, so about 1 + n·F/J per PoP leak upstream, ~26,800 a segment (3.3 %). Facebook measured 1.8 % leaking to the origin.',
    params: {},
  },
  {
    id: 'edge-coalescing',
    title: 'Coalescing at the edge',
    story: 'The same stream with request coalescing at every PoP: one request per PoP per segment reaches the origin, 100 instead of ~26,800, whatever the audience.',
    params: { edgeCoalescing: true },
  },
  {
    id: 'both-tiers-coalesce',
    title: 'Coalescing at edge and origin',
    story: 'Coalescing at both tiers and an ABR ladder of 4 renditions: 400 origin requests and exactly 4 live-server requests per segment, however many millions watch.',
    params: { edgeCoalescing: true, originCoalescing: true, renditions: 4, viewers: 2_000_000 },
  },
  {
    id: 'no-origin-tier',
    title: 'No origin tier',
    story: 'Edges ask the live server directly and nobody coalesces: the live server takes the whole herd, tens of thousands of requests every 3 s, while it is also encoding the stream.',
    params: { twoTier: false },
  },
];
