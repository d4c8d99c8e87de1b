'use client';
import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import {
  addPoint,
  compactPoints,
  draftEditChanges,
  handEditNote,
  startHandEdit,
  loadTraceText,
  MAX_EDITOR_POINTS,
  MAX_TRACE_FILE_BYTES,
  nudgePoint,
  removePoint,
  type EditorBounds,
  type HandEditDraft,
  type ParamChanges,
  type TraceClamp,
  type TracePoint,
  type TraceSamples,
} from './traceEditing';

export type EditorMessage = { tone: 'info' | 'error'; text: string } | null;

export interface TraceEditsInput {
  kind: string;
  points: readonly TracePoint[];
  durationS: number;
  clamp: TraceClamp;
  bounds: EditorBounds;
  trace: TraceSamples;
  editable: boolean;
  /** Applies param changes; returns an error message when they were refused. Absent: read-only. */
  apply?: (changes: ParamChanges) => string | null;
}

/**
 * Every edit of the trace editor that goes through the params: keys on a point, add/remove, "edit by
 * hand", a loaded file, and a finished drag (`commit`). Holds the selected point, the point to focus
 * once the re-run has drawn it, and the message shown under the plot.
 *
 * "Edit by hand" opens a draft (the generated trace as points) without touching the params; the
 * first edit commits the whole custom trace, closing the draft leaves the run as it was. The shown
 * `points` and `editable` are the draft's while it is open.
 */
export function useTraceEdits({ kind, points: paramPoints, durationS, clamp, bounds, trace, editable: paramEditable, apply }: TraceEditsInput) {
  const handleRefs = useRef<(SVGGElement | null)[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  const [message, setMessage] = useState<EditorMessage>(null);
  // a draft belongs to the trace it was made from: a new run (new trace) closes it
  const [opened, setOpened] = useState<{ trace: TraceSamples; draft: HandEditDraft } | null>(null);
  const draft = opened !== null && opened.trace === trace && apply !== undefined ? opened.draft : null;
  const points = draft ? draft.points : paramPoints;
  const editable = paramEditable || draft !== null;

  useEffect(() => {
    if (pendingFocus === null) return;
    handleRefs.current[pendingFocus]?.focus();
    setPendingFocus(null);
  }, [pendingFocus, points]);

  const commit = (next: TracePoint[]): boolean => {
    if (!apply) return false;
    const changes = { 'trace.points': compactPoints(next) };
    const error = apply(draft ? draftEditChanges(changes, durationS, clamp) : changes);
    setMessage(error ? { tone: 'error', text: error } : null);
    if (error === null) setOpened(null);
    return error === null;
  };

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
    const next = startHandEdit(trace, durationS);
    setOpened({ trace, draft: next });
    setMessage({ tone: 'info', text: handEditNote(kind, next) });
  };

  /** Close the draft without edits: the params (and the run) stay as they were. */
  const onCloseDraft = () => {
    setOpened(null);
    setSelected(null);
    setMessage(null);
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
    const loaded = loadTraceText(text, file.name, clamp);
    if (!loaded.ok) {
      setMessage({ tone: 'error', text: loaded.error });
      return;
    }
    const error = apply(loaded.changes);
    setMessage(error ? { tone: 'error', text: error } : { tone: 'info', text: loaded.message });
  };

  return { handleRefs, selected, setSelected, message, commit, onPointKey, onAdd, onRemove, onHandEdit, onCloseDraft, onFile, points, editable, drafting: draft !== null };
}
