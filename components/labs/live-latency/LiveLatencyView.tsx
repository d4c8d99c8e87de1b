'use client';
import { TimeSeriesChart, type ChartSeries } from '@/components/charts';
import { formatNumber } from '@/components/charts/format';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { liveLatencyLab } from '@/simulations/live-latency';
import { BudgetBars } from './parts/BudgetBars';
import { Timeline } from './parts/Timeline';
import { Manifests } from './parts/Manifests';
import { deliveryLabel, stallSentence } from './viewModel';
import styles from './LiveLatencyView.module.css';
import labView from '../lab-view.module.css';

const secondsOf = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;
const orDash = (v: number | null, unit: string) => (v === null ? '—' : `${formatNumber(v)} ${unit}`);

export function LiveLatencyView({ runner, version, presenter }: LabViewProps) {
  const run = viewOf(liveLatencyLab, runner);
  const result = useThrottled(runner, version, () => run.result());
  const frame = run.frame();
  const webrtc = run.params.delivery === 'webrtc';
  const latency: ChartSeries<SeriesPoint> = { id: 'latency', label: 'glass-to-glass', data: run.recorder.series('latency'), x: secondsOf, y: value, kind: 'line', color: 'var(--series-1)' };
  return (
    <div className={`${labView.stack} ${presenter ? styles.presenter : ''}`} data-testid="live-latency-view">
      <div className={styles.top}>
        <BudgetBars params={run.params} />
        <section className={styles.panel} data-testid="latency-numbers" aria-label="This run">
          <h3>
            {deliveryLabel(run.params.delivery)} over {run.params.ingest.toUpperCase()}
          </h3>
          <dl className={styles.numbers}>
            <dt>Latency now</dt>
            <dd data-testid="latency-now">{orDash(frame.latencyMs === null ? null : frame.latencyMs / 1000, 's')}</dd>
            <dt>Budget (fixed delays)</dt>
            <dd>{orDash(result.budget.totalS, 's')}</dd>
            <dt>{webrtc ? 'Late frames' : 'Stalls'}</dt>
            <dd>
              {result.stalls.count}
              {frame.stalled ? ' (stalled now)' : ''}
            </dd>
            <dt>Requests / s / viewer</dt>
            <dd title={result.requestsPerSecond.formula}>
              {orDash(result.requestsPerSecond.measured, '')} (model {formatNumber(result.requestsPerSecond.model)})
            </dd>
            <dt>First-mile losses</dt>
            <dd>
              {result.firstMile.lostPackets} lost, {result.firstMile.unrecoveredPackets} unrecovered
            </dd>
            <dt>Sender backlog</dt>
            <dd>{orDash(result.firstMile.backlogS, 's')}</dd>
          </dl>
          <p className={styles.note}>{stallSentence(result, webrtc)}</p>
          <p className={styles.note}>Requests: {result.requestsPerSecond.formula}.</p>
        </section>
      </div>
      <Timeline frame={frame} />
      <div className={labView.charts}>
        <TimeSeriesChart
          title="Glass-to-glass latency of what is on screen"
          yLabel="latency (s)"
          yUnit="s"
          includeZero
          series={[latency]}
          guides={[{ y: result.budget.totalS, label: `budget ${formatNumber(result.budget.totalS)} s` }]}
          xLabel="time (s)"
          xDomain={[0, run.horizonMs / 1000]}
          cursorX={run.now / 1000}
          height={presenter ? 165 : 170}
        />
      </div>
      <Manifests frame={frame} />
    </div>
  );
}
