/**
 * The CLI's budget holes of issue 11 for the queue, ABR and upload labs: the killer runs are refused
 * with exit 2 and a message naming the params to lower, quickly (the estimate runs nothing).
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../support/simCli';


describe('sim CLI: runs over the work budget are refused (exit 2)', () => {
  it('queue at λ = 10,000/s, μ = 0.001/s for 1,000,000 s (it died at 3.4 GB) is refused naming arrivalRate and durationS', async () => {
    const r = await sim(['queue', '--set', 'arrivalRate=10000', '--set', 'serviceRate=0.001', '--set', 'durationS=1000000', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/too big/);
    expect(r.stderr).toMatch(/arrivalRate/);
    expect(r.stderr).toMatch(/durationS/);
    expect(r.stderr).not.toMatch(/invalid size|bad_alloc/);
    expect(r.ms).toBeLessThan(2000);
  });

  it('queue just over the event limit is refused too, and a preset runs', async () => {
    expect((await sim(['queue', '--set', 'arrivalRate=10000', '--set', 'durationS=2500'])).code).toBe(2);
    const ok = await sim(['queue', '--preset', 'overload-unbounded', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).arrivals).toBeGreaterThan(3000);
  });

  it('upload on a gigabit uplink for an hour at 1 ms latency is refused naming run.horizonS', async () => {
    const r = await sim(['upload', '--set', 'network.bandwidthMbps=1000', '--set', 'network.latencyMs=1', '--set', 'run.horizonS=3600']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run\.horizonS/);
    expect(r.ms).toBeLessThan(2000);
  });

  it('ABR refuses contradictory settings with exit 2', async () => {
    const r = await sim(['abr', '--set', 'trace.minMbps=30', '--set', 'trace.maxMbps=5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/trace\.minMbps/);
  });
});
