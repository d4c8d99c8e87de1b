'use client';
import { TimeSeriesChart, type ChartSeries } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { musicDeliveryLab, type MusicDeliverySeriesName } from '@/simulations/music-delivery';
import { ByteSplit } from './parts/ByteSplit';
import { comparison2010, numberRows, SOURCE_COLORS, SOURCE_LABELS, SOURCES, ttfaCdf, type CdfPoint } from './viewModel';
import labView from '../lab-view.module.css';
import styles from './MusicDeliveryView.module.css';

const minutes = (p: SeriesPoint) => p.t / 60_000;
const value = (p: SeriesPoint) => p.v;
const percent = (v: number) => `${Math.round(v * 100)}%`;

export function MusicDeliveryView({ runner, version, presenter }: LabViewProps) {
  const run = viewOf(musicDeliveryLab, runner);
  const rec = run.recorder;
  const frame = run.frame();
  const result = useThrottled(runner, version, () => run.result());
  const cdfs = useThrottled(runner, version, () => SOURCES.map((s) => ({ source: s, points: ttfaCdf(rec.events, s) })));
  const height = presenter ? 150 : 170;
  const series = (id: MusicDeliverySeriesName, label: string, color: string): ChartSeries<SeriesPoint> => ({ id, label, data: rec.series(id), x: minutes, y: value, kind: 'line', color });
  const common = { xLabel: 'minutes', xDomain: [0, run.horizonMs / 60_000] as [number, number], cursorX: run.now / 60_000, height };
  const cdfSeries: ChartSeries<CdfPoint>[] = cdfs
    .filter((c) => c.points.length > 0)
    .map((c) => ({ id: `cdf-${c.source}`, label: SOURCE_LABELS[c.source], data: c.points, x: (p: CdfPoint) => p.ms, y: (p: CdfPoint) => p.share, kind: 'step', color: SOURCE_COLORS[c.source] }));
  const maxMs = Math.max(100, ...cdfs.flatMap((c) => c.points.map((p) => p.ms)));

  return (
    <div className={`${labView.stack} ${styles.view}`} data-testid="md-view" data-plays={frame.plays}>
      <div className={styles.top}>
        <table className={labView.numbers} data-testid="md-numbers">
          <caption>This run so far</caption>
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
          <ByteSplit frame={frame} />
          <p className={styles.note}>{comparison2010(result, run.params.peerAssist)}</p>
          <ul className={styles.sources} aria-label="Plays by where the first audio came from">
            {SOURCES.map((s) => (
              <li key={s}>
                <span className={styles.swatch} style={{ background: SOURCE_COLORS[s] }} aria-hidden="true" />
                {SOURCE_LABELS[s]}: {frame.plays ? `${Math.round((frame.bySource[s] / frame.plays) * 100)}%` : '—'} of plays
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className={`${labView.charts} ${labView.pairFrom700}`}>
        <TimeSeriesChart title="Time to first audio: share of plays started within x ms" xLabel="ms" yLabel="plays" yDomain={[0, 1]} yFormat={percent} xDomain={[0, maxMs]} series={cdfSeries} height={height} />
        <TimeSeriesChart title="Time to first audio, last 300 plays" yLabel="ms" yUnit="ms" series={[series('ttfaP50', 'p50', 'var(--series-1)'), series('ttfaP95', 'p95', 'var(--series-2)')]} {...common} />
        <TimeSeriesChart
          title="Cache hit ratios"
          yLabel="hits"
          yDomain={[0, 1]}
          yFormat={percent}
          series={[series('deviceHitRatio', 'device', 'var(--series-3)'), series('edgeHitRatio', 'edge', 'var(--series-1)')]}
          guides={[{ y: result.cheEdgeHitRatio, label: `Che: edge ${percent(result.cheEdgeHitRatio)}` }]}
          {...common}
        />
        <TimeSeriesChart
          title="Share of bytes by source"
          yLabel="bytes"
          yDomain={[0, 1]}
          yFormat={percent}
          series={[series('cacheShare', 'cache', 'var(--series-3)'), series('peerShare', 'peers', 'var(--series-4)'), series('serverShare', 'servers', 'var(--series-2)')]}
          {...common}
        />
        <TimeSeriesChart title="Egress cost so far" yLabel="US$" yFormat={(v) => `$${v.toFixed(2)}`} series={[series('egressUsd', 'egress', 'var(--series-5)')]} {...common} />
      </div>
    </div>
  );
}
