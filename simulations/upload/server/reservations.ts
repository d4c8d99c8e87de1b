/**
 * The per-user quota's bookkeeping: owner → (upload id → reserved bytes) for open uploads. An upload
 * with a known length reserves it whole; a deferred-length one reserves what it has stored so far.
 */
export class Reservations {
  private readonly byOwner = new Map<string, Map<string, number>>();

  reserve(owner: string, id: string, bytes: number): void {
    let m = this.byOwner.get(owner);
    if (!m) this.byOwner.set(owner, (m = new Map()));
    m.set(id, bytes);
  }

  unreserve(owner: string, id: string): void {
    const m = this.byOwner.get(owner);
    if (!m) return;
    m.delete(id);
    if (m.size === 0) this.byOwner.delete(owner);
  }

  /** Open uploads of a user. */
  openCount(owner: string): number {
    return this.byOwner.get(owner)?.size ?? 0;
  }

  /** Bytes reserved by all of a user's open uploads. */
  total(owner: string): number {
    let n = 0;
    const m = this.byOwner.get(owner);
    if (m) for (const v of m.values()) n += v;
    return n;
  }

  /** Bytes reserved by a user's open uploads other than `id`. */
  othersThan(owner: string, id: string): number {
    return this.total(owner) - (this.byOwner.get(owner)?.get(id) ?? 0);
  }

  clear(): void {
    this.byOwner.clear();
  }
}
