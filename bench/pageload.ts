/**
 * Main-thread blocking while each lab page loads, in CPU time: a figure that holds on a loaded
 * machine, where Lighthouse's (bench/lighthouse.ts) does not. Lighthouse's TBT sums, over the main
 * thread's tasks between first paint and interactive, the part of each task over 50 ms, from wall
 * durations it observed (×4 for mobile); when other processes hold the CPUs, wall durations grow
 * with the machine's load (2–10× on a shared 2-core machine) and so do TBT and the score. Chromium's
 * trace also records each task's thread time (`tdur`, the CPU the main thread actually used), which
 * does not: this benchmark loads each lab page in Chromium (Lighthouse's desktop and mobile window
 * sizes, no throttling), traces it until the first run has been on screen for a few seconds, and
 * reports per page the median over `--runs` (default 3) of
 * - blocking ms = Σ max(0, tdur − 50) over tasks (Lighthouse desktop's TBT on an idle machine),
 * - mobile estimate = Σ max(0, 4·tdur − 50) (Lighthouse mobile simulates a 4× slower CPU),
 * - the longest task's CPU time, and what ran in the longest tasks (scripts by URL).
 *
 *   npm run bench -- pageload                       every lab page
 *   npm run bench -- pageload --page=/labs/abr --runs=5
 *
 * It needs a production build (`npx next build --webpack` in a worktree); it starts `next start`.
 */
import { chromium, type CDPSession } from 'playwright-core';
import { loadavg, availableParallelism } from 'node:os';
import { CHROMIUM, hasChromium, LAUNCH_ARGS } from '../tests/e2e/support/browser';
import { startNext } from '../tests/e2e/support/next-server';
import { labs } from '../simulations/registry';

const FORMS = {
  desktop: { viewport: { width: 1350, height: 940 }, deviceScaleFactor: 1, isMobile: false },
  mobile: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true },
} as const;
const SETTLE_MS = 6_000;

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(arg.indexOf('=') + 1);
}

/** A Chromium trace event, as CDP's Tracing domain and Lighthouse's saved traces give them. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; frame?: string } };
}

interface Load {
  blockingMs: number;
  mobileEstimateMs: number;
  longestCpuMs: number;
  longestWallMs: number;
  tasksOver50: number;
  culprits: string[];
}

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

function analyse(events: TraceEvent[]): Load {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.tdur !== undefined);
  const cpu = (e: TraceEvent) => (e.tdur ?? 0) / 1000;
  const long = tasks.filter((t) => cpu(t) > 50 / 4).sort((a, b) => cpu(b) - cpu(a));
  const culprits = long.slice(0, 3).map((t) => {
    const inside = events.filter((e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && ['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'ParseHTML', 'Layout', 'UpdateLayoutTree'].includes(e.name));
    const top = inside.sort((a, b) => (b.tdur ?? b.dur ?? 0) - (a.tdur ?? a.dur ?? 0))[0];
    // named only when one event is most of the task (else it is GC, compile, paint… or a mix)
    const main = top && (top.tdur ?? top.dur ?? 0) >= 0.5 * (t.tdur ?? 0) ? top : undefined;
    const where = main ? `${main.name}${main.args?.data?.url ? ` ${main.args.data.url.replace(/^https?:\/\/[^/]+/, '')}` : ''}` : 'several kinds of work';
    return `${Math.round(cpu(t))} ms (${where})`;
  });
  return {
    blockingMs: tasks.reduce((s, t) => s + Math.max(0, cpu(t) - 50), 0),
    mobileEstimateMs: tasks.reduce((s, t) => s + Math.max(0, 4 * cpu(t) - 50), 0),
    longestCpuMs: tasks.reduce((m, t) => Math.max(m, cpu(t)), 0),
    longestWallMs: tasks.reduce((m, t) => Math.max(m, (t.dur ?? 0) / 1000), 0),
    tasksOver50: tasks.filter((t) => cpu(t) > 50).length,
    culprits,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function pageloadBench(): Promise<void> {
  if (!hasChromium) {
    console.log('pageload: skipped, no Chromium at /usr/bin/chromium (set CHROMIUM_PATH)');
    return;
  }
  const pages = option('page')?.split(',') ?? labs.map((l) => `/labs/${l.id}`);
  const forms = (option('form')?.split(',') ?? ['desktop', 'mobile']) as (keyof typeof FORMS)[];
  const runs = Math.max(1, Math.floor(Number(option('runs') ?? 3)) || 1);
  const server = await startNext();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  try {
    for (const p of pages) await fetch(server.baseURL + p).then((r) => r.arrayBuffer());
    console.log(`main-thread CPU time while a lab page loads (Chromium trace, thread time), median of ${runs}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs`);
    console.log('page            form     blocking ms  mobile est. ms  longest task CPU (wall) ms  tasks > 50 ms');
    for (const path of pages)
      for (const form of forms) {
        const results: Load[] = [];
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext({ ...FORMS[form], colorScheme: 'light' });
          const page = await context.newPage();
          // every run is a first visit (as Lighthouse's): no HTTP cache
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
          results.push(
            analyse(
              await trace(cdp, async () => {
                await page.goto(server.baseURL + path);
                // no polling locator (its scripts would run on the traced main thread): wait, then check once
                await page.waitForTimeout(SETTLE_MS);
              }),
            ),
          );
          const ready = await page.locator('[data-testid="lab-view"][aria-busy="false"]').count();
          if (!ready) console.log(`    (${path} ${form} run ${i + 1}: the first run was not on screen after ${SETTLE_MS} ms; the machine is very busy)`);
          await context.close();
        }
        const m = (pick: (r: Load) => number) => Math.round(median(results.map(pick)));
        const worst = [...results].sort((a, b) => b.blockingMs - a.blockingMs)[Math.floor(results.length / 2)];
        console.log(
          `${path.padEnd(16)}${form.padEnd(9)}${String(m((r) => r.blockingMs)).padStart(11)} ${String(m((r) => r.mobileEstimateMs)).padStart(15)} ${`${m((r) => r.longestCpuMs)} (${m((r) => r.longestWallMs)})`.padStart(27)} ${String(m((r) => r.tasksOver50)).padStart(14)}   runs: ${results.map((r) => Math.round(r.blockingMs)).join(', ')}`,
        );
        if (worst.culprits.length) console.log(`    longest tasks (CPU): ${worst.culprits.join('; ')}`);
      }
  } finally {
    await browser.close();
    await server.stop();
  }
}
