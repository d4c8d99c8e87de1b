'use client';
import { useId, useState } from 'react';
import type { Runner } from '@/simulations/core/runner';
import { lastEvents } from './eventLog';
import { formatTime } from './format';
import styles from './LabShell.module.css';

const VISIBLE_ROWS = 100;

/** The last events of the run, newest first, filterable by type and text. */
export function EventLog({ runner }: { runner: Runner; version: number }) {
  const [hiddenTypes, setHiddenTypes] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState('');
  const filterId = useId();
  const counts = runner.recorder.counts();
  const types = Object.keys(counts).sort();
  const rows = lastEvents(runner.recorder.events, { hiddenTypes, text }, VISIBLE_ROWS);
  const total = runner.recorder.events.length + runner.recorder.dropped;

  const toggle = (type: string) =>
    setHiddenTypes((prev) => {
      const next = new Set(prev);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  return (
    <section className={styles.log} aria-label="Event log" data-testid="event-log">
      <div className={styles.logHeader}>
        <h3 className={styles.panelTitle}>Events</h3>
        <span className={styles.muted}>
          {total.toLocaleString('en-US')} logged{total > VISIBLE_ROWS ? `, last ${VISIBLE_ROWS} shown` : ''}
        </span>
      </div>
      <fieldset className={styles.logFilters}>
        <legend className={styles.visuallyHidden}>Show event types</legend>
        {types.map((type) => (
          <label key={type} className={styles.checkboxLabel}>
            <input type="checkbox" checked={!hiddenTypes.has(type)} onChange={() => toggle(type)} data-testid={`log-type-${type}`} />
            {type} <span className={styles.muted}>({counts[type].toLocaleString('en-US')})</span>
          </label>
        ))}
        <label htmlFor={filterId} className={styles.visuallyHidden}>
          Filter events
        </label>
        <input
          id={filterId}
          type="search"
          placeholder="filter…"
          className={styles.logSearch}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="log-filter"
        />
      </fieldset>
      {/* focusable: a scrollable region must be reachable by keyboard */}
      <ol className={styles.logRows} data-testid="event-log-rows" tabIndex={0} aria-label="Latest events, newest first">
        {rows.map((r) => (
          <li key={r.index} className={styles.logRow}>
            <span className={styles.logTime}>{formatTime(r.t)}</span>
            <span className={styles.logType}>{r.type}</span>
            <span className={styles.logDetails}>{r.details}</span>
          </li>
        ))}
        {rows.length === 0 && <li className={styles.muted}>{total === 0 ? 'No events yet: press play or step.' : 'No event matches the filter.'}</li>}
      </ol>
    </section>
  );
}
