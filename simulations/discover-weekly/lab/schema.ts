import type { ParamError, ParamSchema, ParamsOf } from '../../core/params';
import { MAX_GENRES } from '../plays/listeners';
import type { ConfidenceKind } from '../als/confidence';

/** Most plays a learner may add by hand (each one a URL entry). */
export const MAX_EXTRA_PLAYS = 60;

export interface AddedPlay {
  user: number;
  track: number;
  plays: number;
}

function checkExtraPlays(value: unknown): string | null {
  if (!Array.isArray(value)) return 'expected a list of {"user", "track", "plays"}';
  if (value.length > MAX_EXTRA_PLAYS) return `at most ${MAX_EXTRA_PLAYS} added plays`;
  for (const [k, v] of value.entries()) {
    const entry = v as Record<string, unknown> | null;
    if (entry === null || typeof entry !== 'object') return `entry ${k}: expected {"user", "track", "plays"}`;
    for (const field of ['user', 'track'] as const) {
      const n = entry[field];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `entry ${k}: ${field} must be a whole number ≥ 0`;
    }
    const plays = entry.plays;
    if (typeof plays !== 'number' || !Number.isInteger(plays) || plays < 1 || plays > 100) return `entry ${k}: plays must be a whole number from 1 to 100`;
    if (Object.keys(entry).some((key) => key !== 'user' && key !== 'track' && key !== 'plays')) return `entry ${k}: only "user", "track" and "plays"`;
  }
  return null;
}

export const discoverWeeklySchema = {
  users: { type: 'number', label: 'Listeners', min: 10, max: 2000, default: 240, integer: true, scale: 'log', group: 'Listening data', description: 'Rows of the play matrix.' },
  tracks: { type: 'number', label: 'Tracks', min: 20, max: 1000, default: 120, integer: true, scale: 'log', group: 'Listening data', description: 'Columns of the play matrix (plus one brand-new track with no plays, for cold start).' },
  genres: { type: 'number', label: 'Latent genres', min: 2, max: MAX_GENRES, default: 6, integer: true, group: 'Listening data', description: 'Hidden tastes behind the plays; the model is never told them.' },
  playsPerUser: { type: 'number', label: 'Plays per listener', min: 5, max: 100, default: 30, integer: true, group: 'Listening data', description: 'Mean plays per listener (lognormal spread: some listen a lot, most a little).' },
  genreFocus: { type: 'number', label: 'Genre focus', min: 0.3, max: 1, default: 0.85, step: 0.05, group: 'Listening data', description: 'Share of a listener’s plays in their main genre; most of the rest goes to one second genre.' },
  holdoutFraction: { type: 'number', label: 'Held-out plays', min: 0, max: 0.9, default: 0.2, step: 0.05, group: 'Evaluation', description: 'Fraction of each listener’s played tracks hidden from training and used to score the top-10.' },
  factors: { type: 'number', label: 'Factors f', min: 2, max: 48, default: 8, integer: true, group: 'Model', description: 'Length of each user and track vector.' },
  alpha: { type: 'number', label: 'Confidence α', min: 0, max: 80, default: 10, step: 1, group: 'Model', description: 'c = 1 + α·plays (or 1 + α·log(1 + plays/ε)): how much more a play counts than silence. 0 = plain ridge factorisation of the 0/1 preferences.' },
  lambda: { type: 'number', label: 'Regularisation λ', min: 0.001, max: 1000, default: 5, scale: 'log', group: 'Model', description: 'Penalty on the size of every vector: larger shrinks scores toward 0.' },
  confidence: { type: 'enum', label: 'Confidence', options: ['linear', 'log'] as const, default: 'linear' as ConfidenceKind, optionLabels: { linear: '1 + α·r', log: '1 + α·log(1 + r/ε)' }, group: 'Model', description: 'How play counts become confidence (Hu, Koren & Volinsky 2008, §4).' },
  epsilon: { type: 'number', label: 'Log ε', min: 0.01, max: 100, default: 1, scale: 'log', group: 'Model', advanced: true, visibleWhen: { confidence: ['log'] }, description: 'ε of the log confidence: plays at which the log starts to bend.' },
  iterations: { type: 'number', label: 'Iterations', min: 1, max: 25, default: 10, integer: true, group: 'Model', description: 'Sweeps of (solve every user, then every track); each sweep is followed by an evaluation.' },
  coldStartBlend: { type: 'number', label: 'Content blend', min: 0, max: 1, default: 1, step: 0.05, group: 'Cold start', description: 'Weight of the audio-content estimate for the brand-new track (0 = collaborative filtering alone, which gives it a zero vector).' },
  contentNoise: { type: 'number', label: 'Audio-model noise', min: 0, max: 2, default: 0.3, step: 0.05, group: 'Cold start', advanced: true, description: 'Noise on the content features (0 = the audio model reads the genre perfectly).' },
  focusUser: { type: 'number', label: 'Listener shown', min: 0, max: 1999, default: 0, integer: true, group: 'Inspect', description: 'Whose top-10 the lab explains (must be below the number of listeners).' },
  extraPlays: { type: 'json', label: 'Added plays', default: [] as AddedPlay[], check: checkExtraPlays, group: 'Inspect', advanced: true, description: 'Plays added by clicking the heatmap: [{"user", "track", "plays"}], trained on, never held out.' },
} satisfies ParamSchema;

export type DiscoverWeeklyParams = ParamsOf<typeof discoverWeeklySchema>;

export function checkDiscoverWeekly(p: DiscoverWeeklyParams): ParamError[] {
  const errors: ParamError[] = [];
  if (p.focusUser >= p.users) errors.push({ field: 'focusUser', value: p.focusUser, message: `focusUser = ${p.focusUser} is invalid: there are ${p.users} listeners (0 to ${p.users - 1})` });
  const outside = p.extraPlays.find((e) => e.user >= p.users || e.track >= p.tracks);
  if (outside) errors.push({ field: 'extraPlays', value: p.extraPlays, message: `extraPlays is invalid: listener ${outside.user}, track ${outside.track} is outside ${p.users} listeners × ${p.tracks} tracks` });
  return errors;
}
