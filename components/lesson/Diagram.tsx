'use client';

import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { describeStep, edgeKey, layoutDiagram, NODE_H, NODE_W, stepOf, type DiagramEdge, type DiagramNode, type DiagramStep } from './diagramModel';
import styles from './Diagram.module.css';

export interface DiagramProps {
  /** the diagram's accessible name and heading */
  title: string;
  caption?: string;
  nodes: DiagramNode[];
  edges?: DiagramEdge[];
  /** build-up order; absent: everything at once */
  steps?: DiagramStep[];
}

/**
 * An architecture diagram drawn from data, built up step by step: each step shows what it adds in
 * the accent colour, earlier parts in the normal colours, later parts not at all. Colours are the
 * theme's CSS variables (both themes, high contrast on a projector); the SVG scales without blur.
 * Keyboard: the Previous/Next buttons, or ← → Home End with the diagram focused. Screen readers get
 * each step as text (a live region) and the whole build-up as a list under "Describe the diagram".
 */
export function Diagram({ title, caption, nodes, edges = [], steps }: DiagramProps) {
  const baseId = useId();
  // marker ids go inside url(#…): letters, digits and dashes only
  const markerId = `diagram-${baseId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const layout = useMemo(() => layoutDiagram(nodes, edges), [nodes, edges]);
  const added = useMemo(() => stepOf(steps), [steps]);
  const last = steps ? steps.length - 1 : 0;
  const [index, setIndex] = useState(0);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const current = steps?.[index];

  const go = (next: number) => setIndex(Math.max(0, Math.min(last, next)));
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last };
    if (e.key in moves && steps) {
      e.preventDefault();
      go(moves[e.key]);
    }
  };
  const state = (item: string) => (added(item) < index ? 'shown' : added(item) === index ? 'new' : 'hidden');
  const summary = describeStep(nodes, edges, steps, index);

  return (
    <figure className={`lesson-wide ${styles.figure}`} aria-labelledby={`${baseId}-title`} data-testid="diagram" data-step={index} data-hydrated={hydrated ? 'true' : undefined}>
      <p id={`${baseId}-title`} className={styles.title}>
        {title}
      </p>
      {/* focusable so ← → step through it (the buttons below do the same), and so it can scroll sideways on a phone */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div className={styles.scroller} tabIndex={0} role="group" aria-label={`${title}: diagram${steps ? `, step ${index + 1} of ${steps.length}; arrow keys change the step` : ''}`} onKeyDown={onKey}>
        <svg className={styles.svg} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${baseId}-title ${baseId}-desc`} style={{ minWidth: Math.min(layout.width, 560) }}>
          <desc id={`${baseId}-desc`}>{summary}</desc>
          <defs>
            <marker id={`${markerId}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHead} />
            </marker>
            <marker id={`${markerId}-arrow-new`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHeadNew} />
            </marker>
          </defs>
          {layout.edges.map((edge) => {
            const s = state(edge.key);
            if (s === 'hidden') return null;
            return (
              <g key={edge.key} className={styles.edge} data-state={s} data-edge={edge.key}>
                <line x1={edge.x1} y1={edge.y1} x2={edge.x2} y2={edge.y2} strokeDasharray={edge.dashed ? '7 5' : undefined} markerEnd={`url(#${markerId}-arrow${s === 'new' ? '-new' : ''})`} />
              </g>
            );
          })}
          {layout.nodes.map((node) => {
            const s = state(node.id);
            if (s === 'hidden') return null;
            return (
              <g key={node.id} className={styles.node} data-state={s} data-kind={node.kind ?? 'service'} data-node={node.id} transform={`translate(${node.left} ${node.top})`}>
                <NodeShape kind={node.kind} />
                {node.lines.map((line, i) => (
                  <text key={i} x={labelCentre(node.kind)} y={NODE_H / 2 + (i - (node.lines.length - 1) / 2) * 19 + 6} textAnchor="middle" className={styles.nodeLabel}>
                    {line}
                  </text>
                ))}
              </g>
            );
          })}
          {/* labels last, over the boxes and lines, so a long one stays readable */}
          {layout.edges.map((edge) => {
            const s = state(edge.key);
            if (s === 'hidden' || !edge.label) return null;
            return (
              <text key={edge.key} x={(edge.x1 + edge.x2) / 2} y={(edge.y1 + edge.y2) / 2 - 8} textAnchor="middle" className={styles.edgeLabel} data-state={s}>
                {edge.label}
              </text>
            );
          })}
        </svg>
      </div>
      {steps && (
        <div className={styles.controls}>
          <button type="button" className={styles.button} onClick={() => go(index - 1)} disabled={index === 0}>
            ← Previous
          </button>
          <p className={styles.stepText} aria-live="polite" data-testid="diagram-step">
            <strong>
              Step {index + 1} of {steps.length}: {current?.title}.
            </strong>{' '}
            {current?.text}
          </p>
          <button type="button" className={styles.button} onClick={() => go(index + 1)} disabled={index === last}>
            Next →
          </button>
        </div>
      )}
      <details className={styles.describe}>
        <summary>Describe the diagram in words</summary>
        {steps ? (
          <ol>
            {steps.map((step, i) => (
              <li key={i}>
                <strong>{step.title}.</strong> {step.text} {describeAdds(step, nodes, edges)}
              </li>
            ))}
          </ol>
        ) : (
          <p>{summary}</p>
        )}
      </details>
      {caption && <figcaption className={styles.caption}>{caption}</figcaption>}
    </figure>
  );
}

function describeAdds(step: DiagramStep, nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): string {
  const label = new Map(nodes.map((n) => [n.id, n.label]));
  const parts = step.add.map((item) => {
    if (label.has(item)) return label.get(item)!;
    const edge = edges.find((e) => edgeKey(e) === item);
    return edge ? `${label.get(edge.from)} → ${label.get(edge.to)}${edge.label ? ` (${edge.label})` : ''}` : item;
  });
  return `Adds: ${parts.join('; ')}.`;
}

/** Queues keep their slots on the right: their label centres in the space left of them. */
function labelCentre(kind: DiagramNode['kind']): number {
  return kind === 'queue' ? (NODE_W - QUEUE_SLOTS_W) / 2 : NODE_W / 2;
}

const QUEUE_SLOTS_W = 34;

function NodeShape({ kind }: { kind?: DiagramNode['kind'] }) {
  if (kind === 'store') {
    const r = 9;
    return (
      <>
        <path className={styles.shape} d={`M0,${r} A${NODE_W / 2},${r} 0 0 1 ${NODE_W},${r} V${NODE_H - r} A${NODE_W / 2},${r} 0 0 1 0,${NODE_H - r} Z`} />
        <path className={styles.shapeLine} d={`M0,${r} A${NODE_W / 2},${r} 0 0 0 ${NODE_W},${r}`} />
      </>
    );
  }
  if (kind === 'queue') {
    return (
      <>
        <rect className={styles.shape} width={NODE_W} height={NODE_H} rx={4} />
        {[1, 2, 3].map((i) => (
          <line key={i} className={styles.shapeLine} x1={NODE_W - i * 9} y1={8} x2={NODE_W - i * 9} y2={NODE_H - 8} />
        ))}
      </>
    );
  }
  return <rect className={styles.shape} width={NODE_W} height={NODE_H} rx={kind === 'client' ? NODE_H / 2 : 10} strokeDasharray={kind === 'external' ? '6 4' : undefined} />;
}
