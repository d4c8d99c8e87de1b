/**
 * The frame a view draws (lab.frame): plain data, small whatever the run size, and the same counts
 * and device places a full scan of the device table gives.
 */
import { describe, expect, it } from 'vitest';
import type { ChatFrame, ChatModel } from '@/simulations/chat';
import { DEVICE_STATE, DeviceTable } from '@/simulations/chat/devices/deviceTable';
import { EXACT_PLACES_MAX_DEVICES, placesOf } from '@/simulations/chat/lab/model';
import { runner } from './helpers';

const { OFF, CONNECTING, ONLINE, BACKOFF } = DEVICE_STATE;

/** Every value is a primitive, a plain object or an array (no class instances, no typed arrays, no functions). */
function plain(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function';
  if (Array.isArray(v)) return v.every(plain);
  return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain);
}

/** Counts and ranks by scanning every device (what the view used to do each frame). */
function scan(dev: DeviceTable) {
  const G = dev.gateways;
  const connected = new Array<number>(G).fill(0);
  const handshaking = new Array<number>(G).fill(0);
  let reconnecting = 0;
  let offline = 0;
  const rank = new Array<number>(dev.devices);
  for (let d = 0; d < dev.devices; d++) {
    const s = dev.state[d];
    const g = dev.clientGw[d];
    if (s === ONLINE && g >= 0 && g < G) rank[d] = connected[g]++;
    else if (s === CONNECTING && g >= 0 && g < G) rank[d] = handshaking[g]++;
    else if (s === OFF) rank[d] = offline++;
    else rank[d] = reconnecting++;
  }
  return { connected, handshaking, reconnecting, offline, rank };
}

describe('chat frame', () => {
  it('is plain, structured-cloneable data with the counts and places of a full scan, during a crash storm', () => {
    const rn = runner({ users: 4000, gateways: 4, sendsPerUserPerMin: 6, groupShare: 0.3, 'presence.changesPerUserPerMin': 1, faults: [{ atMs: 3000, type: 'gateway-crash', gateway: 1 }], durationMs: 10_000 });
    for (const t of [2_000, 3_400, 6_000]) {
      rn.runTo(t);
      const frame = rn.frame() as ChatFrame;
      expect(plain(frame)).toBe(true);
      expect(structuredClone(frame)).toStrictEqual(frame);
      const model = rn.model as ChatModel;
      const ref = scan(model.devices);
      expect(frame.gateways.map((g) => g.connected)).toEqual(ref.connected);
      expect(frame.gateways.map((g) => g.handshaking)).toEqual(ref.handshaking);
      expect([frame.reconnecting, frame.offline]).toEqual([ref.reconnecting, ref.offline]);
      expect(frame.gateways.map((g) => g.conns)).toEqual(model.gateways.gws.map((g) => g.conns));
      expect(frame.gateways.map((g) => g.state)).toEqual([0, 1, 2, 3].map((g) => model.gatewayState(g)));
      expect(frame.writes.length).toBeGreaterThan(0);
      expect(frame.writes.length).toBeLessThanOrEqual(160);
      expect(frame.presence.length).toBeLessThanOrEqual(24);
      for (const w of frame.writes) expect(w.place.rank).toBe(ref.rank[w.device]);
      for (const c of frame.presence) expect(c.place.rank).toBe(ref.rank[model.pop.firstDevice[c.user]]);
    }
    expect((rn.frame() as ChatFrame).gateways[1].state).toBe('dead');
  });

  it('above the exact limit, places are proportional and stay inside their run', () => {
    const n = EXACT_PLACES_MAX_DEVICES + 1000;
    const pop = { users: n, devices: n, firstDevice: Int32Array.from({ length: n + 1 }, (_, i) => i), deviceUser: Int32Array.from({ length: n }, (_, i) => i) };
    const dev = new DeviceTable(pop, 3, false);
    for (let d = 0; d < n; d++) {
      const kind = d % 5;
      dev.setClientGw(d, kind < 3 ? d % 3 : -1);
      dev.setState(d, kind === 0 ? ONLINE : kind === 1 ? CONNECTING : kind === 2 ? BACKOFF : kind === 3 ? OFF : ONLINE);
    }
    const ref = scan(dev);
    const wanted = [0, 1, 2, 3, 4, 5, 777, n - 1, n - 2, n - 3, n - 4, n - 5];
    const places = placesOf(dev, wanted);
    wanted.forEach((d, i) => {
      const p = places[i];
      const count = p.kind === 'connected' ? ref.connected[p.gateway] : p.kind === 'handshaking' ? ref.handshaking[p.gateway] : p.kind === 'offline' ? ref.offline : ref.reconnecting;
      expect(p.rank).toBeGreaterThanOrEqual(0);
      expect(p.rank).toBeLessThan(count);
      // within 1% of the exact rank for this evenly mixed table
      expect(Math.abs(p.rank - ref.rank[d])).toBeLessThanOrEqual(Math.ceil(count / 100));
    });
  });
});
