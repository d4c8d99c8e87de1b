/** One line a learner reads for each event of the stream (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import type { LiveLatencyEvent } from './series';

/** Seconds for people: "0.25 s", "12.4 s". */
export const secondsText = (s: number) => `${numberText(s, s < 10 ? 2 : 1)} s`;

const unitName = (msn: number, part: number) => (part >= 0 ? `Part ${msn}.${part}` : `Segment ${msn}`);

export function liveLatencyCaption(e: Logged<LiveLatencyEvent>): string | null {
  switch (e.type) {
    case 'published': {
      const what = `${unitName(e.msn, e.part)} (${secondsText(e.durationS)}) is published at the origin, ${secondsText(e.pipelineS)} after its last frame was captured`;
      const losses = e.holMs > 0 ? `: ${e.lost} lost TCP packet${e.lost === 1 ? '' : 's'} held everything behind for one RTT` : e.unrecovered > 0 ? `: ${e.unrecovered} packet${e.unrecovered === 1 ? '' : 's'} lost for good (too late to retransmit)` : e.lost > 0 ? `: ${e.lost} lost packet${e.lost === 1 ? '' : 's'} recovered in time` : '';
      const backlog = e.backlogS > 0.05 ? ` (the sender is ${secondsText(e.backlogS)} behind the encoder)` : '';
      return what + losses + backlog;
    }
    case 'join':
      return `The viewer presses play; the player will hold back ${secondsText(e.holdBackS)} from the live edge`;
    case 'playlist': {
      const newest = unitName(e.newestMsn, e.newestPart).toLowerCase();
      if (e.kind === 'blocking') return `Blocking playlist reload answers the moment ${newest} exists`;
      if (e.kind === 'initial') return `First playlist: the newest is ${newest}`;
      return e.changed ? `Playlist reload finds ${newest}; next reload in ${secondsText(e.nextInS)} (one target duration)` : `Playlist reload: nothing new; next try in ${secondsText(e.nextInS)} (half a target duration)`;
    }
    case 'mpd':
      return e.initial ? 'MPD loaded: the player computes the live edge from the clock (availabilityStartTime)' : 'MPD reloaded (minimumUpdatePeriod)';
    case 'download':
      return `${unitName(e.msn, e.part)} is in the player, ${secondsText(e.sinceCaptureS)} after its first frame was captured${e.jitterMs >= 1 ? ` (${numberText(e.jitterMs)} ms of jitter)` : ''}`;
    case 'start':
      return `Playback starts ${secondsText(e.behindEdgeS)} behind the newest published media: glass-to-glass latency ${secondsText(e.latencyS)}`;
    case 'stall':
      return `Stall: ${unitName(e.msn, e.part).toLowerCase()} arrived ${secondsText(e.durationS)} late; latency is now ${secondsText(e.latencyS)}`;
    case 'frame':
      return e.late
        ? `Frame ${e.unit} missed its playout time: concealed (latency stays ${numberText(e.latencyMs)} ms)`
        : e.concealed
          ? `Frame ${e.unit} shown with concealed losses (${e.lostPackets} packets not recovered in time)`
          : `Frame ${e.unit} shown ${numberText(e.latencyMs)} ms after capture`;
    default:
      return null;
  }
}
