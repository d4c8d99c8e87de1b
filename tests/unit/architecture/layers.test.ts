/**
 * The layers of simulations/README.md, enforced on the import graph:
 *   parts ← machines ← lab/ (definition) ← components/labs/<lab>/ (view model ← view)
 * and no import cycles anywhere. A failure names the file and the import that breaks the rule.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cycles, importGraph, ROOT } from './imports';

const graph = importGraph();
const labIds = readdirSync(join(ROOT, 'simulations'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'core')
  .map((d) => d.name);

function violations(test: (from: string, to: string) => string | null): string[] {
  const found: string[] = [];
  for (const [from, tos] of graph.edges) for (const to of tos) {
    const why = test(from, to);
    if (why) found.push(`${from} imports ${to}: ${why}`);
  }
  return found;
}

describe('architecture: layers point one way', () => {
  it('reads the whole source tree', () => {
    expect(graph.edges.size).toBeGreaterThan(200);
    expect(labIds).toEqual(expect.arrayContaining(['queue', 'abr', 'kafka', 'chat', 'upload']));
  });

  it('has no import cycles (type-only imports included)', () => {
    const found = cycles(graph).map((c) => c.join(' ⇄ '));
    expect(found, found.join('\n')).toEqual([]);
  });

  it('simulations/ imports nothing from the app, the views, the servers or the scripts', () => {
    const found = violations((from, to) =>
      from.startsWith('simulations/') && /^(app|components|servers|scripts|bench|tests)\//.test(to) ? 'simulations/ is the bottom layer' : null,
    );
    expect(found, found.join('\n')).toEqual([]);
  });

  it('simulations/core/ imports no lab', () => {
    const found = violations((from, to) => (from.startsWith('simulations/core/') && to.startsWith('simulations/') && !to.startsWith('simulations/core/') ? 'core knows no lab' : null));
    expect(found, found.join('\n')).toEqual([]);
  });

  it("a lab's parts and machines never import its lab/ layer (definition, schema, presets, model)", () => {
    const found = violations((from, to) => {
      const m = /^simulations\/([^/]+)\/(.+)$/.exec(from);
      if (!m || m[1] === 'core' || m[2].startsWith('lab/') || m[2] === 'index.ts') return null;
      return to.startsWith(`simulations/${m[1]}/lab/`) || to === `simulations/${m[1]}/index.ts` ? 'upward import from a part into the lab layer' : null;
    });
    expect(found, found.join('\n')).toEqual([]);
  });

  it('labs never import each other', () => {
    const found = violations((from, to) => {
      const a = /^simulations\/([^/]+)\//.exec(from)?.[1];
      const b = /^simulations\/([^/]+)\//.exec(to)?.[1];
      return a && b && a !== 'core' && b !== 'core' && a !== b ? `lab ${a} reaches into lab ${b}` : null;
    });
    expect(found, found.join('\n')).toEqual([]);
  });

  it("a lab's view reads its simulation only through the lab layer, the lab's index and core", () => {
    const found = violations((from, to) => {
      const view = /^components\/labs\/([^/]+)\//.exec(from)?.[1];
      if (!view || !to.startsWith('simulations/')) return null;
      if (to.startsWith('simulations/core/') || to.startsWith(`simulations/${view}/lab/`) || to === `simulations/${view}/index.ts`) return null;
      return `views see ${view}'s lab layer (simulations/${view}/lab/, simulations/${view}/index.ts), not its parts`;
    });
    expect(found, found.join('\n')).toEqual([]);
  });

  it('the shell, charts, lessons and catalog never import a particular lab', () => {
    const found = violations((from, to) =>
      /^components\/(lab-shell|charts|lesson|catalog|site)\//.test(from) && /^(simulations\/(?!core\/)|components\/labs\/(?!(registry|loaders)\.ts))/.test(to) && !/^simulations\/(registry|labLoaders)\.ts$/.test(to)
        ? 'shared components work for every lab'
        : null,
    );
    expect(found, found.join('\n')).toEqual([]);
  });
});
