'use client';
/**
 * The Kafka lab's code panel (issue 12): write a keyless partitioner and race it against adaptive
 * (KIP-794), sticky (KIP-480) and round-robin on this page's params and seed (the story: the
 * slow-broker preset), in the code lab's worker. Loaded with next/dynamic only when opened.
 */
import { useCallback, useState } from 'react';
import { kafkaLab, type KafkaParams } from '@/simulations/kafka';
import { shareQuery } from '@/components/lab-shell/link';
import { CodePanel, type CodeTarget, type RaceFn } from '@/components/code-lab/CodePanel';
import { RaceTable } from '@/components/code-lab/RaceTable';
import { KAFKA_TEMPLATES, KAFKA_TYPES_DTS } from '@/code-lab/kafka/generated';
import type { PartitionerRace } from '@/code-lab/kafka/race';
import { LABELS, partitionerRows } from './raceRows';
import { raceInWorker } from '@/code-lab/browser/raceInWorker';
import { groupedNumber } from '@/simulations/core/numberText';

const KAFKA_TARGET: CodeTarget = {
  lab: 'kafka',
  title: 'Your partitioner',
  file: 'partitioner.ts',
  typesModule: 'kafka',
  typesDts: KAFKA_TYPES_DTS,
  templates: KAFKA_TEMPLATES,
  initialTemplate: 'blank',
  downloadName: 'my-partitioner.ts',
  note: (
    <>
      Export <code>createPartitioner(env)</code> returning <code>choose(input)</code>: the partition for the next keyless records and how many bytes to stay there. It races against
      adaptive, sticky and round-robin on this page&rsquo;s settings and seed (the story: the slow-broker preset), in a sandbox: no clock, network or storage, <code>Math.random</code> seeded by
      the lab, a CPU budget per run.
    </>
  ),
};

export interface KafkaCodePanelProps {
  params: KafkaParams;
  seed: number;
  onClose(): void;
}

export default function KafkaCodePanel({ params, seed, onClose }: KafkaCodePanelProps) {
  const [race, setRace] = useState<PartitionerRace | null>(null);
  const raceFn = useCallback<RaceFn>(
    (program, onProgress) => {
      const racing = raceInWorker({ target: 'kafka', program, params, seed }, { onProgress: (pct, label) => onProgress(`${LABELS[label ?? ''] ?? label} ${pct}%`) });
      return {
        cancel: racing.cancel,
        result: racing.result.then((outcome) => {
          setRace(outcome);
          const won = partitionerRows(outcome).filter((r) => r.beaten).length;
          const rivals = outcome.rows.filter((r) => r.result && r.partitioner !== 'yours').length;
          return { summary: <p>{`Raced: ${groupedNumber(outcome.choices)} choices, ${outcome.ticks} ticks. Your partitioner beats ${won} of ${rivals} (as many records acknowledged, a lower p99 latency).`}</p>, logs: outcome.logs };
        }),
      };
    },
    [params, seed],
  );
  return (
    <CodePanel target={KAFKA_TARGET} race={raceFn} shareBase={() => `${window.location.origin}/labs/kafka?${shareQuery(kafkaLab, { params, seed })}`} onClose={onClose}>
      {race && <RaceTable caption={`Seed ${seed}: records acknowledged and their latency, per partitioner`} columns={['acked', 'p50 ack', 'p99 ack', 'records/batch']} rows={partitionerRows(race)} />}
    </CodePanel>
  );
}
