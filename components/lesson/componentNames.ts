/**
 * The names lessons may use as JSX tags. One static list, shared by the content check (Node) and the
 * MDX compiler (mdx-bundler `globals.namedExports`), so it must not import React components.
 *
 * LOUD: adding a component means adding its name here AND its entry in `registry.ts` (the type there
 * fails to compile if the two lists drift apart).
 */
export const lessonComponentNames = [
  'Callout',
  'Figure',
  'KeyNumbers',
  'References',
  'Quiz',
  'InterviewQuestion',
  'Lab',
  'Predict',
  'Diagram',
  'Estimate',
  'ReferenceCard',
  'Objectives',
  'Recap',
  'Challenge',
] as const;

export type LessonComponentName = (typeof lessonComponentNames)[number];

export function isLessonComponentName(name: string): name is LessonComponentName {
  return (lessonComponentNames as readonly string[]).includes(name);
}

export const calloutKinds = ['note', 'warning', 'pitfall', 'deep-dive'] as const;
export type CalloutKind = (typeof calloutKinds)[number];

/** The parts `<ReferenceCard show={[…]}>` can show (kept here so the content check needs no React). */
export const referenceCardParts = ['powers', 'latency', 'rules'] as const;
