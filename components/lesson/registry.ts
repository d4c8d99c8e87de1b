/**
 * THE registry of components lessons may use (react.dev's MDXComponents pattern): one static object,
 * passed to the compiled MDX as the `lesson-components` global (see compileLesson.ts).
 *
 * Server components (Callout, Figure, KeyNumbers, References) render to HTML with zero JavaScript;
 * 'use client' ones (Quiz, InterviewQuestion, Lab) are client references, the only parts of a lesson
 * that hydrate. Lab is owned by the lab shell (components/lab-shell/LabEmbed, lazy-loaded).
 *
 * LOUD: the names must match componentNames.ts exactly (the `satisfies` below enforces it), because the
 * content check and mdx-bundler's namedExports read that list.
 */
import type { ComponentType } from 'react';
import { Objectives, Recap } from './Bookends';
import { Callout } from './Callout';
import { Challenge } from './Challenge';
import type { LessonComponentName } from './componentNames';
import { Diagram } from './Diagram';
import { Estimate } from './Estimate';
import { Figure } from './Figure';
import { InterviewQuestion } from './InterviewQuestion';
import { KeyNumbers } from './KeyNumbers';
import { Lab } from './Lab';
import { Predict } from './Predict';
import { Quiz } from './Quiz';
import { ReferenceCard } from './ReferenceCard';
import { References } from './References';

export const lessonComponents = {
  Callout,
  Figure,
  KeyNumbers,
  References,
  Quiz,
  InterviewQuestion,
  Lab,
  Predict,
  Diagram,
  Estimate,
  ReferenceCard,
  Objectives,
  Recap,
  Challenge,
} satisfies Record<LessonComponentName, ComponentType<never>>;
