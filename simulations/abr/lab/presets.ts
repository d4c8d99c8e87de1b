/**
 * Presets that tell a story. Each overrides a few schema defaults; tests check every story's claim.
 * LOUD: data only. The lab's placeholder imports this module before the lab loads, so it must not
 * import the schema or the model at run time (types only, `import type`).
 */
import type { Preset } from '../../core/lab';
import type { AbrParams } from './schema';
import { THREE_G_MARKOV } from '../network/markovTraces';

export const abrPresets: Preset<AbrParams>[] = [
  {
    id: 'startup-slow-link',
    title: 'Startup on a slow link',
    story:
      'The link gives 0.9 Mbps but the players start with a hopeful 3 Mbps guess. The rate rule and BOLA (whose startup state is throughput-based) trust the guess, and their first chunk takes about 8 s to arrive; BBA always starts at the bottom rung and plays after about 1.5 s, then climbs as its buffer fills (and keeps hopping between rungs: count its switches).',
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
      'At 70 s the train enters a tunnel: 3 Mbps falls to 0.4 Mbps for 40 s. The rate rule sat at a rung the link could carry and had banked about 35 s of buffer by then, so it rides through. BBA spends its buffer on bitrate (top rung whenever it holds 15 s), so it enters the tunnel with little buffer and a 4.3 Mbps chunk in flight, and stalls. robustMPC is caught too: its discount comes from recent prediction errors, and a steady link leaves none.',
    params: {
      algorithm: 'rate',
      'race.second': 'bba',
      'race.third': 'robustmpc',
      'trace.kind': 'steps',
      'trace.steps': [
        [0, 3],
        [70, 0.4],
        [110, 3],
      ],
      'trace.durationS': 300,
    },
    seed: 1,
  },
  {
    id: 'oscillating-bandwidth',
    title: 'Oscillating bandwidth',
    story:
      'Throughput swings between 0.4 and 4 Mbps every 40 s and every rule switches, but not equally: BBA picks its rung from the buffer level, which swings with the link, so it switches more than one and a half times as often as the rate rule; BOLA-O refuses up-switches the throughput cannot sustain and switches least. Watch the switch component of the QoE.',
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
      'A 3G-like commute: the link hops between 0.25, 0.7, 1.4 and 2.6 Mbps. With the literature\'s 5 s reservoir and 10 s cushion, BBA asks for the 4.3 Mbps rung as soon as it holds 15 s, far more than 3G carries, and stalls; the rate rule does not. Now set the BBA cushion to 40 s: the map spreads over the buffer the player really has, and BBA beats the rate rule on bitrate without a stall.',
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
