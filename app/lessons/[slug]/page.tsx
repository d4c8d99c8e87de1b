import type { Metadata } from 'next';
import { LessonPage } from '@/components/lesson/LessonPage';
import { loadLessons } from '@/components/lesson/lessonFiles';

// Every lesson is compiled at build time; an unknown slug is a 404, never a runtime compile.
export const dynamicParams = false;

export function generateStaticParams(): { slug: string }[] {
  return loadLessons().map((lesson) => ({ slug: lesson.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const lesson = loadLessons().find((l) => l.slug === slug);
  return lesson ? { title: lesson.frontmatter.title, description: lesson.frontmatter.summary } : {};
}

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <LessonPage slug={slug} />;
}
