'use client';
/**
 * A scatter plot of points in groups: data-agnostic (accessors x, y, group), d3 scales, SVG
 * circles; an optional second kind of mark (`shape: 'square'`) tells two populations apart
 * (users and tracks in one taste space). Colours are the chart palette by group.
 */
import { memo, useMemo, useRef } from 'react';
import { extent, scaleLinear } from 'd3';
import { useElementWidth } from './useElementWidth';
import { groupColor } from './HeatmapChart';
import styles from './HeatmapChart.module.css';

export interface ScatterLayer<D> {
  id: string;
  label: string;
  data: readonly D[];
  x: (d: D) => number;
  y: (d: D) => number;
  group: (d: D) => number;
  shape: 'circle' | 'square';
}

export interface ScatterChartProps {
  title: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each layer has its own point type
  layers: ScatterLayer<any>[];
  /** group names for the legend, by group index */
  groupNames?: readonly string[];
  summary: string;
  height?: number;
}

const PAD = 8;

export const ScatterChart = memo(function ScatterChart({ title, layers, groupNames, summary, height = 240 }: ScatterChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 320);
  const { sx, sy } = useMemo(() => {
    const xs = layers.flatMap((l) => l.data.map(l.x));
    const ys = layers.flatMap((l) => l.data.map(l.y));
    const [x0 = -1, x1 = 1] = extent(xs);
    const [y0 = -1, y1 = 1] = extent(ys);
    const spanX = x1 - x0 || 1;
    const spanY = y1 - y0 || 1;
    return {
      sx: scaleLinear().domain([x0 - spanX * 0.05, x1 + spanX * 0.05]).range([PAD, width - PAD]),
      sy: scaleLinear().domain([y0 - spanY * 0.05, y1 + spanY * 0.05]).range([height - PAD, PAD]),
    };
  }, [layers, width, height]);
  return (
    <figure className={styles.chart}>
      <figcaption className={styles.title}>{title}</figcaption>
      <div ref={ref} className={styles.plot}>
        <svg width={width} height={height} role="img" aria-label={`${title}: ${summary}`}>
          <rect x={0} y={0} width={width} height={height} className={styles.background} />
          {layers.map((l) => (
            <g key={l.id}>
              {l.data.map((d, k) =>
                l.shape === 'circle' ? (
                  <circle key={k} cx={sx(l.x(d))} cy={sy(l.y(d))} r={2.5} fill={groupColor(l.group(d))} fillOpacity={0.55} />
                ) : (
                  <rect key={k} x={sx(l.x(d)) - 3.5} y={sy(l.y(d)) - 3.5} width={7} height={7} fill="none" stroke={groupColor(l.group(d))} strokeWidth={1.5} />
                ),
              )}
            </g>
          ))}
        </svg>
      </div>
      <p className={styles.axes}>
        {layers.map((l) => (
          <span key={l.id}>
            {l.shape === 'circle' ? '●' : '□'} {l.label}
          </span>
        ))}
        {groupNames?.map((name, g) => (
          <span key={name}>
            <span aria-hidden="true" style={{ color: groupColor(g) }}>
              ■
            </span>{' '}
            {name}
          </span>
        ))}
      </p>
    </figure>
  );
});
