/**
 * Session registry: user → devices → (gateway, epoch).
 *
 * Every connection of a device gets a fresh epoch. A gateway removes its entry with the epoch it
 * registered; a removal carrying an older epoch is STALE (the device has already re-registered on
 * another gateway) and is ignored. A crashed gateway cannot remove its entries at all: they stay,
 * pointing at a dead gateway, until the device re-registers or presence expiry evicts them.
 *
 * Devices are dense integer ids; a user's devices are the contiguous range
 * [firstDevice[user], firstDevice[user + 1]).
 */

export const NO_GATEWAY = -1;

export class SessionRegistry {
  readonly gatewayOf: Int32Array;
  readonly epochOf: Uint32Array;
  private nextEpoch: Uint32Array;
  puts = 0;
  removes = 0;
  staleRemovesIgnored = 0;
  evictions = 0;
  /** entries whose gateway was reported dead and which nobody has removed yet */
  size = 0;

  constructor(
    readonly devices: number,
    readonly firstDevice: Int32Array,
  ) {
    this.gatewayOf = new Int32Array(devices).fill(NO_GATEWAY);
    this.epochOf = new Uint32Array(devices);
    this.nextEpoch = new Uint32Array(devices);
  }

  get users(): number {
    return this.firstDevice.length - 1;
  }

  userOf(device: number): number {
    // binary search over the CSR offsets
    let lo = 0;
    let hi = this.firstDevice.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firstDevice[mid] <= device) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Register a new connection; returns its epoch. Overwrites whatever entry the device had. */
  put(device: number, gateway: number): number {
    const epoch = ++this.nextEpoch[device];
    if (this.gatewayOf[device] === NO_GATEWAY) this.size++;
    this.gatewayOf[device] = gateway;
    this.epochOf[device] = epoch;
    this.puts++;
    return epoch;
  }

  /** Remove the entry if it is still the one registered with `epoch`. Returns true if removed. */
  remove(device: number, epoch: number): boolean {
    if (this.gatewayOf[device] === NO_GATEWAY || this.epochOf[device] !== epoch) {
      this.staleRemovesIgnored++;
      return false;
    }
    this.gatewayOf[device] = NO_GATEWAY;
    this.size--;
    this.removes++;
    return true;
  }

  /** Drop an entry regardless of epoch (presence expiry of a device whose gateway died). */
  evict(device: number): boolean {
    if (this.gatewayOf[device] === NO_GATEWAY) return false;
    this.gatewayOf[device] = NO_GATEWAY;
    this.size--;
    this.evictions++;
    return true;
  }

  gateway(device: number): number {
    return this.gatewayOf[device];
  }
}
