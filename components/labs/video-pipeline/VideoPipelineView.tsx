'use client';
import { GanttChart, TimeSeriesChart, type ChartSeries } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { videoPipelineLab, type CurvePoint } from '@/simulations/video-pipeline';
import { LadderTable } from './parts/LadderTable';
import { PressPlay } from './parts/PressPlay';
import { curvesByResolution, curvesMaxKbps, fmtS, ganttBars, numberRows, rungRows, type GanttBar } from './viewModel';
import labView from '../lab-view.module.css';
import styles from './VideoPipelineView.module.css';
import { groupedNumber } from '@/simulations/core/numberText';

const lane = (b: GanttBar) => b.worker;
const barStart = (b: GanttBar) => b.startMs / 1000;
const barEnd = (b: GanttBar) => b.endMs / 1000;
const isPackage = (b: GanttBar) => b.kind === 'package';
const isCrash = (b: GanttBar) => b.kind === 'crashed';
const kbps = (p: CurvePoint) => p.kbps;
const score = (p: CurvePoint) => p.quality;
const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;
const percent = (v: number) => `${Math.round(v * 100)}%`;

export function VideoPipelineView({ runner, version, presenter }: LabViewProps) {
  const run = viewOf(videoPipelineLab, runner);
  const frame = run.frame();
  const result = useThrottled(runner, version, () => run.result());
  const bars = useThrottled(runner, version, () => ganttBars(run.recorder.events, run.frame(), run.now));
  // the horizon is an upper bound (crashes may never happen): a finished run spans only its own time
  const spanS = run.finished ? Math.max(1, run.now / 1000) : run.horizonMs / 1000;
  const rungs = result.ladder.rungs.length;
  const tone = (b: GanttBar) => (rungs > 1 ? b.rung / (rungs - 1) : 0);
  const maxKbps = curvesMaxKbps(result);
  const curveSeries: ChartSeries<CurvePoint>[] = [
    ...curvesByResolution(result.curves, maxKbps).map((c) => ({ id: `curve-${c.resolution}`, label: c.resolution, data: c.points, x: kbps, y: score, kind: 'line' as const, color: 'var(--muted, #777)' })),
    { id: 'hull', label: 'convex hull', data: result.hull.filter((p) => p.kbps <= maxKbps), x: kbps, y: score, kind: 'line', color: 'var(--series-1)' },
    { id: `ladder-${result.ladder.mode}`, label: result.ladder.mode === 'per-title' ? 'per-title ladder' : 'fixed 2015 ladder', data: result.ladder.rungs, x: kbps, y: score, kind: 'line', color: 'var(--series-2)' },
  ];
  const height = presenter ? 170 : 190;
  const progress = (id: 'encodesDone', label: string): ChartSeries<SeriesPoint> => ({ id, label, data: run.recorder.series(id), x: seconds, y: value, kind: 'line', color: 'var(--series-3)' });
  const summary = `${groupedNumber(bars.length)} jobs on ${frame.workers} workers so far; first playable ${fmtS(result.timeToFirstPlayableS)}, full ladder ${fmtS(result.timeToFullLadderS)}`;

  return (
    <div className={`${labView.stack} ${styles.view}`} data-testid="vp-view" data-stage={frame.stage} data-encodes-done={frame.encodesDone} data-crashes={frame.crashes}>
      <div className={styles.top}>
        <table className={labView.numbers} data-testid="vp-numbers">
          <caption>This run</caption>
          <tbody>
            {numberRows(result).map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className={labView.stack}>
          <PressPlay play={frame.play} />
          <LadderTable rows={rungRows(result, frame)} />
        </div>
      </div>
      <GanttChart
        title="Encodes on the workers (one lane per worker)"
        summary={summary}
        lanes={frame.workers}
        data={bars}
        lane={lane}
        start={barStart}
        end={barEnd}
        tone={tone}
        accent={isPackage}
        alarm={isCrash}
        xDomain={[0, spanS]}
        cursorX={run.now / 1000}
        xLabel="seconds after the upload"
        legend={[
          { label: 'lowest rung', tone: 0 },
          { label: 'top rung', tone: 1 },
          { label: 'packaging', tone: 'accent' },
          { label: 'crashed attempt', tone: 'alarm' },
        ]}
        height={presenter ? 180 : 200}
      />
      <div className={`${labView.charts} ${labView.pairFrom700}`}>
        <TimeSeriesChart title="Rate–quality: each resolution, the hull and the ladder" xLabel="kbps" yLabel="quality (0–100)" xDomain={[0, maxKbps]} yDomain={[0, 100]} series={curveSeries} height={height} />
        <TimeSeriesChart title="Encodes done" xLabel="seconds" yLabel="jobs" yDomain={[0, 1]} yFormat={percent} xDomain={[0, spanS]} cursorX={run.now / 1000} series={[progress('encodesDone', 'encodes done')]} height={height} />
      </div>
    </div>
  );
}
