'use client';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { ChatFrame } from '@/simulations/chat';
import { useElementWidth } from '@/components/charts/useElementWidth';
import { prepareCanvas, readCssPalette } from '@/components/charts/canvas';
import { buildScene, type SceneParams } from './scene';
import { DEFAULT_PALETTE, drawScene, type Palette } from './draw';
import { PRESENTER_CHART_TEXT_SCALE } from '@/components/charts/textScale';
import { topologyLayout } from './topology';
import { cellUnit, topologyLabel } from '../viewModel';
import styles from '../ChatView.module.css';
import labView from '../../lab-view.module.css';

const PALETTE_VARS: Record<keyof Palette, string> = {
  fg: '--fg',
  muted: '--muted',
  border: '--border',
  surface: '--surface',
  connected: '--series-1',
  handshaking: '--series-5',
  reconnecting: '--series-2',
  halfOpen: '--series-4',
  ok: '--ok',
  warning: '--warning',
  danger: '--danger',
  particle: '--series-3',
  online: '--ok',
  away: '--series-5',
  offline: '--muted',
};

const readPalette = (el: Element): Palette => readCssPalette(el, DEFAULT_PALETTE, PALETTE_VARS);

export function topologyHeight(width: number, presenter: boolean): number {
  if (presenter) return 330;
  return Math.max(280, Math.min(400, Math.round(width * 0.42)));
}

/**
 * The canvas picture: router and fan-out tier, gateways with memory and socket bars, each gateway's
 * devices as dots or density cells, the reconnecting pool, sampled messages and presence ripples.
 * Drawn after every render (at most once per animation frame); React only owns the canvas element.
 */
export interface TopologyCanvasProps {
  frame: ChatFrame;
  params: SceneParams;
  /** virtual time now, ms */
  now: number;
  horizonMs: number;
  presenter: boolean;
  onSelectGateway?(g: number): void;
}

export function TopologyCanvas({ frame, params, now, horizonMs, presenter, onSelectGateway }: TopologyCanvasProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const height = topologyHeight(width, presenter);
  const [scale, setScale] = useState<{ perCell: number; dots: boolean } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, width, height);
    if (!ctx) return;
    const scene = buildScene(frame, params, now, horizonMs, width, height);
    drawScene(ctx, scene, readPalette(canvas), presenter ? PRESENTER_CHART_TEXT_SCALE : 1);
    setScale((prev) => (prev && prev.perCell === scene.bins.perCell && prev.dots === scene.dots ? prev : { perCell: scene.bins.perCell, dots: scene.dots }));
  }, [frame, params, now, horizonMs, width, height, presenter]);

  const G = frame.gateways.length;
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!onSelectGateway) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const L = topologyLayout(width, height, G, frame.devices / G);
    const g = Math.floor((e.clientX - rect.left - L.margin) / L.slotWidth);
    if (g >= 0 && g < G && e.clientY - rect.top >= L.gatewayTop) onSelectGateway(g);
  };

  const label = topologyLabel(frame);
  const unit = scale === null ? null : cellUnit(scale);

  return (
    <figure className={labView.figure} data-testid="chat-topology" data-per-cell={scale?.perCell} data-dots={scale ? String(scale.dots) : undefined}>
      <div ref={wrapRef} className={labView.canvasWrap} style={{ height }}>
        <canvas ref={canvasRef} role="img" aria-label={label} style={{ width: '100%', height }} onClick={onClick} />
      </div>
      <figcaption className={labView.legend}>
        <span className={styles.key} data-kind="connected">connected</span>
        <span className={styles.key} data-kind="handshaking">handshaking</span>
        <span className={styles.key} data-kind="reconnecting">reconnecting</span>
        <span className={styles.key} data-kind="half-open">half-open (partitioned)</span>
        <span className={styles.key} data-kind="message">message (sample)</span>
        <span className={styles.key} data-kind="presence">presence change</span>
        {unit && <span className={styles.unit}>{unit}; bars: memory vs RAM, sockets vs fd limit</span>}
      </figcaption>
    </figure>
  );
}
