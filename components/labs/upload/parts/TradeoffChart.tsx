'use client';
import { useMemo } from 'react';
import { TimeSeriesChart } from '@/components/charts';
import type { Companions } from '@/components/lab-shell/useCompanions';
import { SWEEP_CHUNKS_MIB, type UploadParams } from '@/simulations/upload';
import { formatChunkSize, tradeoffRowsOf, tradeoffSeriesOf, type TradeoffPoint } from '../viewModel';
import styles from '../UploadView.module.css';

const px = (p: TradeoffPoint) => p.x;
const pv = (p: TradeoffPoint) => p.v;

/**
 * The chunk-size sweep: the same run (params, seed) once per chunk size, headless. The runs are the
 * lab's companions (`uploadLab.companions`): the shell runs them, one per macrotask, and restarts them
 * when the run's params or seed change; this chart only reads their results.
 */
export function TradeoffChart({ params, companions, height }: { params: UploadParams; companions: Companions | undefined; height: number }) {
  const rows = useMemo(() => tradeoffRowsOf(companions?.runs ?? []), [companions]);
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
      {companions?.error && (
        <p className={styles.error} role="alert">
          {companions.error}
        </p>
      )}
      <p className={styles.note}>
        Each point is a whole headless run of this scenario with another chunk size. Lost work = bytes sent again after cuts, at the uplink’s rate. The cursor marks your chunk size.
      </p>
    </div>
  );
}
