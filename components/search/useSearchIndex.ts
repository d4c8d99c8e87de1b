'use client';
import { useEffect, useState } from 'react';
import type MiniSearch from 'minisearch';
import { loadSearchIndex } from './search';
import { SEARCH_INDEX_PATH, type SearchDocument, type SearchIndexFile } from './searchOptions';

let loading: Promise<MiniSearch<SearchDocument>> | null = null;

/** The index file, fetched once per page when first wanted (`wanted` false: not yet). */
export function useSearchIndex(wanted: boolean): { index: MiniSearch<SearchDocument> | null; error: string | null } {
  const [state, setState] = useState<{ index: MiniSearch<SearchDocument> | null; error: string | null }>({ index: null, error: null });
  useEffect(() => {
    if (!wanted || state.index) return;
    loading ??= fetch(SEARCH_INDEX_PATH)
      .then((response) => {
        if (!response.ok) throw new Error(`the search index did not load (HTTP ${response.status})`);
        return response.json() as Promise<SearchIndexFile>;
      })
      .then(loadSearchIndex);
    let cancelled = false;
    loading.then(
      (index) => !cancelled && setState({ index, error: null }),
      (e: unknown) => {
        loading = null;
        if (!cancelled) setState({ index: null, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [wanted, state.index]);
  return state;
}
