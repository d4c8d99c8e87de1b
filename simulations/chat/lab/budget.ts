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
 * device table, the heartbeat wheel, the registry, presence and the sync log (measured: ~150 B a
 * user, ~80 B a device, ~20 B a membership; bounded here with margin), plus the offline queue (the
 * sync log keeps an entry per message waiting for an offline device: 41 B, in arrays grown by
 * doubling), the recorder and fixed costs. The chat lab has no checkpoints.
 */
import type { WorkEstimate } from '../../core/budget';
import { fitGroupSizes } from '../core/groupSizes';
import type { ChatParams } from './schema';

/**
 * Members of the group a group message goes to, on average, bounded above: the size-biased mean
 * E[S^2]/E[S] of the fitted size distribution (a member's group is picked in proportion to its
 * size), summed over a geometric grid taking each bin's upper edge, with 30% margin. Over the
 * thousands of messages a big run sends, the total stays below this times the messages.
 */
export function groupRecipientsBound(p: Pick<ChatParams, 'users' | 'groupSize.median' | 'groupSize.p99' | 'groupSize.max'>): number {
  const dist = fitGroupSizes({ median: p['groupSize.median'], p99: p['groupSize.p99'], max: p['groupSize.max'] });
  const cap = Math.min(p.users, dist.max);
  if (dist.fixed !== null) return Math.min(p.users, dist.fixed);
  let s1 = 0;
  let s2 = 0;
  let lo = 1;
  let prev = dist.cdf(lo);
  while (lo < dist.max) {
    const hi = Math.min(dist.max, Math.max(lo + 1, Math.ceil(lo * 1.02)));
    const c = dist.cdf(hi);
    const pr = c - prev;
    const size = Math.min(hi, cap);
    s1 += pr * Math.max(2, Math.min(lo + 1, cap));
    s2 += pr * size * size;
    prev = c;
    lo = hi;
  }
  return Math.min(cap, (1.3 * s2) / Math.max(1e-9, s1));
}

const BYTES_PER_USER = 200;
const BYTES_PER_DEVICE = 110;
const BYTES_PER_MEMBERSHIP = 28;
const BYTES_PER_QUEUED = 96;
const BYTES_PER_POINT = 40;
const BYTES_PER_STORED_EVENT = 200;
const FIXED_BYTES = 16 * 2 ** 20;

/** Chat's own limits: the per-message bound is loose (big groups are size-biased with margin), the presets reach 1.7 billion units and run in seconds. */
export const CHAT_LIMITS = { events: 2_500_000_000, bytes: 640 * 2 ** 20 };

export function estimateChatWork(p: ChatParams): WorkEstimate {
  const drivers = ['users', 'durationMs', 'sendsPerUserPerMin', 'groupSize.max', 'devicesPerUser'];
  const users = p.users;
  const maxDevicesPerUser = Math.ceil(p.devicesPerUser);
  const devices = Math.ceil(users * p.devicesPerUser) + users;
  const minutes = p.durationMs / 60_000;
  const G = p.gateways;
  // every user can be online at the peak of a diurnal curve; sessions log users in and out
  const onlineShare = p['diurnal.dayMs'] > 0 ? 1 : p.onlineFraction;
  const sessionMs = p['session.meanMs'] > 0 ? p['session.meanMs'] : p['diurnal.dayMs'] > 0 ? p['diurnal.dayMs'] / 48 : 0;
  const logins = sessionMs > 0 ? 2 * (1 + p.durationMs / sessionMs) : 1;
  const sends = (users * onlineShare * p.sendsPerUserPerMin * minutes) * 1.1 + 100;
  const biggestGroup = Math.min(users, p['groupSize.max']);
  const groupRecipients = groupRecipientsBound(p);
  const perSend = (1 - p.groupShare) * maxDevicesPerUser + p.groupShare * groupRecipients * maxDevicesPerUser + 4;
  const presenceChanges = users * onlineShare * p['presence.changesPerUserPerMin'] * minutes * 1.1 + 2 * users * logins;
  const audience = Math.min(users, p.groupsPerUser * groupRecipients + 1) * maxDevicesPerUser;
  const heartbeats = devices * (p.durationMs / p.heartbeatMs + 1);
  // connection life: attempt, handshake, register, timers; a fault or a storm reconnects everyone
  const storms = 1 + logins + 3 * p.faults.length;
  const connectionEvents = devices * 8 * storms;
  const ticks = G * p.heartbeatTicks * (p.durationMs / p.heartbeatMs + 1) + p.durationMs / p.sampleMs + 1;
  const events = connectionEvents + ticks + sends * perSend + presenceChanges * audience + heartbeats + 10_000;

  const memberships = users * p.groupsPerUser + biggestGroup;
  // the sync log queues per user (not per device); read fan-out keeps one row per group message
  const queuedPerGroupSend = p.fanout === 'read' ? 1 : p.fanout === 'hybrid' ? Math.min(groupRecipients, p.fanoutThreshold) : groupRecipients;
  const offlineQueued = sends * ((1 - p.groupShare) + p.groupShare * queuedPerGroupSend);
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
