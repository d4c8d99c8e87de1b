/**
 * A reverse proxy in front of the tus server that buffers request bodies (nginx's default,
 * `proxy_request_buffering on`): the server sees a request only once the proxy holds its whole body.
 * A cut mid-body therefore reaches the server as nothing at all, and the committed offset stays
 * where it was: resuming loses the whole chunk in flight, not just the bytes in the pipe.
 * Requests without a body pass straight through.
 */
import { BodyChannel, ConnectionLost } from '../server/body';
import { run, wait, type Coroutine, type Future } from '../server/flow';
import type { SimEndpoint, SimServerRequest, SimServerResponse } from './simNetwork';

export class BufferingProxy implements SimEndpoint {
  constructor(private readonly upstream: SimEndpoint) {}

  get up(): boolean {
    return this.upstream.up;
  }

  onDown(listener: () => void): () => void {
    return this.upstream.onDown(listener);
  }

  handle(req: SimServerRequest): Future<SimServerResponse> {
    return run(this.forward(req));
  }

  private *forward(req: SimServerRequest): Coroutine<SimServerResponse> {
    if (!req.body) return yield* wait(this.upstream.handle(req));
    const chunks: Uint8Array[] = [];
    try {
      for (;;) {
        const chunk = yield* wait(req.body.read());
        if (chunk === null) break;
        chunks.push(chunk);
      }
    } catch (e) {
      if (!(e instanceof ConnectionLost)) throw e;
      // the client is gone and nothing was forwarded: the upstream never hears of this request
      return { status: 499, headers: {} };
    }
    const body = new BodyChannel();
    for (const c of chunks) body.push(c);
    body.end();
    return yield* wait(this.upstream.handle({ ...req, body }));
  }
}
