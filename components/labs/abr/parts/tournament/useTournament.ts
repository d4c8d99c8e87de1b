'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AbrParams, TraceScore, TraceSetId } from '@/simulations/abr';
import type { EntrantSpec, TournamentReply, TournamentRequest } from './protocol';

export interface TournamentResult {
  entrants: { id: string; label: string }[];
  scores: TraceScore[];
  sets: TraceSetId[];
  traces: number;
  /** the params and seed it ran with (a race opened from it uses them) */
  params: AbrParams;
  seed: number;
  /** wall time from Run to the result on this page, and the worker's own split */
  wallMs: number;
  simulateMs: number;
  loadMs: number;
}

export type TournamentState =
  | { status: 'idle'; cancelled: boolean }
  | { status: 'running'; done: number; total: number | null }
  | { status: 'done'; result: TournamentResult }
  | { status: 'error'; message: string };

export interface TournamentInput {
  sets: TraceSetId[];
  params: AbrParams;
  seed: number;
  extras?: EntrantSpec[];
}

/**
 * The tournament's worker, owned by the view: a fresh worker per run (Cancel terminates it, so a
 * long run stops at once), terminated when the view unmounts.
 */
export function useTournament() {
  const [state, setState] = useState<TournamentState>({ status: 'idle', cancelled: false });
  const worker = useRef<Worker | null>(null);
  const runId = useRef(0);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const start = useCallback(
    ({ sets, params, seed, extras = [] }: TournamentInput) => {
      stop();
      if (typeof Worker === 'undefined') {
        setState({ status: 'error', message: 'this browser cannot run the tournament (no Web Workers)' });
        return;
      }
      const id = ++runId.current;
      const started = performance.now();
      const w = new Worker(new URL('./tournament.worker.ts', import.meta.url), { type: 'module', name: 'abr-tournament' });
      worker.current = w;
      setState({ status: 'running', done: 0, total: null });
      w.addEventListener('message', (e: MessageEvent<TournamentReply>) => {
        const reply = e.data;
        if (reply.runId !== id || worker.current !== w) return;
        if (reply.type === 'progress') setState({ status: 'running', done: reply.done, total: reply.total });
        else if (reply.type === 'error') {
          setState({ status: 'error', message: reply.message });
          stop();
        } else {
          const traces = new Set(reply.scores.map((s) => s.trace)).size;
          setState({
            status: 'done',
            result: { entrants: reply.entrants, scores: reply.scores, sets, traces, params, seed, wallMs: performance.now() - started, simulateMs: reply.simulateMs, loadMs: reply.loadMs },
          });
          stop();
        }
      });
      w.addEventListener('error', (e) => {
        e.preventDefault();
        if (worker.current !== w) return;
        setState({ status: 'error', message: 'the tournament worker failed to start' });
        stop();
      });
      const request: TournamentRequest = { type: 'run', runId: id, sets, params, seed, extras };
      w.postMessage(request);
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    runId.current++;
    setState({ status: 'idle', cancelled: true });
  }, [stop]);

  return { state, start, cancel };
}
