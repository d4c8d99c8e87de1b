/**
 * A least-recently-used cache of whole tracks, counted in tracks (every track in a run has the
 * same size at one bitrate). A Map keeps insertion order, so the oldest entry is its first key:
 * get/put/evict are O(1).
 */
export class LruCache {
  private readonly entries = new Map<number, true>();

  /** `onChange(track, +1 | −1)` hears every insertion and eviction (a tracker counting holders). */
  constructor(
    readonly capacity: number,
    private readonly onChange?: (track: number, delta: 1 | -1) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether the track is cached; a hit makes it the most recently used. */
  touch(track: number): boolean {
    if (!this.entries.has(track)) return false;
    this.entries.delete(track);
    this.entries.set(track, true);
    return true;
  }

  /** Whether the track is cached, without changing the order (a peer asking). */
  has(track: number): boolean {
    return this.entries.has(track);
  }

  /** Insert (or refresh) a track, evicting the least recently used beyond capacity. */
  put(track: number): void {
    if (this.capacity <= 0) return;
    if (!this.entries.delete(track)) this.onChange?.(track, 1);
    this.entries.set(track, true);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
      this.onChange?.(oldest, -1);
    }
  }

  keys(): number[] {
    return [...this.entries.keys()];
  }
}
