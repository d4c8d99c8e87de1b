import type { LabMeta } from '@/components/lab-shell/types';
import { queuePresets } from '@/simulations/queue/presets';

/**
 * What the placeholder shows before the queue lab loads. Presets come from the simulation (a
 * data-only module); title and summary are copied from simulations/queue/index.ts, and
 * tests/unit/views/registry.test.ts fails if they drift apart.
 */
export const queueMeta: LabMeta = {
  id: 'queue',
  title: 'Queueing basics: M/M/1 and M/M/c',
  summary: 'Random arrivals, c servers, one line: watch utilisation, queue length, waiting-time percentiles and drops, against the closed forms.',
  presets: queuePresets.map((p) => ({ id: p.id, title: p.title, story: p.story })),
};
