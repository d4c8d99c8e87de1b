import type { Preset } from '../../core/lab';
import type { VideoPipelineParams } from './schema';

export const videoPipelinePresets: Preset<VideoPipelineParams>[] = [
  {
    id: 'lowest-rung-first',
    title: 'Lowest rung first',
    story: 'A 10-minute drama on 40 workers: the lowest rung is encoded, packaged and published about 23 s after the upload, while the full ladder takes over 2 minutes. Viewers can press play long before the 1080p rungs exist.',
    params: {},
  },
  {
    id: 'chunk-by-chunk',
    title: 'Chunk by chunk',
    story: 'The same work in the naive order, every rung of chunk 1, then chunk 2: the lowest rung finishes with everything else, so the video becomes playable only after about 2 minutes, six times later, for no saving at all.',
    params: { order: 'chunk-by-chunk' },
  },
  {
    id: 'textbook-equal-chunks',
    title: 'Textbook: equal chunks, W = 16',
    story: 'Every chunk alike (no scene variation), 150 chunks on 16 workers: the lowest rung takes exactly ceil(150/16) = 10 rounds of one chunk’s encode, as the formula says. Change W and check ceil(ceil(T/c)/W) · t_low again.',
    params: { jitter: 0, workers: 16 },
  },
  {
    id: 'cartoon-per-title',
    title: 'Cartoon, per-title ladder',
    story: 'An easy title: its convex hull reaches 1080p at about 1.5 Mbps and tops out under 3 Mbps. The per-title ladder stores about 3.8 GB per hour instead of 9.1 and halves egress, at better quality than the fixed ladder. Compare with the next preset.',
    params: { complexity: 0.3 },
  },
  {
    id: 'cartoon-fixed-ladder',
    title: 'Cartoon, fixed 2015 ladder',
    story: 'The same cartoon on the one-size ladder: 20,170 kbps of rungs (9.08 GB per hour), and viewers on fast links stream 5.8 Mbps for pictures the hull gets at a fraction of it.',
    params: { complexity: 0.3, ladder: 'fixed-2015' },
  },
  {
    id: 'action-fixed-ladder',
    title: 'Action film, fixed 2015 ladder',
    story: 'A hard title on the fixed ladder: even 5,800 kbps reaches only about 70 of 100, and some rungs are dominated (720p at 2,350 kbps looks worse than 480p at 1,750). Switch the ladder to per-title and watch the rungs move onto the hull.',
    params: { complexity: 2.5, ladder: 'fixed-2015' },
  },
  {
    id: 'crashes-and-leases',
    title: 'Workers crash: leases and retries',
    story: 'One encode attempt in ten dies part-way (a preempted or failed machine): about 130 of 1,200 here. Each crashed chunk is re-run from scratch once its 10 s lease expires, so only that chunk is lost, never the film. The full ladder arrives about 20 % later, but the first playable moment moves from 23 s to 35–45 s: a rung waits for its unluckiest chunk.',
    params: { crashRate: 0.1 },
  },
  {
    id: 'feature-film-prime-time',
    title: 'Feature film at prime time',
    story: 'A 2-hour film on 400 fast workers (VCU-like, 4× real time at 1080p): encoding is quick, and the serial steps (split, packaging each rung) now dominate. At a 1 M-stream peak the edge needs about 50 appliances of 90 Gbit/s.',
    params: { durationMin: 120, workers: 400, speed1080: 4, peakConcurrent: 1_000_000, views: 20_000_000 },
  },
];
