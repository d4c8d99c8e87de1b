'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import dynamic from 'next/dynamic';
import { TimeSeriesChart } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { viewOf } from '@/simulations/core/lab';
import { abrLab, abrSchema, YOURS, type AbrParams } from '@/simulations/abr';
import type { LearnerCode } from './code/learnerCode';
import { CodePanelLoading, CodeToggle } from '@/components/code-lab/CodeToggle';
import { useCodePanelOpen } from '@/components/code-lab/useCodePanelOpen';
import { scoreboardRows } from './parts/scoreboardRows';
import {
  bitrateSpecs,
  bufferSpecs,
  finishedRace,
  ladderGuides,
  mbps,
  playerLines,
  qoeSoFarFromKey,
  qoeSoFarKey,
  qoeSpecs,
  StallMarkerIndex,
  throughputSpecs,
  timelineEndS,
} from './viewModel';
import { toChartSeries } from './parts/chartSeries';
import { QoeComponents } from './parts/QoeComponents';
import { Scoreboard } from './parts/Scoreboard';
import { TraceEditor } from './parts/TraceEditor';
import { TracePicker } from './parts/TracePicker';
import { TournamentPanel } from './parts/tournament/TournamentPanel';
import type { EntrantSpec } from './parts/tournament/protocol';
import { invalidChange, type ParamChanges, type TracePoint } from './parts/traceEditing';
import styles from './AbrView.module.css';
import labView from '../lab-view.module.css';

/** "Edit by hand" on a real trace keeps at most the lab's longest synthetic trace. */
const MAX_REAL_EDIT_S = 1200;

function traceEndS(trace: { timesS: readonly number[] }): number {
  return trace.timesS.length ? trace.timesS[trace.timesS.length - 1] : 0;
}

/** Monaco and the sandbox load only when the learner opens the panel (first-load JS unchanged). */
const AbrCodePanel = dynamic(() => import('./code/AbrCodePanel'), { ssr: false, loading: CodePanelLoading });

/**
 * The ABR lab: up to three players race on one trace. Time-aligned charts (throughput vs estimate,
 * buffer with thresholds, bitrate over the ladder, cumulative QoE and its components), a scoreboard
 * of the whole run (the `finished` companion run), and the trace editor.
 */
export function AbrView({ runner, version, presenter, setParams, companions }: LabViewProps) {
  const live = viewOf(abrLab, runner);
  const params = live.params;
  const frame = live.frame();
  const finished = finishedRace(companions);
  const done = finished.run;
  const results = useMemo(() => (done ? done.result() : []), [done]);
  const doneEndedAtMs = useMemo(() => (done ? done.frame().endedAtMs : null), [done]);

  // Before the live run moves, show the finished run so a parameter change is visible at once.
  const preview = done !== null && live.now === 0 && live.recorder.events.length === 0;
  const shown = preview ? done : live;

  const lines = useMemo(() => playerLines(frame.players, params['ewma.preset']), [frame.players, params]);

  const endS = useMemo(() => (doneEndedAtMs ? timelineEndS(doneEndedAtMs, live.horizonMs) : live.horizonMs / 1000), [doneEndedAtMs, live.horizonMs]);
  const xDomain: [number, number] = [0, endS];
  const cursorX = preview ? undefined : live.now / 1000;
  const height = presenter ? 210 : 170;

  const specs = useMemo(
    () => ({
      throughput: throughputSpecs(lines),
      buffer: bufferSpecs(lines),
      bitrate: bitrateSpecs(lines),
      qoe: qoeSpecs(lines),
    }),
    [lines],
  );
  const guides = useMemo(() => ladderGuides(frame.video.bitratesKbps, height), [frame.video, height]);

  const stallIndex = useRef<StallMarkerIndex | null>(null);
  stallIndex.current ??= new StallMarkerIndex();
  const markers = stallIndex.current.update(shown.recorder.events, lines);

  const soFarKey = qoeSoFarKey(live, lines);
  const rows = useMemo(() => scoreboardRows(lines, results, qoeSoFarFromKey(soFarKey)), [lines, results, soFarKey]);

  const apply = useCallback(
    (changes: ParamChanges): string | null => {
      if (!setParams) return 'this page cannot change parameters';
      const problem = invalidChange(abrSchema, changes);
      if (problem) return problem;
      setParams(changes);
      return null;
    },
    [setParams],
  );

  const common = { xDomain, cursorX, height, xLabel: 'time (s)' };

  const [codeOpen, setCodeOpen] = useCodePanelOpen();
  // the learner's last raced code enters the tournament; a race of it opened there is raced by the code panel
  const [learner, setLearner] = useState<LearnerCode | null>(null);
  const [raceRequest, setRaceRequest] = useState<{ params: AbrParams; nonce: number } | null>(null);
  const extras = useMemo<EntrantSpec[]>(() => (learner ? [{ kind: 'sandbox', id: YOURS, label: 'Your code', payload: { program: learner.program } }] : []), [learner]);
  const openRace = useCallback(
    (changes: ParamChanges): string | null => {
      if (changes['race.second'] !== YOURS) return apply(changes);
      setCodeOpen(true);
      setRaceRequest({ params: { ...params, ...changes, 'yours.record': null } as AbrParams, nonce: Date.now() });
      return null;
    },
    [apply, params, setCodeOpen],
  );

  return (
    <div
      className={`${labView.stack} ${presenter ? styles.presenter : ''}`}
      data-testid="abr-view"
      data-preview={preview ? 'true' : 'false'}
      data-players={lines.length}
      data-version={version}
    >
      {finished.error !== null && (
        <p className={styles.error} role="alert">
          This run cannot be simulated: {finished.error}
        </p>
      )}
      <div className={styles.toolbar}>
        {preview ? (
          <p className={styles.previewNote} data-testid="abr-preview-note">
            Showing the whole run. Press Play to watch it unfold chunk by chunk.
          </p>
        ) : (
          <p className={styles.previewNote}>
            {frame.trace.name}, {frame.video.chunkCount} chunks of {frame.video.chunkDurationS} s
          </p>
        )}
        {params.mode === 'reference' && <span className={styles.badge}>Reference mode (Pensieve simulator)</span>}
        {!presenter && setParams && (
          <CodeToggle open={codeOpen} label="Write your own algorithm" onToggle={() => setCodeOpen((o) => !o)} />
        )}
      </div>

      {!presenter && <TracePicker kind={params['trace.kind']} real={params['trace.real']} apply={setParams ? apply : undefined} />}
      {codeOpen && !presenter && (
        <AbrCodePanel params={params} seed={live.seed} setParams={setParams} onClose={() => setCodeOpen(false)} onRaced={setLearner} raceRequest={raceRequest} />
      )}

      <Scoreboard rows={rows} reference={params.mode === 'reference'} preview={preview} />

      <div className={`${labView.charts} ${styles.charts}`} data-testid="abr-charts">
        <TimeSeriesChart
          title="Throughput: network vs each algorithm’s estimate"
          series={toChartSeries(specs.throughput, shown)}
          yLabel="Mbps"
          yUnit="Mbps"
          yFormat={mbps}
          {...common}
        />
        <TimeSeriesChart
          title="Buffer level and thresholds"
          series={toChartSeries(specs.buffer, shown)}
          yLabel="seconds"
          yUnit="s"
          markers={markers}
          {...common}
        />
        <TimeSeriesChart
          title="Chosen bitrate over the ladder"
          series={toChartSeries(specs.bitrate, shown)}
          yLabel="Mbps"
          yUnit="Mbps"
          yFormat={mbps}
          guides={guides}
          markers={markers}
          {...common}
        />
        <TimeSeriesChart title="Cumulative QoE" series={toChartSeries(specs.qoe, shown)} yLabel="QoE" markers={markers} {...common} />
        <QoeComponents lines={lines} run={shown} common={common} />
      </div>

      {!presenter && (
        <TraceEditor
          kind={params['trace.kind']}
          points={params['trace.points'] as TracePoint[]}
          durationS={params['trace.kind'] === 'real' ? Math.min(MAX_REAL_EDIT_S, traceEndS(frame.trace)) : params['trace.durationS']}
          minMbps={params['trace.minMbps']}
          maxMbps={params['trace.maxMbps']}
          trace={frame.trace}
          apply={setParams ? apply : undefined}
        />
      )}
      {!presenter && <TournamentPanel params={params} seed={live.seed} extras={extras} setParams={setParams ? openRace : undefined} />}
    </div>
  );
}
