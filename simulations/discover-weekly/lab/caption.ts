/** One line a learner reads for each logged event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import type { DiscoverWeeklyEvent } from './series';
import { groupedNumber } from '@/simulations/core/numberText';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const big = (v: number) => (Math.abs(v) >= 1000 ? groupedNumber(Math.round(v)) : v.toPrecision(4));

export function discoverWeeklyCaption(e: Logged<DiscoverWeeklyEvent>): string | null {
  switch (e.type) {
    case 'dataset':
      return `${groupedNumber(e.users)} listeners × ${groupedNumber(e.tracks)} tracks: ${groupedNumber(e.pairs)} listener–track pairs played (${groupedNumber(e.plays)} plays), ${groupedNumber(e.heldOutPairs)} pairs held out${e.added ? `, ${e.added} added by hand` : ''}`;
    case 'half-step':
      return `Sweep ${e.iteration}: every ${e.side === 'users' ? 'listener' : 'track'} vector re-solved exactly; loss ${big(e.objective)}`;
    case 'evaluated':
      return `Sweep ${e.iteration}: precision@10 ${pct(e.precision)} vs popularity chart ${pct(e.baselinePrecision)} (recall ${pct(e.recall)} vs ${pct(e.baselineRecall)})`;
    case 'cold-start':
      return e.blend > 0
        ? `The new ${e.genreName} release, placed by its audio features, reaches ${e.fansReached} of ${e.fans} ${e.genreName} fans’ top-10`
        : `The new ${e.genreName} release has no plays: ALS gives it a zero vector and it reaches ${e.fansReached} of ${e.fans} fans’ top-10`;
    default:
      return null;
  }
}
