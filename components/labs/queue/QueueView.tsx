'use client';
import { TimeSeriesChart, type ChartSeries, type EventMarker, type Guide } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { queueLab, type QueueSeriesName } from '@/simulations/queue';
import { QueuePicture } from './parts/QueuePicture';
import { QueueNumbers } from './parts/QueueNumbers';
import { formatShort, percent } from './viewModel';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import styles from './QueueView.module.css';
import labView from '../lab-view.module.css';

const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;

export function QueueView({ runner, version, presenter }: LabViewProps) {
  const run = viewOf(queueLab, runner);
  const rec = run.recorder;
  const result = useThrottled(runner, version, () => run.result());
  const theory = result.theory;
  const horizonS = run.horizonMs / 1000;
  const nowS = run.now / 1000;
  const height = presenter ? 165 : 170;
  const bounded = run.params.capacity;

  const series = (id: QueueSeriesName, label: string, kind: ChartSeries['kind'], color?: string): ChartSeries<SeriesPoint> => ({
    id,
    label,
    data: rec.series(id),
    x: seconds,
    y: value,
    kind,
    color,
  });
  const guide = (y: number | null, label: string): Guide[] => (y !== null && Number.isFinite(y) ? [{ y, label }] : []);
  const markers: EventMarker[] = result.warmupS > 0 ? [{ x: result.warmupS, label: 'warm-up ends' }] : [];
  const common = { xLabel: 'time (s)', xDomain: [0, horizonS] as [number, number], cursorX: nowS, markers, height };

  return (
    <div className={`${labView.stack} ${styles.view} ${presenter ? styles.presenter : ''}`} data-testid="queue-view">
      <div className={styles.top}>
        <QueuePicture {...run.frame()} capacity={bounded} />
        <QueueNumbers result={result} />
      </div>
      <div className={`${labView.charts} ${styles.charts}`}>
        <TimeSeriesChart
          title="Customers"
          yLabel="customers"
          yUnit="customers"
          series={[series('inSystem', 'in system', 'area', 'var(--series-1)'), series('queueLength', 'waiting', 'step', 'var(--series-2)')]}
          guides={guide(theory.L, `theory L = ${formatShort(theory.L)}`)}
          {...common}
        />
        <TimeSeriesChart
          title="Utilisation (busy fraction of the servers)"
          yLabel="busy"
          yDomain={[0, 1]}
          yFormat={percent}
          series={[series('utilisation', 'utilisation', 'area', 'var(--series-3)')]}
          guides={guide(theory.utilisation, `theory ${theory.utilisation === null ? '' : percent(theory.utilisation)}`)}
          {...common}
        />
        <TimeSeriesChart
          title="Waiting time, last 500 customers"
          yLabel="wait (s)"
          yUnit="s"
          series={[
            series('waitP50', 'p50', 'line', 'var(--series-1)'),
            series('waitP95', 'p95', 'line', 'var(--series-5)'),
            series('waitP99', 'p99', 'line', 'var(--series-2)'),
          ]}
          guides={guide(theory.waitP99, `theory p99 = ${formatShort(theory.waitP99)} s`)}
          {...common}
        />
        <TimeSeriesChart
          title="Throughput"
          yLabel="served / s"
          yUnit="/s"
          series={[series('throughput', 'served per second', 'line', 'var(--series-3)')]}
          guides={guide(theory.throughput, `theory ${formatShort(theory.throughput)}/s`)}
          {...common}
        />
        <TimeSeriesChart
          title={bounded ? `Dropped customers (capacity ${bounded})` : 'Dropped customers (none: the queue is unbounded)'}
          yLabel="dropped (total)"
          yUnit="customers"
          series={[series('drops', 'dropped (total)', 'step', 'var(--series-2)')]}
          {...common}
        />
      </div>
    </div>
  );
}

