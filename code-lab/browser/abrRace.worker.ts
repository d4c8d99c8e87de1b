/**
 * The code lab's worker: plays one race with the learner's code in QuickJS and posts the recorded
 * decisions (code-lab.md §3). One worker per Run; the page's watchdog (raceInWorker.ts) terminates
 * it when it stops reporting progress, which is the only thing that stops a memory bomb.
 * LOUD: no top-level await here (Turbopack/webpack workers may be classic scripts, research §1).
 */
import { loadQuickJs } from '../sandbox/quickjs';
import { SandboxError } from '../sandbox/program';
import { recordRace } from '../abr/race';
import type { RaceReply, RaceRequest } from './protocol';

const scope = self as unknown as {
  postMessage(message: RaceReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<RaceRequest>) => void): void;
};

scope.addEventListener('message', (e) => {
  const request = e.data;
  if (request?.type !== 'race') return;
  loadQuickJs().then(
    (qjs) => {
      scope.postMessage({ type: 'ready' });
      try {
        const outcome = recordRace(qjs, request.program, request.params, request.seed, {
          onDecision: (decisions) => scope.postMessage({ type: 'progress', decisions }),
        });
        scope.postMessage({ type: 'done', outcome });
      } catch (err) {
        scope.postMessage(errorReply(err));
      }
    },
    (err) => scope.postMessage(errorReply(err)),
  );
});

function errorReply(err: unknown): RaceReply {
  if (err instanceof SandboxError) return { type: 'error', kind: err.kind, message: err.message, detail: err.detail, location: err.location };
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'error', kind: 'internal', message, detail: message, location: null };
}
