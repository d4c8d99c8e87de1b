/**
 * What the conversation records (the lab's event union and series names, re-exported by lab/series.ts).
 * Key values are truncated hex: enough to see two sides agree, never a usable key.
 */
import type { GroupMode } from '../group/groupChat';

export type NetworkFate = 'on-time' | 'delayed' | 'lost' | 'held';

export type E2eeEvent =
  | { type: 'register'; device: string; oneTimePrekeys: number; bytes: number }
  | { type: 'presence'; device: string; online: boolean }
  | { type: 'fetch'; by: string; of: string; oneTimePrekeyId: number | null; oneTimePrekeysLeft: number; forged: boolean }
  | { type: 'x3dh'; device: string; peer: string; role: 'initiator' | 'responder'; dhCount: number; sharedKey: string }
  | { type: 'send'; seq: number; from: string; to: string; n: number; pn: number; chainKey: string; messageKey: string; bytes: number; copies: number; carriesX3dh: boolean }
  | { type: 'dh-ratchet'; device: string; peer: string; chain: 'receiving' | 'sending'; ratchetKey: string; rootKey: string }
  | { type: 'relay'; seq: number; from: string; to: string; bytes: number; fate: NetworkFate }
  | { type: 'deliver'; seq: number; to: string; n: number; fromSkipped: boolean; skippedStored: number; primary: boolean }
  | { type: 'reject'; seq: number; to: string; reason: 'too-many-skipped' | 'authentication-failed'; detail: string }
  | { type: 'compromise'; device: string; secrets: number; afterMessage: number }
  | { type: 'attempt'; seq: number; outcome: 'read' | 'unreadable'; beforeTheft: boolean }
  | { type: 'key-swap'; device: string }
  | { type: 'mitm-read'; seq: number }
  | { type: 'safety-number'; match: boolean }
  | { type: 'group-start'; mode: GroupMode; members: number; pairwiseMessages: number; x3dhSessions: number }
  | { type: 'group-send'; index: number; mode: GroupMode; members: number; encryptions: number; uploads: number; deliveries: number; bytes: number; readBy: number }
  | { type: 'member-leave'; member: string; mode: GroupMode; pairwiseMessages: number; leaverCanRead: boolean };

export const E2EE_SERIES = ['serverBytes', 'uploads', 'skippedKeys'] as const;
export type E2eeSeriesName = (typeof E2EE_SERIES)[number];

/** Where the conversation reports: the lab wires these to the recorder. */
export interface ConversationObserver {
  log(event: E2eeEvent): void;
  sample(name: E2eeSeriesName, value: number): void;
}
