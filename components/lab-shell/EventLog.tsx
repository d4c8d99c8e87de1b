'use client';
import { memo, useEffect, useId, useRef, useState } from 'react';
import type { RunView } from '@/simulations/core/lab';
import type { Logged, SimEvent } from '@/simulations/core/recorder';
import { lastEvents } from './eventLogSelection';
import { formatTime } from './format';
import { visibleWindow } from './logWindow';
import { useThrottled } from './useThrottled';
import styles from './LabShell.module.css';
import { groupedNumber } from '@/simulations/core/numberText';

const VISIBLE_ROWS = 100;
/** Rows rendered before the row height is known (server render, first client render). */
const UNMEASURED_ROWS = 24;
const OVERSCAN_ROWS = 4;
/** A live run logs faster than anyone reads: the rows and counts follow it at most this often. */
const REFRESH_MS = 100;

/**
 * The last events of the run, newest first, filterable by type and text.
 *
 * LOUD: a live run logs dozens of events per frame, so every row changes every frame. Only the
 * rows inside the scroll box are in the DOM (fixed row height, see .logRow), and the box has
 * `contain: strict`, so a frame's new rows never relayout the rest of the page. While the run
 * moves, rows and counts are refreshed every REFRESH_MS (and right after it stops).
 */
export const EventLog = memo(function EventLog({ runner, version }: { runner: RunView; version: number }) {
  const [hiddenTypes, setHiddenTypes] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState('');
  // captioned events only, unless the learner asks for every timer and sample too
  const [all, setAll] = useState(false);
  const caption = runner.lab.caption as ((e: Logged<SimEvent>) => string | null) | undefined;
  const [scrollTop, setScrollTop] = useState(0);
  const [box, setBox] = useState<{ rowHeight: number; viewportHeight: number } | null>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const filterId = useId();
  const filterKey = `${[...hiddenTypes].sort().join('\u0000')}\u0001${text}\u0001${all}`;
  const { counts, rows, total } = useThrottled(
    runner,
    version,
    (r) => ({
      counts: r.recorder.counts(),
      rows: lastEvents(r.recorder.events, { hiddenTypes, text, caption, all }, VISIBLE_ROWS),
      total: r.recorder.events.length + r.recorder.dropped,
    }),
    REFRESH_MS,
    filterKey,
  );
  const types = Object.keys(counts).sort();
  const hasRows = rows.length > 0;

  // Sizes come from a ResizeObserver (delivered after layout): no forced layout in a frame.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const row = scroller.querySelector<HTMLElement>('[data-log-row]');
      const rowHeight = row ? row.getBoundingClientRect().height : 0;
      const viewportHeight = scroller.clientHeight;
      if (rowHeight > 0 && viewportHeight > 0)
        setBox((prev) => (prev && prev.rowHeight === rowHeight && prev.viewportHeight === viewportHeight ? prev : { rowHeight, viewportHeight }));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    const row = scroller.querySelector<HTMLElement>('[data-log-row]');
    if (row) observer.observe(row);
    return () => observer.disconnect();
  }, [hasRows]);

  const win = box
    ? visibleWindow({ count: rows.length, rowHeight: box.rowHeight, viewportHeight: box.viewportHeight, scrollTop, overscan: OVERSCAN_ROWS })
    : { start: 0, end: Math.min(rows.length, UNMEASURED_ROWS) };
  const shown = rows.slice(win.start, win.end);

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
          {groupedNumber(total)} logged{total > VISIBLE_ROWS ? `, last ${VISIBLE_ROWS} shown` : ''}
        </span>
      </div>
      <fieldset className={styles.logFilters}>
        <legend className={styles.visuallyHidden}>Show event types</legend>
        {types.map((type) => (
          <label key={type} className={styles.checkboxLabel}>
            <input type="checkbox" checked={!hiddenTypes.has(type)} onChange={() => toggle(type)} data-testid={`log-type-${type}`} />
            {type} <span className={styles.muted}>({groupedNumber(counts[type])})</span>
          </label>
        ))}
        {caption && (
          <label className={styles.checkboxLabel}>
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="log-all" />
            all events (timers, samples, raw fields)
          </label>
        )}
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
      <div
        ref={scrollerRef}
        className={styles.logRows}
        data-testid="event-log-rows"
        tabIndex={0}
        role="region"
        aria-label="Latest events, newest first"
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          if (!box || Math.floor(top / box.rowHeight) !== Math.floor(scrollTop / box.rowHeight)) setScrollTop(top);
        }}
      >
        <ol
          className={styles.logList}
          style={box ? { height: rows.length * box.rowHeight, paddingTop: win.start * box.rowHeight } : undefined}
        >
          {shown.map((r, i) => (
            <li key={r.index} className={styles.logRow} data-log-row="" aria-setsize={rows.length} aria-posinset={win.start + i + 1}>
              <span className={styles.logTime}>{formatTime(r.t)}</span>
              <span className={styles.logType}>{r.type}</span>
              <span className={styles.logDetails}>{r.details}</span>
            </li>
          ))}
          {rows.length === 0 && <li className={styles.muted}>{total === 0 ? 'No events yet: press play or step.' : 'No event matches the filter.'}</li>}
        </ol>
      </div>
    </section>
  );
});
