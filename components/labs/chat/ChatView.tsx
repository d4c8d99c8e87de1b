'use client';
import { useState } from 'react';
import { TimeSeriesChart, type ChartSeries, type EventMarker, type Guide } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import type { SeriesPoint } from '@/simulations/core/recorder';
import type { ChatModel, ChatResult } from '@/simulations/chat/sim/model';
import type { Fault } from '@/simulations/chat/params';
import { TopologyCanvas } from './TopologyCanvas';
import { FaultPanel } from './FaultPanel';
import { ChatNumbers } from './ChatNumbers';
import { memorySeries } from './series';
import styles from './ChatView.module.css';
import labView from '../lab-view.module.css';

const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;
const PALETTE = ['var(--series-1)', 'var(--series-2)', 'var(--series-3)', 'var(--series-4)', 'var(--series-5)', 'var(--series-6)', 'var(--fg)', 'var(--muted)'];
const FAULT_VERB: Record<Fault['type'], string> = { 'gateway-crash': 'crash', drain: 'drain', partition: 'partition' };

export function ChatView({ runner, version, presenter, setParams }: LabViewProps) {
  const model = runner.model as ChatModel;
  const rec = runner.recorder;
  const snapshot = useThrottled(runner, version, (r) => ({ result: r.result() as ChatResult, at: r.now }));
  const memory = useThrottled(runner, version, (r) => memorySeries((name) => r.recorder.series(name), (r.model as ChatModel).gateways));
  const [selected, setSelected] = useState(0);
  const p = model.p;
  const faults = (runner.params.faults ?? []) as Fault[];

  const horizonS = runner.horizonMs / 1000;
  const height = presenter ? 150 : 170;
  const markers: EventMarker[] = faults.map((f) => ({ x: f.atMs / 1000, label: `${FAULT_VERB[f.type]} gw ${f.gateway}` }));
  const common = { xLabel: 'time (s)', xDomain: [0, horizonS] as [number, number], cursorX: runner.now / 1000, markers, height };
  const series = (id: string, label: string, kind: ChartSeries['kind'], color: string): ChartSeries<SeriesPoint> => ({ id, label, data: rec.series(id), x: seconds, y: value, kind, color });

  const ramMB = p.gatewayRamGB * 1024;
  let memoryPeak = 0;
  for (const s of memory) for (const pt of s.data) memoryPeak = Math.max(memoryPeak, pt.v);
  const memoryGuides: Guide[] = memoryPeak >= 0.25 * ramMB ? [{ y: ramMB, label: `RAM ${p.gatewayRamGB} GB` }] : [];
  const demand: Guide[] = model.demandDevices > 0 ? [{ y: model.demandDevices, label: `want to be online: ${model.demandDevices.toLocaleString('en-US')}` }] : [];

  return (
    <div
      className={`${labView.stack} ${presenter ? styles.presenter : ''}`}
      data-testid="chat-view"
      data-reconnect-attempts={model.attempts}
      data-connected-devices={model.connectedDevices}
      data-faults={faults.length}
    >
      <div className={styles.top}>
        <TopologyCanvas runner={runner} version={version} presenter={presenter} onSelectGateway={setSelected} />
        <div className={labView.stack}>
          <FaultPanel runner={runner} selected={selected} onSelect={setSelected} setParams={setParams} />
          {!presenter && <ChatNumbers result={snapshot.result} atMs={snapshot.at} heartbeatMs={p.heartbeatMs} />}
        </div>
      </div>
      <div className={`${labView.charts} ${styles.charts}`}>
        <TimeSeriesChart
          title="Socket writes per second"
          yLabel="writes / s"
          yUnit="/s"
          series={[series('socketWritesPerSec', 'socket writes', 'area', PALETTE[0]), series('sendsPerSec', 'messages sent', 'line', PALETTE[1])]}
          {...common}
        />
        <TimeSeriesChart
          title="Presence traffic per second"
          yLabel="per s"
          yUnit="/s"
          series={[series('presenceDeliveriesPerSec', 'presence deliveries', 'area', PALETTE[3]), series('heartbeatsPerSec', 'heartbeats', 'line', PALETTE[5])]}
          {...common}
        />
        <TimeSeriesChart
          title={`Delivery latency (per ${p.sampleMs >= 1000 ? `${p.sampleMs / 1000} s` : `${p.sampleMs} ms`} sample)`}
          yLabel="latency (ms)"
          yUnit="ms"
          series={[series('latencyP50Ms', 'p50', 'line', PALETTE[0]), series('latencyP99Ms', 'p99', 'line', PALETTE[4]), series('latencyMaxMs', 'max', 'line', PALETTE[1])]}
          {...common}
        />
        <TimeSeriesChart
          title="Connected devices"
          yLabel="devices"
          yUnit="devices"
          series={[series('connectedDevices', 'connected', 'area', PALETTE[0])]}
          guides={demand}
          {...common}
        />
        <TimeSeriesChart
          title="Reconnect attempts per second vs accept capacity"
          yLabel="per s"
          yUnit="/s"
          series={[series('reconnectAttemptsPerSec', 'connect attempts', 'area', PALETTE[1]), series('acceptCapacityPerSec', 'fleet accept capacity', 'line', PALETTE[2])]}
          {...common}
        />
        <TimeSeriesChart
          title={`Memory per gateway (RAM ${p.gatewayRamGB} GB each)`}
          yLabel="MB"
          yUnit="MB"
          series={memory.map((s, i) => ({ id: s.id, label: s.label, data: s.data, x: seconds, y: value, kind: 'line' as const, color: PALETTE[i % PALETTE.length] }))}
          guides={memoryGuides}
          {...common}
        />
      </div>
    </div>
  );
}
