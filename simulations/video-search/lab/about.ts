/** What the video search lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const videoSearchAbout = {
  id: 'video-search',
  title: 'Search a video catalogue',
  summary: 'A real inverted index with BM25 over titles, tags and descriptions of up to 20,000 synthetic videos: typeahead on a trie, per-term score explanations, MiniSearch side by side, document- vs term-partitioned shards, tail latency of waiting for every shard, and how long a new upload takes to become searchable.',
  topic: 'Video streaming',
} as const;
