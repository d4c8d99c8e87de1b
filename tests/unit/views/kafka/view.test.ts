/**
 * The Kafka view renders on the server (the canvas is drawn after mount) with the hooks the
 * browser test uses: verdict attributes, fault buttons (live only with setParams), the producer's
 * buffer gauge, six charts; a refused configuration shows Kafka's message instead of crashing.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { KafkaView } from '@/components/labs/kafka/KafkaView';
import { LabShell } from '@/components/lab-shell/LabShell';
import { runForPreset } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';
import { kafkaLab, type KafkaResult } from '@/simulations/kafka';

function render(presetId: string | undefined, t: number, options: { setParams?: boolean; presenter?: boolean; overrides?: Record<string, unknown> } = {}) {
  const { run } = runForPreset(kafkaLab, presetId);
  const runner = new Runner(kafkaLab, { ...run.params, ...options.overrides } as never, run.seed);
  runner.runTo(t);
  const html = renderToString(createElement(KafkaView, { runner, version: runner.version, presenter: options.presenter ?? false, setParams: options.setParams === false ? undefined : () => {} }));
  return { html, runner };
}

const attr = (html: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];

describe('kafka view', () => {
  it('acks=1 leader crash at the end: the verdict reports the lost acknowledged records in data attributes and text', () => {
    const { html, runner } = render('acks-1-leader-crash-loses-data', Infinity);
    const r = runner.result() as KafkaResult;
    expect(runner.done).toBe(true);
    expect(r.lostAcked).toBeGreaterThan(0);
    for (const id of ['kafka-view', 'kafka-cluster', 'kafka-verdict', 'kafka-verdict-headline', 'kafka-producer', 'kafka-buffer-gauge', 'kafka-faults', 'fault-partition', 'fault-broker', 'fault-duration', 'fault-kill-leader', 'fault-kill-follower', 'fault-slow-broker', 'fault-drop-responses', 'fault-restart-broker', 'fault-list', 'kafka-numbers']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(attr(html, 'data-lost-acked')).toBe(String(r.lostAcked));
    expect(attr(html, 'data-verdict')).toBe('broken');
    expect(attr(html, 'data-final')).toBe('true');
    expect(html).toContain(`acks=1 + leader failover: ${r.lostAcked.toLocaleString('en-US')} acknowledged records lost`);
    expect(html).toContain('oracle row 6');
    expect(html).toContain('3.50 s: cut off the leader of partition 0, healed after 20 s');
    for (const title of ['Throughput', 'Ack latency per 100 ms', 'Buffer occupancy (buffer.memory)', 'Dropped and failed records', 'Acknowledged records lost', 'Duplicate writes']) expect(html).toContain(title);
    // the run is over: no more faults
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-kill-leader"/);
  });

  it('safe defaults mid-run: held so far, buttons live with setParams and dead without', () => {
    const live = render('kafka-4x-safe-defaults', 2_000).html;
    expect(attr(live, 'data-verdict')).toBe('held');
    expect(attr(live, 'data-lost-acked')).toBe('0');
    expect(attr(live, 'data-final')).toBe('false');
    expect(live).toContain('Verdict so far');
    expect(live).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-kill-leader"/);
    const readOnly = render('kafka-4x-safe-defaults', 2_000, { setParams: false }).html;
    expect(readOnly).toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-kill-leader"/);
  });

  it('the buffer gauge and the config notes show the Netflix producer (drop on full, idempotence silently off)', () => {
    const { html } = render('netflix-keystone', 6_000);
    const gauge = /<div[^>]*data-testid="kafka-buffer-gauge"[^>]*>/.exec(html)![0];
    expect(attr(gauge, 'aria-valuemax')).toBe(String(2 * 1024 * 1024));
    expect(Number(attr(gauge, 'aria-valuenow'))).toBeGreaterThan(0);
    expect(html).toContain('drop the record');
    expect(html).toContain('idempotence silently disabled: acks=1');
  });

  it('presenter mode drops the numbers table but keeps verdict and charts', () => {
    const { html } = render('kafka-4x-safe-defaults', 2_000, { presenter: true });
    expect(html).not.toContain('data-testid="kafka-numbers"');
    expect(html).toContain('data-testid="kafka-verdict"');
    expect(html).toContain('Duplicate writes');
  });

  it('a configuration Kafka refuses shows its message instead of a cluster', () => {
    const { html } = render(undefined, 0, { overrides: { 'topic.replicationFactor': 5 } });
    expect(html).toContain('data-testid="kafka-config-error"');
    expect(html).toContain('Replication factor: 5 larger than available brokers: 3.');
    expect(html).not.toContain('data-testid="kafka-cluster"');
  });

  it('inside the shell the view gets setParams (buttons live)', () => {
    const { run } = runForPreset(kafkaLab, 'idempotence-vs-duplicates');
    const html = renderToString(createElement(LabShell, { lab: kafkaLab, View: KafkaView, initial: { ...run, timeMs: 1_000 }, mode: 'page' }));
    expect(html).toContain('data-testid="kafka-view"');
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-kill-leader"/);
  });
});
