/**
 * Client-side registry of lab views: lab id → small metadata (for placeholders) + a lazy loader of
 * the lab module (simulation + view), so a page only downloads the lab it shows.
 *
 * LOUD: keep `load` a literal `() => import('./<id>')` — the bundler splits one chunk per lab from
 * it. Importing a lab module statically here would put every simulation into every lesson page.
 * Adding a lab: see components/labs/README.md.
 */
import type { LabMeta, LabModule } from '@/components/lab/types';
import { queueMeta } from './queue/meta';
import { abrLabMeta } from './abr/meta';

export interface LabEntry {
  meta: LabMeta;
  load(): Promise<LabModule>;
}

export const labEntries: Record<string, LabEntry> = {
  queue: { meta: queueMeta, load: () => import('./queue') },
  abr: { meta: abrLabMeta, load: () => import('./abr') },
};

export function labEntry(id: string): LabEntry | undefined {
  return Object.hasOwn(labEntries, id) ? labEntries[id] : undefined;
}

const loading = new Map<string, Promise<LabModule>>();

/** The lab module, loaded once per page (a stable promise, as React's use() needs). */
export function loadLab(id: string): Promise<LabModule> {
  let p = loading.get(id);
  if (!p) {
    const entry = labEntry(id);
    p = entry ? entry.load() : Promise.reject(new Error(`unknown lab "${id}"; known labs: ${Object.keys(labEntries).join(', ')}`));
    // a failed chunk load may succeed on the next attempt (e.g. after a deploy); don't cache failures
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return p;
}
