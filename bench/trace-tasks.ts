/**
 * What the long tasks of a saved Lighthouse trace were made of (`npm run bench -- lighthouse
 * --trace-dir=DIR` saves one per run). For each main-thread task over 12.5 ms observed (50 ms after
 * Lighthouse mobile's ×4 CPU), its time from navigation, its duration ×4, and what ran inside it:
 * scripts evaluated, functions called (by script), style, layout, paint, GC.
 *
 *   npx tsx bench/trace-tasks.ts /tmp/lh/_labs_e2ee-mobile-1.json [--min=12.5]
 *
 * "≈ TBT" sums max(0, 4·d − 50) over the tasks after first contentful paint: Lighthouse's mobile
 * TBT comes from a simulation of the same tasks, so it lands near, not on, this figure.
 */
import { readFileSync } from 'node:fs';
import type { TraceEvent } from './pageload';


const minMs = Number(process.argv.find((a) => a.startsWith('--min='))?.slice(6) ?? 12.5);
const short = (url?: string) => (url ? url.replace(/^https?:\/\/[^/]+/, '').replace('/_next/static/chunks/', '') : '');

for (const file of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busy = (m: TraceEvent) => events.filter((x) => x.pid === m.pid && x.tid === m.tid && x.name === 'RunTask').reduce((a, x) => a + (x.dur ?? 0), 0);
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  const onMain = (e: TraceEvent) => e.pid === main.pid && e.tid === main.tid;
  const nav = events.find((e) => e.name === 'navigationStart' && onMain(e)) ?? events.find((e) => e.name === 'navigationStart');
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === main.pid);
  const t0 = nav?.ts ?? 0;
  const tasks = events.filter((e) => onMain(e) && e.name === 'RunTask' && (e.dur ?? 0) >= minMs * 1000 && e.ts >= t0).sort((a, b) => a.ts - b.ts);
  console.log(`\n${file}: FCP at ${fcp ? ((fcp.ts - t0) / 1000).toFixed(0) : '?'} ms observed`);
  let tbt = 0;
  for (const task of tasks) {
    const start = task.ts;
    const end = task.ts + (task.dur ?? 0);
    const inner = new Map<string, number>();
    for (const e of events) {
      if (!onMain(e) || e.ph !== 'X' || e === task || e.ts < start || e.ts > end || !e.dur || e.dur < 500) continue;
      if (/^V8\.|^v8\.|GC_/.test(e.name) && e.name !== 'V8.GCScavenger') continue;
      const d = e.args?.data ?? {};
      const k = `${e.name}${d.url ? ` ${short(d.url)}` : ''}${d.functionName ? ` ${d.functionName}` : ''}`;
      inner.set(k, (inner.get(k) ?? 0) + e.dur);
    }
    const d = (task.dur ?? 0) / 1000;
    const afterFcp = !fcp || start >= fcp.ts;
    if (afterFcp) tbt += Math.max(0, 4 * d - 50);
    const parts = [...inner].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`);
    console.log(`  ${((start - t0) / 1000).toFixed(0).padStart(6)} ms  ${d.toFixed(1).padStart(5)} ms (×4 ${(4 * d).toFixed(0).padStart(4)})${afterFcp ? '' : ' before FCP'}  ${parts.join('; ')}`);
  }
  console.log(`  ≈ TBT (×4, after FCP): ${tbt.toFixed(0)} ms`);
}
