/**
 * Never freeze (issue 11, "Done means"): in every lab, the heaviest values the lab accepts (its cost
 * drivers at their schema limits, stepped back only as far as `paramProblems` — the budget and the
 * cross-field rules the panel applies — requires) and its heaviest preset (measured by a headless
 * probe) are opened through a link, played at the top speed, seeked (a click on the time slider, a
 * drag, End), stepped, edited (a cost driver typed into its field + Enter) and played again.
 *
 * Main thread: issue 11's target, no task over TASK_LIMIT_MS (100 ms) while playing, seeking,
 * stepping or editing, judged by each task's thread CPU time from a Chromium trace of the page's
 * main thread (support/perf.ts, `traced`). Wall-clock task lengths (PerformanceObserver 'longtask')
 * are printed beside them but not judged: on the shared 2-core machines the tests run on, the OS
 * keeps the renderer off a core for most of a task's wall time whenever builds run alongside (a
 * 442 ms wall task was 63 ms of CPU at load average 20; the trace shows both), which no lab code can
 * change. On an idle machine the two agree. The first load (navigation, parse, compile, hydration)
 * is measured and printed, not judged (it is Lighthouse's TBT, another test's).
 * Also: no crash, page error or run error; the link opens as given; every seek arrives; the JS heap
 * (page + workers, CDP) stays under 1 GiB. Bounded: at most 300 s per lab (15-30 s unless a seek is
 * slow).
 * The heaviest preset comes from the lab's budget estimate (a lab without a budget is probed
 * headless, slower).
 */
import { loadavg } from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import { hasChromium } from './support/browser';
import { heaviestPresetByBudget, heaviestValues, linkFor, stressLabs } from './support/heavy';
import { mib } from './support/perf';
import { runScenario, type ScenarioResult } from './support/scenario';

/** issue 11: "no task over 100 ms while playing or editing" (of main-thread CPU, see above) */
const TASK_LIMIT_MS = 100;
const HEAP_LIMIT = 2 ** 30;
// a click and End on the time slider (bench/stress.ts also drags); short plays keep the file near 2 min
// a seek must arrive, not be fast: the heaviest chat and Kafka runs replay a few hundred virtual s
// in 5-15 s on a busy 2-core machine, and 30-60 s when a dozen builds share it (load average 20-30)
const OPTIONS = { playMs: 1500, seekTimeoutMs: 60_000, seeks: ['click', 'end'] as ('click' | 'end')[] };
/** per lab: the test's hard limit, reached only if seeks crawl */
const LAB_TIMEOUT_MS = 300_000;

function summary(r: ScenarioResult): string {
  const phases = Object.entries(r.phases)
    .map(([k, w]) => `${k} ${w.longestTaskMs.toFixed(0)} ms${r.cpu[k] ? ` (cpu ${r.cpu[k]!.longestCpuMs.toFixed(0)})` : ''}`)
    .join(', ');
  const seeks = r.seeks.map((s) => `${s.how}: ${s.arrived ? 'arrived' : `stopped at ${s.reachedMs} of ${s.targetMs} ms`}`).join('; ');
  return `${r.lab} ${r.name}: longest task per phase, wall (cpu) ${phases}; seeks ${seeks}; heap ${mib(r.heap.totalBytes)} MiB; load average ${loadavg()[0].toFixed(1)}`;
}

function check(r: ScenarioResult): void {
  console.log(summary(r));
  expect(r.error, `${r.lab} ${r.name}`).toBeNull();
  expect(r.failures, `${r.lab} ${r.name}: crash or errors`).toEqual([]);
  expect(r.linkErrors, `${r.lab} ${r.name}: the link was refused`).toEqual([]);
  expect(r.longestCpuMs, `${r.lab} ${r.name}: longest main-thread task, CPU ms (NaN: no trace)`).toBeLessThanOrEqual(TASK_LIMIT_MS);
  expect(r.seeks.filter((s) => !s.arrived).map((s) => s.how), `${r.lab} ${r.name}: seeks that did not arrive`).toEqual([]);
  expect(r.heap.totalBytes, `${r.lab} ${r.name}: peak JS heap (bytes)`).toBeLessThanOrEqual(HEAP_LIMIT);
}

describe.skipIf(!hasChromium)('labs never freeze at their heaviest allowed settings', () => {
  for (const lab of stressLabs()) {
    it(`${lab.id}: heaviest allowed values and heaviest preset play, seek, step and edit without a long task`, { timeout: LAB_TIMEOUT_MS }, async () => {
      const baseURL = inject('baseURL');
      const values = heaviestValues(lab);
      const heavy = await runScenario(baseURL, lab, 'heaviest allowed values', linkFor(lab, values.params), values.params, OPTIONS);
      const preset = heaviestPresetByBudget(lab);
      const params = { ...Object.fromEntries(Object.entries(lab.schema as Record<string, { default: unknown }>).map(([k, s]) => [k, s.default])), ...(lab.presets.find((p) => p.id === preset)!.params as Record<string, unknown>) };
      const heaviest = await runScenario(baseURL, lab, `heaviest preset ${preset}`, `v=1&preset=${encodeURIComponent(preset)}`, params, OPTIONS);
      check(heavy);
      check(heaviest);
    });
  }
});
