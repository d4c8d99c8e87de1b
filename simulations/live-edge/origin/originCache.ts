/**
 * The origin cache between the edges and the live server (the second tier). It sees the edges'
 * upstream requests for one segment and rendition; the first one misses and asks the live server,
 * whose answer lands F2 later. Without coalescing, every edge request that arrives in
 * [first, first + F2) also misses; with coalescing the live server sees exactly one request.
 */
import type { RandomStream } from '../../core/rng';
import { binomial } from '../edge/binomial';
import type { EdgeFill } from '../edge/edgeCache';

export function fillOrigin(fills: readonly EdgeFill[], fetchMs: number, coalesce: boolean, rng: RandomStream): number {
  if (fills.length === 0) return 0;
  if (coalesce) return 1;
  let first = Infinity;
  for (const f of fills) first = Math.min(first, f.firstMs);
  const closes = first + fetchMs;
  let misses = 0;
  for (const f of fills) {
    if (f.firstMs >= closes) continue;
    misses++;
    if (f.upstream > 1) {
      const overlap = f.spreadMs > 0 ? Math.max(0, Math.min(f.firstMs + f.spreadMs, closes) - f.firstMs) / f.spreadMs : 0;
      misses += binomial(f.upstream - 1, overlap, rng);
    }
  }
  return misses;
}
