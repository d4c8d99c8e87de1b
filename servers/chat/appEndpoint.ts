/**
 * NODE ONLY. What the lab's app server answers under /api/chat-cluster (app/api/chat-cluster/…): the
 * running cluster's figures, read from its control endpoint on loopback, and fault requests forwarded
 * to it. With no cluster running, GET answers {running: false} (200), so the page works without one.
 *
 * The control endpoint is http://127.0.0.1:4101 (what `npm run chat:cluster` listens on), or
 * CHAT_CLUSTER_CONTROL, which must name a loopback address.
 */
const DEFAULT_CONTROL = 'http://127.0.0.1:4101';

export function controlUrl(env: string | undefined = process.env.CHAT_CLUSTER_CONTROL): string {
  if (!env) return DEFAULT_CONTROL;
  try {
    const u = new URL(env);
    if (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]')) return u.origin;
  } catch {
    // fall through
  }
  console.warn(`CHAT_CLUSTER_CONTROL=${JSON.stringify(env)} is ignored: it must be an http URL on 127.0.0.1`);
  return DEFAULT_CONTROL;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });

export async function chatClusterStatus(): Promise<Response> {
  const control = controlUrl();
  try {
    const res = await fetch(`${control}/api/stats`, { signal: AbortSignal.timeout(1500), cache: 'no-store' });
    if (!res.ok) return json(200, { running: false, reason: `the control endpoint answered ${res.status}` });
    return json(200, { running: true, stats: await res.json() });
  } catch {
    return json(200, { running: false, reason: 'no chat cluster is running (start one: npm run chat:cluster -- --gateways 3)' });
  }
}

export async function chatClusterFault(req: Request): Promise<Response> {
  const text = await req.text();
  if (text.length > 1000) return json(400, { error: 'body too large' });
  try {
    const res = await fetch(`${controlUrl()}/api/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text, signal: AbortSignal.timeout(5000) });
    return json(res.status, await res.json());
  } catch {
    return json(503, { error: 'no chat cluster is running' });
  }
}
