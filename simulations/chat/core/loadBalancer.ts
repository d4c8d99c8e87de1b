/**
 * Load balancer in front of the gateways: least connections, random, or consistent hash on the
 * user id (a user's devices land together and only 1/G of users move when a gateway leaves).
 */
import { HashRing } from './hashRing';

export const LB_POLICIES = ['least-connections', 'random', 'consistent-hash'] as const;
export type LbPolicy = (typeof LB_POLICIES)[number];

export interface LbView {
  readonly gateways: number;
  /** accepts new connections (up, not draining, not known unreachable) */
  accepting(gateway: number): boolean;
  /** current connections plus handshakes in progress */
  load(gateway: number): number;
}

export class LoadBalancer {
  private ring: HashRing | null;

  constructor(
    readonly policy: LbPolicy,
    gateways: number,
  ) {
    this.ring = policy === 'consistent-hash' ? new HashRing(gateways, 128) : null;
  }

  /** Pick a gateway for a connection of `user`; -1 when no gateway accepts. */
  choose(user: number, view: LbView, random: () => number): number {
    const n = view.gateways;
    switch (this.policy) {
      case 'least-connections': {
        let best = -1;
        let bestLoad = Infinity;
        for (let g = 0; g < n; g++) {
          if (!view.accepting(g)) continue;
          const l = view.load(g);
          if (l < bestLoad) {
            bestLoad = l;
            best = g;
          }
        }
        return best;
      }
      case 'random': {
        let alive = 0;
        for (let g = 0; g < n; g++) if (view.accepting(g)) alive++;
        if (alive === 0) return -1;
        let k = Math.floor(random() * alive);
        for (let g = 0; g < n; g++) {
          if (!view.accepting(g)) continue;
          if (k-- === 0) return g;
        }
        return -1;
      }
      case 'consistent-hash':
        return this.ring!.lookup(user, (g) => view.accepting(g));
    }
  }
}
