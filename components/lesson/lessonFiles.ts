/**
 * SERVER ONLY (node:fs): finds the lessons in content/, runs the content check on every one, and
 * throws when any has a problem, so `next build` fails with the same messages as
 * `npm run check:content`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkLessonSource, formatIssue, type ContentIssue, type LessonAnalysis } from './contentCheck';
import { labFacts } from './labFacts';
import { lessonBarProblems } from './lessonBar';
import { readingListByLesson } from './readingList';
import { readingMinutes } from './readingTime';
import type { LabFacts, LessonFrontmatter } from './types';

export const contentDirectory = path.join(process.cwd(), 'content');

export interface LessonMeta extends Omit<LessonAnalysis, 'issues' | 'frontmatter'> {
  slug: string;
  /** Path relative to the project root, for messages. */
  file: string;
  frontmatter: LessonFrontmatter;
  readingMinutes: number;
}

export interface LessonSource {
  slug: string;
  file: string;
  source: string;
}

export class ContentCheckError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(
      `Lesson content check failed with ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n` +
        issues.map((issue) => `  ${formatIssue(issue)}`).join('\n') +
        '\n(npm run check:content prints the same list)',
    );
    this.name = 'ContentCheckError';
  }
}

// LOUD: lessons are read at BUILD time only (static pages, dynamicParams = false). The
// turbopackIgnore markers stop Next from tracing the whole project into the server output because of
// these dynamic paths; do not start reading lessons at request time.
export function readLessonSources(directory = contentDirectory): LessonSource[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ directory)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ directory)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => {
      const full = path.join(/*turbopackIgnore: true*/ directory, name);
      return {
        slug: name.slice(0, -'.mdx'.length),
        file: path.relative(process.cwd(), full) || name,
        source: fs.readFileSync(/*turbopackIgnore: true*/ full, 'utf8'),
      };
    });
}

/** Checks every lesson; returns the good ones and every problem found. */
export function checkLessons(
  sources: LessonSource[],
  labs: readonly LabFacts[] = labFacts(),
  { lessonBar = true }: { /** false: the content rules only (tests of sorting, names, messages) */ lessonBar?: boolean } = {},
): { lessons: LessonMeta[]; issues: ContentIssue[] } {
  const lessons: LessonMeta[] = [];
  const issues: ContentIssue[] = [];
  for (const { slug, file, source } of sources) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
      issues.push({ file, message: `file name "${slug}.mdx" must be lower-case words joined by dashes (it becomes the URL /lessons/${slug})` });
    }
    const { issues: found, frontmatter, ...analysis } = checkLessonSource(source, { file, labs });
    if (lessonBar && found.length === 0) found.push(...lessonBarFor(slug, file, source, labs));
    issues.push(...found);
    if (frontmatter && found.length === 0) {
      lessons.push({ ...analysis, slug, file, frontmatter, readingMinutes: readingMinutes(analysis.wordCount) });
    }
  }
  lessons.sort(compareLessons);
  return { lessons, issues };
}

function lessonBarFor(slug: string, file: string, source: string, labs: readonly LabFacts[]): ContentIssue[] {
  const readingList = readingListByLesson[slug];
  if (readingList === undefined) {
    return [{ file, message: `lesson bar: "${slug}" has no entry in components/lesson/readingList.ts (list the reading-list links of its section, or [] if the list has none)` }];
  }
  return lessonBarProblems(source, { file, labs, readingList });
}

/** Every lesson, checked; throws ContentCheckError if any lesson has a problem. */
export function loadLessons(): LessonMeta[] {
  const { lessons, issues } = checkLessons(readLessonSources());
  if (issues.length > 0) throw new ContentCheckError(issues);
  return lessons;
}

export function compareLessons(a: LessonMeta, b: LessonMeta): number {
  return (
    a.frontmatter.topic.localeCompare(b.frontmatter.topic) ||
    a.frontmatter.order - b.frontmatter.order ||
    a.frontmatter.title.localeCompare(b.frontmatter.title)
  );
}

/** The lessons before and after this one within its topic (by order). */
export function neighbours(lessons: LessonMeta[], slug: string): { previous?: LessonMeta; next?: LessonMeta } {
  const lesson = lessons.find((l) => l.slug === slug);
  if (!lesson) return {};
  const sameTopic = lessons.filter((l) => l.frontmatter.topic === lesson.frontmatter.topic);
  const index = sameTopic.indexOf(lesson);
  return { previous: sameTopic[index - 1], next: sameTopic[index + 1] };
}
