'use client';
import { FaultLog } from '@/components/lab-shell/FaultLog';
import { useId, useState } from 'react';
import type { ChatFrame, Fault, FaultType } from '@/simulations/chat';
import type { LabViewProps } from '@/components/lab-shell/types';
import { appendFault, faultsAllowed } from './faults';
import { describeFault, gatewayStateLabel } from '../viewModel';
import labView from '../../lab-view.module.css';

const DURATIONS: { value: string; label: string }[] = [
  { value: '', label: 'rest of the run' },
  { value: '5000', label: '5 s' },
  { value: '15000', label: '15 s' },
  { value: '30000', label: '30 s' },
  { value: '60000', label: '60 s' },
];

const BUTTONS: { type: FaultType; label: string; testId: string; title: string }[] = [
  { type: 'gateway-crash', label: 'Crash gateway', testId: 'fault-crash', title: 'The process dies: every client sees a TCP reset at once and reconnects.' },
  { type: 'drain', label: 'Drain', testId: 'fault-drain', title: 'Graceful deploy: stop accepting, close connections spread over the window, then restart empty.' },
  { type: 'partition', label: 'Partition', testId: 'fault-partition', title: 'The network to the gateway is cut: nobody gets a reset; clients notice at their next unanswered heartbeat.' },
];

export interface FaultPanelProps {
  frame: ChatFrame;
  faults: readonly Fault[];
  /** virtual time now, ms */
  now: number;
  done: boolean;
  selected: number;
  onSelect(g: number): void;
  setParams: LabViewProps['setParams'];
}

/**
 * Fault buttons. They go through the simulation: the fault is appended to the `faults` param at the
 * current virtual time and the shell replays the run to now (keepTime), so the share link carries it.
 */
export function FaultPanel({ frame, faults, now, done, selected, onSelect, setParams }: FaultPanelProps) {
  const G = frame.gateways.length;
  const gateway = Math.min(selected, G - 1);
  const state = frame.gateways[gateway].state;
  const allowed = faultsAllowed(state);
  const [duration, setDuration] = useState('');
  const [error, setError] = useState<string | null>(null);
  const gatewayId = useId();
  const durationId = useId();

  const inject = (type: FaultType) => {
    if (!setParams) return;
    const result = appendFault(faults, { type, gateway, durationMs: duration === '' ? undefined : Number(duration) }, now, G);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setParams({ faults: result.faults }, { keepTime: true });
  };

  return (
    <section className={labView.panel} aria-label="Faults" data-testid="chat-faults">
      <h3 className={labView.panelTitle}>Break something</h3>
      <div className={labView.faultControls}>
        <label htmlFor={gatewayId}>Gateway</label>
        <select id={gatewayId} value={gateway} onChange={(e) => onSelect(Number(e.target.value))} data-testid="fault-gateway">
          {Array.from({ length: G }, (_, g) => (
            <option key={g} value={g}>
              {`gateway ${g}`}
            </option>
          ))}
        </select>
        <label htmlFor={durationId}>Lasts</label>
        <select id={durationId} value={duration} onChange={(e) => setDuration(e.target.value)} data-testid="fault-duration">
          {DURATIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <p className={labView.faultState} data-testid="fault-gateway-state">
        {`gateway ${gateway} is `}
        <strong>{gatewayStateLabel(state)}</strong>
      </p>
      <div className={labView.faultButtons}>
        {BUTTONS.map((b) => (
          <button
            key={b.type}
            type="button"
            className={labView.faultButton}
            onClick={() => inject(b.type)}
            disabled={!setParams || done || !allowed[b.type]}
            title={b.title}
            data-testid={b.testId}
          >
            {b.label}
          </button>
        ))}
      </div>
      <FaultLog faults={faults} describe={describeFault} error={error} onClear={setParams ? () => setParams({ faults: [] }) : undefined} />
    </section>
  );
}
