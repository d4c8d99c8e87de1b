/** Text versions of the cluster picture (the canvas's accessible name) and the producer numbers. */
import type { ClusterView, KafkaResult } from '@/simulations/kafka';
import { formatNumber } from '@/components/charts/format';
import { brokerStatus } from './draw';
import { groupedNumber } from '@/simulations/core/numberText';

const LABELLED_PARTITIONS = 6;

export function clusterLabel(view: ClusterView): string {
  const up = view.brokers.filter((b) => b.alive).length;
  const brokers = view.brokers.map((b) => `broker ${b.id} ${brokerStatus(b).text}`).join(', ');
  const parts = view.partitions.slice(0, LABELLED_PARTITIONS).map((p) => {
    const leader = p.offline ? 'offline (no leader)' : `leader broker ${p.leader}`;
    return `partition ${p.partition}: ${leader}, ISR {${p.isr.join(', ')}}${p.elr.length ? `, ELR {${p.elr.join(', ')}}` : ''}, high watermark ${groupedNumber(p.hw)}, log end ${groupedNumber(p.maxLeo)}`;
  });
  const more = view.partitions.length + view.hiddenPartitions - parts.length;
  return `Cluster: ${view.brokers.length} brokers (${up} up: ${brokers}). ${parts.join('; ')}${more > 0 ? `; and ${more} more partitions` : ''}.`;
}

export interface NumberRow {
  label: string;
  value: string;
  note?: string;
}

const n = (v: number) => formatNumber(v);

/** The producer's numbers so far, with how to read each one. */
export function producerRows(r: KafkaResult, cfg: { acks: -1 | 0 | 1; lingerMs: number; batchSize: number }): NumberRow[] {
  const failed = Object.values(r.failed).reduce((s, v) => s + v, 0);
  return [
    { label: 'Records sent / acknowledged', value: `${n(r.sent)} / ${n(r.acked)}`, note: cfg.acks === 0 ? 'acks=0: "acknowledged" = written to the socket' : undefined },
    { label: 'Failed / dropped', value: `${n(failed)} / ${n(r.dropped)}`, note: Object.entries(r.failed).map(([k, v]) => `${k} ${n(v)}`).join(', ') || undefined },
    { label: 'Ack latency p50 / p99', value: `${n(r.ackLatencyMs.p50)} / ${n(r.ackLatencyMs.p99)} ms`, note: `from send() to the callback; linger.ms = ${cfg.lingerMs}` },
    { label: 'Records per batch', value: n(r.meanBatchRecords), note: `${n(r.requests)} produce requests; batch.size = ${n(cfg.batchSize)} B` },
    { label: 'send() blocked', value: `${n(r.blockedMs / 1000)} s`, note: 'waiting for buffer.memory (max.block.ms)' },
    { label: 'Committed (below the HW)', value: n(r.committedRecords), note: 'what a consumer can read' },
  ];
}
