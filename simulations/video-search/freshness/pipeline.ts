/**
 * Index freshness: upload → event on the bus → indexer → searchable. A new video is written to the
 * indexer's buffer after the pipeline lag, but a searcher only sees it at the next refresh that
 * opens a new segment (Lucene near-real-time search; Elasticsearch refreshes every 1 s by default).
 */

export interface FreshnessConfig {
  /** upload accepted → "video uploaded" event on the bus */
  publishMs: number;
  /** event → document in the indexer's buffer (consumer lag, transcoding gate, batch wait) */
  indexLagMs: number;
  /** refresh interval: the buffer becomes a searchable segment on these ticks */
  refreshMs: number;
}

export interface FreshnessTimeline {
  uploadedAt: number;
  publishedAt: number;
  indexedAt: number;
  searchableAt: number;
}

/** Refresh ticks fall on multiples of refreshMs (virtual time), as a periodic refresh does. */
export function freshnessTimeline(uploadedAt: number, cfg: FreshnessConfig): FreshnessTimeline {
  const publishedAt = uploadedAt + cfg.publishMs;
  const indexedAt = publishedAt + cfg.indexLagMs;
  const searchableAt = Math.ceil(indexedAt / cfg.refreshMs) * cfg.refreshMs;
  return { uploadedAt, publishedAt, indexedAt, searchableAt };
}
