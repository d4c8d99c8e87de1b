/**
 * How the tournament worker builds extra entrants from plain specs. EXTENSION POINT: the code lab
 * registers its kind here (e.g. `sandbox`: the learner's compiled code in QuickJS), returning a
 * `TournamentEntrant` whose `create(env)` gives a fresh algorithm per trace.
 */
import { ALGORITHM_NAMES, variantEntrant, type AbrParams, type AlgorithmName, type TournamentEntrant } from '@/simulations/abr';
import { sandboxEntrant } from '@/code-lab/abr/tournamentEntrant';
import type { EntrantSpec } from './protocol';

/** `seed` is the tournament's (the lab's) seed; a builder may load what it needs first (QuickJS). */
export type EntrantBuilder = (spec: EntrantSpec, params: AbrParams, seed: number) => TournamentEntrant | Promise<TournamentEntrant>;

/** `variant`: a built-in with other knobs, payload `{ base: AlgorithmName, overrides: Partial<AbrParams> }`. */
function variant(spec: EntrantSpec, params: AbrParams): TournamentEntrant {
  const payload = spec.payload as { base?: unknown; overrides?: unknown } | null;
  const base = payload?.base;
  if (typeof base !== 'string' || !(ALGORITHM_NAMES as readonly string[]).includes(base)) throw new Error(`entrant ${spec.id}: unknown base algorithm ${JSON.stringify(base)}`);
  const overrides = payload?.overrides && typeof payload.overrides === 'object' ? (payload.overrides as Partial<AbrParams>) : {};
  return variantEntrant(params, spec.id, spec.label, base as AlgorithmName, overrides);
}

/** `sandbox`: the learner's compiled code (payload `{ program }`) in QuickJS, one fresh sandbox per trace. */
function sandbox(spec: EntrantSpec, _params: AbrParams, seed: number): Promise<TournamentEntrant> {
  return sandboxEntrant(spec.id, spec.label, spec.payload, seed);
}

export const entrantKinds: Record<string, EntrantBuilder> = { variant, sandbox };

export function buildEntrant(spec: EntrantSpec, params: AbrParams, seed: number): TournamentEntrant | Promise<TournamentEntrant> {
  const build = Object.hasOwn(entrantKinds, spec.kind) ? entrantKinds[spec.kind] : undefined;
  if (!build) throw new Error(`entrant ${spec.id}: unknown kind ${JSON.stringify(spec.kind)}; known: ${Object.keys(entrantKinds).join(', ')}`);
  return build(spec, params, seed);
}
