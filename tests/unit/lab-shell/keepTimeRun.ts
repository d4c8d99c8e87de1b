/**
 * What the shell's keep-time re-creation (useLabRun.recreate with keepTime) amounts to, in one call
 * on this thread: a run of `lab` with these params and seed, replayed to keptTimeOf(previous). The
 * labs' fault tests use it to check that a fault added "now" and its share link give the same run.
 */
import { Runner } from '@/simulations/core/runner';
import type { AnyLab } from '@/simulations/core/lab';
import { keptTimeOf } from '@/components/lab-shell/keepTime';

export function runKeepingTime(lab: AnyLab, params: Record<string, unknown>, seed: number, previous: { now: number }, maxEvents = Infinity): Runner {
  const next = new Runner(lab, params, seed);
  const t = keptTimeOf(previous);
  if (t > 0) next.scrubTo(t, maxEvents);
  return next;
}
