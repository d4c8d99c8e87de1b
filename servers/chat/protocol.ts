/**
 * The chat cluster's wire protocol: one JSON object per WebSocket text frame.
 *
 * client → gateway
 *   {t:'sync', seq, convs?: {conv: cseq}}  replay the user's sync log after `seq` and each read-fanout
 *                                          conversation after its cursor; answered by msg… then synced
 *   {t:'send', id, conv, body}             answered by {t:'sent', id, conv, cseq} once the message is
 *                                          stored (an acknowledged message), or {t:'error', id, reason}
 *   {t:'ack', seq}                         delivered cursor of this device (trims the sync log)
 *   {t:'read', conv, cseq}                 read cursor (read receipt) for one conversation
 *   {t:'ping'}                             heartbeat, answered by {t:'pong', head} (head: the user's last seq)
 *
 * gateway → client
 *   {t:'welcome', gateway, user, device, heartbeatMs}
 *   {t:'msg', seq?, replay?, conv, cseq, from, id, body, at}  seq only for write-fanout conversations (the per-user
 *                                          sync log, chat core `SyncLog`); read-fanout messages are
 *                                          ordered by the conversation's cseq alone; replay: part of a
 *                                          sync answer (a jump past the cursor there is an entry that
 *                                          expired, not a gap to repair)
 *   {t:'synced', head, more}                 more: a page was full, sync again
 */
import { isValidId } from './token';

export type ClientFrame =
  | { t: 'sync'; seq: number; convs: Record<string, number> }
  | { t: 'send'; id: string; conv: string; body: string }
  | { t: 'ack'; seq: number }
  | { t: 'read'; conv: string; cseq: number }
  | { t: 'ping' };

export interface MessageEntry {
  seq?: number;
  conv: string;
  cseq: number;
  from: string;
  id: string;
  body: string;
  at: number;
}

export type ServerFrame =
  | { t: 'welcome'; gateway: number; user: string; device: string; heartbeatMs: number }
  | ({ t: 'msg' } & MessageEntry)
  | { t: 'synced'; head: number; more: boolean }
  | { t: 'sent'; id: string; conv: string; cseq: number }
  | { t: 'pong'; head: number }
  | { t: 'error'; id?: string; reason: string };

export const MAX_BODY_CHARS = 4096;
export const MAX_FRAME_BYTES = 64 * 1024;

const cursor = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;

/** A client frame, or a message naming what is wrong with it. */
export function parseClientFrame(text: string): ClientFrame | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { error: 'frame is not JSON' };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'frame must be a JSON object' };
  const f = v as Record<string, unknown>;
  switch (f.t) {
    case 'ping':
      return { t: 'ping' };
    case 'ack':
      return cursor(f.seq) ? { t: 'ack', seq: f.seq } : { error: 'ack.seq must be an integer >= 0' };
    case 'read':
      if (!isValidId(f.conv)) return { error: 'read.conv must match [A-Za-z0-9_-]{1,64}' };
      return cursor(f.cseq) ? { t: 'read', conv: f.conv, cseq: f.cseq } : { error: 'read.cseq must be an integer >= 0' };
    case 'send':
      if (!isValidId(f.id)) return { error: 'send.id must match [A-Za-z0-9_-]{1,64}' };
      if (!isValidId(f.conv)) return { error: 'send.conv must match [A-Za-z0-9_-]{1,64}' };
      if (typeof f.body !== 'string' || f.body.length > MAX_BODY_CHARS) return { error: `send.body must be a string of at most ${MAX_BODY_CHARS} characters` };
      return { t: 'send', id: f.id, conv: f.conv, body: f.body };
    case 'sync': {
      if (!cursor(f.seq)) return { error: 'sync.seq must be an integer >= 0' };
      const convs: Record<string, number> = {};
      if (f.convs !== undefined) {
        if (f.convs === null || typeof f.convs !== 'object' || Array.isArray(f.convs)) return { error: 'sync.convs must be an object {conv: cseq}' };
        const entries = Object.entries(f.convs as Record<string, unknown>);
        if (entries.length > 1000) return { error: 'sync.convs may name at most 1000 conversations' };
        for (const [c, s] of entries) {
          if (!isValidId(c) || !cursor(s)) return { error: `sync.convs.${c.slice(0, 64)} must be an integer cursor >= 0 of a valid conversation id` };
          convs[c] = s;
        }
      }
      return { t: 'sync', seq: f.seq, convs };
    }
    default:
      return { error: 'frame.t must be one of "sync", "send", "ack", "read", "ping"' };
  }
}
