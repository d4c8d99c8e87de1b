'use client';
import { useState } from 'react';
import { TimeSeriesChart, type ChartSeries } from '@/components/charts';
import type { LabViewProps } from '@/components/lab-shell/types';
import { viewOf } from '@/simulations/core/lab';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { e2eeLab } from '@/simulations/e2ee';
import { PhonePane } from './parts/PhonePane';
import { ServerPane } from './parts/ServerPane';
import { KeyPanel } from './parts/KeyPanel';
import { AttackPanel } from './parts/AttackPanel';
import { GroupPanel } from './parts/GroupPanel';
import { RatchetStrip } from './parts/RatchetStrip';
import styles from './E2eeView.module.css';
import labView from '../lab-view.module.css';

const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;

/** Layout: the notice, the ratchet strip, Alice / Server / Bob, the keys, the attacks, the group, one chart. */
export function E2eeView({ runner, presenter, setParams }: LabViewProps) {
  const run = viewOf(e2eeLab, runner);
  const frame = run.frame();
  const [picked, setPicked] = useState<number | null>(null);
  const selected = frame.messages.find((m) => m.seq === picked) ?? frame.messages.at(-1) ?? null;
  const bytes: ChartSeries<SeriesPoint>[] = [{ id: 'serverBytes', label: 'bytes relayed (total)', data: run.recorder.series('serverBytes'), x: seconds, y: value, kind: 'step', color: 'var(--series-1)' }];
  return (
    <div className={`${labView.stack} ${presenter ? styles.presenter : ''}`} data-testid="e2ee-view" data-messages={frame.messages.length}>
      <p className={styles.notice} role="note">
        Real cryptography: X25519, Ed25519, HKDF-SHA-256 and AES-256-GCM (audited @noble libraries). For a replayable link the lab derives every key from the run’s seed; a real client must take
        them from the operating system’s random generator.
      </p>
      <RatchetStrip messages={frame.messages} total={run.params.messages} theftAfter={run.params.compromiseAfter > 0 ? run.params.compromiseAfter : null} />
      <div className={styles.panes}>
        <PhonePane phone="alice" messages={frame.messages} online selected={selected?.seq ?? null} onSelect={setPicked} />
        <ServerPane frame={frame} />
        <PhonePane phone="bob" messages={frame.messages} online={frame.bobOnline} selected={selected?.seq ?? null} onSelect={setPicked} />
      </div>
      <KeyPanel frame={frame} selected={selected} />
      <div className={styles.lower}>
        <AttackPanel frame={frame} params={run.params} setParams={setParams} />
        <GroupPanel frame={frame} params={run.params} setParams={setParams} />
      </div>
      <TimeSeriesChart title="What the server carried" yLabel="bytes" yUnit="B" series={bytes} xLabel="time (s)" xDomain={[0, run.horizonMs / 1000]} cursorX={run.now / 1000} height={presenter ? 150 : 170} />
    </div>
  );
}
