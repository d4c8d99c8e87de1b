'use client';
import { useMemo, useState } from 'react';
import { TimeSeriesChart, type EventMarker } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { useThrottled } from '@/components/lab-shell/useThrottled';
import type { UploadParams, UploadResult, UploadSimEvent } from '@/simulations/upload/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { RequestTimeline } from './RequestTimeline';
import { Scoreboard } from './Scoreboard';
import { TradeoffChart } from './TradeoffChart';
import { RealUpload } from './RealUpload';
import { byteSeriesOf, formatBytes, LANE_LABELS, scoreRowsOf, tabStatesOf, timelineOf } from './timeline';
import styles from './UploadView.module.css';

type Logged = UploadSimEvent & { t: number };
const MiB = 1024 * 1024;
const seconds = (p: SeriesPoint) => p.t / 1000;
const mib = (p: SeriesPoint) => p.v / MiB;
const LANE_COLOR = { tus: 'var(--series-1)', post: 'var(--series-2)', gcs: 'var(--series-3)' } as const;

export function UploadView(props: LabViewProps) {
  const [mode, setMode] = useState<'sim' | 'real'>('sim');
  return (
    <div className={`${styles.view} ${props.presenter ? styles.presenter : ''}`} data-testid="upload-view" data-mode={mode}>
      <div className={styles.modes} role="tablist" aria-label="Lab mode">
        <button type="button" role="tab" aria-selected={mode === 'sim'} className={mode === 'sim' ? styles.modeOn : styles.mode} onClick={() => setMode('sim')} data-testid="mode-sim">
          Simulation
        </button>
        <button type="button" role="tab" aria-selected={mode === 'real'} className={mode === 'real' ? styles.modeOn : styles.mode} onClick={() => setMode('real')} data-testid="mode-real">
          Real upload to this server
        </button>
      </div>
      {mode === 'sim' ? <SimulationPanel {...props} /> : <RealUpload />}
    </div>
  );
}

function SimulationPanel({ runner, version, presenter }: LabViewProps) {
  const events = runner.recorder.events as unknown as readonly Logged[];
  const params = runner.params as UploadParams;
  const tabs = params['tabs.count'];
  // O(events) selectors, once per frame at most (the shell bumps `version` per animation frame)
  const timeline = useMemo(() => timelineOf(events, tabs), [runner, version, tabs]);
  const bytes = useMemo(() => byteSeriesOf(events), [runner, version]);
  const result = useThrottled(runner, version, (r) => r.result() as UploadResult);
  const rows = scoreRowsOf(result);
  const clientStates = tabStatesOf(events);
  const horizonS = runner.horizonMs / 1000;
  const nowS = runner.now / 1000;
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
      <RequestTimeline timeline={timeline} horizonMs={runner.horizonMs} nowMs={runner.now} />
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
        <TradeoffChart runner={runner} height={height} />
      </div>
      {!presenter && (
        <p className={styles.note}>
          Per disconnect: {bytes.disconnects.length === 0 ? 'none yet.' : bytes.disconnects.map((d, i) => `#${i + 1} at ${(d.t / 1000).toFixed(1)} s: ${Object.entries(d.lost).map(([l, b]) => `${LANE_LABELS[l as keyof typeof LANE_LABELS]} ${formatBytes(b)}`).join(', ') || 'nothing in flight'}`).join(' · ')}
        </p>
      )}
    </div>
  );
}
