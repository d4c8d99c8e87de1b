/**
 * E2EE lab: wall time of whole runs (the cost is the real cryptography: X25519, Ed25519, HKDF, HMAC,
 * AES-GCM), for the default run, every preset and the heaviest params the schema allows. A step back
 * replays the run from t = 0 (no checkpoints), so this is also the worst pause a learner sees.
 * Target: the heaviest run under 3 s in Node.
 */
import { runHeadless } from '../simulations/core/runner';
import { defaults } from '../simulations/core/params';
import { e2eeLab, type E2eeParams } from '../simulations/e2ee';

const TARGET_MS = 3000;

/** CPU time of the run (wall time on a shared machine measures the neighbours). */
function time(label: string, params: E2eeParams): number {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { result } = runHeadless(e2eeLab, params, 1);
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  console.log(`${label}: ${ms.toFixed(0)} ms CPU, ${(performance.now() - t0).toFixed(0)} ms wall (${result.messages.sent} messages, ${result.server.uploads} uploads, ${result.group ? `group of ${result.group.members}` : 'no group'})`);
  return ms;
}

export default async function bench(): Promise<void> {
  const base = defaults(e2eeLab.schema) as E2eeParams;
  time('default', base);
  for (const p of e2eeLab.presets) time(`preset ${p.id}`, { ...base, ...p.params });
  const heaviest = time('heaviest (60 messages, 3 devices, group of 8 with Sender Keys and a leave, theft at 30)', {
    ...base,
    messages: 60,
    devices: 3,
    groupSize: 8,
    groupMessages: 12,
    groupMode: 'senderKeys',
    memberLeaves: true,
    compromiseAfter: 30,
    reorderProbability: 0.5,
  });
  console.log(`heaviest: ${heaviest.toFixed(0)} ms CPU; target under ${TARGET_MS} ms: ${heaviest < TARGET_MS ? 'MET' : 'NOT MET'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bench();
}
