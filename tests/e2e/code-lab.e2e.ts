/**
 * The code lab in Chromium (code-lab.md §6): the panel opens offline and clean, type errors squiggle
 * and disable Run, the learner's code cannot reach the page's world, runaway code is stopped while
 * the page stays responsive, a memory bomb is ended by the watchdog and the next run works, runs are
 * deterministic (two runs, a reload, and Node), and a link round-trips the code and the race.
 * The Kafka partitioner and chat backoff panels: a template raced in the page equals Node's race of
 * the same code and seed, and a link round-trips the code.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, waitHydrated } from './support/browser';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { loadQuickJs } from '@/code-lab/sandbox/quickjs';
import { recordRace } from '@/code-lab/abr/race';
import { abrLab, type AbrParams } from '@/simulations/abr';
import { validate } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';
import { runFromQuery } from '@/components/lab-shell/link';
import { kafkaLab, type KafkaParams } from '@/simulations/kafka';
import { chatLab, type ChatParams } from '@/simulations/chat';
import { KAFKA_TEMPLATES } from '@/code-lab/kafka/generated';
import { CHAT_TEMPLATES } from '@/code-lab/chat/generated';
import { racePartitioners } from '@/code-lab/kafka/race';
import { raceBackoffPolicies } from '@/code-lab/chat/race';

const HEADER = `import type { Algorithm, AlgorithmEnv, Decision, DecisionInput, ChunkObservation } from './abr';\n`;
const algorithm = (decideBody: string, extra = '') => `${HEADER}${extra}
export function createAlgorithm(env: AlgorithmEnv): Algorithm {
  const samples: number[] = [];
  return {
    startVideo() {},
    observe(obs: ChunkObservation) {
      samples.push((obs.bytes * 8) / obs.delayMs);
    },
    decide(input: DecisionInput): Decision {
${decideBody}
    },
  };
}
`;

/** uses Math.random: the seed must reach the sandbox for runs to agree */
const RANDOM_RATE = algorithm(`      const last = samples.length ? samples[samples.length - 1] : env.defaultEstimateKbps;
      const jitter = 0.7 + 0.3 * Math.random();
      let quality = 0;
      for (let q = 0; q < env.video.bitratesKbps.length; q++) if (env.video.bitratesKbps[q] <= jitter * last) quality = q;
      return { quality, estimateKbps: last };`);

const panelState = (page: Page) =>
  readAttributes(page, {
    edits: ['[data-testid="code-panel"]', 'data-edits'],
    races: ['[data-testid="code-panel"]', 'data-races'],
    diagnostics: ['[data-testid="code-panel"]', 'data-diagnostics'],
    status: ['[data-testid="code-panel"]', 'data-status'],
  });

async function loadCode(page: Page, code: string, name = 'mine.ts'): Promise<void> {
  const before = Number((await panelState(page)).edits);
  await page.locator('[data-testid="code-panel"] input[type="file"]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(code) });
  await expect
    .poll(async () => {
      const s = await panelState(page);
      return Number(s.edits) > before && s.diagnostics !== 'pending';
    }, { timeout: 15_000 })
    .toBe(true);
}

async function openPanel(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, 'lab-shell');
  await page.locator('[data-testid="abr-view"]').waitFor();
  // a link with #code= opens the panel by itself
  if (!url.includes('#code=')) await page.locator('[data-testid="code-toggle"]').click();
  await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 30_000 });
  await expect.poll(async () => page.locator('[data-testid="code-panel"]').getAttribute('data-diagnostics'), { timeout: 20_000 }).toBe('0');
}

async function run(page: Page): Promise<string> {
  const before = Number((await panelState(page)).races);
  await page.locator('[data-testid="code-run"]').click();
  await expect.poll(async () => Number((await panelState(page)).races), { timeout: 20_000 }).toBeGreaterThan(before);
  return (await panelState(page)).status!;
}

async function runOutcome(page: Page): Promise<string> {
  const status = await run(page);
  return status === 'error' ? `error: ${await page.locator('[data-testid="code-error"]').textContent()}` : status;
}

async function yoursScore(page: Page): Promise<string | null> {
  await expect.poll(async () => page.locator('[data-testid="abr-score-row"][data-slot="p2"]').count(), { timeout: 20_000 }).toBe(1);
  return page.locator('[data-testid="abr-score-row"][data-slot="p2"]').getAttribute('data-qoe');
}

describe.skipIf(!hasChromium)('code lab (ABR)', () => {
  it('opens offline, checks types, contains the code, stops runaway code, and reproduces races', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 1000 } });
    const second = await launch({ viewport: { width: 1280, height: 1000 } });
    const requests: string[] = [];
    session.context.on('request', (r) => requests.push(r.url()));
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await openPanel(page, `${base}/labs/abr?seed=7`);

      // a type error: squiggle, "L:C message", Run disabled
      await loadCode(page, `${HEADER}let q: string = 0;\nexport function createAlgorithm(env: AlgorithmEnv): Algorithm { return { startVideo() {}, observe() {}, decide() { return { quality: 0, estimateKbps: q.length }; } }; }\n`);
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 10_000 });
      expect(await page.locator('[data-testid="code-diagnostics"]').textContent()).toMatch(/2:5 Type 'number' is not assignable to type 'string'/);
      expect(await page.locator('[data-testid="code-run"]').isDisabled()).toBe(true);
      // fetch/document/localStorage are type errors…
      await loadCode(page, algorithm('      return { quality: 0, estimateKbps: null };', 'fetch("/x"); document.cookie; localStorage.length;\n'));
      expect(await page.locator('[data-testid="code-diagnostics"]').textContent()).toMatch(/Cannot find name 'fetch'.*Cannot find name 'document'.*Cannot find name 'localStorage'/s);
      // …and undefined at run time; a dynamic import sends nothing
      await loadCode(
        page,
        algorithm(
          `      // @ts-ignore
      const seen = [typeof fetch, typeof document, typeof localStorage, typeof indexedDB, typeof navigator, typeof setTimeout].filter((t) => t !== 'undefined');
      if (seen.length) throw new Error('reachable: ' + seen.join());
      return { quality: 0, estimateKbps: null };`,
          `// @ts-ignore\nimport('http://127.0.0.1:9/sandbox-escape.js').catch(() => 0);\n`,
        ),
      );
      expect(await runOutcome(page)).toBe('done');
      expect(requests.filter((u) => u.includes('sandbox-escape'))).toEqual([]);

      // {quality: 99} and a throw: messages at the TypeScript line
      await loadCode(page, algorithm('      return { quality: 99, estimateKbps: null };'));
      expect(await run(page)).toBe('error');
      expect(await page.locator('[data-testid="code-error"]').textContent()).toMatch(/algorithm\.ts:10:\d+ decide\(\) for chunk 0 returned quality 99/);
      await loadCode(page, algorithm('      if (input.nextIndex === 3) throw new Error("boom");\n      return { quality: 0, estimateKbps: null };'));
      expect(await run(page)).toBe('error');
      expect(await page.locator('[data-testid="code-error"]').textContent()).toMatch(/algorithm\.ts:11:\d+ decide\(\) threw boom/);

      // while(true): stopped by the tick budget, the same way twice, while a 10 ms timer keeps firing
      await page.evaluate(() => {
        const w = window as unknown as { ticks: number };
        w.ticks = 0;
        setInterval(() => w.ticks++, 10);
      });
      await loadCode(page, algorithm('      while (true) {}'));
      const messages: string[] = [];
      for (let i = 0; i < 2; i++) {
        const t0 = await page.evaluate(() => (window as unknown as { ticks: number }).ticks);
        const started = Date.now();
        expect(await run(page)).toBe('error');
        expect(Date.now() - started).toBeLessThan(3000);
        messages.push((await page.locator('[data-testid="code-error"]').textContent())!);
        const t1 = await page.evaluate(() => (window as unknown as { ticks: number }).ticks);
        expect(t1 - t0).toBeGreaterThan(3);
      }
      expect(messages[0]).toMatch(/CPU budget \(200 ticks per call/);
      expect(messages[1]).toBe(messages[0]);

      // infinite recursion: QuickJS's own stack overflow
      await loadCode(page, algorithm('      const f = (n: number): number => f(n + 1) + 1;\n      return { quality: f(0), estimateKbps: null };'));
      expect(await run(page)).toBe('error');
      expect(await page.locator('[data-testid="code-error"]').textContent()).toMatch(/stack overflow/);

      // a memory bomb ends within 2 s (QuickJS's limit or the watchdog); the next run works
      await loadCode(page, algorithm('      const keep: Float64Array[] = [];\n      for (;;) keep.push(new Float64Array(1 << 20));'));
      const bombAt = Date.now();
      expect(await run(page)).toBe('error');
      expect(Date.now() - bombAt).toBeLessThan(2500);
      expect(await page.locator('[data-testid="code-error"]').textContent()).toMatch(/out of memory|stopped responding/);

      // determinism: Node (esbuild + the same sandbox) first, then two runs in the page must show its QoE
      const params = validate(abrLab.schema, { 'race.third': 'yours' }).params as AbrParams;
      const qjs = await loadQuickJs();
      const outcome = recordRace(qjs, compileTypeScript(RANDOM_RATE, 'algorithm.ts'), params, 7);
      const node = new Runner(abrLab, { ...params, 'yours.record': outcome.record }, 7);
      node.runToEnd();
      const first = (node.result() as { qoe: number }[])[2].qoe.toFixed(3);
      await loadCode(page, RANDOM_RATE);
      expect(await runOutcome(page)).toBe('done');
      await expect.poll(() => yoursScore(page), { timeout: 20_000 }).toBe(first);
      const events = (await readAttributes(page, { n: ['[data-testid="lab-shell"]', 'data-event-count'] })).n;
      expect(await runOutcome(page)).toBe('done');
      await expect.poll(() => yoursScore(page), { timeout: 20_000 }).toBe(first);

      // share: the link carries the code (fragment) and the race (query); a fresh browser shows both
      await page.locator('[data-testid="code-panel"] summary', { hasText: 'Save, load and share' }).click();
      await page.locator('[data-testid="code-share"]').click();
      const link = await page.locator('[data-testid="code-share-url"]').inputValue();
      expect(link).toMatch(/#code=v1\./);
      expectClean();

      const fresh = await openGuardedPage(second);
      await openPanel(fresh.page, link);
      await expect.poll(() => yoursScore(fresh.page), { timeout: 20_000 }).toBe(first);
      expect((await readAttributes(fresh.page, { n: ['[data-testid="lab-shell"]', 'data-event-count'] })).n).toBe(events);
      await expect.poll(async () => fresh.page.locator('[data-testid="code-messages"]').textContent()).toMatch(/Loaded the code from the link/);
      expect(await runOutcome(fresh.page)).toBe('done');
      await expect.poll(() => yoursScore(fresh.page), { timeout: 20_000 }).toBe(first);
      // a reload gives the same race again
      await fresh.page.reload();
      await waitHydrated(fresh.page, 'lab-shell');
      await expect.poll(() => yoursScore(fresh.page), { timeout: 20_000 }).toBe(first);
      // a corrupt link is a message, not a crash
      // (a change of fragment alone does not reload the page: leave it first)
      await fresh.page.goto('about:blank');
      await fresh.page.goto(link.replace(/#code=v1\..*/, '#code=v1.AAAA'));
      await waitHydrated(fresh.page, 'lab-shell');
      await fresh.page.locator('[data-testid="code-error"]').waitFor({ timeout: 30_000 });
      expect(await fresh.page.locator('[data-testid="code-error"]').textContent()).toMatch(/could not be read/);
      fresh.expectClean();
    } finally {
      await session.close();
      await second.close();
    }
  });

  it('races your code in the tournament off the main thread, and opens a trace where it wins or loses as a race', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 1000 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await openPanel(page, `${base}/labs/abr?seed=7`);
      await loadCode(page, RANDOM_RATE);
      expect(await runOutcome(page)).toBe('done');
      const runButton = page.locator('[data-testid="abr-tournament-run"]');
      await expect.poll(async () => runButton.textContent(), { timeout: 10_000 }).toMatch(/Run 8 entrants × 142 traces/);
      await runButton.click();
      await page.locator('[data-testid="abr-tournament"][data-status="done"]').waitFor({ timeout: 60_000 });
      const board = await readAttributes(page, {
        entrants: ['[data-testid="abr-tournament-results"]', 'data-entrants'],
        traces: ['[data-testid="abr-tournament-results"]', 'data-traces'],
        wallMs: ['[data-testid="abr-tournament-results"]', 'data-wall-ms'],
        yours: ['[data-testid="abr-tournament-row"][data-entrant="yours"]', 'data-qoe'],
      });
      expect([board.entrants, board.traces]).toEqual(['8', '142']);
      expect(Number(board.wallMs)).toBeLessThan(15_000);
      expect(Number.isFinite(Number(board.yours))).toBe(true);
      // the comparison starts at your code against rate; a listed trace opens as a race of your code
      expect(await page.locator('[data-testid="abr-tournament-entrant"]').inputValue()).toBe('yours');
      const link = page.locator('[data-testid="abr-tournament-race"]').first();
      const scores = /\(([-\d.]+) vs ([-\d.]+)\)/.exec((await link.locator('xpath=..').textContent())!)!;
      const races = Number((await panelState(page)).races);
      await link.click();
      await expect.poll(async () => Number((await panelState(page)).races), { timeout: 30_000 }).toBeGreaterThan(races);
      expect((await panelState(page)).status).toBe('done');
      // the race replays the tournament's session of that trace: your code as the second player, rate as the first
      await expect.poll(async () => page.locator('[data-testid="abr-score-row"][data-slot="p1"]').getAttribute('data-qoe'), { timeout: 20_000 }).toMatch(/./);
      const rows = await readAttributes(page, {
        rate: ['[data-testid="abr-score-row"][data-slot="p0"]', 'data-qoe'],
        yours: ['[data-testid="abr-score-row"][data-slot="p1"]', 'data-qoe'],
      });
      expect(Number(rows.yours).toFixed(1)).toBe(Number(scores[1]).toFixed(1));
      expect(Number(rows.rate).toFixed(1)).toBe(Number(scores[2]).toFixed(1));
      expectClean();
    } finally {
      await session.close();
    }
  });

  it('works on a 375 px phone with a plain text area', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 375, height: 800 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      await page.goto(`${base}/labs/abr`);
      await waitHydrated(page, 'lab-shell');
      await page.locator('[data-testid="code-toggle"]').click();
      await page.locator('[data-testid="code-textarea"]').waitFor({ timeout: 30_000 });
      await expect.poll(async () => page.locator('[data-testid="code-panel"]').getAttribute('data-diagnostics'), { timeout: 20_000 }).toBe('0');
      expect(await runOutcome(page)).toBe('done');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expectClean();
    } finally {
      await session.close();
    }
  });
});

type RaceRows = Record<string, string>[];

/** The race table as data: one object per row (entrant and the row's values). */
async function raceRows(page: Page): Promise<RaceRows> {
  return page.locator('[data-testid="code-race-row"]').evaluateAll((rows) => rows.map((r) => Object.fromEntries(Object.entries((r as HTMLElement).dataset).filter(([k]) => k !== 'testid')) as Record<string, string>));
}

interface OtherTarget {
  lab: 'kafka' | 'chat';
  /** the lab page's query: a preset, made smaller so the race takes seconds */
  query: string;
  template: string;
  /** Node's race of the same code on the same params and seed, as the table's rows (with each run's event-log hash) */
  nodeRows(source: string, query: string): Promise<RaceRows>;
}

const TARGETS: OtherTarget[] = [
  {
    lab: 'kafka',
    query: 'preset=slow-broker-adaptive-partitioner&workload.recordsPerSecond=10000&workload.durationMs=3000&seed=3',
    template: 'adaptive',
    async nodeRows(source, query) {
      const run = runFromQuery(kafkaLab, query);
      const race = racePartitioners(await loadQuickJs(), compileTypeScript(source, 'partitioner.ts'), run.params as KafkaParams, run.seed);
      return race.rows.map((r): Record<string, string> => (r.result ? { entrant: r.partitioner, acked: String(r.result.acked), p99: String(r.result.ackLatencyMs.p99), log: r.eventLogHash! } : { entrant: r.partitioner }));
    },
  },
  {
    lab: 'chat',
    query: 'preset=restart-storm-full-jitter&users=20000&durationMs=60000&seed=11',
    template: 'decorrelated-jitter',
    async nodeRows(source, query) {
      const run = runFromQuery(chatLab, query);
      const race = raceBackoffPolicies(await loadQuickJs(), compileTypeScript(source, 'backoff.ts'), run.params as ChatParams, run.seed);
      return race.rows.map((r) => ({ entrant: r.policy, recover: String(r.result.reconnect.recoverMs), attempts: String(r.result.reconnect.attempts), disconnected: String(r.result.reconnect.stillDisconnected), log: r.eventLogHash }));
    },
  },
];

async function openLabPanel(page: Page, url: string, lab: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, 'lab-shell');
  await page.locator(`[data-testid="${lab}-view"]`).waitFor();
  if (!url.includes('#code=')) await page.locator('[data-testid="code-toggle"]').click();
  await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 30_000 });
  await expect.poll(async () => page.locator('[data-testid="code-panel"]').getAttribute('data-diagnostics'), { timeout: 20_000 }).toBe('0');
}

describe.skipIf(!hasChromium)('code lab (Kafka partitioner, chat backoff policy)', () => {
  for (const target of TARGETS) {
    it(`${target.lab}: a template raced in the page equals Node's race of the same code and seed, and a link round-trips the code`, async () => {
      const base = inject('baseURL');
      const source = (target.lab === 'kafka' ? KAFKA_TEMPLATES : CHAT_TEMPLATES).find((t) => t.id === target.template)!.source;
      const expected = await target.nodeRows(source, target.query);
      expect(expected.length).toBe(target.lab === 'kafka' ? 4 : 7);
      const session = await launch({ viewport: { width: 1280, height: 1000 } });
      try {
        const { page, expectClean } = await openGuardedPage(session);
        await openLabPanel(page, `${base}/labs/${target.lab}?${target.query}`, target.lab);
        expect(await page.locator('[data-testid="code-panel"]').getAttribute('data-lab')).toBe(target.lab);
        const edits = Number((await panelState(page)).edits);
        await page.locator('[data-testid="code-template"]').selectOption(target.template);
        await expect.poll(async () => {
          const s = await panelState(page);
          return Number(s.edits) > edits && s.diagnostics === '0';
        }, { timeout: 15_000 }).toBe(true);
        expect(await runOutcome(page)).toBe('done');
        expect(await raceRows(page)).toEqual(expected);

        await page.locator('[data-testid="code-panel"] summary', { hasText: 'Save, load and share' }).click();
        await page.locator('[data-testid="code-share"]').click();
        const link = await page.locator('[data-testid="code-share-url"]').inputValue();
        expect(link).toMatch(new RegExp(`/labs/${target.lab}\\?.*#code=v1\\.`));
        expectClean();

        const fresh = await openGuardedPage(session);
        await openLabPanel(fresh.page, link, target.lab);
        await expect.poll(async () => fresh.page.locator('[data-testid="code-messages"]').textContent(), { timeout: 10_000 }).toMatch(/Loaded the code from the link/);
        expect(await runOutcome(fresh.page)).toBe('done');
        expect(await raceRows(fresh.page)).toEqual(expected);
        fresh.expectClean();
      } finally {
        await session.close();
      }
    });
  }
});
