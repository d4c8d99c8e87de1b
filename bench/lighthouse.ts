/**
 * Lighthouse performance (issue 11's page-load targets) of every lab page, a lesson and home, desktop
 * and mobile, against a production build (`npx next build`) served by `next start` on 127.0.0.1.
 * Offline: Lighthouse (devDependency, 12.x, the last line that runs on Node 20) drives Debian's
 * /usr/bin/chromium launched by playwright-core with a remote-debugging port; nothing leaves the
 * machine.
 *
 * Settings, Lighthouse's own presets, throttling method "simulate" (Lantern):
 * - desktop: lighthouse/core/config/desktop-config.js: 1350×940, RTT 40 ms, 10,240 kbps, CPU ×1;
 * - mobile: the default config: Moto G Power 412×823, RTT 150 ms, 1,638 kbps, CPU slowdown ×4.
 *
 *   npm run bench -- lighthouse                 every page, both form factors
 *   npm run bench -- lighthouse --page=/labs/kafka --form=desktop
 *   npm run bench -- lighthouse --runs=3         each page 3 times: every run, then the medians
 *   npm run bench -- lighthouse --trace-dir=/tmp/lh   also saves each run's trace, for
 *                                                    `python3 bench/lighthouse-tasks.py /tmp/lh/*.json`
 *
 * The score and TBT depend on the machine's load (Lantern scales the main-thread tasks it observed);
 * on a shared machine run each page 3 times and compare medians measured under the same load (the
 * load average is printed with every page). CLS does not depend on it.
 *
 * Targets: performance ≥ 95 desktop and ≥ 90 mobile, CLS < 0.05, TBT < 100 ms desktop. A failing
 * page prints what Lighthouse blames: main-thread time per script, long tasks, layout shifts with
 * their elements, the LCP element, render-blocking requests and unused JavaScript.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM, hasChromium, LAUNCH_ARGS } from '../tests/e2e/support/browser';
import { startNext } from '../tests/e2e/support/next-server';
import { freePort } from '../scripts/free-port';
import { labs } from '../simulations/registry';

const TARGET = { desktop: 95, mobile: 90, cls: 0.05, tbtDesktopMs: 100 };

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(arg.indexOf('=') + 1);
}

interface AuditItem {
  [key: string]: unknown;
}
interface Audit {
  numericValue?: number;
  displayValue?: string;
  score: number | null;
  details?: { items?: AuditItem[] };
}

function items(audits: Record<string, Audit>, id: string): AuditItem[] {
  return audits[id]?.details?.items ?? [];
}

function short(url: unknown): string {
  const s = String(url ?? '');
  return s.replace(/^https?:\/\/127\.0\.0\.1:\d+/, '');
}

/** What Lighthouse blames on a page that misses a target. */
function causes(audits: Record<string, Audit>): string[] {
  const out: string[] = [];
  const boot = items(audits, 'bootup-time')
    .slice(0, 4)
    .map((i) => `${short(i.url)} ${Math.round(Number(i.total))} ms (script ${Math.round(Number(i.scripting))})`);
  if (boot.length) out.push(`main thread per script: ${boot.join('; ')}`);
  const work = items(audits, 'mainthread-work-breakdown')
    .slice(0, 4)
    .map((i) => `${i.groupLabel ?? i.group} ${Math.round(Number(i.duration))} ms`);
  if (work.length) out.push(`main-thread work: ${work.join(', ')}`);
  const tasks = items(audits, 'long-tasks')
    .slice(0, 5)
    .map((i) => `${short(i.url)} ${Math.round(Number(i.duration))} ms at ${Math.round(Number(i.startTime))} ms`);
  if (tasks.length) out.push(`long tasks: ${tasks.join('; ')}`);
  const shifts = items(audits, 'layout-shifts')
    .slice(0, 4)
    .map((i) => {
      const node = i.node as { selector?: string; nodeLabel?: string } | undefined;
      return `${Number(i.score).toFixed(3)} ${node?.selector ?? node?.nodeLabel ?? '?'}`;
    });
  if (shifts.length) out.push(`layout shifts: ${shifts.join('; ')}`);
  const lcp = items(audits, 'largest-contentful-paint-element')[0] as { items?: { node?: { selector?: string } }[] } | undefined;
  const lcpNode = lcp?.items?.[0]?.node?.selector;
  if (lcpNode) out.push(`LCP element: ${lcpNode}`);
  const blocking = items(audits, 'render-blocking-resources').map((i) => `${short(i.url)} ${Math.round(Number(i.wastedMs))} ms`);
  if (blocking.length) out.push(`render-blocking: ${blocking.join('; ')}`);
  const unused = items(audits, 'unused-javascript')
    .slice(0, 3)
    .map((i) => `${short(i.url)} ${Math.round(Number(i.wastedBytes) / 1024)} KiB unused`);
  if (unused.length) out.push(`unused JS: ${unused.join('; ')}`);
  return out;
}

function printRow(row: LighthouseRow, note: string): void {
  const pass = row.score >= TARGET[row.form] && row.cls < TARGET.cls && (row.form === 'mobile' || row.tbtMs < TARGET.tbtDesktopMs);
  console.log(
    `${row.path.padEnd(30)}${row.form.padEnd(8)}${String(row.score).padStart(5)} ${Math.round(row.fcpMs).toString().padStart(8)} ${Math.round(row.lcpMs).toString().padStart(8)} ${Math.round(row.tbtMs).toString().padStart(8)} ${row.cls.toFixed(3).padStart(6)} ${Math.round(row.siMs).toString().padStart(7)}  ${pass ? 'PASS' : 'FAIL'}${note ? `  (${note})` : ''}`,
  );
}

export interface LighthouseRow {
  path: string;
  form: 'desktop' | 'mobile';
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  siMs: number;
  pass: boolean;
  causes: string[];
}

export default async function lighthouseBench(): Promise<LighthouseRow[]> {
  if (!hasChromium) {
    console.log('lighthouse: skipped, no Chromium at /usr/bin/chromium (set CHROMIUM_PATH)');
    return [];
  }
  const pages = option('page')?.split(',') ?? [...labs.map((l) => `/labs/${l.id}`), '/lessons/queueing-basics', '/'];
  const forms = (option('form')?.split(',') ?? ['desktop', 'mobile']) as ('desktop' | 'mobile')[];
  const repeat = Math.max(1, Math.floor(Number(option('runs') ?? 1)) || 1);
  const server = await startNext();
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'sdlab-lighthouse-'));
  // a persistent profile directory: Chromium then accepts a debugging port Lighthouse can attach to
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...LAUNCH_ARGS.filter((a) => a !== '--headless'), `--remote-debugging-port=${port}`],
  });
  const rows: LighthouseRow[] = [];
  try {
    // warm the server (the first request of a route reads it from disk)
    for (const p of pages) await fetch(server.baseURL + p).then((r) => r.arrayBuffer());
    console.log(`lighthouse ${forms.join(' + ')}, throttling "simulate" (desktop: RTT 40 ms, 10 Mbps, CPU ×1; mobile: RTT 150 ms, 1.6 Mbps, CPU ×4), ${server.baseURL}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs`);
    console.log('page                          form     perf   FCP ms   LCP ms   TBT ms    CLS   SI ms');
    for (const path of pages)
      for (const form of forms) {
        const runs: { row: LighthouseRow; audits: Record<string, Audit> }[] = [];
        for (let attempt = 0; runs.length < repeat; attempt++) {
          const flags = { port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: ['performance'], throttlingMethod: 'simulate' as const };
          const result = await lighthouse(server.baseURL + path, flags, form === 'desktop' ? desktopConfig : undefined);
          if (!result) throw new Error(`lighthouse returned nothing for ${path}`);
          const lhr = result.lhr;
          if (lhr.runtimeError) {
            // a trace lost on an overloaded machine (NO_NAVSTART, NO_FCP): measure again, twice at most
            if (attempt < repeat + 1) {
              console.log(`    (${path} ${form}: ${lhr.runtimeError.code}, measuring again)`);
              continue;
            }
            throw new Error(`lighthouse ${path} ${form}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          }
          const traceDir = option('trace-dir');
          if (traceDir) {
            // the trace Lighthouse observed (before its ×4 simulation), for bench/lighthouse-tasks.py
            const trace = (result.artifacts as unknown as { Trace?: unknown }).Trace;
            mkdirSync(traceDir, { recursive: true });
            writeFileSync(join(traceDir, `${path.replace(/\W+/g, '_') || 'home'}-${form}-${runs.length + 1}.json`), JSON.stringify(trace));
          }
          const audits = lhr.audits as unknown as Record<string, Audit>;
          const num = (id: string) => audits[id]?.numericValue ?? NaN;
          const row: LighthouseRow = {
            path,
            form,
            score: Math.round((lhr.categories.performance.score ?? 0) * 100),
            fcpMs: num('first-contentful-paint'),
            lcpMs: num('largest-contentful-paint'),
            tbtMs: num('total-blocking-time'),
            cls: num('cumulative-layout-shift'),
            siMs: num('speed-index'),
            pass: false,
            causes: [],
          };
          runs.push({ row, audits });
          if (repeat > 1) printRow(row, `run ${runs.length}, load ${loadavg()[0].toFixed(1)}`);
        }
        // the medians of every figure; the causes are those of the run with the median score
        const median = (pick: (r: LighthouseRow) => number) => {
          const v = runs.map((r) => pick(r.row)).sort((a, b) => a - b);
          return v[Math.floor(v.length / 2)];
        };
        const byScore = [...runs].sort((a, b) => a.row.score - b.row.score)[Math.floor(runs.length / 2)];
        const row: LighthouseRow = {
          path,
          form,
          score: median((r) => r.score),
          fcpMs: median((r) => r.fcpMs),
          lcpMs: median((r) => r.lcpMs),
          tbtMs: median((r) => r.tbtMs),
          cls: median((r) => r.cls),
          siMs: median((r) => r.siMs),
          pass: false,
          causes: [],
        };
        row.pass = row.score >= TARGET[form] && row.cls < TARGET.cls && (form === 'mobile' || row.tbtMs < TARGET.tbtDesktopMs);
        if (!row.pass) row.causes = causes(byScore.audits);
        rows.push(row);
        printRow(row, repeat > 1 ? `median of ${repeat}` : '');
        for (const c of row.causes) console.log(`    ${c}`);
      }
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
  const failed = rows.filter((r) => !r.pass);
  console.log(`lighthouse targets (perf ≥ ${TARGET.desktop} desktop / ≥ ${TARGET.mobile} mobile, CLS < ${TARGET.cls}, TBT < ${TARGET.tbtDesktopMs} ms desktop): ${rows.length - failed.length} of ${rows.length} pass`);
  return rows;
}
