/**
 * Consistent hashing ring (Karger et al.), used for three placements: the load balancer's
 * "consistent hash on user id", the channel-server tier (Slack: channels → channel servers) and
 * relay slices. Each node owns `virtualNodes` points; a key belongs to the first point clockwise.
 */

/** 32-bit integer mix (murmur3 finalizer): spreads consecutive ids over the ring. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export function hashKey(key: number, salt = 0): number {
  // keys can exceed 2^32 (e.g. DM conversation ids), so fold the high part in
  const hi = Math.floor(key / 4294967296);
  return mix32((key >>> 0) ^ mix32(hi + 0x9e3779b9 * (salt + 1)));
}

export class HashRing {
  private points: Uint32Array;
  private owners: Int32Array;

  constructor(
    readonly nodes: number,
    readonly virtualNodes = 64,
  ) {
    const n = Math.max(0, nodes) * virtualNodes;
    const pairs: [number, number][] = [];
    for (let node = 0; node < nodes; node++) {
      for (let v = 0; v < virtualNodes; v++) pairs.push([hashKey(node * 1_000_003 + v, 7), node]);
    }
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.points = new Uint32Array(n);
    this.owners = new Int32Array(n);
    pairs.forEach(([p, o], i) => {
      this.points[i] = p;
      this.owners[i] = o;
    });
  }

  /** Owner of `key`, skipping nodes for which `alive(node)` is false. -1 if no node is alive. */
  lookup(key: number, alive?: (node: number) => boolean): number {
    const n = this.points.length;
    if (n === 0) return -1;
    const h = hashKey(key);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    if (!alive) return this.owners[lo % n];
    for (let i = 0; i < n; i++) {
      const owner = this.owners[(lo + i) % n];
      if (alive(owner)) return owner;
    }
    return -1;
  }
}

/** Placement by `key mod nodes`, the baseline consistent hashing is compared against. */
export function moduloOwner(key: number, nodes: number): number {
  return hashKey(key) % nodes;
}
