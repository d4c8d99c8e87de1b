/**
 * The reading list kept in the repo: every link belongs to some lesson, and the lesson bar is part of
 * the content check (a lesson that misses the bar fails it).
 */
import { describe, expect, it } from 'vitest';
import { readingListByLesson, readingListLinks } from '../../../components/lesson/readingList';
import { checkLessons, readLessonSources } from '../../../components/lesson/lessonFiles';
import { labFacts } from '../../../components/lesson/labFacts';

describe('reading list', () => {
  it('gives every link of the list to at least one lesson', () => {
    const given = new Set(Object.values(readingListByLesson).flat());
    expect(readingListLinks.filter((url) => !given.has(url))).toEqual([]);
  });

  it('has 22 links, as the seed list does', () => {
    expect(new Set(readingListLinks).size).toBe(22);
  });
});

describe('lesson bar in the content check', () => {
  const labs = labFacts();
  const queueing = readLessonSources().find((s) => s.slug === 'queueing-basics')!;

  it('fails a lesson that has no entry in the reading list map', () => {
    const { issues } = checkLessons([{ ...queueing, slug: 'a-lesson-nobody-listed', file: 'content/a-lesson-nobody-listed.mdx' }], labs);
    expect(issues.map((i) => i.message).join('\n')).toMatch(/no entry in components\/lesson\/readingList\.ts/);
  });

  it('fails a listed lesson that misses the bar', () => {
    const stripped = { slug: 'video-search', file: 'content/video-search.mdx', source: queueing.source.replace(/<Objectives[\s\S]*?\/>/, '') };
    const { issues } = checkLessons([stripped], labs);
    expect(issues.map((i) => i.message)).toContain('lesson bar: no <Objectives items={[…]} /> (what the learner will be able to do, at the top)');
  });

  it('passes every lesson in content/, lesson bar included', () => {
    expect(checkLessons(readLessonSources(), labs).issues).toEqual([]);
  });
});
