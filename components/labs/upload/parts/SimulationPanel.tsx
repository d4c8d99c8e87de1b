'use client';
import { useMemo } from 'react';
import { TimeSeriesChart, type EventMarker } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { uploadLab } from '@/simulations/upload';
import { RequestTimeline } from './RequestTimeline';
import { Scoreboard } from './Scoreboard';
import { TradeoffChart } from './TradeoffChart';
import { disconnectsNote, formatBytes, LANE_LABELS, scoreRowsOf, UploadLogFold } from '../viewModel';
import styles from '../UploadView.module.css';

const MiB = 1024 * 1024;
const seconds = (p: SeriesPoint) => p.t / 1000;
const mib = (p: SeriesPoint) => p.v / MiB;
const LANE_COLOR = { tus: 'var(--series-1)', post: 'var(--series-2)', gcs: 'var(--series-3)' } as const;

/** The simulated run: request timeline, byte charts, the protocol scoreboard and the chunk-size sweep. */
export function SimulationPanel({ runner, version, presenter, companions }: LabViewProps) {
  const run = viewOf(uploadLab, runner);
  const events = run.recorder.events;
  const params = run.params;
  const tabs = params['tabs.count'];
  // the log folded in incrementally: a frame reads only the events new since the last one
  // (O(what arrived), not O(run)); a new run or a rewound log starts the fold over
  const fold = useMemo(() => new UploadLogFold(tabs), [tabs]);
  fold.update(events);
  const { timeline, bytes, tabStates: clientStates } = fold;
  const result = useThrottled(runner, version, () => run.result());
  const rows = scoreRowsOf(result);
  const horizonS = run.horizonMs / 1000;
  const nowS = run.now / 1000;
  const height = presenter ? 170 : 180;
  const markers: EventMarker[] = bytes.disconnects.map((d) => ({ x: d.t / 1000, label: 'cut', color: 'var(--danger)' }));
  const common = { xLabel: 'time (s)', xDomain: [0, horizonS] as [number, number], cursorX: nowS, markers, height, yUnit: 'MiB', yLabel: 'MiB' };
  const fileMiB = result.fileBytes / MiB;

  return (
    <div className={styles.sim} data-testid="upload-sim">
      <div className={styles.status}>
        {clientStates.map((s) => (
          <span key={s.tab} className={styles.chip} data-testid="upload-client-state" data-state={s.state}>
            {tabs > 1 ? `tab ${s.tab + 1}: ` : 'tus client: '}
            <strong>{s.state}</strong> · offset {formatBytes(s.offset)}
          </span>
        ))}
        <span className={styles.chip}>
          server: {result.server.takeovers} lock takeovers · {result.server.expired} expired · stored {formatBytes(result.server.storedBytes)}
        </span>
        {result.verified && (
          <span className={`${styles.chip} ${styles.ok}`} data-testid="upload-sim-verified">
            SHA-256 verified
          </span>
        )}
      </div>
      <RequestTimeline timeline={timeline} revision={fold.revision} horizonMs={run.horizonMs} nowMs={run.now} />
      <div className={styles.charts}>
        <TimeSeriesChart
          title={`tus: bytes committed vs sent vs lost (file ${Number(fileMiB.toPrecision(3))} MiB)`}
          series={[
            { id: 'committed', label: 'committed on the server', data: bytes.committed, x: seconds, y: mib, kind: 'step', color: 'var(--series-3)' },
            { id: 'sent-tus', label: 'sent', data: bytes.sent.tus ?? [], x: seconds, y: mib, kind: 'step', color: 'var(--series-1)' },
            { id: 'lost-tus', label: 'lost at cuts', data: bytes.lost.tus ?? [], x: seconds, y: mib, kind: 'step', color: 'var(--danger)' },
          ]}
          guides={[{ y: fileMiB, label: 'file size' }]}
          {...common}
        />
        <TimeSeriesChart
          title="Bytes lost at disconnects (cumulative)"
          series={(['tus', 'post', 'gcs'] as const)
            .filter((l) => bytes.lost[l])
            .map((l) => ({ id: `lost-${l}-all`, label: LANE_LABELS[l], data: bytes.lost[l]!, x: seconds, y: mib, kind: 'step' as const, color: LANE_COLOR[l] }))}
          {...common}
        />
      </div>
      <div className={styles.bottom}>
        <Scoreboard rows={rows} fileBytes={result.fileBytes} />
        <TradeoffChart params={params} companions={companions} height={height} />
      </div>
      {!presenter && <p className={styles.note}>Per disconnect: {disconnectsNote(bytes.disconnects)}</p>}
    </div>
  );
}
