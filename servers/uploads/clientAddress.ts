/**
 * NODE ONLY. Which client a request counts against for the per-address limits.
 *
 * The socket's peer address, unless that peer is a trusted proxy (off by default: `trustedProxies`
 * empty, env UPLOAD_TRUSTED_PROXIES="10.0.0.5,::1"); then the right-most X-Forwarded-For entry that is
 * not itself a trusted proxy (each proxy appends the address it saw, so entries further left are
 * whatever the client wrote). IPv6 addresses count per /64, the block one subscriber usually gets.
 */
import net from 'node:net';
import { AsyncLocalStorage } from 'node:async_hooks';

export function clientKey(address: string | undefined | null): string | null {
  if (!address) return null;
  let a = address.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  const kind = net.isIP(a);
  if (kind === 4) return a;
  if (kind !== 6) return null;
  return `${expandIPv6(a).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(a: string): string[] {
  const [head, tail = ''] = a.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = a.includes('::') && tail ? tail.split(':') : [];
  const fill = a.includes('::') ? Array(Math.max(0, 8 - h.length - t.length)).fill('0') : [];
  return [...h, ...fill, ...t].map((x) => x.replace(/^0+(?=.)/, ''));
}

export function parseTrustedProxies(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => net.isIP(s.replace(/^::ffff:/i, '')) !== 0);
}

/** The client key of a request that reached us from `peer` with this X-Forwarded-For. */
export function requestClient(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: readonly string[]): string | null {
  const peerKey = clientKey(peer);
  if (trustedProxies.length === 0 || forwardedFor === undefined) return peerKey;
  const trusted = new Set(trustedProxies.map((p) => clientKey(p)));
  if (!trusted.has(peerKey)) return peerKey;
  const hops = forwardedFor.split(',').map((s) => s.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const key = clientKey(hops[i]);
    if (key === null) return peerKey; // garbage: do not let it pick a bucket
    if (!trusted.has(key)) return key;
  }
  return peerKey;
}

/**
 * Our app server (servers/app) runs Next's handler inside this context, so the upload route handler
 * learns the client's address, which a WHATWG Request does not carry. Absent (next dev): unknown.
 */
export const requestContext = new AsyncLocalStorage<{ client: string | null }>();

const KEY = Symbol.for('system-design-lab.request-context');
/** One instance per process even when Next bundles a second copy of this module into a route. */
export function sharedRequestContext(): AsyncLocalStorage<{ client: string | null }> {
  const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<{ client: string | null }> | undefined>;
  return (g[KEY] ??= requestContext);
}
