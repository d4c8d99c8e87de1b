import { defineLab } from '../../core/lab';
import { horizonMs } from '../conversation/timeline';
import { e2eeAbout } from './about';
import { checkE2eeParams, e2eeSchema, type E2eeParams } from './schema';
import { e2eePresets } from './presets';
import type { E2eeEvent, E2eeFrame, E2eeSeriesName } from './series';
import { createE2ee, e2eeFrame, isE2eeFinished, type E2eeModel } from './model';
import { e2eeResult, type E2eeResult } from './result';
import { e2eeCaption } from './caption';
import { estimateE2ee } from './budget';

export const e2eeLab = defineLab<typeof e2eeSchema, E2eeModel, E2eeResult, E2eeEvent, E2eeSeriesName, E2eeFrame>({
  ...e2eeAbout,
  schema: e2eeSchema,
  presets: e2eePresets,
  horizonMs: (p: E2eeParams) => horizonMs(p),
  checkParams: checkE2eeParams,
  create: createE2ee,
  result: (model, ctx) => e2eeResult(model, ctx.scheduler.now),
  frame: e2eeFrame,
  caption: e2eeCaption,
  isFinished: isE2eeFinished,
  budget: { estimate: estimateE2ee },
});
