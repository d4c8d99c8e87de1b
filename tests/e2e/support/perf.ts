/**
 * Main-thread and memory measurements for the stress benchmark and the "never freeze" browser test,
 * and a driver for the lab shell's controls.
 *
 * - Long tasks: a `PerformanceObserver({ type: 'longtask' })` (every main-thread task over 50 ms,
 *   with its duration) plus a requestAnimationFrame gap monitor (frame-to-frame intervals), both
 *   installed before any page script by `page.addInitScript` (PERF_INIT).
 * - JS heap: CDP `Runtime.getHeapUsage` (V8's used heap, exact, not the quantized
 *   `performance.memory`) of the page's main isolate AND of every dedicated worker (the lab's runs
 *   live in Web Workers, whose heap `performance.memory` never shows). Workers are reached through
 *   the page's CDP session (`Target.setAutoAttach`, non-flattened, messages sent with
 *   `Target.sendMessageToTarget`), sampled every 250 ms; the peak of main + workers is reported.
 */
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, openGuardedPage, waitHydrated, type GuardedPage, type Session } from './browser';

/**
 * Installed in every page before its scripts run: long tasks and animation-frame timestamps. Plain
 * JavaScript text (a function would be serialized with the TypeScript loader's helpers in it).
 */
export const PERF_INIT = `(() => {
  if (window.__stress) return;
  const s = (window.__stress = { tasks: [], frames: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) s.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const tick = (t) => {
    s.frames.push(t);
    if (s.frames.length > 200000) s.frames.splice(0, 100000);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** `promise`, or `fallback` after `ms` (calls into a crashed renderer may never answer). */
export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(fallback);
      },
    );
  });
}

export interface StressBrowser {
  browser: Browser;
  session: Session;
  close(): Promise<void>;
}

/** Chromium (Debian's, as the browser tests use) with a fresh non-persistent context at 1280×720. */
export async function launchStress(viewport = { width: 1280, height: 720 }): Promise<StressBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  await context.addInitScript({ content: PERF_INIT });
  const session: Session = { context, close: () => context.close() };
  return {
    browser,
    session,
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}

export interface Window {
  /** longest main-thread task that started in the window (0: none over 50 ms) */
  longestTaskMs: number;
  tasksOver100: number;
  /** longest interval between two animation frames in the window */
  maxFrameGapMs: number;
  medianFrameMs: number;
  p95FrameMs: number;
  frames: number;
  wallMs: number;
}

export async function pageNow(page: Page): Promise<number> {
  return within(page.evaluate(() => performance.now()), 5000, NaN);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

/** What happened on the main thread between two `pageNow` marks. */
export async function measureWindow(page: Page, from: number, to: number): Promise<Window> {
  // long-task entries arrive a moment after the task ends
  await page.waitForTimeout(120);
  const empty = { tasks: [] as number[], frames: [] as number[] };
  const { tasks, frames } = await within(page.evaluate(
    ([a, b]) => {
      const s = (window as unknown as { __stress: { tasks: [number, number][]; frames: number[] } }).__stress;
      return {
        tasks: s.tasks.filter(([start, d]) => start + d >= a && start <= b).map(([, d]) => d),
        frames: s.frames.filter((t) => t >= a && t <= b),
      };
    },
    [from, to] as const,
  ), 5000, empty);
  const gaps = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((x, y) => x - y);
  return {
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
    tasksOver100: tasks.filter((d) => d > 100).length,
    maxFrameGapMs: gaps.length ? gaps[gaps.length - 1] : to - from,
    medianFrameMs: quantile(gaps, 0.5),
    p95FrameMs: quantile(gaps, 0.95),
    frames: frames.length,
    wallMs: to - from,
  };
}

/** Run `action` and measure the main thread while it runs. */
export async function measured<T>(page: Page, action: () => Promise<T>): Promise<{ value: T; window: Window }> {
  const from = await pageNow(page);
  const value = await action();
  const to = await pageNow(page);
  return { value, window: await measureWindow(page, from, to) };
}

/**
 * The page's main-thread tasks from a Chromium trace (category "toplevel": every task the renderer's
 * main thread runs, ThreadControllerImpl::RunTask, with its wall duration `dur` and its thread CPU
 * time `tdur`). The renderer main thread is the CrRendererMain that ran the most. A task's wall time
 * includes the time the OS kept the thread off a core; its CPU time is the work the page did. On a
 * machine shared with other builds the two differ several-fold (a 442 ms wall task was 63 ms of CPU
 * on a 2-core machine at load average 20): CPU time measures the lab's code, wall time the machine.
 */
export interface MainThreadTasks {
  /** longest task, wall ms (what PerformanceObserver 'longtask' reports) */
  longestWallMs: number;
  /** longest task, thread CPU ms */
  longestCpuMs: number;
  /** tasks over 100 ms of CPU */
  cpuOver100: number;
  tasks: number;
}

const TRACE_CATEGORIES = ['toplevel'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export function mainThreadTasksOf(events: TraceEvent[]): MainThreadTasks {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  let busiest: TraceEvent[] = [];
  let most = -1;
  for (const list of byThread.values()) {
    const cpu = list.reduce((a, e) => a + (e.tdur ?? 0), 0);
    if (cpu > most) {
      most = cpu;
      busiest = list;
    }
  }
  let longestWallMs = 0;
  let longestCpuMs = 0;
  let cpuOver100 = 0;
  for (const e of busiest) {
    longestWallMs = Math.max(longestWallMs, (e.dur ?? 0) / 1000);
    longestCpuMs = Math.max(longestCpuMs, (e.tdur ?? 0) / 1000);
    if ((e.tdur ?? 0) > 100_000) cpuOver100++;
  }
  return { longestWallMs, longestCpuMs, cpuOver100, tasks: busiest.length };
}

/** Run `action` with Chromium tracing on; the page's main-thread tasks meanwhile. */
export async function traced<T>(browser: Browser, action: () => Promise<T>): Promise<{ value: T; tasks: MainThreadTasks | null }> {
  let tracing = false;
  try {
    await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
    tracing = true;
  } catch {
    // another trace is running (or the browser is gone): measure without
  }
  const value = await action();
  if (!tracing) return { value, tasks: null };
  const buffer = await within(browser.stopTracing(), 30_000, null);
  if (!buffer) return { value, tasks: null };
  const parsed = JSON.parse(buffer.toString()) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return { value, tasks: mainThreadTasksOf(Array.isArray(parsed) ? parsed : parsed.traceEvents) };
}

export interface HeapPeak {
  mainBytes: number;
  workerBytes: number;
  /** the largest main + workers at one sample */
  totalBytes: number;
  samples: number;
  workersSeen: number;
}

/** Samples the V8 heap of the page and of its dedicated workers every `everyMs` (CDP). */
export class HeapMonitor {
  private workers = new Map<string, number>();
  private pending = new Map<number, (used: number | null) => void>();
  private nextId = 1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  private seen = new Set<string>();
  peak: HeapPeak = { mainBytes: 0, workerBytes: 0, totalBytes: 0, samples: 0, workersSeen: 0 };

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page, everyMs = 250): Promise<HeapMonitor> {
    const cdp = await page.context().newCDPSession(page);
    const m = new HeapMonitor(cdp);
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') {
        m.workers.set(e.sessionId, 0);
        m.seen.add(e.targetInfo.targetId);
      }
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId) m.workers.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const msg = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
      if (msg.id === undefined) return;
      const done = m.pending.get(msg.id);
      if (done) {
        m.pending.delete(msg.id);
        done(msg.result?.usedSize ?? null);
      }
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    m.timer = setInterval(() => void m.sample(), everyMs);
    return m;
  }

  private workerHeap(sessionId: string): Promise<number | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      // a worker busy in one long task answers after it; keep its last value meanwhile
      const t = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, 2000);
      this.pending.set(id, (v) => {
        clearTimeout(t);
        resolve(v);
      });
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => {
        clearTimeout(t);
        this.pending.delete(id);
        resolve(null);
      });
    });
  }

  async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const usage = await within(this.cdp.send('Runtime.getHeapUsage'), 2000, null);
      if (!usage) return;
      const main = usage.usedSize;
      let workers = 0;
      for (const sessionId of [...this.workers.keys()]) {
        const used = await this.workerHeap(sessionId);
        if (used !== null) this.workers.set(sessionId, used);
        workers += this.workers.get(sessionId) ?? 0;
      }
      const p = this.peak;
      p.mainBytes = Math.max(p.mainBytes, main);
      p.workerBytes = Math.max(p.workerBytes, workers);
      p.totalBytes = Math.max(p.totalBytes, main + workers);
      p.samples++;
      p.workersSeen = this.seen.size;
    } catch {
      // the page is navigating or gone (a crash is reported by the page's own events)
    } finally {
      this.busy = false;
    }
  }

  /** Forget the peak (e.g. between scenarios on one page). */
  resetPeak(): void {
    this.peak = { mainBytes: 0, workerBytes: 0, totalBytes: 0, samples: 0, workersSeen: this.seen.size };
  }

  async stop(): Promise<HeapPeak> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await within(this.sample(), 3000, undefined);
    await within(this.cdp.detach(), 2000, undefined);
    return this.peak;
  }
}

export const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** A lab page: opened through a link, driven through the shell's controls. */
export class LabDriver {
  crashed: string | null = null;
  constructor(
    readonly guarded: GuardedPage,
    readonly labId: string,
  ) {
    guarded.page.on('crash', () => (this.crashed = 'the page crashed ("Target crashed")'));
  }
  get page(): Page {
    return this.guarded.page;
  }
  static async open(session: Session): Promise<{ driver: (labId: string) => LabDriver; guarded: GuardedPage }> {
    const guarded = await openGuardedPage(session);
    return { guarded, driver: (labId) => new LabDriver(guarded, labId) };
  }
  private get shell() {
    return this.page.locator('[data-testid="lab-shell"]').first();
  }
  async attr(name: string): Promise<string | null> {
    if (this.crashed) throw new Error(this.crashed);
    return this.shell.getAttribute(name, { timeout: 10_000 });
  }
  async state(): Promise<string> {
    return (await this.attr('data-player-state')) ?? '';
  }
  async virtualTime(): Promise<number> {
    return Number(await this.attr('data-virtual-time'));
  }
  /** Problems that mean the run did not go: a crash, a page error, the run's own error banner. */
  async failures(): Promise<string[]> {
    const out = [...this.guarded.problems];
    if (this.crashed) out.push(this.crashed);
    else {
      const banner = this.page.locator('[data-testid="run-error"]');
      const text = await within(banner.count().then(async (n) => (n ? await banner.first().textContent() : null)), 5000, null);
      if (text) out.push(`run error: ${text}`);
    }
    return out;
  }

  async goto(baseURL: string, query: string): Promise<void> {
    await this.page.goto(`${baseURL}/labs/${this.labId}?${query}`, { timeout: 60_000 });
    await waitHydrated(this.page, 'lab-shell');
    await this.waitReady();
  }
  /** The link was refused (the shell fell back and says why), or empty when it opened as given. */
  async linkErrors(): Promise<string[]> {
    const banner = this.page.locator('[data-testid="param-errors"] li');
    return banner.allTextContents();
  }
  async waitReady(timeoutMs = 60_000): Promise<number> {
    const t0 = Date.now();
    await this.until('the run to be ready', async () => (await this.attr('data-run-ready')) === 'true', timeoutMs);
    return Date.now() - t0;
  }
  async until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.crashed) throw new Error(this.crashed);
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
  /** The fastest speed the slider offers (End on the speed slider). */
  async topSpeed(): Promise<number> {
    const slider = this.page.locator('[data-testid="speed-slider"]').first();
    await slider.focus();
    await this.page.keyboard.press('End');
    await this.until('the top speed', async () => Number(await this.attr('data-speed')) >= 1000, 5000);
    return Number(await this.attr('data-speed'));
  }
  async play(): Promise<void> {
    const s = await this.state();
    if (s === 'playing') return;
    await this.page.locator('[data-testid="play-toggle"]').first().click();
    await this.until('play', async () => ['playing', 'ended'].includes(await this.state()), 10_000);
  }
  async pause(): Promise<void> {
    if ((await this.state()) === 'playing') await this.page.locator('[data-testid="play-toggle"]').first().click();
  }
  /** Play for `ms` of wall time; a run that ends is replayed, so the loop is busy the whole time. */
  async playFor(ms: number): Promise<number> {
    await this.play();
    let replays = 0;
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      if (this.crashed) throw new Error(this.crashed);
      if ((await this.state()) === 'ended' && Date.now() < deadline - 300) {
        await this.page.locator('[data-testid="play-toggle"]').first().click();
        replays++;
      }
    }
    await this.pause();
    return replays;
  }
  private scrubber() {
    return this.page.locator('[data-testid="time-scrubber"]').first();
  }
  /** Wait until a seek toward the scrubber's value arrived (or ended early); false on timeout. */
  async waitSeek(fraction: number, timeoutMs: number): Promise<{ arrived: boolean; targetMs: number; reachedMs: number; ms: number }> {
    const t0 = Date.now();
    // the slider shows the run's time while it replays, so the target is where it was released
    // (the thumb's geometry puts a click a little off the exact fraction: 5 % of slack; a click at
    // 50 % once landed at 47.0 % and, with 2 %, an arrived seek was waited for until the timeout)
    const max = Number(await this.scrubber().getAttribute('max'));
    const target = Math.max(0, fraction >= 1 ? max : (fraction - 0.05) * max);
    await new Promise((r) => setTimeout(r, 150));
    let arrived = true;
    try {
      await this.until(
        `the seek to ${target} ms`,
        async () => {
          const s = await this.state();
          return s !== 'seeking' && (s === 'ended' || (await this.virtualTime()) >= target - 1);
        },
        timeoutMs,
      );
    } catch (e) {
      if (this.crashed) throw e;
      arrived = false;
    }
    return { arrived, targetMs: target, reachedMs: await this.virtualTime(), ms: Date.now() - t0 };
  }
  /** Click the time slider at a fraction of its width. */
  async seekClick(fraction: number, timeoutMs: number) {
    const box = (await this.scrubber().boundingBox())!;
    await this.page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
    return this.waitSeek(fraction, timeoutMs);
  }
  /** Drag the time slider's thumb from one fraction of its width to another. */
  async seekDrag(from: number, to: number, timeoutMs: number) {
    const box = (await this.scrubber().boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    for (let i = 1; i <= 8; i++) await this.page.mouse.move(box.x + box.width * (from + ((to - from) * i) / 8), y);
    await this.page.mouse.up();
    return this.waitSeek(to, timeoutMs);
  }
  /** End on the focused time slider: seek to the horizon. */
  async seekEnd(timeoutMs: number) {
    await this.scrubber().focus();
    await this.page.keyboard.press('End');
    return this.waitSeek(1, timeoutMs);
  }
  /** Stop a replay still running (the transport's button reads "Stop replay" then). */
  async stopSeek(): Promise<void> {
    if ((await this.state()) === 'seeking') await this.page.locator('[data-testid="play-toggle"]').first().click();
  }
  async step(times: number): Promise<number> {
    const button = this.page.locator('[data-testid="step"]').first();
    let done = 0;
    for (let i = 0; i < times; i++) {
      if (await button.isDisabled()) break;
      const before = Number(await this.attr('data-event-count'));
      await button.click();
      await this.until('a step', async () => Number(await this.attr('data-event-count')) !== before || (await this.state()) === 'ended', 10_000).catch(() => false);
      done++;
    }
    return done;
  }
  /** Type a new value into a parameter's field and press Enter (a commit); wait for the new run. */
  async edit(key: string, value: unknown): Promise<void> {
    const field = this.page.locator(`[data-testid="param-${key}"]`).first();
    if (!(await field.isVisible())) {
      const advanced = this.page.locator('[data-testid="advanced-params"]').first();
      if (await advanced.count()) await advanced.locator('summary').click();
    }
    await field.scrollIntoViewIfNeeded();
    const tag = await field.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await field.selectOption(String(value));
    else {
      await field.fill(String(value));
      await field.press('Enter');
    }
    await this.until('the edit to apply', async () => (await this.attr('data-run-ready')) === 'true', 60_000);
  }
  async choosePreset(id: string): Promise<void> {
    await this.page.locator('[data-testid="preset-select"]').first().selectOption(id);
    await this.until(`preset ${id}`, async () => (await this.attr('data-preset')) === id && (await this.attr('data-run-ready')) === 'true', 60_000);
  }
}

/** A value a little lighter than `value` for a number param (an edit that still changes the run). */
export function editedValue(spec: { type: string; min?: number; max?: number; integer?: boolean }, value: unknown): unknown {
  if (spec.type !== 'number' || typeof value !== 'number') return value;
  let v = value * 0.9;
  if (spec.integer) v = Math.round(v) === value ? value - 1 : Math.round(v);
  else v = Number(v.toPrecision(4));
  if (v < spec.min! || v === value) v = Math.min(spec.max!, value + (spec.integer ? 1 : value * 0.1 || 1));
  return v;
}
