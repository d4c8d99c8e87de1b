/**
 * Captions of the Kafka and chat labs: every event of every preset run (and a traced chat run, which
 * logs sends, deliveries, presence and reconnects) gets a line with no null/undefined/NaN, or null
 * only for bookkeeping; step-to-visible lands on a captioned event.
 */
import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import type { AnyLab } from '@/simulations/core/lab';
import { kafkaLab } from '@/simulations/kafka';
import { chatLab } from '@/simulations/chat';

const BOOKKEEPING: Record<string, string[]> = { kafka: ['metadata-update'], chat: [] };

function checkAll(lab: AnyLab, params: Record<string, unknown>, seed: number): number {
  const r = new Runner(lab, params, seed);
  r.runToEnd();
  let shown = 0;
  const bad: string[] = [];
  for (const e of r.recorder.events) {
    const text = lab.caption!(e);
    if (BOOKKEEPING[lab.id].includes(e.type)) {
      if (text !== null) bad.push(`${e.type}: bookkeeping captioned`);
      continue;
    }
    if (typeof text !== 'string' || text.length < 8 || /undefined|null|NaN|\[object/.test(text)) bad.push(`${e.type}: ${String(text)}`);
    shown++;
  }
  expect(bad.slice(0, 5)).toEqual([]);
  return shown;
}

for (const lab of [kafkaLab, chatLab] as AnyLab[]) {
  describe(`${lab.id} captions`, () => {
    for (const preset of [{ id: 'defaults', params: {}, seed: 1 }, ...lab.presets]) {
      it(`captions every event of ${preset.id}`, () => {
        checkAll(lab, { ...defaults(lab.schema), ...preset.params }, preset.seed ?? 1);
      }, 60_000);
    }
  });
}

describe('traced chat run and stepping', () => {
  it('captions sends, deliveries, presence and reconnects', () => {
    const params = { ...defaults(chatLab.schema), users: 300, durationMs: 20_000, traceMessages: true, sendsPerUserPerMin: 6, 'presence.changesPerUserPerMin': 2, faults: [{ atMs: 5_000, type: 'gateway-crash' as const, gateway: 1, durationMs: 3_000 }] };
    const r = new Runner(chatLab, params, 3);
    r.runToEnd();
    const types = new Set(r.recorder.events.map((e) => e.type));
    for (const t of ['send', 'deliver', 'presence', 'fault', 'gateway']) expect(types.has(t), t).toBe(true);
    expect(checkAll(chatLab, params, 3)).toBeGreaterThan(100);
  });
  it('step to the next visible event shows a Kafka batch line', () => {
    const r = new Runner(kafkaLab, defaults(kafkaLab.schema), 1);
    const text = r.stepVisible();
    expect(text).toMatch(/^(Batch|Note|Broker|Partition)/);
  });
  it('an acks=0 ack and a fault read as a learner would', () => {
    expect(kafkaLab.caption!({ type: 'batch-acked', batch: 3, partition: 1, records: 10, offset: 40, latencyMs: 6.5, t: 0 })).toBe('Batch 3 acknowledged: partition 1, offsets 40–49, 6.5 ms after it was created');
    expect(chatLab.caption!({ type: 'fault', fault: { atMs: 5000, type: 'gateway-crash', gateway: 2, durationMs: 30_000 }, t: 5000 })).toBe('Fault: gateway 2 crashes (for 30 s)');
  });
});
