/**
 * The charts' time axis. A run's horizon includes delivery.timeout.ms (2 minutes by default) after
 * the application stops sending, mostly quiet: the axis spans the sending period plus 5 s, and
 * grows with the cursor when the run goes past it.
 */
export function chartSpanMs(durationMs: number, horizonMs: number, nowMs: number): number {
  const span = Math.min(horizonMs, durationMs + 5_000);
  return Math.max(1, Math.min(horizonMs, Math.max(span, nowMs)));
}
