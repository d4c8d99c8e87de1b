import { describe, expect, it } from 'vitest';
import { labs } from '@/simulations/registry';
import { labEntries } from '@/components/labs/registry';

describe('lab view registry', () => {
  it('every view belongs to a registered lab and its placeholder meta matches the lab definition', () => {
    for (const [id, entry] of Object.entries(labEntries)) {
      const lab = labs.find((l) => l.id === id);
      expect(lab, `components/labs/registry.ts has "${id}" but simulations/registry.ts does not`).toBeDefined();
      expect(entry.meta).toEqual({
        id: lab!.id,
        title: lab!.title,
        summary: lab!.summary,
        presets: lab!.presets.map((p) => ({ id: p.id, title: p.title, story: p.story })),
      });
    }
  });

  it('every view module exports the lab it is registered under and a View', async () => {
    for (const [id, entry] of Object.entries(labEntries)) {
      const mod = await entry.load();
      expect(mod.lab.id).toBe(id);
      expect(typeof mod.View).toBe('function');
    }
  });
});
