/**
 * The chat view's selectors: what the run's result, frame and series become on screen. The numbers
 * beside the topology (with the back-of-envelope formula each one checks against, chat-fanout.md
 * §8(b)), the memory chart's series, and the words for faults and gateway states.
 */
import type { Guide } from '@/components/charts';
import { formatNumber } from '@/components/charts/format';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { gatewaySeries, type ChatFrame, type ChatResult, type ChatSeries, type Fault, type FaultType } from '@/simulations/chat';
import { groupedNumber } from '@/simulations/core/numberText';

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

const MAX_GATEWAY_SERIES = 8;

export interface NamedSeries {
  id: string;
  label: string;
  data: readonly SeriesPoint[];
}

/**
 * Memory per gateway for the chart: one series per gateway when there are few, otherwise the
 * fullest gateway and the mean (a chart with 256 lines says nothing).
 */
export function memorySeries(series: (name: ChatSeries) => readonly SeriesPoint[], gateways: number): NamedSeries[] {
  return new MemoryFold().update(series, gateways).series;
}

/** The RAM line on the memory chart, once a gateway uses a quarter of it. */
export function memoryGuides(memory: readonly NamedSeries[], gatewayRamGB: number): Guide[] {
  let peak = 0;
  for (const s of memory) for (const pt of s.data) peak = Math.max(peak, pt.v);
  return ramGuides(peak, gatewayRamGB);
}

function ramGuides(peakMB: number, gatewayRamGB: number): Guide[] {
  const ramMB = gatewayRamGB * 1024;
  return peakMB >= 0.25 * ramMB ? [{ y: ramMB, label: `RAM ${gatewayRamGB} GB` }] : [];
}

/**
 * The memory chart's series and peak, kept up to date incrementally: `update` reads only the
 * samples added since its last call (O(new samples × gateways), not O(run × gateways) per frame,
 * which at 256 gateways sampled every 10 ms was most of a live frame). The recorder appends
 * between resets and hands out new arrays on a rewind: any gateway series that is a different
 * array, or shorter, starts the fold over with NEW output arrays (charts cache paths per array).
 */
export class MemoryFold {
  private sources: (readonly SeriesPoint[])[] = [];
  private done = 0;
  private max: SeriesPoint[] = [];
  private mean: SeriesPoint[] = [];
  /** the highest sample of any gateway so far (MB) */
  peak = 0;
  series: NamedSeries[] = [];

  update(series: (name: ChatSeries) => readonly SeriesPoint[], gateways: number): this {
    const all = Array.from({ length: gateways }, (_, g) => series(gatewaySeries.memoryMB(g)));
    const changed = all.length !== this.sources.length || all.some((s, g) => s !== this.sources[g] || s.length < this.done);
    if (changed) {
      this.sources = all;
      this.done = 0;
      this.max = [];
      this.mean = [];
      this.peak = 0;
    }
    if (gateways <= MAX_GATEWAY_SERIES) {
      for (const s of all) for (let i = changed ? 0 : this.done; i < s.length; i++) this.peak = Math.max(this.peak, s[i].v);
      // per-gateway series can differ in length: remember the shortest as done, rescan past it
      this.done = all.length ? Math.min(...all.map((s) => s.length)) : 0;
      if (changed) this.series = all.map((data, g) => ({ id: gatewaySeries.memoryMB(g), label: `gateway ${g}`, data }));
      return this;
    }
    const n = Math.min(...all.map((s) => s.length));
    for (let i = this.done; i < n; i++) {
      let hi = -Infinity;
      let sum = 0;
      for (const s of all) {
        hi = Math.max(hi, s[i].v);
        sum += s[i].v;
      }
      this.max.push({ t: all[0][i].t, v: hi });
      this.mean.push({ t: all[0][i].t, v: sum / gateways });
      this.peak = Math.max(this.peak, hi);
    }
    this.done = Math.max(this.done, n);
    if (changed)
      this.series = [
        { id: 'memory.max', label: 'fullest gateway', data: this.max },
        { id: 'memory.mean', label: `mean of ${gateways}`, data: this.mean },
      ];
    return this;
  }

  guides(gatewayRamGB: number): Guide[] {
    return ramGuides(this.peak, gatewayRamGB);
  }
}

/** The demand line on the connected-devices chart. */
export function demandGuides(frame: ChatFrame): Guide[] {
  const demand = frame.demandDevices;
  return demand > 0 ? [{ y: demand, label: `want to be online: ${groupedNumber(demand)}` }] : [];
}

const FAULT_VERB: Record<FaultType, string> = { 'gateway-crash': 'crash', drain: 'drain', partition: 'partition' };

/** Chart markers: "crash gw 0" at the fault's time (s). */
export function faultMarkers(faults: readonly Fault[]): { x: number; label: string }[] {
  return faults.map((f) => ({ x: f.atMs / 1000, label: `${FAULT_VERB[f.type]} gw ${f.gateway}` }));
}

/** "12.3 s: crash gateway 0, back after 30 s" */
export function describeFault(f: Fault): string {
  const at = `${formatSeconds(f.atMs)}: ${FAULT_VERB[f.type]} gateway ${f.gateway}`;
  if (f.type === 'drain') return `${at} over ${formatSeconds(f.durationMs ?? 30_000)}`;
  return f.durationMs === undefined ? `${at}, for the rest of the run` : `${at}, back after ${formatSeconds(f.durationMs)}`;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 10 ? 2 : 1)} s`;
}

/** A lifecycle state as people say it ('dead' → 'down', 'partitionedForever' → 'partitioned'). */
export function gatewayStateLabel(state: string): string {
  return state === 'dead' ? 'down' : state === 'partitionedForever' ? 'partitioned' : state;
}

/** The topology's accessible description. */
export function topologyLabel(frame: ChatFrame): string {
  let up = 0;
  for (const gw of frame.gateways) if (gw.up) up++;
  return `Topology: ${frame.gateways.length} gateways (${up} up), ${groupedNumber(frame.connectedDevices)} of ${groupedNumber(frame.devices)} devices connected.`;
}

/** The legend's scale note. */
export function cellUnit(scale: { perCell: number; dots: boolean }): string {
  return scale.dots ? 'one dot = one device' : `one cell = ${groupedNumber(scale.perCell)} device${scale.perCell === 1 ? '' : 's'}`;
}
