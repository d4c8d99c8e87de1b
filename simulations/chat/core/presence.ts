/**
 * Presence (LinkedIn, "Now you see me, now you don't", 2018): clients heartbeat every d; each online
 * member has ONE delayed trigger that fires d + 2ε after the last heartbeat; when it fires and no newer
 * heartbeat arrived, the member goes offline. Heartbeats do not re-arm the trigger (that would be one
 * timer operation per heartbeat); a trigger that finds a newer heartbeat re-arms itself at
 * lastBeat + d + 2ε instead.
 *
 * Timers may fire late (a real timer wheel, or a batched simulation tick): a heartbeat that arrives
 * after lastBeat + d + 2ε first publishes the offline transition that should have happened, stamped
 * with its exact time, then the online transition. So the published timeline is exact regardless of
 * timer lateness, provided heartbeats and triggers due in the same batch are processed heartbeats first.
 */

export const PRESENCE_OFFLINE = 0;
export const PRESENCE_ONLINE = 1;
export const PRESENCE_AWAY = 2;
export type PresenceStatus = typeof PRESENCE_OFFLINE | typeof PRESENCE_ONLINE | typeof PRESENCE_AWAY;

export const PRESENCE_STRATEGIES = ['all-members', 'foreground-only', 'coalesced'] as const;
export type PresenceStrategy = (typeof PRESENCE_STRATEGIES)[number];

export interface PresenceSink {
  /** A status change to fan out to subscribers, at virtual/real time `at`. */
  publish(user: number, status: PresenceStatus, at: number): void;
  /** Start a one-shot timer for `user` that calls trigger(user, dueAt) at dueAt. */
  arm(user: number, dueAt: number): void;
}

export interface PresenceConfig {
  /** heartbeat period the rule assumes (ms) */
  dMs: number;
  /** slack for network delay (ms) */
  epsilonMs: number;
}

const NONE = -1;

export class PresenceService {
  readonly status: Uint8Array;
  readonly lastBeat: Float64Array;
  /** due time of the armed trigger, or -1 */
  readonly armedAt: Float64Array;
  readonly expiryMs: number;
  onlineUsers = 0;
  transitions = 0;

  constructor(
    readonly users: number,
    readonly config: PresenceConfig,
  ) {
    this.status = new Uint8Array(users);
    this.lastBeat = new Float64Array(users).fill(-Infinity);
    this.armedAt = new Float64Array(users).fill(NONE);
    this.expiryMs = config.dMs + 2 * config.epsilonMs;
  }

  isOnline(user: number): boolean {
    return this.status[user] !== PRESENCE_OFFLINE;
  }

  /** A heartbeat (or a fresh connection) from any device of `user`, sent at time t. */
  heartbeat(user: number, t: number, sink: PresenceSink): void {
    const last = this.lastBeat[user];
    if (this.status[user] !== PRESENCE_OFFLINE && t - last > this.expiryMs) {
      // the trigger was late: publish the offline transition at its exact time first
      this.goOffline(user, last + this.expiryMs, sink);
    }
    if (t > last) this.lastBeat[user] = t;
    if (this.status[user] === PRESENCE_OFFLINE) {
      this.status[user] = PRESENCE_ONLINE;
      this.onlineUsers++;
      this.transitions++;
      sink.publish(user, PRESENCE_ONLINE, t);
    }
    if (this.armedAt[user] === NONE) {
      const due = this.lastBeat[user] + this.expiryMs;
      this.armedAt[user] = due;
      sink.arm(user, due);
    }
  }

  /** The delayed trigger of `user` fired at time `now`. */
  trigger(user: number, now: number, sink: PresenceSink): void {
    this.armedAt[user] = NONE;
    if (this.status[user] === PRESENCE_OFFLINE) return;
    const due = this.lastBeat[user] + this.expiryMs;
    if (due <= now) {
      this.goOffline(user, due, sink);
    } else {
      this.armedAt[user] = due;
      sink.arm(user, due);
    }
  }

  /** Online ↔ away (idle) toggles, published like any other change. Ignored while offline. */
  setAway(user: number, away: boolean, t: number, sink: PresenceSink): void {
    const s = this.status[user];
    if (s === PRESENCE_OFFLINE) return;
    const next = away ? PRESENCE_AWAY : PRESENCE_ONLINE;
    if (s === next) return;
    this.status[user] = next;
    this.transitions++;
    sink.publish(user, next as PresenceStatus, t);
  }

  private goOffline(user: number, at: number, sink: PresenceSink): void {
    this.status[user] = PRESENCE_OFFLINE;
    this.onlineUsers--;
    this.transitions++;
    sink.publish(user, PRESENCE_OFFLINE, at);
  }
}

/**
 * Who receives one presence change of a member of a group under each strategy, as a count of
 * sockets: `onlineDevices` / `foregroundDevices` are the group's connected devices (all, and the
 * foreground ones) minus the changing user's own. Coalesced changes are not sent per change: see
 * PresenceCoalescer.
 */
export function presenceAudience(strategy: PresenceStrategy, onlineDevices: number, foregroundDevices: number): number {
  switch (strategy) {
    case 'all-members':
      return onlineDevices;
    case 'foreground-only':
      return foregroundDevices;
    case 'coalesced':
      return 0;
  }
}

/**
 * Coalescing: changes in a group within one window are batched; at the end of the window each
 * foreground subscriber receives ONE update carrying all of them (caps deliveries at n/W per
 * subscriber).
 */
export class PresenceCoalescer {
  private dirtyStamp: Float64Array;
  private dirty: number[] = [];
  changesCoalesced = 0;
  private window = 0;

  constructor(groups: number) {
    this.dirtyStamp = new Float64Array(groups).fill(-1);
  }

  markDirty(group: number): void {
    this.changesCoalesced++;
    if (this.dirtyStamp[group] === this.window) return;
    this.dirtyStamp[group] = this.window;
    this.dirty.push(group);
  }

  /** End the window: `deliver(group)` once per dirty group; returns the number of dirty groups. */
  flush(deliver: (group: number) => void): number {
    const groups = this.dirty;
    this.dirty = [];
    this.window++;
    for (let i = 0; i < groups.length; i++) deliver(groups[i]);
    return groups.length;
  }
}
