'use client';

import Link from 'next/link';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CatalogEntry } from '../lesson/catalog';
import { searchIndex, type SearchHit } from '../search/search';
import type { SearchKind } from '../search/searchOptions';
import { useSearchIndex } from '../search/useSearchIndex';
import { groupByTopic } from './filter';
import styles from './Catalog.module.css';

interface CatalogProps {
  entries: CatalogEntry[];
  /** What the search box searches, for its label: "lessons and labs", "lessons", … */
  noun: string;
  /** what the full-text search returns on this page (all kinds by default) */
  kinds?: readonly SearchKind[];
}

const kindLabel: Record<SearchKind, string> = { lesson: 'Lesson', section: 'Section', term: 'Key term', lab: 'Lab', preset: 'Lab preset' };

/**
 * The catalog with full-text search over lessons (headings and body), key terms, labs and presets.
 * The query lives in the URL (`?q=`), so a search can be shared and survives a reload; the index
 * (built at build time, /search-index.json) is fetched when the first search is typed.
 */
export function Catalog({ entries, noun, kinds }: CatalogProps) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const searchRef = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const id = useId();
  const searching = deferredQuery.trim() !== '';
  const { index, error } = useSearchIndex(searching);
  const hits = useMemo(() => (index && searching ? searchIndex(index, deferredQuery, kinds) : []), [index, searching, deferredQuery, kinds]);
  const groups = groupByTopic(entries);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q');
    if (q) setQuery(q);
  }, []);

  const changeQuery = (next: string) => {
    setQuery(next);
    const url = new URL(window.location.href);
    if (next.trim()) url.searchParams.set('q', next);
    else url.searchParams.delete('q');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  };

  useEffect(() => {
    setHydrated(true);
    // "/" jumps to the search box, as on many documentation sites.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className={styles.catalog} data-testid="catalog" data-hydrated={hydrated ? 'true' : undefined}>
      <div className={styles.searchRow} role="search">
        <label htmlFor={`${id}-search`} className={styles.searchLabel}>
          Search {noun}
        </label>
        <div className={styles.searchField}>
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false" className={styles.searchIcon}>
            <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
            <path d="m13 13 4.5 4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <input
            ref={searchRef}
            id={`${id}-search`}
            type="search"
            className={styles.searchInput}
            value={query}
            onChange={(event) => changeQuery(event.target.value)}
            placeholder="e.g. Little’s law, ISR, p99, tus"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-count`}
          />
          <kbd className={styles.shortcut} aria-hidden="true">
            /
          </kbd>
        </div>
        <p id={`${id}-count`} className={styles.count} role="status" data-testid="search-count">
          {!searching
            ? `${entries.length} ${noun}`
            : error
              ? `Search is unavailable: ${error}`
              : !index
                ? 'Searching…'
                : `${hits.length} ${hits.length === 1 ? 'result' : 'results'}`}
        </p>
      </div>

      {searching ? (
        index && hits.length === 0 ? (
          <div className={styles.empty}>
            <p>Nothing in the {noun} matches “{deferredQuery.trim()}”.</p>
            <button
              type="button"
              className={styles.clearButton}
              onClick={() => {
                changeQuery('');
                searchRef.current?.focus();
              }}
            >
              Clear search
            </button>
          </div>
        ) : (
          <ol className={styles.results} aria-label={`Results for ${deferredQuery.trim()}`} data-testid="search-results">
            {hits.map((hit) => (
              <SearchResult key={hit.id} hit={hit} />
            ))}
          </ol>
        )
      ) : (
        groups.map((group) => {
          const headingId = `${id}-topic-${group.topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
          return (
            <section key={group.topic} aria-labelledby={headingId} className={styles.topic}>
              <h2 id={headingId} className={styles.topicHeading}>
                {group.topic}
              </h2>
              <ul className={styles.grid}>
                {group.entries.map((entry) => (
                  <li key={`${entry.kind}:${entry.id}`} className={styles.card} data-kind={entry.kind}>
                    <p className={styles.meta}>
                      <span className={styles.kind}>{entry.kind === 'lesson' ? 'Lesson' : 'Lab'}</span>
                      {entry.readingMinutes !== undefined && <span>{entry.readingMinutes} min read</span>}
                    </p>
                    <h3 className={styles.title}>
                      <Link prefetch={false} href={entry.href} className={styles.link}>
                        {entry.title}
                      </Link>
                    </h3>
                    <p className={styles.summary}>{entry.summary}</p>
                  </li>
                ))}
              </ul>
            </section>
          );
        })
      )}
    </div>
  );
}

function SearchResult({ hit }: { hit: SearchHit }) {
  return (
    <li className={styles.result} data-kind={hit.kind}>
      <p className={styles.meta}>
        <span className={styles.kind}>{kindLabel[hit.kind]}</span>
        <span>{hit.context}</span>
      </p>
      <p className={styles.resultTitle}>
        <Link prefetch={false} href={hit.href} className={styles.link}>
          {hit.title}
        </Link>
      </p>
      {hit.snippet.length > 0 && (
        <p className={styles.summary}>
          {hit.snippet.map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
        </p>
      )}
    </li>
  );
}

