import { defineLab } from '../../core/lab';
import type { JsonResult } from '../session/types';
import { abrAbout } from './about';
import { abrSchema } from './schema';
import { abrPresets } from './presets';
import type { AbrEvent, AbrFrame, AbrSeriesName } from './series';
import { abrFrame, allEnded, createModel, type AbrModel } from './model';
import { abrResult } from './result';
import { abrCli } from './cli';
import { checkAbrParams } from './checks';
import { estimateAbr } from './budget';
import { abrCaption } from './caption';

export const abrLab = defineLab<typeof abrSchema, AbrModel, JsonResult[], AbrEvent, AbrSeriesName, AbrFrame>({
  ...abrAbout,
  schema: abrSchema,
  presets: abrPresets,
  horizonMs: (params) => params['session.maxS'] * 1000,
  // The run ends when the last racer has played its whole video, not at session.maxS.
  isFinished: allEnded,
  checkParams: checkAbrParams,
  caption: abrCaption,
  budget: { estimate: estimateAbr },
  create: createModel,
  result: abrResult,
  frame: abrFrame,
  // The finished race (~20 ms for three players): the view's scoreboard shows the race's final
  // result the moment a parameter changes, and its charts preview the whole run before Play. Same
  // params and seed, so it is exactly where the live run will end up (runs are deterministic).
  companions: (params) => [{ key: 'finished', label: 'Finished race', params }],
  cli: abrCli,
});
