/** Shared by the code-lab unit tests. */
import { SandboxError } from '@/code-lab/sandbox/program';

/** The SandboxError `fn` throws; anything else (another error, or nothing) fails the test. */
export function sandboxFailure(fn: () => unknown): SandboxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SandboxError) return e;
    throw new Error(`expected a SandboxError, got ${String(e)}`);
  }
  throw new Error('expected a SandboxError, nothing was thrown');
}
