/**
 * The code lab's worker: plays one race with the learner's code in QuickJS and posts the outcome
 * (code-lab.md §3): an ABR race's recorded decisions, or a Kafka partitioner / chat backoff race's
 * rows. One worker per Run; the page's watchdog (raceInWorker.ts) terminates it when it stops
 * reporting progress, which is the only thing that stops a memory bomb.
 * LOUD: no top-level await here (Turbopack/webpack workers may be classic scripts, research §1).
 */
import { loadQuickJs, type QuickJSWASMModule } from '../sandbox/quickjs';
import { SandboxError } from '../sandbox/program';
import { recordRace } from '../abr/race';
import { racePartitioners } from '../kafka/race';
import { raceBackoffPolicies } from '../chat/race';
import type { RaceReply, RaceRequest, RaceTargets, RaceTarget } from './protocol';
import { setAssetReader } from '@/simulations/core/assets';
import { sameOriginAssetReader } from '@/components/lab-shell/run-host/assetReader';

const scope = self as unknown as {
  postMessage(message: RaceReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<RaceRequest>) => void): void;
};

// the host side reads the lab's data files like the shell's run worker does (a race on a real trace,
// e.g. one opened from the tournament); the learner's code in QuickJS still reaches nothing
setAssetReader(sameOriginAssetReader((self as unknown as { location: Location }).location.origin));

const percent = (label: string, fraction: number) => scope.postMessage({ type: 'progress', count: Math.round(100 * fraction), label });

function race(qjs: QuickJSWASMModule, request: RaceRequest): RaceTargets[RaceTarget]['outcome'] {
  switch (request.target) {
    case 'abr':
      return recordRace(qjs, request.program, request.params, request.seed, { onDecision: (count) => scope.postMessage({ type: 'progress', count }) });
    case 'kafka':
      return racePartitioners(qjs, request.program, request.params, request.seed, { onProgress: percent });
    case 'chat':
      return raceBackoffPolicies(qjs, request.program, request.params, request.seed, { onProgress: percent });
  }
}

scope.addEventListener('message', (e) => {
  const request = e.data;
  if (request?.type !== 'race') return;
  loadQuickJs().then(
    (qjs) => {
      scope.postMessage({ type: 'ready' });
      try {
        scope.postMessage({ type: 'done', outcome: race(qjs, request) });
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
