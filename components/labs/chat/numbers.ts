/**
 * The numbers beside the topology: what the run has done so far, with the back-of-envelope
 * formula each one checks against (chat-fanout.md §8(b)).
 */
import type { ChatResult } from '@/simulations/chat/sim/model';
import { formatNumber } from '@/components/charts/format';

export interface NumberRow {
  label: string;
  value: string;
  /** how to read it / the formula */
  note?: string;
}

const n = (v: number | null | undefined, unit = ''): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${formatNumber(v)}${unit ? ` ${unit}` : ''}`);

export function chatNumberRows(r: ChatResult, nowMs: number, heartbeatMs: number): NumberRow[] {
  const seconds = nowMs / 1000;
  const deliveries = r.sends > 0 ? (r.realtimeWrites + r.offlineEnqueues) / r.sends : null;
  const by = r.gatewaysNeededBy;
  const binding = by.memory >= by.fd && by.memory >= by.cpu ? 'memory' : by.fd >= by.cpu ? 'file descriptors' : 'CPU';
  const rc = r.reconnect;
  return [
    { label: 'Devices connected', value: `${n(r.connectedDevices)} of ${n(r.peakDemandDevices)}`, note: 'peak demand: devices of users who want to be online' },
    { label: 'Gateways needed', value: n(r.gatewaysNeeded), note: `max(⌈N·m/RAM⌉ = ${by.memory}, ⌈N/fd⌉ = ${by.fd}, CPU = ${by.cpu}); ${binding} binds` },
    { label: 'Max connections per gateway', value: n(r.maxConnectionsPerGateway), note: `min(RAM ÷ ${formatNumber(r.memoryPerConnectionKB)} KB, fd limit)` },
    { label: 'Deliveries per message', value: n(deliveries), note: 'socket writes + offline enqueues per send (WhatsApp 2012: ≈1.57)' },
    { label: 'Heartbeats per second', value: n(seconds > 0 ? r.heartbeats / seconds : null, '/s'), note: `≈ N / h, h = ${formatNumber(heartbeatMs / 1000)} s` },
    { label: 'Presence deliveries', value: n(r.presenceDeliveries), note: `${n(r.presenceChanges)} changes; naive broadcast grows as n²` },
    { label: 'Delivery latency p50 / p99 / max', value: `${n(r.deliveryLatencyMs.p50)} / ${n(r.deliveryLatencyMs.p99)} / ${n(r.deliveryLatencyMs.max)} ms` },
    { label: 'Receipts', value: n(r.receipts), note: `${n(r.deliveredReceipts)} delivered, ${n(r.readReceipts)} read` },
    { label: 'Offline backlog', value: n(r.offlineBacklog, 'messages'), note: `${n(r.pushes)} push notifications` },
    {
      label: 'Reconnect attempts per client after faults',
      value: rc.clients > 0 ? n(rc.attemptsPerClient) : 'no reconnects yet',
      note: rc.clients > 0 ? `peak ${n(rc.peakAttemptsPerSec)} attempts/s; ${rc.recoverMs === null ? `${n(rc.stillDisconnected)} still disconnected` : `all back after ${n(rc.recoverMs / 1000)} s`}` : undefined,
    },
  ];
}
