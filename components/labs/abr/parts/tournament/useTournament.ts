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
 * With a learner's entrant, the worker must report progress at least this often once its traces
 * play: one trace is at most the learner's per-race tick budget (~1.2 s in Chromium) plus the
 * built-ins, so a longer silence is a memory bomb or a hang the tick budget cannot see.
 */
export const TOURNAMENT_STALL_MS = 2500;
/** ...and have loaded its traces and QuickJS within this. */
export const TOURNAMENT_LOAD_MS = 20_000;

/**
 * The tournament's worker, owned by the view: a fresh worker per run (Cancel terminates it, so a
 * long run stops at once), terminated when the view unmounts. With extra entrants (a learner's
 * code) a watchdog terminates a worker that stops reporting progress.
 */
export function useTournament() {
  const [state, setState] = useState<TournamentState>({ status: 'idle', cancelled: false });
  const worker = useRef<Worker | null>(null);
  const runId = useRef(0);

  const watchdog = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    if (watchdog.current !== null) clearTimeout(watchdog.current);
    watchdog.current = null;
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
      const arm = (ms: number, message: string) => {
        if (extras.length === 0) return;
        if (watchdog.current !== null) clearTimeout(watchdog.current);
        watchdog.current = setTimeout(() => {
          if (worker.current !== w) return;
          setState({ status: 'error', message });
          stop();
        }, ms);
      };
      arm(TOURNAMENT_LOAD_MS, `the tournament did not start within ${TOURNAMENT_LOAD_MS / 1000} s`);
      w.addEventListener('message', (e: MessageEvent<TournamentReply>) => {
        const reply = e.data;
        if (reply.runId !== id || worker.current !== w) return;
        if (reply.type === 'progress') {
          arm(
            TOURNAMENT_STALL_MS,
            `your code stopped responding for ${TOURNAMENT_STALL_MS / 1000} s after ${reply.done} of ${reply.total} traces (runaway memory or a hang the tick budget cannot see); the tournament was stopped`,
          );
          setState({ status: 'running', done: reply.done, total: reply.total });
        }
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
