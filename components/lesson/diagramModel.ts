/**
 * Architecture diagrams as data (`<Diagram nodes edges steps>`): validation for the content check
 * and the geometry the component draws. Pure, so the check (Node) and the page share it.
 */

export const diagramNodeKinds = ['client', 'service', 'queue', 'store', 'external'] as const;
export type DiagramNodeKind = (typeof diagramNodeKinds)[number];

export interface DiagramNode {
  id: string;
  label: string;
  /** grid column and row (0-based; halves allowed), the grid is GRID_X × GRID_Y SVG units per cell */
  x: number;
  y: number;
  kind?: DiagramNodeKind;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
  /** drawn dashed: asynchronous, control traffic, or "sometimes" */
  dashed?: boolean;
}

export interface DiagramStep {
  title: string;
  /** one or two sentences a narrator would say */
  text: string;
  /** node ids and edge keys ("from->to") this step adds */
  add: string[];
}

export const GRID_X = 250;
export const GRID_Y = 120;
export const NODE_W = 164;
export const NODE_H = 64;
const MAX_GRID = 12;
const PAD = 24;

export const edgeKey = (edge: Pick<DiagramEdge, 'from' | 'to'>) => `${edge.from}->${edge.to}`;

/** Problems with a diagram's data, as the content check words them; empty when drawable. */
export function diagramProblems(nodes: unknown, edges: unknown, steps: unknown): string[] {
  const problems: string[] = [];
  const nodeIds = new Set<string>();
  if (!Array.isArray(nodes) || nodes.length === 0) return ['"nodes" must be a non-empty list of {id, label, x, y, kind?}'];
  nodes.forEach((node, i) => {
    if (!isRecord(node)) return problems.push(`nodes[${i}] must be {id, label, x, y, kind?}`);
    unknownKeys(node, ['id', 'label', 'x', 'y', 'kind']).forEach((k) => problems.push(`nodes[${i}]: unknown key "${k}" (allowed: id, label, x, y, kind)`));
    if (typeof node.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(node.id)) problems.push(`nodes[${i}] needs an "id" of lower-case letters, digits and dashes`);
    else if (nodeIds.has(node.id)) problems.push(`nodes[${i}]: duplicate id "${node.id}"`);
    else nodeIds.add(node.id);
    if (typeof node.label !== 'string' || !node.label.trim()) problems.push(`nodes[${i}] needs a "label" (text)`);
    for (const axis of ['x', 'y'] as const) {
      const v = node[axis];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_GRID || Math.round(v * 2) !== v * 2) problems.push(`nodes[${i}].${axis} must be a grid position from 0 to ${MAX_GRID} (halves allowed)`);
    }
    if (node.kind !== undefined && !(diagramNodeKinds as readonly string[]).includes(node.kind as string)) problems.push(`nodes[${i}].kind must be one of ${diagramNodeKinds.join(', ')}`);
  });
  const places = new Map<string, string>();
  for (const node of nodes.filter(isRecord)) {
    const place = `${String(node.x)},${String(node.y)}`;
    if (places.has(place)) problems.push(`nodes "${places.get(place)}" and "${String(node.id)}" are both at x=${String(node.x)}, y=${String(node.y)}`);
    else places.set(place, String(node.id));
  }
  const edgeKeys = new Set<string>();
  if (edges !== undefined) {
    if (!Array.isArray(edges)) problems.push('"edges" must be a list of {from, to, label?, dashed?}');
    else
      edges.forEach((edge, i) => {
        if (!isRecord(edge)) return problems.push(`edges[${i}] must be {from, to, label?, dashed?}`);
        unknownKeys(edge, ['from', 'to', 'label', 'dashed']).forEach((k) => problems.push(`edges[${i}]: unknown key "${k}" (allowed: from, to, label, dashed)`));
        for (const end of ['from', 'to'] as const) {
          if (typeof edge[end] !== 'string' || !nodeIds.has(edge[end] as string)) problems.push(`edges[${i}].${end} must be a node id (${[...nodeIds].join(', ')})`);
        }
        if (edge.from === edge.to) problems.push(`edges[${i}] goes from "${String(edge.from)}" to itself`);
        if (edge.label !== undefined && (typeof edge.label !== 'string' || !edge.label.trim())) problems.push(`edges[${i}].label must be text`);
        if (edge.dashed !== undefined && typeof edge.dashed !== 'boolean') problems.push(`edges[${i}].dashed must be true or false`);
        const key = edgeKey(edge as unknown as DiagramEdge);
        if (edgeKeys.has(key)) problems.push(`edges[${i}]: "${key}" is listed twice`);
        edgeKeys.add(key);
      });
  }
  if (steps === undefined) return problems;
  if (!Array.isArray(steps) || steps.length === 0) return [...problems, '"steps" must be a non-empty list of {title, text, add}'];
  const added = new Map<string, number>();
  steps.forEach((step, i) => {
    if (!isRecord(step)) return problems.push(`steps[${i}] must be {title, text, add}`);
    unknownKeys(step, ['title', 'text', 'add']).forEach((k) => problems.push(`steps[${i}]: unknown key "${k}" (allowed: title, text, add)`));
    if (typeof step.title !== 'string' || !step.title.trim()) problems.push(`steps[${i}] needs a "title" (text)`);
    if (typeof step.text !== 'string' || !step.text.trim()) problems.push(`steps[${i}] needs a "text" (text)`);
    if (!Array.isArray(step.add) || step.add.length === 0) return problems.push(`steps[${i}].add must list the node ids and edges ("from->to") it adds`);
    for (const item of step.add) {
      if (typeof item !== 'string' || (!nodeIds.has(item) && !edgeKeys.has(item))) {
        problems.push(`steps[${i}].add: "${String(item)}" is neither a node id nor an edge ("from->to")`);
        continue;
      }
      if (added.has(item)) problems.push(`steps[${i}].add: "${item}" was already added in step ${added.get(item)! + 1}`);
      else added.set(item, i);
    }
  });
  for (const key of edgeKeys) {
    const at = added.get(key);
    const [from, to] = key.split('->');
    if (at === undefined) continue;
    for (const end of [from, to]) {
      const nodeAt = added.get(end);
      if (nodeAt !== undefined && nodeAt > at) problems.push(`edge "${key}" appears in step ${at + 1}, before its node "${end}" (step ${nodeAt + 1})`);
    }
  }
  const missing = [...nodeIds, ...edgeKeys].filter((item) => !added.has(item));
  if (missing.length) problems.push(`every node and edge must be added by a step; missing: ${missing.join(', ')}`);
  return problems;
}

export interface PlacedNode extends DiagramNode {
  /** top-left corner in SVG units */
  left: number;
  top: number;
  lines: string[];
}

export interface PlacedEdge extends DiagramEdge {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export function layoutDiagram(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): DiagramLayout {
  // a queue's slots take the right of its box: its label wraps shorter
  const placed = nodes.map((node) => ({ ...node, left: PAD + node.x * GRID_X, top: PAD + node.y * GRID_Y, lines: wrapLabel(node.label, node.kind === 'queue' ? 12 : 15) }));
  const byId = new Map(placed.map((n) => [n.id, n]));
  const width = Math.max(...placed.map((n) => n.left + NODE_W)) + PAD;
  const height = Math.max(...placed.map((n) => n.top + NODE_H)) + PAD;
  const placedEdges = edges.flatMap((edge) => {
    const a = byId.get(edge.from);
    const b = byId.get(edge.to);
    if (!a || !b) return [];
    const ca = { x: a.left + NODE_W / 2, y: a.top + NODE_H / 2 };
    const cb = { x: b.left + NODE_W / 2, y: b.top + NODE_H / 2 };
    const start = boxExit(ca, cb);
    const end = boxExit(cb, ca);
    return [{ ...edge, key: edgeKey(edge), x1: start.x, y1: start.y, x2: end.x, y2: end.y }];
  });
  return { width, height, nodes: placed, edges: placedEdges };
}

/** Where the segment from the centre of a node box towards `to` leaves the box (plus a small gap). */
export function boxExit(from: { x: number; y: number }, to: { x: number; y: number }, gap = 4): { x: number; y: number } {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (dx === 0 && dy === 0) return from;
  const hw = NODE_W / 2 + gap;
  const hh = NODE_H / 2 + gap;
  const t = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  return { x: from.x + dx * t, y: from.y + dy * t };
}

/** Up to two lines of about 15 characters, split at spaces. */
export function wrapLabel(label: string, width = 15): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length <= 2 ? lines : [lines[0], lines.slice(1).join(' ')];
}

/** Which step added each node id and edge key (everything at step 0 when there are no steps). */
export function stepOf(steps: readonly DiagramStep[] | undefined): (item: string) => number {
  const map = new Map<string, number>();
  steps?.forEach((step, i) => step.add.forEach((item) => map.set(item, i)));
  return (item) => map.get(item) ?? 0;
}

/** The text alternative of one step: what is on the diagram after it, in words. */
export function describeStep(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[], steps: readonly DiagramStep[] | undefined, index: number): string {
  const step = stepOf(steps);
  const label = new Map(nodes.map((n) => [n.id, n.label]));
  const shownNodes = nodes.filter((n) => step(n.id) <= index).map((n) => n.label);
  const shownEdges = edges.filter((e) => step(edgeKey(e)) <= index).map((e) => `${label.get(e.from)} to ${label.get(e.to)}${e.label ? ` (${e.label})` : ''}`);
  return `Shows ${shownNodes.join(', ')}.${shownEdges.length ? ` Connections: ${shownEdges.join('; ')}.` : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function unknownKeys(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}
