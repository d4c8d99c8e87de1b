import type { Preset } from '../../core/lab';
import type { DiscoverWeeklyParams } from './schema';

export const discoverWeeklyPresets: Preset<DiscoverWeeklyParams>[] = [
  {
    id: 'tiny-discover-weekly',
    title: 'A tiny Discover Weekly',
    story: '240 listeners, 120 tracks, 6 hidden genres. The loss falls steeply in the first sweep, the genres separate in the taste space, and the top-10 finds more than twice as many held-out plays as the popularity chart.',
    params: {},
  },
  {
    id: 'no-confidence',
    title: 'α = 0: every play counts the same as silence',
    story: 'Without confidence weighting ALS is a plain ridge factorisation of the 0/1 preferences. On this data, where replays say little about what else a listener likes, it does as well as α = 10 or better: α is a knob to tune on held-out plays, not a free win (the paper tuned α = 40 on TV viewing).',
    params: { alpha: 0 },
  },
  {
    id: 'log-confidence',
    title: 'Log confidence',
    story: 'c = 1 + α·log(1 + r/ε): the tenth play of a track adds far less confidence than the first, so a few obsessive replays no longer dominate a listener’s vector. Precision stays close to the linear form here.',
    params: { confidence: 'log', alpha: 20 },
  },
  {
    id: 'overfit',
    title: 'Too many factors, too little λ',
    story: '48 factors and λ = 0.001 on 240 listeners: the training loss ends far lower, but the vectors memorise the training plays and precision on held-out plays falls to about the popularity chart’s.',
    params: { factors: 48, lambda: 0.001 },
  },
  {
    id: 'cold-start-no-content',
    title: 'Cold start without an audio model',
    story: 'Content blend 0: the brand-new track has no plays, so ALS gives it a zero vector and it reaches nobody’s top-10. Set the blend back to 1 and fans of its genre rank it far above where everyone else does.',
    params: { coldStartBlend: 0 },
  },
  {
    id: 'full-size',
    title: '2,000 × 1,000, f = 32',
    story: 'The size the issue asks of the worker: 2,000 listeners × 1,000 tracks, 32 factors, 10 sweeps, one solve per event, so the page never waits on a long task.',
    params: { users: 2000, tracks: 1000, genres: 8, factors: 32, playsPerUser: 40 },
  },
];
