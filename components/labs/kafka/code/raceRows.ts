/**
 * The Kafka code panel's race as table rows: your code first, then each built-in, with whether your
 * code beats it by the race's rule (code-lab/kafka/race.ts `beats`).
 */
import { beats, type PartitionerRace } from '@/code-lab/kafka/race';
import type { RaceTableRow } from '@/components/code-lab/RaceTable';
import { groupedNumber } from '@/simulations/core/numberText';

export const LABELS: Record<string, string> = { yours: 'Your code', adaptive: 'Adaptive (KIP-794)', sticky: 'Sticky (KIP-480)', 'round-robin': 'Round-robin' };

export function partitionerRows(race: PartitionerRace): RaceTableRow[] {
  const yours = race.rows[0].result!;
  return race.rows.map((row, i): RaceTableRow => {
    const r = row.result;
    return {
      id: row.partitioner,
      label: LABELS[row.partitioner] ?? row.partitioner,
      cells: r ? [groupedNumber(r.acked), `${r.ackLatencyMs.p50} ms`, `${r.ackLatencyMs.p99} ms`, r.meanBatchRecords.toFixed(1)] : null,
      note: row.unavailable,
      data: r ? { acked: String(r.acked), p99: String(r.ackLatencyMs.p99), log: row.eventLogHash ?? '' } : ({} as Record<string, string>),
      beaten: i === 0 || !r ? undefined : beats(yours, r),
    };
  });
}
