'use client';
import { useId, useState } from 'react';
import type { AddedPlay, DiscoverWeeklyFrame } from '@/simulations/discover-weekly';
import { PLAYS_PER_CLICK } from '../viewModel';
import labView from '../../lab-view.module.css';
import styles from '../DiscoverWeeklyView.module.css';

interface Props {
  frame: DiscoverWeeklyFrame;
  users: number;
  added: readonly AddedPlay[];
  onShow(user: number): void;
  onAdd(user: number, track: number): void;
  onClear(): void;
  disabled: boolean;
}

/** The keyboard way to what a click on the plays heatmap does: pick a listener and a track, add plays, retrain. */
export function PlayEditor({ frame, users, added, onShow, onAdd, onClear, disabled }: Props) {
  const id = useId();
  const [track, setTrack] = useState(frame.window.tracks[0]?.track ?? 0);
  const user = frame.focus.user;
  return (
    <section className={labView.panel} aria-labelledby={`${id}-title`} data-testid="dw-editor">
      <h3 id={`${id}-title`} className={labView.panelTitle}>
        Add plays and retrain
      </h3>
      <div className={labView.faultControls}>
        <label htmlFor={`${id}-user`}>Listener</label>
        <input
          id={`${id}-user`}
          type="number"
          min={0}
          max={users - 1}
          value={user}
          disabled={disabled}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 0 && n < users) onShow(n);
          }}
          className={styles.input}
          data-testid="dw-user"
        />
        <label htmlFor={`${id}-track`}>Track</label>
        <select id={`${id}-track`} value={track} onChange={(e) => setTrack(Number(e.target.value))} className={styles.input} disabled={disabled}>
          {frame.window.tracks.map((t) => (
            <option key={t.track} value={t.track}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className={labView.faultButtons}>
        <button type="button" className={styles.button} disabled={disabled} onClick={() => onAdd(user, track)} data-testid="dw-add">
          Add {PLAYS_PER_CLICK} plays
        </button>
        <button type="button" className={styles.button} disabled={disabled || added.length === 0} onClick={onClear}>
          Clear added plays ({added.length})
        </button>
      </div>
      <p className={labView.faultState}>Or click a cell of the plays heatmap: that listener gets {PLAYS_PER_CLICK} plays of that track and the model retrains (the link keeps them).</p>
    </section>
  );
}
