'use client';
import { useMemo, useState } from 'react';
import { TimeSeriesChart, type ChartSeries, type EventMarker, type Guide } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import type { SeriesPoint } from '@/simulations/core/recorder';
import type { Runner } from '@/simulations/core/runner';
import type { KafkaModel } from '@/simulations/kafka/lab/kafkaLab';
import type { KafkaResult } from '@/simulations/kafka/simulation';
import type { FaultSpec } from '@/simulations/kafka/faults';
import { clusterView, runFacts } from '@/simulations/kafka/lab/view-model';
import { ClusterCanvas } from './ClusterCanvas';
import { ProducerPanel } from './ProducerPanel';
import { FaultPanel } from './FaultPanel';
import { VerdictPanel } from './VerdictPanel';
import { kafkaVerdict } from '@/simulations/kafka/lab/verdict';
import { faultMarkerLabel } from './faults';
import { chartSpanMs } from './charts';
import { MAX_ROWS } from './layout';
import styles from './KafkaView.module.css';
import labView from '../lab-view.module.css';

const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;
const MiB = 1024 * 1024;
const mebibytes = (p: SeriesPoint) => p.v / MiB;

function snapshotOf(r: Runner) {
  const model = r.model as KafkaModel;
  const facts = runFacts(model);
  const result = r.result() as KafkaResult;
  const final = r.done;
  return { result, facts, final, verdict: facts ? kafkaVerdict(result, facts, final) : null };
}

export function KafkaView({ runner, version, presenter, setParams }: LabViewProps) {
  const model = runner.model as KafkaModel;
  const rec = runner.recorder;
  // O(records) audit: a few times a second while playing, at once when the run changes
  const snapshot = useThrottled(runner, version, snapshotOf, 400);
  // O(brokers × partitions): every frame
  const view = useMemo(() => clusterView(model, { partitionsShown: MAX_ROWS, batchesShown: 4 }), [model, version]);
  const [selected, setSelected] = useState({ partition: 0, broker: 0 });
  const select = (s: { partition?: number; broker?: number }) => setSelected((prev) => ({ partition: s.partition ?? prev.partition, broker: s.broker ?? prev.broker }));

  if (!model.sim || !view || !snapshot.verdict) {
    return (
      <div className={labView.stack} data-testid="kafka-view">
        <p role="alert" className={styles.configError} data-testid="kafka-config-error">
          Kafka would refuse this configuration: {model.error ?? 'unknown error'}
        </p>
      </div>
    );
  }
  const cfg = model.sim.cfg;
  const faults = (runner.params.faults ?? []) as FaultSpec[];

  const spanS = chartSpanMs(cfg.durationMs, runner.horizonMs, runner.now) / 1000;
  const height = presenter ? 150 : 170;
  const markers: EventMarker[] = faults.map((f) => ({ x: f.atMs / 1000, label: faultMarkerLabel(f) }));
  const common = { xLabel: 'time (s)', xDomain: [0, spanS] as [number, number], cursorX: runner.now / 1000, markers, height };
  const series = (id: string, label: string, kind: ChartSeries['kind'], color: string, y = value): ChartSeries<SeriesPoint> => ({ id, label, data: rec.series(id), x: seconds, y, kind, color });
  const bufferGuide: Guide[] = [{ y: cfg.bufferMemory / MiB, label: `buffer.memory ${Math.round((cfg.bufferMemory / MiB) * 10) / 10} MiB` }];

  return (
    <div
      className={`${labView.stack} ${presenter ? styles.presenter : ''}`}
      data-testid="kafka-view"
      data-faults={faults.length}
      data-lost-acked={snapshot.result.lostAcked}
      data-verdict={snapshot.verdict.overall}
    >
      <div className={styles.top}>
        <div className={styles.clusterArea}>
          <ClusterCanvas runner={runner} version={version} presenter={presenter} view={view} selected={selected} onSelect={select} />
        </div>
        <div className={`${labView.stack} ${styles.side}`}>
          <VerdictPanel verdict={snapshot.verdict} final={snapshot.final} presenter={presenter} />
          <FaultPanel runner={runner} view={view} cfg={cfg} selected={selected} onSelect={select} setParams={setParams} />
        </div>
        <div className={styles.producerArea}>
          <ProducerPanel view={view} cfg={cfg} result={snapshot.result} presenter={presenter} />
        </div>
      </div>
      <div className={`${labView.charts} ${labView.pairFrom700} ${styles.charts}`}>
        <TimeSeriesChart
          title="Throughput"
          yLabel="records / s"
          yUnit="/s"
          series={[series('throughput.sent', 'sent', 'area', 'var(--series-1)'), series('throughput.acked', 'acknowledged', 'line', 'var(--series-3)')]}
          {...common}
        />
        <TimeSeriesChart
          title="Ack latency per 100 ms"
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
    </div>
  );
}
