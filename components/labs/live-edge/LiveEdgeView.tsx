'use client';
import { TimeSeriesChart, type ChartSeries } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { liveEdgeLab, type LiveEdgeSeriesName } from '@/simulations/live-edge';
import { edgeBars, percentText, segmentRows, verdict, type EdgeBar } from './viewModel';
import styles from './LiveEdgeView.module.css';
import labView from '../lab-view.module.css';

export function LiveEdgeView({ runner, presenter }: LabViewProps) {
  const run = viewOf(liveEdgeLab, runner);
  const frame = run.frame();
  const p = run.params;
  const rec = run.recorder;
  const height = presenter ? 165 : 170;
  const series = (id: LiveEdgeSeriesName, label: string, kind: ChartSeries['kind'], color: string): ChartSeries<SeriesPoint> => ({
    id,
    label,
    data: rec.series(id),
    x: (q) => q.t / 1000,
    y: (q) => q.v,
    kind,
    color,
  });
  const common = { xLabel: 'time (s)', xDomain: [0, run.horizonMs / 1000] as [number, number], cursorX: run.now / 1000, height };
  const bars = edgeBars(frame);
  const byRank = (b: EdgeBar) => b.rank;

  return (
    <div className={labView.stack} data-testid="live-edge-view" data-segments={frame.segmentsDone} data-origin-requests={frame.lastSegment?.edgeUpstream ?? 0} data-live-requests={frame.lastSegment?.liveServer ?? 0}>
      <p className={styles.verdict}>{verdict(frame, p)}</p>
      <dl className={styles.pairs} data-testid="live-edge-numbers">
        {segmentRows(frame, p).map((r) => (
          <div key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      <div className={labView.charts}>
        <TimeSeriesChart
          title={p.twoTier ? 'Requests per segment: origin and live server' : 'Requests per segment past the edges (to the live server)'}
          yLabel="requests / segment"
          series={[
            series('edge.upstream', p.twoTier ? 'to the origin' : 'to the live server', 'step', 'var(--series-2)'),
            series('expected.upstream', 'model', 'line', 'var(--series-5)'),
            ...(p.twoTier ? [series('live.requests', 'to the live server', 'step', 'var(--series-1)')] : []),
          ]}
          {...common}
        />
        <TimeSeriesChart
          title="Served at the edge"
          yLabel="edge hit ratio"
          yFormat={(v) => percentText(v, 1)}
          includeZero={false}
          series={[series('edge.hitRatio', 'hit ratio', 'step', 'var(--series-3)')]}
          guides={[{ y: 0.98, label: 'Facebook 2015: > 98 %' }]}
          {...common}
        />
        <TimeSeriesChart title="Viewers" yLabel="viewers" series={[series('viewers', 'viewers', 'area', 'var(--series-1)')]} {...common} />
        <TimeSeriesChart title="Origin QPS" yLabel="requests / s" yUnit="/s" series={[series('origin.qps', 'origin QPS', 'step', 'var(--series-2)')]} {...common} />
        <TimeSeriesChart
          title="Last segment: requests each PoP sent upstream (busiest PoP first)"
          xLabel="PoP rank"
          yLabel="count"
          xDomain={[1, Math.max(2, p.edges)]}
          series={[
            { id: 'pop-upstream', label: 'upstream requests', data: bars, x: byRank, y: (b: EdgeBar) => b.upstream, kind: 'step', color: 'var(--series-2)' },
          ]}
          height={height}
        />
      </div>
    </div>
  );
}
