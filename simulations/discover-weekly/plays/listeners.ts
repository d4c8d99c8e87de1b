/**
 * A seeded synthetic music service: tracks in latent genres with skewed popularity, listeners who
 * mostly play one genre and dip into a second, Poisson-like play counts, one playlist per listener
 * (the article's playlist × song view), and "audio" content features per track (what a model of
 * the raw audio would estimate, research §5.2). Nothing here knows about ALS: the genres are what
 * the factorisation has to discover on its own. A fifth of plays are strays (one play of anything);
 * in-taste tracks get replayed, so play counts carry the signal confidence weighting needs.
 */
import { DetMath } from '../../core/math';
import type { Rng, RandomStream } from '../../core/rng';
import { fromTriplets, type PlayMatrix, type PlayTriplet } from './playMatrix';

export const GENRE_NAMES = ['Indie folk', 'Techno', 'Jazz', 'Hip-hop', 'Classical', 'Metal', 'Reggae', 'K-pop'] as const;
export const MAX_GENRES = GENRE_NAMES.length;
/** Tracks per listener playlist. */
export const PLAYLIST_LENGTH = 8;
/** Share of plays that are strays (one play of any track): the noise that confidence weighting discounts. */
export const STRAY_SHARE = 0.1;
/** Share of plays that replay a track the listener already chose (favourites pile up plays). */
export const REPLAY_SHARE = 0.4;
/** Content features per track: one per genre ("sounds like") plus tempo and energy. */
export const contentDims = (genres: number) => genres + 2;

export interface ListenersConfig {
  users: number;
  tracks: number;
  genres: number;
  /** mean plays per listener (lognormal spread around it) */
  playsPerUser: number;
  /** share of a listener's plays in their main genre, 0–1 */
  genreFocus: number;
  /** fraction of each listener's played tracks held out for evaluation, 0–0.9 */
  holdoutFraction: number;
  /** noise on the content features (0 = the audio model reads the genre perfectly) */
  contentNoise: number;
  /** plays a learner added by hand (never held out) */
  extraPlays: readonly PlayTriplet[];
}

export interface Catalogue {
  genres: number;
  /** genre of each track; index `tracks` is the brand-new (cold-start) track */
  trackGenre: Int32Array;
  /** main genre of each user */
  userGenre: Int32Array;
  /** content features, (tracks + 1) × contentDims, row-major (the cold-start track last) */
  content: Float64Array;
  /** plays the model trains on */
  train: PlayMatrix;
  /** held-out plays (the "future" the model is judged on) */
  test: PlayMatrix;
  /** playlists: PLAYLIST_LENGTH track ids each (a listener's most played) */
  playlists: Int32Array[];
  /** the cold-start track: its genre and id (= tracks) */
  coldTrack: number;
}

/** Index of the first cumulative weight above u · total (binary search). */
function pickWeighted(cumulative: Float64Array, from: number, to: number, u: number): number {
  const target = cumulative[from] + u * (cumulative[to] - cumulative[from]);
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid + 1] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Tracks of genre g are the contiguous block [genreStart(g), genreStart(g + 1)). */
export function genreStart(g: number, tracks: number, genres: number): number {
  return Math.floor((g * tracks) / genres);
}

function tasteOf(main: number, second: number, genres: number, focus: number): Float64Array {
  const taste = new Float64Array(genres);
  if (genres === 1) {
    taste[0] = 1;
    return taste;
  }
  const rest = 1 - focus;
  const others = genres - 2;
  taste[main] = focus;
  taste[second] += others > 0 ? rest * 0.7 : rest;
  if (others > 0) for (let g = 0; g < genres; g++) if (g !== main && g !== second) taste[g] += (rest * 0.3) / others;
  return taste;
}

export function generateListeners(cfg: ListenersConfig, rng: Rng): Catalogue {
  const { users, tracks, genres } = cfg;
  const catalogue: RandomStream = rng.stream('catalogue');
  const listeners: RandomStream = rng.stream('listeners');
  const listening: RandomStream = rng.stream('listening');
  const holdout: RandomStream = rng.stream('holdout');
  const audio: RandomStream = rng.stream('audio');

  const trackGenre = new Int32Array(tracks + 1);
  for (let g = 0; g < genres; g++) trackGenre.fill(g, genreStart(g, tracks, genres), genreStart(g + 1, tracks, genres));
  const coldTrack = tracks;
  trackGenre[coldTrack] = catalogue.int(0, genres - 1);
  // popularity: lognormal weights (a few hits per genre, a long tail)
  const cumulative = new Float64Array(tracks + 1);
  for (let i = 0; i < tracks; i++) cumulative[i + 1] = cumulative[i] + catalogue.lognormal(0, 0.8);

  const dims = contentDims(genres);
  const content = new Float64Array((tracks + 1) * dims);
  for (let i = 0; i <= tracks; i++) {
    for (let d = 0; d < dims; d++) content[i * dims + d] = (d === trackGenre[i] ? 1 : 0) + audio.normal(0, cfg.contentNoise);
  }

  const userGenre = new Int32Array(users);
  const plays: PlayTriplet[] = [];
  for (let u = 0; u < users; u++) {
    const main = listeners.int(0, genres - 1);
    const second = genres > 1 ? (main + listeners.int(1, genres - 1)) % genres : main;
    userGenre[u] = main;
    const taste = tasteOf(main, second, genres, cfg.genreFocus);
    const count = Math.max(1, Math.round(listeners.lognormal(DetMath.log(cfg.playsPerUser) - 0.18, 0.6)));
    const inTaste: number[] = [];
    for (let k = 0; k < count; k++) {
      const kind = listening.next();
      if (kind < STRAY_SHARE) {
        // autoplay, a friend's link, a wrong tap: one play of anything
        plays.push({ row: u, col: listening.int(0, tracks - 1), count: 1 });
        continue;
      }
      if (inTaste.length > 0 && kind < STRAY_SHARE + REPLAY_SHARE) {
        const again = inTaste[listening.int(0, inTaste.length - 1)];
        inTaste.push(again);
        plays.push({ row: u, col: again, count: 1 });
        continue;
      }
      let g = 0;
      let u01 = listening.next();
      while (g < genres - 1 && u01 >= taste[g]) u01 -= taste[g++];
      const from = genreStart(g, tracks, genres);
      const to = genreStart(g + 1, tracks, genres);
      if (to <= from) continue;
      const track = pickWeighted(cumulative, from, to, listening.next());
      inTaste.push(track);
      plays.push({ row: u, col: track, count: 1 });
    }
  }
  const all = fromTriplets(users, tracks, plays);

  // hold out a fraction of each listener's distinct tracks (all of their plays), keeping one to train on
  const train: PlayTriplet[] = [];
  const test: PlayTriplet[] = [];
  for (let u = 0; u < users; u++) {
    const start = all.rowStart[u];
    const end = all.rowStart[u + 1];
    let kept = 0;
    for (let e = start; e < end; e++) {
      const last = e === end - 1;
      const held = holdout.next() < cfg.holdoutFraction && !(last && kept === 0);
      (held ? test : train).push({ row: u, col: all.col[e], count: all.count[e] });
      if (!held) kept++;
    }
  }
  for (const t of cfg.extraPlays) train.push(t);
  const trainMatrix = fromTriplets(users, tracks, train);
  const testMatrix = fromTriplets(users, tracks, test.filter((t) => trainMatrixHasNot(trainMatrix, t)));

  const playlists: Int32Array[] = [];
  for (let u = 0; u < users; u++) {
    const start = trainMatrix.rowStart[u];
    const end = trainMatrix.rowStart[u + 1];
    const order = Array.from({ length: end - start }, (_, k) => start + k).sort((a, b) => trainMatrix.count[b] - trainMatrix.count[a] || a - b);
    if (order.length >= 2) playlists.push(Int32Array.from(order.slice(0, PLAYLIST_LENGTH), (e) => trainMatrix.col[e]));
  }
  return { genres, trackGenre, userGenre, content, train: trainMatrix, test: testMatrix, playlists, coldTrack };
}

/** A learner's added play on a held-out pair makes it a training pair: it is no longer a test. */
function trainMatrixHasNot(train: PlayMatrix, t: PlayTriplet): boolean {
  for (let e = train.rowStart[t.row]; e < train.rowStart[t.row + 1]; e++) if (train.col[e] === t.col) return false;
  return true;
}
