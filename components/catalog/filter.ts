import type { CatalogEntry } from '../lesson/catalog';

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
