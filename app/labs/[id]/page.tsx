import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { findLab, labs } from '@/simulations/registry';
import { loadLessons } from '@/components/lesson/lessonFiles';
import { LabPage } from '@/components/lab-shell/LabPage';

export const dynamicParams = false;

export function generateStaticParams() {
  return labs.map((lab) => ({ id: lab.id }));
}

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const lab = findLab((await params).id);
  return lab ? { title: lab.title, description: lab.summary } : {};
}

export default async function Page({ params }: Props) {
  const lab = findLab((await params).id);
  if (!lab) notFound();
  const lesson = loadLessons().find((l) => l.frontmatter.labs.includes(lab.id));
  const meta = {
    id: lab.id,
    title: lab.title,
    summary: lab.summary,
    presets: lab.presets.map((p) => ({ id: p.id, title: p.title, story: p.story })),
  };
  return <LabPage meta={meta} back={lesson ? { href: `/lessons/${lesson.slug}`, label: lesson.frontmatter.title } : undefined} />;
}
