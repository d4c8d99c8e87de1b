/** SERVER ONLY: the home page catalog, from lesson frontmatter and the lab registry. */
import { labSummaries } from './labFacts';
import { loadLessons } from './lessonFiles';

export type CatalogKind = 'lesson' | 'lab';

export interface CatalogEntry {
  kind: CatalogKind;
  id: string;
  href: string;
  title: string;
  summary: string;
  topic: string;
  /** Lessons only. */
  readingMinutes?: number;
}

/** Entries sorted by topic, then lessons (by order) before labs (by title). */
export function loadCatalog(): CatalogEntry[] {
  const lessons: CatalogEntry[] = loadLessons().map((lesson) => ({
    kind: 'lesson',
    id: lesson.slug,
    href: `/lessons/${lesson.slug}`,
    title: lesson.frontmatter.title,
    summary: lesson.frontmatter.summary,
    topic: lesson.frontmatter.topic,
    readingMinutes: lesson.readingMinutes,
  }));
  const labs: CatalogEntry[] = labSummaries()
    .map((lab) => ({ kind: 'lab' as const, id: lab.id, href: `/labs/${lab.id}`, title: lab.title, summary: lab.summary, topic: lab.topic }))
    .sort((a, b) => a.title.localeCompare(b.title));
  const topics = [...new Set([...lessons, ...labs].map((entry) => entry.topic))].sort((a, b) => a.localeCompare(b));
  return topics.flatMap((topic) => [...lessons, ...labs].filter((entry) => entry.topic === topic));
}
