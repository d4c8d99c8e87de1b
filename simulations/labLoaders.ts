/**
 * Every lab's definition by id, loaded on demand: the run worker imports this (one chunk per lab,
 * fetched when that lab first runs). Like registry.ts, but lazy; tests/unit/architecture checks
 * that the two list the same labs.
 *
 * LOUD: keep every loader a literal dynamic `import(...)`: the bundler splits one chunk per lab
 * from it.
 */
import type { AnyLab } from './core/lab';

export const labLoaders: Record<string, () => Promise<AnyLab>> = {
  queue: () => import('./queue').then((m) => m.queueLab),
  abr: () => import('./abr').then((m) => m.abrLab),
  kafka: () => import('./kafka').then((m) => m.kafkaLab),
  chat: () => import('./chat').then((m) => m.chatLab),
  upload: () => import('./upload').then((m) => m.uploadLab),
};

export function loadLabDefinition(id: string): Promise<AnyLab> {
  const load = Object.hasOwn(labLoaders, id) ? labLoaders[id] : undefined;
  return load ? load() : Promise.reject(new Error(`unknown lab "${id}"; known labs: ${Object.keys(labLoaders).join(', ')}`));
}
