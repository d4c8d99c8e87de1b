'use client';
import { useState } from 'react';
import type { LabViewProps } from '@/components/lab-shell/types';
import { SimulationPanel } from './parts/SimulationPanel';
import { RealUpload } from './parts/RealUpload';
import styles from './UploadView.module.css';

/** Two modes: the simulated run, and a real upload to this lab's own server. Layout only. */
export function UploadView(props: LabViewProps) {
  const [mode, setMode] = useState<'sim' | 'real'>('sim');
  return (
    <div className={`${styles.view} ${props.presenter ? styles.presenter : ''}`} data-testid="upload-view" data-mode={mode} data-shell-controls={mode === 'real' ? 'off' : undefined}>
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
