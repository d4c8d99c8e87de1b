/**
 * Live-latency lab: CPU time of whole runs for the default, every preset and the heaviest params the
 * schema allows (30 minutes of 0.2 s LL-HLS parts; 30 minutes of WebRTC frames). A step back replays
 * from t = 0 (no checkpoints), so this is also the worst pause a learner sees. Target: the heaviest
 * run under 1 s in Node.
 */
import { runHeadless } from '../simulations/core/runner';
import { defaults } from '../simulations/core/params';
import { liveLatencyLab, type LiveLatencyParams } from '../simulations/live-latency';

const TARGET_MS = 1000;

/** CPU time of the run (wall time on a shared machine measures the neighbours). */
function time(label: string, params: LiveLatencyParams): number {
  const cpu0 = process.cpuUsage();
  const { result } = runHeadless(liveLatencyLab, params, 1);
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  console.log(`${label}: ${ms.toFixed(0)} ms CPU (latency ${result.latency.meanS?.toFixed(2)} s, ${result.stalls.count} stalls)`);
  return ms;
}

export default async function bench(): Promise<void> {
  const base = defaults(liveLatencyLab.schema);
  time('default', base);
  for (const p of liveLatencyLab.presets) time(`preset ${p.id}`, { ...base, ...p.params });
  const ll = time('heaviest LL-HLS (0.2 s parts, 1800 s, jitter)', { ...base, delivery: 'll-hls', segmentS: 1, partS: 0.2, durationS: 1800, jitterMs: 100 });
  const webrtc = time('heaviest WebRTC (1800 s of frames)', { ...base, delivery: 'webrtc', ingest: 'whip', durationS: 1800, jitterMs: 30 });
  const heaviest = Math.max(ll, webrtc);
  console.log(`heaviest: ${heaviest.toFixed(0)} ms CPU; target under ${TARGET_MS} ms: ${heaviest < TARGET_MS ? 'MET' : 'NOT MET'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bench();
}
