'use client';

import Link from 'next/link';
import { useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import type { CatalogEntry } from '../lesson/catalog';
import { filterByTitle, groupByTopic } from './filter';
import styles from './Catalog.module.css';

interface CatalogProps {
  entries: CatalogEntry[];
  /** What the search box searches, for its label: "lessons and labs", "lessons", … */
  noun: string;
}

export function Catalog({ entries, noun }: CatalogProps) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const searchRef = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const id = useId();
  const matches = filterByTitle(entries, deferredQuery);
  const groups = groupByTopic(matches);

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
          Search {noun} by title
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
            onChange={(event) => setQuery(event.target.value)}
            placeholder="e.g. queue, Kafka, upload"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-count`}
          />
          <kbd className={styles.shortcut} aria-hidden="true">
            /
          </kbd>
        </div>
        <p id={`${id}-count`} className={styles.count} role="status">
          {matches.length} {matches.length === 1 ? 'result' : 'results'}
        </p>
      </div>

      {groups.length === 0 ? (
        <div className={styles.empty}>
          <p>
            No {noun} have “{deferredQuery.trim()}” in their title.
          </p>
          <button type="button" className={styles.clearButton} onClick={() => { setQuery(''); searchRef.current?.focus(); }}>
            Clear search
          </button>
        </div>
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
