/**
 * The Kafka and chat code panels' race tables: your code's row first, every built-in after it, the
 * values the browser test compares with Node's race, "you beat it?" by each target's own rule, and a
 * rival that cannot run with these params (sticky in Kafka 4.0) says why instead of showing numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuickJs, type QuickJSWASMModule } from '@/code-lab/sandbox/quickjs';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { beats as partitionerBeats, racePartitioners } from '@/code-lab/kafka/race';
import { beats as backoffBeats, raceBackoffPolicies } from '@/code-lab/chat/race';
import { KAFKA_TEMPLATES } from '@/code-lab/kafka/generated';
import { CHAT_TEMPLATES } from '@/code-lab/chat/generated';
import { kafkaLab, type KafkaParams } from '@/simulations/kafka';
import { chatLab, RECONNECT_POLICIES, type ChatParams } from '@/simulations/chat';
import { validate } from '@/simulations/core/params';
import type { AnyLab } from '@/simulations/core/lab';
import { partitionerRows } from '@/components/labs/kafka/code/raceRows';
import { backoffRows } from '@/components/labs/chat/code/raceRows';

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJs();
});

function preset<P>(lab: AnyLab, id: string, extra: Record<string, unknown>): P {
  const v = validate(lab.schema, { ...(lab.presets.find((p) => p.id === id)!.params as Record<string, unknown>), ...extra });
  expect(v.errors).toEqual([]);
  return v.params as P;
}

describe('race tables of the code panels', () => {
  it('Kafka: yours first, then adaptive, sticky, round-robin; beats() decides each "you beat it?"; sticky in Kafka 4.0 says why it did not run', () => {
    const program = compileTypeScript(KAFKA_TEMPLATES.find((t) => t.id === 'adaptive')!.source, 'partitioner.ts');
    const params = preset<KafkaParams>(kafkaLab, 'slow-broker-adaptive-partitioner', { 'workload.recordsPerSecond': 10_000, 'workload.durationMs': 1_500, kafkaVersion: '4.x' });
    const race = racePartitioners(qjs, program, params, 2);
    const rows = partitionerRows(race);
    expect(rows.map((r) => r.id)).toEqual(['yours', 'adaptive', 'sticky', 'round-robin']);
    const yours = race.rows[0].result!;
    expect(rows[0]).toMatchObject({ label: 'Your code', beaten: undefined, data: { acked: String(yours.acked), p99: String(yours.ackLatencyMs.p99), log: race.rows[0].eventLogHash } });
    expect(rows[2]).toMatchObject({ cells: null, beaten: undefined, data: {}, note: expect.stringContaining('UniformStickyPartitioner') });
    for (const i of [1, 3]) {
      const rival = race.rows[i].result!;
      expect(rows[i].beaten).toBe(partitionerBeats(yours, rival));
      expect(rows[i].cells).toEqual([rival.acked.toLocaleString('en-US'), `${rival.ackLatencyMs.p50} ms`, `${rival.ackLatencyMs.p99} ms`, rival.meanBatchRecords.toFixed(1)]);
    }
  });

  it('chat: yours first, then the six built-ins; "all back after" reads never when phones stay offline', () => {
    const program = compileTypeScript(CHAT_TEMPLATES.find((t) => t.id === 'decorrelated-jitter')!.source, 'backoff.ts');
    const params = preset<ChatParams>(chatLab, 'restart-storm-full-jitter', { users: 8_000, durationMs: 30_000 });
    const race = raceBackoffPolicies(qjs, program, params, 11);
    const rows = backoffRows(race);
    expect(rows.map((r) => r.id)).toEqual(['yours', ...RECONNECT_POLICIES]);
    const yours = race.rows[0].result;
    rows.forEach((row, i) => {
      const r = race.rows[i].result.reconnect;
      expect(row.data).toEqual({ recover: String(r.recoverMs), attempts: String(r.attempts), disconnected: String(r.stillDisconnected), log: race.rows[i].eventLogHash });
      expect(row.cells![0]).toBe(r.recoverMs === null ? 'never' : `${(r.recoverMs / 1000).toFixed(1)} s`);
      expect(row.beaten).toBe(i === 0 ? undefined : backoffBeats(yours, race.rows[i].result));
    });
  });
});
