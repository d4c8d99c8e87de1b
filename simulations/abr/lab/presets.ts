/** Presets that tell a story. Each overrides a few schema defaults; tests check every story's claim. */
import type { Preset } from '../../core/lab';
import type { AbrParams } from './schema';
import { THREE_G_MARKOV } from './schema';

export const abrPresets: Preset<AbrParams>[] = [
  {
    id: 'startup-slow-link',
    title: 'Startup on a slow link',
    story:
      'The link gives 0.9 Mbps but the player starts with a hopeful 3 Mbps guess. The rate rule trusts the guess and its first chunk takes seconds to arrive; BBA always starts at the bottom rung, so it starts playing fastest, then climbs only as its buffer fills.',
    params: {
      algorithm: 'rate',
      'race.second': 'bba',
      'race.third': 'bola',
      'player.defaultEstimateKbps': 3000,
      'trace.kind': 'constant',
      'trace.meanMbps': 0.9,
      'trace.noise': 0.1,
      'trace.durationS': 300,
    },
    seed: 7,
  },
  {
    id: 'the-tunnel',
    title: 'The tunnel',
    story:
      'At 60 s the train enters a tunnel: 4 Mbps falls to 0.15 Mbps for 30 s. The rate rule is still fetching a high-bitrate chunk when the link collapses and stalls; BBA and robustMPC have stepped down early enough to ride through on their buffers.',
    params: {
      algorithm: 'rate',
      'race.second': 'bba',
      'race.third': 'robustmpc',
      'player.bufferCapS': 30,
      'trace.kind': 'steps',
      'trace.steps': [
        [0, 4],
        [60, 0.15],
        [90, 4],
      ],
      'trace.durationS': 300,
    },
    seed: 1,
  },
  {
    id: 'oscillating-bandwidth',
    title: 'Oscillating bandwidth',
    story:
      'Throughput swings between 0.4 and 4 Mbps every 40 s. The rate rule chases every swing and switches quality again and again; BBA and BOLA read the buffer instead, which smooths the swings out: count the switches on the scoreboard.',
    params: {
      algorithm: 'rate',
      'race.second': 'bba',
      'race.third': 'bola',
      'trace.kind': 'sine',
      'trace.meanMbps': 2.2,
      'trace.amplitudeMbps': 1.8,
      'trace.periodS': 40,
      'trace.durationS': 300,
    },
    seed: 1,
  },
  {
    id: 'bba-vs-rate-3g',
    title: 'BBA vs rate-based on a 3G commute',
    story:
      'A 3G-like commute: the link hops between 0.25, 0.7, 1.4 and 2.6 Mbps and lingers in each state. The rate rule reacts to every hop; BBA keeps a steady picture as long as its buffer lasts. Compare rebuffering and switches, then try another seed.',
    params: {
      algorithm: 'bba',
      'race.second': 'rate',
      'race.third': 'none',
      'trace.kind': 'markov',
      'trace.markov': THREE_G_MARKOV,
      'trace.noise': 0.15,
      'trace.durationS': 300,
    },
    seed: 3,
  },
  {
    id: 'robustmpc-discount',
    title: 'Why robustMPC discounts its prediction',
    story:
      'A jittery link with sudden dips. Plain MPC plans five chunks ahead with the harmonic-mean prediction and is caught out whenever the link falls below it. robustMPC divides the prediction by 1 + its largest recent error: a little less bitrate, far less rebuffering, a higher QoE.',
    params: {
      algorithm: 'mpc',
      'race.second': 'robustmpc',
      'race.third': 'none',
      'trace.kind': 'randomWalk',
      'trace.meanMbps': 2,
      'trace.volatilityMbps': 0.9,
      'trace.minMbps': 0.2,
      'trace.maxMbps': 5,
      'trace.noise': 0.35,
      'trace.durationS': 300,
    },
    seed: 4,
  },
];
