/** Virtual ms → "12.35 s" (or "850 ms" below a second). */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 1000) return `${Number(ms.toFixed(ms % 1 === 0 ? 0 : 1))} ms`;
  const s = ms / 1000;
  return `${s < 100 ? s.toFixed(2) : s < 1000 ? s.toFixed(1) : s.toFixed(0)} s`;
}

/** Compact rendering of an event's own fields (everything but type and t) for the log. */
export function eventDetails(event: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(event)) {
    if (k === 'type' || k === 't') continue;
    // a field with no value says nothing: never print "null" or "undefined"
    if (v === null || v === undefined) continue;
    let text: string;
    if (typeof v === 'number') text = Number.isNaN(v) ? '—' : Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(Number(v.toPrecision(4)));
    else if (typeof v === 'string') text = v;
    else {
      try {
        text = JSON.stringify(v) ?? String(v);
      } catch {
        text = String(v);
      }
    }
    parts.push(`${k}=${text}`);
  }
  return parts.join(' ');
}
