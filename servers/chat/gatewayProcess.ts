/**
 * NODE ONLY. A gateway as a child process of the cluster (`cluster.ts` forks it with an IPC channel).
 * Environment: CHAT_GATEWAY_ID, CHAT_SECRET (64 hex), CHAT_REDIS_PORT (empty: embedded store),
 * CHAT_OPTIONS (JSON: store config, heartbeatMs, deadPeerTimeoutMs).
 * IPC: sends {type:'listening', port}; answers {type:'stats', gc?} with its stats and memory, and
 * {type:'admin', op, args, reqId} (store operations the control endpoint needs when the store lives
 * here, i.e. the embedded bus).
 */
import { EmbeddedStore } from './embeddedStore';
import { startGateway } from './gateway';
import { RedisStore } from './redisStore';
import type { ChatStore, StoreConfig } from './store';
import { DeviceTokens } from './token';

interface GatewayProcessOptions {
  store: StoreConfig;
  heartbeatMs: number;
  deadPeerTimeoutMs: number;
}

const id = Number(process.env.CHAT_GATEWAY_ID);
const options = JSON.parse(process.env.CHAT_OPTIONS ?? '{}') as GatewayProcessOptions;
const redisPort = Number(process.env.CHAT_REDIS_PORT || 0);
const store: ChatStore = redisPort ? await RedisStore.open({ port: redisPort, config: options.store }) : new EmbeddedStore(options.store);
const gateway = await startGateway({ id, store, tokens: new DeviceTokens(process.env.CHAT_SECRET ?? ''), heartbeatMs: options.heartbeatMs, deadPeerTimeoutMs: options.deadPeerTimeoutMs });

type AdminOp = 'addConversations' | 'enroll' | 'counters' | 'presentUsers';
process.on('message', (m: { type?: string; op?: AdminOp; args?: unknown[]; reqId?: number; gc?: boolean }) => {
  if (m?.type === 'stats') {
    // a full collection first when asked (the bench's memory per connection; started with --expose-gc)
    if (m.gc) (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    process.send?.({ type: 'stats', stats: gateway.stats(), rssBytes: mem.rss, heapUsedBytes: mem.heapUsed });
  } else if (m?.type === 'admin' && m.op) {
    const call = (store[m.op] as (...a: unknown[]) => Promise<unknown>).bind(store);
    call(...(m.args ?? [])).then(
      (result) => process.send?.({ type: 'admin', reqId: m.reqId, result }),
      (e: Error) => process.send?.({ type: 'admin', reqId: m.reqId, error: e.message }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'listening', port: gateway.port });
