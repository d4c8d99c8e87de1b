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
import { setAssetReader } from '@/simulations/core/assets';
import { sameOriginAssetReader } from '@/components/lab-shell/run-host/assetReader';

const scope = self as unknown as {
  postMessage(message: RaceReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<RaceRequest>) => void): void;
};

// the host side reads the lab's data files like the shell's run worker does (a race on a real trace,
// e.g. one opened from the tournament); the learner's code in QuickJS still reaches nothing
setAssetReader(sameOriginAssetReader((self as unknown as { location: Location }).location.origin));

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
