/**
 * The device table: every phone's connection state as struct-of-arrays (typed arrays indexed by
 * device id), plus the per-user counters the workload needs. A million devices cost a few dozen MB
 * and no objects.
 *
 * The client-side state (`state`, `clientGw`) only changes through `setState` / `setClientGw`, which
 * keep per-gateway counts of connected and handshaking devices, so a view can draw the fleet in
 * O(gateways) instead of scanning every device each frame.
 */
import type { Population } from './population';

const OFF = 0;
const CONNECTING = 1;
const ONLINE = 2;
const BACKOFF = 3;
/** Values of `DeviceTable.state[device]`. */
export const DEVICE_STATE = { OFF, CONNECTING, ONLINE, BACKOFF } as const;
export type DeviceState = (typeof DEVICE_STATE)[keyof typeof DEVICE_STATE];
/** "no gateway" / "no list position" in the Int32 columns */
export const NIL = -1;

export class DeviceTable {
  readonly devices: number;
  readonly gateways: number;
  /** DEVICE_STATE per device (write through setState) */
  readonly state: Uint8Array;
  /** gateway the CLIENT believes it is connected to (or connecting to); write through setClientGw */
  readonly clientGw: Int32Array;
  /** gateway that holds the SERVER side of the connection */
  readonly serverGw: Int32Array;
  readonly epoch: Uint32Array;
  readonly attempt: Uint16Array;
  readonly prevDelay: Float64Array;
  readonly connectAt: Float64Array;
  readonly lastRecv: Float64Array;
  /** timer generation: a scheduled attempt whose generation is stale does nothing */
  readonly gen: Uint32Array;
  readonly foreground: Uint8Array;
  /** device counted in its groups' connected-device counters */
  readonly counted: Uint8Array;
  readonly slow: Uint8Array;
  readonly bufBytes: Float64Array;
  readonly bufAt: Float64Array;
  /** device is reconnecting after a fault (for attempts per client / recovery) */
  readonly inEpisode: Uint8Array;

  // ---- user state ----
  readonly wantsOnline: Uint8Array;
  /** client-side online devices per user */
  readonly userOnlineDevices: Uint16Array;
  /** users with at least one online device, in a swap-remove list (uniform draws) */
  readonly onlineList: Int32Array;
  private readonly onlinePos: Int32Array;
  onlineUsers = 0;

  /**
   * Client-side devices per (kind, gateway): [0, G) connected through gateway g, [G, 2G) handshaking
   * with it, 2G offline, 2G + 1 everything else (backing off, or about to pick a gateway).
   */
  private readonly kindCount: Int32Array;

  constructor(pop: Population, gateways: number, anySlow: boolean) {
    const n = (this.devices = pop.devices);
    const users = pop.users;
    this.gateways = gateways;
    this.state = new Uint8Array(n);
    this.clientGw = new Int32Array(n).fill(NIL);
    this.serverGw = new Int32Array(n).fill(NIL);
    this.epoch = new Uint32Array(n);
    this.attempt = new Uint16Array(n);
    this.prevDelay = new Float64Array(n);
    this.connectAt = new Float64Array(n);
    this.lastRecv = new Float64Array(n);
    this.gen = new Uint32Array(n);
    this.foreground = new Uint8Array(n);
    this.counted = new Uint8Array(n);
    this.slow = new Uint8Array(n);
    this.bufBytes = new Float64Array(anySlow ? n : 0);
    this.bufAt = new Float64Array(anySlow ? n : 0);
    this.inEpisode = new Uint8Array(n);
    this.wantsOnline = new Uint8Array(users);
    this.userOnlineDevices = new Uint16Array(users);
    this.onlineList = new Int32Array(users);
    this.onlinePos = new Int32Array(users).fill(NIL);
    this.kindCount = new Int32Array(2 * gateways + 2);
    this.kindCount[2 * gateways] = n; // every device starts OFF
  }

  private kindOf(s: number, g: number): number {
    const G = this.gateways;
    if (s === ONLINE && g >= 0 && g < G) return g;
    if (s === CONNECTING && g >= 0 && g < G) return G + g;
    return s === OFF ? 2 * G : 2 * G + 1;
  }

  setState(d: number, s: DeviceState): void {
    const old = this.state[d];
    if (old === s) return;
    const g = this.clientGw[d];
    this.kindCount[this.kindOf(old, g)]--;
    this.kindCount[this.kindOf(s, g)]++;
    this.state[d] = s;
  }

  setClientGw(d: number, g: number): void {
    const old = this.clientGw[d];
    if (old === g) return;
    const s = this.state[d];
    this.kindCount[this.kindOf(s, old)]--;
    this.kindCount[this.kindOf(s, g)]++;
    this.clientGw[d] = g;
  }

  /** Devices whose client is connected through gateway g. */
  connectedVia(g: number): number {
    return this.kindCount[g];
  }
  /** Devices in the middle of a handshake with gateway g. */
  handshakingWith(g: number): number {
    return this.kindCount[this.gateways + g];
  }
  /** Devices of users who are not online. */
  get offline(): number {
    return this.kindCount[2 * this.gateways];
  }
  /** Devices backing off (or about to pick a gateway). */
  get reconnecting(): number {
    return this.kindCount[2 * this.gateways + 1];
  }

  onlineListAdd(u: number): void {
    this.onlinePos[u] = this.onlineUsers;
    this.onlineList[this.onlineUsers++] = u;
  }

  onlineListRemove(u: number): void {
    const i = this.onlinePos[u];
    const last = this.onlineList[--this.onlineUsers];
    this.onlineList[i] = last;
    this.onlinePos[last] = i;
    this.onlinePos[u] = NIL;
  }
}
