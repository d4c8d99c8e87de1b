import type { ParamError, ParamSchema, ParamsOf } from '../../core/params';
import type { LadderMode } from '../encoding/ladders';
import type { EncodeOrder } from '../pipeline/jobs';
import { groupedNumber } from '@/simulations/core/numberText';

export const videoPipelineSchema = {
  durationMin: { type: 'number', label: 'Video length T', unit: 'min', min: 1, max: 180, default: 10, scale: 'log', group: 'Upload', description: 'Length of the uploaded master.' },
  complexity: { type: 'number', label: 'Content complexity', min: 0.2, max: 3, default: 1, step: 0.05, group: 'Upload', description: 'How many bits the content needs for the same quality: about 0.3 for a cartoon, 1 for a typical drama, 2.5 for sport or action with grain.' },
  ladder: { type: 'enum', label: 'Ladder', options: ['per-title', 'fixed-2015'] as const, default: 'per-title' as LadderMode, optionLabels: { 'per-title': 'Per-title (convex hull)', 'fixed-2015': 'Fixed 2015 ladder (10 rungs, 235–5,800 kbps)' }, group: 'Ladder', description: 'One ladder for every title (Netflix before Dec 2015), or rungs picked on this title’s rate–quality convex hull.' },
  rungs: { type: 'number', label: 'Rungs', min: 3, max: 12, default: 8, integer: true, group: 'Ladder', visibleWhen: { ladder: ['per-title'] }, description: 'Rungs asked of the per-title ladder (an easy title may get fewer: duplicates on the hull are dropped).' },
  chunkS: { type: 'number', label: 'Chunk length c', unit: 's', min: 1, max: 60, default: 4, step: 0.5, group: 'Encoding', description: 'The master is split into chunks of this length, each starting on a keyframe, encoded independently. Must be a whole number of GOPs.' },
  gopS: { type: 'number', label: 'GOP length', unit: 's', min: 0.5, max: 10, default: 2, step: 0.5, group: 'Encoding', advanced: true, description: 'Keyframe interval of the mezzanine: chunk boundaries must fall on keyframes.' },
  workers: { type: 'number', label: 'Workers W', min: 1, max: 1000, default: 40, integer: true, scale: 'log', group: 'Encoding', description: 'Encoder machines (or VCU cores) working on this upload at once.' },
  speed1080: { type: 'number', label: 'Encode speed at 1080p', unit: '× real time', min: 0.05, max: 20, default: 0.5, scale: 'log', group: 'Encoding', description: 'Seconds of 1080p one worker encodes per second (software x264 at a slow preset ≈ 0.5; one Argos VCU core encodes 2160p60 in real time, ≈ 4 at 1080p). Smaller rungs are cheaper in proportion to their pixels.' },
  jitter: { type: 'number', label: 'Scene variation', min: 0, max: 0.5, default: 0.2, step: 0.01, group: 'Encoding', description: '± share by which a chunk’s encode time varies with its scene (0: every chunk alike, the textbook case).' },
  crashRate: { type: 'number', label: 'Encode crashes', min: 0, max: 0.2, default: 0, step: 0.01, group: 'Failures', description: 'Chance that an encode attempt dies part-way (a preempted or failed machine). The chunk is re-run from scratch by another worker once its lease expires.' },
  leaseS: { type: 'number', label: 'Lease', unit: 's', min: 1, max: 120, default: 10, group: 'Failures', advanced: true, description: 'How long the coordinator waits without a heartbeat before it gives a crashed job to another worker.' },
  order: { type: 'enum', label: 'Job order', options: ['lowest-rung-first', 'chunk-by-chunk'] as const, default: 'lowest-rung-first' as EncodeOrder, optionLabels: { 'lowest-rung-first': 'Lowest rung first (publish early)', 'chunk-by-chunk': 'Chunk by chunk (every rung of a chunk together)' }, group: 'Encoding', description: 'The order workers take encode jobs in. Packaging a finished rung always jumps the queue.' },
  views: { type: 'number', label: 'Views', min: 1, max: 1e9, default: 1_000_000, scale: 'log', integer: true, group: 'Audience', description: 'Views of this title over the period priced.' },
  watchShare: { type: 'number', label: 'Share watched per view', min: 0.05, max: 1, default: 0.5, step: 0.05, group: 'Audience', description: 'How much of the video an average view plays.' },
  peakConcurrent: { type: 'number', label: 'Peak concurrent streams', min: 1, max: 1e8, default: 100_000, scale: 'log', integer: true, group: 'Audience', description: 'Streams at the busiest moment (prime time): what the edge must serve at once.' },
  applianceGbps: { type: 'number', label: 'Appliance throughput', unit: 'Gbit/s', min: 1, max: 800, default: 90, scale: 'log', group: 'Delivery', description: 'What one Open Connect-style appliance serves: 8 Gbit/s (2012), 90+ (2016), 400 (2021), 800 (2022).' },
  prefillShare: { type: 'number', label: 'CDN prefill share', min: 0, max: 1, default: 0.95, step: 0.01, group: 'Delivery', description: 'Share of view bytes served by edge appliances filled off-peak before launch; the rest comes from the cloud origin as paid egress.' },
  storageUsdPerGBMonth: { type: 'number', label: 'Storage price', unit: '$/GB-month', min: 0, max: 0.2, default: 0.023, step: 0.001, group: 'Cost', description: 'What a GB of encoded output costs to keep for a month (object storage list prices are a few cents).' },
  egressUsdPerGB: { type: 'number', label: 'Egress price', unit: '$/GB', min: 0, max: 0.5, default: 0.02, step: 0.001, group: 'Cost', description: 'What a GB sent from the origin costs (fill traffic and views the edge does not serve).' },
  controlRttMs: { type: 'number', label: 'RTT to the cloud', unit: 'ms', min: 10, max: 400, default: 80, group: 'Press play', advanced: true, description: 'Round trip from the viewer to the control plane (median; lognormal).' },
  edgeRttMs: { type: 'number', label: 'RTT to an appliance', unit: 'ms', min: 2, max: 200, default: 15, group: 'Press play', advanced: true, description: 'Round trip to an appliance in or near the viewer’s ISP (median; lognormal).' },
  viewerMbps: { type: 'number', label: 'Viewer bandwidth', unit: 'Mbit/s', min: 0.5, max: 100, default: 10, scale: 'log', group: 'Press play', advanced: true, description: 'The first viewer’s downlink, for the first segment.' },
} satisfies ParamSchema;

export type VideoPipelineParams = ParamsOf<typeof videoPipelineSchema>;

/** Most chunks a run splits into (the Gantt draws each of them once per rung). */
export const MAX_CHUNKS = 6000;

export function checkVideoPipeline(p: VideoPipelineParams): ParamError[] {
  const errors: ParamError[] = [];
  const gops = p.chunkS / p.gopS;
  if (Math.abs(gops - Math.round(gops)) > 1e-9) {
    errors.push({ field: 'chunkS', value: p.chunkS, message: `chunkS = ${p.chunkS} is invalid: a chunk must be a whole number of GOPs (gopS = ${p.gopS} s), so every chunk starts on a keyframe; try ${Math.max(1, Math.round(gops)) * p.gopS}` });
  }
  if (p.chunkS > p.durationMin * 60) {
    errors.push({ field: 'chunkS', value: p.chunkS, message: `chunkS = ${p.chunkS} is invalid: longer than the video (durationMin = ${p.durationMin} min = ${p.durationMin * 60} s)` });
  }
  if (Math.ceil((p.durationMin * 60) / p.chunkS) > MAX_CHUNKS) {
    errors.push({ field: 'chunkS', value: p.chunkS, message: `chunkS = ${p.chunkS} is invalid: ${p.durationMin} min in chunks of ${p.chunkS} s is over ${groupedNumber(MAX_CHUNKS)} chunks; use chunks of at least ${Math.ceil((p.durationMin * 60) / MAX_CHUNKS)} s` });
  }
  return errors;
}
