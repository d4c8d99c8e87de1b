'use client';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleLinear } from 'd3';
import { domainFrom, GrowingExtent, mergeExtents, nearestIndex, type Domain, type Extent } from './scales';
import { SeriesPathCache, seriesColor, type AnySeries } from './series';
import { formatNumber } from './format';
import { summarizeChart } from './summary';
import { useElementWidth } from './useElementWidth';
import styles from './TimeSeriesChart.module.css';

export interface EventMarker {
  x: number;
  label: string;
  color?: string;
}

/** A horizontal reference line, e.g. the theoretical mean. */
export interface Guide {
  y: number;
  label: string;
  color?: string;
}

export interface TimeSeriesChartProps {
  /** Heading above the chart and the accessible name of the figure. */
  title: string;
  series: AnySeries[];
  /** Axis titles with units, e.g. "time (s)", "customers". */
  xLabel?: string;
  yLabel?: string;
  /** Unit appended to values in the tooltip and the screen-reader summary. */
  yUnit?: string;
  /** Pin a domain instead of deriving it from the data (e.g. [0, horizon] so a live run grows to the right). */
  xDomain?: Domain;
  yDomain?: Domain;
  /** Stretch the y domain to contain 0 (default true). */
  includeZero?: boolean;
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  /** Vertical markers with labels at given x (at most MAX_MARKERS are drawn, the latest ones). */
  markers?: EventMarker[];
  /** Horizontal reference lines (included in the derived y domain). */
  guides?: Guide[];
  /** The current-time marker. */
  cursorX?: number;
  /** Total SVG height in px (default 180). */
  height?: number;
}

const MARGIN = { top: 10, right: 16, bottom: 34, left: 52 };
const MAX_MARKERS = 60;
const KEY_STEPS = 100;

export function TimeSeriesChart({
  title,
  series,
  xLabel,
  yLabel,
  yUnit = '',
  xDomain,
  yDomain,
  includeZero = true,
  xFormat = formatNumber,
  yFormat = formatNumber,
  markers,
  guides,
  cursorX,
  height = 180,
}: TimeSeriesChartProps) {
  const containerRef = useRef<HTMLElement>(null);
  const width = useElementWidth(containerRef);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [hoverPx, setHoverPx] = useState<number | null>(null);
  const [keyboardActive, setKeyboardActive] = useState(false);

  // Per-chart caches live for the component's life; they only ever do work when data grew.
  const extentsRef = useRef(new Map<string, { x: GrowingExtent<unknown>; y: GrowingExtent<unknown> }>());
  const pathCacheRef = useRef(new SeriesPathCache());

  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(10, height - MARGIN.top - MARGIN.bottom);

  const xExtents: (Extent | null)[] = [];
  const yExtents: (Extent | null)[] = [];
  for (const s of series) {
    let caches = extentsRef.current.get(s.id);
    if (!caches) {
      caches = { x: new GrowingExtent(), y: new GrowingExtent() };
      extentsRef.current.set(s.id, caches);
    }
    if (!xDomain) xExtents.push(caches.x.get(s.data, s.x));
    if (!yDomain) yExtents.push(caches.y.get(s.data, s.y));
  }
  const [xd0, xd1] = domainFrom(mergeExtents(xExtents), { fixed: xDomain });
  const finiteGuides = (guides ?? []).filter((g) => Number.isFinite(g.y));
  for (const g of finiteGuides) yExtents.push({ min: g.y, max: g.y });
  const [yd0, yd1] = domainFrom(mergeExtents(yExtents), { fixed: yDomain, includeZero });

  const xScale = useMemo(() => scaleLinear().domain([xd0, xd1]).range([0, innerWidth]), [xd0, xd1, innerWidth]);
  const yScale = useMemo(() => scaleLinear().domain([yd0, yd1]).range([innerHeight, 0]).nice(), [yd0, yd1, innerHeight]);

  const pathCache = pathCacheRef.current;
  pathCache.retain(series.map((s) => s.id));
  const drawn = series.map((s, i) => ({ s, color: seriesColor(s, i), paths: pathCache.paths(s, xScale, yScale) }));

  const xTicks = xScale.ticks(Math.max(2, Math.floor(innerWidth / 90)));
  const yTicks = yScale.ticks(Math.max(2, Math.floor(innerHeight / 36)));

  const visibleMarkers = (markers ?? []).filter((m) => m.x >= xd0 && m.x <= xd1).slice(-MAX_MARKERS);

  const summary = summarizeChart(title, series, yUnit, yFormat);
  const summaryId = `${uid}-summary`;
  const clipId = `${uid}-clip`;

  let hover: { x: number; rows: { label: string; color: string; value: number; px: number; py: number }[] } | null = null;
  if (hoverPx !== null) {
    const target = xScale.invert(hoverPx);
    const rows = [];
    for (const { s, color } of drawn) {
      const i = nearestIndex(s.data, s.x, target);
      if (i < 0) continue;
      const d = s.data[i];
      const value = s.y(d);
      if (!Number.isFinite(value)) continue;
      rows.push({ label: s.label, color, value, px: xScale(s.x(d)), py: yScale(value) });
    }
    hover = { x: target, rows };
  }

  const onPointerMove = (e: PointerEvent<SVGRectElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    setKeyboardActive(false);
    setHoverPx(Math.max(0, Math.min(innerWidth, e.clientX - rect.left)));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const stepPx = innerWidth / KEY_STEPS;
    const current = hoverPx ?? (cursorX !== undefined ? xScale(cursorX) : innerWidth);
    let next: number | null | undefined;
    if (e.key === 'ArrowLeft') next = current - stepPx;
    else if (e.key === 'ArrowRight') next = current + stepPx;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = innerWidth;
    else if (e.key === 'Escape') next = null;
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    setKeyboardActive(next !== null);
    setHoverPx(next === null ? null : Math.max(0, Math.min(innerWidth, next)));
  };

  const tooltipLeft = hoverPx === null ? 0 : MARGIN.left + hoverPx + (hoverPx > innerWidth / 2 ? -12 : 12);

  return (
    <figure ref={containerRef} className={styles.chart}>
      <figcaption className={styles.header}>
        <span className={styles.title}>{title}</span>
        {series.length > 1 && (
          <ul className={styles.legend} aria-hidden="true">
            {drawn.map(({ s, color }) => (
              <li key={s.id}>
                <span className={styles.swatch} style={{ background: color }} />
                {s.label}
              </li>
            ))}
          </ul>
        )}
      </figcaption>
      <div
        className={styles.plot}
        tabIndex={0}
        role="group"
        aria-label={`${title}: chart. Use left and right arrow keys to read values.`}
        aria-describedby={summaryId}
        onKeyDown={onKeyDown}
        onBlur={() => keyboardActive && setHoverPx(null)}
      >
        <svg className={styles.svg} width={width} height={height} role="img" aria-label={title}>
          <defs>
            <clipPath id={clipId}>
              <rect x={0} y={-2} width={innerWidth} height={innerHeight + 4} />
            </clipPath>
          </defs>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map((t) => (
              <g key={`y${t}`} transform={`translate(0,${yScale(t)})`}>
                <line className={styles.grid} x2={innerWidth} />
                <text className={styles.tickLabel} x={-6} dy="0.32em" textAnchor="end">
                  {yFormat(t)}
                </text>
              </g>
            ))}
            <line className={styles.axis} y1={innerHeight} y2={innerHeight} x2={innerWidth} />
            {xTicks.map((t) => (
              <g key={`x${t}`} transform={`translate(${xScale(t)},${innerHeight})`}>
                <line className={styles.axis} y2={4} />
                <text className={styles.tickLabel} y={16} textAnchor="middle">
                  {xFormat(t)}
                </text>
              </g>
            ))}
            {xLabel && (
              <text className={styles.axisLabel} x={innerWidth} y={innerHeight + 30} textAnchor="end">
                {xLabel}
              </text>
            )}
            {yLabel && (
              <text className={styles.axisLabel} transform={`translate(${-MARGIN.left + 10},${innerHeight / 2}) rotate(-90)`} textAnchor="middle">
                {yLabel}
              </text>
            )}
            <g clipPath={`url(#${clipId})`}>
              {drawn.map(({ s, color, paths }) => (
                <g key={s.id}>
                  {paths.area !== null && <path className={styles.area} d={paths.area} fill={color} />}
                  <path className={styles.line} d={paths.line} stroke={color} />
                </g>
              ))}
            </g>
            {finiteGuides.map((g) => {
              const gy = yScale(g.y);
              if (gy < -1 || gy > innerHeight + 1) return null;
              return (
                <g key={`g${g.label}`} transform={`translate(0,${gy})`}>
                  <line className={styles.guide} x2={innerWidth} style={g.color ? { stroke: g.color } : undefined} />
                  <text className={styles.guideLabel} x={innerWidth - 4} y={-4} textAnchor="end">
                    {g.label}
                  </text>
                </g>
              );
            })}
            {visibleMarkers.map((m, i) => {
              const mx = xScale(m.x);
              const prev = i > 0 ? xScale(visibleMarkers[i - 1].x) : -Infinity;
              return (
                <g key={`m${i}-${m.x}`} transform={`translate(${mx},0)`}>
                  <line className={styles.marker} y2={innerHeight} style={m.color ? { stroke: m.color } : undefined}>
                    <title>{m.label}</title>
                  </line>
                  {mx - prev > 48 && (
                    <text className={styles.markerLabel} x={3} y={9}>
                      {m.label}
                    </text>
                  )}
                </g>
              );
            })}
            {cursorX !== undefined && cursorX >= xd0 && cursorX <= xd1 && (
              <line className={styles.cursor} x1={xScale(cursorX)} x2={xScale(cursorX)} y2={innerHeight} />
            )}
            {hover && (
              <g>
                <line className={styles.hoverLine} x1={hoverPx!} x2={hoverPx!} y2={innerHeight} />
                {hover.rows.map((r) => (
                  <circle key={r.label} className={styles.hoverDot} cx={r.px} cy={r.py} r={3.5} fill={r.color} />
                ))}
              </g>
            )}
            <rect
              width={innerWidth}
              height={innerHeight}
              fill="transparent"
              onPointerMove={onPointerMove}
              onPointerDown={onPointerMove}
              onPointerLeave={() => setHoverPx(null)}
            />
          </g>
        </svg>
        {hover && hover.rows.length > 0 && (
          <div
            className={styles.tooltip}
            style={{ left: tooltipLeft, transform: hoverPx! > innerWidth / 2 ? 'translateX(-100%)' : undefined }}
            role={keyboardActive ? 'status' : undefined}
            aria-live={keyboardActive ? 'polite' : undefined}
          >
            <div>
              {xLabel ? `${xLabel}: ` : ''}
              {xFormat(hover.x)}
            </div>
            {hover.rows.map((r) => (
              <div key={r.label}>
                <span className={styles.swatch} style={{ background: r.color }} />
                {r.label}: {yFormat(r.value)}
                {yUnit ? ` ${yUnit}` : ''}
              </div>
            ))}
          </div>
        )}
      </div>
      <p id={summaryId} className={styles.visuallyHidden}>
        {summary}
      </p>
    </figure>
  );
}
