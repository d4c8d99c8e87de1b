'use client';
import type { RunReply } from './protocol';
import { createRunWorker } from './useRunWorker';

export interface HeadlessResult {
  params: Record<string, unknown>;
  seed: number;
  now: number;
  horizonMs: number;
  result: unknown;
}

let nextRequest = 1;

/**
 * Runs a preset (or a lab-page query) to its end in a worker of its own and resolves with the result
 * document: exactly the run the embed or the lab page plays (same params, same seed). Never on the
 * main thread (architecture rule 4): without module workers it rejects with a message.
 */
export function runPresetHeadless(labId: string, options: { preset?: string; query?: string } = {}): Promise<HeadlessResult> {
  const worker = createRunWorker('lab-headless');
  if (!worker) return Promise.reject(new Error('this browser cannot run labs in the background (no module workers)'));
  const runId = nextRequest++;
  return new Promise<HeadlessResult>((resolve, reject) => {
    const finish = () => worker.terminate();
    worker.addEventListener('message', (e: MessageEvent<RunReply>) => {
      const reply = e.data;
      if (reply.runId !== runId) return;
      if (reply.type === 'preset-result') {
        finish();
        resolve({ params: reply.params, seed: reply.seed, now: reply.now, horizonMs: reply.horizonMs, result: reply.result });
      } else if (reply.type === 'error') {
        finish();
        reject(new Error(reply.message));
      }
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      finish();
      reject(new Error('the background run could not start'));
    });
    worker.postMessage({ type: 'preset-result', runId, labId, preset: options.preset, query: options.query });
  });
}
