import type { ComponentType } from 'react';
import type { AnyLab } from '@/simulations/core/lab';
import type { Runner } from '@/simulations/core/runner';

/** What the shell hands a lab's view. `version` changes at most once per animation frame. */
export interface LabViewProps {
  runner: Runner;
  version: number;
  /** large-type projector layout */
  presenter: boolean;
}

/** What `components/labs/<id>/index.ts(x)` exports (see components/labs/README.md). */
export interface LabModule {
  lab: AnyLab;
  View: ComponentType<LabViewProps>;
}

/** The little a placeholder needs before the lab module has loaded. */
export interface LabMeta {
  id: string;
  title: string;
  summary: string;
  presets: { id: string; title: string; story: string }[];
}
