/**
 * NODE ONLY. `npm run chat:cluster -- --gateways 3`: Redis (if installed) + N gateways behind the
 * balancer; prints the addresses; Ctrl-C / SIGTERM stops everything (by PID). Bad flags: exit 2.
 */
import { LB_POLICIES } from '../../simulations/chat/core/loadBalancer';
import { FANOUT_MODES } from '../../simulations/chat/core/fanout';
import { ChatCluster } from './cluster';
import { flagHelp, FlagError, parseFlags } from './flags';

export const CLUSTER_FLAGS = {
  gateways: { kind: 'number', integer: true, min: 1, max: 16, default: 3, help: 'gateway processes (more than 1 needs Redis)' },
  redis: { kind: 'enum', options: ['auto', 'required', 'off'], default: 'auto', help: 'auto: Redis when installed, else the embedded bus (one gateway)' },
  lb: { kind: 'enum', options: LB_POLICIES, default: 'least-connections', help: 'how the balancer picks a gateway' },
  'heartbeat-ms': { kind: 'number', min: 500, max: 120_000, default: 5000, help: 'client heartbeat interval the gateways announce' },
  'dead-peer-ms': { kind: 'number', min: 1000, max: 600_000, default: 15_000, help: 'a gateway closes a connection silent this long' },
  fanout: { kind: 'enum', options: FANOUT_MODES, default: 'hybrid', help: 'fan-out on write, on read, or hybrid' },
  'fanout-threshold': { kind: 'number', integer: true, min: 2, max: 1_000_000, default: 100, help: 'hybrid: groups up to this size fan out on write' },
  port: { kind: 'number', integer: true, min: 0, max: 65_535, default: 4100, help: 'balancer port on 127.0.0.1 (0 = any free port)' },
  'control-port': { kind: 'number', integer: true, min: 0, max: 65_535, default: 4101, help: 'control endpoint port (the lab\'s Real cluster tab reads it)' },
  help: { kind: 'switch', help: 'this help' },
} as const;

async function main(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, CLUSTER_FLAGS);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    for (const p of e.problems) console.error(`chat:cluster: ${p}`);
    console.error('usage: npm run chat:cluster -- [--gateways N] [...]; --help lists the flags');
    return 2;
  }
  if (flags.help) {
    console.log(`usage: npm run chat:cluster -- [flags]\n${flagHelp(CLUSTER_FLAGS)}`);
    return 0;
  }
  let cluster: ChatCluster;
  try {
    cluster = await ChatCluster.start({
      gateways: flags.gateways,
      redis: flags.redis as 'auto',
      lbPolicy: flags.lb as 'least-connections',
      heartbeatMs: flags['heartbeat-ms'],
      deadPeerTimeoutMs: flags['dead-peer-ms'],
      store: { fanout: flags.fanout as 'hybrid', fanoutThreshold: flags['fanout-threshold'] },
      balancerPort: flags.port,
      controlPort: flags['control-port'],
    });
  } catch (e) {
    console.error(`chat:cluster: ${(e as Error).message}`);
    return /needs Redis|not installed/.test((e as Error).message) ? 2 : 1;
  }
  const stats = await cluster.stats();
  console.log(`chat cluster (${cluster.mode === 'redis' ? `Redis pid ${cluster.redis!.pid} on 127.0.0.1:${cluster.redis!.port}` : 'embedded bus, no Redis'})`);
  for (const g of stats.gateways) console.log(`  gateway ${g.id}: ws://127.0.0.1:${g.port} (pid ${g.pid})`);
  console.log(`  balancer (${flags.lb}): ${cluster.balancerUrl}/?token=<device token>`);
  console.log(`  control: ${cluster.controlUrl}/api/stats`);
  console.log('Ctrl-C stops everything.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // started by a test or the bench (clusterChild.ts): stop when that process is gone
    const parent = Number(process.env.CHAT_CLUSTER_PARENT_PID);
    if (parent > 0) {
      setInterval(() => {
        try {
          process.kill(parent, 0);
        } catch {
          stop();
        }
      }, 1000).unref();
    }
  });
  console.log('stopping the chat cluster…');
  await cluster.stop();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
