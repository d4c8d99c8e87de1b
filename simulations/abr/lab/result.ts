/** The --json document: per player, the lab's JSON result of the session so far. */
import type { SimContext } from '../../core/lab';
import { summarize, toJsonResult, type ChunkRecord, type JsonResult } from '../session/types';
import type { AbrModel } from './model';

/** Per-player results from what has happened so far (complete once every player has ended). */
export function abrResult(model: AbrModel, ctx: SimContext): JsonResult[] {
  const now = ctx.scheduler.now;
  return model.players.map((p) => {
    let chunks: ChunkRecord[];
    let startupS: number;
    if (p.reference) {
      chunks = p.reference.chunks.filter((c) => c.completeMs <= now);
      startupS = chunks.length ? chunks[0].rebufferS : 0;
    } else {
      chunks = p.core!.chunks;
      startupS = (p.core!.startupDelayMs ?? 0) / 1000;
    }
    const summary = summarize(chunks, startupS);
    return toJsonResult({ ...summary, trace: model.trace.name, algorithm: p.algorithm, mode: model.mode, chunks, endMs: p.endedAtMs ?? NaN });
  });
}
