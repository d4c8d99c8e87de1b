/**
 * Live-edge lab: CPU time of whole runs for every preset and the heaviest params the schema allows
 * (2 M viewers, 300 PoPs, 6 renditions, 1 s segments for 300 s, no coalescing). The herd is sampled
 * by order statistics, so a run costs O(segments × PoPs × renditions), never O(viewers). A step back
 * replays from t = 0 (no checkpoints), so this is also the worst pause a learner sees.
 * Target: the heaviest run under 2 s in Node.
 */
import { runHeadless } from '../simulations/core/runner';
import { defaults } from '../simulations/core/params';
import { liveEdgeLab, type LiveEdgeParams } from '../simulations/live-edge';

const TARGET_MS = 2000;

function time(label: string, params: LiveEdgeParams): number {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { result } = runHeadless(liveEdgeLab, params, 1);
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  console.log(`${label}: ${ms.toFixed(0)} ms CPU, ${(performance.now() - t0).toFixed(0)} ms wall (${result.segments} segments, last: ${result.lastSegment.edgeUpstream} origin / ${result.lastSegment.liveServer} live-server requests)`);
  return ms;
}

export default async function bench(): Promise<void> {
  const base = defaults(liveEdgeLab.schema) as LiveEdgeParams;
  for (const p of liveEdgeLab.presets) time(`preset ${p.id}`, { ...base, ...p.params });
  const heaviest = time('heaviest (2 M viewers, 300 PoPs, 6 renditions, 300 × 1 s segments, F = 2 s)', {
    ...base,
    viewers: 2_000_000,
    edges: 300,
    renditions: 6,
    segmentS: 1,
    windowS: 0.1,
    edgeFetchMs: 2000,
    durationS: 300,
  });
  console.log(`heaviest: ${heaviest.toFixed(0)} ms CPU; target under ${TARGET_MS} ms: ${heaviest < TARGET_MS ? 'MET' : 'NOT MET'}`);
}
