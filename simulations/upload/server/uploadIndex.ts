/**
 * The server-side index (videoId, userId) → upload id, with a TTL per entry. This is the
 * "resume from the same point" lookup: the client derives videoId from the file's hash and asks
 * whether it already has a partial upload. The random upload id stays the capability in the URL;
 * the videoId is public (anyone with the same file knows it) and is never used as a URL or path.
 */

export interface IndexEntry {
  uploadId: string;
  expiresAt: number;
}

export class UploadIndex {
  private entries = new Map<string, IndexEntry>();

  private static key(videoId: string, userId: string): string {
    return `${userId}\u0000${videoId}`;
  }

  get(videoId: string, userId: string, now: number): IndexEntry | undefined {
    const k = UploadIndex.key(videoId, userId);
    const e = this.entries.get(k);
    if (e && e.expiresAt <= now) {
      this.entries.delete(k);
      return undefined;
    }
    return e;
  }

  set(videoId: string, userId: string, entry: IndexEntry): void {
    this.entries.set(UploadIndex.key(videoId, userId), { ...entry });
  }

  /** Remove whatever entry points to this upload. */
  removeUpload(uploadId: string): void {
    for (const [k, e] of this.entries) if (e.uploadId === uploadId) this.entries.delete(k);
  }

  /** Drop expired entries; returns how many. */
  sweep(now: number): number {
    let n = 0;
    for (const [k, e] of this.entries) {
      if (e.expiresAt <= now) {
        this.entries.delete(k);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.entries.size;
  }
}
