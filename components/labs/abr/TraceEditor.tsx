'use client';
import { memo, useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { line, curveStepAfter, curveLinear, scaleLinear } from 'd3';
import { decimate } from '@/components/charts/decimate';
import { useElementWidth } from '@/components/charts/useElementWidth';
import { formatNumber } from '@/components/charts/format';
import type { Trace } from '@/simulations/abr/network/trace';
import {
  addPoint,
  compactPoints,
  handEditChanges,
  loadTraceText,
  MAX_EDITOR_POINTS,
  MAX_TRACE_FILE_BYTES,
  movePoint,
  niceCeiling,
  nudgePoint,
  removePoint,
  type EditorBounds,
  type ParamChanges,
  type TracePoint,
} from './traceEditing';
import styles from './AbrView.module.css';

export interface TraceEditorProps {
  kind: string;
  /** `trace.points` (used when kind is custom). */
  points: readonly TracePoint[];
  durationS: number;
  minMbps: number;
  maxMbps: number;
  /** The trace the run actually uses (after noise and clamping). */
  trace: Trace;
  /** Applies param changes; returns an error message when they were refused. Absent: read-only. */
  apply?: (changes: ParamChanges) => string | null;
}

const HEIGHT = 170;
const MARGIN = { top: 10, right: 14, bottom: 30, left: 44 };

interface Drag {
  index: number;
  pointerId: number;
  points: TracePoint[];
  /** the y axis stays put while dragging */
  yMax: number;
}

type Message = { tone: 'info' | 'error'; text: string } | null;

/**
 * The network trace the players see, editable: drag a point or move it with the arrow keys (each
 * change re-runs the race), add/remove points, or load a trace file. Points are the `trace.points`
 * param, so an edited trace is part of the share link.
 */
export const TraceEditor = memo(function TraceEditor({ kind, points, durationS, minMbps, maxMbps, trace, apply }: TraceEditorProps) {
  const containerRef = useRef<HTMLElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const handleRefs = useRef<(SVGGElement | null)[]>([]);
  const width = useElementWidth(containerRef);
  const hintId = useId();
  const fileId = useId();
  const [drag, setDrag] = useState<Drag | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  const [message, setMessage] = useState<Message>(null);

  const custom = kind === 'custom';
  const editable = custom && apply !== undefined;
  const shown = drag?.points ?? (points as TracePoint[]);
  const bounds: EditorBounds = { tMax: durationS, vMin: Math.min(minMbps, maxMbps), vMax: Math.max(minMbps, maxMbps) };

  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

  const traceMax = useMemo(() => {
    let m = 0;
    for (let k = 0; k < trace.mbps.length && trace.timesS[k] <= durationS; k++) m = Math.max(m, trace.mbps[k]);
    return m;
  }, [trace, durationS]);
  const pointsMax = custom ? Math.max(0, ...points.map((p) => p[1])) : 0;
  const yMax = drag?.yMax ?? niceCeiling(Math.max(traceMax, pointsMax, 0.5) * 1.15);

  const x = useMemo(() => scaleLinear().domain([0, durationS]).range([0, innerWidth]), [durationS, innerWidth]);
  const y = useMemo(() => scaleLinear().domain([0, yMax]).range([innerHeight, 0]), [yMax, innerHeight]);

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

  useEffect(() => {
    if (pendingFocus === null) return;
    handleRefs.current[pendingFocus]?.focus();
    setPendingFocus(null);
  }, [pendingFocus, points]);

  const commit = (next: TracePoint[]): boolean => {
    if (!apply) return false;
    const error = apply({ 'trace.points': compactPoints(next) });
    setMessage(error ? { tone: 'error', text: error } : null);
    return error === null;
  };

  const pointerToValue = (e: PointerEvent<SVGGElement>): [number, number] => {
    const rect = svgRef.current!.getBoundingClientRect();
    const px = Math.max(0, Math.min(innerWidth, e.clientX - rect.left - MARGIN.left));
    const py = Math.max(0, Math.min(innerHeight, e.clientY - rect.top - MARGIN.top));
    return [x.invert(px), y.invert(py)];
  };

  const onPointerDown = (i: number) => (e: PointerEvent<SVGGElement>) => {
    if (!editable || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    setSelected(i);
    setDrag({ index: i, pointerId: e.pointerId, points: points.slice() as TracePoint[], yMax });
  };
  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const [t, v] = pointerToValue(e);
    setDrag({ ...drag, points: movePoint(drag.points, drag.index, t, v, bounds) });
  };
  const onPointerUp = (e: PointerEvent<SVGGElement>) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const moved = JSON.stringify(drag.points) !== JSON.stringify(points);
    setDrag(null);
    if (moved) commit(drag.points);
  };
  const onPointerCancel = () => setDrag(null);

  const onPointKey = (i: number) => (e: KeyboardEvent<SVGGElement>) => {
    if (!editable) return;
    let next: TracePoint[] | null = null;
    let focus = i;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      next = removePoint(points, i);
      focus = Math.max(0, i - 1);
      if (!next) {
        setMessage({ tone: 'info', text: 'A trace needs at least two points.' });
        e.preventDefault();
        e.stopPropagation();
        return;
      }
    } else {
      next = nudgePoint(points, i, e.key, e.shiftKey, bounds);
    }
    if (!next) return;
    // LOUD: the shell maps arrow keys to "step"; a handled key must not reach it
    e.preventDefault();
    e.stopPropagation();
    if (JSON.stringify(next) === JSON.stringify(points)) return;
    if (commit(next)) {
      setSelected(focus);
      setPendingFocus(focus);
    }
  };

  const onAdd = () => {
    const added = addPoint(points, bounds);
    if (!added) {
      setMessage({ tone: 'info', text: points.length >= MAX_EDITOR_POINTS ? `At most ${MAX_EDITOR_POINTS} points.` : 'No room for another point.' });
      return;
    }
    if (commit(added.points)) {
      setSelected(added.index);
      setPendingFocus(added.index);
    }
  };
  const onRemove = () => {
    if (selected === null) return;
    const next = removePoint(points, selected);
    if (!next) {
      setMessage({ tone: 'info', text: 'A trace needs at least two points.' });
      return;
    }
    if (commit(next)) setSelected(null);
  };
  const onHandEdit = () => {
    if (!apply) return;
    const { changes, points: n } = handEditChanges(trace, durationS, { minMbps, maxMbps });
    const error = apply(changes);
    setMessage(error ? { tone: 'error', text: error } : { tone: 'info', text: `The ${kind} trace is now ${n} points you can drag.` });
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file may be loaded again after an edit
    if (!file || !apply) return;
    if (file.size > MAX_TRACE_FILE_BYTES) {
      setMessage({ tone: 'error', text: `${file.name}: ${(file.size / 1e6).toFixed(1)} MB is too large for a trace (limit ${MAX_TRACE_FILE_BYTES / 1e6} MB)` });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setMessage({ tone: 'error', text: `${file.name}: could not be read` });
      return;
    }
    const loaded = loadTraceText(text, file.name, { minMbps, maxMbps });
    if (!loaded.ok) {
      setMessage({ tone: 'error', text: loaded.error });
      return;
    }
    const error = apply(loaded.changes);
    setMessage(error ? { tone: 'error', text: error } : { tone: 'info', text: loaded.message });
  };

  const xTicks = x.ticks(Math.max(2, Math.floor(innerWidth / 80)));
  const yTicks = y.ticks(4);

  return (
    <section ref={containerRef} className={styles.editor} aria-label="Network trace editor" data-testid="abr-trace-editor" data-trace-kind={kind}>
      <div className={styles.editorHeader}>
        <h3 className={styles.editorTitle}>Network trace</h3>
        <div className={styles.editorActions}>
          {!custom && apply && (
            <button type="button" className={styles.smallButton} onClick={onHandEdit} data-testid="abr-edit-by-hand">
              Edit by hand
            </button>
          )}
          {editable && (
            <>
              <button type="button" className={styles.smallButton} onClick={onAdd} data-testid="abr-add-point">
                Add point
              </button>
              <button type="button" className={styles.smallButton} onClick={onRemove} disabled={selected === null || points.length <= 2} data-testid="abr-remove-point">
                Remove point
              </button>
            </>
          )}
          {apply && (
            <label className={styles.fileButton} htmlFor={fileId}>
              Load a trace file
              <input id={fileId} type="file" className={styles.visuallyHidden} onChange={onFile} data-testid="abr-trace-file" />
            </label>
          )}
        </div>
      </div>
      <p id={hintId} className={styles.hint}>
        {editable
          ? 'Drag a point, or focus it with Tab and use the arrow keys: ↑ ↓ 0.1 Mbps, ← → 1 s (Shift: ×10); Delete removes it. Every change re-runs the race.'
          : custom
            ? 'A hand-drawn trace.'
            : `A generated ${kind} trace. “Edit by hand” turns it into points you can drag; a file has one “seconds Mbps” pair per line.`}
      </p>
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
                  onFocus={() => setSelected(i)}
                  onKeyDown={onPointKey(i)}
                  onPointerDown={onPointerDown(i)}
                  onPointerMove={onPointerMove}
                  onPointerUp={onPointerUp}
                  onPointerCancel={onPointerCancel}
                >
                  <circle className={styles.pointHit} r={14} />
                  <circle className={styles.pointDot} r={5.5} />
                </g>
              ),
            )}
        </g>
      </svg>
      {message && (
        <p className={message.tone === 'error' ? styles.error : styles.status} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="abr-trace-message">
          {message.text}
        </p>
      )}
    </section>
  );
});
