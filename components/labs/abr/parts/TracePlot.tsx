'use client';
import { useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import { line, curveStepAfter, curveLinear, scaleLinear } from 'd3';
import { decimate } from '@/components/charts/decimate';
import { formatNumber } from '@/components/charts/format';
import { niceCeiling, type EditorBounds, type TracePoint, type TraceSamples } from './traceEditing';
import type { PlotArea, useTraceDrag } from './useTraceDrag';
import styles from '../AbrView.module.css';

const HEIGHT = 170;
const MARGIN = { top: 10, right: 14, bottom: 30, left: 44 };

export interface TracePlotProps {
  width: number;
  durationS: number;
  /** the run's trace, drawn as steps */
  trace: TraceSamples;
  /** the control points (custom traces only) */
  custom: boolean;
  points: readonly TracePoint[];
  editable: boolean;
  bounds: EditorBounds;
  selected: number | null;
  onSelect(i: number): void;
  onPointKey(i: number): (e: KeyboardEvent<SVGGElement>) => void;
  drag: ReturnType<typeof useTraceDrag>;
  handleRefs: RefObject<(SVGGElement | null)[]>;
  hintId: string;
}

/** Highest sample of the trace within its first `durationS`. */
function traceMaxMbps(trace: TraceSamples, durationS: number): number {
  let m = 0;
  for (let k = 0; k < trace.mbps.length && trace.timesS[k] <= durationS; k++) m = Math.max(m, trace.mbps[k]);
  return m;
}

/** The trace plot: axes, the run's trace as steps and, for a custom trace, its draggable control points. */
export function TracePlot({ width, durationS, trace, custom, points, editable, bounds, selected, onSelect, onPointKey, drag, handleRefs, hintId }: TracePlotProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const shown = drag.draggedPoints ?? (points as TracePoint[]);
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

  const traceMax = useMemo(() => traceMaxMbps(trace, durationS), [trace, durationS]);
  const pointsMax = custom ? Math.max(0, ...points.map((p) => p[1])) : 0;
  const yMax = drag.dragYMax ?? niceCeiling(Math.max(traceMax, pointsMax, 0.5) * 1.15);

  const x = useMemo(() => scaleLinear().domain([0, durationS]).range([0, innerWidth]), [durationS, innerWidth]);
  const y = useMemo(() => scaleLinear().domain([0, yMax]).range([innerHeight, 0]), [yMax, innerHeight]);
  const area: PlotArea = { svgRef, x, y, innerWidth, innerHeight, margin: MARGIN };

  const tracePath = useMemo(() => {
    const samples: TracePoint[] = [];
    for (let k = 0; k < trace.timesS.length && trace.timesS[k] <= durationS; k++) samples.push([trace.timesS[k], trace.mbps[k]]);
    const drawn = decimate(samples, (p) => p[0], (p) => p[1], { x0: 0, x1: durationS, columns: innerWidth });
    return (
      line<TracePoint>()
        .x((p) => x(p[0]))
        .y((p) => y(Math.min(p[1], yMax)))
        .curve(curveStepAfter)
        .digits(1)(drawn as TracePoint[]) ?? ''
    );
  }, [trace, durationS, innerWidth, x, y, yMax]);

  const controlPath = custom
    ? (line<TracePoint>()
        .x((p) => x(p[0]))
        .y((p) => y(p[1]))
        .curve(curveLinear)
        .digits(1)(shown) ?? '')
    : '';

  const xTicks = x.ticks(Math.max(2, Math.floor(innerWidth / 80)));
  const yTicks = y.ticks(4);

  return (
    <svg ref={svgRef} className={styles.editorSvg} width={width} height={HEIGHT} role="group" aria-label={`Throughput over ${formatNumber(durationS)} s`} aria-describedby={hintId}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {yTicks.map((t) => (
          <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
            <line className={styles.gridLine} x2={innerWidth} />
            <text className={styles.tick} x={-6} dy="0.32em" textAnchor="end">
              {formatNumber(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} className={styles.tick} x={x(t)} y={innerHeight + 16} textAnchor="middle">
            {formatNumber(t)}
          </text>
        ))}
        <text className={styles.tick} x={innerWidth} y={innerHeight + 28} textAnchor="end">
          time (s)
        </text>
        <text className={styles.tick} transform={`translate(${-MARGIN.left + 10},${innerHeight / 2}) rotate(-90)`} textAnchor="middle">
          Mbps
        </text>
        <path className={styles.tracePath} d={tracePath} />
        {custom && <path className={styles.controlPath} d={controlPath} />}
        {custom &&
          shown.map(([t, v], i) =>
            t > durationS ? null : (
              <g
                key={i}
                ref={(el) => {
                  handleRefs.current[i] = el;
                }}
                className={`${styles.point} ${selected === i ? styles.pointSelected : ''}`}
                transform={`translate(${x(t)},${y(Math.min(v, yMax))})`}
                role="slider"
                tabIndex={editable ? 0 : -1}
                aria-label={`Trace point ${i + 1} of ${shown.length}`}
                aria-orientation="vertical"
                aria-valuemin={bounds.vMin}
                aria-valuemax={bounds.vMax}
                aria-valuenow={v}
                aria-valuetext={`${v} Mbps at ${t} s`}
                aria-readonly={editable ? undefined : true}
                data-testid="abr-trace-point"
                data-t={t}
                data-mbps={v}
                onFocus={() => onSelect(i)}
                onKeyDown={onPointKey(i)}
                onPointerDown={(e) => {
                  if (drag.start(i, yMax, e)) onSelect(i);
                }}
                onPointerMove={(e) => drag.move(e, area)}
                onPointerUp={drag.end}
                onPointerCancel={drag.cancel}
              >
                <circle className={styles.pointHit} r={14} />
                <circle className={styles.pointDot} r={5.5} />
              </g>
            ),
          )}
      </g>
    </svg>
  );
}
