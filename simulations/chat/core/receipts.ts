/**
 * Delivered/read receipts.
 *
 * - per-message: every (recipient user, message) yields one delivered receipt when the first device
 *   acknowledges it, and one read receipt when a foreground device shows it (≈ 2·(g − 1) per group
 *   message, often more traffic than the message itself).
 * - cursor: the recipient sends its delivered/read CURSOR for a conversation once per read burst
 *   (all messages arriving in that conversation within `readDelayMs` of the first unread one), so
 *   a burst of k messages costs 2 receipts instead of 2k.
 */

export const RECEIPT_MODES = ['per-message', 'cursor'] as const;
export type ReceiptMode = (typeof RECEIPT_MODES)[number];

export class ReceiptTracker {
  delivered = 0;
  read = 0;
  private bursts = new Map<number, number>();
  private lastPrune = 0;

  constructor(
    readonly mode: ReceiptMode,
    readonly readDelayMs: number,
    /** size of the conversation key space (keys are user·space + conversation) */
    readonly conversationSpace: number,
  ) {}

  get total(): number {
    return this.delivered + this.read;
  }

  /** First delivery of one message to `user` (on any device) at `now`; `foreground` if a foreground device got it. */
  onUserDelivery(user: number, conversation: number, now: number, foreground: boolean): void {
    if (this.mode === 'per-message') {
      this.delivered++;
      if (foreground) this.read++;
      return;
    }
    const key = user * this.conversationSpace + conversation;
    const end = this.bursts.get(key);
    if (end !== undefined && now <= end) return;
    this.bursts.set(key, now + this.readDelayMs);
    this.delivered++;
    if (foreground) this.read++;
    if (now - this.lastPrune > 10 * this.readDelayMs + 1000) this.prune(now);
  }

  private prune(now: number): void {
    this.lastPrune = now;
    for (const [k, end] of this.bursts) if (end < now) this.bursts.delete(k);
  }
}
