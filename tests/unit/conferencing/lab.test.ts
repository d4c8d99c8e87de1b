/**
 * The conferencing lab: the topology costs of research other-topics §2.1 and the §2.6 outcomes (mesh
 * uplink = downlink = (N − 1)·b with N(N − 1)/2 links; SFU egress = N·min(N − 1, V)·b_sel; MCU client
 * downlink independent of N; N_max(mesh) = ⌊U/b⌋ + 1), the jitter buffer's late-packet law, the ICE
 * fallback table, determinism, budgets and captions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import {
  conferencingLab,
  connect,
  layerKbps,
  meshMaxParticipants,
  tileLayer,
  topologyCost,
  type CallConfig,
  type ConferencingParams,
} from '@/simulations/conferencing';
import { callConfig } from '@/simulations/conferencing/lab/model';

const base = defaults(conferencingLab.schema) as ConferencingParams;
const call = (over: Partial<CallConfig> = {}): CallConfig => ({ ...callConfig(base), ...over });

function run(params: Partial<ConferencingParams>, seed = 1) {
  const runner = new Runner(conferencingLab, { ...base, ...params }, seed);
  runner.runToEnd();
  const view = viewOf(conferencingLab, runner);
  return { runner, result: view.result(), frame: view.frame(), events: view.recorder.events };
}

const sizes = fc.integer({ min: 2, max: 50 });
const bitrates = fc.integer({ min: 100, max: 5000 });

describe('topology costs (§2.6 outcome 1)', () => {
  it('mesh: uplink = downlink = (N − 1)·b and N(N − 1)/2 links, no server', () => {
    fc.assert(
      fc.property(sizes, bitrates, (n, b) => {
        const c = topologyCost('mesh', call({ videoKbps: b }), n);
        expect(c.clientUpKbps).toBe((n - 1) * b);
        expect(c.clientDownKbps).toBe((n - 1) * b);
        expect(c.connections).toBe((n * (n - 1)) / 2);
        expect(c.serverInKbps + c.serverOutKbps + c.serverCores).toBe(0);
      }),
    );
  });

  it('SFU: egress = N·min(N − 1, V)·b_sel, ingress = N·(sum of the simulcast layers)', () => {
    fc.assert(
      fc.property(sizes, bitrates, fc.integer({ min: 1, max: 49 }), fc.integer({ min: 1, max: 3 }), (n, b, v, layers) => {
        const cfg = call({ videoKbps: b, visibleTiles: v, simulcastLayers: layers });
        const c = topologyCost('sfu', cfg, n);
        const selected = layerKbps(cfg, tileLayer(cfg, n));
        expect(c.serverOutKbps).toBeCloseTo(n * Math.min(n - 1, v) * selected, 6);
        const up = [0, 1, 2].slice(0, layers).reduce((s, l) => s + b / 3 ** l, 0);
        expect(c.serverInKbps).toBeCloseTo(n * up, 6);
        expect(c.connections).toBe(n);
      }),
    );
  });

  it('SFU without simulcast forwards the full stream: egress = N·min(N − 1, V)·b', () => {
    const c = topologyCost('sfu', call({ videoKbps: 1000, simulcastLayers: 1, visibleTiles: 9 }), 20);
    expect(c.serverOutKbps).toBe(20 * 9 * 1000);
    expect(c.clientUpKbps).toBe(1000);
  });

  it('MCU: the client downlink does not depend on N; server CPU grows with N per-viewer, not for a shared composite', () => {
    const sizesList = [2, 5, 17, 50];
    for (const layout of ['per-viewer', 'shared'] as const) {
      const downs = sizesList.map((n) => topologyCost('mcu', call({ mcuLayout: layout }), n).clientDownKbps);
      expect(new Set(downs).size).toBe(1);
    }
    const cfg = call({ decodeCores: 0.1, encodeCores: 0.5 });
    expect(topologyCost('mcu', { ...cfg, mcuLayout: 'per-viewer' }, 10).serverCores).toBeCloseTo(10 * 0.1 + 10 * 0.5, 9);
    expect(topologyCost('mcu', { ...cfg, mcuLayout: 'shared' }, 10).serverCores).toBeCloseTo(10 * 0.1 + 0.5, 9);
  });

  it('the textbook anchor: a 5-person mesh at 1 Mbps is 4 Mbps up and down and 10 links; the MCU server moves 10 Mbps', () => {
    const cfg = call({ videoKbps: 1000 });
    const mesh = topologyCost('mesh', cfg, 5);
    expect([mesh.clientUpKbps, mesh.clientDownKbps, mesh.connections]).toEqual([4000, 4000, 10]);
    const mcu = topologyCost('mcu', cfg, 5);
    expect(mcu.serverInKbps + mcu.serverOutKbps).toBe(10_000);
  });
});

describe('mesh size limit (§2.6 outcome 4)', () => {
  it('N_max = ⌊U/b⌋ + 1: the mesh fits its uplink at N_max and breaks on the uplink one person later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 256, max: 100_000 }), bitrates, (u, b) => {
        const nMax = meshMaxParticipants(u, b);
        expect(nMax).toBe(Math.floor(u / b) + 1);
        const cfg = call({ uplinkKbps: u, downlinkKbps: 10_000_000, videoKbps: b });
        if (nMax >= 2 && nMax <= 50) expect(topologyCost('mesh', cfg, nMax).exceeds).toEqual([]);
        if (nMax + 1 >= 2 && nMax + 1 <= 50) expect(topologyCost('mesh', cfg, nMax + 1).exceeds).toContain('client uplink');
      }),
    );
  });

  it('the team stand-up preset: mesh breaks on the uplink when the 8th person joins, logged as a break event', () => {
    const { result, events } = run(conferencingLab.presets.find((p) => p.id === 'team-standup')!.params);
    expect(result.meshMaxParticipants).toBe(7);
    expect(result.topologies.mesh.breaksAt).toBe(8);
    const brk = events.find((e) => e.type === 'break' && e.topology === 'mesh');
    expect(brk).toMatchObject({ participants: 8, limit: 'client uplink', needed: 10_500, available: 10_000 });
  });

  it('the all-hands preset: the per-viewer MCU runs out of cores, the SFU carries 50 people', () => {
    const { result } = run(conferencingLab.presets.find((p) => p.id === 'all-hands-50')!.params);
    expect(result.topologies.mcu.breaksOn).toBe('server CPU');
    expect(result.topologies.mcu.breaksAt).toBe(27); // 27 × (0.1 + 0.5) = 16.2 > 16 cores
    expect(result.topologies.sfu.exceeds).toEqual([]);
  });
});

describe('audio jitter buffer', () => {
  it('late packets ≈ e^(−B/μ) of those that arrive, lost ≈ the loss rate (6,000 packets, ±0.025)', () => {
    for (const [buffer, jitter] of [[30, 30], [90, 30], [40, 20]] as const) {
      const { result } = run({ participants: 2, durationS: 120, jitterMs: jitter, jitterBufferMs: buffer, lossRate: 0.05 });
      const a = result.audio;
      expect(a.late / (a.sent - a.lost)).toBeCloseTo(Math.exp(-buffer / jitter), 1);
      expect(Math.abs(a.late / (a.sent - a.lost) - Math.exp(-buffer / jitter))).toBeLessThan(0.025);
      expect(Math.abs(a.lost / a.sent - 0.05)).toBeLessThan(0.015);
      expect(a.mouthToEarMs).toBe(20 + base.baseDelayMs + buffer);
    }
  });

  it('on the same seed a deeper buffer never makes a packet late that a shallower one played', () => {
    const late = (buffer: number) => {
      const { events } = run({ participants: 2, durationS: 20, jitterMs: 40, jitterBufferMs: buffer }, 5);
      return new Set(events.filter((e) => e.type === 'audio' && e.outcome === 'late').map((e) => (e.type === 'audio' ? e.seq : -1)));
    };
    const shallow = late(20);
    const deep = late(80);
    expect(deep.size).toBeLessThan(shallow.size);
    for (const seq of deep) expect(shallow.has(seq)).toBe(true);
  });
});

describe('1:1 call: STUN or TURN (ICE, RFC 8445)', () => {
  const ice = (natA: ConferencingParams['natA'], natB: ConferencingParams['natB'], udpBlocked = false) =>
    connect({ natA, natB, udpBlocked, directRttMs: 100, turnDetourMs: 40, videoKbps: 1000 });

  it('public hosts connect directly; cone NATs through STUN; symmetric against port filtering needs TURN; blocked UDP needs TURN over 443', () => {
    expect(ice('none', 'none').selected).toBe('host');
    expect(ice('full-cone', 'port-restricted').selected).toBe('srflx');
    expect(ice('symmetric', 'full-cone').selected).toBe('srflx');
    expect(ice('symmetric', 'restricted-cone').selected).toBe('srflx');
    expect(ice('port-restricted', 'symmetric').selected).toBe('relay');
    expect(ice('symmetric', 'symmetric').selected).toBe('relay');
    expect(ice('none', 'none', true).selected).toBe('relay-tcp');
  });

  it('the relay adds its detour to the round trip and carries both streams in and out', () => {
    const relayed = ice('symmetric', 'symmetric');
    expect(relayed.rttMs).toBe(140);
    expect(relayed.turnKbps).toBe(4000);
    const direct = ice('full-cone', 'full-cone');
    expect([direct.rttMs, direct.turnKbps]).toEqual([100, 0]);
  });

  it('the symmetric-NAT preset logs the failed STUN check, then the relay', () => {
    const { events, result } = run(conferencingLab.presets.find((p) => p.id === 'symmetric-nat')!.params);
    const checks = events.filter((e) => e.type === 'ice-check').map((e) => (e.type === 'ice-check' ? [e.path, e.works] : []));
    expect(checks).toEqual([['host', false], ['srflx', false], ['relay', true]]);
    expect(result.call1to1.selected).toBe('relay');
  });
});

describe('conferencing lab: determinism, budget, captions', () => {
  it('the same seed gives the same event log; another seed another', () => {
    const a = run({ participants: 9, durationS: 10, jitterMs: 40 }, 3);
    const b = run({ participants: 9, durationS: 10, jitterMs: 40 }, 3);
    const c = run({ participants: 9, durationS: 10, jitterMs: 40 }, 4);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(b.frame)).toBe(JSON.stringify(a.frame));
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });

  it.each(conferencingLab.presets.map((p) => [p.id] as const))('preset %s: within budget, bounded by its estimate, every event captioned', (id) => {
    const params = { ...base, ...conferencingLab.presets.find((p) => p.id === id)!.params };
    expect(paramProblems(conferencingLab, params)).toEqual([]);
    const { runner, events } = run(params);
    const estimate = conferencingLab.budget!.estimate(params);
    expect(runner.ctx.scheduler.executed).toBeLessThanOrEqual(estimate.events);
    expect(runner.now).toBeLessThanOrEqual(runner.horizonMs);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const caption = conferencingLab.caption!(e);
      expect(caption).not.toBeNull();
      expect(caption).not.toMatch(/\b(null|undefined|NaN|Infinity)\b/);
    }
  });

  it('refuses an uplink that cannot carry one camera stream, naming uplinkKbps', () => {
    expect(paramProblems(conferencingLab, { ...base, uplinkKbps: 1000, videoKbps: 1500 })).toEqual([expect.objectContaining({ field: 'uplinkKbps' })]);
    expect(paramProblems(conferencingLab, { ...base, uplinkKbps: 1500, videoKbps: 1500 })).toEqual([]);
  });

  it('the heaviest allowed run stays inside the default work limits', () => {
    const heaviest = { ...base, participants: 50, durationS: 120 };
    expect(paramProblems(conferencingLab, heaviest)).toEqual([]);
    const { runner } = run(heaviest);
    expect(runner.ctx.scheduler.executed).toBeLessThanOrEqual(conferencingLab.budget!.estimate(heaviest).events);
  });
});
