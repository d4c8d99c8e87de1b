/**
 * Client-side registry of lab views: lab id → a lazy loader of the lab module (simulation + view)
 * and, optionally, the small metadata a placeholder shows before it loads. A page downloads only
 * the lab it shows.
 *
 * LOUD: keep every `load` a literal dynamic `import(...)` — the bundler splits one chunk per lab
 * from it. Importing a lab statically here would put every simulation into every lesson page.
 * Every lab in simulations/registry.ts needs an entry (tests/unit/views/registry.test.ts checks);
 * until a lab has its own view, `withGenericView` charts its recorded series.
 * Adding a lab: see components/labs/README.md.
 */
import type { AnyLab } from '@/simulations/core/lab';
import type { LabMeta, LabModule } from '@/components/lab-shell/types';
import { queueAbout } from '@/simulations/queue/lab/about';
import { queuePresets } from '@/simulations/queue/lab/presets';
import { abrAbout } from '@/simulations/abr/lab/about';
import { abrPresets } from '@/simulations/abr/lab/presets';
import { uploadAbout } from '@/simulations/upload/lab/about';
import { uploadPresets } from '@/simulations/upload/lab/presets';
import { chatAbout } from '@/simulations/chat/lab/about';
import { chatPresets } from '@/simulations/chat/lab/presets';
import { kafkaAbout } from '@/simulations/kafka/lab/about';
import { kafkaPresets } from '@/simulations/kafka/lab/presets';
import { e2eeAbout } from '@/simulations/e2ee/lab/about';
import { e2eePresets } from '@/simulations/e2ee/lab/presets';

/** What a placeholder shows, derived from the lab's data-only about + presets (never copied). */
export function labMeta(about: { id: string; title: string; summary: string }, presets: readonly { id: string; title: string; story: string }[]): LabMeta {
  return { id: about.id, title: about.title, summary: about.summary, presets: presets.map((p) => ({ id: p.id, title: p.title, story: p.story })) };
}

export interface LabEntry {
  meta?: LabMeta;
  load(): Promise<LabModule>;
}

/** A lab without a view of its own yet: the generic view (one chart per series + the result). */
export async function withGenericView(lab: Promise<AnyLab>): Promise<LabModule> {
  const [definition, { GenericView }] = await Promise.all([lab, import('./generic')]);
  return { lab: definition, View: GenericView };
}

export const labEntries: Record<string, LabEntry> = {
  queue: { meta: labMeta(queueAbout, queuePresets), load: () => import('./queue') },
  abr: { meta: labMeta(abrAbout, abrPresets), load: () => import('./abr') },
  chat: { meta: labMeta(chatAbout, chatPresets), load: () => import('./chat') },
  upload: { meta: labMeta(uploadAbout, uploadPresets), load: () => import('./upload') },
  kafka: { meta: labMeta(kafkaAbout, kafkaPresets), load: () => import('./kafka') },
  e2ee: { meta: labMeta(e2eeAbout, e2eePresets), load: () => import('./e2ee') },
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
