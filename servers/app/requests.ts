/** NODE ONLY. Requests the app server answers itself, before Next sees them. */
import type http from 'node:http';
// the same security headers as every response Next serves (CSP, framing, nosniff, referrer, features)
import { securityHeaders } from '../../next.config.mjs';

/** The path of a request URL decodes (percent-encoding well formed, valid UTF-8), or not. */
export function wellFormedPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?', 1)[0];
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function badRequest(res: http.ServerResponse, message: string): void {
  const body = `${message}\n`;
  res.writeHead(400, {
    ...Object.fromEntries(securityHeaders.map((h) => [h.key, h.value])),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(body);
}
