/**
 * The Web Worker that runs labs for the shell (see runService.ts). Frames are timers here (workers
 * have no animation frames): each one spends WORKER_SLICE_MS on the run, then posts what changed.
 */
import { loadLabDefinition } from '@/simulations/labLoaders';
import type { RunCommand, RunReply } from './protocol';
import { RunService } from './runService';
import { setAssetReader } from '@/simulations/core/assets';
import { sameOriginAssetReader } from './assetReader';

/** Off the main thread the run may use most of each 16 ms frame. */
const WORKER_SLICE_MS = 12;
const FRAME_MS = 16;

const scope = self as unknown as {
  postMessage(message: RunReply, options?: { transfer?: Transferable[] }): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<RunCommand>) => void): void;
};

// data files labs ship under public/ (the ABR lab's real traces)
setAssetReader(sameOriginAssetReader(self.location.origin));

const service = new RunService({
  post: (reply, transfer) => scope.postMessage(reply, { transfer }),
  frames: {
    requestFrame: (cb) => setTimeout(() => cb(performance.now()), FRAME_MS - WORKER_SLICE_MS) as unknown as number,
    cancelFrame: (id) => clearTimeout(id),
    now: () => performance.now(),
    sliceMs: WORKER_SLICE_MS,
  },
  loadLab: loadLabDefinition,
});

scope.addEventListener('message', (e) => service.enqueue(e.data));
