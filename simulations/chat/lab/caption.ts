/**
 * `lab.caption`: one line a learner reads for each event the chat lab logs. By default a run logs
 * a snapshot of the fleet with the chart samples (bounded per run), faults, gateway lifecycle changes
 * and the end of a reconnect storm; sends, deliveries, presence
 * changes and reconnects are logged only with `traceMessages` (they are per message). A plain
 * function of the event; numbers that could be missing print as "?", never NaN, null or undefined.
 */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import { PRESENCE_AWAY, PRESENCE_ONLINE } from '../core/presence';
import type { ChatEvent } from './series';

function n(x: number | undefined | null, digits = 0): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '?';
  return numberText(x, digits);
}

const GATEWAY_STATES: Record<string, string> = {
  up: 'is up: accepting connections',
  down: 'is down: its connections are gone, it restarts',
  dead: 'is dead: it will not come back',
  draining: 'is draining: it asks its clients to move',
  partitioned: 'is cut off from the load balancer and its clients',
  partitionedForever: 'is cut off for good',
};

export function chatCaption(e: Logged<ChatEvent>): string | null {
  switch (e.type) {
    case 'fault': {
      const f = e.fault;
      const what = f.type === 'gateway-crash' ? 'crashes' : f.type === 'drain' ? 'starts draining' : 'is partitioned';
      const back = f.durationMs !== undefined ? ` (for ${n(f.durationMs / 1000, 1)} s)` : '';
      return `Fault: gateway ${n(f.gateway)} ${what}${back}`;
    }
    case 'gateway':
      return `Gateway ${n(e.gateway)} ${GATEWAY_STATES[e.state] ?? `is ${e.state}`}`;
    case 'recovered':
      return `Reconnect storm over: every device is back online ${n(e.recoverMs / 1000, 1)} s after the fault`;
    case 'reconnected':
      return `Device ${n(e.device)} reconnected after ${e.attempts === 1 ? '1 attempt' : `${n(e.attempts)} attempts`}`;
    case 'send':
      return e.group >= 0
        ? `Message ${n(e.msg)}: user ${n(e.sender)} writes to group ${n(e.group)} (${n(e.size)} members)`
        : `Message ${n(e.msg)}: user ${n(e.sender)} writes to user ${n(e.to)}`;
    case 'deliver':
      return `Message ${n(e.msg)} delivered to user ${n(e.user)} (device ${n(e.device)}) ${e.via === 'socket' ? 'over its socket' : 'by sync on reconnect'} in ${n(e.latencyMs, 1)} ms`;
    case 'offline':
      return `Message ${n(e.msg)} waits in user ${n(e.user)}'s offline queue`;
    case 'presence':
      return `User ${n(e.user)} is now ${e.status === PRESENCE_ONLINE ? 'online' : e.status === PRESENCE_AWAY ? 'away' : 'offline'}`;
    case 'snapshot':
      return `${n(e.connected)} of ${n(e.devices)} devices that want to be online are connected · ${n(e.sendsPerSec)} messages/s · p99 ${n(e.p99Ms, 1)} ms${e.reconnectsPerSec > 0 ? ` · ${n(e.reconnectsPerSec)} reconnect attempts/s` : ''}`;
    default:
      return null;
  }
}
