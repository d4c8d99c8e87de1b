/**
 * Every lab, by id. Used by the CLI, the content check (lab ids and presets named in lessons), the
 * catalog and the tests. Client pages must NOT import this file (it would bundle every lab); they
 * load one lab through components/labs/.
 */
import type { AnyLab } from './core/lab';
import { chatLab } from './chat';
import { abrLab } from './abr';
import { queueLab } from './queue';
import { uploadLab } from './upload';
import { kafkaLab } from './kafka';
import { discoverWeeklyLab } from './discover-weekly';
import { musicDeliveryLab } from './music-delivery';
import { e2eeLab } from './e2ee';
import { conferencingLab } from './conferencing';
import { liveEdgeLab } from './live-edge';
import { liveLatencyLab } from './live-latency';
import { videoPipelineLab } from './video-pipeline';
import { videoSearchLab } from './video-search';

export const labs: AnyLab[] = [
  chatLab,
  abrLab,
  queueLab,
  uploadLab,
  kafkaLab,
  discoverWeeklyLab,
  musicDeliveryLab,
  e2eeLab,
  conferencingLab,
  liveEdgeLab,
  liveLatencyLab,
  videoPipelineLab,
  videoSearchLab,
];

export function findLab(id: string): AnyLab | undefined {
  return labs.find((l) => l.id === id);
}
