/**
 * The learner's ABR algorithm as the race sees a built-in one: an AbrAlgorithm whose methods call
 * into the learner's program in its own QuickJS sandbox. Every decision is checked here, on the
 * host, before the player may use it (a whole rung of the ladder, finite numbers): a bad one is a
 * SandboxError at the TypeScript line of `decide`.
 *
 * This is also the tournament's entrant: `abrEntrant(qjs, program)` has the shape of the built-ins'
 * factory (env in, AbrAlgorithm out) and runs anywhere QuickJS loaded (a worker, Node).
 */
import type { AbrAlgorithm, AlgorithmEnv, Decision, DecisionInput, Thresholds } from '@/simulations/abr/algorithms/types';
import type { YoursFactory } from '@/simulations/abr/algorithms/yours';
import type { SandboxEngine, SandboxLimits } from '../sandbox/vm';
import { describeValue, openTarget } from '../sandbox/target';
import { definitionOf, SandboxError, type CompiledProgram } from '../sandbox/program';

/** What the learner's program exports: `export function createAlgorithm(env: AlgorithmEnv): Algorithm`. */
export const ABR_FACTORY = 'createAlgorithm';
const ABR_CONTRACT = { factory: ABR_FACTORY, required: ['decide'], signature: 'decide(input)' } as const;

/** The longest wait a decision may ask for (BOLA-style "don't overfill the buffer"), s. */
export const MAX_WAIT_S = 60;
const THRESHOLD_KEYS: readonly (keyof Thresholds)[] = ['reservoirS', 'upperS', 'bolaTargetS', 'placeholderS'];

export interface SandboxedAbr extends AbrAlgorithm {
  /** ticks used so far by this instance */
  readonly ticks: number;
  /** console.log lines of this instance */
  readonly logs: readonly string[];
  dispose(): void;
}


export function createSandboxedAbr(engine: SandboxEngine, program: CompiledProgram, env: AlgorithmEnv, seed: number, limits?: Partial<SandboxLimits>): SandboxedAbr {
  const box = openTarget(engine, program, ABR_CONTRACT, env, seed, limits);
  const optional = { startVideo: box.has('startVideo'), observe: box.has('observe'), onStall: box.has('onStall') };
  const decideAt = definitionOf(program.source, 'decide');
  const ladder = env.video.bitratesKbps.length;
  const bad = (input: DecisionInput, what: string) =>
    new SandboxError('contract', `decide() for chunk ${input.nextIndex} returned ${what}`, decideAt, program.file);

  const validate = (raw: unknown, input: DecisionInput): Decision => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(input, `${describeValue(raw)}: it must return an object { quality, estimateKbps }`);
    const d = raw as Record<string, unknown>;
    const q = d.quality;
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q >= ladder) {
      throw bad(input, `quality ${describeValue(q)}: it must be a whole rung index from 0 to ${ladder - 1} (the ladder has ${ladder} rungs)`);
    }
    const out: Decision = { quality: q, estimateKbps: null };
    if (d.estimateKbps !== undefined && d.estimateKbps !== null) {
      if (typeof d.estimateKbps !== 'number' || !Number.isFinite(d.estimateKbps) || d.estimateKbps < 0) throw bad(input, `estimateKbps ${describeValue(d.estimateKbps)}: it must be a finite number ≥ 0, or null`);
      out.estimateKbps = d.estimateKbps;
    }
    if (d.waitS !== undefined) {
      if (typeof d.waitS !== 'number' || !Number.isFinite(d.waitS) || d.waitS < 0 || d.waitS > MAX_WAIT_S) throw bad(input, `waitS ${describeValue(d.waitS)}: it must be a number of seconds from 0 to ${MAX_WAIT_S}`);
      out.waitS = d.waitS;
    }
    if (d.thresholds !== undefined) {
      if (!d.thresholds || typeof d.thresholds !== 'object') throw bad(input, `thresholds ${describeValue(d.thresholds)}: it must be an object of buffer levels in seconds`);
      const t = d.thresholds as Record<string, unknown>;
      const thresholds: Thresholds = {};
      for (const key of THRESHOLD_KEYS) {
        if (t[key] === undefined) continue;
        if (typeof t[key] !== 'number' || !Number.isFinite(t[key])) throw bad(input, `thresholds.${key} ${describeValue(t[key])}: it must be a finite number of seconds`);
        thresholds[key] = t[key];
      }
      out.thresholds = thresholds;
    }
    if (d.rule !== undefined) out.rule = String(d.rule).slice(0, 40);
    return out;
  };

  return {
    name: 'yours',
    get ticks() {
      return box.totalTicks;
    },
    logs: box.logs,
    startVideo() {
      if (optional.startVideo) box.call('startVideo');
    },
    observe(obs) {
      if (optional.observe) box.call('observe', obs);
    },
    onStall() {
      if (optional.onStall) box.call('onStall');
    },
    decide(input) {
      return validate(box.call('decide', input), input);
    },
    dispose() {
      box.dispose();
    },
  };
}

/** The learner's algorithm as a factory like the built-ins' (one fresh sandbox per instance). */
export function abrEntrant(engine: SandboxEngine, program: CompiledProgram, limits?: Partial<SandboxLimits>): YoursFactory {
  return (env, { seed }) => createSandboxedAbr(engine, program, env, seed, limits);
}
