/** What the editor's `./abr` declares (code-lab/abr/generated.ts), for files kept in the repository. */
export type { AbrAlgorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput, PlanObjective, Quirks, Thresholds } from '@/simulations/abr/algorithms/types';
export type { Video } from '@/simulations/abr/video/video';
export type { AlgorithmName, RacerName } from '@/simulations/abr/constants';
import type { AbrAlgorithm } from '@/simulations/abr/algorithms/types';
/** What your createAlgorithm(env) returns: a built-in algorithm's interface, without its name. */
export type Algorithm = Omit<AbrAlgorithm, 'name'>;
