'use client';
import { useCallback, useMemo } from 'react';
import { TimeSeriesChart, type ChartSeries } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { viewOf } from '@/simulations/core/lab';
import { videoSearchLab, type VideoSearchFrame } from '@/simulations/video-search';
import { QueryBox } from './parts/QueryBox';
import { RankedHits } from './parts/RankedHits';
import { ShardMap } from './parts/ShardMap';
import { Freshness } from './parts/Freshness';
import { formatBytes, formatCount, formatMs, tailVerdict } from './viewModel';
import labView from '../lab-view.module.css';
import styles from './VideoSearchView.module.css';

type CurvePoint = VideoSearchFrame['tail']['curve'][number];
const percent = (v: number) => `${Math.round(v * 100)}%`;

export function VideoSearchView({ runner, presenter, setParams }: LabViewProps) {
  const run = viewOf(videoSearchLab, runner);
  const frame = run.frame();
  const params = run.params;
  const curve = frame.tail.curve;
  const hi = curve.length ? curve[curve.length - 1].t : 1;
  const series = useMemo<ChartSeries<CurvePoint>[]>(
    () => [
      { id: 'measured', label: `measured, ${frame.tail.fanOut} shard${frame.tail.fanOut === 1 ? '' : 's'}`, data: curve, x: (p) => p.t, y: (p) => p.measured, kind: 'line', color: 'var(--series-1)' },
      ...(Number.isFinite(curve[0]?.theory) ? [{ id: 'theory', label: 'p^S (theory)', data: curve, x: (p: CurvePoint) => p.t, y: (p: CurvePoint) => p.theory, kind: 'line' as const, color: 'var(--series-2)' }] : []),
    ],
    [curve, frame.tail.fanOut],
  );
  const onQuery = useCallback((query: string) => setParams?.({ query }, { keepTime: true }), [setParams]);
  const ix = frame.index;
  return (
    <div className={`${labView.stack} ${styles.view}`} data-testid="vs-view" data-hits={frame.hits?.length ?? -1} data-fresh={frame.freshness.state}>
      <p className={styles.status} data-testid="vs-index">
        {formatCount(ix.videos)} videos · {formatCount(ix.terms)} terms · {formatCount(ix.postings)} postings (~{formatBytes(ix.indexBytes)}) · tries of {formatCount(ix.trieNodes)} nodes
      </p>
      <QueryBox query={params.query} frame={frame} onQuery={setParams ? onQuery : undefined} />
      <RankedHits frame={frame} />
      <div className={styles.pair}>
        <ShardMap frame={frame} />
        <Freshness freshness={frame.freshness} now={run.now} />
      </div>
      <div className={styles.tail}>
        <TimeSeriesChart
          title="P(query answered within t): waiting for every shard"
          xLabel="t (ms)"
          yLabel="share of queries"
          yDomain={[0, 1]}
          xDomain={[0, hi]}
          yFormat={percent}
          xFormat={(v) => formatMs(v)}
          guides={[{ y: 0.99, label: 'p99' }]}
          series={series}
          height={presenter ? 170 : 190}
        />
        <p className={styles.note} data-testid="vs-tail">
          {tailVerdict(frame)}
        </p>
      </div>
    </div>
  );
}
