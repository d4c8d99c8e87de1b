'use client';
import { useEffect, useState } from 'react';
import { TimeSeriesChart } from '@/components/charts';
import type { Runner } from '@/simulations/core/runner';
import type { UploadParams } from '@/simulations/upload/lab';
import { chunkTradeoff, type ChunkTradeoffRow } from '@/simulations/upload/chunk-tradeoff';
import { formatChunkSize, tradeoffSeriesOf, type TradeoffPoint } from './timeline';
import styles from './UploadView.module.css';

export const SWEEP_CHUNKS_MIB = [0.25, 0.5, 1, 2, 4, 8, 16];

const px = (p: TradeoffPoint) => p.x;
const pv = (p: TradeoffPoint) => p.v;

/**
 * The chunk-size sweep: the same run (params, seed) once per chunk size, headless. One run per
 * timer tick so the page stays responsive; restarts when the run's params or seed change.
 */
export function TradeoffChart({ runner, height }: { runner: Runner; height: number }) {
  const [state, setState] = useState<{ runner: Runner; rows: ChunkTradeoffRow[] }>({ runner, rows: [] });
  const rows = state.runner === runner ? state.rows : [];
  const params = runner.params as UploadParams;
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const done: ChunkTradeoffRow[] = [];
    const next = (i: number) => {
      timer = setTimeout(() => {
        if (cancelled) return;
        done.push(...chunkTradeoff(params, runner.seed, [SWEEP_CHUNKS_MIB[i]]));
        setState({ runner, rows: [...done] });
        if (i + 1 < SWEEP_CHUNKS_MIB.length) next(i + 1);
      }, i === 0 ? 400 : 30);
    };
    next(0);
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, [runner, params]);
  const s = tradeoffSeriesOf(rows, params['network.bandwidthMbps']);
  const running = rows.length < SWEEP_CHUNKS_MIB.length;
  return (
    <div className={styles.tradeoff} data-testid="upload-tradeoff" data-runs={rows.length}>
      <TimeSeriesChart
        title={`Chunk size: request overhead vs lost work${running ? ` (sweeping ${rows.length}/${SWEEP_CHUNKS_MIB.length})` : ''}`}
        xLabel="chunk size (log scale)"
        yLabel="seconds"
        yUnit="s"
        xDomain={[Math.log2(SWEEP_CHUNKS_MIB[0]), Math.log2(SWEEP_CHUNKS_MIB[SWEEP_CHUNKS_MIB.length - 1])]}
        xFormat={formatChunkSize}
        height={height}
        series={[
          { id: 'overhead', label: 'request overhead (1 RTT per request)', data: s.overheadS, x: px, y: pv, kind: 'line', color: 'var(--series-5)' },
          { id: 'lost-tus', label: params['network.bufferingProxy'] ? 'lost work, tus behind the buffering proxy' : 'lost work, tus', data: s.tusLostWorkS, x: px, y: pv, kind: 'line', color: 'var(--series-1)' },
          { id: 'lost-gcs', label: 'lost work, GCS (256 KiB units)', data: s.gcsLostWorkS, x: px, y: pv, kind: 'line', color: 'var(--series-3)' },
          { id: 'finish-tus', label: 'tus finished at', data: s.tusFinishS, x: px, y: pv, kind: 'line', color: 'var(--series-2)' },
        ]}
        cursorX={Math.log2(params['client.chunkMiB'])}
      />
      <p className={styles.note}>
        Each point is a whole headless run of this scenario with another chunk size. Lost work = bytes sent again after cuts, at the uplink’s rate. The cursor marks your chunk size.
      </p>
    </div>
  );
}
