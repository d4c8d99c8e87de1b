'use client';
import { useState, type PointerEvent, type RefObject } from 'react';
import type { ScaleLinear } from 'd3';
import { movePoint, type EditorBounds, type TracePoint } from './traceEditing';

interface Drag {
  index: number;
  pointerId: number;
  points: TracePoint[];
  /** the y axis stays put while dragging */
  yMax: number;
}

export interface PlotArea {
  svgRef: RefObject<SVGSVGElement | null>;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  innerWidth: number;
  innerHeight: number;
  margin: { top: number; left: number };
}

/**
 * Dragging a trace point with the pointer: the dragged copy of the points (drawn instead of the
 * param's while the pointer is down) and the handlers for a point's handle. `commit` gets the
 * points once, on release, and only if they moved.
 */
export function useTraceDrag(points: readonly TracePoint[], bounds: EditorBounds, enabled: boolean, commit: (next: TracePoint[]) => void) {
  const [drag, setDrag] = useState<Drag | null>(null);

  const pointerToValue = (e: PointerEvent<SVGGElement>, area: PlotArea): [number, number] => {
    const rect = area.svgRef.current!.getBoundingClientRect();
    const px = Math.max(0, Math.min(area.innerWidth, e.clientX - rect.left - area.margin.left));
    const py = Math.max(0, Math.min(area.innerHeight, e.clientY - rect.top - area.margin.top));
    return [area.x.invert(px), area.y.invert(py)];
  };

  const start = (i: number, yMax: number, e: PointerEvent<SVGGElement>): boolean => {
    if (!enabled || e.button !== 0) return false;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    setDrag({ index: i, pointerId: e.pointerId, points: points.slice() as TracePoint[], yMax });
    return true;
  };
  const move = (e: PointerEvent<SVGGElement>, area: PlotArea) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const [t, v] = pointerToValue(e, area);
    setDrag({ ...drag, points: movePoint(drag.points, drag.index, t, v, bounds) });
  };
  const end = (e: PointerEvent<SVGGElement>) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const moved = JSON.stringify(drag.points) !== JSON.stringify(points);
    setDrag(null);
    if (moved) commit(drag.points);
  };
  const cancel = () => setDrag(null);

  return { draggedPoints: drag?.points ?? null, dragYMax: drag?.yMax ?? null, start, move, end, cancel };
}
