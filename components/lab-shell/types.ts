import type { ComponentType } from 'react';
import type { AnyLab, RunView } from '@/simulations/core/lab';
import type { SetParamsOptions } from './keepTime';
import type { Companions } from './useCompanions';

/** What the shell hands a lab's view. `version` changes at most once per animation frame. */
export interface LabViewProps {
  /** the run on screen (never its model): read it with `viewOf(myLab, runner)` */
  runner: RunView;
  version: number;
  /** large-type projector layout */
  presenter: boolean;
  /**
   * Ask the shell to re-create the run with these params changed (several at once, e.g. a trace
   * editor setting `trace.kind` and `trace.points` together), exactly like a change in the param
   * panel. The view validates the values first. Optional so that older hosts may omit it.
   * `{ keepTime: true }` replays the new run to the current time instead of starting at t = 0
   * (e.g. a fault injected "now" that the share link must reproduce).
   */
  setParams?(changes: Record<string, unknown>, options?: SetParamsOptions): void;
  /** `lab.companions` runs, finished by the shell (empty while they run or for labs without any) */
  companions?: Companions;
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
