import type { CompiledProgram } from '@/code-lab/sandbox/program';

/** The learner's last successfully raced code, as the ABR view hands it to the tournament. */
export interface LearnerCode {
  program: CompiledProgram;
}
