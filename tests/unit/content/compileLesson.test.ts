import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { getMDXComponent } from 'mdx-bundler/client';
import { describe, expect, it } from 'vitest';
import { compileLessonSource, lessonComponentsGlobal } from '../../../components/lesson/compileLesson';
import { mdxElements } from '../../../components/lesson/mdxElements';

const source = `---
title: T
summary: S
topic: Queueing
order: 1
references: []
labs: []
---

## Little's law

| ρ | W / S |
|---|---|
| 0.9 | 10 |

<Callout type="note" title="Hello">Body **text**</Callout>

### Near saturation
`;

describe('compiling a lesson with mdx-bundler', () => {
  it('resolves registered components through the lesson-components global, ids headings and renders GFM tables', async () => {
    const code = await compileLessonSource(source);
    const seen: string[] = [];
    const fake = (name: string): ComponentType<{ children?: unknown }> =>
      function Fake({ children }) {
        seen.push(name);
        return createElement('div', { 'data-component': name }, children as never);
      };
    const registry = Object.fromEntries(['Callout', 'Figure', 'KeyNumbers', 'References', 'Quiz', 'InterviewQuestion', 'Lab'].map((n) => [n, fake(n)]));
    const Body = getMDXComponent(code, { [lessonComponentsGlobal]: registry });
    const html = renderToStaticMarkup(createElement(Body, { components: mdxElements }));

    expect(seen).toEqual(['Callout']);
    expect(html).toContain('<h2 id="littles-law"><a href="#littles-law" class="heading-link">Little&#x27;s law</a></h2>');
    expect(html).toContain('<h3 id="near-saturation">');
    expect(html).toMatch(/<div class="table-scroll"[^>]*><table>/);
    expect(html).toContain('<div data-component="Callout">Body <strong>text</strong></div>');
    expect(html).not.toContain('title: T');
  });
});
