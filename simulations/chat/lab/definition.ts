/**
 * The chat lab: connection handling and message fan-out at WhatsApp, Slack and Discord scale,
 * assembled from about, schema, presets, series, model and result. (Its command line, lab/cli.ts,
 * builds on this definition; index.ts attaches it.)
 */
import { defineLab } from '../../core/lab';
import { chatAbout } from './about';
import { chatSchema, crossCheck, type ChatSchema } from './schema';
import { chatPresets } from './presets';
import type { ChatEvent, ChatFrame, ChatSeries } from './series';
import { chatFrame, createChatModel, type ChatModel } from './model';
import { chatResult, type ChatResult } from './result';
import { CHAT_LIMITS, estimateChatWork } from './budget';
import { chatCaption } from './caption';

export const chatDefinition = defineLab<ChatSchema, ChatModel, ChatResult, ChatEvent, ChatSeries, ChatFrame>({
  ...chatAbout,
  schema: chatSchema,
  presets: chatPresets,
  horizonMs: (p) => p.durationMs,
  checkParams: crossCheck,
  budget: { estimate: estimateChatWork, limits: CHAT_LIMITS },
  caption: chatCaption,
  create: createChatModel,
  result: (model, ctx) => chatResult(model, ctx.scheduler.now),
  frame: (model, ctx) => chatFrame(model, ctx.scheduler.now),
});
