/**
 * The delivery path of a music service on virtual time: listeners play tracks back to back, each
 * start is served from the device cache, a prefetch, or the network (an edge cache, or the origin
 * behind it on a miss), and in the 2010 peer-assisted mode the bulk of a track from other
 * listeners' caches. Research §5.1 (Kreitz & Niemelä, IEEE P2P 2010).
 *
 * What is modelled: Zipf popularity over the catalogue, a personal library per listener (people
 * replay their favourites: most of Spotify's 2010 bytes came from the local cache), playlists whose
 * next track is known in advance (prefetchable) with jumps to new ones, skips, one LRU per device
 * and per edge, per-listener round-trip time and bandwidth. Not modelled: TCP slow start, chunk
 * scheduling among peers, NAT traversal, encryption, DRM, offline downloads.
 */
import type { RandomStream, Rng } from '../../core/rng';
import type { Scheduler } from '../../core/scheduler';
import { DetMath } from '../../core/math';
import { LruCache } from '../cache/lru';
import { secondsToBytes, trackBytes, TRACK_SECONDS, type Tier } from '../catalogue/tiers';

export type Prefetch = 'none' | 'next-track' | 'next-start';
export type StartSource = 'device' | 'prefetch' | 'edge' | 'origin';

export interface DeliveryConfig {
  listeners: number;
  durationMs: number;
  catalogue: number;
  zipfExponent: number;
  /** share of playlist starts drawn from the listener's own library (favourites) */
  libraryShare: number;
  librarySize: number;
  /** share of track changes that follow the playlist (the next track was known in advance) */
  predictableShare: number;
  skipShare: number;
  tier: Tier;
  deviceCacheTracks: number;
  edgeCacheTracks: number;
  edges: number;
  prefetch: Prefetch;
  peerAssist: boolean;
  /** chance that a listener holding the track can serve it now (online, reachable, upload free) */
  peerAvailability: number;
  edgeRttMs: number;
  originRttMs: number;
  bandwidthMbps: number;
  /** devices start holding their owner's library (a returning listener), edges the most popular tracks */
  warmCaches: boolean;
  /** statistics skip plays that start before this */
  warmupMs: number;
}

/** Local read and decoder start for a cached track. */
export const DEVICE_START_MS = 20;
/** An edge answering from its cache. */
export const EDGE_TTFB_MS = 5;
/** The origin reading a track from storage. */
export const ORIGIN_READ_MS = 30;
/** Audio buffered before playback starts. */
export const START_BUFFER_S = 1;
/** From a server the client stays at most this far ahead when peers exist (Kreitz & Niemelä 2010). */
export const SERVER_AHEAD_S = 15;
/** Prefetch the next track this long before the current one ends (the 2010 client searched peers 30 s before). */
export const PREFETCH_LEAD_S = 30;
/** 'next-start' fetches only this much of the next track. */
export const PREFETCH_START_S = 10;
/** A new connection costs TCP + TLS handshakes: two extra round trips. */
const HANDSHAKE_RTTS = 2;
/** A skip lands uniformly between these fractions of the track. */
const SKIP_FROM_S = 5;
const SKIP_TO_S = 0.8 * TRACK_SECONDS;

export interface PlayStart {
  listener: number;
  track: number;
  source: StartSource;
  ttfaMs: number;
  /** the rest of the track came from a peer */
  peer: boolean;
  skipped: boolean;
  measured: boolean;
}

export interface PrefetchDone {
  listener: number;
  track: number;
  from: 'peer' | 'edge' | 'origin';
  bytes: number;
}

export interface DeliveryPorts {
  onPlay(p: PlayStart): void;
  onPrefetch(p: PrefetchDone): void;
}

/** The ring of recent times to first audio holds this many plays. */
export const RECENT_TTFA = 300;

export interface DeliveryTotals {
  plays: number;
  /** the last RECENT_TTFA times to first audio (a ring indexed by plays) */
  recentTtfa: Float64Array;
  bySource: Record<StartSource, number>;
  /**
   * Where the bytes came from: played from the device cache without a transfer, or transferred
   * from a peer or a server (an edge), prefetches included, wasted ones too.
   */
  bytesCache: number;
  bytesPeer: number;
  bytesServer: number;
  /** origin → edge fills */
  bytesOriginFill: number;
  /** prefetched bytes whose track did not play next */
  bytesWasted: number;
  prefetches: number;
  prefetchesUsed: number;
  edgeRequests: number;
  edgeHits: number;
  deviceLookups: number;
  deviceHits: number;
  peerLookups: number;
  peerHits: number;
  ttfa: MsHistogram;
  ttfaBySource: Record<StartSource, MsHistogram>;
}

/**
 * Times to first audio in whole-millisecond buckets up to MAX_MS (later ones in the last bucket):
 * quantiles exact to 1 ms in O(MAX_MS), however many plays (a sorted copy of a million plays per
 * frame would not be).
 */
export class MsHistogram {
  static readonly MAX_MS = 10_000;
  private readonly counts = new Float64Array(MsHistogram.MAX_MS + 1);
  count = 0;

  add(ms: number): void {
    this.counts[Math.min(MsHistogram.MAX_MS, Math.max(0, Math.round(ms)))]++;
    this.count++;
  }

  /** The q-quantile (nearest rank) in ms; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let ms = 0; ms < this.counts.length; ms++) {
      seen += this.counts[ms];
      if (seen >= rank) return ms;
    }
    return MsHistogram.MAX_MS;
  }
}

interface Listener {
  id: number;
  edge: number;
  rttMs: number;
  bitsPerMs: number;
  library: Int32Array;
  device: LruCache;
  connected: boolean;
  /** the playlist's next track, known while the current one plays */
  upNext: number;
  prefetched: { track: number; full: boolean; bytes: number } | null;
}

function emptyTotals(): DeliveryTotals {
  const bySource = (): Record<StartSource, MsHistogram> => ({ device: new MsHistogram(), prefetch: new MsHistogram(), edge: new MsHistogram(), origin: new MsHistogram() });
  return {
    plays: 0,
    recentTtfa: new Float64Array(RECENT_TTFA),
    bySource: { device: 0, prefetch: 0, edge: 0, origin: 0 },
    bytesCache: 0,
    bytesPeer: 0,
    bytesServer: 0,
    bytesOriginFill: 0,
    bytesWasted: 0,
    prefetches: 0,
    prefetchesUsed: 0,
    edgeRequests: 0,
    edgeHits: 0,
    deviceLookups: 0,
    deviceHits: 0,
    peerLookups: 0,
    peerHits: 0,
    ttfa: new MsHistogram(),
    ttfaBySource: bySource(),
  };
}

export class DeliveryService {
  readonly totals = emptyTotals();
  readonly edges: LruCache[];
  private readonly listeners: Listener[] = [];
  private readonly choices: RandomStream;
  private readonly skips: RandomStream;
  private readonly peers: RandomStream;
  private readonly trackSize: number;
  /** the tracker: how many devices hold each track */
  private readonly holders = new Map<number, number>();

  constructor(
    readonly cfg: DeliveryConfig,
    private readonly scheduler: Scheduler,
    rng: Rng,
    private readonly ports: DeliveryPorts,
  ) {
    this.choices = rng.stream('choices');
    this.skips = rng.stream('skips');
    this.peers = rng.stream('peers');
    const people = rng.stream('listeners');
    const starts = rng.stream('starts');
    this.trackSize = trackBytes(cfg.tier);
    this.edges = Array.from({ length: cfg.edges }, () => new LruCache(cfg.edgeCacheTracks));
    if (cfg.warmCaches) for (const edge of this.edges) for (let t = Math.min(cfg.edgeCacheTracks, cfg.catalogue) - 1; t >= 0; t--) edge.put(t);
    for (let id = 0; id < cfg.listeners; id++) {
      const library = Int32Array.from({ length: cfg.librarySize }, () => this.zipfTrack(people));
      const device = new LruCache(cfg.deviceCacheTracks, (track, delta) => this.holders.set(track, (this.holders.get(track) ?? 0) + delta));
      if (cfg.warmCaches) for (const t of library) device.put(t);
      const listener: Listener = {
        id,
        edge: id % cfg.edges,
        rttMs: cfg.edgeRttMs * DetMath.exp(people.normal(0, 0.5)),
        bitsPerMs: (cfg.bandwidthMbps * 1000 * DetMath.exp(people.normal(0, 0.7))),
        library,
        device,
        connected: false,
        upNext: -1,
        prefetched: null,
      };
      this.listeners.push(listener);
      scheduler.at(starts.uniform(0, 60_000), () => this.play(listener, this.freshTrack()));
    }
  }

  private zipfTrack(s: RandomStream): number {
    return s.zipf(this.cfg.catalogue, this.cfg.zipfExponent) - 1;
  }

  /** A playlist's track: from the listener's favourites or the whole catalogue. */
  private freshTrack(listener?: Listener): number {
    if (listener && this.choices.next() < this.cfg.libraryShare) return listener.library[this.choices.int(0, listener.library.length - 1)];
    return this.zipfTrack(this.choices);
  }

  /**
   * Ask the tracker for other listeners holding the track; each can serve it with probability
   * peerAvailability (Kreitz & Niemelä: peers found through the tracker and the overlay).
   */
  private peerHas(listener: Listener, track: number): boolean {
    this.totals.peerLookups++;
    const others = (this.holders.get(track) ?? 0) - (listener.device.has(track) ? 1 : 0);
    const found = others > 0 && this.peers.next() < 1 - DetMath.pow(1 - this.cfg.peerAvailability, others);
    if (found) this.totals.peerHits++;
    return found;
  }

  /** A request for a track reaches the listener's edge: hit, or a fill from the origin. */
  private edgeServes(listener: Listener, track: number, count: boolean): boolean {
    const edge = this.edges[listener.edge];
    const hit = edge.touch(track);
    if (!hit) {
      edge.put(track);
      if (count) this.totals.bytesOriginFill += this.trackSize;
    }
    if (count) {
      this.totals.edgeRequests++;
      if (hit) this.totals.edgeHits++;
    }
    return hit;
  }

  private play(listener: Listener, track: number): void {
    const cfg = this.cfg;
    const now = this.scheduler.now;
    const measured = now >= cfg.warmupMs;
    const t = this.totals;
    const prefetched = listener.prefetched;
    listener.prefetched = null;
    if (prefetched && prefetched.track !== track && measured) t.bytesWasted += prefetched.bytes;
    if (prefetched && prefetched.track === track && measured) t.prefetchesUsed++;

    const skipped = this.skips.next() < cfg.skipShare;
    const listenedS = skipped ? this.skips.uniform(SKIP_FROM_S, SKIP_TO_S) : TRACK_SECONDS;
    const deviceHit = listener.device.touch(track);
    if (measured) {
      t.deviceLookups++;
      if (deviceHit) t.deviceHits++;
    }
    let source: StartSource;
    let ttfaMs = DEVICE_START_MS;
    let peer = false;
    if (deviceHit) {
      source = prefetched?.track === track ? 'prefetch' : 'device';
      // a prefetched track's bytes were counted (server or peer) when they were fetched
      if (measured && source === 'device') t.bytesCache += secondsToBytes(cfg.tier, listenedS);
    } else {
      const startCovered = prefetched?.track === track ? PREFETCH_START_S : 0;
      const downloadedS = Math.min(TRACK_SECONDS, listenedS + SERVER_AHEAD_S);
      const networkS = Math.max(0, downloadedS - startCovered);
      const peerFound = cfg.peerAssist && networkS > SERVER_AHEAD_S && this.peerHas(listener, track);
      const serverS = peerFound ? Math.min(networkS, SERVER_AHEAD_S) : networkS;
      peer = peerFound;
      const edgeHit = this.edgeServes(listener, track, measured);
      if (startCovered > 0) {
        source = 'prefetch';
      } else {
        source = edgeHit ? 'edge' : 'origin';
        const handshakes = listener.connected ? 0 : HANDSHAKE_RTTS;
        ttfaMs = (1 + handshakes) * listener.rttMs + (edgeHit ? EDGE_TTFB_MS : cfg.originRttMs + ORIGIN_READ_MS) + (secondsToBytes(cfg.tier, START_BUFFER_S) * 8) / listener.bitsPerMs;
      }
      listener.connected = true;
      if (measured) {
        t.bytesServer += secondsToBytes(cfg.tier, serverS);
        t.bytesPeer += secondsToBytes(cfg.tier, networkS - serverS);
      }
      if (!skipped) listener.device.put(track);
    }
    if (measured) {
      t.plays++;
      t.bySource[source]++;
      t.ttfa.add(ttfaMs);
      t.ttfaBySource[source].add(ttfaMs);
      t.recentTtfa[t.plays % RECENT_TTFA] = ttfaMs;
    }
    this.ports.onPlay({ listener: listener.id, track, source, ttfaMs, peer, skipped, measured });

    listener.upNext = this.freshTrack(listener);
    const endAt = now + ttfaMs + listenedS * 1000;
    if (cfg.prefetch !== 'none' && listenedS >= PREFETCH_LEAD_S + 1) {
      this.scheduler.at(now + ttfaMs + (listenedS - PREFETCH_LEAD_S) * 1000, () => this.prefetchNext(listener));
    }
    this.scheduler.at(endAt, () => {
      if (endAt >= cfg.durationMs) return;
      const follows = this.choices.next() < cfg.predictableShare;
      this.play(listener, follows ? listener.upNext : this.freshTrack(listener));
    });
  }

  private prefetchNext(listener: Listener): void {
    const cfg = this.cfg;
    const track = listener.upNext;
    if (listener.device.has(track)) return;
    const measured = this.scheduler.now >= cfg.warmupMs;
    const full = cfg.prefetch === 'next-track';
    const bytes = full ? this.trackSize : secondsToBytes(cfg.tier, PREFETCH_START_S);
    const fromPeer = cfg.peerAssist && this.peerHas(listener, track);
    const from = fromPeer ? 'peer' : this.edgeServes(listener, track, measured) ? 'edge' : 'origin';
    if (measured) {
      this.totals.prefetches++;
      if (fromPeer) this.totals.bytesPeer += bytes;
      else this.totals.bytesServer += bytes;
    }
    if (full) listener.device.put(track);
    listener.prefetched = { track, full, bytes };
    this.ports.onPrefetch({ listener: listener.id, track, from, bytes });
  }
}
