'use client';
import { memo, useId, useMemo, useState, type MouseEvent } from 'react';
import { TRACE_DATASETS, TRACE_SET_IDS, tracesOfSet, type AbrParams, type TraceDifference, type TraceSetId } from '@/simulations/abr';
import type { EntrantSpec } from './protocol';
import { useTournament, type TournamentResult } from './useTournament';
import { boardOf, comparisonOf, comparisonSummary, entrantLabel, formatInterval, groupLabel, raceLink } from './board';
import viewStyles from '../../AbrView.module.css';
import styles from '../RealNetworks.module.css';

export interface TournamentPanelProps {
  params: AbrParams;
  seed: number;
  /** extra entrants beside the seven built-ins (the code lab's hook; see entrants.ts) */
  extras?: EntrantSpec[];
  /** opens a race in place; without it the race links navigate */
  setParams?: (changes: Record<string, unknown>) => void;
}

/**
 * Every built-in (and any extra entrant) on every trace of the chosen real datasets, in a worker:
 * a leaderboard per network type with 95 % intervals, and the traces where one entrant beats or
 * loses to another by most, each a link that replays that race in the lab.
 */
export const TournamentPanel = memo(function TournamentPanel({ params, seed, extras = [], setParams }: TournamentPanelProps) {
  const { state, start, cancel } = useTournament();
  const [sets, setSets] = useState<TraceSetId[]>(['norway-3g']);
  const traceCount = sets.reduce((n, s) => n + tracesOfSet(s).length, 0);
  const running = state.status === 'running';

  const toggle = (set: TraceSetId, on: boolean) => setSets((prev) => TRACE_SET_IDS.filter((s) => (s === set ? on : prev.includes(s))));

  return (
    <section className={styles.panel} aria-labelledby="abr-tournament-title" data-testid="abr-tournament" data-status={state.status}>
      <h3 id="abr-tournament-title" className={styles.title}>
        Tournament on real networks
      </h3>
      <p className={viewStyles.hint}>
        Every algorithm{extras.length ? ` (and ${extras.map((e) => e.label).join(', ')})` : ''} plays this video on every trace of the chosen datasets,
        with the lab’s current settings ({params.mode} mode, seed {seed}).
      </p>
      <fieldset className={styles.sets} disabled={running}>
        <legend>Trace sets</legend>
        {TRACE_SET_IDS.map((set) => (
          <label key={set} className={styles.setOption}>
            <input type="checkbox" checked={sets.includes(set)} onChange={(e) => toggle(set, e.target.checked)} data-testid="abr-tournament-set" value={set} />
            {TRACE_DATASETS[set].title} <span className={viewStyles.muted}>({tracesOfSet(set).length})</span>
          </label>
        ))}
      </fieldset>
      <div className={styles.actions}>
        {running ? (
          <button type="button" className={viewStyles.smallButton} onClick={cancel} data-testid="abr-tournament-cancel">
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className={viewStyles.smallButton}
            disabled={sets.length === 0}
            onClick={() => start({ sets, params, seed, extras })}
            data-testid="abr-tournament-run"
          >
            Run {7 + extras.length} entrants × {traceCount} traces
          </button>
        )}
        {running && (
          <progress
            className={styles.progress}
            max={state.total ?? 1}
            value={state.total === null ? undefined : state.done}
            aria-label="Tournament progress"
            data-testid="abr-tournament-progress"
          />
        )}
        {running && <span className={viewStyles.muted}>{state.total === null ? 'loading traces…' : `${state.done} / ${state.total} traces`}</span>}
        {state.status === 'idle' && state.cancelled && (
          <span className={viewStyles.muted} role="status">
            Cancelled.
          </span>
        )}
      </div>
      {state.status === 'error' && (
        <p className={viewStyles.error} role="alert">
          The tournament failed: {state.message}
        </p>
      )}
      {state.status === 'done' && <TournamentResults result={state.result} defaultEntrant={extras[0]?.id ?? params.algorithm} setParams={setParams} />}
    </section>
  );
});

function TournamentResults({ result, defaultEntrant, setParams }: { result: TournamentResult; defaultEntrant: string; setParams?: TournamentPanelProps['setParams'] }) {
  const groups = useMemo(() => boardOf(result), [result]);
  const [groupIndex, setGroupIndex] = useState(0);
  const group = groups[Math.min(groupIndex, groups.length - 1)];
  const ids = result.entrants.map((e) => e.id);
  const [entrant, setEntrant] = useState(ids.includes(defaultEntrant) ? defaultEntrant : ids[0]);
  const [baseline, setBaseline] = useState(ids.includes('rate') && entrant !== 'rate' ? 'rate' : ids.find((id) => id !== entrant)!);
  const comparison = useMemo(() => comparisonOf(result, entrant, baseline), [result, entrant, baseline]);
  const groupId = useId();
  const label = (id: string) => entrantLabel(result, id);

  return (
    <div className={styles.results} data-testid="abr-tournament-results" data-traces={result.traces} data-entrants={result.entrants.length} data-wall-ms={Math.round(result.wallMs)}>
      <p className={viewStyles.status} role="status">
        {result.entrants.length} entrants × {result.traces} traces in {(result.wallMs / 1000).toFixed(2)} s (simulating {(result.simulateMs / 1000).toFixed(2)} s, loading{' '}
        {(result.loadMs / 1000).toFixed(2)} s).
      </p>
      <label className={styles.field} htmlFor={groupId}>
        Network
        <select id={groupId} value={groupIndex} onChange={(e) => setGroupIndex(Number(e.target.value))} data-testid="abr-tournament-group">
          {groups.map((g, i) => (
            <option key={g.network} value={i}>
              {groupLabel(g)}
            </option>
          ))}
        </select>
      </label>
      <div className={viewStyles.tableScroll} tabIndex={0} role="region" aria-label="Tournament leaderboard">
        <table className={viewStyles.scoreTable}>
          <caption>
            Leaderboard, {groupLabel(group)}: mean per trace ± half its 95 % confidence interval (Student’s t)
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Algorithm</th>
              <th scope="col">QoE</th>
              <th scope="col">Bitrate utility</th>
              <th scope="col">Rebuffer penalty</th>
              <th scope="col">Smoothness penalty</th>
              <th scope="col">Rebuffering (s)</th>
            </tr>
          </thead>
          <tbody>
            {group.rows.map((r) => (
              <tr key={r.entrant} data-testid="abr-tournament-row" data-entrant={r.entrant} data-qoe={r.qoe.mean.toFixed(3)}>
                <td>{r.rank}</td>
                <th scope="row">{label(r.entrant)}</th>
                <td>{formatInterval(r.qoe)}</td>
                <td>{formatInterval(r.bitrate)}</td>
                <td>{formatInterval(r.rebuffer)}</td>
                <td>{formatInterval(r.smoothness)}</td>
                <td>{formatInterval(r.rebufferS)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={viewStyles.note}>QoE = bitrate utility − rebuffer penalty − smoothness penalty, summed over chunks 1…n−1 of each trace, then averaged over the traces.</p>

      <div className={styles.compare}>
        <label className={styles.field}>
          Entrant
          <select value={entrant} onChange={(e) => setEntrant(e.target.value)} data-testid="abr-tournament-entrant">
            {ids.map((id) => (
              <option key={id} value={id}>
                {label(id)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          against
          <select value={baseline} onChange={(e) => setBaseline(e.target.value)} data-testid="abr-tournament-baseline">
            {ids.map((id) => (
              <option key={id} value={id}>
                {label(id)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className={viewStyles.status} data-testid="abr-tournament-comparison">
        {comparisonSummary(result, comparison)}
      </p>
      <div className={styles.extremes}>
        <TraceList title={`Where ${label(entrant)} wins most`} items={comparison.bestTraces} result={result} entrant={entrant} baseline={baseline} setParams={setParams} kind="wins" />
        <TraceList title={`Where ${label(entrant)} loses most`} items={comparison.worstTraces} result={result} entrant={entrant} baseline={baseline} setParams={setParams} kind="losses" />
      </div>
    </div>
  );
}

interface TraceListProps {
  title: string;
  items: TraceDifference[];
  result: TournamentResult;
  entrant: string;
  baseline: string;
  kind: 'wins' | 'losses';
  setParams?: TournamentPanelProps['setParams'];
}

function TraceList({ title, items, result, entrant, baseline, kind, setParams }: TraceListProps) {
  return (
    <div className={styles.traceList}>
      <h4 className={styles.listTitle}>{title}</h4>
      {items.length === 0 ? (
        <p className={viewStyles.muted}>None.</p>
      ) : (
        <ol data-testid={`abr-tournament-${kind}`}>
          {items.map((d) => {
            const { params, href } = raceLink(result, d, entrant, baseline);
            const open = (e: MouseEvent<HTMLAnchorElement>) => {
              if (!setParams || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              setParams(params);
              window.scrollTo({ top: 0 });
            };
            return (
              <li key={d.trace}>
                <a href={href} onClick={open} data-testid="abr-tournament-race" data-trace={d.trace}>
                  {d.trace}
                </a>{' '}
                <span className={viewStyles.muted}>
                  ΔQoE {d.delta > 0 ? '+' : ''}
                  {d.delta.toFixed(1)} ({d.entrant.qoe.toFixed(1)} vs {d.baseline.qoe.toFixed(1)})
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
