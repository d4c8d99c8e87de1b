import { describe, expect, it } from 'vitest';
import { headingId } from '../../../components/lesson/headingId';
import { countWords, readingMinutes } from '../../../components/lesson/readingTime';
import { checkLessons, ContentCheckError, neighbours } from '../../../components/lesson/lessonFiles';

describe('heading ids', () => {
  it('are lower-case ASCII words joined by dashes', () => {
    expect(headingId("Little's law (L = λW)")).toBe('littles-law-l-w');
    expect(headingId('M/M/1 and M/M/c')).toBe('mm1-and-mmc');
    expect(headingId('  Erlang C — for c servers ')).toBe('erlang-c-for-c-servers');
    expect(headingId('Café déjà vu')).toBe('cafe-deja-vu');
    expect(headingId('λ')).toBe('');
  });
});

describe('reading time', () => {
  it('counts words and rounds at 200 wpm, never below one minute', () => {
    expect(countWords("Little's law: L = λW, at 0.9 utilisation.")).toBe(7);
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(299)).toBe(1);
    expect(readingMinutes(301)).toBe(2);
    expect(readingMinutes(2000)).toBe(10);
  });
});

const lesson = (title: string, topic: string, order: number) => `---
title: ${title}
summary: s
topic: ${topic}
order: ${order}
references: []
labs: []
---

Body text.
`;

describe('checking a folder of lessons', () => {
  const sources = [
    { slug: 'b', file: 'content/b.mdx', source: lesson('B', 'Queueing', 2) },
    { slug: 'a', file: 'content/a.mdx', source: lesson('A', 'Queueing', 1) },
    { slug: 'c', file: 'content/c.mdx', source: lesson('C', 'Caching', 1) },
  ];

  it('sorts by topic then order and links neighbours within a topic only', () => {
    const { lessons, issues } = checkLessons(sources, [], { lessonBar: false });
    expect(issues).toEqual([]);
    expect(lessons.map((l) => l.slug)).toEqual(['c', 'a', 'b']);
    expect(neighbours(lessons, 'a')).toEqual({ previous: undefined, next: lessons[2] });
    expect(neighbours(lessons, 'c')).toEqual({ previous: undefined, next: undefined });
  });

  it('rejects file names that would make bad URLs', () => {
    const { issues } = checkLessons([{ slug: 'Bad Name', file: 'content/Bad Name.mdx', source: lesson('X', 'T', 1) }], [], { lessonBar: false });
    expect(issues[0].message).toMatch(/must be lower-case words joined by dashes/);
  });

  it('fails the build with every problem listed, one per line', () => {
    const { issues } = checkLessons([{ slug: 'x', file: 'content/x.mdx', source: lesson('X', 'T', 1) + '\n<Lab id="nope" />\n' }], [], { lessonBar: false });
    const error = new ContentCheckError(issues);
    expect(error.message).toBe(
      'Lesson content check failed with 1 problem:\n' +
        '  content/x.mdx:12:1: <Lab id="nope">: no lab with that id in simulations/registry.ts (known: none)\n' +
        '(npm run check:content prints the same list)',
    );
  });
});
