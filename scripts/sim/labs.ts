/**
 * Where the CLI finds its labs. `simulations/registry.ts` is the list of record; loading it evaluates
 * every lab. A call for one lab only needs that lab, so the prebuilt CLI (a bundle split per lab by
 * esbuild) loads it alone through LOADERS, which starts about a quarter faster. LOADERS is only a
 * shortcut: an id missing from it is still found through the registry, and a test checks that it
 * names every registered lab with the registry's own object.
 */
import type { AnyLab } from '../../simulations/core/lab';

export interface LabCatalog {
  /** One lab by id (loading as little as possible), or undefined. */
  find(id: string): Promise<AnyLab | undefined>;
  /** Every lab, in registry order. */
  all(): Promise<AnyLab[]>;
}

export const LOADERS: ReadonlyMap<string, () => Promise<AnyLab>> = new Map<string, () => Promise<AnyLab>>([
  ['chat', () => import('../../simulations/chat').then((m) => m.chatLab as AnyLab)],
  ['abr', () => import('../../simulations/abr').then((m) => m.abrLab as AnyLab)],
  ['queue', () => import('../../simulations/queue').then((m) => m.queueLab as AnyLab)],
  ['upload', () => import('../../simulations/upload').then((m) => m.uploadLab as AnyLab)],
  ['kafka', () => import('../../simulations/kafka').then((m) => m.kafkaLab as AnyLab)],
]);

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
