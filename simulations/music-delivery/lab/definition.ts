import { defineLab } from '../../core/lab';
import { musicDeliveryAbout } from './about';
import { checkMusicDelivery, musicDeliverySchema, type MusicDeliveryParams } from './schema';
import { musicDeliveryPresets } from './presets';
import type { MusicDeliveryEvent, MusicDeliveryFrame, MusicDeliverySeriesName } from './series';
import { createMusicDelivery, musicDeliveryFrame, type MusicDeliveryModel } from './model';
import { musicDeliveryResult, type MusicDeliveryResult } from './result';
import { musicDeliveryCaption } from './caption';
import { estimateMusicDelivery } from './budget';

export const musicDeliveryLab = defineLab<typeof musicDeliverySchema, MusicDeliveryModel, MusicDeliveryResult, MusicDeliveryEvent, MusicDeliverySeriesName, MusicDeliveryFrame>({
  ...musicDeliveryAbout,
  schema: musicDeliverySchema,
  presets: musicDeliveryPresets,
  horizonMs: (p: MusicDeliveryParams) => p.durationMin * 60_000,
  checkParams: checkMusicDelivery,
  create: createMusicDelivery,
  result: (model, ctx) => musicDeliveryResult(model, ctx.scheduler.now),
  frame: musicDeliveryFrame,
  caption: musicDeliveryCaption,
  budget: { estimate: estimateMusicDelivery },
});
