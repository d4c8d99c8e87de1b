'use client';
/**
 * A Gantt chart: bars on lanes over time, data-agnostic (accessors lane, start, end, tone). d3
 * computes the time scale, the ticks and the colour ramp; the bars are drawn on a canvas (tens of
 * thousands of bars stay cheap to redraw), the axis under it. Colour: `tone` in [0, 1] on a ramp
 * from --series-1 to --series-2 (read from the theme), --series-3 where `accent` is true, --danger
 * where `alarm` is.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { interpolateLab, scaleLinear } from 'd3';
import { prepareCanvas, readCssPalette } from './canvas';
import { formatNumber } from './format';
import { useElementWidth } from './useElementWidth';
import styles from './GanttChart.module.css';

export interface GanttChartProps<D> {
  title: string;
  /** what the picture shows, in words, for screen readers */
  summary: string;
  lanes: number;
  data: readonly D[];
  lane: (d: D) => number;
  start: (d: D) => number;
  end: (d: D) => number;
  /** 0–1 on the ramp from --series-1 to --series-2 */
  tone: (d: D) => number;
  /** drawn in --series-3 instead (e.g. a different kind of job) */
  accent?: (d: D) => boolean;
  /** drawn in --danger instead (e.g. a failed attempt); wins over accent */
  alarm?: (d: D) => boolean;
  xDomain: readonly [number, number];
  /** the current time: a vertical line */
  cursorX?: number;
  xLabel: string;
  xFormat?: (v: number) => string;
  /** legend entries: a tone on the ramp, or the accent */
  legend?: readonly { label: string; tone: number | 'accent' | 'alarm' }[];
  height?: number;
}

const AXIS_PX = 18;
const THEME = { text: '#555', lane: 'rgba(127,127,127,0.12)', low: '#0072b2', high: '#d55e00', accent: '#009e73', alarm: '#b3261e' };
const THEME_VARS = { text: '--muted', lane: '--border', low: '--series-1', high: '--series-2', accent: '--series-3', alarm: '--danger' };
/** Colours the ramp is cut into (bars of one colour are drawn together). */
const RAMP_STEPS = 12;

/** CSS for a legend swatch: the same ramp, mixed by the browser from the theme's variables. */
export function ganttSwatch(tone: number | 'accent' | 'alarm'): string {
  if (tone === 'accent') return 'var(--series-3)';
  if (tone === 'alarm') return 'var(--danger, #b3261e)';
  return `color-mix(in lab, var(--series-2) ${Math.round(tone * 100)}%, var(--series-1))`;
}

function GanttChartImpl<D>({ title, summary, lanes, data, lane, start, end, tone, accent, alarm, xDomain, cursorX, xLabel, xFormat = formatNumber, legend, height = 200 }: GanttChartProps<D>) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef, 320);
  const x = useMemo(() => scaleLinear().domain([xDomain[0], xDomain[1]]).range([0, width]), [xDomain, width]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, width, height);
    if (!ctx) return;
    const theme = readCssPalette(canvas, THEME, THEME_VARS);
    const plotH = height - AXIS_PX;
    const laneH = plotH / Math.max(1, lanes);
    const gap = laneH >= 4 ? 1 : 0;
    ctx.clearRect(0, 0, width, height);
    if (laneH >= 6) {
      ctx.fillStyle = theme.lane;
      for (let l = 0; l < lanes; l += 2) ctx.fillRect(0, l * laneH, width, laneH);
    }
    const ramp = interpolateLab(theme.low, theme.high);
    const colors = Array.from({ length: RAMP_STEPS + 1 }, (_, k) => ramp(k / RAMP_STEPS));
    let lastColor = '';
    for (const d of data) {
      const x0 = x(start(d));
      const w = Math.max(1, x(end(d)) - x0 - gap);
      const c = alarm?.(d) ? theme.alarm : accent?.(d) ? theme.accent : colors[Math.round(Math.min(1, Math.max(0, tone(d))) * RAMP_STEPS)];
      if (c !== lastColor) {
        ctx.fillStyle = c;
        lastColor = c;
      }
      ctx.fillRect(x0, lane(d) * laneH, w, Math.max(1, laneH - gap));
    }
    ctx.fillStyle = theme.text;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'bottom';
    for (const t of x.ticks(Math.max(2, Math.floor(width / 90)))) {
      const px = x(t);
      ctx.textAlign = px < 20 ? 'left' : px > width - 20 ? 'right' : 'center';
      ctx.fillText(xFormat(t), px, height - 2);
    }
  }, [data, lanes, lane, start, end, tone, accent, alarm, x, width, height, xFormat]);
  // the cursor moves every frame: a positioned line over the canvas, not a redraw of every bar
  const cursorPx = cursorX !== undefined && cursorX >= xDomain[0] && cursorX <= xDomain[1] ? Math.min(width - 1, x(cursorX)) : null;

  return (
    <figure className={styles.chart}>
      <figcaption className={styles.title}>{title}</figcaption>
      <div ref={wrapRef} className={styles.plot}>
        <canvas ref={canvasRef} role="img" aria-label={`${title}: ${summary}`} style={{ width: '100%', height }} />
        {cursorPx !== null ? <span className={styles.cursor} style={{ transform: `translateX(${cursorPx}px)`, height: height - AXIS_PX }} aria-hidden="true" /> : null}
      </div>
      <p className={styles.legend}>
        <span>{xLabel}</span>
        {legend?.map((l) => (
          <span key={l.label}>
            <span className={styles.swatch} style={{ background: ganttSwatch(l.tone) }} aria-hidden="true" />
            {l.label}
          </span>
        ))}
      </p>
    </figure>
  );
}

export const GanttChart = memo(GanttChartImpl) as typeof GanttChartImpl;
