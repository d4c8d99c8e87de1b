/**
 * The load generator's population, built with the chat simulation's workload knobs: users with
 * `devicesPerUser` devices (the fractional part = share of users with one more device), group
 * memberships with the simulation's group-size distribution (`fitGroupSizes`), one direct
 * conversation per user with a random peer. Seeded (`RandomStream`), so a seed reproduces it.
 */
import { fitGroupSizes } from '../../../simulations/chat/core/groupSizes';
import { RandomStream } from '../../../simulations/core/rng';

export interface WorkloadOptions {
  clients: number;
  devicesPerUser: number;
  groupsPerUser: number;
  groupSizeMedian: number;
  groupSizeP99: number;
  groupSizeMax: number;
  seed: number;
}

export interface LoadUser {
  id: string;
  devices: string[];
  groups: string[];
  dms: string[];
}

export interface LoadConversation {
  id: string;
  members: string[];
}

export interface Workload {
  users: LoadUser[];
  conversations: Map<string, LoadConversation>;
}

export function buildWorkload(o: WorkloadOptions): Workload {
  const rng = new RandomStream(o.seed, 'chat-load-workload');
  const userCount = Math.max(2, Math.round(o.clients / o.devicesPerUser));
  const base = Math.floor(o.clients / userCount);
  const extra = o.clients - base * userCount;
  const users: LoadUser[] = Array.from({ length: userCount }, (_, i) => ({
    id: `u${i}`,
    devices: Array.from({ length: base + (i < extra ? 1 : 0) }, (_, d) => `d${d}`),
    groups: [],
    dms: [],
  }));
  const conversations = new Map<string, LoadConversation>();
  for (let i = 0; i < userCount; i++) {
    let peer = rng.int(0, userCount - 2);
    if (peer >= i) peer++;
    const id = `dm${i}x${peer}`;
    conversations.set(id, { id, members: [users[i].id, users[peer].id] });
    users[i].dms.push(id);
    users[peer].dms.push(id);
  }
  const sizes = fitGroupSizes({ median: o.groupSizeMedian, p99: o.groupSizeP99, max: Math.min(o.groupSizeMax, userCount) });
  const wanted = Math.round(userCount * o.groupsPerUser);
  const order = users.map((_, i) => i);
  let memberships = 0;
  for (let g = 0; memberships < wanted; g++) {
    const size = Math.min(userCount, Math.max(2, sizes.sample(rng.next())));
    // partial Fisher-Yates: `size` distinct users
    for (let k = 0; k < size; k++) {
      const j = rng.int(k, userCount - 1);
      [order[k], order[j]] = [order[j], order[k]];
    }
    const id = `g${g}`;
    const members = order.slice(0, size).map((u) => users[u].id);
    conversations.set(id, { id, members });
    for (let k = 0; k < size; k++) users[order[k]].groups.push(id);
    memberships += size;
  }
  return { users, conversations };
}
