/**
 * SERVER ONLY: compiles one lesson with mdx-bundler at build time (the page is static).
 *
 * LOUD: lessons never import anything. Every registered component is made available by appending one
 * import from the virtual module 'lesson-components', which mdx-bundler maps (globals OBJECT form;
 * the string form fails on named imports) to the `LessonComponents` object the page passes to
 * getMDXComponent. Importing a client component by path instead would inline it into the MDX bundle
 * and break the 'use client' boundary (stack-notes pitfall 4).
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleMDX } from 'mdx-bundler';
import remarkGfm from 'remark-gfm';
import { lessonComponentNames } from './componentNames';
import { contentDirectory, loadLessons, type LessonMeta } from './lessonFiles';
import { remarkHeadingIds } from './remarkHeadingIds';

export const lessonComponentsModule = 'lesson-components';
export const lessonComponentsGlobal = 'LessonComponents';

export interface CompiledLesson {
  meta: LessonMeta;
  /** mdx-bundler output: evaluate on the server with getMDXComponent(code, { LessonComponents }). */
  code: string;
  lessons: LessonMeta[];
}

export async function compileLesson(slug: string): Promise<CompiledLesson> {
  const lessons = loadLessons();
  const meta = lessons.find((lesson) => lesson.slug === slug);
  if (!meta) throw new Error(`No lesson "${slug}" in content/`);
  const source = fs.readFileSync(path.join(contentDirectory, `${slug}.mdx`), 'utf8');
  return { meta, code: await compileLessonSource(source), lessons };
}

/** MDX source (already checked) → mdx-bundler code. */
export async function compileLessonSource(source: string): Promise<string> {
  const { code } = await bundleMDX({
    source: `${source}\n\nimport { ${lessonComponentNames.join(', ')} } from '${lessonComponentsModule}';\n`,
    cwd: contentDirectory,
    globals: {
      [lessonComponentsModule]: { varName: lessonComponentsGlobal, namedExports: [...lessonComponentNames], defaultExport: false },
    },
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkHeadingIds];
      return options;
    },
  });
  return code;
}
