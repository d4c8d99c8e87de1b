/**
 * The chat code panel's race as table rows: your code first, then each built-in, with whether your
 * code beats it by the race's rule (code-lab/chat/race.ts `beats`).
 */
import { beats, type BackoffRace } from '@/code-lab/chat/race';
import type { RaceTableRow } from '@/components/code-lab/RaceTable';
import { groupedNumber } from '@/simulations/core/numberText';

export const LABELS: Record<string, string> = {
  yours: 'Your code',
  none: 'None (at once)',
  fixed: 'Fixed',
  exponential: 'Exponential',
  'full-jitter': 'Full jitter',
  'equal-jitter': 'Equal jitter',
  'decorrelated-jitter': 'Decorrelated jitter',
};

const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);

export function backoffRows(race: BackoffRace): RaceTableRow[] {
  const yours = race.rows[0].result;
  return race.rows.map((row, i) => {
    const r = row.result.reconnect;
    return {
      id: row.policy,
      label: LABELS[row.policy] ?? row.policy,
      cells: [seconds(r.recoverMs), r.attemptsPerClient === null ? '—' : r.attemptsPerClient.toFixed(2), groupedNumber(r.peakAttemptsPerSec), groupedNumber(r.stillDisconnected)],
      data: { recover: String(r.recoverMs), attempts: String(r.attempts), disconnected: String(r.stillDisconnected), log: row.eventLogHash },
      beaten: i === 0 ? undefined : beats(yours, row.result),
    };
  });
}
