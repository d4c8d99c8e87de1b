/**
 * ABR tournament benchmark (issue 12): the seven built-ins + 1 learner entrant (a code-lab template,
 * `--learner=<id>`, default dynamic, compiled with esbuild and raced in QuickJS through the same
 * `sandbox` entrant kind the view's worker resolves) over the 142 Norway 3G traces,
 *
 *   1. in Node, in this process (the baseline, same code, same run);
 *   2. in Chromium, OFF the main thread: the view's own worker script
 *      (components/labs/abr/parts/tournament/tournament.worker.ts, bundled by esbuild), a fresh worker
 *      per run as the view does, fetching the trace set from a loopback server; wall time from
 *      postMessage to the result on the page, including worker start-up and the fetch;
 *   3. with `--app` and a production build: the lab page itself (7 built-ins, the panel's Run button),
 *      the wall time the panel reports.
 *
 * Target: 7 + 1 entrants × 142 traces under 5 s in Chromium. Realistic mode (the lab's default) and
 * reference mode. Median of --runs (default 3). The report prints PASS/FAIL; a missed target does not
 * throw (it is a measurement).
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { defaults } from '../simulations/core/params';
import { setAssetReader } from '../simulations/core/assets';
import { nodeAssetReader } from '../scripts/sim/public-assets';
import { abrLab, builtInEntrants, runTournament, tournamentSetup, tournamentTraces, YOURS, type AbrParams } from '../simulations/abr';
import { ABR_TEMPLATES } from '../code-lab/abr/generated';
import { compileTypeScript } from '../code-lab/sandbox/compileNode';
import { sandboxEntrant } from '../code-lab/abr/tournamentEntrant';
import { quickJsWasmPath } from '../code-lab/sandbox/nodeRequire';
import type { EntrantSpec, TournamentReply, TournamentRequest } from '../components/labs/abr/parts/tournament/protocol';
import { hasChromium, launch } from '../tests/e2e/support/browser';
import { startNext } from '../tests/e2e/support/next-server';

const TARGET_MS = 5000;
const SET = 'norway-3g' as const;

function learnerSpec(): EntrantSpec {
  const id = option('learner') ?? 'dynamic';
  const template = ABR_TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`--learner: no template ${id}; known: ${ABR_TEMPLATES.map((t) => t.id).join(', ')}`);
  return { kind: 'sandbox', id: YOURS, label: `your code (the ${id} template)`, payload: { program: compileTypeScript(template.source, `${id}.ts`) } };
}

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!arg) return undefined;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : 'true';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function nodeRun(params: AbrParams, extra: EntrantSpec): Promise<{ ms: number; scores: number }> {
  const t0 = performance.now();
  const learner = await sandboxEntrant(extra.id, extra.label, extra.payload, 1);
  const entrants = [...builtInEntrants(params), learner];
  const scores = runTournament(tournamentSetup(params, 1), entrants, tournamentTraces(SET));
  learner.dispose();
  return { ms: performance.now() - t0, scores: scores.length };
}

async function serveWorker(): Promise<{ server: Server; origin: string }> {
  const bundle = await build({
    entryPoints: ['components/labs/abr/parts/tournament/tournament.worker.ts'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const worker = bundle.outputFiles[0].text;
  const page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tournament bench</title></head><body></body></html>';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (url.pathname === '/worker.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(worker);
    // QuickJS's wasm, next to the worker script (the glue locates it from the script's URL)
    if (url.pathname.endsWith('.wasm')) return res.writeHead(200, { 'content-type': 'application/wasm' }).end(readFileSync(quickJsWasmPath()));
    const m = /^\/traces\/([\w-]+\.traces)$/.exec(url.pathname);
    if (m) return res.writeHead(200, { 'content-type': 'text/plain' }).end(readFileSync(path.join('public/traces', m[1])));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

async function chromiumRuns(params: AbrParams, runs: number, extra: EntrantSpec): Promise<{ wall: number[]; simulate: number[]; scores: number }> {
  const { server, origin } = await serveWorker();
  const session = await launch();
  try {
    const page = await session.context.newPage();
    await page.goto(origin);
    const wall: number[] = [];
    const simulate: number[] = [];
    let scores = 0;
    for (let r = 0; r < runs; r++) {
      const request: TournamentRequest = { type: 'run', runId: r + 1, sets: [SET], params, seed: 1, extras: [extra] };
      const out = await page.evaluate(
        (req) =>
          new Promise<{ wallMs: number; reply: TournamentReply }>((resolve) => {
            const t0 = performance.now();
            const w = new Worker('/worker.js', { type: 'module' });
            w.onmessage = (e: MessageEvent<TournamentReply>) => {
              if (e.data.type === 'progress') return;
              const wallMs = performance.now() - t0;
              w.terminate();
              resolve({ wallMs, reply: e.data });
            };
            w.postMessage(req);
          }),
        request,
      );
      if (out.reply.type !== 'done') throw new Error(`tournament in Chromium failed: ${out.reply.type === 'error' ? out.reply.message : out.reply.type}`);
      wall.push(out.wallMs);
      simulate.push(out.reply.simulateMs);
      scores = out.reply.scores.length;
    }
    return { wall, simulate, scores };
  } finally {
    await session.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The lab page: select only the Norway set, press Run, read the wall time the panel reports. */
async function appRuns(runs: number): Promise<number[]> {
  const next = await startNext();
  const session = await launch({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await session.context.newPage();
    await page.goto(`${next.baseURL}/labs/abr`);
    await page.locator('[data-testid="abr-tournament-run"]').waitFor();
    const out: number[] = [];
    for (let r = 0; r < runs; r++) {
      await page.locator('[data-testid="abr-tournament-run"]').click();
      const results = page.locator('[data-testid="abr-tournament-results"]');
      await page.locator('[data-testid="abr-tournament"][data-status="done"]').waitFor({ timeout: 60_000 });
      out.push(Number(await results.getAttribute('data-wall-ms')));
    }
    return out;
  } finally {
    await session.close();
    await next.stop();
  }
}

export default async function bench(): Promise<void> {
  setAssetReader(nodeAssetReader());
  const runs = Number(option('runs') ?? 3);
  const traces = tournamentTraces(SET).length;
  const extra = learnerSpec();
  console.log(`abr tournament: 7 built-ins + 1 learner (${extra.label}, QuickJS) × ${traces} ${SET} traces = ${8 * traces} sessions; median of ${runs} runs`);
  for (const mode of ['realistic', 'reference'] as const) {
    const params = { ...(defaults(abrLab.schema) as AbrParams), mode };
    await nodeRun(params, extra); // warm-up (JIT)
    const node: { ms: number; scores: number }[] = [];
    for (let r = 0; r < runs; r++) node.push(await nodeRun(params, extra));
    const nodeMs = median(node.map((n) => n.ms));
    let line = `  ${mode.padEnd(9)} Node ${nodeMs.toFixed(0)} ms`;
    if (hasChromium) {
      const c = await chromiumRuns(params, runs, extra);
      if (c.scores !== node[0].scores) throw new Error(`Chromium produced ${c.scores} scores, Node ${node[0].scores}`);
      const wall = median(c.wall);
      line += `; Chromium worker ${wall.toFixed(0)} ms wall (simulating ${median(c.simulate).toFixed(0)} ms), ${(wall / nodeMs).toFixed(2)}× Node [target < ${TARGET_MS} ms: ${wall < TARGET_MS ? 'PASS' : 'FAIL'}]`;
    } else line += '; Chromium: skipped (no /usr/bin/chromium)';
    console.log(line);
  }
  if (option('app') && hasChromium) {
    const app = await appRuns(runs);
    console.log(`  lab page (7 built-ins × ${traces}, realistic, the panel's Run): ${median(app).toFixed(0)} ms wall [target < ${TARGET_MS} ms: ${median(app) < TARGET_MS ? 'PASS' : 'FAIL'}]`);
  }
}
