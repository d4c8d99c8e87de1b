'use client';
import { memo, useContext, useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleLinear, type ScaleLinear } from 'd3';
import { domainFrom, GrowingExtent, mergeExtents, nearestIndex, type Domain, type Extent } from './scales';
import { SeriesPathCache, seriesColor, type AnySeries } from './series';
import { formatNumber } from './format';
import { summarizeChart } from './summary';
import { useMeasuredWidth } from './useElementWidth';
import { chartMargins } from './margins';
import { ChartTextScale } from './textScale';
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

const MAX_MARKERS = 60;
const KEY_STEPS = 100;
/**
 * A line whose drawn points travel more than this many pixels up and down per pixel of width is
 * drawn 1 px wide (.jagged). LOUD: software rasterisers (no GPU) draw strokes of at most 1 device
 * pixel as hairlines, about 3x cheaper than the 1.5 px stroker for such zig-zags, which were most
 * of a live frame's raster time; a decimated noisy series looks the same either way.
 */
const JAGGED_TRAVEL_PER_PX = 4;
/** The screen-reader summary changes every frame of a live run; it is rewritten at most this often. */
const SUMMARY_INTERVAL_MS = 1000;

/*
 * LOUD: a live run re-renders every chart every animation frame. Everything that does not depend
 * on the newest points (axes, gridlines, legend, guides, markers) is a memoised element that React
 * skips while its inputs (scales, sizes, labels) are unchanged; the series paths are written
 * incrementally (series.ts) and the SVG has `contain: strict`, so a frame only touches the paths
 * and the cursor. Keep new per-frame work out of this component's render.
 */

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
  const measuredWidth = useMeasuredWidth(containerRef);
  // not measured yet: the frame (title, legend, plot box) at its final size, without contents
  const pending = measuredWidth === null;
  const width = measuredWidth ?? 0;
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [hoverPx, setHoverPx] = useState<number | null>(null);
  const [keyboardActive, setKeyboardActive] = useState(false);

  // Per-chart caches live for the component's life; they only ever do work when data grew.
  const extentsRef = useRef(new Map<string, { x: GrowingExtent<unknown>; y: GrowingExtent<unknown> }>());
  const pathCacheRef = useRef(new SeriesPathCache());

  const textScale = useContext(ChartTextScale);

  const xExtents: (Extent | null)[] = [];
  const yExtents: (Extent | null)[] = [];
  const seriesYExtents: (Extent | null)[] = [];
  for (const s of series) {
    let caches = extentsRef.current.get(s.id);
    if (!caches) {
      caches = { x: new GrowingExtent(), y: new GrowingExtent() };
      extentsRef.current.set(s.id, caches);
    }
    if (!xDomain) xExtents.push(caches.x.get(s.data, s.x));
    const yExtent = caches.y.get(s.data, s.y);
    seriesYExtents.push(yExtent);
    if (!yDomain) yExtents.push(yExtent);
  }
  const [xd0, xd1] = domainFrom(mergeExtents(xExtents), { fixed: xDomain });
  const finiteGuides = (guides ?? []).filter((g) => Number.isFinite(g.y));
  for (const g of finiteGuides) yExtents.push({ min: g.y, max: g.y });
  const [yd0, yd1] = domainFrom(mergeExtents(yExtents), { fixed: yDomain, includeZero });

  // memoised on the rounded ("nice") domain: a growing extent rarely changes it, so the axes and
  // the path text survive most frames
  const [ny0, ny1] = scaleLinear().domain([yd0, yd1]).nice().domain();
  // margins fit the text in them (tick labels, titles), at the shell's text scale (presenter mode)
  const bottom0 = Math.round(34 * textScale);
  const yTickCount = yTickCountFor(Math.max(10, height - 10 - bottom0), textScale);
  const yTickText = scaleLinear().domain([ny0, ny1]).ticks(yTickCount).map(yFormat).join('\u0000');
  const lastXText = xFormat(xd1);
  const MARGIN = useMemo(
    () => chartMargins({ yTickLabels: yTickText.split('\u0000'), lastXTickLabel: lastXText, hasYLabel: !!yLabel, textScale }),
    [yTickText, lastXText, yLabel, textScale],
  );
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const xScale = useMemo(() => scaleLinear().domain([xd0, xd1]).range([0, innerWidth]), [xd0, xd1, innerWidth]);
  const yScale = useMemo(() => scaleLinear().domain([ny0, ny1]).range([innerHeight, 0]), [ny0, ny1, innerHeight]);

  const pathCache = pathCacheRef.current;
  pathCache.retain(series.map((s) => s.id));
  const colors = series.map((s, i) => seriesColor(s, i));
  const drawn = pending ? [] : series.map((s, i) => ({ s, color: colors[i], paths: pathCache.paths(s, xScale, yScale) }));

  const visibleMarkers = (markers ?? []).filter((m) => m.x >= xd0 && m.x <= xd1).slice(-MAX_MARKERS);

  const summary = useThrottledText(summarizeChart(title, series, yUnit, yFormat, seriesYExtents), SUMMARY_INTERVAL_MS);
  const summaryId = `${uid}-summary`;
  const clipId = `${uid}-clip`;

  const legendKey = series.length > 1 ? series.map((s, i) => `${s.id}\u0000${s.label}\u0000${colors[i]}`).join('\u0001') : '';
  const legend = useMemo(
    () =>
      legendKey === '' ? null : (
        <ul className={styles.legend} aria-hidden="true">
          {legendKey.split('\u0001').map((item) => {
            const [id, label, color] = item.split('\u0000');
            return (
              <li key={id}>
                <span className={styles.swatch} style={{ background: color }} />
                {label}
              </li>
            );
          })}
        </ul>
      ),
    [legendKey],
  );
  const axes = useMemo(
    () => <Axes xScale={xScale} yScale={yScale} innerWidth={innerWidth} innerHeight={innerHeight} xFormat={xFormat} yFormat={yFormat} xLabel={xLabel} yLabel={yLabel} marginLeft={MARGIN.left} textScale={textScale} />,
    [xScale, yScale, innerWidth, innerHeight, xFormat, yFormat, xLabel, yLabel, MARGIN.left, textScale],
  );
  const guidesKey = finiteGuides.map((g) => `${g.y}\u0000${g.label}\u0000${g.color ?? ''}`).join('\u0001');
  const guideLines = useMemo(
    () => <Guides guidesKey={guidesKey} yScale={yScale} innerWidth={innerWidth} innerHeight={innerHeight} />,
    [guidesKey, yScale, innerWidth, innerHeight],
  );
  const markersKey = visibleMarkers.map((m) => `${m.x}\u0000${m.label}\u0000${m.color ?? ''}`).join('\u0001');
  const markerLines = useMemo(
    () => <Markers markersKey={markersKey} xScale={xScale} innerHeight={innerHeight} />,
    [markersKey, xScale, innerHeight],
  );

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
    <figure ref={containerRef} className={styles.chart} style={textScale === 1 ? undefined : ({ '--chart-text-scale': textScale } as CSSProperties)}>
      <figcaption className={styles.header}>
        <span className={styles.title}>{title}</span>
        {legend}
      </figcaption>
      {/* a keyboard-readable chart: the arrow keys move the read-out (the summary describes it) */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        className={styles.plot}
        tabIndex={0}
        role="group"
        aria-label={`${title}: chart. Use left and right arrow keys to read values.`}
        aria-describedby={summaryId}
        onKeyDown={onKeyDown}
        onBlur={() => keyboardActive && setHoverPx(null)}
      >
        <svg className={styles.svg} width={pending ? '100%' : width} height={height} role="img" aria-label={title}>
          <defs>
            <clipPath id={clipId}>
              <rect x={0} y={-2} width={innerWidth} height={innerHeight + 4} />
            </clipPath>
          </defs>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {!pending && axes}
            <g clipPath={`url(#${clipId})`}>
              {drawn.map(({ s, color, paths }) => (
                <SeriesShape key={s.id} line={paths.line} area={paths.area} color={color} jagged={(paths.travel ?? 0) > JAGGED_TRAVEL_PER_PX * innerWidth} />
              ))}
            </g>
            {!pending && guideLines}
            {!pending && markerLines}
            {!pending && cursorX !== undefined && cursorX >= xd0 && cursorX <= xd1 && (
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

interface AxesProps {
  xScale: ScaleLinear<number, number>;
  yScale: ScaleLinear<number, number>;
  innerWidth: number;
  innerHeight: number;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  xLabel?: string;
  yLabel?: string;
  marginLeft: number;
  textScale: number;
}

/** How many y ticks fit: one per 36 px of plot at normal text size. */
function yTickCountFor(innerHeight: number, textScale: number): number {
  return Math.max(2, Math.floor(innerHeight / (36 * textScale)));
}

/** Gridlines, axes, tick labels and axis titles: redrawn only when a scale or a size changes. */
const Axes = memo(function Axes({ xScale, yScale, innerWidth, innerHeight, xFormat, yFormat, xLabel, yLabel, marginLeft, textScale }: AxesProps) {
  const xTicks = xScale.ticks(Math.max(2, Math.floor(innerWidth / (90 * textScale))));
  const yTicks = yScale.ticks(yTickCountFor(innerHeight, textScale));
  return (
    <>
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
          <text className={styles.tickLabel} y={Math.round(16 * textScale)} textAnchor="middle">
            {xFormat(t)}
          </text>
        </g>
      ))}
      {xLabel && (
        <text className={styles.axisLabel} x={innerWidth} y={innerHeight + Math.round(30 * textScale)} textAnchor="end">
          {xLabel}
        </text>
      )}
      {yLabel && (
        <text className={styles.axisLabel} transform={`translate(${-marginLeft + Math.round(10 * textScale)},${innerHeight / 2}) rotate(-90)`} textAnchor="middle">
          {yLabel}
        </text>
      )}
    </>
  );
});

/** One series: its area (if any) under its line. Skipped by React while the path text is the same. */
const SeriesShape = memo(function SeriesShape({ line, area, color, jagged }: { line: string; area: string | null; color: string; jagged: boolean }) {
  return (
    <g>
      {area !== null && <path className={styles.area} d={area} fill={color} />}
      <path className={jagged ? `${styles.line} ${styles.jagged}` : styles.line} d={line} stroke={color} />
    </g>
  );
});

function splitKey(key: string): string[][] {
  return key === '' ? [] : key.split('\u0001').map((item) => item.split('\u0000'));
}

/** Horizontal reference lines, from a key "y\0label\0color" per guide (stable while unchanged). */
const Guides = memo(function Guides({ guidesKey, yScale, innerWidth, innerHeight }: { guidesKey: string; yScale: ScaleLinear<number, number>; innerWidth: number; innerHeight: number }) {
  return (
    <>
      {splitKey(guidesKey).map(([y, label, color]) => {
        const gy = yScale(Number(y));
        if (gy < -1 || gy > innerHeight + 1) return null;
        return (
          <g key={`g${label}`} transform={`translate(0,${gy})`}>
            <line className={styles.guide} x2={innerWidth} style={color ? { stroke: color } : undefined} />
            <text className={styles.guideLabel} x={innerWidth - 4} y={-4} textAnchor="end">
              {label}
            </text>
          </g>
        );
      })}
    </>
  );
});

/** Vertical event markers, from a key "x\0label\0color" per marker (stable while unchanged). */
const Markers = memo(function Markers({ markersKey, xScale, innerHeight }: { markersKey: string; xScale: ScaleLinear<number, number>; innerHeight: number }) {
  const items = splitKey(markersKey);
  return (
    <>
      {items.map(([x, label, color], i) => {
        const mx = xScale(Number(x));
        const prev = i > 0 ? xScale(Number(items[i - 1][0])) : -Infinity;
        return (
          <g key={`m${i}-${x}`} transform={`translate(${mx},0)`}>
            <line className={styles.marker} y2={innerHeight} style={color ? { stroke: color } : undefined}>
              <title>{label}</title>
            </line>
            {mx - prev > 48 && (
              <text className={styles.markerLabel} x={3} y={9}>
                {label}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
});

/**
 * `text`, but once it has been shown it changes at most every `intervalMs` (the latest text is
 * shown when the interval is over, so a paused run ends up with an exact summary).
 */
function useThrottledText(text: string, intervalMs: number): string {
  const [shown, setShown] = useState(text);
  const lastRef = useRef(0);
  useEffect(() => {
    if (text === shown) return;
    const show = () => {
      lastRef.current = performance.now();
      setShown(text);
    };
    const wait = lastRef.current + intervalMs - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const id = setTimeout(show, wait);
    return () => clearTimeout(id);
  }, [text, shown, intervalMs]);
  return shown;
}
