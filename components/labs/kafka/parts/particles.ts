/**
 * Batches in flight, drawn as a bounded sample of moving dots. They come from the run's event log
 * (batch-sent / batch-acked / batch-retry / batch-expired / batch-failed), never one element per
 * record. A produce round trip takes a few virtual ms, far too short to see, so each batch is drawn
 * travelling for `windowMs` of virtual time after its event (the legend says so).
 */
import { upperBoundByTime, type Logged } from '@/simulations/core/recorder';
import type { KafkaEvent } from '@/simulations/kafka';
import type { Point } from './layout';

export const MAX_PARTICLES = 120;

export type ParticleKind = 'send' | 'ack' | 'retry' | 'fail';

export interface Particle {
  x: number;
  y: number;
  kind: ParticleKind;
  /** 0..1 through its trip */
  progress: number;
}

/** How long a batch is drawn travelling (virtual ms): ≈ 1/200 of the run, 60 ms to 1.5 s. */
export function particleWindowMs(horizonMs: number): number {
  return Math.max(60, Math.min(1500, horizonMs / 200));
}

export interface ParticlePlaces {
  /** row of a partition in the picture, or -1 when it is not drawn */
  row(partition: number): number;
  producerOut(row: number): Point;
  brokerIn(row: number, broker: number): Point;
  /** current leader of a partition (for acks whose send is older than the lookback) */
  leaderOf(partition: number): number;
}

const lerp = (a: Point, b: Point, f: number): Point => ({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f });

interface Candidate {
  t: number;
  kind: ParticleKind;
  partition: number;
  node: number;
}

/**
 * The particles at `now`: events in (now − windowMs, now], evenly thinned to at most `limit`
 * (deterministic: the same run and time give the same picture). Sends are looked up over twice the
 * window so an ack knows which broker answered.
 */
export function particlesAt(events: readonly Logged<KafkaEvent>[], now: number, windowMs: number, limit: number, places: ParticlePlaces): Particle[] {
  const end = upperBoundByTime(events, now);
  const lookback = upperBoundByTime(events, now - 2 * windowMs);
  const nodeOfBatch = new Map<number, number>();
  const candidates: Candidate[] = [];
  for (let i = lookback; i < end; i++) {
    const e = events[i];
    const recent = e.t > now - windowMs;
    switch (e.type) {
      case 'batch-sent':
        nodeOfBatch.set(e.batch, e.node);
        if (recent) candidates.push({ t: e.t, kind: 'send', partition: e.partition, node: e.node });
        break;
      case 'batch-acked':
        if (recent) candidates.push({ t: e.t, kind: 'ack', partition: e.partition, node: nodeOfBatch.get(e.batch) ?? places.leaderOf(e.partition) });
        break;
      case 'batch-retry':
        if (recent) candidates.push({ t: e.t, kind: 'retry', partition: e.partition, node: nodeOfBatch.get(e.batch) ?? places.leaderOf(e.partition) });
        break;
      case 'batch-expired':
      case 'batch-failed':
        if (recent) candidates.push({ t: e.t, kind: 'fail', partition: e.partition, node: nodeOfBatch.get(e.batch) ?? -1 });
        break;
    }
  }
  const stride = Math.max(1, Math.ceil(candidates.length / Math.max(1, limit)));
  const out: Particle[] = [];
  for (let i = candidates.length - 1; i >= 0 && out.length < limit; i -= stride) {
    const c = candidates[i];
    const row = places.row(c.partition);
    if (row < 0) continue;
    const progress = Math.max(0, Math.min(1, (now - c.t) / windowMs));
    const from = places.producerOut(row);
    const node = c.node >= 0 ? c.node : places.leaderOf(c.partition);
    const to = node >= 0 ? places.brokerIn(row, node) : from;
    let at: Point;
    switch (c.kind) {
      case 'send':
        at = lerp(from, to, progress);
        break;
      case 'ack':
        at = lerp(to, from, progress);
        at.y += 3;
        break;
      case 'retry':
        // bounces back from the broker half way, then waits for its retry
        at = lerp(to, from, Math.min(0.5, progress));
        at.y -= 3;
        break;
      default:
        at = { x: from.x - 6, y: from.y };
    }
    out.push({ x: at.x, y: at.y, kind: c.kind, progress });
  }
  return out;
}
