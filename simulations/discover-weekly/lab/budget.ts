/**
 * The Discover Weekly lab's work budget (core/budget.ts), from the params alone.
 *
 * Events: one per work item (als/training.ts): per sweep users + 2, tracks + 2 and users + 1,
 * then one cold-start item. Bytes: the play matrices (all, train, test, train transposed: 12 bytes
 * an entry, and the triplets they are built from, ~100 bytes each), the factors in the run and in
 * every checkpoint ((users + tracks) · f · 8 bytes), the frame's caches and small change.
 */
import type { WorkEstimate } from '../../core/budget';
import { MAX_CHECKPOINTS } from '../../core/runner';
import type { DiscoverWeeklyParams } from './schema';

const TRIPLET_BYTES = 100;
const ENTRY_BYTES = 12;
const BASE_BYTES = 2 << 20;

export function estimateDiscoverWeekly(p: DiscoverWeeklyParams): WorkEstimate {
  const events = 2 + p.iterations * (2 * p.users + p.tracks + 5);
  const plays = Math.min(p.users * p.tracks, p.users * p.playsPerUser * 1.5) + p.extraPlays.length;
  const matrices = plays * (TRIPLET_BYTES + 4 * ENTRY_BYTES) + (p.users + p.tracks) * 4 * 4;
  const factorBytes = (p.users + p.tracks + 1) * p.factors * 8 + p.users * 8;
  const bytes = BASE_BYTES + matrices + factorBytes * (MAX_CHECKPOINTS + 3);
  return { events, bytes, drivers: ['users', 'tracks', 'factors', 'iterations'] };
}
