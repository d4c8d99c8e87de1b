/**
 * The two live-video labs in a real browser. Conferencing: a shared link at the end of the stand-up
 * shows mesh broken at 8 people (marked in the cost table) and a 1:1 call connected through STUN;
 * played from the start, people join and the clock moves. Live edge: a seeded link at the end of the
 * herd preset shows exactly the origin count Node computes for the same seed (Node = Chromium), and
 * the coalescing preset shows one request per PoP.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launch, openGuardedPage, readAttributes, waitHydrated } from './support/browser';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { liveEdgeLab, type LiveEdgeParams } from '@/simulations/live-edge';
import { conferencingLab, type ConferencingParams } from '@/simulations/conferencing';

const shell = '[data-testid="lab-shell"]';

async function snapshot(page: Page, view: string, attributes: Record<string, string>) {
  const spec: Record<string, [string, string]> = { time: [shell, 'data-virtual-time'], state: [shell, 'data-player-state'], events: [shell, 'data-event-count'] };
  for (const [key, attribute] of Object.entries(attributes)) spec[key] = [view, attribute];
  return readAttributes(page, spec);
}

async function waitUntil(page: Page, view: string, attributes: Record<string, string>, predicate: (s: Record<string, string | null>) => boolean, what: string) {
  const deadline = Date.now() + 45_000;
  let last = await snapshot(page, view, attributes);
  while (Date.now() < deadline) {
    last = await snapshot(page, view, attributes);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(last)}`);
}

describe.skipIf(!hasChromium)('live-video labs', () => {
  it('conferencing: the stand-up link lands on mesh broken at 8; playing from the start, people join', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      const view = '[data-testid="conferencing-view"]';
      const horizon = new Runner(conferencingLab, { ...(defaults(conferencingLab.schema) as ConferencingParams), participants: 12 }, 1).horizonMs;
      await page.goto(`${base}/labs/conferencing?v=1&preset=team-standup&t=${horizon}`);
      await waitHydrated(page, 'lab-shell');
      await waitUntil(page, view, { participants: 'data-participants' }, (s) => Number(s.time) === horizon && s.state !== 'seeking' && s.participants === '12', 'the end of the call');
      await expect.poll(() => page.locator('[data-testid="conferencing-verdict"]').textContent()).toContain('Mesh broke at 8 people (client uplink)');
      await expect(page.locator('[data-testid="cost-table"]').textContent()).resolves.toContain('✕ over');
      await expect(page.locator('[data-testid="ice-panel"]').getAttribute('data-selected')).resolves.toBe('srflx');

      await page.goto(`${base}/labs/conferencing?v=1&preset=team-standup`);
      await waitHydrated(page, 'lab-shell');
      await page.locator('[data-testid="play-toggle"]').click();
      const moving = await waitUntil(page, view, { participants: 'data-participants' }, (s) => Number(s.participants) >= 3 && Number(s.events) > 20, 'people to join');
      expect(Number(moving.time)).toBeGreaterThan(0);
      expectClean();
    } finally {
      await session.close();
    }
  }, 90_000);

  it('live edge: a seeded link reproduces Node’s origin count; coalescing leaves one request per PoP', async () => {
    const base = inject('baseURL');
    const session = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, expectClean } = await openGuardedPage(session);
      const view = '[data-testid="live-edge-view"]';
      const params = defaults(liveEdgeLab.schema) as LiveEdgeParams;
      const node = new Runner(liveEdgeLab, params, 7);
      node.runToEnd();
      const expected = node.result().lastSegment;

      await page.goto(`${base}/labs/live-edge?v=1&preset=celebrity-no-coalescing&seed=7&t=${node.horizonMs}`);
      await waitHydrated(page, 'lab-shell');
      const herd = await waitUntil(page, view, { origin: 'data-origin-requests', segments: 'data-segments' }, (s) => Number(s.time) === node.horizonMs && s.state !== 'seeking' && s.segments === '20', 'the end of the herd run');
      expect(Number(herd.origin)).toBe(expected.edgeUpstream);
      expect(Number(herd.origin)).toBeGreaterThan(20_000);

      await page.goto(`${base}/labs/live-edge?v=1&preset=edge-coalescing&t=${node.horizonMs}`);
      await waitHydrated(page, 'lab-shell');
      const coalesced = await waitUntil(page, view, { origin: 'data-origin-requests', segments: 'data-segments' }, (s) => Number(s.time) === node.horizonMs && s.state !== 'seeking' && s.segments === '20', 'the end of the coalesced run');
      expect(coalesced.origin).toBe('100');
      expectClean();
    } finally {
      await session.close();
    }
  }, 90_000);
});
