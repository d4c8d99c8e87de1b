/**
 * Client-side registry of lab views: lab id → a lazy loader of the lab module (simulation + view)
 * and, optionally, the small metadata a placeholder shows before it loads. A page downloads only
 * the lab it shows.
 *
 * The loaders themselves are in loaders.ts (a lab page imports only those); every lab needs a
 * loader there and an entry here (tests/unit/views/registry.test.ts checks); until a lab has its
 * own view, `withGenericView` charts its recorded series.
 * Adding a lab: see components/labs/README.md.
 */
import type { LabMeta, LabModule } from '@/components/lab-shell/types';
import { labLoaders } from './loaders';
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
import { discoverWeeklyAbout } from '@/simulations/discover-weekly/lab/about';
import { discoverWeeklyPresets } from '@/simulations/discover-weekly/lab/presets';
import { musicDeliveryAbout } from '@/simulations/music-delivery/lab/about';
import { musicDeliveryPresets } from '@/simulations/music-delivery/lab/presets';
import { e2eeAbout } from '@/simulations/e2ee/lab/about';
import { e2eePresets } from '@/simulations/e2ee/lab/presets';
import { conferencingAbout } from '@/simulations/conferencing/lab/about';
import { conferencingPresets } from '@/simulations/conferencing/lab/presets';
import { liveEdgeAbout } from '@/simulations/live-edge/lab/about';
import { liveEdgePresets } from '@/simulations/live-edge/lab/presets';
import { liveLatencyAbout } from '@/simulations/live-latency/lab/about';
import { liveLatencyPresets } from '@/simulations/live-latency/lab/presets';
import { videoPipelineAbout } from '@/simulations/video-pipeline/lab/about';
import { videoPipelinePresets } from '@/simulations/video-pipeline/lab/presets';
import { videoSearchAbout } from '@/simulations/video-search/lab/about';
import { videoSearchPresets } from '@/simulations/video-search/lab/presets';

/** What a placeholder shows, derived from the lab's data-only about + presets (never copied). */
export function labMeta(about: { id: string; title: string; summary: string }, presets: readonly { id: string; title: string; story: string }[]): LabMeta {
  return { id: about.id, title: about.title, summary: about.summary, presets: presets.map((p) => ({ id: p.id, title: p.title, story: p.story })) };
}

export interface LabEntry {
  meta?: LabMeta;
  load(): Promise<LabModule>;
}

export { withGenericView, loadLab } from './loaders';

export const labEntries: Record<string, LabEntry> = {
  queue: { meta: labMeta(queueAbout, queuePresets), load: labLoaders.queue },
  abr: { meta: labMeta(abrAbout, abrPresets), load: labLoaders.abr },
  chat: { meta: labMeta(chatAbout, chatPresets), load: labLoaders.chat },
  upload: { meta: labMeta(uploadAbout, uploadPresets), load: labLoaders.upload },
  kafka: { meta: labMeta(kafkaAbout, kafkaPresets), load: labLoaders.kafka },
  'discover-weekly': { meta: labMeta(discoverWeeklyAbout, discoverWeeklyPresets), load: labLoaders['discover-weekly'] },
  'music-delivery': { meta: labMeta(musicDeliveryAbout, musicDeliveryPresets), load: labLoaders['music-delivery'] },
  e2ee: { meta: labMeta(e2eeAbout, e2eePresets), load: labLoaders.e2ee },
  conferencing: { meta: labMeta(conferencingAbout, conferencingPresets), load: labLoaders.conferencing },
  'live-edge': { meta: labMeta(liveEdgeAbout, liveEdgePresets), load: labLoaders['live-edge'] },
  'live-latency': { meta: labMeta(liveLatencyAbout, liveLatencyPresets), load: labLoaders['live-latency'] },
  'video-pipeline': { meta: labMeta(videoPipelineAbout, videoPipelinePresets), load: labLoaders['video-pipeline'] },
  'video-search': { meta: labMeta(videoSearchAbout, videoSearchPresets), load: labLoaders['video-search'] },
};

export function labEntry(id: string): LabEntry | undefined {
  return Object.hasOwn(labEntries, id) ? labEntries[id] : undefined;
}
