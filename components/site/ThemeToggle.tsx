'use client';

import { useSyncExternalStore } from 'react';
import { themeChangeEvent, themeStorageKey, type Theme } from './theme';
import styles from './SiteHeader.module.css';

const darkQuery = '(prefers-color-scheme: dark)';

function systemTheme(): Theme {
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

function currentTheme(): Theme {
  const chosen = document.documentElement.getAttribute('data-theme');
  return chosen === 'light' || chosen === 'dark' ? chosen : systemTheme();
}

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(darkQuery);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== themeStorageKey) return;
    applyTheme(event.newValue === 'light' || event.newValue === 'dark' ? event.newValue : null);
  };
  media.addEventListener('change', onChange);
  window.addEventListener(themeChangeEvent, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    media.removeEventListener('change', onChange);
    window.removeEventListener(themeChangeEvent, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

function applyTheme(theme: Theme | null) {
  if (theme) document.documentElement.setAttribute('data-theme', theme);
  else document.documentElement.removeAttribute('data-theme');
  window.dispatchEvent(new Event(themeChangeEvent));
}

/** Flips light/dark. Choosing what the OS already prefers forgets the choice, so the site follows the OS again. */
function toggleTheme() {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  const follow = next === systemTheme();
  try {
    if (follow) localStorage.removeItem(themeStorageKey);
    else localStorage.setItem(themeStorageKey, next);
  } catch {
    // Storage may be disabled (private mode); the theme still changes for this page view.
  }
  applyTheme(follow ? null : next);
}

export function ThemeToggle() {
  // null on the server and during hydration: the theme is only known in the browser.
  const theme = useSyncExternalStore<Theme | null>(subscribe, currentTheme, () => null);
  const label = theme === null ? 'Toggle dark theme' : theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <button type="button" className={styles.iconButton} onClick={toggleTheme} aria-label={label} title={label}>
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}

function MoonIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
    </svg>
  );
}

function SunIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="4" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path
        d="M12 2.5v2.5M12 19v2.5M2.5 12H5M19 12h2.5M5.3 5.3l1.8 1.8M16.9 16.9l1.8 1.8M5.3 18.7l1.8-1.8M16.9 7.1l1.8-1.8"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}
