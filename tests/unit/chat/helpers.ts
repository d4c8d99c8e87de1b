import { chatLab, type ChatParams, type ChatResult, type ChatModel } from '@/simulations/chat';
import { defaults, validate } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';

/** Quiet baseline for outcome tests: no sends, no presence churn, no groups unless asked. */
export const QUIET: Partial<ChatParams> = {
  sendsPerUserPerMin: 0,
  'presence.changesPerUserPerMin': 0,
  groupShare: 0,
  devicesPerUser: 1,
  onlineFraction: 1,
};

export function params(overrides: Partial<ChatParams>): ChatParams {
  const v = validate(chatLab.schema, { ...defaults(chatLab.schema), ...overrides } as Record<string, unknown>);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('; '));
  return v.params as ChatParams;
}

export function runner(overrides: Partial<ChatParams>, seed = 1): Runner<typeof chatLab> {
  return new Runner(chatLab, params(overrides), seed, { eventLimit: 5_000_000 });
}

export function run(overrides: Partial<ChatParams>, seed = 1): { r: ChatResult; model: ChatModel; runner: Runner<typeof chatLab> } {
  const rn = runner(overrides, seed);
  rn.runToEnd();
  return { r: rn.result() as ChatResult, model: rn.model as ChatModel, runner: rn };
}

export function within(actual: number, expected: number, tolerance: number): boolean {
  return Math.abs(actual - expected) <= tolerance * Math.abs(expected);
}
