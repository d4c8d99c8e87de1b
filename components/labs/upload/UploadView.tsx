'use client';
import { useState } from 'react';
import { ModeTabs } from '@/components/lab-shell/ModeTabs';
import type { LabViewProps } from '@/components/lab-shell/types';
import { SimulationPanel } from './parts/SimulationPanel';
import { RealUpload } from './parts/RealUpload';
import styles from './UploadView.module.css';

const MODES = [
  { id: 'sim', label: 'Simulation', testId: 'mode-sim' },
  { id: 'real', label: 'Real upload to this server', testId: 'mode-real' },
] as const;

/** Two modes: the simulated run, and a real upload to this lab's own server. Layout only. */
export function UploadView(props: LabViewProps) {
  const [mode, setMode] = useState<'sim' | 'real'>('sim');
  return (
    <div className={`${styles.view} ${props.presenter ? styles.presenter : ''}`} data-testid="upload-view" data-mode={mode} data-shell-controls={mode === 'real' ? 'off' : undefined}>
      <ModeTabs modes={MODES} value={mode} onChange={setMode} />
      {mode === 'sim' ? <SimulationPanel {...props} /> : <RealUpload />}
    </div>
  );
}
