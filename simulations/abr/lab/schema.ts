/** The ABR lab's parameters (flat, dotted keys), validated by core validate(). */
import type { ParamSchema, ParamsOf } from '../../core/params';
import { ALGORITHM_NAMES, YOURS } from '../constants';
import { checkYoursRecord, type YoursRecord } from '../algorithms/yours';
import { EWMA_PRESETS } from '../algorithms/ewma';
import { LADDER_NAMES } from '../video/video';
import { QOE_METRICS } from '../qoe';
import { TRACE_KINDS, checkMarkov, checkPoints, checkSteps } from '../network/synthetic';
import { THREE_G_MARKOV } from '../network/markovTraces';
import { NETWORK_LABELS, REAL_TRACES, REAL_TRACE_IDS } from '../network/realTraces';

const RACE_OPTIONS = ['none', ...ALGORITHM_NAMES, YOURS] as const;

/** Synthetic generators, plus `real`: a measured trace shipped in public/traces (trace.real names it). */
export const TRACE_KIND_OPTIONS = [...TRACE_KINDS, 'real'] as const;
const SYNTHETIC: { 'trace.kind': string[] } = { 'trace.kind': [...TRACE_KINDS] };

const REAL_TRACE_LABELS = Object.fromEntries(
  REAL_TRACES.map((t) => [t.id, `${NETWORK_LABELS[t.network].split(' ')[0]} · ${t.set} · ${t.name} (${t.meanMbps.toFixed(t.meanMbps < 10 ? 2 : 0)} Mbps, ${Math.round(t.durationS)} s)`]),
);

/** Hand-drawn traces travel in share links: the editor keeps them far below this; the check refuses more. */
export const MAX_TRACE_POINTS = 200;

function checkTracePoints(value: unknown): string | null {
  if (Array.isArray(value) && value.length > MAX_TRACE_POINTS) return `at most ${MAX_TRACE_POINTS} points (got ${value.length})`;
  return checkPoints(value);
}

export const abrSchema = {
  mode: {
    type: 'enum',
    options: ['realistic', 'reference'] as const,
    default: 'realistic' as const,
    group: 'Simulator',
    description:
      'realistic: the corrected player model; reference: the literature\'s trace-driven simulator with every quirk (pins RTT 80 ms, payload 0.95, 60 s cap, 4 s chunks, 48 chunks, Pensieve ladder, linear QoE 4.3/1, and the baseline algorithms\' constants)',
    optionLabels: { realistic: 'Realistic', reference: 'Reference (Pensieve)' },
  },
  algorithm: { type: 'enum', options: ALGORITHM_NAMES, default: 'bba' as const, group: 'Race', description: 'First player\'s ABR algorithm' },
  'race.second': { type: 'enum', options: RACE_OPTIONS, default: 'rate' as const, group: 'Race', description: 'Second player on the same trace (none to hide; yours: your code from the code panel)', optionLabels: { yours: 'Your code' } },
  'race.third': { type: 'enum', options: RACE_OPTIONS, default: 'robustmpc' as const, group: 'Race', description: 'Third player on the same trace (none to hide; yours: your code from the code panel)', optionLabels: { yours: 'Your code' } },
  'yours.record': {
    type: 'json',
    default: null as YoursRecord | null,
    group: 'Race',
    // never a control: no value is in the empty list (the code panel sets it; links carry it)
    advanced: true,
    visibleWhen: { 'yours.record': [] },
    description: 'The race your code played in the sandbox (set by the code panel\'s Run; replayed, never re-run, by the lab)',
    check: checkYoursRecord,
  },

  'rate.samples': { type: 'number', min: 1, max: 20, default: 5, integer: true, group: 'Rate-based', description: 'Harmonic mean over the last N throughput samples' },
  'rate.safety': { type: 'number', min: 0.3, max: 1.5, default: 0.9, step: 0.05, group: 'Rate-based', description: 'Pick the highest rung at or below safety × estimate' },
  'bba.reservoirS': { type: 'number', unit: 's', min: 0, max: 60, default: 5, step: 0.5, group: 'BBA', description: 'Below this buffer, always the lowest rung' },
  'bba.cushionS': { type: 'number', unit: 's', min: 1, max: 120, default: 10, step: 0.5, group: 'BBA', description: 'Buffer span over which quality rises from lowest to highest' },
  'bba.map': {
    type: 'enum',
    options: ['quality', 'bitrate'] as const,
    default: 'quality' as const,
    group: 'BBA',
    description: 'quality: linear in rung index (the reference test/bb.py); bitrate: linear in bitrate, then the highest rung below',
  },
  'bola.stableBufferS': { type: 'number', unit: 's', min: 4, max: 120, default: 18, group: 'BOLA / Dynamic', description: 'dash.js stable buffer time; BOLA\'s target is max(this, 10 + 2 × rungs); Dynamic switches to BOLA here and back below half' },
  'ewma.preset': {
    type: 'enum',
    options: EWMA_PRESETS,
    default: 'dashjs' as const,
    group: 'EWMA',
    description: 'Dual-EWMA defaults of a production player',
    optionLabels: { hlsjs: 'hls.js (3 s / 9 s)', shaka: 'shaka-player (2 s / 5 s)', dashjs: 'dash.js (2 s / 5.3 s)' },
  },
  'mpc.horizon': { type: 'number', min: 1, max: 5, default: 5, integer: true, group: 'MPC', description: 'Chunks planned ahead (exact search over rungs^horizon plans)' },
  'mpc.samples': { type: 'number', min: 1, max: 20, default: 5, integer: true, group: 'MPC', description: 'Harmonic mean over the last N samples' },
  'mpc.errorWindow': { type: 'number', min: 1, max: 20, default: 5, integer: true, group: 'MPC', description: 'robustMPC divides the prediction by 1 + the largest error of the last N predictions' },

  'player.bufferCapS': { type: 'number', unit: 's', min: 4, max: 240, default: 60, group: 'Player', description: 'Maximum buffer; the player idles until a whole chunk fits' },
  'player.startupS': { type: 'number', unit: 's', min: 1, max: 60, default: 4, group: 'Player', description: 'Buffered video needed before playback starts' },
  'player.defaultEstimateKbps': { type: 'number', unit: 'kbps', min: 100, max: 20000, default: 1000, scale: 'log', group: 'Player', description: 'Throughput an algorithm assumes before its first sample (presets may override: hls.js 500, shaka 1000)' },
  'net.rttMs': { type: 'number', unit: 'ms', min: 0, max: 2000, default: 80, group: 'Network', description: 'Request round-trip time before the first byte' },
  'net.efficiency': { type: 'number', min: 0.5, max: 1, default: 0.95, step: 0.01, group: 'Network', description: 'Fraction of the link rate that carries video payload' },

  'video.ladder': {
    type: 'enum',
    options: LADDER_NAMES,
    default: 'pensieve' as const,
    group: 'Video',
    description: 'Bitrate ladder',
    optionLabels: { pensieve: 'Pensieve 300–4300 kbps (6)', netflix2015: 'Netflix 2015 fixed 235–5800 kbps (10)', threeRung: 'Three rungs 400/1500/4500 kbps' },
  },
  'video.chunkS': { type: 'number', unit: 's', min: 1, max: 10, default: 4, step: 0.5, group: 'Video', description: 'Chunk (segment) duration' },
  'video.chunks': { type: 'number', min: 5, max: 300, default: 48, integer: true, group: 'Video', description: 'Chunks in the video' },
  'video.vbr': { type: 'number', min: 0, max: 0.6, default: 0.15, step: 0.01, group: 'Video', description: '0 = constant bitrate; otherwise the spread (lognormal sigma) of per-chunk sizes' },

  'qoe.metric': { type: 'enum', options: QOE_METRICS, default: 'linear' as const, group: 'QoE', description: 'Utility of a bitrate: linear Mbps, log(R/Rmin), or the HD map' },
  'qoe.rebufferPenalty': { type: 'number', min: 0, max: 50, default: 4.3, step: 0.1, group: 'QoE', description: 'QoE lost per second of rebuffering (Pensieve: 4.3 linear, 8 HD)' },
  'qoe.switchPenalty': { type: 'number', min: 0, max: 10, default: 1, step: 0.1, group: 'QoE', description: 'QoE lost per unit of utility change between chunks' },

  'trace.kind': {
    type: 'enum',
    options: TRACE_KIND_OPTIONS,
    default: 'markov' as const,
    group: 'Network trace',
    description: 'Synthetic throughput generator (custom = hand-drawn points), or real: a measured trace (trace.real)',
  },
  'trace.real': {
    type: 'enum',
    options: REAL_TRACE_IDS as [string, ...string[]],
    default: 'norway-3g/norway_bus_1',
    group: 'Network trace',
    visibleWhen: { 'trace.kind': ['real'] },
    description: 'real: the measured trace, <dataset>/<name> (public/traces/README.md gives each dataset\'s source and licence)',
    optionLabels: REAL_TRACE_LABELS,
  },
  'trace.durationS': { type: 'number', unit: 's', min: 10, max: 1200, default: 300, group: 'Network trace', visibleWhen: SYNTHETIC, description: 'Trace length (it repeats if the video outlasts it)' },
  'trace.stepS': { type: 'number', unit: 's', min: 0.1, max: 10, default: 1, step: 0.1, group: 'Network trace', visibleWhen: SYNTHETIC, description: 'Sample spacing' },
  'trace.meanMbps': { type: 'number', unit: 'Mbps', min: 0.05, max: 100, default: 2, scale: 'log', group: 'Network trace', visibleWhen: { 'trace.kind': ['constant', 'steps', 'sine', 'randomWalk', 'custom'] }, description: 'constant: level; sine: mean; random walk: start' },
  'trace.amplitudeMbps': { type: 'number', unit: 'Mbps', min: 0, max: 100, default: 1.5, group: 'Network trace', visibleWhen: { 'trace.kind': ['sine'] }, description: 'sine: amplitude' },
  'trace.periodS': { type: 'number', unit: 's', min: 1, max: 600, default: 60, group: 'Network trace', visibleWhen: { 'trace.kind': ['sine'] }, description: 'sine: period' },
  'trace.minMbps': { visibleWhen: SYNTHETIC, type: 'number', unit: 'Mbps', min: 0.01, max: 100, default: 0.1, group: 'Network trace', description: 'Every sample is clamped to at least this' },
  'trace.maxMbps': { visibleWhen: SYNTHETIC, type: 'number', unit: 'Mbps', min: 0.1, max: 1000, default: 20, group: 'Network trace', description: 'Every sample is clamped to at most this' },
  'trace.volatilityMbps': { type: 'number', unit: 'Mbps', min: 0, max: 20, default: 0.5, group: 'Network trace', visibleWhen: { 'trace.kind': ['randomWalk'] }, description: 'random walk: standard deviation of one step' },
  'trace.noise': { visibleWhen: SYNTHETIC, type: 'number', min: 0, max: 1, default: 0, step: 0.01, group: 'Network trace', description: 'Relative multiplicative noise on every sample' },
  'trace.steps': { type: 'json', default: [[0, 4], [60, 0.3], [90, 4]] as [number, number][], group: 'Network trace', advanced: true, description: 'steps: [startSeconds, Mbps] pairs', check: checkSteps },
  'trace.markov': { type: 'json', default: THREE_G_MARKOV, group: 'Network trace', advanced: true, description: 'markov: { statesMbps, transitions } (one row per state, rows sum to 1)', check: checkMarkov },
  'trace.points': { type: 'json', default: [[0, 3], [100, 1], [200, 4], [300, 2]] as [number, number][], group: 'Network trace', advanced: true, description: 'custom: [seconds, Mbps] control points (drawn in the trace editor)', check: checkTracePoints },

  'session.maxS': { type: 'number', unit: 's', min: 30, max: 3600, default: 600, group: 'Simulator', advanced: true, description: 'Virtual time the lab run lasts; a player still streaming then is cut off (the CLI plays every video to its end)' },
} satisfies ParamSchema;

export type AbrSchema = typeof abrSchema;
export type AbrParams = ParamsOf<AbrSchema>;
