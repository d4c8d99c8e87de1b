/** One line a learner reads for each logged event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import type { VideoSearchEvent } from './series';

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : '—');
const kb = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`);

export function videoSearchCaption(e: Logged<VideoSearchEvent>): string | null {
  switch (e.type) {
    case 'catalogue':
      return `Indexed ${numberText(e.videos)} videos: ${numberText(e.terms)} distinct terms, ${numberText(e.postings)} postings (~${kb(e.indexBytes)}), typeahead tries of ${numberText(e.trieNodes)} nodes (${numberText(e.titlePhrases)} distinct titles)`;
    case 'shard-built':
      return `Shard ${e.shard + 1} holds ${numberText(e.videos)} videos and its own index of them`;
    case 'keystroke':
      return e.source === 'none'
        ? `“${e.typed}”: ${e.nodesVisited} trie nodes visited, no title or word starts with “${e.prefix.trim()}”`
        : `“${e.typed}”: ${e.nodesVisited} trie nodes visited, ${e.source === 'titles' ? 'most-viewed titles' : 'completions of the last word'}: ${e.suggestions.slice(0, 3).map((s) => `“${s}”`).join(', ')}`;
    case 'query':
      return `Search “${e.text}” → terms ${e.terms.map((t) => `“${t}”`).join(' ') || '(none)'}${e.dropped.length ? ` (dropped ${e.dropped.join(', ')})` : ''}; ${e.partition === 'document' ? 'document-partitioned' : 'term-partitioned'}: ask ${e.fanOut} shard${e.fanOut === 1 ? '' : 's'}${e.rounds === 2 ? ' twice (statistics first)' : ''}`;
    case 'stats-round':
      return `Statistics round: ${e.shards} shards return their term counts (${kb(e.bytes)}) so every shard scores with the global IDF`;
    case 'shard-reply':
      return `Shard ${e.shard + 1} answers after ${ms(e.latencyMs)} (${numberText(e.postings)} postings read${e.hits ? `, ${e.hits} of the top 10` : ''})`;
    case 'results':
      return `All shards in after ${ms(e.latencyMs)}: ${numberText(e.matched)} videos match, ${numberText(e.postingsTouched)} postings touched, ${kb(e.bytesMoved)} moved; #1 “${e.top[0]?.title ?? '—'}”${e.reordered ? `, ${e.reordered} of the top 10 moved by local IDF` : ''}`;
    case 'load-progress':
      return `${numberText(e.done)} of ${numberText(e.total)} sampled queries: p50 ${ms(e.p50Ms)}, p99 ${ms(e.p99Ms)}`;
    case 'tail':
      return `${numberText(e.queries)} queries waiting for ${e.fanOut} shard${e.fanOut === 1 ? '' : 's'}: p99 ${ms(e.p99Ms)}${Number.isFinite(e.theoryP99Ms) ? ` (theory ${ms(e.theoryP99Ms)})` : ''} vs one shard’s p99 ${ms(e.shardP99Ms)}`;
    case 'upload':
      return `A creator uploads “${e.title}”`;
    case 'published':
      return 'The “video uploaded” event is on the bus; the indexer will consume it';
    case 'indexed':
      return 'The indexer has written the video into its buffer; not searchable until the next refresh';
    case 'searchable':
      return 'Refresh: a new segment opens and the video is searchable';
    case 'recheck':
      return e.found ? `Re-run the query ${(e.sinceUploadMs / 1000).toFixed(0)} s after upload: the new video is found at rank ${e.rank}` : `Re-run the query ${(e.sinceUploadMs / 1000).toFixed(0)} s after upload: the new video is not in the results${e.rank === null && e.sinceUploadMs > 0 ? ' yet' : ''}`;
    default:
      return null;
  }
}
