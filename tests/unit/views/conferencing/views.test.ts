/** The conferencing and live-edge views: server-rendered at a preset's end and start, with the verdicts and tables their view models compute. */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { viewOf, type AnyLab } from '@/simulations/core/lab';
import { conferencingLab } from '@/simulations/conferencing';
import { liveEdgeLab } from '@/simulations/live-edge';
import { runForPreset } from '@/components/lab-shell/link';
import { ConferencingView } from '@/components/labs/conferencing/ConferencingView';
import { LiveEdgeView } from '@/components/labs/live-edge/LiveEdgeView';
import { costTable, verdict as callVerdict } from '@/components/labs/conferencing/viewModel';
import { edgeBars, segmentRows, verdict as edgeVerdict } from '@/components/labs/live-edge/viewModel';

function runPreset<L extends AnyLab>(lab: L, id: string, toMs?: number) {
  const { run } = runForPreset(lab, id);
  const runner = new Runner(lab, run.params as never, run.seed);
  if (toMs === undefined) runner.runToEnd();
  else runner.runTo(toMs);
  return runner;
}

describe('conferencing view', () => {
  it('the stand-up: mesh marked over its uplink at 12 people, the verdict names every break', () => {
    const runner = runPreset(conferencingLab, 'team-standup');
    const frame = viewOf(conferencingLab, runner).frame();
    const rows = costTable(frame.costs);
    expect(rows[0].cells.map((c) => c.over)).toEqual([true, false, false]);
    expect(rows[0].cells[0].text).toBe('16.5 Mbps');
    expect(callVerdict(frame)).toBe('With 12 people: Mesh broke at 8 people (client uplink); SFU fits every size up to 50; MCU breaks at 27 people (server CPU).');
    const html = renderToString(createElement(ConferencingView, { runner, version: runner.version, presenter: false }));
    for (const id of ['cost-table', 'audio-panel', 'ice-panel', 'conferencing-verdict']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('✕ over');
  });

  it('before anyone joins, the view still renders its full layout', () => {
    const runner = runPreset(conferencingLab, 'symmetric-nat', 0);
    const html = renderToString(createElement(ConferencingView, { runner, version: runner.version, presenter: false }));
    expect(html).toContain('Gathering candidates');
    expect(html).toContain('Server CPU over N');
  });
});

describe('live-edge view', () => {
  it('the herd preset: the verdict quotes the leak, the rows the model, one bar per PoP', () => {
    const runner = runPreset(liveEdgeLab, 'celebrity-no-coalescing');
    const view = viewOf(liveEdgeLab, runner);
    const frame = view.frame();
    expect(edgeVerdict(frame, view.params)).toMatch(/^Thundering herd: [\d,]+ of 800,000 requests \(3\.\d\d %\) miss at the edge/);
    expect(segmentRows(frame, view.params).find((r) => r.label.startsWith('Model'))!.value).toBe('26,767');
    expect(edgeBars(frame)).toHaveLength(100);
    const html = renderToString(createElement(LiveEdgeView, { runner, version: runner.version, presenter: false }));
    expect(html).toContain('data-testid="live-edge-numbers"');
  });

  it('coalescing: the verdict says one per PoP', () => {
    const runner = runPreset(liveEdgeLab, 'edge-coalescing');
    const view = viewOf(liveEdgeLab, runner);
    expect(edgeVerdict(view.frame(), view.params)).toMatch(/^Coalescing: 100 requests leave the edges for 800,000 viewers \(0\.013 %\)/);
  });
});
