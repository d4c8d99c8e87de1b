import type { LabMeta } from '@/components/lab-shell/types';
import { chatPresets } from '@/simulations/chat/presets';

/**
 * What the placeholder shows before the chat lab loads. Presets come from the simulation (a
 * data-only module); title and summary are copied from simulations/chat/lab.ts, and
 * tests/unit/views/registry.test.ts fails if they drift apart.
 */
export const chatLabMeta: LabMeta = {
  id: 'chat',
  title: 'Chat at scale: connections and fan-out',
  summary:
    'Millions of phones on persistent connections: gateways and their memory, a session registry, fan-out on write vs read, presence, offline queues, receipts, heartbeats and the reconnect storm after a server dies.',
  presets: chatPresets.map((p) => ({ id: p.id, title: p.title, story: p.story })),
};
