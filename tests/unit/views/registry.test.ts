import { describe, expect, it } from 'vitest';
import { labs } from '@/simulations/registry';
import { labEntries } from '@/components/labs/registry';
import { labLoaders, loadLab } from '@/components/labs/loaders';
import { resultRows } from '@/components/labs/generic/resultRows';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { runForPreset } from '@/components/lab-shell/link';

describe('lab view registry', () => {
  it('every registered lab has a view entry (add one to components/labs/registry.ts; withGenericView is fine to start)', () => {
    const missing = labs.map((l) => l.id).filter((id) => !Object.hasOwn(labEntries, id));
    expect(missing).toEqual([]);
  });

  it('every lab has a loader in components/labs/loaders.ts (what a lab page loads), the same as its registry entry', async () => {
    expect(Object.keys(labLoaders).sort()).toEqual(Object.keys(labEntries).sort());
    for (const [id, entry] of Object.entries(labEntries)) expect(await loadLab(id), id).toEqual(await entry.load());
    await expect(loadLab('no-such-lab')).rejects.toThrow(/unknown lab "no-such-lab"; known labs: queue/);
  });

  it('every view belongs to a registered lab and its placeholder meta matches the lab definition', () => {
    for (const [id, entry] of Object.entries(labEntries)) {
      const lab = labs.find((l) => l.id === id);
      expect(lab, `components/labs/registry.ts has "${id}" but simulations/registry.ts does not`).toBeDefined();
      if (!entry.meta) continue;
      expect(entry.meta).toEqual({
        id: lab!.id,
        title: lab!.title,
        summary: lab!.summary,
        presets: lab!.presets.map((p) => ({ id: p.id, title: p.title, story: p.story })),
      });
    }
  });

  it('every view module exports its lab and a View that renders a run in progress', async () => {
    for (const [id, entry] of Object.entries(labEntries)) {
      const mod = await entry.load();
      expect(mod.lab.id).toBe(id);
      expect(typeof mod.View).toBe('function');
      const { run } = runForPreset(mod.lab);
      const runner = new Runner(mod.lab, run.params as never, run.seed);
      runner.runTo(runner.horizonMs / 50, 5_000);
      const html = renderToString(createElement(mod.View, { runner, version: runner.version, presenter: false }));
      expect(html.length, id).toBeGreaterThan(100);
    }
  });
});

describe('generic view result rows', () => {
  it('flattens nested objects, formats numbers and caps the rows', () => {
    const { rows, more } = resultRows({ served: 12345, mean: 0.123456, theory: { W: 2, stable: true }, list: [1, 2], big: new Array(50).fill(0), none: null });
    expect(rows).toEqual([
      { key: 'served', value: '12,345' },
      { key: 'mean', value: '0.1235' },
      { key: 'theory.W', value: '2' },
      { key: 'theory.stable', value: 'true' },
      { key: 'list', value: '1, 2' },
      { key: 'big', value: '[50 items]' },
      { key: 'none', value: '—' },
    ]);
    expect(more).toBe(0);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(resultRows(many).more).toBe(10);
    expect(resultRows(3).rows).toEqual([{ key: 'result', value: '3' }]);
  });
});
