'use client';
import { TimeSeriesChart, type ChartSeries, type EventMarker, type Guide } from '@/components/charts';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { sampleIntervalMs, type KafkaSeries, type ResolvedConfig } from '@/simulations/kafka';
import type { KafkaRun } from '../viewModel';
import { faultMarkerLabel } from './faults';
import { chartSpanMs } from './charts';
import labView from '../../lab-view.module.css';
import styles from '../KafkaView.module.css';

const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;
const MiB = 1024 * 1024;
const mebibytes = (p: SeriesPoint) => p.v / MiB;

/** The six time series of the run: throughput, ack latency, buffer, dropped/failed, acked loss, duplicates. */
export function KafkaCharts({ run, cfg, presenter }: { run: KafkaRun; cfg: ResolvedConfig; presenter: boolean }) {
  const faults = run.params.faults;
  const spanS = chartSpanMs(cfg.durationMs, run.horizonMs, run.now) / 1000;
  const height = presenter ? 150 : 170;
  const markers: EventMarker[] = faults.map((f) => ({ x: f.atMs / 1000, label: faultMarkerLabel(f) }));
  const common = { xLabel: 'time (s)', xDomain: [0, spanS] as [number, number], cursorX: run.now / 1000, markers, height };
  const series = (id: KafkaSeries, label: string, kind: ChartSeries['kind'], color: string, y = value): ChartSeries<SeriesPoint> => ({ id, label, data: run.recorder.series(id), x: seconds, y, kind, color });
  const sampleMs = sampleIntervalMs(cfg.durationMs);
  const every = sampleMs >= 1000 ? `${sampleMs / 1000} s` : `${sampleMs} ms`;
  const bufferGuide: Guide[] = [{ y: cfg.bufferMemory / MiB, label: `buffer.memory ${Math.round((cfg.bufferMemory / MiB) * 10) / 10} MiB` }];

  return (
    <div className={`${labView.charts} ${labView.pairFrom700} ${styles.charts}`}>
      {sampleMs > 100 && <p className={styles.sampleNote}>A long run: the charts are sampled every {every} (100 ms up to 195 s runs).</p>}
      <TimeSeriesChart
        title="Throughput"
        yLabel="records / s"
        yUnit="/s"
        series={[series('throughput.sent', 'sent', 'area', 'var(--series-1)'), series('throughput.acked', 'acknowledged', 'line', 'var(--series-3)')]}
        {...common}
      />
      <TimeSeriesChart
        title={`Ack latency per ${every}`}
        yLabel="latency (ms)"
        yUnit="ms"
        series={[series('ack.p50', 'p50', 'line', 'var(--series-1)'), series('ack.p99', 'p99', 'line', 'var(--series-2)')]}
        {...common}
      />
      <TimeSeriesChart
        title="Buffer occupancy (buffer.memory)"
        yLabel="MiB"
        yUnit="MiB"
        series={[series('buffer.bytes', 'in the accumulator', 'area', 'var(--series-6)', mebibytes)]}
        guides={bufferGuide}
        {...common}
      />
      <TimeSeriesChart
        title="Dropped and failed records"
        yLabel="records"
        yUnit="records"
        series={[series('dropped', 'dropped', 'step', 'var(--series-5)'), series('failed', 'failed (callback error)', 'step', 'var(--series-2)')]}
        {...common}
      />
      <TimeSeriesChart
        title="Acknowledged records lost"
        yLabel="records"
        yUnit="records"
        series={[series('lostAcked', 'lost after acknowledgement', 'step', 'var(--danger)')]}
        {...common}
      />
      <TimeSeriesChart
        title="Duplicate writes"
        yLabel="records"
        yUnit="records"
        series={[series('duplicates', 'records written twice', 'step', 'var(--series-4)')]}
        {...common}
      />
    </div>
  );
}
