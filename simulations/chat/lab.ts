/**
 * The chat lab: connection handling and message fan-out at WhatsApp, Slack and Discord scale.
 */
import { defineLab } from '../core/lab';
import { ChatModel, type ChatEvent, type ChatResult } from './sim/model';
import { chatSchema, crossCheck, type ChatSchema } from './params';
import { chatPresets } from './presets';
import { runChatCli, CHAT_CLI_USAGE } from './cli';

export const chatLab = defineLab<ChatSchema, ChatModel, ChatResult, ChatEvent>({
  id: 'chat',
  title: 'Chat at scale: connections and fan-out',
  summary:
    'Millions of phones on persistent connections: gateways and their memory, a session registry, fan-out on write vs read, presence, offline queues, receipts, heartbeats and the reconnect storm after a server dies.',
  topic: 'Chat systems',
  schema: chatSchema,
  presets: chatPresets,
  horizonMs: (p) => p.durationMs,
  checkParams: crossCheck,
  create: (p, ctx) => new ChatModel(p, ctx),
  result: (model) => model.result(),
  cli: { usage: CHAT_CLI_USAGE, run: runChatCli },
});
