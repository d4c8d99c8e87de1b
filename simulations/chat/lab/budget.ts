/**
 * The chat lab's work budget (core/budget.ts): upper bounds, from the params alone, of the work a
 * run does to its horizon and the bytes it holds at its largest.
 *
 * Work ("events"): the scheduler's events (connection attempts, handshakes, logins and logouts,
 * heartbeat ticks, samples, faults) PLUS the per-message work the model does as arithmetic instead
 * of events (every delivery of every message and presence change, every heartbeat processed): that
 * is where a big chat run spends its time, so the budget counts it. Deliveries per message are
 * bounded by the largest group (a group message reaches at most groupSize.max members, each on at
 * most ceil(devicesPerUser) devices).
 *
 * Bytes: per user, per device and per group membership the typed arrays of the population, the
 * device table, the heartbeat wheel, the registry, presence and the sync log (measured: ~70 B a
 * user, ~80 B a device, ~18 B a membership; bounded here with margin), plus the offline queue (the
 * sync log keeps an entry per message waiting for an offline device: 41 B, in arrays grown by
 * doubling), the recorder and fixed costs. The chat lab has no checkpoints.
 */
import type { WorkEstimate } from '../../core/budget';
import { fitGroupSizes } from '../core/groupSizes';
import type { ChatParams } from './schema';

/**
 * Group sizes, on average, bounded above, from the fitted size distribution summed over a geometric
 * grid taking each bin's upper edge, with 30% margin: `mean` E[S] (a group message picks its group
 * uniformly: workload.ts) and `sizeBiased` E[S^2]/E[S] (the groups a given user is in, which hear
 * its presence). Over the thousands of messages a big run sends, totals stay below these.
 */
export function groupSizeBounds(p: Pick<ChatParams, 'users' | 'groupSize.median' | 'groupSize.p99' | 'groupSize.max'>): { mean: number; sizeBiased: number } {
  const dist = fitGroupSizes({ median: p['groupSize.median'], p99: p['groupSize.p99'], max: p['groupSize.max'] });
  const cap = Math.min(p.users, dist.max);
  if (dist.fixed !== null) return { mean: Math.min(p.users, dist.fixed), sizeBiased: Math.min(p.users, dist.fixed) };
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let lo = 1;
  let prev = dist.cdf(lo);
  while (lo < dist.max) {
    const hi = Math.min(dist.max, Math.max(lo + 1, Math.ceil(lo * 1.02)));
    const c = dist.cdf(hi);
    const pr = c - prev;
    const size = Math.min(hi, cap);
    s0 += pr * size;
    s1 += pr * Math.max(2, Math.min(lo + 1, cap));
    s2 += pr * size * size;
    prev = c;
    lo = hi;
  }
  return { mean: Math.min(cap, 1.3 * s0 + 2), sizeBiased: Math.min(cap, (1.3 * s2) / Math.max(1e-9, s1)) };
}

const BYTES_PER_USER = 110;
const BYTES_PER_DEVICE = 100;
const BYTES_PER_MEMBERSHIP = 24;
const BYTES_PER_QUEUED = 96;
const BYTES_PER_POINT = 40;
const BYTES_PER_STORED_EVENT = 200;
const FIXED_BYTES = 16 * 2 ** 20;

/**
 * Chat's own limits: the lab does about 4 million units of delivery work per wall second (the
 * discord and slack presets), and the estimate is 2-15 times the work done, so 500 million keeps
 * the heaviest allowed run within a minute.
 */
export const CHAT_LIMITS = { events: 500_000_000, bytes: 640 * 2 ** 20 };

/**
 * Connection life: attempt, handshake, register, timers; a fault or a storm reconnects everyone.
 * (The code lab also caps a learner's backoff policy at this many waits: code-lab/chat/race.ts.)
 */
export function connectionEventsBound(p: ChatParams): number {
  const devices = Math.ceil(p.users * p.devicesPerUser) + 16;
  const sessionMs = p['session.meanMs'] > 0 ? p['session.meanMs'] : p['diurnal.dayMs'] > 0 ? p['diurnal.dayMs'] / 48 : 0;
  const logins = sessionMs > 0 ? 2 * (1 + p.durationMs / sessionMs) : 1;
  const storms = 1 + logins + 3 * p.faults.length;
  return devices * 8 * storms;
}

export function estimateChatWork(p: ChatParams): WorkEstimate {
  const drivers = ['users', 'durationMs', 'sendsPerUserPerMin', 'groupSize.max', 'devicesPerUser'];
  const users = p.users;
  const maxDevicesPerUser = Math.ceil(p.devicesPerUser);
  const devices = Math.ceil(users * p.devicesPerUser) + 16;
  const minutes = p.durationMs / 60_000;
  const G = p.gateways;
  // every user can be online at the peak of a diurnal curve; sessions log users in and out
  const onlineShare = p['diurnal.dayMs'] > 0 ? 1 : p.onlineFraction;
  const sessionMs = p['session.meanMs'] > 0 ? p['session.meanMs'] : p['diurnal.dayMs'] > 0 ? p['diurnal.dayMs'] / 48 : 0;
  const logins = sessionMs > 0 ? 2 * (1 + p.durationMs / sessionMs) : 1;
  const sends = (users * onlineShare * p.sendsPerUserPerMin * minutes) * 1.1 + 100;
  const biggestGroup = Math.min(users, p['groupSize.max']);
  const sizes = groupSizeBounds(p);
  const groupRecipients = sizes.mean;
  const perSend = (1 - p.groupShare) * maxDevicesPerUser + p.groupShare * groupRecipients * maxDevicesPerUser + 4;
  // a fault takes the users of one gateway (the live ones share them) offline and back, a few times in a storm
  const stormChanges = ((2 * 3 * users) / Math.max(1, G - p.spareGateways)) * p.faults.length;
  const presenceChanges = users * onlineShare * p['presence.changesPerUserPerMin'] * minutes * 1.1 + (sessionMs > 0 ? 2 * users * logins : 0) + stormChanges + 100;
  // a presence change reaches the online devices of the user's groups' members
  const audience = Math.min(users, p.groupsPerUser * sizes.sizeBiased + 1) * onlineShare * p.devicesPerUser + 1;
  const heartbeats = devices * (p.durationMs / p.heartbeatMs + 1);
  const connectionEvents = connectionEventsBound(p);
  const ticks = G * p.heartbeatTicks * (p.durationMs / p.heartbeatMs + 1) + p.durationMs / p.sampleMs + 1;
  const events = connectionEvents + ticks + sends * perSend + presenceChanges * audience + heartbeats + 10_000;

  const memberships = users * p.groupsPerUser + biggestGroup;
  // the sync log queues per user (not per device); read fan-out keeps one row per group message
  const queuedPerGroupSend = p.fanout === 'read' ? 1 : p.fanout === 'hybrid' ? Math.min(groupRecipients, p.fanoutThreshold) : groupRecipients;
  // only recipients who are offline keep an entry; with sessions or a diurnal curve anyone can be
  const offlineShare = sessionMs > 0 || p['diurnal.dayMs'] > 0 ? 1 : Math.min(1, 1.2 * (1 - p.onlineFraction) + 0.02);
  const offlineQueued = sends * ((1 - p.groupShare) + p.groupShare * queuedPerGroupSend) * offlineShare;
  const series = 11 + 2 * G;
  const stored = Math.min(250_000, 2 * G * (1 + p.faults.length) + 100 + (p.traceMessages ? sends * perSend : 0));
  const bytes =
    FIXED_BYTES +
    users * BYTES_PER_USER +
    devices * BYTES_PER_DEVICE +
    memberships * BYTES_PER_MEMBERSHIP +
    offlineQueued * BYTES_PER_QUEUED +
    series * (p.durationMs / p.sampleMs + 2) * BYTES_PER_POINT +
    stored * BYTES_PER_STORED_EVENT;
  return { events, bytes, drivers };
}
