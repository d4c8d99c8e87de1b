/** Named Markov throughput models (data only: the lab's presets import this without the generator). */
import type { MarkovSpec } from './synthetic';

/** A 3G-like commute: four sticky throughput states (Mbps) in the range of the HSDPA traces. */
export const THREE_G_MARKOV: MarkovSpec = {
  statesMbps: [0.25, 0.7, 1.4, 2.6],
  transitions: [
    [0.8, 0.2, 0, 0],
    [0.1, 0.75, 0.15, 0],
    [0, 0.12, 0.76, 0.12],
    [0, 0, 0.2, 0.8],
  ],
};
