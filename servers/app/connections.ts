/**
 * NODE ONLY. Connection limits for our HTTP servers (the app server and the upload test server).
 *
 * Node's defaults cut the wrong things: `requestTimeout` (300 s) cut an honest 64 KiB/s upload at
 * 309.6 s, while nothing closed idle sockets (3,000 stayed open; past the open-file limit every page
 * failed). So:
 * - `requestTimeout` 0: a request body may take as long as it keeps moving. The upload core's own
 *   guards (idle read timeout, minimum rate) cut bodies that stall or trickle.
 * - `headersTimeout`: a client must finish its request headers within this (slow-loris headers).
 *   Node checks every `connectionsCheckingInterval`, and it also covers a socket that sends nothing.
 * - `keepAliveTimeout`: an idle keep-alive socket is closed after this.
 * - `socketIdleTimeout`: any socket with no traffic either way for this long is closed.
 * - a connection cap below the open-file limit. At the cap, a new connection evicts the oldest
 *   socket that has no request in progress (idle, or still sending headers); when every socket is
 *   busy, the new one gets a bare 503 and is closed. Thousands of idle sockets therefore cost at
 *   most `maxConnections` descriptors and never lock out a client that actually sends a request.
 */
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionSettings {
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  socketIdleTimeoutMs: number;
  maxConnections: number;
  /** how often Node checks headersTimeout (ms) */
  checkIntervalMs: number;
}

/** Three quarters of the soft open-file limit, less room for files; 4,096 at most. */
export function defaultMaxConnections(): number {
  let soft = 1024;
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) soft = Number(m[1]);
  } catch {
    // not Linux: assume the common 1,024
  }
  return Math.max(16, Math.min(4096, Math.floor(soft * 0.75) - 64));
}

export function defaultConnectionSettings(env: Record<string, string | undefined> = process.env): ConnectionSettings {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    return v !== undefined && /^[0-9]{1,9}$/.test(v) ? Number(v) : fallback;
  };
  return {
    headersTimeoutMs: num('SDLAB_HEADERS_TIMEOUT_MS', 20_000),
    keepAliveTimeoutMs: num('SDLAB_KEEPALIVE_TIMEOUT_MS', 5_000),
    socketIdleTimeoutMs: num('SDLAB_SOCKET_IDLE_TIMEOUT_MS', 120_000),
    maxConnections: num('SDLAB_MAX_CONNECTIONS', defaultMaxConnections()),
    checkIntervalMs: num('SDLAB_CONNECTION_CHECK_MS', 1_000),
  };
}

/** Options for http.createServer. */
export function serverOptions(s: ConnectionSettings): http.ServerOptions {
  return {
    requestTimeout: 0,
    headersTimeout: s.headersTimeoutMs,
    keepAliveTimeout: s.keepAliveTimeoutMs,
    connectionsCheckingInterval: s.checkIntervalMs,
  };
}

export interface ConnectionStats {
  open: number;
  busy: number;
  evicted: number;
  refused: number;
  peak: number;
}

interface Tracked {
  active: number;
}

const REFUSAL = 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nRetry-After: 5\r\nContent-Length: 34\r\n\r\nserver busy: too many connections\n';

/** Apply the timeouts and the cap to `server` (created with `serverOptions`). */
export interface ConnectionGuard {
  stats(): ConnectionStats;
  /** A socket that got the 503 refusal: the request handler must not serve it. */
  isRefused(socket: Socket): boolean;
}

export function guardConnections(server: http.Server, s: ConnectionSettings): ConnectionGuard {
  server.requestTimeout = 0;
  server.headersTimeout = s.headersTimeoutMs;
  server.keepAliveTimeout = s.keepAliveTimeoutMs;
  server.setTimeout(s.socketIdleTimeoutMs, (socket: Socket) => socket.destroy());
  // Insertion order = age of the last change, oldest first: an idle socket re-enters at the end.
  const sockets = new Map<Socket, Tracked>();
  const stats = { evicted: 0, refused: 0, peak: 0 };
  const refusedSockets = new WeakSet<Socket>();
  let busy = 0;

  server.on('connection', (socket: Socket) => {
    if (sockets.size >= s.maxConnections) {
      let victim: Socket | null = null;
      for (const [sock, t] of sockets) {
        if (t.active === 0) {
          victim = sock;
          break;
        }
      }
      if (victim) {
        sockets.delete(victim);
        victim.destroy();
        stats.evicted++;
      } else {
        stats.refused++;
        refusedSockets.add(socket);
        socket.on('error', () => undefined);
        socket.end(REFUSAL, () => socket.destroy());
        return;
      }
    }
    sockets.set(socket, { active: 0 });
    stats.peak = Math.max(stats.peak, sockets.size);
    socket.once('close', () => {
      const t = sockets.get(socket);
      if (t) busy -= t.active;
      sockets.delete(socket);
    });
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    const t = sockets.get(socket);
    if (!t) return;
    t.active++;
    busy++;
    res.once('close', () => {
      const now = sockets.get(socket);
      if (now !== t) return;
      t.active--;
      busy--;
      // idle again: move to the end (the youngest idle socket is evicted last)
      sockets.delete(socket);
      sockets.set(socket, t);
    });
  });

  return { stats: () => ({ open: sockets.size, busy, ...stats }), isRefused: (socket) => refusedSockets.has(socket) };
}
