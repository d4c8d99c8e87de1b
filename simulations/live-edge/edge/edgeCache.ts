/**
 * One edge PoP's cache meeting one new live segment (one rendition). Its n viewers each ask for the
 * segment at a uniform time in [0, J] after it is published (they poll the playlist every segment
 * duration). The first request misses and goes upstream; the fill lands F later.
 *
 * - Without coalescing every request that arrives before the fill lands also misses and goes
 *   upstream: the thundering herd (Facebook's "Broadcasting live video to millions", 2015).
 * - With coalescing the later requests wait for the first one's fill: exactly one upstream request.
 *
 * Sampled exactly by order statistics: the first of n uniforms on [0, J] is J·(1 − U^(1/n)); given
 * it, the other n − 1 are uniform on (t1, J), and those within F of t1 are misses.
 */
import { DetMath } from '../../core/math';
import type { RandomStream } from '../../core/rng';
import { binomial } from './binomial';

export interface EdgeFill {
  viewers: number;
  /** first request, ms after publication */
  firstMs: number;
  /** requests sent upstream (misses) */
  upstream: number;
  /** the upstream requests after the first are spread uniformly over (firstMs, firstMs + spreadMs) */
  spreadMs: number;
}

export function fillEdge(viewers: number, windowMs: number, fetchMs: number, coalesce: boolean, rng: RandomStream): EdgeFill | null {
  if (viewers <= 0) return null;
  const firstMs = windowMs * (1 - DetMath.pow(rng.next(), 1 / viewers));
  const rest = windowMs - firstMs;
  const spreadMs = Math.min(fetchMs, rest);
  if (coalesce) return { viewers, firstMs, upstream: 1, spreadMs: 0 };
  const late = rest > 0 ? binomial(viewers - 1, spreadMs / rest, rng) : 0;
  return { viewers, firstMs, upstream: 1 + late, spreadMs };
}

/** The research model's expectation of one edge's upstream requests: min(n, 1 + n·F/J) (other-topics §2.3). */
export function expectedUpstream(viewers: number, windowMs: number, fetchMs: number): number {
  if (viewers <= 0) return 0;
  return Math.min(viewers, 1 + (viewers * fetchMs) / windowMs);
}
