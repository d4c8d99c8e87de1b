/**
 * playwright-core driving Debian's Chromium. Every page opened through `openGuardedPage` records
 * console errors, page errors, failed requests, HTTP errors and any request to a host
 * other than 127.0.0.1/localhost; `expectClean()` fails the test if anything was recorded.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // LOUD: Chromium 156's headless mode builds its own browser UI, and per new window it may load the
  // omnibox popup as a WebUI page (chrome://omnibox-popup.top-chrome, ~130 ms of CPU, 0.5–0.7 s wall
  // on 2 busy cores) in a renderer of its own, right while our page loads. It competes with the page
  // for the CPU and inflated every page-load measurement (Lighthouse TBT, long tasks). Seen in a
  // Chromium trace as a "WebUI Top Renderer" process; these four features stop it (3 of 3 launches).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI',
];

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser profile (empty localStorage, no cookies). */
export async function launch(options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'sdlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface GuardedPage {
  page: Page;
  problems: string[];
  expectClean(): void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function openGuardedPage(session: Session): Promise<GuardedPage> {
  const page = await session.context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    // Warnings are reported, not failed on: Chromium warns on its own timing heuristics (e.g. "preloaded
    // but not used within a few seconds" for a lazily loaded lab's CSS), which would make tests flaky.
    else if (msg.type() === 'warning') console.warn(`[browser warning] ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!LOOPBACK.has(url.hostname)) problems.push(`request to non-loopback host: ${req.url()}`);
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? '';
    // Navigations away from a page abort its pending prefetches; those are not failures.
    if (failure.includes('ERR_ABORTED')) return;
    problems.push(`request failed: ${req.url()} ${failure}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    page,
    problems,
    expectClean() {
      if (problems.length) throw new Error(`page problems:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** Wait until the client component marked with this test id has hydrated. */
export async function waitHydrated(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"][data-hydrated="true"]`).first().waitFor({ state: 'attached', timeout: 30_000 });
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Run axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(async () => {
    // @ts-expect-error injected global
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Read several elements' attributes in ONE evaluate: a consistent snapshot of one render.
 * LOUD: reading them with one getAttribute call each lets React render in between (a test once
 * saw the state 'paused' beside the time of the frame before it, and failed 1 run in 10).
 */
export async function readAttributes<K extends string>(page: Page, spec: Record<K, [selector: string, attribute: string]>): Promise<Record<K, string | null>> {
  return page.evaluate((entries) => {
    const out: Record<string, string | null> = {};
    for (const [key, [selector, attribute]] of entries) out[key] = document.querySelector(selector)?.getAttribute(attribute) ?? null;
    return out;
  }, Object.entries(spec) as [string, [string, string]][]) as Promise<Record<K, string | null>>;
}
