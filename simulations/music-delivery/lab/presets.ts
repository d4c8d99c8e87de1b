import type { Preset } from '../../core/lab';
import type { MusicDeliveryParams } from './schema';

export const musicDeliveryPresets: Preset<MusicDeliveryParams>[] = [
  {
    id: 'todays-client',
    title: 'Today’s client: caches + prefetch',
    story: 'Favourites play from the phone’s cache in 20 ms, the predictable next track is already there, and only the rest waits on the network: most plays start in well under 100 ms.',
    params: {},
  },
  {
    id: 'no-prefetch',
    title: 'No prefetch',
    story: 'The same listeners without prefetch: every predictable track that is not a favourite now waits for a round trip (and sometimes the origin), so the slow tail of time-to-first-audio grows.',
    params: { prefetch: 'none' },
  },
  {
    id: 'spotify-2010',
    title: 'Spotify 2010: peer-assisted',
    story: 'The 2010 design: the first 15 s from a server, the rest from a peer’s cache. Servers sent only 8.8 % of the bytes in the paper; here the cache/peer/server split lands near it.',
    params: { peerAssist: true, peerAvailability: 0.6, tier: 'high', prefetch: 'next-track', libraryShare: 0.65, edgeCacheGB: 20, listeners: 2000, deviceCacheMB: 2000 },
  },
  {
    id: 'lossless',
    title: 'Lossless on a 1 GB cache',
    story: 'FLAC at ~1,100 kbit/s: a track is ~29 MB, so 1 GB holds only 34 of the 150 favourites. Device hits collapse and egress cost rises more than sevenfold: ×6.9 for the bitrate, more for the favourites that no longer fit.',
    params: { tier: 'lossless' },
  },
  {
    id: 'che-check',
    title: 'One edge vs Che’s approximation',
    story: 'No device caches, no favourites, no prefetch: the edge sees independent Zipf requests, and its measured LRU hit ratio matches Che’s approximation within a few points.',
    params: { deviceCacheMB: 0, libraryShare: 0, prefetch: 'none', edges: 1, edgeCacheGB: 20, catalogue: 20_000, listeners: 1000, durationMin: 120, warmupMin: 30, warmCaches: false },
  },
];
