/** One line a learner reads for each pipeline event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import type { VideoPipelineEvent } from './series';
import { groupedNumber } from '@/simulations/core/numberText';

const kbps = (k: number) => `${groupedNumber(k)} kbps`;

const PLAY_STEP = {
  'playback-api': 'Control plane (cloud): the playback service checks the licence, the device and the region',
  steering: 'Control plane (cloud): steering picks 3 nearby healthy appliances and returns their URLs',
  probe: 'Data plane (edge): the client probes the 3 appliances and keeps the fastest',
  'first-segment': 'Data plane (edge): manifest and first segment of the lowest rung arrive',
  'first-frame': 'Data plane (edge): the first frame plays; the player climbs the ladder as its buffer grows',
} as const;

export function videoPipelineCaption(e: Logged<VideoPipelineEvent>): string | null {
  switch (e.type) {
    case 'uploaded':
      return `Upload complete: a ${Math.round(e.durationS / 60)}-min master, to encode as ${groupedNumber(e.chunks)} chunks × ${e.rungs} rungs = ${groupedNumber(e.jobs)} jobs`;
    case 'split':
      return `Split at keyframes into ${groupedNumber(e.chunks)} chunks of ${e.chunkS} s; encode jobs go to the workers`;
    case 'encodeStart':
      return `Worker ${e.worker + 1} starts chunk ${e.chunk + 1} at rung ${e.rung + 1} (${e.resolution}, ${kbps(e.kbps)})`;
    case 'encodeDone':
      return `Worker ${e.worker + 1} finished chunk ${e.chunk + 1} at rung ${e.rung + 1} in ${((e.t - e.startMs) / 1000).toFixed(1)} s`;
    case 'encodeCrashed':
      return `Worker ${e.worker + 1} died ${((e.t - e.startMs) / 1000).toFixed(1)} s into chunk ${e.chunk + 1} at rung ${e.rung + 1}: the work is lost, its lease expires in ${e.leaseS} s`;
    case 'retry':
      return `Lease expired: chunk ${e.chunk + 1} at rung ${e.rung + 1} goes back to the front of the queue (attempt ${e.attempt})`;
    case 'packaged':
      return `Rung ${e.rung + 1} (${kbps(e.kbps)}) packaged by worker ${e.worker + 1}: segments and manifest written`;
    case 'published':
      return e.published === 1
        ? `First playable: rung ${e.rung + 1} (${e.resolution}, ${kbps(e.kbps)}) is in the manifest, viewers can press play`
        : e.published === e.rungs
          ? `Full ladder: the last rung (${e.resolution}, ${kbps(e.kbps)}) is published, all ${e.rungs} rungs are live`
          : `Rung ${e.rung + 1} (${e.resolution}, ${kbps(e.kbps)}) published: ${e.published} of ${e.rungs}`;
    case 'play': {
      const ms = `${Math.round(e.durationMs)} ms`;
      if (e.step === 'first-segment') return `${PLAY_STEP[e.step]} (${e.hit ? 'the appliance had it: prefilled' : 'a miss: the appliance filled it from upstream first'}), ${ms}`;
      if (e.step === 'probe' && e.probesMs) return `${PLAY_STEP[e.step]} (${e.probesMs.map((x) => `${Math.round(x)} ms`).join(', ')})`;
      return `${PLAY_STEP[e.step]}, ${ms}`;
    }
    default:
      return null;
  }
}
