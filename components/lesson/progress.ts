/**
 * The learner's progress, kept in this browser only (no account): lessons read, quiz answers,
 * predictions, challenges solved and the review schedule, each under an `sdl:` localStorage key.
 * Export writes them all to one JSON file; import merges such a file back. Whatever storage holds
 * (junk, an older version, storage switched off) never crashes a page: reads fall back to nothing.
 */

/** Every progress key starts with one of these (the theme, `sdl-theme`, is a setting, not progress). */
export const progressPrefixes = ['sdl:quiz:', 'sdl:predict:', 'sdl:challenge:', 'sdl:read:', 'sdl:review:'] as const;

export const progressChangeEvent = 'sdl:progress-change';

export const predictionKey = (lesson: string, id: string) => `sdl:predict:${lesson}:${id}`;
export const challengeKey = (id: string) => `sdl:challenge:${id}`;
export const readKey = (lesson: string) => `sdl:read:${lesson}`;

/** What the browser's localStorage offers that we use (a Map-backed fake in tests). */
export interface KeyValueStore {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function isProgressKey(key: string): boolean {
  return progressPrefixes.some((prefix) => key.startsWith(prefix));
}

function browserStore(): KeyValueStore | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function readProgress<T>(key: string, parse: (value: unknown) => T | null, store = browserStore()): T | null {
  try {
    const raw = store?.getItem(key);
    return raw ? parse(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

export function writeProgress(key: string, value: unknown, store = browserStore()): void {
  try {
    if (value === null || value === undefined) store?.removeItem(key);
    else store?.setItem(key, JSON.stringify(value));
    if (typeof window !== 'undefined') window.dispatchEvent(new Event(progressChangeEvent));
  } catch {
    // storage full or switched off: the page keeps working, it just does not remember
  }
}

export interface ProgressFile {
  app: 'system-design-lab';
  kind: 'progress';
  v: 1;
  /** key → the stored text, exactly as localStorage holds it */
  entries: Record<string, string>;
}

export function progressKeys(store: KeyValueStore): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key && isProgressKey(key)) keys.push(key);
  }
  return keys.sort();
}

export function exportProgress(store: KeyValueStore): ProgressFile {
  const entries: Record<string, string> = {};
  for (const key of progressKeys(store)) {
    const value = store.getItem(key);
    if (value !== null) entries[key] = value;
  }
  return { app: 'system-design-lab', kind: 'progress', v: 1, entries };
}

/**
 * Reads an exported file (text) into the store. Only progress keys holding JSON text are taken;
 * anything else is named in `skipped`. Throws a readable Error when the file is not a progress file.
 */
export function importProgress(text: string, store: KeyValueStore): { imported: number; skipped: string[] } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new Error('this file is not JSON: choose a file exported from the progress page');
  }
  const f = file as Partial<ProgressFile> | null;
  if (!f || typeof f !== 'object' || f.app !== 'system-design-lab' || f.kind !== 'progress' || f.v !== 1 || !f.entries || typeof f.entries !== 'object') {
    throw new Error('this is not a System Design Lab progress file (version 1)');
  }
  let imported = 0;
  const skipped: string[] = [];
  for (const [key, value] of Object.entries(f.entries)) {
    if (!isProgressKey(key) || typeof value !== 'string' || !isJson(value)) {
      skipped.push(key);
      continue;
    }
    store.setItem(key, value);
    imported++;
  }
  return { imported, skipped };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
