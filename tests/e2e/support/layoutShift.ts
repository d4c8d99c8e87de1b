/**
 * Layout shifts (CLS) of a page, as Chromium reports them: a `PerformanceObserver({ type:
 * 'layout-shift', buffered: true })` installed before any page script (`page.addInitScript`), which
 * keeps every shift with the elements that moved (their selector-ish name and their rectangles
 * before and after). Shifts within 500 ms of user input (`hadRecentInput`) do not count, as in CLS.
 */
import type { Page } from 'playwright-core';

export const LAYOUT_SHIFT_INIT = `(() => {
  if (window.__shifts) return;
  const shifts = (window.__shifts = []);
  const name = (node) => {
    if (!node || node.nodeType !== 1) return node ? '#text' : '?';
    const id = node.getAttribute('data-testid');
    const cls = typeof node.className === 'string' && node.className ? '.' + node.className.trim().split(/\\s+/)[0] : '';
    return node.tagName.toLowerCase() + (id ? '[data-testid=' + id + ']' : cls);
  };
  const box = (r) => [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(',');
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        shifts.push({
          t: Math.round(e.startTime),
          value: e.value,
          sources: (e.sources || []).map((s) => name(s.node) + ' ' + box(s.previousRect) + ' -> ' + box(s.currentRect)),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
})();`;

export interface LayoutShift {
  /** ms since navigation start */
  t: number;
  value: number;
  /** "element x,y,w,h -> x,y,w,h" for each element that moved */
  sources: string[];
}

export async function layoutShifts(page: Page): Promise<LayoutShift[]> {
  return page.evaluate(() => (window as unknown as { __shifts?: LayoutShift[] }).__shifts ?? []);
}

/**
 * Cumulative layout shift as Lighthouse and CrUX define it: the largest session window (shifts less
 * than 1 s apart, a window at most 5 s long).
 */
export function cumulativeLayoutShift(shifts: readonly LayoutShift[]): number {
  let worst = 0;
  let sum = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const s of [...shifts].sort((a, b) => a.t - b.t)) {
    if (s.t - last >= 1000 || s.t - start >= 5000) {
      sum = 0;
      start = s.t;
    }
    sum += s.value;
    last = s.t;
    worst = Math.max(worst, sum);
  }
  return worst;
}

/**
 * Largest-contentful-paint candidates, kept from before any page script: `window.__lcp` holds each
 * entry's time, size and element (the element may later leave the page, as the placeholder does).
 */
export const LCP_INIT = `(() => {
  if (window.__lcp) return;
  const entries = (window.__lcp = []);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) entries.push({ t: Math.round(e.startTime), size: e.size, element: e.element });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
})();`;

/**
 * The page's largest contentful paint when it came from inside `selector` (a part of the page that
 * JavaScript rendered), or null when it came from elsewhere (e.g. the server-rendered placeholder
 * the shell replaced).
 */
export async function lcpInside(page: Page, selector: string): Promise<{ t: number; size: number; element: string } | null> {
  return page.evaluate((inside) => {
    const entries = (window as unknown as { __lcp?: { t: number; size: number; element: Element | null }[] }).__lcp ?? [];
    const last = entries.at(-1);
    const el = last?.element;
    if (!last || !el || !el.isConnected || !el.closest(inside)) return null;
    return { t: last.t, size: last.size, element: `${el.tagName.toLowerCase()}.${String(el.className).split(/\s+/)[0]}` };
  }, selector);
}
