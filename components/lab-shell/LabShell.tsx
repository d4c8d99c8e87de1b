'use client';
import { startTransition, useCallback, useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { ChartTextScale, PRESENTER_CHART_TEXT_SCALE } from '@/components/charts/textScale';
import type { AnyLab, RunView } from '@/simulations/core/lab';
import type { ParamError } from '@/simulations/core/params';
import type { ShellCommand } from './keyboard';
import { nextSpeed } from './speed';
import { shareQuery, type RunSpec } from './link';
import type { LabViewProps } from './types';
import { useLabRun } from './useLabRun';
import { useShellKeys } from './useShellKeys';
import { LabHeader } from './LabHeader';
import { embedSubtitle } from './embedSubtitle';
import { ParamErrorBanner } from './ParamErrorBanner';
import { Transport } from './Transport';
import { ShareLink } from './ShareLink';
import { ParamPanel, PresetPicker } from './ParamPanel';
import { EventLog } from './EventLog';
import { ShortcutHelp } from './ShortcutHelp';
import styles from './LabShell.module.css';

export type { LabViewProps } from './types';

/** A server render (tests, never a page: lab shells render on the client) draws everything at once. */
const SERVER = typeof window === 'undefined';

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
  /**
   * embed: the only parameters shown (an MDX `params` prop, checked against the schema by the
   * content check); absent: the ones the preset sets. The rest are in the full lab.
   */
  showParams?: readonly string[];
  /** embed: a lesson-page `f` asked this lab to go presenter (changes each time it is asked) */
  presenterRequest?: number;
  /** embed: a Predict card asked this lab to play its run to the end (changes each time it is asked) */
  endRequest?: number;
  /** page: shown under the transport (a Challenge's goal and status), given the run on screen */
  aside?: (run: RunView | null) => ReactNode;
}

/**
 * One lab: header, transport, parameters, the lab's view and the event log. The run itself (player,
 * loops, params, presets, companions) lives in `useLabRun`; this component only lays it out.
 *
 * LOUD: the shell re-renders every animation frame of a live run; parts that do not follow the run
 * are memo components with stable props (header, param panel, seed field).
 */
export function LabShell({ lab, View, initial, errors = [], mode = 'page', fullScreenHref, back, showParams, presenterRequest = 0, endRequest = 0, aside }: LabShellProps) {
  const run = useLabRun(lab, initial);
  const { current, state, send, setSpeed, seekTo } = run;
  // The view's first picture is drawn in a transition: React renders it in slices of a few ms
  // between which the page stays responsive (no long task while the lab page loads); the event log
  // follows once the picture is on screen. Later runs and frames render at once, as before.
  const [firstDrawn, setFirstDrawn] = useState(SERVER);
  const [logReady, setLogReady] = useState(SERVER);
  useEffect(() => {
    if (run.run && !firstDrawn) startTransition(() => setFirstDrawn(true));
  }, [run.run, firstDrawn]);
  useEffect(() => {
    if (!firstDrawn || logReady) return;
    const id = setTimeout(() => startTransition(() => setLogReady(true)), 0);
    return () => clearTimeout(id);
  }, [firstDrawn, logReady]);
  // the run on screen: the current one once its first state arrived (until then the previous one)
  const shown = firstDrawn ? run.run : null;
  const [presenter, setPresenter] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [banner, setBanner] = useState<ParamError[]>(errors);
  // a link copied for one run; hidden as soon as the run changes
  const [share, setShare] = useState<{ runner: unknown; url: string; copied: boolean } | null>(null);
  const [logOpen, setLogOpen] = useState(mode === 'page');
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (presenterRequest > 0) setPresenter(true);
  }, [presenterRequest]);
  useEffect(() => {
    if (endRequest > 0) seekTo(Number.MAX_SAFE_INTEGER);
  }, [endRequest, seekTo]);
  const embed = mode === 'embed' && !presenter;
  // a compact embed shows the fields the paragraph is about: the MDX prop's, else the preset's
  const embedParams = useMemo(() => {
    if (mode !== 'embed') return undefined;
    if (showParams) return showParams.filter((k) => k in lab.schema);
    const preset = lab.presets.find((p) => p.id === initial.preset);
    // the fields the preset changes (a preset may restate a default: that one is not news)
    return Object.entries(preset?.params ?? {})
      .filter(([k, v]) => k in lab.schema && JSON.stringify(v) !== JSON.stringify(lab.schema[k].default))
      .map(([k]) => k);
  }, [mode, showParams, lab, initial.preset]);

  const command = useCallback(
    (cmd: ShellCommand) => {
      switch (cmd) {
        case 'toggle-play':
          return send({ type: 'TOGGLE' });
        case 'step':
          return send({ type: 'STEP' });
        case 'step-raw':
          return send({ type: 'STEP', raw: true });
        case 'step-back':
          return send({ type: 'STEP_BACK' });
        case 'end':
          return seekTo(Number.MAX_SAFE_INTEGER);
        case 'reset':
          return send({ type: 'RESET' });
        case 'speed-up':
          return setSpeed((s) => nextSpeed(s, 1));
        case 'speed-down':
          return setSpeed((s) => nextSpeed(s, -1));
        case 'presenter':
          return setPresenter((p) => !p);
        case 'help':
          return setHelpOpen(true);
      }
    },
    [send, setSpeed, seekTo],
  );
  const exitPresenter = useCallback(() => setPresenter(false), []);
  const stepBack = useCallback(() => command('step-back'), [command]);
  const togglePresenter = useCallback(() => setPresenter((p) => !p), []);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const onShellKey = useShellKeys({ mode, presenter, command, exitPresenter });

  const copyLink = async () => {
    const host = run.hostRef.current;
    const before = run.machineState;
    if (before === 'playing') send({ type: 'PAUSE' });
    // a fresh run (idle) links without a time and stays untouched; anything else, even a step at 0,
    // rests on a whole ms (the host finishes that ms) and links with the time the run stopped at
    let t: number | undefined;
    if (before === 'seeking') {
      // LOUD: a replay under way (a seek, End, or a run re-created "from now on" that the page holds
      // at the old run's time) links where it is going, never its progress so far: the copied link
      // once carried the replay's half-way time while the page showed the kept one.
      t = Math.min(run.seekTarget, host.run.horizonMs);
    } else if (before !== 'idle') {
      host.settle();
      await host.whenSynced();
      // (a run that finished early rests between two ms; the link's whole ms replays to the same end)
      t = Math.ceil(host.run.now);
    }
    const r = host.run;
    const query = shareQuery(lab, { params: r.params as Record<string, unknown>, seed: r.seed, timeMs: t, preset: run.presetId });
    const url = `${window.location.origin}/labs/${encodeURIComponent(lab.id)}?${query}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // no clipboard permission (e.g. headless browser): the link is shown to copy by hand
    }
    setShare({ runner: r, url, copied });
  };

  const panelProps = {
    schema: lab.schema,
    params: current.params as Record<string, unknown>,
    presets: lab.presets,
    presetId: run.presetId,
    modified: run.modified,
    onParam: run.setParam,
    onPreset: run.choosePreset,
    conflicts: run.conflicts,
  };

  return (
    // the root only catches the shortcut keys bubbling up from the controls inside it (embeds)
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      className={`${styles.shell} ${mode === 'embed' ? styles.embed : styles.page} ${presenter ? styles.presenter : ''}`}
      data-mode={mode}
      // focusable so that clicking anywhere in the lab gives its shortcuts the focus (embeds)
      tabIndex={-1}
      data-testid="lab-shell"
      data-lab-id={lab.id}
      data-hydrated={hydrated && shown ? 'true' : undefined}
      data-virtual-time={shown?.now ?? 0}
      data-event-count={shown ? shown.recorder.events.length + shown.recorder.dropped : 0}
      data-run-ready={shown === current ? 'true' : 'false'}
      data-player-state={state}
      data-speed={run.speed}
      data-seed={current.seed}
      data-preset={run.presetId ?? ''}
      data-presenter={presenter ? 'true' : 'false'}
      onKeyDown={onShellKey ? (e) => onShellKey(e.nativeEvent) : undefined}
    >
      <LabHeader
        title={lab.title}
        summary={mode === 'embed' ? embedSubtitle(lab, initial.preset) : lab.summary}
        presenter={presenter}
        back={back}
        fullScreenHref={fullScreenHref}
        mode={mode}
        presetPicker={lab.presets.length > 0 ? <PresetPicker presets={lab.presets} presetId={run.presetId} modified={run.modified} onPreset={run.choosePreset} story={false} /> : undefined}
        onHelp={openHelp}
        onPresenter={togglePresenter}
      />
      <ParamErrorBanner errors={banner} fromPreset={initial.preset !== undefined} onDismiss={() => setBanner([])} />
      {/* sticky on a lab page: the transport stays reachable while the parameters and charts scroll */}
      <div className={styles.transportBar}>
        <Transport
          state={state}
          now={shown?.now ?? 0}
          horizon={run.companions.liveEndMs ?? current.horizonMs}
          speed={run.speed}
          reachedSpeed={run.reachedSpeed}
          seed={current.seed}
          seekTarget={run.seekTarget}
          presenter={presenter}
          compact={embed}
          command={command}
          onSpeed={setSpeed}
          onSeek={run.seekTo}
          onSeed={run.setSeed}
          onCopyLink={copyLink}
          caption={run.caption}
          onStepBack={stepBack}
          seekNow={current.now}
          replaying={run.machineState === 'seeking'}
        />
      </div>
      {aside && !presenter && aside(shown && shown === current ? shown : null)}
      {share && share.runner === current && !presenter && <ShareLink url={share.url} copied={share.copied} />}

      {embed && embedParams && embedParams.length > 0 && (
        <ParamPanel {...panelProps} only={embedParams} />
      )}

      <div className={styles.body}>
        <div className={styles.stage}>
          {run.error && (
            <p className={styles.banner} role="alert" data-testid="run-error">
              This run could not go on: {run.error}
            </p>
          )}
          <div className={styles.view} data-testid="lab-view" aria-busy={shown !== current}>
            <ChartTextScale.Provider value={presenter ? PRESENTER_CHART_TEXT_SCALE : 1}>
              {shown ? (
                <View runner={shown} version={run.runVersion} presenter={presenter} setParams={run.setParams} companions={run.companions} />
              ) : (
                <p className={`${styles.muted} ${styles.building}`} role="status" data-testid="run-building">
                  Building the run…
                </p>
              )}
            </ChartTextScale.Provider>
          </div>
          {!presenter && !embed && (
            <details className={styles.logBox} open={logOpen} onToggle={(e) => setLogOpen(e.currentTarget.open)}>
              <summary>Event log</summary>
              {logOpen && shown && (logReady ? <EventLog runner={shown} version={run.runVersion} /> : <div className={styles.logPending} />)}
            </details>
          )}
        </div>
        {!presenter && !embed && (
          <aside className={styles.side} aria-label="Parameters and presets">
            <ParamPanel {...panelProps} />
          </aside>
        )}
      </div>
      {embed && fullScreenHref && (
        <p className={styles.embedFooter}>
          <a className={styles.link} href={fullScreenHref} data-testid="open-full-lab">
            Open the full lab
          </a>{' '}
          for every parameter, the presets and the event log.
        </p>
      )}

      <ShortcutHelp open={helpOpen} onClose={closeHelp} />
    </div>
  );
}

