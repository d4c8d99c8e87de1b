/**
 * The e2ee lab's recorder contract: the conversation's events and series, and the frame the view
 * draws (the three panes, the two sessions' keys, the attacks and the group costs right now).
 */
import type { GroupView, MessageView, ServerEntry, SessionView } from '../conversation/conversation';

export { E2EE_SERIES as SERIES, type E2eeEvent, type E2eeSeriesName } from '../conversation/events';
export type { GroupView, MessageView, ServerEntry, SessionView };

/** How many server-pane lines a frame carries (the newest): the frame crosses from the worker and is drawn every frame. */
export const SERVER_LINES_SHOWN = 40;

export interface E2eeFrame {
  devices: number;
  bobOnline: boolean;
  messages: MessageView[];
  /** the newest SERVER_LINES_SHOWN lines of what the server saw, oldest first */
  server: ServerEntry[];
  serverLinesTotal: number;
  alice: SessionView | null;
  bob: SessionView | null;
  /** sessions each device holds (multi-device: one ratchet per peer device) */
  sessions: { device: string; peers: string[] }[];
  oneTimePrekeysLeft: { device: string; left: number }[];
  safety: { alice: string; bob: string; match: boolean } | null;
  theft: { afterMessage: number; at: number; secrets: number } | null;
  malicious: { swapped: boolean; read: number };
  group: GroupView | null;
  serverBytes: number;
  uploads: number;
}
