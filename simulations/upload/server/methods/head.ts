/** tus core: HEAD answers the upload's offset (and length, metadata, expiry). */
import type { Coroutine } from '../flow';
import { formatMetadata, httpDate, TUS_VERSION } from '../protocol';
import type { Reply, TusContext, TusRequest } from '../context';
import { loadOwned, lockOrFail } from '../access';

export function* head(ctx: TusContext, req: Required<TusRequest>, id: string): Coroutine<Reply> {
  const found = yield* loadOwned(ctx, req, id);
  if ('status' in found) return found;
  // Take the lock so a PATCH still streaming commits first: the offset we answer is then final
  // and will be accepted by the client's next PATCH.
  const release = yield* lockOrFail(ctx, 'HEAD', id);
  if (typeof release !== 'function') return release;
  try {
    const fresh = yield* loadOwned(ctx, req, id);
    if ('status' in fresh) return fresh;
    const { record, offset } = fresh;
    const headers: Record<string, string> = {
      'Tus-Resumable': TUS_VERSION,
      'Cache-Control': 'no-store',
      'Upload-Offset': String(offset),
    };
    if (record.length === null) headers['Upload-Defer-Length'] = '1';
    else headers['Upload-Length'] = String(record.length);
    if (record.metadata.length) headers['Upload-Metadata'] = formatMetadata(record.metadata);
    if (record.state === 'open') headers['Upload-Expires'] = httpDate(record.expiresAt);
    return { status: 200, headers };
  } finally {
    release();
  }
}
