import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { boxExit, describeStep, diagramProblems, GRID_X, layoutDiagram, NODE_H, NODE_W, wrapLabel, type DiagramEdge, type DiagramNode, type DiagramStep } from '@/components/lesson/diagramModel';
import { Diagram } from '@/components/lesson/Diagram';

const nodes: DiagramNode[] = [
  { id: 'client', label: 'Client', x: 0, y: 0, kind: 'client' },
  { id: 'api', label: 'API gateway', x: 1, y: 0 },
  { id: 'db', label: 'Database', x: 1, y: 1, kind: 'store' },
];
const edges: DiagramEdge[] = [
  { from: 'client', to: 'api', label: 'HTTPS' },
  { from: 'api', to: 'db', dashed: true },
];
const steps: DiagramStep[] = [
  { title: 'Edge', text: 'Clients call the gateway.', add: ['client', 'api', 'client->api'] },
  { title: 'Data', text: 'The gateway reads the database.', add: ['db', 'api->db'] },
];

describe('diagram data', () => {
  it('accepts a well-formed diagram, with or without steps', () => {
    expect(diagramProblems(nodes, edges, steps)).toEqual([]);
    expect(diagramProblems(nodes, edges, undefined)).toEqual([]);
  });

  it('names every kind of mistake', () => {
    const problems = diagramProblems(
      [...nodes, { id: 'client', label: '', x: 0.3, y: 0, kind: 'cloud', colour: 'red' }],
      [{ from: 'client', to: 'nowhere' }, { from: 'api', to: 'api' }, { from: 'client', to: 'api' }, { from: 'client', to: 'api' }],
      [{ title: 'One', text: 'x', add: ['client', 'client->api', 'ghost'] }, { title: '', text: 'y', add: ['client'] }],
    ).join('\n');
    expect(problems).toMatch(/unknown key "colour"/);
    expect(problems).toMatch(/duplicate id "client"/);
    expect(problems).toMatch(/needs a "label"/);
    expect(problems).toMatch(/x must be a grid position/);
    expect(problems).toMatch(/kind must be one of client, service, queue, store, external/);
    expect(problems).toMatch(/edges\[0\]\.to must be a node id/);
    expect(problems).toMatch(/goes from "api" to itself/);
    expect(problems).toMatch(/"client->api" is listed twice/);
    expect(problems).toMatch(/"ghost" is neither a node id nor an edge/);
    expect(problems).toMatch(/"client" was already added in step 1/);
    expect(problems).toMatch(/steps\[1\] needs a "title"/);
    expect(problems).toMatch(/edge "client->api" appears in step 1, before its node "api"|missing: api/);
  });

  it('rejects an edge shown before its nodes and a node no step adds', () => {
    const early = diagramProblems(nodes, edges, [{ title: 'a', text: 'a', add: ['client', 'client->api'] }, { title: 'b', text: 'b', add: ['api', 'db', 'api->db'] }]);
    expect(early).toEqual(['edge "client->api" appears in step 1, before its node "api" (step 2)']);
    expect(diagramProblems(nodes, edges, [steps[0]])).toEqual(['every node and edge must be added by a step; missing: db, api->db']);
  });

  it('lays nodes on the grid and starts/ends edges on the box borders', () => {
    const layout = layoutDiagram(nodes, edges);
    const api = layout.nodes.find((n) => n.id === 'api')!;
    expect(api.left - layout.nodes[0].left).toBe(GRID_X);
    const horizontal = layout.edges[0];
    expect(horizontal.y1).toBe(horizontal.y2);
    expect(horizontal.x1).toBe(layout.nodes[0].left + NODE_W + 4);
    expect(horizontal.x2).toBe(api.left - 4);
    const vertical = layout.edges[1];
    expect(vertical.y1).toBe(api.top + NODE_H + 4);
    expect(layout.width).toBeGreaterThanOrEqual(api.left + NODE_W);
    expect(boxExit({ x: 0, y: 0 }, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('wraps labels to at most two lines, queues shorter (their slots take the right)', () => {
    const queue = layoutDiagram([{ id: 'q', label: 'Connection pool', x: 0, y: 0, kind: 'queue' }, { id: 's', label: 'Connection pool', x: 1, y: 0 }], []);
    expect(queue.nodes.map((n) => n.lines)).toEqual([['Connection', 'pool'], ['Connection pool']]);
    expect(wrapLabel('Load balancer')).toEqual(['Load balancer']);
    expect(wrapLabel('Worker threads (c)')).toEqual(['Worker threads', '(c)']);
    expect(wrapLabel('A very long label that keeps going on')).toHaveLength(2);
  });

  it('describes each step in words for screen readers', () => {
    expect(describeStep(nodes, edges, steps, 0)).toBe('Shows Client, API gateway. Connections: Client to API gateway (HTTPS).');
    expect(describeStep(nodes, edges, steps, 1)).toMatch(/Database.*API gateway to Database/);
  });

  it('renders step 1 only, highlighted, with the text alternative and every step listed', () => {
    const html = renderToStaticMarkup(createElement(Diagram, { title: 'Read path', nodes, edges, steps }));
    expect(html).toContain('data-node="client"');
    expect(html).not.toContain('data-node="db"');
    expect(html).toMatch(/data-state="new"[^>]*data-kind="client"/);
    expect(html).toContain('Step 1 of 2: Edge.');
    expect(html).toContain('<desc');
    expect(html).toContain('Adds: Database; API gateway → Database.');
    expect(html).not.toMatch(/url\(#[^)]*[:«»]/);
  });
});
