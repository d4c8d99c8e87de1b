import type { Preset } from '../../core/lab';
import type { VideoSearchParams } from './schema';

export const videoSearchPresets: Preset<VideoSearchParams>[] = [
  {
    id: 'lofi-search',
    title: 'Type “lofi hip hop radio”',
    story: '2,000 videos, 4 document shards. Watch the typeahead answer each keystroke from one trie node, then the ranked hits with every term’s IDF × TF and boost, next to MiniSearch’s ranking of the same query.',
    params: {},
  },
  {
    id: 'no-analysis',
    title: 'No lower-casing, no stemming',
    story: 'Query “Cooking recipes”: without lower-casing the capitalised title words are different terms, without stemming “recipes” misses “recipe”. Fewer videos match and the best ones drop out.',
    params: { query: 'Cooking recipes', lowercase: false, stemming: false },
  },
  {
    id: 'local-idf',
    title: '16 shards, local IDF',
    story: 'Each shard scores with its own counts: a term rare on one shard looks important there, and the merged top 10 reorders. Global IDF fixes it at the price of an extra round to every shard.',
    params: { shards: 16, idf: 'local', videos: 1000, query: 'tokyo food tour' },
  },
  {
    id: 'term-partitioned',
    title: 'Partition by term',
    story: 'Only the query terms’ owners are asked (at most min(S, |q|)), but they ship whole postings lists to be merged: watch the bytes moved grow with common terms.',
    params: { partition: 'term', shards: 8, query: 'easy pasta recipe' },
  },
  {
    id: 'tail-at-scale',
    title: 'Waiting for 32 shards',
    story: 'A shard answers within 20 ms 95% of the time; a query that waits for all 32 does so only 0.95³² ≈ 19% of the time. The query p99 lands far above the shard p99.',
    params: { shards: 32, shardMedianMs: 8, shardP99Ms: 40, loadQueries: 5000 },
  },
  {
    id: 'slow-indexer',
    title: 'A minute of indexing lag',
    story: 'A creator uploads a video titled like your query. The searches that follow miss it until the indexer catches up and the next refresh opens a new segment.',
    params: { indexLagS: 60, refreshS: 5 },
  },
  {
    id: 'full-catalogue',
    title: '20,000 videos',
    story: 'The largest catalogue: the index holds about a million postings, yet a keystroke still costs one trie step and a query touches only its terms’ postings.',
    params: { videos: 20_000, shards: 8 },
  },
];
