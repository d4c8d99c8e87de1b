/**
 * Sync-when-possible coroutines.
 *
 * The tus handler is written once as generator functions (`yield* wait(x)` reads like `await x`) and
 * driven by run(). When every step is a plain value or an already-settled Future (in-memory store,
 * simulated network) the whole request runs synchronously inside the scheduler event that delivered
 * its bytes, so virtual time stays exact. When a step is a real Promise (file store, Node sockets)
 * the driver awaits it.
 *
 * LOUD: do not turn the handler into async/await. A native `await` always defers to a microtask,
 * which runs after the simulation's synchronous scheduler loop has already moved virtual time on.
 */

export type Step<T> = T | PromiseLike<T> | Future<T>;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise-like value that settles synchronously and calls its listeners synchronously. */
export class Future<T> {
  private outcome: Settled<T> | null = null;
  private listeners: ((o: Settled<T>) => void)[] = [];

  get settled(): boolean {
    return this.outcome !== null;
  }

  resolve(value: T): void {
    this.settle({ ok: true, value });
  }

  reject(error: unknown): void {
    this.settle({ ok: false, error });
  }

  /** Listener runs now if already settled, else at settlement. */
  onSettle(listener: (o: Settled<T>) => void): void {
    if (this.outcome) listener(this.outcome);
    else this.listeners.push(listener);
  }

  /** Bridge to async code (tests, Node adapters). */
  toPromise(): Promise<T> {
    return new Promise<T>((resolve, reject) => this.onSettle((o) => (o.ok ? resolve(o.value) : reject(o.error))));
  }

  private settle(o: Settled<T>): void {
    if (this.outcome) return;
    this.outcome = o;
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l(o);
  }

  static resolved<T>(value: T): Future<T> {
    const f = new Future<T>();
    f.resolve(value);
    return f;
  }
}

export function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as { then?: unknown }).then === 'function';
}

/** `const v = yield* wait(step)` inside a coroutine. */
export function* wait<T>(step: Step<T>): Generator<Step<unknown>, T, unknown> {
  return (yield step) as T;
}

export type Coroutine<T> = Generator<Step<unknown>, T, unknown>;

/** Drive a coroutine. Synchronous steps are trampolined (no recursion), async steps awaited. */
export function run<T>(co: Coroutine<T>): Future<T> {
  const result = new Future<T>();
  let input: Settled<unknown> = { ok: true, value: undefined };
  const loop = (): void => {
    for (;;) {
      let r: IteratorResult<Step<unknown>, T>;
      try {
        r = input.ok ? co.next(input.value) : co.throw(input.error);
      } catch (e) {
        result.reject(e);
        return;
      }
      if (r.done) {
        result.resolve(r.value);
        return;
      }
      const step = r.value;
      if (step instanceof Future) {
        let syncOutcome: Settled<unknown> | null = null;
        let waiting = false;
        step.onSettle((o) => {
          if (!waiting) syncOutcome = o;
          else {
            input = o;
            loop();
          }
        });
        if (syncOutcome) {
          input = syncOutcome;
          continue;
        }
        waiting = true;
        return;
      }
      if (isPromiseLike(step)) {
        step.then(
          (value) => {
            input = { ok: true, value };
            loop();
          },
          (error) => {
            input = { ok: false, error };
            loop();
          },
        );
        return;
      }
      input = { ok: true, value: step };
    }
  };
  loop();
  return result;
}

/** Turn any step into a Future (so callers can attach listeners uniformly). */
export function toFuture<T>(step: Step<T>): Future<T> {
  if (step instanceof Future) return step;
  const f = new Future<T>();
  if (isPromiseLike(step)) step.then((v) => f.resolve(v as T), (e) => f.reject(e));
  else f.resolve(step as T);
  return f;
}
