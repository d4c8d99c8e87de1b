/**
 * Devices per user as CSR arrays (offsets + flat ids): a million users cost two typed arrays.
 */
import type { RandomStream } from '../../core/rng';

export interface Population {
  users: number;
  devices: number;
  /** devices of user u: [firstDevice[u], firstDevice[u + 1]) */
  firstDevice: Int32Array;
  deviceUser: Int32Array;
}

export function buildPopulation(users: number, devicesPerUser: number, rng: RandomStream): Population {
  const whole = Math.floor(devicesPerUser);
  const extra = devicesPerUser - whole;
  const firstDevice = new Int32Array(users + 1);
  let n = 0;
  for (let u = 0; u < users; u++) {
    firstDevice[u] = n;
    n += whole + (extra > 0 && rng.next() < extra ? 1 : 0);
  }
  firstDevice[users] = n;
  const deviceUser = new Int32Array(n);
  for (let u = 0; u < users; u++) deviceUser.fill(u, firstDevice[u], firstDevice[u + 1]);
  return { users, devices: n, firstDevice, deviceUser };
}
