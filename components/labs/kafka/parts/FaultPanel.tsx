'use client';
import { FaultLog } from '@/components/lab-shell/FaultLog';
import { useId, useState } from 'react';
import type { ClusterView, ResolvedConfig } from '@/simulations/kafka';
import type { KafkaRun } from '../viewModel';
import type { LabViewProps } from '@/components/lab-shell/types';
import { appendFault, describeFault, FAULT_BUTTONS, faultsAllowed, type FaultButtonId } from './faults';
import { brokerStatus } from './draw';
import labView from '../../lab-view.module.css';

const DURATIONS: { value: string; label: string }[] = [
  { value: '', label: 'rest of the run' },
  { value: '5000', label: '5 s' },
  { value: '15000', label: '15 s' },
  { value: '30000', label: '30 s' },
];

interface Props {
  run: KafkaRun;
  view: ClusterView;
  cfg: ResolvedConfig;
  selected: { partition: number; broker: number };
  onSelect(sel: { partition?: number; broker?: number }): void;
  setParams: LabViewProps['setParams'];
}

/**
 * Fault buttons. They go through the simulation: the fault is appended to the `faults` param at the
 * current virtual time and the shell replays the run to now (keepTime), so the share link carries it.
 */
export function FaultPanel({ run, view, cfg, selected, onSelect, setParams }: Props) {
  const faults = run.params.faults;
  const [duration, setDuration] = useState('');
  const [error, setError] = useState<string | null>(null);
  const partitionId = useId();
  const brokerId = useId();
  const durationId = useId();
  const partition = Math.min(selected.partition, cfg.partitions - 1);
  const broker = Math.min(selected.broker, cfg.brokers - 1);
  const meta = view.partitions[partition];
  const brokerView = view.brokers[broker];
  const allowed = faultsAllowed({
    partitionHasLeader: meta ? !meta.offline : true,
    replicationFactor: cfg.replicationFactor,
    brokerAlive: brokerView ? brokerView.alive : true,
    acks: cfg.acks,
  });

  const inject = (button: FaultButtonId) => {
    if (!setParams) return;
    const result = appendFault(faults, { button, partition, broker, durationMs: duration === '' ? undefined : Number(duration) }, run.now, cfg.brokers, cfg.partitions);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setParams({ faults: result.faults }, { keepTime: true });
  };

  return (
    <section className={labView.panel} aria-label="Faults" data-testid="kafka-faults">
      <h3 className={labView.panelTitle}>Break something</h3>
      <div className={labView.faultControls}>
        <label htmlFor={partitionId}>Partition</label>
        <select id={partitionId} value={partition} onChange={(e) => onSelect({ partition: Number(e.target.value) })} data-testid="fault-partition">
          {Array.from({ length: cfg.partitions }, (_, p) => (
            <option key={p} value={p}>
              {`partition ${p}`}
            </option>
          ))}
        </select>
        <label htmlFor={brokerId}>Broker</label>
        <select id={brokerId} value={broker} onChange={(e) => onSelect({ broker: Number(e.target.value) })} data-testid="fault-broker">
          {Array.from({ length: cfg.brokers }, (_, b) => (
            <option key={b} value={b}>
              {`broker ${b}`}
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
      <p className={labView.faultState} data-testid="fault-target-state">
        {meta ? (meta.offline ? `partition ${partition} is offline (no leader)` : `partition ${partition}: leader broker ${meta.leader}, ISR {${meta.isr.join(', ')}}`) : `partition ${partition}`}
        {brokerView && ` · broker ${broker} is ${brokerStatus(brokerView).text}`}
      </p>
      <div className={labView.faultButtons}>
        {FAULT_BUTTONS.map((b) => (
          <button
            key={b.id}
            type="button"
            className={labView.faultButton}
            onClick={() => inject(b.id)}
            disabled={!setParams || run.done || !allowed[b.id]}
            title={b.title}
            data-testid={`fault-${b.id}`}
          >
            {b.label}
          </button>
        ))}
      </div>
      <FaultLog faults={faults} describe={describeFault} error={error} onClear={setParams ? () => setParams({ faults: [] }) : undefined} />
    </section>
  );
}
