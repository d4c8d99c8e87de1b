'use client';
import { memo, useId, useRef } from 'react';
import { useMeasuredWidth } from '@/components/charts/useElementWidth';
import type { EditorBounds, ParamChanges, TracePoint, TraceSamples } from './traceEditing';
import { useTraceEdits } from './useTraceEdits';
import { useTraceDrag } from './useTraceDrag';
import { TracePlot } from './TracePlot';
import { TraceEditorActions } from './TraceEditorActions';
import styles from '../AbrView.module.css';

export interface TraceEditorProps {
  kind: string;
  /** `trace.points` (used when kind is custom). */
  points: readonly TracePoint[];
  durationS: number;
  minMbps: number;
  maxMbps: number;
  /** The trace the run actually uses (after noise and clamping). */
  trace: TraceSamples;
  /** Applies param changes; returns an error message when they were refused. Absent: read-only. */
  apply?: (changes: ParamChanges) => string | null;
}

function editorHint(kind: string, custom: boolean, editable: boolean): string {
  if (editable) return 'Drag a point, or focus it with Tab and use the arrow keys: ↑ ↓ 0.1 Mbps, ← → 1 s (Shift: ×10); Delete removes it. Every change re-runs the race.';
  if (custom) return 'A hand-drawn trace.';
  if (kind === 'real') return 'A measured trace. “Edit by hand” turns it into points you can drag; a file has one “seconds Mbps” pair per line.';
  return `A generated ${kind} trace. “Edit by hand” turns it into points you can drag; a file has one “seconds Mbps” pair per line.`;
}

/**
 * The network trace the players see, editable: drag a point or move it with the arrow keys (each
 * change re-runs the race), add/remove points, or load a trace file. Points are the `trace.points`
 * param, so an edited trace is part of the share link.
 */
export const TraceEditor = memo(function TraceEditor({ kind, points, durationS, minMbps, maxMbps, trace, apply }: TraceEditorProps) {
  const containerRef = useRef<HTMLElement>(null);
  // null until the ResizeObserver's first report: drawn 0 wide for that moment (same height, no shift)
  const width = useMeasuredWidth(containerRef) ?? 0;
  const hintId = useId();
  const custom = kind === 'custom';
  const editable = custom && apply !== undefined;
  const bounds: EditorBounds = { tMax: durationS, vMin: Math.min(minMbps, maxMbps), vMax: Math.max(minMbps, maxMbps) };
  const edits = useTraceEdits({ kind, points, durationS, clamp: { minMbps, maxMbps }, bounds, trace, editable, apply });
  // while "Edit by hand" is open, the draft's points are shown and editable
  const drag = useTraceDrag(edits.points, bounds, edits.editable, edits.commit);
  const { message } = edits;

  return (
    <section ref={containerRef} className={styles.editor} aria-label="Network trace editor" data-testid="abr-trace-editor" data-trace-kind={kind}>
      <div className={styles.editorHeader}>
        <h3 className={styles.editorTitle}>Network trace</h3>
        <TraceEditorActions
          custom={custom}
          editable={edits.editable}
          drafting={edits.drafting}
          canApply={apply !== undefined}
          canRemove={edits.selected !== null && edits.points.length > 2}
          onHandEdit={edits.onHandEdit}
          onCloseDraft={edits.onCloseDraft}
          onAdd={edits.onAdd}
          onRemove={edits.onRemove}
          onFile={edits.onFile}
        />
      </div>
      <p id={hintId} className={styles.hint}>
        {editorHint(kind, custom, edits.editable)}
      </p>
      <TracePlot
        width={width}
        durationS={durationS}
        trace={trace}
        custom={custom || edits.drafting}
        points={edits.points}
        editable={edits.editable}
        bounds={bounds}
        selected={edits.selected}
        onSelect={edits.setSelected}
        onPointKey={edits.onPointKey}
        drag={drag}
        handleRefs={edits.handleRefs}
        hintId={hintId}
      />
      {message && (
        <p className={message.tone === 'error' ? styles.error : styles.status} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="abr-trace-message">
          {message.text}
        </p>
      )}
    </section>
  );
});
