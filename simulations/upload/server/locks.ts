/**
 * One writer per upload. A request that finds the upload locked asks the holder to stop
 * ("takeover", as tusd and @tus/server do, and as the IETF draft recommends): the holder commits
 * what it has received and releases. This is what frees uploads held by half-open connections
 * without waiting for TCP timeouts. A waiter that is not served within `waitMs` gets LockTimeout (423).
 */
import { Future } from './flow';
import type { ServerClock, TimerHandle } from './clock';

export interface LockHolder {
  /** Called when another request wants the upload. Must make the holder release soon. */
  interrupt(reason: 'takeover' | 'shutdown'): void;
}

export class LockTimeout extends Error {
  constructor(id: string) {
    super(`upload ${id} stayed locked`);
    this.name = 'LockTimeout';
  }
}

export type Release = () => void;

interface Waiter {
  holder: LockHolder;
  future: Future<Release>;
  timer: TimerHandle;
}

interface LockState {
  holder: LockHolder;
  waiters: Waiter[];
}

export class UploadLocks {
  private locks = new Map<string, LockState>();

  constructor(private readonly clock: ServerClock) {}

  isLocked(id: string): boolean {
    return this.locks.has(id);
  }

  acquire(id: string, holder: LockHolder, waitMs: number): Future<Release> {
    const future = new Future<Release>();
    const state = this.locks.get(id);
    if (!state) {
      this.locks.set(id, { holder, waiters: [] });
      future.resolve(this.releaser(id, holder));
      return future;
    }
    const timer = this.clock.setTimeout(() => {
      state.waiters = state.waiters.filter((w) => w.future !== future);
      future.reject(new LockTimeout(id));
    }, waitMs);
    state.waiters.push({ holder, future, timer });
    state.holder.interrupt('takeover');
    return future;
  }

  /** Ask every holder to stop (server shutdown). */
  interruptAll(): void {
    for (const s of this.locks.values()) s.holder.interrupt('shutdown');
  }

  private releaser(id: string, holder: LockHolder): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const state = this.locks.get(id);
      if (!state || state.holder !== holder) return;
      const next = state.waiters.shift();
      if (!next) {
        this.locks.delete(id);
        return;
      }
      this.clock.clearTimeout(next.timer);
      state.holder = next.holder;
      // Newest request wins: if others are still queued, the new holder is asked to stop at once.
      if (state.waiters.length > 0) next.holder.interrupt('takeover');
      next.future.resolve(this.releaser(id, next.holder));
    };
  }
}
