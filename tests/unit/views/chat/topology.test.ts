/**
 * The topology picture's pure parts: binning devices into cells (counts and places from the
 * simulation's device table, cells in the view), the cell scale, layout bounds, particle and ripple
 * sampling, and that drawing stays bounded at 100,000 devices.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alongPath,
  binCounts,
  cellOrigin,
  cellsFor,
  devicesPerCell,
  hubNodes,
  niceCeil,
  particlesAt,
  particleWindowMs,
  ripplesAt,
  rippleRadius,
  placeCell,
  topologyLayout,
} from '@/components/labs/chat/parts/topology';
import { buildScene, MAX_PARTICLES, MAX_RIPPLES } from '@/components/labs/chat/parts/scene';
import { drawScene, type DrawingContext } from '@/components/labs/chat/parts/draw';
import { memorySeries } from '@/components/labs/chat/viewModel';
import { DEVICE_STATE, DeviceTable, type DeviceState } from '@/simulations/chat/devices/deviceTable';
import { placesOf } from '@/simulations/chat/lab/model';
import { HUB_DIRECT, HUB_RELAY, type WriteSampleItem } from '@/simulations/chat/metrics/activity';
import { runForPreset } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';
import { chatLab } from '@/simulations/chat';
import { viewOf } from '@/simulations/core/lab';

const { OFF, CONNECTING, ONLINE, BACKOFF } = DEVICE_STATE;

/**
 * Devices (state, client gateway) → cells, the way a frame is drawn: the device table keeps the
 * counts per gateway and kind, the frame places each device (its rank among its kind in device-id
 * order), the view turns counts into bins and places into cells. Column -1 / cell -1 = not drawn.
 */
function binDevices(devices: { state: ArrayLike<number>; clientGw: ArrayLike<number> }, G: number, perCell: number) {
  const n = devices.state.length;
  const pop = { users: n, devices: n, firstDevice: Int32Array.from({ length: n + 1 }, (_, i) => i), deviceUser: Int32Array.from({ length: n }, (_, i) => i) };
  const table = new DeviceTable(pop, G, false);
  for (let d = 0; d < n; d++) {
    table.setClientGw(d, devices.clientGw[d]);
    table.setState(d, devices.state[d] as DeviceState);
  }
  const gws = Array.from({ length: G }, (_, g) => g);
  const bins = binCounts({ connected: gws.map((g) => table.connectedVia(g)), handshaking: gws.map((g) => table.handshakingWith(g)), reconnecting: table.reconnecting, offline: table.offline }, perCell);
  const cells = placesOf(table, Array.from({ length: n }, (_, d) => d)).map((p) => placeCell(bins, p));
  return { ...bins, column: cells.map((c) => (c ? c.column : -1)), cell: cells.map((c) => (c ? c.cell : -1)) };
}

describe('binning', () => {
  it('counts devices per gateway and kind, and gives cells in device order (connected, then handshaking)', () => {
    const state = [ONLINE, ONLINE, CONNECTING, BACKOFF, OFF, ONLINE, CONNECTING, ONLINE, CONNECTING];
    const clientGw = [0, 1, 0, -1, -1, 0, -1, 0, 1];
    const b = binDevices({ state, clientGw }, 2, 2);
    expect([...b.connected]).toEqual([3, 1]);
    expect([...b.handshaking]).toEqual([1, 1]);
    expect(b.reconnecting).toBe(2); // backoff, and connecting before a gateway is chosen
    expect(b.offline).toBe(1);
    expect([...b.column]).toEqual([0, 1, 0, 2, -1, 0, 2, 0, 1]);
    // gateway 0: connected devices 0, 5, 7 → cells 0, 0, 1; handshaking device 2 starts at cell ⌈3/2⌉ = 2
    expect([b.cell[0], b.cell[5], b.cell[7], b.cell[2]]).toEqual([0, 0, 1, 2]);
    expect([b.cell[1], b.cell[8]]).toEqual([0, 1]);
    expect([b.cell[3], b.cell[6], b.cell[4]]).toEqual([0, 0, -1]);
  });

  it('property: every drawn device has a cell inside its run, and a cell never holds more than perCell devices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.tuple(fc.constantFrom(OFF, CONNECTING, ONLINE, BACKOFF), fc.integer({ min: -1, max: 5 })), { maxLength: 300 }),
        (G, perCell, devices) => {
          const state = devices.map(([s]) => s);
          const clientGw = devices.map(([, g]) => (g < G ? g : -1));
          const b = binDevices({ state, clientGw }, G, perCell);
          const fill = new Map<string, number>();
          for (let d = 0; d < devices.length; d++) {
            const col = b.column[d];
            if (col < 0) continue;
            const key = `${col}:${b.cell[d]}`;
            fill.set(key, (fill.get(key) ?? 0) + 1);
            if (col < G) {
              const c = b.connected[col];
              const runEnd = cellsFor(c, perCell) + cellsFor(b.handshaking[col], perCell);
              expect(b.cell[d]).toBeLessThan(runEnd);
            } else {
              expect(b.cell[d]).toBeLessThan(cellsFor(b.reconnecting, perCell));
            }
          }
          for (const v of fill.values()) expect(v).toBeLessThanOrEqual(perCell);
          const total = [...b.connected, ...b.handshaking].reduce((a, x) => a + x, 0) + b.reconnecting + b.offline;
          expect(total).toBe(devices.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('cell scale: nice numbers, 1 for small runs, stable until a column outgrows 1.25× its share', () => {
    expect([0, 1, 1.5, 2, 3, 7, 10, 11, 49, 51, 180, 2001].map(niceCeil)).toEqual([1, 1, 2, 2, 5, 10, 10, 20, 50, 100, 200, 5000]);
    expect(devicesPerCell(30, 25, 400)).toBe(1);
    expect(devicesPerCell(25_000, 25_000, 4000)).toBe(10);
    expect(devicesPerCell(31_000, 25_000, 4000)).toBe(10);
    expect(devicesPerCell(41_000, 25_000, 4000)).toBe(20);
  });
});

describe('layout', () => {
  it('keeps every cell of every column and the pool inside the canvas', () => {
    for (const [w, h, G, per] of [
      [320, 280, 1, 100],
      [900, 380, 4, 25_000],
      [1200, 330, 256, 400],
      [375, 280, 8, 12_500],
    ] as const) {
      const L = topologyLayout(w, h, G, per);
      expect(L.across * L.cellSize).toBeLessThanOrEqual(L.gatewayWidth + 1e-9);
      for (const g of [0, G - 1]) {
        const last = cellOrigin(L, G, g, L.across * L.rows - 1)!;
        expect(last.x + L.cellSize).toBeLessThanOrEqual(w + 1e-9);
        expect(last.y + L.cellSize).toBeLessThanOrEqual(L.poolTop);
        expect(cellOrigin(L, G, g, L.across * L.rows)).toBeNull();
      }
      const pool = cellOrigin(L, G, G, L.poolAcross * L.poolRows - 1)!;
      expect(pool.x + L.cellSize).toBeLessThanOrEqual(w);
      expect(pool.y + L.cellSize).toBeLessThanOrEqual(h);
    }
    // 100 devices on 2 gateways: big dots
    expect(topologyLayout(900, 380, 2, 50).cellSize).toBeGreaterThanOrEqual(8);
  });
});

describe('particles and ripples', () => {
  const L = topologyLayout(800, 360, 4, 100);
  const hubs = hubNodes(L, { groups: true, channelServers: 0, relays: 16 });
  const where = {
    gatewayTop: (g: number) => ({ x: 100 + g * 200, y: L.gatewayTop }),
    gatewayBottom: (g: number) => ({ x: 100 + g * 200, y: L.gatewayTop + L.gatewayHeight }),
    hubs,
    device: (d: number) => ({ x: d, y: 300 }),
  };
  const write = (sentAt: number, extra: Partial<WriteSampleItem> = {}): WriteSampleItem => ({ sentAt, arriveAt: sentAt + 5, device: 42, fromGateway: 0, toGateway: 2, hub: HUB_DIRECT, hubIndex: -1, ...extra });

  it('a write moves from the sender’s gateway via its hub to the recipient’s cell during the window', () => {
    expect(alongPath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }], 0.75)).toEqual({ x: 10, y: 5 });
    const start = particlesAt([write(1000)], 1000, 400, 10, where)[0];
    expect(start).toEqual({ x: 100, y: L.gatewayTop, lost: false });
    const end = particlesAt([write(1000)], 1399.999, 400, 10, where)[0];
    expect(end.x).toBeCloseTo(42, 1);
    expect(end.y).toBeCloseTo(300, 1);
    expect(particlesAt([write(1000)], 1400, 400, 10, where)).toEqual([]);
    expect(particlesAt([write(1000)], 999, 400, 10, where)).toEqual([]);
    // relayed: passes the relay's node
    const relayed = particlesAt([write(0, { hub: HUB_RELAY, hubIndex: 17 })], 400 / 3, 400, 10, where)[0];
    expect(relayed.x).toBeCloseTo(hubs.tier[1].x, 6);
    expect(relayed.y).toBeCloseTo(hubs.tier[1].y, 6);
    // lost: ends at the gateway, flagged
    const lost = particlesAt([write(0, { arriveAt: Number.NaN })], 399.999, 400, 10, where)[0];
    expect(lost.lost).toBe(true);
    expect(lost.y).toBeCloseTo(L.gatewayTop + L.gatewayHeight, 1);
  });

  it('samples are capped, and the window scales with the run', () => {
    const many = Array.from({ length: 1000 }, (_, i) => write(1000 - i * 0.1));
    expect(particlesAt(many, 1000, 400, 50, where)).toHaveLength(50);
    expect(particleWindowMs(60_000)).toBe(400);
    expect(particleWindowMs(1_000)).toBe(40);
    expect(particleWindowMs(86_400_000)).toBe(4000);
  });

  it('ripples spread and fade; bigger audiences reach further', () => {
    const changes = [{ at: 100, user: 3, status: 1, audience: 2000 }];
    const [r] = ripplesAt(changes, 150, 100, 5, () => ({ x: 1, y: 2 }));
    expect(r.alpha).toBeCloseTo(0.5);
    expect(r.status).toBe(1);
    expect(rippleRadius(2000, 1)).toBeGreaterThan(rippleRadius(2, 1));
    expect(rippleRadius(1e12, 1)).toBeLessThanOrEqual(70);
    expect(ripplesAt(changes, 150, 100, 5, () => null)).toEqual([]);
  });
});

function recordingContext() {
  const calls = new Map<string, number>();
  const ctx = new Proxy({} as Record<string, unknown>, {
    get(target, key: string) {
      if (key in target) return target[key];
      return (..._args: unknown[]) => calls.set(key, (calls.get(key) ?? 0) + 1);
    },
    set(target, key: string, value) {
      target[key] = value;
      return true;
    },
  });
  const total = () => [...calls.values()].reduce((a, b) => a + b, 0);
  return { ctx: ctx as unknown as DrawingContext, calls, total };
}

describe('scene and drawing at both ends of the scale', () => {
  it('100 devices: one dot per device with its connection line', () => {
    const { run } = runForPreset(chatLab);
    const runner = new Runner(chatLab, { ...run.params, users: 100, devicesPerUser: 1, onlineFraction: 1, gateways: 2 } as never, 3);
    runner.runTo(5_000);
    const scene = buildScene(viewOf(chatLab, runner).frame(), viewOf(chatLab, runner).params, runner.now, runner.horizonMs, 900, 380);
    expect(scene.dots).toBe(true);
    expect(scene.lines).toBe(true);
    expect(scene.bins.perCell).toBe(1);
    expect(scene.bins.connected[0] + scene.bins.connected[1]).toBe(100);
    const { ctx, calls } = recordingContext();
    drawScene(ctx, scene);
    expect(calls.get('arc')).toBeGreaterThanOrEqual(100);
  });

  it('100,000 devices (restart storm) after the crash: density cells, bounded drawing calls and samples', () => {
    const { run } = runForPreset(chatLab, 'restart-storm-no-jitter');
    const runner = new Runner(chatLab, run.params as never, run.seed);
    runner.runTo(6_500);
    const live = viewOf(chatLab, runner);
    const t0 = performance.now();
    const scene = buildScene(live.frame(), live.params, runner.now, runner.horizonMs, 900, 380);
    const again = buildScene(live.frame(), live.params, runner.now, runner.horizonMs, 900, 380);
    const buildMs = (performance.now() - t0) / 2;
    expect(again.bins).toEqual(scene.bins);
    expect(scene.dots).toBe(false);
    expect(scene.bins.perCell).toBeGreaterThan(1);
    expect(scene.gateways[0].state).toBe('dead');
    expect(scene.bins.connected[0]).toBe(0);
    expect(scene.bins.reconnecting).toBeGreaterThan(10_000);
    expect(scene.particles.length).toBeLessThanOrEqual(MAX_PARTICLES);
    expect(scene.ripples.length).toBeLessThanOrEqual(MAX_RIPPLES);
    const { ctx, total } = recordingContext();
    drawScene(ctx, scene);
    const L = scene.layout;
    const cellBound = 4 * L.across * L.rows + L.poolAcross * L.poolRows;
    expect(total()).toBeLessThan(cellBound + 2_000);
    expect(buildMs).toBeLessThan(200);
  });
});

describe('memory series', () => {
  it('one line per gateway up to 8, otherwise the fullest and the mean', () => {
    const data: Record<string, { t: number; v: number }[]> = {};
    for (let g = 0; g < 10; g++) data[`gateway.${g}.memoryMB`] = [{ t: 1000, v: g }, { t: 2000, v: 2 * g }];
    const few = memorySeries((n) => data[n] ?? [], 3);
    expect(few.map((s) => s.label)).toEqual(['gateway 0', 'gateway 1', 'gateway 2']);
    const many = memorySeries((n) => data[n] ?? [], 10);
    expect(many.map((s) => s.id)).toEqual(['memory.max', 'memory.mean']);
    expect(many[0].data).toEqual([{ t: 1000, v: 9 }, { t: 2000, v: 18 }]);
    expect(many[1].data).toEqual([{ t: 1000, v: 4.5 }, { t: 2000, v: 9 }]);
  });
});
