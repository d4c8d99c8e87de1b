'use client';
import { TimeSeriesChart, type ChartSeries, type EventMarker } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { conferencingLab, TOPOLOGIES, type SweepPoint, type Topology } from '@/simulations/conferencing';
import { CostTable } from './parts/CostTable';
import { AudioPanel, IcePanel } from './parts/CallPanels';
import { TOPOLOGY_COLORS, TOPOLOGY_LABELS, verdict } from './viewModel';
import styles from './ConferencingView.module.css';
import labView from '../lab-view.module.css';

const byN = (p: SweepPoint) => p.participants;
const N_DOMAIN: [number, number] = [2, 50];

export function ConferencingView({ runner, presenter }: LabViewProps) {
  const run = viewOf(conferencingLab, runner);
  const frame = run.frame();
  const p = run.params;
  const height = presenter ? 165 : 170;

  const overN = (pick: (s: SweepPoint) => number, topologies: readonly Topology[], suffix: string): ChartSeries<SweepPoint>[] =>
    topologies.map((t) => ({ id: `${t}-${suffix}`, label: TOPOLOGY_LABELS[t], data: frame.sweep[t], x: byN, y: pick, kind: 'line', color: TOPOLOGY_COLORS[t] }));
  const markers: EventMarker[] = frame.breaks
    .filter((b) => b.participants !== null)
    .map((b) => ({ x: b.participants!, label: `${TOPOLOGY_LABELS[b.topology]} breaks`, color: TOPOLOGY_COLORS[b.topology] }));
  const common = { xLabel: 'participants N', xDomain: N_DOMAIN, cursorX: Math.max(2, frame.participants), markers, height };
  const delay: ChartSeries<SeriesPoint> = { id: 'audio-delay', label: 'packet delay', data: run.recorder.series('audio.delayMs'), x: (q) => q.t / 1000, y: (q) => q.v, kind: 'line', color: 'var(--series-1)' };

  return (
    <div className={`${labView.stack} ${presenter ? styles.presenter : ''}`} data-testid="conferencing-view" data-participants={frame.participants}>
      <p className={styles.verdict} data-testid="conferencing-verdict">
        {verdict(frame)}
      </p>
      <div className={styles.top}>
        <CostTable costs={frame.costs} participants={frame.participants} />
        <div className={styles.side}>
          <AudioPanel audio={frame.audio} />
          <IcePanel ice={frame.ice} />
        </div>
      </div>
      <div className={labView.charts}>
        <TimeSeriesChart
          title="Uplink per client over N (mesh breaks first)"
          yLabel="uplink (Mbps)"
          yUnit="Mbps"
          series={overN((s) => s.clientUpKbps / 1000, TOPOLOGIES, 'up')}
          guides={[{ y: p.uplinkKbps / 1000, label: `uplink cap ${p.uplinkKbps / 1000} Mbps` }]}
          {...common}
        />
        <TimeSeriesChart
          title="Server egress over N"
          yLabel="egress (Mbps)"
          yUnit="Mbps"
          series={overN((s) => s.serverOutKbps / 1000, ['sfu', 'mcu'], 'out')}
          guides={[{ y: p.serverNicMbps, label: `NIC ${p.serverNicMbps} Mbps` }]}
          {...common}
        />
        <TimeSeriesChart
          title="Server CPU over N"
          yLabel="cores"
          yUnit="cores"
          series={overN((s) => s.serverCores, ['sfu', 'mcu'], 'cpu')}
          guides={[{ y: p.serverCores, label: `${p.serverCores} cores` }]}
          {...common}
        />
        <TimeSeriesChart
          title="Audio packet delay against the playout deadline"
          xLabel="time (s)"
          yLabel="one-way delay (ms)"
          yUnit="ms"
          xDomain={[0, run.horizonMs / 1000]}
          cursorX={run.now / 1000}
          series={[delay]}
          guides={[{ y: p.baseDelayMs + p.jitterBufferMs, label: `deadline: path + buffer = ${p.baseDelayMs + p.jitterBufferMs} ms` }]}
          height={height}
        />
      </div>
    </div>
  );
}
