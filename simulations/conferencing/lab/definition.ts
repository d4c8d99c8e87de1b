import { defineLab } from '../../core/lab';
import { conferencingAbout } from './about';
import { checkConferencingParams, conferencingSchema, type ConferencingParams } from './schema';
import { conferencingPresets } from './presets';
import type { ConferencingEvent, ConferencingFrame, ConferencingSeriesName } from './series';
import { createConferencing, conferencingFrame, type ConferencingModel } from './model';
import { conferencingResult, type ConferencingResult } from './result';
import { conferencingCaption } from './caption';
import { estimateConferencing } from './budget';

export const conferencingLab = defineLab<typeof conferencingSchema, ConferencingModel, ConferencingResult, ConferencingEvent, ConferencingSeriesName, ConferencingFrame>({
  ...conferencingAbout,
  schema: conferencingSchema,
  presets: conferencingPresets,
  horizonMs: (p: ConferencingParams) => p.durationS * 1000,
  checkParams: checkConferencingParams,
  create: createConferencing,
  result: (model) => conferencingResult(model),
  frame: conferencingFrame,
  caption: conferencingCaption,
  budget: { estimate: estimateConferencing },
});
