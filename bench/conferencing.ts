/**
 * Conferencing lab: CPU time of whole runs for every preset and the heaviest params the schema allows
 * (50 participants, 120 s of audio = 6,000 packets). A step back replays from t = 0 (no
 * checkpoints), so this is also the worst pause a learner sees. Target: the heaviest run under 0.5 s.
 */
import { runHeadless } from '../simulations/core/runner';
import { defaults } from '../simulations/core/params';
import { conferencingLab, type ConferencingParams } from '../simulations/conferencing';

const TARGET_MS = 500;

function time(label: string, params: ConferencingParams): number {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { result } = runHeadless(conferencingLab, params, 1);
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  console.log(`${label}: ${ms.toFixed(0)} ms CPU, ${(performance.now() - t0).toFixed(0)} ms wall (${result.participants} people, ${result.audio.sent} audio packets)`);
  return ms;
}

export default async function bench(): Promise<void> {
  const base = defaults(conferencingLab.schema) as ConferencingParams;
  for (const p of conferencingLab.presets) time(`preset ${p.id}`, { ...base, ...p.params });
  const heaviest = time('heaviest (50 people, 120 s)', { ...base, participants: 50, durationS: 120 });
  console.log(`heaviest: ${heaviest.toFixed(0)} ms CPU; target under ${TARGET_MS} ms: ${heaviest < TARGET_MS ? 'MET' : 'NOT MET'}`);
}
