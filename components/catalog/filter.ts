import type { CatalogEntry } from '../lesson/catalog';

function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Entries whose title contains every word of the query (case and accent insensitive). */
export function filterByTitle<T extends Pick<CatalogEntry, 'title'>>(entries: readonly T[], query: string): T[] {
  const terms = normalise(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...entries];
  return entries.filter((entry) => {
    const title = normalise(entry.title);
    return terms.every((term) => title.includes(term));
  });
}

/** Groups in first-seen order (the loader already sorts by topic). */
export function groupByTopic<T extends Pick<CatalogEntry, 'topic'>>(entries: readonly T[]): { topic: string; entries: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(entry.topic);
    if (group) group.push(entry);
    else groups.set(entry.topic, [entry]);
  }
  return [...groups].map(([topic, grouped]) => ({ topic, entries: grouped }));
}
