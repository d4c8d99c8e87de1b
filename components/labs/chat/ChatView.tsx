'use client';
import { useMemo, useState } from 'react';
import dynamic from 'next/dynamic';
import { TimeSeriesChart, type ChartSeries } from '@/components/charts';
import { ModeTabs } from '@/components/lab-shell/ModeTabs';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { viewOf } from '@/simulations/core/lab';
import { chatLab, type ChatFleetSeries, type Fault } from '@/simulations/chat';
import { TopologyCanvas } from './parts/TopologyCanvas';
import { FaultPanel } from './parts/FaultPanel';
import { ChatNumbers } from './parts/ChatNumbers';
import { RealCluster } from './parts/RealCluster';
import { useClusterStatus } from './parts/useClusterStatus';
import { demandGuides, faultMarkers, MemoryFold } from './viewModel';
import { CodePanelLoading, CodeToggle } from '@/components/code-lab/CodeToggle';
import { useCodePanelOpen } from '@/components/code-lab/useCodePanelOpen';
import styles from './ChatView.module.css';
import labView from '../lab-view.module.css';

const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;
const PALETTE = ['var(--series-1)', 'var(--series-2)', 'var(--series-3)', 'var(--series-4)', 'var(--series-5)', 'var(--series-6)', 'var(--fg)', 'var(--muted)'];

/** Monaco and the sandbox load only when the learner opens the panel (first-load JS unchanged). */
const ChatCodePanel = dynamic(() => import('./code/ChatCodePanel'), { ssr: false, loading: CodePanelLoading });

const MODES = [
  { id: 'sim', label: 'Simulation', testId: 'chat-mode-sim' },
  { id: 'real', label: 'Real cluster', testId: 'chat-mode-real' },
] as const;

/** The simulation, plus a Real cluster tab while `npm run chat:cluster` runs. Layout only. */
export function ChatView(props: LabViewProps) {
  const [mode, setMode] = useState<'sim' | 'real'>('sim');
  const { status, history } = useClusterStatus(mode === 'real' ? 1000 : 5000);
  const running = status?.running === true;
  const showReal = mode === 'real' && status?.running === true;
  return (
    // the real cluster runs on wall time: the shell's transport, params and event log do not apply to it
    <div className={`${labView.stack} ${props.presenter ? styles.presenter : ''}`} data-cluster-running={running ? 'yes' : 'no'} data-shell-controls={showReal ? 'off' : undefined}>
      {running && <ModeTabs modes={MODES} value={showReal ? 'real' : 'sim'} onChange={setMode} />}
      {showReal && status?.running ? <RealCluster stats={status.stats} history={history} presenter={props.presenter} /> : <ChatSimulation {...props} />}
    </div>
  );
}

function ChatSimulation({ runner, version, presenter, setParams }: LabViewProps) {
  const run = viewOf(chatLab, runner);
  const frame = run.frame();
  const p = run.params;
  const snapshot = useThrottled(runner, version, (r) => ({ result: viewOf(chatLab, r).result(), at: r.now }));
  // the memory chart's max/mean over gateways, folded in as samples arrive (O(new samples) a frame)
  const memoryFold = useMemo(() => new MemoryFold(), []);
  const { series: memory } = memoryFold.update((name) => run.recorder.series(name), p.gateways);
  const [selected, setSelected] = useState(0);
  const faults: readonly Fault[] = p.faults;
  const [codeOpen, setCodeOpen] = useCodePanelOpen();

  const horizonS = run.horizonMs / 1000;
  const height = presenter ? 150 : 170;
  const common = { xLabel: 'time (s)', xDomain: [0, horizonS] as [number, number], cursorX: run.now / 1000, markers: faultMarkers(faults), height };
  const series = (id: ChatFleetSeries, label: string, kind: ChartSeries['kind'], color: string): ChartSeries<SeriesPoint> => ({ id, label, data: run.recorder.series(id), x: seconds, y: value, kind, color });

  return (
    <div
      className={`${labView.stack} ${presenter ? styles.presenter : ''}`}
      data-testid="chat-view"
      data-reconnect-attempts={frame.attempts}
      data-connected-devices={frame.connectedDevices}
      data-faults={faults.length}
    >
      <div className={styles.top}>
        <TopologyCanvas frame={frame} params={p} now={run.now} horizonMs={run.horizonMs} presenter={presenter} onSelectGateway={setSelected} />
        <div className={labView.stack}>
          <FaultPanel frame={frame} faults={faults} now={run.now} done={run.done} selected={selected} onSelect={setSelected} setParams={setParams} />
          {!presenter && <ChatNumbers result={snapshot.result} atMs={snapshot.at} heartbeatMs={p.heartbeatMs} />}
        </div>
      </div>
      {!presenter && <CodeToggle open={codeOpen} label="Write your own backoff policy" onToggle={() => setCodeOpen((o) => !o)} />}
      {codeOpen && !presenter && <ChatCodePanel params={p} seed={run.seed} onClose={() => setCodeOpen(false)} />}
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
          guides={demandGuides(frame)}
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
          guides={memoryFold.guides(p.gatewayRamGB)}
          {...common}
        />
      </div>
    </div>
  );
}
