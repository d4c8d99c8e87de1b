'use client';
/**
 * A heatmap of a rows × columns grid of values: data-agnostic (values row-major, optional band
 * accessors for grouping), colour = one CSS colour at an opacity that grows with the value, so it
 * reads in both themes. d3 computes the scale, React draws SVG rects. Optional `marked` cells get
 * an outline (e.g. held-out pairs); `onCellClick` receives the row and column under the pointer.
 */
import { memo, useMemo, useRef, type MouseEvent } from 'react';
import { scaleLinear } from 'd3';
import { useElementWidth } from './useElementWidth';
import styles from './HeatmapChart.module.css';

export interface HeatmapChartProps {
  title: string;
  rows: number;
  columns: number;
  /** rows × columns, row-major */
  values: readonly number[];
  /** the value drawn at full colour (default: the largest); values ≤ 0 are blank */
  max?: number;
  color?: string;
  /** 1 marks a cell with an outline (same layout as values) */
  marked?: readonly number[];
  markedLabel?: string;
  /** group of each row / column (a thin band of colour on the edge, var(--series-(g+1))) */
  rowGroup?: readonly number[];
  columnGroup?: readonly number[];
  rowLabel?: string;
  columnLabel?: string;
  /** what the title's description says of the picture, for screen readers */
  summary: string;
  onCellClick?(row: number, column: number): void;
  height?: number;
}

const BAND = 5;
const GAP = 2;

export function groupColor(group: number): string {
  return `var(--series-${(group % 6) + 1})`;
}

export const HeatmapChart = memo(function HeatmapChart({ title, rows, columns, values, max, color = 'var(--series-1)', marked, markedLabel, rowGroup, columnGroup, rowLabel, columnLabel, summary, onCellClick, height }: HeatmapChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 320);
  const left = rowGroup ? BAND + GAP : 0;
  const top = columnGroup ? BAND + GAP : 0;
  const cell = Math.max(2, Math.min(16, (width - left) / Math.max(1, columns)));
  const drawnHeight = height ?? top + cell * rows;
  const cellH = (drawnHeight - top) / Math.max(1, rows);
  const top1 = useMemo(() => max ?? Math.max(1e-12, ...values), [max, values]);
  const opacity = useMemo(() => scaleLinear().domain([0, top1]).range([0, 1]).clamp(true), [top1]);
  const click = (e: MouseEvent<SVGSVGElement>) => {
    if (!onCellClick) return;
    const box = e.currentTarget.getBoundingClientRect();
    const c = Math.floor((e.clientX - box.left - left) / cell);
    const r = Math.floor((e.clientY - box.top - top) / cellH);
    if (r >= 0 && r < rows && c >= 0 && c < columns) onCellClick(r, c);
  };
  return (
    <figure className={styles.chart}>
      <figcaption className={styles.title}>{title}</figcaption>
      <div ref={ref} className={styles.plot}>
        <svg width={left + cell * columns} height={drawnHeight} role="img" aria-label={`${title}: ${summary}`} onClick={click} className={onCellClick ? styles.clickable : undefined}>
          {rowGroup?.map((g, r) => <rect key={`r${r}`} x={0} y={top + r * cellH} width={BAND} height={cellH} fill={groupColor(g)} />)}
          {columnGroup?.map((g, c) => <rect key={`c${c}`} x={left + c * cell} y={0} width={cell} height={BAND} fill={groupColor(g)} />)}
          <rect x={left} y={top} width={cell * columns} height={cellH * rows} className={styles.background} />
          {values.map((v, k) =>
            v > 0 ? <rect key={k} x={left + (k % columns) * cell} y={top + Math.floor(k / columns) * cellH} width={cell} height={cellH} fill={color} fillOpacity={opacity(v)} /> : null,
          )}
          {marked?.map((m, k) =>
            m ? <rect key={`m${k}`} x={left + (k % columns) * cell + 0.75} y={top + Math.floor(k / columns) * cellH + 0.75} width={cell - 1.5} height={cellH - 1.5} className={styles.marked} /> : null,
          )}
        </svg>
      </div>
      {(rowLabel || columnLabel || markedLabel) && (
        <p className={styles.axes}>
          {rowLabel && <span>rows: {rowLabel}</span>}
          {columnLabel && <span>columns: {columnLabel}</span>}
          {markedLabel && (
            <span>
              <span className={styles.markSwatch} aria-hidden="true" /> {markedLabel}
            </span>
          )}
        </p>
      )}
    </figure>
  );
});
