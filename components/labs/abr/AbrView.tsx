'use client';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { TimeSeriesChart, type AnySeries } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import type { Recorder, SeriesPoint } from '@/simulations/core/recorder';
import type { AbrModel, AbrParams, PlayerSlot } from '@/simulations/abr';
import { abrSchema } from '@/simulations/abr/lab/schema';
import { seriesName } from '@/simulations/abr/lab/recording';
import { finishRun, invalidChange } from './finishedRun';
import { scoreboardRows } from './scoreboardRows';
import {
  bitrateSpecs,
  bufferSpecs,
  componentSpecs,
  ladderGuides,
  playerLines,
  qoeSpecs,
  StallMarkerIndex,
  throughputSpecs,
  timelineEndS,
  type SeriesSpec,
} from './series';
import { Scoreboard } from './Scoreboard';
import { TraceEditor } from './TraceEditor';
import type { ParamChanges, TracePoint } from './traceEditing';
import styles from './AbrView.module.css';
import labView from '../lab-view.module.css';

const seconds = (p: SeriesPoint) => p.t / 1000;

function toChartSeries(specs: readonly SeriesSpec[], recorder: Recorder): AnySeries[] {
  return specs.map((s) => ({
    id: s.id,
    label: s.label,
    data: recorder.series(s.source),
    x: seconds,
    y: s.scale === 1 ? (p: SeriesPoint) => p.v : (p: SeriesPoint) => p.v * s.scale,
    kind: s.kind,
    color: s.color,
  }));
}

function lastValue(recorder: Recorder, name: string): number | null {
  const s = recorder.series(name);
  return s.length ? s[s.length - 1].v : null;
}

const mbps = (v: number) => `${Number(v.toFixed(2))}`;

/**
 * The ABR lab: up to three players race on one trace. Time-aligned charts (throughput vs estimate,
 * buffer with thresholds, bitrate over the ladder, cumulative QoE and its components), a scoreboard
 * of the whole run, and the trace editor.
 */
export function AbrView({ runner, version, presenter, setParams }: LabViewProps) {
  const params = runner.params as AbrParams;
  const model = runner.model as AbrModel;
  const finished = useMemo(() => finishRun(runner), [runner]);
  const done = 'error' in finished ? null : finished;

  // Before the live run moves, show the finished run so a parameter change is visible at once.
  const preview = done !== null && runner.now === 0 && runner.recorder.events.length === 0;
  const recorder = preview ? done.runner.recorder : runner.recorder;

  const lines = useMemo(() => playerLines(model.players, params['ewma.preset']), [model, params]);
  const [focusSlot, setFocusSlot] = useState<PlayerSlot>('p0');
  const focusGroup = useId();
  const focusLine = lines.find((l) => l.slot === focusSlot) ?? lines[0];

  const endS = useMemo(() => (done ? timelineEndS(done.endedAtMs, runner.horizonMs) : runner.horizonMs / 1000), [done, runner]);
  const xDomain: [number, number] = [0, endS];
  const cursorX = preview ? undefined : runner.now / 1000;
  const height = presenter ? 210 : 170;

  const specs = useMemo(
    () => ({
      throughput: throughputSpecs(lines),
      buffer: bufferSpecs(lines),
      bitrate: bitrateSpecs(lines),
      qoe: qoeSpecs(lines),
      components: focusLine ? componentSpecs(focusLine) : [],
    }),
    [lines, focusLine],
  );
  const guides = useMemo(() => ladderGuides(model.video.bitratesKbps, height), [model, height]);

  const stallIndex = useRef<StallMarkerIndex | null>(null);
  stallIndex.current ??= new StallMarkerIndex();
  const markers = stallIndex.current.update(recorder.events, lines);

  const qoeSoFarKey = lines.map((l) => lastValue(runner.recorder, seriesName(l.slot, 'qoe')) ?? 'x').join('|');
  const rows = useMemo(
    () =>
      scoreboardRows(
        lines,
        done ? done.results : [],
        qoeSoFarKey.split('|').map((v) => (v === 'x' ? null : Number(v))),
      ),
    [lines, done, qoeSoFarKey],
  );

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

  const common = { xDomain, cursorX, height, xLabel: 'time (s)' } as const;

  return (
    <div
      className={`${labView.stack} ${presenter ? styles.presenter : ''}`}
      data-testid="abr-view"
      data-preview={preview ? 'true' : 'false'}
      data-players={lines.length}
      data-version={version}
    >
      {'error' in finished && (
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
            {model.trace.name}, {model.video.chunkCount} chunks of {model.video.chunkDurationS} s
          </p>
        )}
        {params.mode === 'reference' && <span className={styles.badge}>Reference mode (Pensieve simulator)</span>}
      </div>

      <Scoreboard rows={rows} reference={params.mode === 'reference'} preview={preview} />

      <div className={`${labView.charts} ${styles.charts}`} data-testid="abr-charts">
        <TimeSeriesChart
          title="Throughput: network vs each algorithm’s estimate"
          series={toChartSeries(specs.throughput, recorder)}
          yLabel="Mbps"
          yUnit="Mbps"
          yFormat={mbps}
          {...common}
        />
        <TimeSeriesChart
          title="Buffer level and thresholds"
          series={toChartSeries(specs.buffer, recorder)}
          yLabel="seconds"
          yUnit="s"
          markers={markers}
          {...common}
        />
        <TimeSeriesChart
          title="Chosen bitrate over the ladder"
          series={toChartSeries(specs.bitrate, recorder)}
          yLabel="Mbps"
          yUnit="Mbps"
          yFormat={mbps}
          guides={guides}
          markers={markers}
          {...common}
        />
        <TimeSeriesChart title="Cumulative QoE" series={toChartSeries(specs.qoe, recorder)} yLabel="QoE" markers={markers} {...common} />
        {focusLine && (
          <div className={styles.componentsBox}>
            {lines.length > 1 && (
              <fieldset className={styles.focusPicker}>
                <legend>QoE components of</legend>
                {lines.map((l) => (
                  <label key={l.slot} className={styles.focusOption}>
                    <input type="radio" name={focusGroup} value={l.slot} checked={l.slot === focusLine.slot} onChange={() => setFocusSlot(l.slot)} data-testid={`abr-focus-${l.slot}`} />
                    <span className={styles.swatch} style={{ background: l.color }} aria-hidden="true" />
                    {l.label}
                  </label>
                ))}
              </fieldset>
            )}
            <TimeSeriesChart title={`QoE components: ${focusLine.label}`} series={toChartSeries(specs.components, recorder)} yLabel="QoE" {...common} />
          </div>
        )}
      </div>

      {!presenter && (
        <TraceEditor
          kind={params['trace.kind']}
          points={params['trace.points'] as TracePoint[]}
          durationS={params['trace.durationS']}
          minMbps={params['trace.minMbps']}
          maxMbps={params['trace.maxMbps']}
          trace={model.trace}
          apply={setParams ? apply : undefined}
        />
      )}
    </div>
  );
}
