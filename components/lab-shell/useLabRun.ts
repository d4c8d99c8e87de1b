'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import { LiveLoop, Runner, SeekLoop, SEEK_EVENTS_AT_ONCE, type FrameHost } from '@/simulations/core/runner';
import type { AnyLab } from '@/simulations/core/lab';
import type { ParamError } from '@/simulations/core/params';
import { createPlayer, type PlayerState } from './playerMachine';
import { useRunnerVersion } from './useRunner';
import { defaultSpeedFor } from './speed';
import { runForPreset, type RunSpec } from './link';
import { runKeepingTime, settlePlayerAfterRecreate, type SetParamsOptions } from './keepTime';
import { useCompanions } from './useCompanions';

const ANIMATION_FRAMES: FrameHost = {
  requestFrame: (cb) => window.requestAnimationFrame(cb),
  cancelFrame: (id) => window.cancelAnimationFrame(id),
  // lent to the loops so they spend a slice of wall time per frame (core/runner.ts FRAME_SLICE_MS)
  now: () => performance.now(),
};

/** A run at the link's time; a long replay stops after SEEK_EVENTS_AT_ONCE and the shell continues it. */
function startRun(lab: AnyLab, run: RunSpec): Runner {
  const runner = new Runner(lab, run.params, run.seed);
  if (run.timeMs !== undefined) runner.scrubTo(run.timeMs, SEEK_EVENTS_AT_ONCE);
  return runner;
}

/** Whether `runner` still has to replay to `t` (it stopped short, and its run has not ended before). */
function shortOf(runner: Runner, t: number | undefined): t is number {
  return t !== undefined && runner.now < Math.min(t, runner.horizonMs) && !runner.finished;
}

/**
 * Everything the shell does to a run, without any markup: the current runner, the player machine
 * (play / pause / step / reset / seek) with its live and seek loops, speed, presets, params, seed
 * and the companion runs. The shell's components only read this and call its commands.
 */
export function useLabRun(lab: AnyLab, initial: RunSpec) {
  const [runner, setRunner] = useState(() => startRun(lab, initial));
  const runnerRef = useRef(runner);
  const [presetId, setPresetId] = useState(initial.preset);
  const [speed, setSpeed] = useState(() => defaultSpeedFor(runner.horizonMs));
  // the link's time matters only for the first run
  const [initialTimeMs] = useState(initial.timeMs);

  const loopRef = useRef<LiveLoop | null>(null);
  const seekRef = useRef<SeekLoop | null>(null);
  const [player] = useState(() => createPlayer(() => runnerRef.current, () => loopRef.current, () => seekRef.current));
  const actorRef = useActorRef(player);
  if (!loopRef.current) {
    loopRef.current = new LiveLoop(() => runnerRef.current, ANIMATION_FRAMES, () => actorRef.send({ type: 'LOOP_FINISHED' }));
    seekRef.current = new SeekLoop(() => runnerRef.current, ANIMATION_FRAMES, () => actorRef.send({ type: 'SEEK_DONE' }));
  }
  const state = useSelector(actorRef, (s) => s.value as PlayerState);
  const seekTarget = useSelector(actorRef, (s) => s.context.seekTarget);
  const version = useRunnerVersion(runner);
  const companions = useCompanions(lab, runner);

  useEffect(() => {
    loopRef.current!.speed = speed;
  }, [speed]);

  useEffect(() => {
    // a shared link opened at time t: the run starts paused there (after a replay if it is long)
    if (shortOf(runnerRef.current, initialTimeMs)) actorRef.send({ type: 'SEEK', t: initialTimeMs });
    else if (initialTimeMs !== undefined || runnerRef.current.now > 0) actorRef.send({ type: 'SCRUBBED' });
    const loop = loopRef.current;
    const seek = seekRef.current;
    return () => {
      loop?.pause();
      seek?.stop();
    };
  }, [actorRef, initialTimeMs]);

  /** Move the run to time t: at once when that is cheap, else as a replay over several frames. */
  const seekTo = useCallback(
    (t: number) => {
      if (runnerRef.current.scrubTo(t, SEEK_EVENTS_AT_ONCE)) actorRef.send({ type: 'SCRUBBED' });
      else actorRef.send({ type: 'SEEK', t });
    },
    [actorRef],
  );

  const recreate = useCallback(
    (params: Record<string, unknown>, seed: number, preset: string | undefined, keepTime = false) => {
      const previous = runnerRef.current;
      const next = keepTime ? runKeepingTime(lab, params, seed, previous, SEEK_EVENTS_AT_ONCE) : new Runner(lab, params, seed);
      runnerRef.current = next;
      setRunner(next);
      setPresetId(preset);
      actorRef.send({ type: 'RECREATED' });
      if (keepTime && shortOf(next, previous.now)) actorRef.send({ type: 'SEEK', t: previous.now });
      else settlePlayerAfterRecreate(actorRef, next);
    },
    [lab, actorRef],
  );

  // a change that breaks a rule spanning several params is refused and explained, never run
  const [conflicts, setConflicts] = useState<ParamError[]>([]);
  const applyParams = useCallback(
    (params: Record<string, unknown>, keepTime: boolean) => {
      const errors = lab.checkParams?.(params) ?? [];
      setConflicts(errors);
      if (errors.length === 0) recreate(params, runnerRef.current.seed, presetId, keepTime);
    },
    [lab, recreate, presetId],
  );
  const setParam = useCallback((key: string, value: unknown) => applyParams({ ...runnerRef.current.params, [key]: value }, false), [applyParams]);
  const setParams = useCallback(
    (changes: Record<string, unknown>, options?: SetParamsOptions) => applyParams({ ...runnerRef.current.params, ...changes }, options?.keepTime === true),
    [applyParams],
  );
  const choosePreset = useCallback(
    (id: string | undefined) => {
      const { run } = runForPreset(lab, id);
      setConflicts([]);
      recreate(run.params, run.seed, run.preset);
    },
    [lab, recreate],
  );
  const setSeed = useCallback((seed: number) => recreate(runnerRef.current.params, seed, presetId), [recreate, presetId]);

  const modified = useMemo(() => {
    if (!presetId) return false;
    return JSON.stringify(runForPreset(lab, presetId).run.params) !== JSON.stringify(runner.params);
  }, [lab, presetId, runner]);

  return {
    runner,
    /** the runner of the latest render, for event handlers */
    runnerRef,
    version,
    state,
    seekTarget,
    send: actorRef.send,
    speed,
    setSpeed,
    /** the speed the live loop actually reaches (NaN until measured); read each render while playing */
    reachedSpeed: state === 'playing' ? (loopRef.current?.reachedSpeed ?? NaN) : NaN,
    presetId,
    modified,
    conflicts,
    companions,
    seekTo,
    setParam,
    setParams,
    choosePreset,
    setSeed,
  };
}

export type LabRun = ReturnType<typeof useLabRun>;
