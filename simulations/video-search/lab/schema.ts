import type { ParamError, ParamSchema, ParamsOf } from '../../core/params';

export const MAX_QUERY_LENGTH = 60;

function checkQuery(value: unknown): string | null {
  if (typeof value !== 'string') return 'expected text, e.g. "lofi hip hop"';
  if (value.trim().length === 0) return 'must not be empty';
  if (value.length > MAX_QUERY_LENGTH) return `at most ${MAX_QUERY_LENGTH} characters`;
  return null;
}

export const videoSearchSchema = {
  query: { type: 'json', label: 'Query', default: 'lofi hip hop radio' as string, check: checkQuery, group: 'Query', description: 'What the learner types, one keystroke at a time (1 to 60 characters).' },
  videos: { type: 'number', label: 'Videos', min: 200, max: 20_000, default: 2000, integer: true, scale: 'log', group: 'Catalogue', description: 'Synthetic videos in the catalogue (titles, tags, descriptions).' },
  zipf: { type: 'number', label: 'Views Zipf exponent', min: 0.5, max: 1.5, default: 1, step: 0.05, group: 'Catalogue', description: 'Views of the r-th most popular video ∝ 1/r^s: larger s, fewer videos take more of the views.' },
  lowercase: { type: 'boolean', label: 'Lower-case', default: true, group: 'Analyzer', description: 'Fold case in the index and the query ("Lofi" = "lofi").' },
  stopWords: { type: 'boolean', label: 'Stop words', default: true, group: 'Analyzer', description: 'Drop "the", "for", "and"… (33 English stop words).' },
  stemming: { type: 'boolean', label: 'Stemming', default: true, group: 'Analyzer', description: 'A light stemmer: "recipes" → "recipe", "cooking" → "cook".' },
  edgeNgrams: { type: 'number', label: 'Edge n-grams from', min: 0, max: 5, default: 0, integer: true, group: 'Analyzer', description: 'Also index each term’s prefixes from this length ("mo", "mot", "moto"…), so a partial word matches; 0 = off. Costs postings.' },
  k1: { type: 'number', label: 'BM25 k1', min: 0, max: 3, default: 1.2, step: 0.05, group: 'Ranking', description: 'How fast repeated terms saturate (0 = only whether the term occurs counts).' },
  b: { type: 'number', label: 'BM25 b', min: 0, max: 1, default: 0.75, step: 0.05, group: 'Ranking', description: 'Length normalisation (0 = a long field scores like a short one).' },
  delta: { type: 'number', label: 'BM25+ δ', min: 0, max: 1, default: 0, step: 0.05, group: 'Ranking', advanced: true, description: 'BM25+ lower bound per matched term (0 = BM25; MiniSearch’s default is 0.5).' },
  titleBoost: { type: 'number', label: 'Title boost', min: 0, max: 5, default: 3, step: 0.1, group: 'Ranking', description: 'Weight of a title match.' },
  tagsBoost: { type: 'number', label: 'Tags boost', min: 0, max: 5, default: 2, step: 0.1, group: 'Ranking', description: 'Weight of a tag match.' },
  descriptionBoost: { type: 'number', label: 'Description boost', min: 0, max: 5, default: 1, step: 0.1, group: 'Ranking', description: 'Weight of a description match.' },
  popularity: { type: 'number', label: 'Popularity weight', min: 0, max: 2, default: 0.5, step: 0.05, group: 'Ranking', description: 'Score × (1 + w·log10(1 + views)/log10(1 + top views)); 0 = text relevance only.' },
  shards: { type: 'number', label: 'Shards S', min: 1, max: 32, default: 4, integer: true, group: 'Sharding', description: 'Index shards (nodes).' },
  partition: { type: 'enum', label: 'Partition by', options: ['document', 'term'] as const, default: 'document' as 'document' | 'term', optionLabels: { document: 'Document (local index)', term: 'Term (global index)' }, group: 'Sharding', description: 'Document: every shard holds some videos, every query goes to all. Term: every shard owns some terms’ postings.' },
  idf: { type: 'enum', label: 'IDF from', options: ['local', 'global'] as const, default: 'local' as 'global' | 'local', optionLabels: { local: 'Each shard’s own counts', global: 'Whole collection (extra round)' }, group: 'Sharding', visibleWhen: { partition: ['document'] }, description: 'Document partitioning only: local statistics (Elasticsearch’s default, query_then_fetch) can reorder hits; global ones cost a statistics round to every shard first (dfs_query_then_fetch).' },
  shardMedianMs: { type: 'number', label: 'Shard median', unit: 'ms', min: 1, max: 200, default: 8, scale: 'log', group: 'Tail latency', description: 'Median time one shard takes to answer (lognormal).' },
  shardP99Ms: { type: 'number', label: 'Shard p99', unit: 'ms', min: 2, max: 2000, default: 50, scale: 'log', group: 'Tail latency', description: '99th percentile of one shard’s answer time; must exceed the median.' },
  loadQueries: { type: 'number', label: 'Queries sampled', min: 100, max: 20_000, default: 2000, integer: true, scale: 'log', group: 'Tail latency', description: 'Queries fanned out over 10 s of virtual time to measure the query latency distribution.' },
  indexLagS: { type: 'number', label: 'Indexing lag', unit: 's', min: 0, max: 120, default: 5, step: 0.5, group: 'Freshness', description: 'From the "video uploaded" event to the document in the indexer (consumer lag, processing).' },
  refreshS: { type: 'number', label: 'Refresh interval', unit: 's', min: 0.1, max: 30, default: 1, step: 0.1, group: 'Freshness', description: 'Indexed documents become searchable at the next refresh (Elasticsearch’s default is 1 s).' },
} satisfies ParamSchema;

export type VideoSearchParams = ParamsOf<typeof videoSearchSchema>;

export function checkVideoSearch(p: VideoSearchParams): ParamError[] {
  const errors: ParamError[] = [];
  if (p.shardP99Ms <= p.shardMedianMs) errors.push({ field: 'shardP99Ms', value: p.shardP99Ms, message: `shardP99Ms = ${p.shardP99Ms} is invalid: the p99 must exceed the median (${p.shardMedianMs} ms)` });
  if (p.titleBoost + p.tagsBoost + p.descriptionBoost === 0) errors.push({ field: 'titleBoost', value: p.titleBoost, message: 'titleBoost is invalid: at least one field boost must be above 0' });
  return errors;
}
