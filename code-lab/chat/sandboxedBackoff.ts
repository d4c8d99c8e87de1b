/**
 * The learner's reconnect backoff policy as the chat lab's connections see a plug-in: a
 * BackoffPolicy whose delayMs() calls into the learner's program in its own QuickJS sandbox. Every
 * wait is checked on the host (a finite number of ms, 0 … MAX_DELAY_MS), and the number of waits is
 * capped by the lab's own work budget for reconnects: a policy that retries too fast is stopped
 * with a message, never allowed to flood the run. Errors are SandboxErrors at the line of `delayMs`.
 */
import type { BackoffEnv, BackoffInput, BackoffPolicy, BackoffPolicyFactory } from '@/simulations/chat/core/backoffPolicy';
import type { SandboxEngine, SandboxLimits } from '../sandbox/vm';
import { definitionOf, SandboxError, type CompiledProgram } from '../sandbox/program';
import { describeValue, openTarget } from '../sandbox/target';

/** What the learner's program exports: `export function createPolicy(env: BackoffEnv): BackoffPolicy`. */
export const CHAT_FACTORY = 'createPolicy';
const CONTRACT = { factory: CHAT_FACTORY, required: ['delayMs'], signature: 'delayMs(input)' } as const;

/** The longest wait a policy may ask for: the lab's own maximum for reconnect.capMs (1 hour). */
export const MAX_DELAY_MS = 3_600_000;

/** LOUD: a crash storm asks for a wait per phone and attempt (tens of thousands): a larger budget per run than ABR's. */
export const BACKOFF_LIMITS: Partial<SandboxLimits> = { ticksPerRun: 60_000 };

export interface SandboxedBackoff extends BackoffPolicy {
  readonly ticks: number;
  readonly calls: number;
  readonly logs: readonly string[];
  dispose(): void;
}

export function createSandboxedBackoff(engine: SandboxEngine, program: CompiledProgram, env: BackoffEnv, seed: number, maxCalls: number, limits: Partial<SandboxLimits> = BACKOFF_LIMITS): SandboxedBackoff {
  const box = openTarget(engine, program, CONTRACT, env, seed, limits);
  const at = definitionOf(program.source, 'delayMs');
  let calls = 0;
  return {
    get ticks() {
      return box.totalTicks;
    },
    get calls() {
      return calls;
    },
    logs: box.logs,
    delayMs(input: BackoffInput): number {
      if (++calls > maxCalls) {
        throw new SandboxError('budget', `delayMs() was asked for more than ${maxCalls} waits (the lab's work budget for reconnects in this run): do your clients retry too fast?`, at, program.file);
      }
      const d = box.call('delayMs', input);
      if (typeof d !== 'number' || !Number.isFinite(d) || d < 0 || d > MAX_DELAY_MS) {
        throw new SandboxError('contract', `delayMs() for attempt ${input.attempt} returned ${describeValue(d)}: it must be a number of ms, 0 … ${MAX_DELAY_MS}`, at, program.file);
      }
      return d;
    },
    dispose() {
      box.dispose();
    },
  };
}

/** The learner's policy as the lab's plug-in factory; `made` collects every instance (to dispose, to read ticks). */
export function backoffEntrant(engine: SandboxEngine, program: CompiledProgram, maxCalls: number, made: SandboxedBackoff[] = [], limits?: Partial<SandboxLimits>): BackoffPolicyFactory {
  return (env, seed) => {
    const p = createSandboxedBackoff(engine, program, env, seed, maxCalls, limits);
    made.push(p);
    return p;
  };
}
