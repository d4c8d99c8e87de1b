/**
 * Browser transport on fetch(). Same-origin, so the HttpOnly session cookie rides along.
 * fetch has no upload progress; onProgress is reported once the request body is handed over.
 */
import type { HttpTransport } from '@/simulations/upload';

export function createFetchTransport(): HttpTransport {
  return {
    send(request, callbacks) {
      const controller = new AbortController();
      let done = false;
      fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body as BodyInit | undefined,
        signal: controller.signal,
        credentials: 'same-origin',
        cache: 'no-store',
      }).then(
        async (res) => {
          const headers: Record<string, string> = {};
          res.headers.forEach((v, k) => (headers[k] = v));
          const body = request.method === 'HEAD' ? '' : await res.text();
          if (request.body) callbacks.onProgress?.(request.body.length);
          done = true;
          callbacks.onResponse({ status: res.status, headers, body });
        },
        (e: unknown) => {
          if (done) return;
          done = true;
          callbacks.onError(e instanceof Error ? e : new Error(String(e)));
        },
      );
      // LOUD: aborting a finished fetch (e.g. a HEAD whose body was never read) makes browsers log a failed request
      return { abort: () => (done ? undefined : controller.abort()) };
    },
  };
}
