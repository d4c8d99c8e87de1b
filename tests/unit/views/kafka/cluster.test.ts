/**
 * The cluster picture: layout fits any width (375 px phones to presenter), clicks map back to
 * cells, the in-flight sample is bounded and deterministic, the view-model describes the cluster
 * consistently (leader in ISR, HW ≤ LEO), and a whole frame draws inside the canvas.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner } from '@/simulations/core/runner';
import type { Logged } from '@/simulations/core/recorder';
import { runForPreset } from '@/components/lab-shell/link';
import { kafkaLab, type KafkaModel } from '@/simulations/kafka';
import type { KafkaEvent } from '@/simulations/kafka/types';
import { clusterView } from '@/simulations/kafka/lab/model';
import { brokerIn, cellRect, clusterLayout, hitTest, logBarRect, logWindow, MAX_ROWS, offsetX, producerOut, producerRect } from '@/components/labs/kafka/parts/layout';
import { MAX_PARTICLES, particlesAt, particleWindowMs } from '@/components/labs/kafka/parts/particles';
import { DEFAULT_PALETTE, drawScene, type DrawingContext } from '@/components/labs/kafka/parts/draw';
import { clusterLabel } from '@/components/labs/kafka/parts/describe';
import { chartSpanMs } from '@/components/labs/kafka/parts/charts';

describe('cluster layout', () => {
  it('property: every cell, bar and queue lies inside the canvas, columns do not overlap, rows are capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 1600 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 64 }), (width, presenter, brokers, partitions) => {
        const L = clusterLayout(width, presenter, brokers, partitions);
        expect(L.rows).toBe(Math.min(partitions, MAX_ROWS));
        expect(L.hidden).toBe(partitions - L.rows);
        expect(L.brokers).toHaveLength(brokers);
        for (let b = 1; b < brokers; b++) expect(L.brokers[b].x).toBeGreaterThanOrEqual(L.brokers[b - 1].x + L.brokers[b - 1].w);
        expect(L.brokers[0].x).toBeGreaterThan(L.producer.x + L.producer.w);
        for (let row = 0; row < L.rows; row++) {
          for (const r of [producerRect(L, row), ...L.brokers.map((_, b) => cellRect(L, row, b)), ...L.brokers.map((_, b) => logBarRect(L, cellRect(L, row, b)))]) {
            expect(r.x).toBeGreaterThanOrEqual(0);
            expect(r.y).toBeGreaterThanOrEqual(0);
            expect(r.x + r.w).toBeLessThanOrEqual(L.width + 1e-9);
            expect(r.y + r.h).toBeLessThanOrEqual(L.height);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a 375 px phone: three brokers, six partitions, room for the log bars', () => {
    const L = clusterLayout(375 - 2 * 16, false, 3, 6);
    expect(L.width).toBe(343);
    expect(L.brokers.every((c) => c.w >= 50)).toBe(true);
    expect(L.height).toBeLessThan(300);
    const presenter = clusterLayout(1200, true, 3, 6);
    expect(presenter.rowHeight).toBeGreaterThan(clusterLayout(1200, false, 3, 6).rowHeight);
  });

  it('a click in a cell picks its partition and broker; in the producer column only the partition', () => {
    const L = clusterLayout(800, false, 5, 10);
    for (let row = 0; row < L.rows; row++) {
      for (let b = 0; b < 5; b++) {
        const c = cellRect(L, row, b);
        expect(hitTest(L, c.x + c.w / 2, c.y + c.h / 2)).toEqual({ partition: row, broker: b });
      }
      const p = producerRect(L, row);
      expect(hitTest(L, p.x + 5, p.y + p.h / 2)).toEqual({ partition: row, broker: null });
    }
    expect(hitTest(L, 1, 1)).toEqual({ partition: null, broker: null });
  });

  it('offsets map onto the bar proportionally and clamp', () => {
    const bar = { x: 10, y: 0, w: 100, h: 8 };
    expect(offsetX(bar, 0, { from: 0, to: 200 })).toBe(10);
    expect(offsetX(bar, 100, { from: 0, to: 200 })).toBe(60);
    expect(offsetX(bar, 500, { from: 0, to: 200 })).toBe(110);
    expect(offsetX(bar, 150, { from: 100, to: 200 })).toBe(60);
    expect(offsetX(bar, 50, { from: 100, to: 200 })).toBe(10);
    expect(offsetX(bar, 5, { from: 0, to: 0 })).toBe(10);
  });

  it('log window: zooms on the last records when replicas are close, shows everything when they are far apart', () => {
    // in sync: the last 5% (before the lowest mark) is enough to show a 200-record tail
    const close = logWindow([{ leo: 12_000, hw: 11_800 }, { leo: 11_900, hw: 11_800 }, { leo: 11_850, hw: 11_700 }]);
    expect(close.to).toBe(12_000);
    expect(close.from).toBe(11_700 - 600);
    const bar = { x: 0, y: 0, w: 100, h: 8 };
    expect(offsetX(bar, 12_000, close) - offsetX(bar, 11_800, close)).toBeGreaterThan(20); // visible, not one pixel
    // a replica that was down far behind: from 0
    expect(logWindow([{ leo: 14_000, hw: 14_000 }, { leo: 6_000, hw: 6_000 }])).toEqual({ from: 0, to: 14_000 });
    expect(logWindow([{ leo: 0, hw: 0 }])).toEqual({ from: 0, to: 0 });
    expect(logWindow([])).toEqual({ from: 0, to: 0 });
    fc.assert(
      fc.property(fc.array(fc.record({ leo: fc.nat(1e7), hw: fc.nat(1e7) }), { minLength: 1, maxLength: 9 }), (rs) => {
        const marks = rs.map((r) => ({ leo: r.leo, hw: Math.min(r.hw, r.leo) }));
        const w = logWindow(marks);
        expect(w.from).toBeGreaterThanOrEqual(0);
        for (const m of marks) expect(m.hw).toBeGreaterThanOrEqual(w.from); // every mark is on its bar
        expect(w.to).toBe(Math.max(...marks.map((m) => m.leo)));
      }),
    );
  });

  it('the chart axis spans the sending period plus 5 s and follows the cursor past it', () => {
    expect(chartSpanMs(20_000, 202_000, 0)).toBe(25_000);
    expect(chartSpanMs(20_000, 202_000, 80_000)).toBe(80_000);
    expect(chartSpanMs(20_000, 22_000, 0)).toBe(22_000);
  });
});

function runAt(presetId: string, t: number) {
  const { run } = runForPreset(kafkaLab, presetId);
  const runner = new Runner(kafkaLab, run.params as never, run.seed);
  runner.runTo(t);
  return runner;
}

describe('in-flight sample', () => {
  const runner = runAt('netflix-keystone', 13_000);
  const L = clusterLayout(700, false, 3, 6);
  const view = clusterView(runner.model as KafkaModel)!;
  const places = {
    row: (p: number) => (p < L.rows ? p : -1),
    producerOut: (row: number) => producerOut(L, row),
    brokerIn: (row: number, b: number) => brokerIn(L, row, b),
    leaderOf: (p: number) => view.partitions[p]?.leader ?? -1,
  };
  const events = runner.recorder.events as readonly Logged<KafkaEvent>[];

  it('is bounded by MAX_PARTICLES whatever the rate, deterministic, and inside the picture', () => {
    const w = particleWindowMs(runner.horizonMs);
    const a = particlesAt(events, runner.now, w, MAX_PARTICLES, places);
    const b = particlesAt(events, runner.now, w, MAX_PARTICLES, places);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThanOrEqual(MAX_PARTICLES);
    let inWindow = 0;
    for (const e of events) if ((e.type === 'batch-sent' || e.type === 'batch-acked') && e.t > runner.now - w && e.t <= runner.now) inWindow++;
    expect(inWindow).toBeGreaterThan(MAX_PARTICLES); // the sample really thins
    for (const p of a) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(L.width);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(L.height);
      expect(p.progress).toBeGreaterThanOrEqual(0);
      expect(p.progress).toBeLessThanOrEqual(1);
    }
    expect(new Set(a.map((p) => p.kind))).toEqual(new Set(['send', 'ack']));
    expect(particlesAt(events, runner.now, w, 5, places).length).toBeLessThanOrEqual(5);
  });

  it('a send starts at the producer and ends at the broker it was sent to', () => {
    const sent = events.filter((e): e is Logged<Extract<KafkaEvent, { type: 'batch-sent' }>> => e.type === 'batch-sent').at(-1)!;
    const justSent = particlesAt([sent], sent.t, 100, 10, places)[0];
    expect(justSent).toMatchObject({ kind: 'send', progress: 0, ...producerOut(L, sent.partition) });
    const arrived = particlesAt([sent], sent.t + 100, 100, 10, places);
    expect(arrived).toEqual([]); // the window is (now − w, now]
    const almost = particlesAt([sent], sent.t + 99.999, 100, 10, places)[0];
    expect(almost.x).toBeCloseTo(brokerIn(L, sent.partition, sent.node).x, 1);
  });
});

describe('cluster view-model', () => {
  it('describes leaders in their ISR, HW ≤ LEO on every replica, queues within batch.size, and caps partitions', () => {
    for (const [preset, t] of [['acks-1-leader-crash-loses-data', 5_000], ['unclean-election', 14_000], ['min-isr-stops-writes', 20_000]] as const) {
      const runner = runAt(preset, t);
      const model = runner.model as KafkaModel;
      const v = clusterView(model, { partitionsShown: 4, batchesShown: 3 })!;
      expect(v.partitions).toHaveLength(4);
      expect(v.hiddenPartitions).toBe(model.sim!.cfg.partitions - 4);
      for (const p of v.partitions) {
        expect(p.replicas).toHaveLength(model.sim!.cfg.replicationFactor);
        if (!p.offline) expect(p.isr).toContain(p.leader);
        expect(p.queue.length).toBeLessThanOrEqual(3);
        for (const b of p.queue) {
          expect(b.fill).toBeGreaterThanOrEqual(0);
          expect(b.fill).toBeLessThanOrEqual(1);
        }
        for (const r of p.replicas) {
          expect(r.hw).toBeLessThanOrEqual(r.leo);
          expect(r.leo).toBeLessThanOrEqual(p.maxLeo);
        }
      }
      expect(v.producer.bufferUsed).toBeLessThanOrEqual(v.producer.bufferTotal);
    }
  });

  it('shows the dead leader and the followers cut off in the acks=1 preset, and the label says it', () => {
    const runner = runAt('acks-1-leader-crash-loses-data', 5_000);
    const v = clusterView(runner.model as KafkaModel)!;
    const dead = v.brokers.filter((b) => !b.alive);
    expect(dead).toHaveLength(1);
    const label = clusterLabel(v);
    expect(label).toContain(`broker ${dead[0].id} down`);
    expect(label).toContain('partition 0: leader broker');
  });

  it('with eligible leader replicas, the followers isolated out of the ISR are listed as ELR', () => {
    const params = {
      ...runForPreset(kafkaLab).run.params,
      'topic.partitions': 1,
      'topic.minInsyncReplicas': 2,
      'topic.eligibleLeaderReplicas': true,
      'workload.recordsPerSecond': 200,
      'workload.durationMs': 60_000,
      faults: [{ atMs: 1_000, type: 'partition', broker: 0, durationMs: 55_000 }],
    };
    const runner = new Runner(kafkaLab, params as never, 1);
    runner.runTo(46_000); // the ISR shrinks to {0} at the first check after 30 s of lag
    const v = clusterView(runner.model as KafkaModel)!;
    expect(v.partitions[0].isr).toEqual([0]);
    expect(v.partitions[0].elr).toEqual([1, 2]);
    expect(clusterLabel(v)).toContain('ISR {0}, ELR {1, 2}');
  });

  it('min ISR preset: two brokers down, blocked producer with a full buffer', () => {
    const runner = runAt('min-isr-stops-writes', 20_000);
    const v = clusterView(runner.model as KafkaModel)!;
    expect(v.brokers.filter((b) => b.alive)).toHaveLength(1);
    expect(v.producer.bufferUsed).toBeGreaterThan(0.9 * v.producer.bufferTotal);
  });

  it('a config the client would refuse has no cluster', () => {
    const runner = new Runner(kafkaLab, { ...runForPreset(kafkaLab).run.params, 'topic.replicationFactor': 5 } as never, 1);
    expect(clusterView(runner.model as KafkaModel)).toBeNull();
  });
});

describe('drawing a frame', () => {
  it('stays inside the canvas and its call count does not grow with the records sent', () => {
    const calls = (presetId: string, t: number) => {
      const runner = runAt(presetId, t);
      const L = clusterLayout(640, false, 3, 6);
      const view = clusterView(runner.model as KafkaModel, { partitionsShown: MAX_ROWS })!;
      const particles = particlesAt(runner.recorder.events as readonly Logged<KafkaEvent>[], runner.now, particleWindowMs(runner.horizonMs), MAX_PARTICLES, {
        row: (p) => (p < L.rows ? p : -1),
        producerOut: (row) => producerOut(L, row),
        brokerIn: (row, b) => brokerIn(L, row, b),
        leaderOf: (p) => view.partitions[p]?.leader ?? -1,
      });
      let n = 0;
      const outside: string[] = [];
      const check = (name: string, x: number, y: number) => {
        if (x < -8 || y < -8 || x > L.width + 8 || y > L.height + 8) outside.push(`${name}(${x.toFixed(1)}, ${y.toFixed(1)})`);
      };
      const ctx = new Proxy({} as Record<string, unknown>, {
        get(target, prop: string) {
          if (prop in target) return target[prop];
          return (...args: number[]) => {
            n++;
            if (['fillRect', 'strokeRect', 'moveTo', 'lineTo', 'arc', 'fillText'].includes(prop)) {
              const [x, y] = prop === 'fillText' ? [args[1], args[2]] : [args[0], args[1]];
              check(prop, x, y);
            }
          };
        },
        set(target, prop: string, value) {
          target[prop] = value;
          return true;
        },
      }) as unknown as DrawingContext;
      drawScene(ctx, { layout: L, view, particles, selected: { partition: 0, broker: 0 } }, DEFAULT_PALETTE);
      return { n, outside };
    };
    const early = calls('linger-trades-latency-for-batching', 1_000);
    const busy = calls('netflix-keystone', 8_000);
    expect(early.outside).toEqual([]);
    expect(busy.outside).toEqual([]);
    expect(busy.n).toBeLessThan(4_000);
  });
});
