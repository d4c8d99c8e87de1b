'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import type { FrameHost } from '@/simulations/core/runner';
import type { AnyLab, RunView } from '@/simulations/core/lab';
import type { ParamError } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { createPlayer, type PlayerEvent, type PlayerState } from './playerMachine';
import { useRunnerVersion } from './useRunner';
import { defaultSpeedFor } from './speed';
import { runForPreset, type RunSpec } from './link';
import { keptTimeOf, settlePlayerAfterRecreate, type SetParamsOptions } from './keepTime';
import { useCompanions } from './useCompanions';
import type { RunHost, RunHostEvents } from './run-host/runHost';
import { LocalRunHost } from './run-host/localRunHost';
import { WorkerRunHost } from './run-host/workerRunHost';
import { useRunWorker } from './run-host/useRunWorker';

const ANIMATION_FRAMES: FrameHost = {
  requestFrame: (cb) => window.requestAnimationFrame(cb),
  cancelFrame: (id) => window.cancelAnimationFrame(id),
  // lent to the loops so they spend a slice of wall time per frame (core/runner.ts FRAME_SLICE_MS)
  now: () => performance.now(),
};

/** Whether `run` still has to move to `t` (it is short of it, and has not ended before). */
function shortOf(run: RunView, t: number | undefined): t is number {
  return t !== undefined && run.now < Math.min(t, run.horizonMs) && !run.finished;
}

/**
 * Everything the shell does to a run, without any markup: the run host (in a Web Worker in the
 * browser, so building, playing and seeking never block the page), the player machine (play /
 * pause / step / reset / seek), speed, presets, params, seed and the companion runs. The shell's
 * components only read this and call its commands.
 *
 * `run` is what the view draws: the current run once its first state has arrived, and until then
 * the previous one (a parameter change never flashes an empty view), or null before any run is
 * ready.
 */
export function useLabRun(lab: AnyLab, initial: RunSpec) {
  const worker = useRunWorker();
  const companionWorker = useRunWorker(lab.companions !== undefined);
  const [initialTimeMs] = useState(initial.timeMs);
  const [presetId, setPresetId] = useState(initial.preset);
  const [error, setError] = useState<string | null>(null);

  // the player machine and the hosts talk through refs: hosts are replaced on every new run
  const sendRef = useRef<(e: PlayerEvent) => void>(() => {});
  const [events] = useState<RunHostEvents>(() => ({
    onLoopFinished: () => sendRef.current({ type: 'LOOP_FINISHED' }),
    onSeekDone: () => sendRef.current({ type: 'SEEK_DONE' }),
    onRunOver: () => sendRef.current({ type: 'RUN_OVER' }),
    onError: (message) => setError(message),
  }));
  const makeHost = useCallback(
    (params: Record<string, unknown>, seed: number): RunHost =>
      worker ? new WorkerRunHost(lab, params, seed, worker, events) : LocalRunHost.create(lab, params, seed, ANIMATION_FRAMES, events),
    [lab, worker, events],
  );
  const [host, setHost] = useState<RunHost>(() => {
    const h = makeHost(initial.params, initial.seed);
    if (initial.timeMs !== undefined) h.seekAtOnce(initial.timeMs);
    return h;
  });
  const hostRef = useRef(host);
  const [speed, setSpeed] = useState(() => defaultSpeedFor(host.run.horizonMs));
  const speedRef = useRef(speed);

  const [player] = useState(() => createPlayer(() => hostRef.current, () => speedRef.current));
  const actorRef = useActorRef(player);
  useEffect(() => {
    sendRef.current = actorRef.send;
  }, [actorRef]);
  const machineState = useSelector(actorRef, (s) => s.value as PlayerState);
  const seekTarget = useSelector(actorRef, (s) => s.context.seekTarget);

  // the view shows the newest run whose first state has arrived
  const hostVersion = useRunnerVersion(host.run);
  const companions = useCompanions(lab, host.run.params as Record<string, unknown>, host.run.seed, companionWorker);
  const lastReady = useRef<RunView | null>(null);
  // A fresh run (t = 0, nothing logged) whose own "finished" companion is on its way (ABR's preview
  // of the whole race) comes on screen with it: the view is laid out once, not empty and again full
  // (a layout shift and a second long render). The hold ends at once if the run moves or the
  // companion fails; it never takes a run off the screen. Only with a companion worker (in Node,
  // server renders and tests, companions are not run in the background).
  const held =
    host.ready &&
    lastReady.current !== host.run &&
    companions.livePending === true &&
    companionWorker !== null &&
    host.run.now === 0 &&
    host.run.recorder.events.length === 0;
  if (host.ready && !held) lastReady.current = host.run;
  const run = host.ready && !held ? host.run : lastReady.current;
  const runVersion = useRunnerVersion(run ?? host.run);
  // The player's state as shown: it changes once the run has caught up with the commands that led
  // to it (a worker run answers a moment later), so "paused" always comes with its settled time.
  const shownState = useRef<PlayerState>(machineState);
  // (a run re-created "from now on" that is still replaying is not on screen yet: neither is its state)
  if (host.synced && host.ready) shownState.current = machineState;
  const state = shownState.current;

  useEffect(() => {
    speedRef.current = speed;
    hostRef.current.setSpeed(speed);
  }, [speed]);

  useEffect(() => {
    // a shared link opened at time t: the run starts paused there (after a replay if it is long)
    const h = hostRef.current;
    if (shortOf(h.run, initialTimeMs)) actorRef.send({ type: 'SEEK', t: initialTimeMs });
    else if (initialTimeMs !== undefined || h.run.now > 0) actorRef.send({ type: 'SCRUBBED' });
    return () => hostRef.current.dispose();
  }, [actorRef, initialTimeMs]);

  /** Move the run to time t: at once when that is cheap, else as a replay over several frames. */
  const seekTo = useCallback(
    (t: number) => {
      if (hostRef.current.seekAtOnce(t)) actorRef.send({ type: 'SCRUBBED' });
      else actorRef.send({ type: 'SEEK', t });
    },
    [actorRef],
  );

  const recreate = useCallback(
    (params: Record<string, unknown>, seed: number, preset: string | undefined, keepTime = false) => {
      const previous = hostRef.current;
      const t = keepTime ? keptTimeOf(previous.run) : 0;
      const next = makeHost(params, seed);
      if (t > 0 && !next.seekAtOnce(t)) next.holdUntil = t;
      previous.dispose();
      hostRef.current = next;
      next.setSpeed(speedRef.current);
      setHost(next);
      setPresetId(preset);
      setError(null);
      actorRef.send({ type: 'RECREATED' });
      if (keepTime && shortOf(next.run, t)) actorRef.send({ type: 'SEEK', t });
      else settlePlayerAfterRecreate(actorRef, next.run);
    },
    [makeHost, actorRef],
  );

  // the worker could not start: run the current params on this thread instead
  useEffect(() => {
    const h = hostRef.current;
    if (!worker && h instanceof WorkerRunHost) recreate(h.run.params as Record<string, unknown>, h.run.seed, presetId);
  }, [worker, recreate, presetId]);

  // a change that breaks a rule spanning several params is refused and explained, never run
  const [conflicts, setConflicts] = useState<ParamError[]>([]);
  const applyParams = useCallback(
    (params: Record<string, unknown>, keepTime: boolean) => {
      const errors = paramProblems(lab, params);
      setConflicts(errors);
      if (errors.length === 0) recreate(params, hostRef.current.run.seed, presetId, keepTime);
    },
    [lab, recreate, presetId],
  );
  const setParam = useCallback((key: string, value: unknown) => applyParams({ ...(hostRef.current.run.params as Record<string, unknown>), [key]: value }, false), [applyParams]);
  const setParams = useCallback(
    (changes: Record<string, unknown>, options?: SetParamsOptions) => applyParams({ ...(hostRef.current.run.params as Record<string, unknown>), ...changes }, options?.keepTime === true),
    [applyParams],
  );
  const choosePreset = useCallback(
    (id: string | undefined) => {
      const { run: spec } = runForPreset(lab, id);
      setConflicts([]);
      recreate(spec.params, spec.seed, spec.preset);
    },
    [lab, recreate],
  );
  const setSeed = useCallback((seed: number) => recreate(hostRef.current.run.params as Record<string, unknown>, seed, presetId), [recreate, presetId]);

  const params = host.run.params;
  const modified = useMemo(() => {
    if (!presetId) return false;
    return JSON.stringify(runForPreset(lab, presetId).run.params) !== JSON.stringify(params);
  }, [lab, presetId, params]);

  return {
    /** the run the view draws (null until the first run is ready) */
    run,
    runVersion,
    /** the current run, ready or not (its params and seed are the panel's) */
    current: host.run,
    hostVersion,
    hostRef,
    state,
    seekTarget,
    send: actorRef.send,
    speed,
    setSpeed,
    /** the speed the live loop actually reaches (NaN until measured); read each render while playing */
    reachedSpeed: state === 'playing' ? host.reachedSpeed : NaN,
    /** what the last step landed on, for people (null until a step) */
    caption: host.caption,
    /** the machine's own state (commands go by it; `state` is what is shown) */
    machineState,
    presetId,
    modified,
    conflicts,
    error,
    companions,
    seekTo,
    setParam,
    setParams,
    choosePreset,
    setSeed,
  };
}

export type LabRun = ReturnType<typeof useLabRun>;
