/**
 * Group memberships as CSR arrays (offsets + flat ids), so a million users cost a few typed arrays
 * instead of millions of objects.
 */
import type { RandomStream } from '../../core/rng';
import { fitGroupSizes, type GroupSizeDistribution } from '../core/groupSizes';

export interface Groups {
  count: number;
  sizes: GroupSizeDistribution;
  /** members of group g: members[start[g] .. start[g + 1]) */
  start: Int32Array;
  members: Int32Array;
  /** groups of user u: userGroups[userStart[u] .. userStart[u + 1]) */
  userStart: Int32Array;
  userGroups: Int32Array;
  /** member slot (index into members) of membership j: members[userGroupSlot[j]] === u */
  userGroupSlot: Int32Array;
}

export function buildGroups(
  users: number,
  spec: { median: number; p99: number; max: number },
  groupsPerUser: number,
  rng: RandomStream,
): Groups {
  const sizes = fitGroupSizes({ median: Math.min(spec.median, users), p99: Math.min(spec.p99, users), max: Math.min(spec.max, users) });
  const targetMemberships = Math.max(1, Math.round(users * groupsPerUser));
  const sizeList: number[] = [];
  let total = 0;
  while (total < targetMemberships) {
    const g = Math.min(users, Math.max(2, sizes.sample(rng.next())));
    sizeList.push(g);
    total += g;
  }
  const count = sizeList.length;
  const start = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) start[i + 1] = start[i] + sizeList[i];
  const members = new Int32Array(total);
  const stamp = new Int32Array(users).fill(-1);
  let perm: Int32Array | null = null;
  for (let g = 0; g < count; g++) {
    const size = sizeList[g];
    const base = start[g];
    if (size * 2 <= users) {
      for (let k = 0; k < size; k++) {
        let u: number;
        do u = rng.int(0, users - 1);
        while (stamp[u] === g);
        stamp[u] = g;
        members[base + k] = u;
      }
    } else {
      if (!perm) {
        perm = new Int32Array(users);
        for (let i = 0; i < users; i++) perm[i] = i;
      }
      for (let k = 0; k < size; k++) {
        const j = k + rng.int(0, users - 1 - k);
        const t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
        members[base + k] = perm[k];
      }
    }
  }
  const userStart = new Int32Array(users + 1);
  for (let i = 0; i < total; i++) userStart[members[i] + 1]++;
  for (let u = 0; u < users; u++) userStart[u + 1] += userStart[u];
  const fill = userStart.slice(0, users);
  const userGroups = new Int32Array(total);
  const userGroupSlot = new Int32Array(total);
  for (let g = 0; g < count; g++) {
    for (let i = start[g]; i < start[g + 1]; i++) {
      const j = fill[members[i]]++;
      userGroups[j] = g;
      userGroupSlot[j] = i;
    }
  }
  return { count, sizes, start, members, userStart, userGroups, userGroupSlot };
}
