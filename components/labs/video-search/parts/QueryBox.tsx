'use client';
import { useEffect, useId, useState } from 'react';
import type { VideoSearchFrame } from '@/simulations/video-search';
import { MAX_QUERY_LENGTH } from '@/simulations/video-search';
import { formatCount, typeaheadLine } from '../viewModel';
import styles from '../VideoSearchView.module.css';

interface Props {
  query: string;
  frame: VideoSearchFrame;
  onQuery?: (query: string) => void;
}

/** The search box: edits the query param (each keystroke re-runs the lab on the cached index) and shows the trie's suggestions. */
export function QueryBox({ query, frame, onQuery }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(query);
  useEffect(() => setDraft(query), [query]);
  const problem = draft.trim() === '' ? 'Type at least one letter.' : draft.length > MAX_QUERY_LENGTH ? `At most ${MAX_QUERY_LENGTH} characters.` : null;
  const change = (text: string) => {
    setDraft(text);
    if (onQuery && text.trim() !== '' && text.length <= MAX_QUERY_LENGTH) onQuery(text);
  };
  return (
    <div className={styles.queryBox} data-testid="vs-query">
      <label htmlFor={`${id}-q`} className={styles.label}>
        Search videos
      </label>
      <input
        id={`${id}-q`}
        className={styles.input}
        type="search"
        value={draft}
        maxLength={MAX_QUERY_LENGTH + 1}
        autoComplete="off"
        spellCheck={false}
        disabled={!onQuery}
        aria-describedby={`${id}-help`}
        aria-invalid={problem !== null}
        onChange={(e) => change(e.target.value)}
      />
      <p id={`${id}-help`} className={styles.note} data-testid="vs-typeahead-line">
        {problem ?? typeaheadLine(frame)}
      </p>
      <ul className={styles.suggestions} aria-label="Suggestions" data-testid="vs-suggestions">
        {frame.suggestions.map((s) => (
          <li key={s.text}>
            <button type="button" className={styles.suggestion} disabled={!onQuery} onClick={() => change(s.text)}>
              <span>{s.text}</span>
              <span className={styles.muted}>{formatCount(s.popularity)} views</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
