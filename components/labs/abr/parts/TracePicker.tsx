'use client';
import { memo, useId } from 'react';
import { NETWORK_LABELS, NETWORK_TYPES, REAL_TRACES, TRACE_DATASETS, realTraceInfo } from '@/simulations/abr';
import { TRACE_KIND_OPTIONS } from '@/simulations/abr/lab/schema';
import type { ParamChanges } from './traceEditing';
import styles from './RealNetworks.module.css';
import viewStyles from '../AbrView.module.css';

export interface TracePickerProps {
  kind: string;
  /** `trace.real` */
  real: string;
  /** applies param changes; returns an error message when refused. Absent: read-only */
  apply?: (changes: ParamChanges) => string | null;
}

const SYNTHETIC = TRACE_KIND_OPTIONS.filter((k) => k !== 'real');
const SYNTHETIC_LABELS: Record<string, string> = {
  constant: 'Constant',
  steps: 'Steps',
  sine: 'Sine wave',
  markov: 'Markov (3G-like)',
  randomWalk: 'Random walk',
  custom: 'Hand-drawn',
};

/** The trace the race runs on: a synthetic generator or any shipped real trace, grouped by network. */
export const TracePicker = memo(function TracePicker({ kind, real, apply }: TracePickerProps) {
  const id = useId();
  const value = kind === 'real' ? `real:${real}` : `synthetic:${kind}`;
  const choose = (next: string) => {
    if (!apply) return;
    const [type, rest] = [next.slice(0, next.indexOf(':')), next.slice(next.indexOf(':') + 1)];
    apply(type === 'real' ? { 'trace.kind': 'real', 'trace.real': rest } : { 'trace.kind': rest });
  };
  return (
    <div className={styles.picker}>
      <label className={styles.field} htmlFor={id}>
        Network
        <select id={id} value={value} disabled={!apply} onChange={(e) => choose(e.target.value)} data-testid="abr-trace-picker">
          <optgroup label="Synthetic">
            {SYNTHETIC.map((k) => (
              <option key={k} value={`synthetic:${k}`}>
                {SYNTHETIC_LABELS[k] ?? k}
              </option>
            ))}
          </optgroup>
          {NETWORK_TYPES.map((network) => (
            <optgroup key={network} label={`Real: ${NETWORK_LABELS[network]}`}>
              {REAL_TRACES.filter((t) => t.network === network).map((t) => (
                <option key={t.id} value={`real:${t.id}`}>
                  {t.set} · {t.name} ({t.meanMbps < 10 ? t.meanMbps.toFixed(2) : t.meanMbps.toFixed(0)} Mbps)
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {kind === 'real' && <Provenance id={real} />}
    </div>
  );
});

/** Where a real trace comes from: dataset, what it measured, citation, licence and source. */
export function Provenance({ id }: { id: string }) {
  const info = realTraceInfo(id);
  if (!info) return null;
  const d = TRACE_DATASETS[info.set];
  return (
    <aside className={styles.provenance} aria-label="Where this trace comes from" data-testid="abr-trace-provenance" data-set={info.set} data-trace={info.id}>
      <strong>{d.title}</strong>: {info.name}, {NETWORK_LABELS[info.network]}, {Math.round(info.durationS)} s, mean {info.meanMbps.toFixed(info.meanMbps < 10 ? 2 : 0)} Mbps.
      <dl>
        <dt>Measured</dt>
        <dd>{d.what}</dd>
        <dt>Cite</dt>
        <dd>{d.citation}</dd>
        <dt>Licence</dt>
        <dd data-testid="abr-trace-licence">
          {d.licenceUrl ? (
            <a href={d.licenceUrl} rel="noreferrer license">
              {d.licence}
            </a>
          ) : (
            d.licence
          )}
        </dd>
        <dt>Source</dt>
        <dd>
          <a href={d.sourceUrl} rel="noreferrer">
            {d.sourceUrl.replace('https://github.com/', 'github.com/')}
          </a>
        </dd>
        <dt>Cut</dt>
        <dd className={viewStyles.muted}>{d.cut}</dd>
      </dl>
    </aside>
  );
}
