/** The server's own answers: a rejection (reported as a `server.rejected` event), a JSON document, a 500. */
import { sanitizeForDisplay, TUS_VERSION } from './protocol';
import type { Reply, TusContext } from './context';

export function reject(ctx: Pick<TusContext, 'emit'>, method: string, status: number, reason: string, extra: Record<string, string> = {}): Reply {
  ctx.emit({ type: 'server.rejected', method, status, reason });
  return {
    status,
    headers: { 'Tus-Resumable': TUS_VERSION, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
    body: reason,
  };
}

export function internalError(ctx: Pick<TusContext, 'emit'>, method: string, error: unknown): Reply {
  return reject(ctx, method, 500, `internal error: ${sanitizeForDisplay(error instanceof Error ? error.message : String(error))}`);
}

export function json(status: number, value: unknown): Reply {
  return {
    status,
    headers: { 'Tus-Resumable': TUS_VERSION, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: JSON.stringify(value),
  };
}
