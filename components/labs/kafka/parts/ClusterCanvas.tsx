'use client';
import { useEffect, useRef, type MouseEvent } from 'react';
import type { ClusterView } from '@/simulations/kafka';
import type { KafkaRun } from '../viewModel';
import { useElementWidth } from '@/components/charts/useElementWidth';
import { prepareCanvas, readCssPalette } from '@/components/charts/canvas';
import { brokerIn, clusterLayout, hitTest, producerOut } from './layout';
import { DEFAULT_PALETTE, drawScene, type Palette } from './draw';
import { MAX_PARTICLES, particlesAt, particleWindowMs } from './particles';
import { clusterLabel } from './describe';
import styles from '../KafkaView.module.css';
import labView from '../../lab-view.module.css';

const PALETTE_VARS: Record<keyof Palette, string> = {
  fg: '--fg',
  muted: '--muted',
  border: '--border',
  surface: '--surface',
  bg: '--bg',
  accent: '--accent',
  log: '--series-1',
  crown: '--series-5',
  ok: '--ok',
  warning: '--warning',
  danger: '--danger',
  send: '--series-1',
  ack: '--series-3',
};

const readPalette = (el: Element): Palette => readCssPalette(el, DEFAULT_PALETTE, PALETTE_VARS);

interface Props {
  run: KafkaRun;
  version: number;
  presenter: boolean;
  view: ClusterView;
  selected: { partition: number; broker: number };
  onSelect(sel: { partition?: number; broker?: number }): void;
}

/**
 * The cluster picture on a canvas, redrawn after every render (at most once per animation frame);
 * React only owns the element. Click a row to pick a partition, a column to pick a broker (the
 * fault buttons act on them).
 */
export function ClusterCanvas({ run, version, presenter, view, selected, onSelect }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const layout = clusterLayout(width, presenter, view.brokers.length, view.partitions.length + view.hiddenPartitions);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, layout.width, layout.height);
    if (!ctx) return;
    const rows = layout.rows;
    const particles = particlesAt(run.recorder.events, run.now, particleWindowMs(run.horizonMs), MAX_PARTICLES, {
      row: (p) => (p < rows ? p : -1),
      producerOut: (row) => producerOut(layout, row),
      brokerIn: (row, b) => brokerIn(layout, row, b),
      leaderOf: (p) => view.partitions[p]?.leader ?? -1,
    });
    drawScene(ctx, { layout, view, particles, selected }, readPalette(canvas));
  }, [run, version, layout, view, selected]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const hit = hitTest(layout, e.clientX - rect.left, e.clientY - rect.top);
    const sel: { partition?: number; broker?: number } = {};
    if (hit.partition !== null) sel.partition = hit.partition;
    if (hit.broker !== null) sel.broker = hit.broker;
    if (sel.partition !== undefined || sel.broker !== undefined) onSelect(sel);
  };

  const up = view.brokers.filter((b) => b.alive).length;
  return (
    <figure
      className={labView.figure}
      data-testid="kafka-cluster"
      data-brokers-up={up}
      data-leaders={view.partitions.map((p) => p.leader).join(',')}
      data-isr-sizes={view.partitions.map((p) => p.isr.length).join(',')}
    >
      <div ref={wrapRef} className={labView.canvasWrap} style={{ height: layout.height }}>
        <canvas ref={canvasRef} role="img" aria-label={clusterLabel(view)} style={{ width: '100%', height: layout.height }} onClick={onClick} />
      </div>
      <figcaption className={labView.legend}>
        <span className={styles.key} data-kind="committed">log up to the high watermark (committed)</span>
        <span className={styles.key} data-kind="tail">tail above HW (not yet on every ISR member)</span>
        <span className={styles.key} data-kind="isr">in-sync replica</span>
        <span className={styles.key} data-kind="out">out of sync</span>
        <span className={styles.key} data-kind="crown">leader</span>
        <span className={styles.key} data-kind="send">batch sent</span>
        <span className={styles.key} data-kind="ack">acknowledged</span>
        <span className={styles.key} data-kind="retry">retried</span>
        <span className={styles.note}>
          Producer boxes: batches filling up to batch.size; the line under each is its wait against linger.ms (green: sendable by time). In-flight
          batches are a sample, slowed down to be visible. Click a row or a column to pick the partition or broker for the fault buttons.
        </span>
      </figcaption>
    </figure>
  );
}
