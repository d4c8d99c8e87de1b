'use client';
import type { PlayerState } from './playerMachine';
import type { ShellCommand } from './keyboard';
import { formatSpeed, positionFromSpeed, speedFromPosition, SPEED_SLIDER_STEPS } from './speed';
import { formatTime } from './format';
import { SeedField } from './SeedField';
import styles from './LabShell.module.css';

export interface TransportProps {
  state: PlayerState;
  now: number;
  horizon: number;
  speed: number;
  /** the speed the run actually reaches while playing (NaN: not measured yet) */
  reachedSpeed: number;
  seed: number;
  seekTarget: number;
  presenter: boolean;
  command(cmd: ShellCommand): void;
  onSpeed(speed: number): void;
  onSeek(t: number): void;
  onSeed(seed: number): void;
  onCopyLink(): void;
  /**
   * One line saying what the last step did (the lab's `caption` of the event stepped to); null or
   * absent: nothing to say. Shown under the controls.
   */
  caption?: string | null;
  /** Step back to the previous visible event; absent: no "Step back" button. */
  onStepBack?(): void;
  /** where the replay has got to (the run being built; the view may still show the previous one) */
  seekNow?: number;
  /** the player is replaying a run that is not on screen yet */
  replaying?: boolean;
  /** compact layout (lesson embed): no seed field */
  compact?: boolean;
}

/** Play/pause, step, reset, speed, the time scrubber (with replay progress), seed and copy link. */
export function Transport({ state, now, horizon, speed, reachedSpeed, seed, seekTarget, presenter, command, onSpeed, onSeek, onSeed, onCopyLink, caption, onStepBack, seekNow, replaying = false, compact = false }: TransportProps) {
  const playing = state === 'playing';
  // about a thousand whole-ms steps; the last grid point is at or just past the horizon, so End
  // reaches it (the run clamps a seek past its horizon to the horizon)
  const scrubStep = Math.max(1, Math.round(horizon / 1000));
  const scrubMax = Math.ceil(horizon / scrubStep) * scrubStep;
  // a replay under way, also while the previous run stays on screen (a keep-time re-creation)
  const seeking = state === 'seeking' || replaying;
  return (
    <div className={styles.transport} role="group" aria-label="Player controls" data-testid="transport">
      <div className={styles.buttons}>
        <button type="button" className={`${styles.button} ${styles.primary}`} onClick={() => command('toggle-play')} aria-keyshortcuts="Space" data-testid="play-toggle">
          {playing ? 'Pause' : seeking ? 'Stop replay' : state === 'ended' ? 'Replay' : 'Play'}
        </button>
        {onStepBack && (
          <button type="button" className={styles.button} onClick={onStepBack} data-testid="step-back" disabled={state === 'idle' || now <= 0}>
            Step back
          </button>
        )}
        <button type="button" className={styles.button} onClick={() => command('step')} aria-keyshortcuts="ArrowRight" data-testid="step" disabled={state === 'ended'}>
          Step
        </button>
        <button type="button" className={styles.button} onClick={() => command('reset')} aria-keyshortcuts="r" data-testid="reset">
          Reset
        </button>
      </div>
      <label className={styles.speed}>
        <span className={styles.fieldLabel}>Speed</span>
        <input
          type="range"
          min={0}
          max={SPEED_SLIDER_STEPS}
          step={1}
          value={positionFromSpeed(speed)}
          aria-valuetext={formatSpeed(speed)}
          onChange={(e) => onSpeed(speedFromPosition(Number(e.target.value)))}
          data-testid="speed-slider"
        />
        <output className={styles.speedLabel} data-testid="speed-label">
          {formatSpeed(speed)}
        </output>
        {reachedSpeed < 0.9 * speed && (
          <span className={styles.muted} role="status" data-testid="reached-speed" title="This run is too heavy to play faster on this device; it plays as fast as it can without freezing the page.">
            reaching {formatSpeed(reachedSpeed)}
          </span>
        )}
      </label>
      <label className={styles.scrubber}>
        <span className={styles.fieldLabel}>Time</span>
        <input
          type="range"
          min={0}
          max={scrubMax}
          step={scrubStep}
          // LOUD: the value sits on the step grid. A value off the grid is snapped by the browser, and
          // React then reads the snapped value back as a change: a run that ended between two steps
          // seeked itself back to the last grid point.
          value={Math.round(Math.min(now, horizon) / scrubStep) * scrubStep}
          aria-valuetext={formatTime(now)}
          onChange={(e) => onSeek(Number(e.target.value))}
          data-testid="time-scrubber"
        />
        <output className={styles.timeLabel} data-testid="time-label">
          {formatTime(now)} / {formatTime(horizon)}
        </output>
        {seeking && (
          <span className={styles.seekProgress} role="status" data-testid="seek-progress">
            replaying to {formatTime(seekTarget)}: {Math.floor((100 * (seekNow ?? now)) / Math.max(1, seekTarget))}%
          </span>
        )}
      </label>
      {!presenter && !compact && <SeedField seed={seed} onSeed={onSeed} />}
      {!presenter && !compact && (
        <button type="button" className={styles.button} onClick={onCopyLink} data-testid="copy-link">
          Copy link
        </button>
      )}
      {caption != null && (
        <p className={styles.caption} data-testid="step-caption" aria-live="polite">
          {caption}
        </p>
      )}
    </div>
  );
}
