/**
 * Every lab's definition by id, loaded on demand: the run worker imports this (one chunk per lab,
 * fetched when that lab first runs) and the prebuilt CLI. Like registry.ts (same order), but lazy; tests/unit/architecture checks
 * that the two list the same labs.
 *
 * LOUD: keep every loader a literal dynamic `import(...)`: the bundler splits one chunk per lab
 * from it.
 */
import type { AnyLab } from './core/lab';

export const labLoaders: Record<string, () => Promise<AnyLab>> = {
  chat: () => import('./chat').then((m) => m.chatLab),
  abr: () => import('./abr').then((m) => m.abrLab),
  queue: () => import('./queue').then((m) => m.queueLab),
  upload: () => import('./upload').then((m) => m.uploadLab),
  kafka: () => import('./kafka').then((m) => m.kafkaLab),
  'discover-weekly': () => import('./discover-weekly').then((m) => m.discoverWeeklyLab),
  'music-delivery': () => import('./music-delivery').then((m) => m.musicDeliveryLab),
  e2ee: () => import('./e2ee').then((m) => m.e2eeLab),
  conferencing: () => import('./conferencing').then((m) => m.conferencingLab),
  'live-edge': () => import('./live-edge').then((m) => m.liveEdgeLab),
  'live-latency': () => import('./live-latency').then((m) => m.liveLatencyLab),
  'video-pipeline': () => import('./video-pipeline').then((m) => m.videoPipelineLab),
  'video-search': () => import('./video-search').then((m) => m.videoSearchLab),
};

export function loadLabDefinition(id: string): Promise<AnyLab> {
  const load = Object.hasOwn(labLoaders, id) ? labLoaders[id] : undefined;
  return load ? load() : Promise.reject(new Error(`unknown lab "${id}"; known labs: ${Object.keys(labLoaders).join(', ')}`));
}
