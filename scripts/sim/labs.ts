/**
 * Where the CLI finds its labs. `simulations/registry.ts` is the list of record; loading it evaluates
 * every lab. A call for one lab only needs that lab, so the prebuilt CLI (a bundle split per lab by
 * esbuild) loads it alone through LOADERS, which starts about a quarter faster. LOADERS is only a
 * shortcut (the same lazy loaders the run worker uses): an id missing from it is still found through
 * the registry, and a test checks that it names every registered lab with the registry's own object.
 */
import type { AnyLab } from '../../simulations/core/lab';
import { labLoaders } from '../../simulations/labLoaders';

export interface LabCatalog {
  /** One lab by id (loading as little as possible), or undefined. */
  find(id: string): Promise<AnyLab | undefined>;
  /** Every lab, in registry order. */
  all(): Promise<AnyLab[]>;
}

export const LOADERS: ReadonlyMap<string, () => Promise<AnyLab>> = new Map(Object.entries(labLoaders));

const allLabs = (): Promise<AnyLab[]> => import('../../simulations/registry').then((m) => m.labs);

/** The registered labs, each loaded on demand. */
export const registeredLabs: LabCatalog = {
  async find(id) {
    const load = LOADERS.get(id);
    const lab = load ? await load() : undefined;
    if (lab?.id === id) return lab;
    return (await allLabs()).find((l) => l.id === id);
  },
  all: allLabs,
};

/** A fixed list (tests, or a caller with its own labs) as a catalog. */
export function catalogOf(labs: readonly AnyLab[]): LabCatalog {
  return { find: async (id) => labs.find((l) => l.id === id), all: async () => [...labs] };
}
