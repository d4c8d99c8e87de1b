/** One line a learner reads for each upload event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import type { LaneId, UploadSimEvent } from './series';

const LANE_NAMES: Record<LaneId, string> = { tus: 'tus', post: 'Plain POST', gcs: 'GCS' };
const MiB = 1024 * 1024;

/** Bytes for people: 512 KiB, 3.25 MiB (never NaN: a missing value reads "?"). */
export function formatBytes(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '? bytes';
  if (n < 1024) return `${n} B`;
  if (n < MiB) return `${Math.round(n / 1024)} KiB`;
  return `${Number((n / MiB).toFixed(2))} MiB`;
}

/** The second tab is named; the first (the only one in most runs) is just "tus". */
function who(lane: LaneId, tab: number | undefined): string {
  return lane === 'tus' && tab !== undefined && tab > 0 ? `tus (tab ${tab + 1})` : LANE_NAMES[lane];
}

const CLIENT_STATES: Record<string, (offset: string) => string> = {
  hashing: () => 'hashes the file (its SHA-256 names the video)',
  restoring: () => 'looks for a saved upload URL',
  lookingUp: () => 'asks the server for an upload of this video',
  creating: () => 'creates a new upload',
  resuming: () => 'asks the server for the committed offset (HEAD)',
  uploading: (o) => `uploads from ${o}`,
  offline: (o) => `is offline at ${o}, waiting to retry`,
  retrying: (o) => `retries from ${o}`,
  paused: (o) => `pauses at ${o}`,
  verifying: () => 'checks the server\'s SHA-256 of the upload',
  complete: () => 'is done: the server has every byte and the hash matches',
  failed: (o) => `gives up at ${o}`,
  expired: () => 'finds its upload expired (410 Gone): it must start over',
};

/** The caption of one event; null for bookkeeping (the sweeper's rounds). */
export function uploadCaption(e: Logged<UploadSimEvent>): string | null {
  switch (e.type) {
    case 'request': {
      const name = who(e.lane, e.tab);
      if (e.phase === 'start') return `${name}: ${e.method} sent`;
      if (e.status !== null && e.status !== undefined) return `${name}: ${e.method} answered ${e.status}${e.sent > 0 ? ` (${formatBytes(e.sent)} sent)` : ''}`;
      return `${name}: ${e.method} cut off${e.error ? ` (${e.error})` : ''} after ${formatBytes(e.sent)} sent`;
    }
    case 'outage': {
      if (e.phase === 'up') return 'Connection back';
      const lost = (Object.entries(e.lost) as [LaneId, number | undefined][]).filter(([, n]) => typeof n === 'number');
      return lost.length === 0 ? 'Connection lost' : `Connection lost: ${lost.map(([lane, n]) => `${LANE_NAMES[lane]} loses ${formatBytes(n)}`).join(', ')}`;
    }
    case 'restart':
      return e.phase === 'crash' ? 'Server crashes (the stored bytes survive, its process state does not)' : 'Server is back up';
    case 'client': {
      const say = CLIENT_STATES[e.state];
      const offset = formatBytes(e.offset);
      return `${e.tab > 0 ? `Client in tab ${e.tab + 1}` : 'Client'} ${say ? say(offset) : `${e.state} at ${offset}`}`;
    }
    case 'done':
      return `${who(e.lane, e.tab)} upload done`;
    case 'server':
      switch (e.kind) {
        case 'server.append':
          return `Server stores ${formatBytes(e.from)} to ${formatBytes(e.to)}${e.outcome && e.outcome !== 'ok' ? ` (PATCH ${e.outcome})` : ''}`;
        case 'server.created':
          return 'Server creates the upload';
        case 'server.rejected':
          return `Server refuses a request${typeof e.status === 'number' ? ` with ${e.status}` : ''}`;
        case 'server.takeover':
          return 'Server hands the upload\'s lock to the newer request';
        case 'server.completed':
          return 'Server has the whole file';
        case 'server.expired':
          return 'Server expires the upload (no progress for too long)';
        case 'server.deleted':
          return 'Server deletes the expired upload';
        default:
          return null;
      }
    default:
      return null;
  }
}
