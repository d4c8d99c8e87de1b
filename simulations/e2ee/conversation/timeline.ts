/**
 * When things happen, in virtual ms. The machine (machines/conversation.ts) waits these delays; the
 * horizon and the budget read the same numbers.
 */
export const REGISTER_AT_MS = 0;
/** Bob goes offline right after registering; Alice's first message waits at the server. */
export const FIRST_MESSAGE_AT_MS = 1000;
export const BOB_ONLINE_AT_MS = 3000;
/** One message a second, after Bob is back. */
export const MESSAGE_GAP_MS = 1000;
export const NETWORK_LATENCY_MS = 150;
/** A delayed message arrives this much later than on time: after the next two or three. */
export const REORDER_DELAY_MS = 2500;
/** After the last message: time for delayed ones to arrive before the group demo. */
export const DRAIN_MS = REORDER_DELAY_MS + 1000;
/** The theft happens this long after message k is sent (after it arrived, unless it was delayed). */
export const COMPROMISE_AFTER_SEND_MS = 600;

export interface TimelineParams {
  messages: number;
  groupMessages: number;
}

/** Send time of message i (1-based). */
export function sendTimeMs(i: number): number {
  return i === 1 ? FIRST_MESSAGE_AT_MS : BOB_ONLINE_AT_MS + (i - 1) * MESSAGE_GAP_MS;
}

/** When the thief copies Bob's phone, for "compromise after message k": never before Bob has the session. */
export function compromiseTimeMs(k: number): number {
  return Math.max(sendTimeMs(k) + COMPROMISE_AFTER_SEND_MS, BOB_ONLINE_AT_MS + COMPROMISE_AFTER_SEND_MS);
}

/** The machine waits one gap after the last message, then drains. */
export function groupStartMs(p: TimelineParams): number {
  return sendTimeMs(p.messages) + MESSAGE_GAP_MS + DRAIN_MS;
}

/** Group message j (1-based), one gap apart after the sender keys are out. */
export function groupSendTimeMs(p: TimelineParams, j: number): number {
  return groupStartMs(p) + j * MESSAGE_GAP_MS;
}

export function horizonMs(p: TimelineParams): number {
  return p.groupMessages > 0 ? groupSendTimeMs(p, p.groupMessages) + MESSAGE_GAP_MS : groupStartMs(p);
}
