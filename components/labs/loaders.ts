/**
 * Lab id → a lazy loader of the lab module (simulation + view): all a lab page needs to load its lab
 * (components/lab-shell/LabPage.tsx), without the placeholder metadata of every lab that
 * `registry.ts` adds for lesson embeds (their about texts and presets, ~12 kB gzip on every lab page).
 *
 * LOUD: keep every loader a literal dynamic `import(...)` — the bundler splits one chunk per lab
 * from it. Importing a lab statically here would put every simulation into every page.
 * Adding a lab: a loader here AND an entry in registry.ts (tests/unit/views/registry.test.ts checks
 * both); see components/labs/README.md.
 */
import type { AnyLab } from '@/simulations/core/lab';
import type { LabModule } from '@/components/lab-shell/types';

/** A lab without a view of its own yet: the generic view (one chart per series + the result). */
export async function withGenericView(lab: Promise<AnyLab>): Promise<LabModule> {
  const [definition, { GenericView }] = await Promise.all([lab, import('./generic')]);
  return { lab: definition, View: GenericView };
}

export const labLoaders = {
  queue: () => import('./queue'),
  abr: () => import('./abr'),
  chat: () => import('./chat'),
  upload: () => import('./upload'),
  kafka: () => import('./kafka'),
  'discover-weekly': () => import('./discover-weekly'),
  'music-delivery': () => import('./music-delivery'),
  e2ee: () => import('./e2ee'),
  conferencing: () => import('./conferencing'),
  'live-edge': () => import('./live-edge'),
  'live-latency': () => import('./live-latency'),
  'video-pipeline': () => import('./video-pipeline'),
  'video-search': () => import('./video-search'),
} satisfies Record<string, () => Promise<LabModule>>;

const loading = new Map<string, Promise<LabModule>>();

/** The lab module, loaded once per page (a stable promise, as React's use() needs). */
export function loadLab(id: string): Promise<LabModule> {
  let p = loading.get(id);
  if (!p) {
    p = Object.hasOwn(labLoaders, id)
      ? labLoaders[id as keyof typeof labLoaders]()
      : Promise.reject(new Error(`unknown lab "${id}"; known labs: ${Object.keys(labLoaders).join(', ')}`));
    // a failed chunk load may succeed on the next attempt (e.g. after a deploy); don't cache failures
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return p;
}
