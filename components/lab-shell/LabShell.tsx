'use client';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type ComponentType } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import { LiveLoop, Runner, SeekLoop, SEEK_EVENTS_AT_ONCE, type FrameHost } from '@/simulations/core/runner';
import type { AnyLab } from '@/simulations/core/lab';
import type { ParamError } from '@/simulations/core/params';
import { createPlayer, type PlayerState } from './playerMachine';
import { useRunnerVersion } from './useRunner';
import { commandForKey, type ShellCommand } from './keyboard';
import { defaultSpeedFor, formatSpeed, nextSpeed, positionFromSpeed, speedFromPosition, SPEED_SLIDER_STEPS } from './speed';
import { runForPreset, settleOnWholeMs, shareQuery, type RunSpec } from './link';
import { formatTime } from './format';
import { runKeepingTime, settlePlayerAfterRecreate, type SetParamsOptions } from './keepTime';
import type { LabViewProps } from './types';
import { ParamPanel } from './ParamPanel';
import { EventLog } from './EventLog';
import { ShortcutHelp } from './ShortcutHelp';
import { useCompanions } from './useCompanions';
import styles from './LabShell.module.css';

export type { LabViewProps } from './types';

export interface LabShellProps {
  lab: AnyLab;
  View: ComponentType<LabViewProps>;
  /** the run to start with (from a preset, or decoded from a share link) */
  initial: RunSpec;
  /** problems found while decoding a share link; shown in a dismissible banner */
  errors?: ParamError[];
  /** 'page': full-screen route, keys listen on the window; 'embed': inside a lesson, keys only when focus is inside */
  mode?: 'page' | 'embed';
  /** embed: link to the full-screen lab */
  fullScreenHref?: string;
  /** page: link back to a lesson that uses this lab */
  back?: { href: string; label: string };
}

const ANIMATION_FRAMES: FrameHost = {
  requestFrame: (cb) => window.requestAnimationFrame(cb),
  cancelFrame: (id) => window.cancelAnimationFrame(id),
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

export function LabShell({ lab, View, initial, errors = [], mode = 'page', fullScreenHref, back }: LabShellProps) {
  const [runner, setRunner] = useState(() => startRun(lab, initial));
  const runnerRef = useRef(runner);
  const [presetId, setPresetId] = useState(initial.preset);
  const [speed, setSpeed] = useState(() => defaultSpeedFor(runner.horizonMs));
  const [presenter, setPresenter] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [banner, setBanner] = useState<ParamError[]>(errors);
  const [share, setShare] = useState<{ url: string; copied: boolean } | null>(null);
  const [logOpen, setLogOpen] = useState(mode === 'page');
  const [hydrated, setHydrated] = useState(false);
  const shareInputId = useId();

  const loopRef = useRef<LiveLoop | null>(null);
  const seekRef = useRef<SeekLoop | null>(null);
  const [player] = useState(() => createPlayer(() => runnerRef.current, () => loopRef.current, () => seekRef.current));
  const actorRef = useActorRef(player);
  if (!loopRef.current) {
    loopRef.current = new LiveLoop(() => runnerRef.current, ANIMATION_FRAMES, () => actorRef.send({ type: 'LOOP_FINISHED' }));
    seekRef.current = new SeekLoop(() => runnerRef.current, ANIMATION_FRAMES, () => actorRef.send({ type: 'SEEK_DONE' }));
  }
  const state = useSelector(actorRef, (s) => s.value as PlayerState);
  const version = useRunnerVersion(runner);
  const companions = useCompanions(lab, runner);

  useEffect(() => {
    loopRef.current!.speed = speed;
  }, [speed]);

  useEffect(() => {
    setHydrated(true);
    // a shared link opened at time t: the run starts paused there (after a replay if it is long)
    if (shortOf(runnerRef.current, initial.timeMs)) actorRef.send({ type: 'SEEK', t: initial.timeMs });
    else if (initial.timeMs !== undefined || runnerRef.current.now > 0) actorRef.send({ type: 'SCRUBBED' });
    const loop = loopRef.current;
    const seek = seekRef.current;
    return () => {
      loop?.pause();
      seek?.stop();
    };
    // (the link's time matters only for the first run, so `initial` is not a dependency)
  }, [actorRef]);

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
      setShare(null);
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
  const onParam = useCallback((key: string, value: unknown) => applyParams({ ...runnerRef.current.params, [key]: value }, false), [applyParams]);
  const onParams = useCallback(
    (changes: Record<string, unknown>, options?: SetParamsOptions) => applyParams({ ...runnerRef.current.params, ...changes }, options?.keepTime === true),
    [applyParams],
  );
  const onPreset = useCallback(
    (id: string | undefined) => {
      const { run } = runForPreset(lab, id);
      setConflicts([]);
      recreate(run.params, run.seed, run.preset);
    },
    [lab, recreate],
  );
  const onSeed = useCallback((seed: number) => recreate(runnerRef.current.params, seed, presetId), [recreate, presetId]);

  const modified = useMemo(() => {
    if (!presetId) return false;
    return JSON.stringify(runForPreset(lab, presetId).run.params) !== JSON.stringify(runner.params);
  }, [lab, presetId, runner]);

  const command = useCallback(
    (cmd: ShellCommand) => {
      switch (cmd) {
        case 'toggle-play':
          actorRef.send({ type: 'TOGGLE' });
          break;
        case 'step':
          actorRef.send({ type: 'STEP' });
          break;
        case 'reset':
          actorRef.send({ type: 'RESET' });
          break;
        case 'speed-up':
          setSpeed((s) => nextSpeed(s, 1));
          break;
        case 'speed-down':
          setSpeed((s) => nextSpeed(s, -1));
          break;
        case 'presenter':
          setPresenter((p) => !p);
          break;
        case 'help':
          setHelpOpen(true);
          break;
      }
    },
    [actorRef],
  );

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // the help dialog handles its own keys (Esc); its React state may lag the native close
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      if (e.key === 'Escape' && presenter) {
        e.preventDefault();
        setPresenter(false);
        return;
      }
      const target = e.target instanceof HTMLElement ? e.target : null;
      const cmd = commandForKey({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: target ? { tagName: target.tagName, isContentEditable: target.isContentEditable } : null,
      });
      if (!cmd) return;
      e.preventDefault();
      command(cmd);
    },
    [command, presenter],
  );

  // app/globals.css hides the site header/footer ([data-site-chrome]) while this is set
  useEffect(() => {
    if (!presenter) return;
    const html = document.documentElement;
    html.setAttribute('data-presenter', '');
    return () => html.removeAttribute('data-presenter');
  }, [presenter]);

  useEffect(() => {
    if (mode !== 'page' && !presenter) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, presenter, onKey]);

  const copyLink = async () => {
    if (state === 'playing') actorRef.send({ type: 'PAUSE' });
    const r = runnerRef.current;
    // a fresh run (idle) links without a time and stays untouched; anything else, even a step at 0,
    // settles on a whole ms and links with it
    const t = state === 'idle' ? undefined : settleOnWholeMs(r);
    const query = shareQuery(lab, { params: r.params, seed: r.seed, timeMs: t, preset: presetId });
    const url = `${window.location.origin}/labs/${encodeURIComponent(lab.id)}?${query}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // no clipboard permission (e.g. headless browser): the link is shown to copy by hand
    }
    setShare({ url, copied });
  };

  // LOUD: the shell re-renders every animation frame of a live run; parts that do not follow the
  // run are memoised elements (React skips them) or memo components with stable props.
  const header = useMemo(
    () => (
      <header className={styles.header}>
        <div className={styles.headerText}>
          <h2 className={styles.title}>{lab.title}</h2>
          {!presenter && <p className={styles.summary}>{lab.summary}</p>}
        </div>
        <div className={styles.headerActions}>
          {back && !presenter && (
            <a className={styles.link} href={back.href}>
              ← {back.label}
            </a>
          )}
          {fullScreenHref && !presenter && (
            <a className={styles.link} href={fullScreenHref} data-testid="open-full-screen">
              Open full screen
            </a>
          )}
          <button type="button" className={styles.ghostButton} onClick={() => setHelpOpen(true)} aria-keyshortcuts="?" data-testid="help-button">
            Shortcuts
          </button>
          <button
            type="button"
            className={styles.ghostButton}
            aria-pressed={presenter}
            aria-keyshortcuts="f"
            onClick={() => setPresenter((p) => !p)}
            data-testid="presenter-toggle"
          >
            {presenter ? 'Exit presenter' : 'Presenter'}
          </button>
        </div>
      </header>
    ),
    [lab.title, lab.summary, presenter, back, fullScreenHref],
  );
  const closeHelp = useCallback(() => setHelpOpen(false), []);

  const now = runner.now;
  const horizon = runner.horizonMs;
  const eventCount = runner.recorder.events.length + runner.recorder.dropped;
  const playing = state === 'playing';
  const seeking = state === 'seeking';
  const seekTarget = useSelector(actorRef, (s) => s.context.seekTarget);

  return (
    <div
      className={`${styles.shell} ${mode === 'embed' ? styles.embed : styles.page} ${presenter ? styles.presenter : ''}`}
      // focusable so that clicking anywhere in the lab gives its shortcuts the focus (embeds)
      tabIndex={-1}
      data-testid="lab-shell"
      data-lab-id={lab.id}
      data-hydrated={hydrated ? 'true' : undefined}
      data-virtual-time={now}
      data-event-count={eventCount}
      data-player-state={state}
      data-speed={speed}
      data-seed={runner.seed}
      data-preset={presetId ?? ''}
      data-presenter={presenter ? 'true' : 'false'}
      onKeyDown={mode === 'embed' && !presenter ? (e) => onKey(e.nativeEvent) : undefined}
    >
      {header}

      {banner.length > 0 && (
        <div className={styles.banner} role="alert" data-testid="param-errors">
          <div>
            <strong>This link has parameters that could not be used; {initial.preset ? "the preset's values are shown for them" : 'defaults are shown for them'}.</strong>
            <ul>
              {banner.map((e) => (
                <li key={`${e.field}:${e.message}`} data-field={e.field}>
                  {e.message}
                </li>
              ))}
            </ul>
          </div>
          <button type="button" className={styles.ghostButton} onClick={() => setBanner([])} data-testid="dismiss-errors">
            Dismiss
          </button>
        </div>
      )}

      <div className={styles.transport} role="group" aria-label="Player controls">
        <div className={styles.buttons}>
          <button
            type="button"
            className={`${styles.button} ${styles.primary}`}
            onClick={() => command('toggle-play')}
            aria-keyshortcuts="Space"
            data-testid="play-toggle"
          >
            {playing ? 'Pause' : seeking ? 'Stop replay' : state === 'ended' ? 'Replay' : 'Play'}
          </button>
          <button type="button" className={styles.button} onClick={() => command('step')} aria-keyshortcuts="ArrowRight" data-testid="step" disabled={state === 'ended'}>
            Step
          </button>
          <button type="button" className={styles.button} onClick={() => command('reset')} aria-keyshortcuts="r" data-testid="reset">
            Reset
          </button>
        </div>
        <label className={styles.speed}>
          <span className={styles.fieldLabel}>Speed</span>
          <input
            type="range"
            min={0}
            max={SPEED_SLIDER_STEPS}
            step={1}
            value={positionFromSpeed(speed)}
            aria-valuetext={formatSpeed(speed)}
            onChange={(e) => setSpeed(speedFromPosition(Number(e.target.value)))}
            data-testid="speed-slider"
          />
          <output className={styles.speedLabel} data-testid="speed-label">
            {formatSpeed(speed)}
          </output>
        </label>
        <label className={styles.scrubber}>
          <span className={styles.fieldLabel}>Time</span>
          <input
            type="range"
            min={0}
            max={horizon}
            step={Math.max(1, Math.round(horizon / 1000))}
            value={Math.min(now, horizon)}
            aria-valuetext={formatTime(now)}
            onChange={(e) => seekTo(Number(e.target.value))}
            data-testid="time-scrubber"
          />
          <output className={styles.timeLabel} data-testid="time-label">
            {formatTime(now)} / {formatTime(horizon)}
          </output>
          {seeking && (
            <span className={styles.seekProgress} role="status" data-testid="seek-progress">
              replaying to {formatTime(seekTarget)}: {Math.floor((100 * now) / Math.max(1, seekTarget))}%
            </span>
          )}
        </label>
        {!presenter && <SeedField seed={runner.seed} onSeed={onSeed} />}
        {!presenter && (
          <button type="button" className={styles.button} onClick={copyLink} data-testid="copy-link">
            Copy link
          </button>
        )}
      </div>

      {share && !presenter && (
        <div className={styles.share}>
          <label className={styles.fieldLabel} htmlFor={shareInputId}>
            Link to this run
          </label>
          <input id={shareInputId} readOnly value={share.url} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
          <span role="status" className={styles.muted}>
            {share.copied ? 'Copied to the clipboard.' : 'Copy it from the field.'}
          </span>
        </div>
      )}

      <div className={styles.body}>
        {!presenter && (
          <ParamPanel
            schema={lab.schema}
            params={runner.params as Record<string, unknown>}
            presets={lab.presets}
            presetId={presetId}
            modified={modified}
            onParam={onParam}
            onPreset={onPreset}
            conflicts={conflicts}
          />
        )}
        <div className={styles.stage}>
          <div className={styles.view} data-testid="lab-view">
            <View runner={runner} version={version} presenter={presenter} setParams={onParams} companions={companions} />
          </div>
          {!presenter && (
            <details className={styles.logBox} open={logOpen} onToggle={(e) => setLogOpen(e.currentTarget.open)}>
              <summary>Event log</summary>
              {logOpen && <EventLog runner={runner} version={version} />}
            </details>
          )}
        </div>
      </div>

      <ShortcutHelp open={helpOpen} onClose={closeHelp} />
    </div>
  );
}

const SeedField = memo(function SeedField({ seed, onSeed }: { seed: number; onSeed(seed: number): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const text = draft ?? String(seed);
  const n = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
  return (
    <div className={styles.seed}>
      <label className={styles.fieldLabel} htmlFor={id}>
        Seed
      </label>
      <input
        id={id}
        type="number"
        min={0}
        max={0xffffffff}
        step={1}
        className={styles.seedInput}
        value={text}
        aria-invalid={valid ? undefined : true}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          const v = Number(t);
          if (t.trim() !== '' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff && v !== seed) onSeed(v);
        }}
        onBlur={() => setDraft(null)}
        data-testid="seed-input"
      />
      <button
        type="button"
        className={styles.ghostButton}
        onClick={() => {
          setDraft(null);
          onSeed(Math.floor(Math.random() * 1_000_000));
        }}
        data-testid="new-seed"
      >
        New seed
      </button>
      {!valid && (
        <span className={styles.fieldError} role="alert">
          seed must be an integer from 0 to 4294967295
        </span>
      )}
    </div>
  );
});
