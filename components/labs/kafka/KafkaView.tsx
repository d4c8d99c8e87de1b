'use client';
import { useState } from 'react';
import dynamic from 'next/dynamic';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import type { RunView } from '@/simulations/core/lab';
import { viewOf } from '@/simulations/core/lab';
import { kafkaLab } from '@/simulations/kafka';
import { verdictSnapshot } from './viewModel';
import { ClusterCanvas } from './parts/ClusterCanvas';
import { ProducerPanel } from './parts/ProducerPanel';
import { FaultPanel } from './parts/FaultPanel';
import { VerdictPanel } from './parts/VerdictPanel';
import { KafkaCharts } from './parts/KafkaCharts';
import { CodePanelLoading, CodeToggle } from '@/components/code-lab/CodeToggle';
import { useCodePanelOpen } from '@/components/code-lab/useCodePanelOpen';
import styles from './KafkaView.module.css';
import labView from '../lab-view.module.css';

/** Monaco and the sandbox load only when the learner opens the panel (first-load JS unchanged). */
const KafkaCodePanel = dynamic(() => import('./code/KafkaCodePanel'), { ssr: false, loading: CodePanelLoading });

const snapshotOf = (r: RunView) => verdictSnapshot(viewOf(kafkaLab, r));

/** Layout: the cluster, the verdict and fault panels, the producer, then the charts. */
export function KafkaView({ runner, version, presenter, setParams }: LabViewProps) {
  const run = viewOf(kafkaLab, runner);
  // O(records) audit (through result()): a few times a second while playing, at once when the run changes
  const snapshot = useThrottled(runner, version, snapshotOf, 400);
  // O(brokers × partitions): every frame
  const frame = run.frame();
  const [selected, setSelected] = useState({ partition: 0, broker: 0 });
  const select = (s: { partition?: number; broker?: number }) => setSelected((prev) => ({ partition: s.partition ?? prev.partition, broker: s.broker ?? prev.broker }));
  const [codeOpen, setCodeOpen] = useCodePanelOpen();

  if (!frame.ok || !snapshot.verdict) {
    return (
      <div className={labView.stack} data-testid="kafka-view">
        <p role="alert" className={styles.configError} data-testid="kafka-config-error">
          Kafka would refuse this configuration: {frame.ok ? 'unknown error' : frame.error}
        </p>
      </div>
    );
  }
  const { cfg, cluster } = frame;

  return (
    <div
      className={`${labView.stack} ${presenter ? styles.presenter : ''}`}
      data-testid="kafka-view"
      data-faults={run.params.faults.length}
      data-lost-acked={snapshot.result.lostAcked}
      data-verdict={snapshot.verdict.overall}
    >
      <div className={styles.top}>
        <div className={styles.clusterArea}>
          <ClusterCanvas run={run} version={version} presenter={presenter} view={cluster} selected={selected} onSelect={select} />
        </div>
        <div className={`${labView.stack} ${styles.side}`}>
          <VerdictPanel verdict={snapshot.verdict} final={snapshot.final} presenter={presenter} />
          <FaultPanel run={run} view={cluster} cfg={cfg} selected={selected} onSelect={select} setParams={setParams} />
        </div>
        <div className={styles.producerArea}>
          <ProducerPanel view={cluster} cfg={cfg} result={snapshot.result} presenter={presenter} />
        </div>
      </div>
      {!presenter && <CodeToggle open={codeOpen} label="Write your own partitioner" onToggle={() => setCodeOpen((o) => !o)} />}
      {codeOpen && !presenter && <KafkaCodePanel params={run.params} seed={run.seed} onClose={() => setCodeOpen(false)} />}
      <KafkaCharts run={run} cfg={cfg} presenter={presenter} />
    </div>
  );
}
