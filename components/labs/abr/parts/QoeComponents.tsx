'use client';
import { useId, useMemo, useState } from 'react';
import { TimeSeriesChart } from '@/components/charts';
import type { PlayerSlot } from '@/simulations/abr';
import { componentSpecs, type AbrRun, type PlayerLine } from '../viewModel';
import { toChartSeries } from './chartSeries';
import styles from '../AbrView.module.css';

export interface QoeComponentsProps {
  lines: readonly PlayerLine[];
  /** the run the charts draw (the live one, or the finished race as a preview) */
  run: AbrRun;
  /** the time axis and size shared by every chart of the view */
  common: { xDomain: [number, number]; cursorX: number | undefined; height: number; xLabel: string };
}

/** One player's QoE and its three components, with a picker of the player when several race. */
export function QoeComponents({ lines, run, common }: QoeComponentsProps) {
  const [focusSlot, setFocusSlot] = useState<PlayerSlot>('p0');
  const focusGroup = useId();
  const focusLine = lines.find((l) => l.slot === focusSlot) ?? lines[0];
  const specs = useMemo(() => (focusLine ? componentSpecs(focusLine) : []), [focusLine]);
  if (!focusLine) return null;
  return (
    <div className={styles.componentsBox}>
      {lines.length > 1 && (
        <fieldset className={styles.focusPicker}>
          <legend>QoE components of</legend>
          {lines.map((l) => (
            <label key={l.slot} className={styles.focusOption}>
              <input type="radio" name={focusGroup} value={l.slot} checked={l.slot === focusLine.slot} onChange={() => setFocusSlot(l.slot)} data-testid={`abr-focus-${l.slot}`} />
              <span className={styles.swatch} style={{ background: l.color }} aria-hidden="true" />
              {l.label}
            </label>
          ))}
        </fieldset>
      )}
      <TimeSeriesChart title={`QoE components: ${focusLine.label}`} series={toChartSeries(specs, run)} yLabel="QoE" {...common} />
    </div>
  );
}
