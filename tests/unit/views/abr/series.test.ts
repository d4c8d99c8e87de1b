import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import type { AbrParams } from '@/simulations/abr';
import { runForPreset } from '@/components/lab-shell/link';
import { abrLab } from '@/simulations/abr';
import { viewOf } from '@/simulations/core/lab';
import { LADDERS } from '@/simulations/abr/video/video';
import {
  bitrateSpecs,
  bufferSpecs,
  componentSpecs,
  ladderGuides,
  playerLines,
  qoeSpecs,
  StallMarkerIndex,
  thresholdKeys,
  throughputSpecs,
  timelineEndS,
} from '@/components/labs/abr/viewModel';

const abrRunner = (params: Record<string, unknown>, seed: number) => new Runner(abrLab, params as AbrParams, seed);

function finishedRace(presetId: string, overrides: Record<string, unknown> = {}) {
  const { run } = runForPreset(abrLab, presetId);
  const runner = abrRunner({ ...run.params, ...overrides }, run.seed);
  runner.runToEnd();
  const frame = viewOf(abrLab, runner).frame();
  return { runner, frame, lines: playerLines(frame.players, runner.params['ewma.preset'] as string) };
}

describe('player lines', () => {
  it('names, numbers repeats and colours players by slot', () => {
    const lines = playerLines(
      [
        { slot: 'p0', algorithm: 'ewma' },
        { slot: 'p1', algorithm: 'bba' },
        { slot: 'p2', algorithm: 'ewma' },
      ],
      'hlsjs',
    );
    expect(lines.map((l) => l.label)).toEqual(['Dual EWMA (hls.js)', 'BBA', 'Dual EWMA (hls.js) #2']);
    expect(lines.map((l) => l.color)).toEqual(['var(--series-1, #0072b2)', 'var(--series-2, #d55e00)', 'var(--series-3, #009e73)']);
  });
});

describe('series selection', () => {
  const lines = playerLines([
    { slot: 'p0', algorithm: 'bba' },
    { slot: 'p1', algorithm: 'rate' },
    { slot: 'p2', algorithm: 'dynamic' },
  ]);

  it('throughput: the network first, then an estimate per algorithm that has one (not BBA)', () => {
    const specs = throughputSpecs(lines);
    expect(specs.map((s) => [s.id, s.source, s.scale])).toEqual([
      ['network', 'network.mbps', 1],
      ['p1-estimate', 'p1.estimateKbps', 0.001],
      ['p2-estimate', 'p2.estimateKbps', 0.001],
    ]);
  });

  it('buffer: every player, then each algorithm’s thresholds in a faded player colour', () => {
    const specs = bufferSpecs(lines);
    expect(specs.map((s) => s.id)).toEqual(['p0-buffer', 'p1-buffer', 'p2-buffer', 'p0-reservoirS', 'p0-upperS', 'p2-bolaTargetS']);
    expect(specs[3].color).toBe('color-mix(in srgb, var(--series-1, #0072b2) 55%, transparent)');
    expect(thresholdKeys('bola').map((t) => t.key)).toEqual(['bolaTargetS']);
    expect(thresholdKeys('robustmpc')).toEqual([]);
  });

  it('components: utility above zero, penalties drawn below it', () => {
    const specs = componentSpecs(lines[1]);
    expect(specs.map((s) => [s.source, s.scale])).toEqual([
      ['p1.qoe', 1],
      ['p1.qoe.bitrate', 1],
      ['p1.qoe.rebuffer', -1],
      ['p1.qoe.switch', -1],
    ]);
    expect(new Set([...bitrateSpecs(lines), ...qoeSpecs(lines), ...specs].map((s) => s.id)).size).toBe(3 + 3 + 4);
  });

  it('every selected series is one the lab records, and the drawn components add up to the QoE', () => {
    const { runner, lines: raced } = finishedRace('oscillating-bandwidth', { 'race.third': 'dynamic' });
    const rec = runner.recorder;
    const all = [...throughputSpecs(raced), ...bufferSpecs(raced), ...bitrateSpecs(raced), ...qoeSpecs(raced), ...raced.flatMap(componentSpecs)];
    for (const s of all) expect(rec.series(s.source).length, s.source).toBeGreaterThan(0);
    for (const line of raced) {
      const [total, ...parts] = componentSpecs(line).map((s) => rec.series(s.source).map((p) => p.v * s.scale));
      total.forEach((q, i) => expect(parts[0][i] + parts[1][i] + parts[2][i]).toBeCloseTo(q, 9));
    }
  });
});

describe('ladder guides', () => {
  it('labels every rung of a sparse ladder', () => {
    const g = ladderGuides(LADDERS.pensieve, 170);
    expect(g.map((x) => x.label)).toEqual(['300 kbps', '750 kbps', '1.2 Mbps', '1.85 Mbps', '2.85 Mbps', '4.3 Mbps']);
    expect(g.map((x) => x.y)).toEqual([0.3, 0.75, 1.2, 1.85, 2.85, 4.3]);
  });

  it('leaves crowded rungs unlabelled but keeps labels unique (the chart keys guides by label)', () => {
    const g = ladderGuides(LADDERS.netflix2015, 170);
    expect(g).toHaveLength(10);
    expect(new Set(g.map((x) => x.label)).size).toBe(10);
    const visible = g.filter((x) => x.label.trim() !== '');
    expect(visible.length).toBeLessThan(10);
    expect(visible[0].label).toBe('235 kbps');
    expect(visible[visible.length - 1].label).toBe('5.8 Mbps');
    // in a taller chart more rungs get a label
    expect(ladderGuides(LADDERS.netflix2015, 400).filter((x) => x.label.trim() !== '').length).toBeGreaterThan(visible.length);
  });
});

describe('timeline', () => {
  it('ends a little after the last player stops, or at the horizon while one never stops', () => {
    expect(timelineEndS([195_000, 201_500], 600_000)).toBe(210);
    expect(timelineEndS([195_000, null], 600_000)).toBe(600);
    expect(timelineEndS([590_000], 600_000)).toBe(600);
    expect(timelineEndS([], 300_000)).toBe(300);
  });
});

describe('stall markers', () => {
  it('match the stall-start events, scan only new events and keep identity when nothing new', () => {
    const { runner, lines } = finishedRace('the-tunnel');
    const events = runner.recorder.events;
    const stalls = events.filter((e) => e.type === 'stall-start');
    expect(stalls.length).toBeGreaterThan(0);

    const index = new StallMarkerIndex();
    const growing: (typeof events)[number][] = [];
    let previous = index.update(growing, lines);
    expect(previous).toEqual([]);
    for (const e of events) {
      growing.push(e);
      const markers = index.update(growing, lines);
      if (e.type === 'stall-start') expect(markers).not.toBe(previous);
      else expect(markers).toBe(previous);
      previous = markers;
    }
    const colorOf = new Map(lines.map((l) => [l.slot, l.color]));
    expect(previous).toEqual(stalls.map((e) => ({ x: e.t / 1000, label: 'stall', color: colorOf.get((e as unknown as { player: 'p0' }).player) })));

    // scrubbing back truncates the log: the index rescans
    growing.length = events.indexOf(stalls[0]);
    expect(index.update(growing, lines)).toEqual([]);
  });
});
