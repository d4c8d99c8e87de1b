/** `npm run sim -- live-edge …` and `-- conferencing …`: presets, --set and --seed reach the run, --json is the result, bad input exits 2. */
import { describe, expect, it } from 'vitest';
import { sim } from '../support/simCli';
import type { LiveEdgeResult } from '@/simulations/live-edge';
import type { ConferencingResult } from '@/simulations/conferencing';


describe('live-edge and conferencing CLI', () => {
  it('live-edge --preset edge-coalescing --json: 100 origin requests a segment at the peak', async () => {
    const r = await sim(['live-edge', '--preset', 'edge-coalescing', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as LiveEdgeResult;
    expect(result.lastSegment).toMatchObject({ viewers: 800_000, edgeUpstream: 100 });
  });

  it('live-edge --set and --seed change the run; the same seed repeats it', async () => {
    const args = ['live-edge', '--set', 'viewers=20000', '--set', 'edges=10', '--set', 'durationS=12', '--set', 'rampS=6', '--json'];
    const a = JSON.parse((await sim([...args, '--seed', '3'])).stdout) as LiveEdgeResult;
    const b = JSON.parse((await sim([...args, '--seed', '3'])).stdout) as LiveEdgeResult;
    expect(a).toEqual(b);
    expect(a.segments).toBe(4);
    expect(a.peakViewers).toBe(20_000);
  });

  it('bad input exits 2 naming the field and its range', async () => {
    const r = await sim(['live-edge', '--set', 'edges=0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/edges = 0 is invalid.*1 to 300/);
    const c = await sim(['conferencing', '--set', 'participants=51']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/participants = 51 is invalid.*2 to 50/);
  });

  it('conferencing --preset five-person-mesh --json: 4 Mbps up and down, 10 links', async () => {
    const r = await sim(['conferencing', '--preset', 'five-person-mesh', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as ConferencingResult;
    expect(result.topologies.mesh).toMatchObject({ clientUpKbps: 4000, clientDownKbps: 4000, connections: 10, exceeds: [] });
  });
});
