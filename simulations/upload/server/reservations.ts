/**
 * The quotas' bookkeeping: for every open upload, the bytes it holds against its quotas, by owner
 * (the per-user quota), by client address (when the request carried one) and in total (the global
 * limits). An upload with a known length reserves it whole; a deferred-length one reserves what it
 * has stored so far.
 */
interface Entry {
  owner: string;
  client: string | null;
  bytes: number;
}

export class Reservations {
  private readonly byId = new Map<string, Entry>();
  private readonly byOwner = new Map<string, Map<string, number>>();
  private readonly byClient = new Map<string, { count: number; bytes: number }>();
  private totalBytes = 0;

  /** Set an upload's reservation. `client` is kept from an earlier call when not given. */
  reserve(owner: string, id: string, bytes: number, client?: string | null): void {
    const before = this.byId.get(id);
    const entry: Entry = { owner, client: client !== undefined ? client : (before?.client ?? null), bytes };
    if (before) this.drop(id, before);
    this.byId.set(id, entry);
    let m = this.byOwner.get(owner);
    if (!m) this.byOwner.set(owner, (m = new Map()));
    m.set(id, bytes);
    if (entry.client !== null) {
      const c = this.byClient.get(entry.client) ?? { count: 0, bytes: 0 };
      c.count++;
      c.bytes += bytes;
      this.byClient.set(entry.client, c);
    }
    this.totalBytes += bytes;
  }

  unreserve(_owner: string, id: string): void {
    const entry = this.byId.get(id);
    if (entry) this.drop(id, entry);
  }

  private drop(id: string, entry: Entry): void {
    this.byId.delete(id);
    const m = this.byOwner.get(entry.owner);
    if (m) {
      m.delete(id);
      if (m.size === 0) this.byOwner.delete(entry.owner);
    }
    if (entry.client !== null) {
      const c = this.byClient.get(entry.client);
      if (c) {
        c.count--;
        c.bytes -= entry.bytes;
        if (c.count <= 0) this.byClient.delete(entry.client);
      }
    }
    this.totalBytes -= entry.bytes;
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

  /** Open uploads and reserved bytes of a client address. */
  ofClient(client: string): { count: number; bytes: number } {
    const c = this.byClient.get(client);
    return { count: c?.count ?? 0, bytes: c?.bytes ?? 0 };
  }

  /** Open uploads and reserved bytes of everyone. */
  overall(): { count: number; bytes: number } {
    return { count: this.byId.size, bytes: this.totalBytes };
  }

  clear(): void {
    this.byId.clear();
    this.byOwner.clear();
    this.byClient.clear();
    this.totalBytes = 0;
  }
}
