import type { ParamError, ParamSchema, ParamsOf } from '../../core/params';
import { TIER_NAMES, TIERS, type Tier } from '../catalogue/tiers';
import type { Prefetch } from '../playback/service';

export const musicDeliverySchema = {
  listeners: { type: 'number', label: 'Listeners', min: 10, max: 5000, default: 400, integer: true, scale: 'log', group: 'Listening', description: 'People listening at once, back to back, for the whole run.' },
  durationMin: { type: 'number', label: 'Duration', unit: 'min', min: 5, max: 480, default: 60, integer: true, scale: 'log', group: 'Listening', description: 'Virtual minutes to simulate.' },
  catalogue: { type: 'number', label: 'Catalogue', unit: 'tracks', min: 1000, max: 200_000, default: 100_000, integer: true, scale: 'log', group: 'Listening', description: 'Tracks anyone can pick (Spotify: over 100 M).' },
  zipfExponent: { type: 'number', label: 'Zipf exponent s', min: 0.5, max: 1.5, default: 0.9, step: 0.05, group: 'Listening', description: 'Popularity of the k-th most popular track ∝ k^−s: larger s, a shorter head.' },
  libraryShare: { type: 'number', label: 'Favourites share', min: 0, max: 1, default: 0.5, step: 0.05, group: 'Listening', description: 'Share of plays from the listener’s own library of 150 favourites (what they replay).' },
  predictableShare: { type: 'number', label: 'Predictable next track', min: 0, max: 1, default: 0.61, step: 0.01, group: 'Listening', description: 'Share of track changes that follow the playlist or album, so the next track is known in advance (≈ 61 % in 2010).' },
  skipShare: { type: 'number', label: 'Skips', min: 0, max: 0.9, default: 0.25, step: 0.05, group: 'Listening', description: 'Share of plays skipped part-way (a skipped track is not kept in the device cache).' },
  tier: { type: 'enum', label: 'Audio quality', options: TIER_NAMES, default: 'high' as Tier, optionLabels: Object.fromEntries(TIER_NAMES.map((t) => [t, TIERS[t].label])) as Record<Tier, string>, group: 'Delivery', description: 'Bitrate of every stream: bigger files fill caches faster and cost more egress.' },
  deviceCacheMB: { type: 'number', label: 'Device cache', unit: 'MB', min: 0, max: 20_000, default: 1000, group: 'Delivery', description: 'Space for whole tracks on each phone or laptop (LRU).' },
  edgeCacheGB: { type: 'number', label: 'Edge cache', unit: 'GB', min: 0, max: 5000, default: 100, group: 'Delivery', description: 'Space at each edge server (LRU); misses go to the origin.' },
  edges: { type: 'number', label: 'Edge sites', min: 1, max: 16, default: 4, integer: true, group: 'Delivery', description: 'Listeners are spread evenly over this many edges, each with its own cache.' },
  prefetch: { type: 'enum', label: 'Prefetch', options: ['none', 'next-track', 'next-start'] as const, default: 'next-track' as Prefetch, optionLabels: { none: 'None', 'next-track': 'Whole next track, 30 s before the end', 'next-start': 'First 10 s of the next track' }, group: 'Delivery', description: 'What the client fetches ahead of a predictable next track.' },
  peerAssist: { type: 'boolean', label: 'Peer-assisted (2010)', default: false, group: 'Delivery', description: 'Spotify 2010: the first seconds from a server, the rest of the track from other listeners’ caches when one has it.' },
  peerAvailability: { type: 'number', label: 'Peer availability', min: 0.01, max: 1, default: 0.3, step: 0.01, group: 'Delivery', advanced: true, visibleWhen: { peerAssist: [true] }, description: 'Chance that a listener whose cache holds the track can serve it right now (online, reachable, upload free).' },
  edgeRttMs: { type: 'number', label: 'RTT to edge (median)', unit: 'ms', min: 2, max: 300, default: 30, group: 'Network', advanced: true, description: 'Each listener’s round trip to their edge (lognormal around this).' },
  originRttMs: { type: 'number', label: 'Edge → origin RTT', unit: 'ms', min: 10, max: 500, default: 120, group: 'Network', advanced: true, description: 'Extra round trip when the edge misses and fetches from the origin.' },
  bandwidthMbps: { type: 'number', label: 'Bandwidth (median)', unit: 'Mbit/s', min: 0.5, max: 500, default: 20, scale: 'log', group: 'Network', advanced: true, description: 'Each listener’s download rate (lognormal around this).' },
  warmCaches: { type: 'boolean', label: 'Warm caches', default: true, group: 'Run', advanced: true, description: 'Devices start holding their owner’s favourites and edges the most popular tracks (returning listeners, a running service).' },
  warmupMin: { type: 'number', label: 'Warm-up', unit: 'min', min: 0, max: 240, default: 0, integer: true, group: 'Run', advanced: true, description: 'Statistics skip plays that start before this.' },
  egressUsdPerGB: { type: 'number', label: 'Egress price', unit: '$/GB', min: 0, max: 0.5, default: 0.02, step: 0.001, group: 'Cost', description: 'What a byte from your servers to a listener costs (CDN egress).' },
} satisfies ParamSchema;

export type MusicDeliveryParams = ParamsOf<typeof musicDeliverySchema>;

export function checkMusicDelivery(p: MusicDeliveryParams): ParamError[] {
  return p.warmupMin >= p.durationMin
    ? [{ field: 'warmupMin', value: p.warmupMin, message: `warmupMin = ${p.warmupMin} is invalid: the warm-up must end before the run does (durationMin = ${p.durationMin}), or no play is measured` }]
    : [];
}
