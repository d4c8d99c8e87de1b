import { describe, expect, it } from 'vitest';
import { labs } from '@/simulations/registry';
import { labLoaders, loadLabDefinition } from '@/simulations/labLoaders';

describe('the lazy lab loaders (the run worker) and the registry', () => {
  it('list the same labs, and each loader yields the registry definition', async () => {
    expect(Object.keys(labLoaders).sort()).toEqual(labs.map((l) => l.id).sort());
    for (const lab of labs) expect(await loadLabDefinition(lab.id)).toBe(lab);
  });

  it('name the known labs when asked for an unknown one', async () => {
    await expect(loadLabDefinition('nope')).rejects.toThrow(/unknown lab "nope"; known labs: chat, abr, queue/);
  });
});
