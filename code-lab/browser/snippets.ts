/**
 * Snippets saved in this browser (named, listed, deletable). Storage is injected (localStorage in
 * the page, a Map in tests); a full or refused storage is a message, never a crash.
 */
export interface Snippet {
  name: string;
  lab: string;
  code: string;
  savedAt: string;
}

export interface SnippetStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'sdl.code-lab.snippets.v1';
export const MAX_SNIPPET_NAME = 60;

export function listSnippets(storage: SnippetStorage, lab: string): Snippet[] {
  return readAll(storage).filter((s) => s.lab === lab).sort((a, b) => a.name.localeCompare(b.name));
}

/** Save (replacing one of the same name); returns an error message or null. */
export function saveSnippet(storage: SnippetStorage, snippet: Omit<Snippet, 'savedAt'>, now: string): string | null {
  const name = snippet.name.trim();
  if (!name) return 'give the snippet a name';
  if (name.length > MAX_SNIPPET_NAME) return `a snippet name has at most ${MAX_SNIPPET_NAME} characters`;
  const all = readAll(storage).filter((s) => !(s.lab === snippet.lab && s.name === name));
  all.push({ ...snippet, name, savedAt: now });
  return write(storage, all);
}

export function deleteSnippet(storage: SnippetStorage, lab: string, name: string): string | null {
  return write(storage, readAll(storage).filter((s) => !(s.lab === lab && s.name === name)));
}

function readAll(storage: SnippetStorage): Snippet[] {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((s): s is Snippet => !!s && typeof s.name === 'string' && typeof s.lab === 'string' && typeof s.code === 'string' && typeof s.savedAt === 'string');
  } catch {
    return [];
  }
}

function write(storage: SnippetStorage, all: Snippet[]): string | null {
  try {
    storage.setItem(KEY, JSON.stringify(all));
    return null;
  } catch {
    return 'this browser refused to store the snippet (storage full or disabled)';
  }
}
