/**
 * SERVER ONLY (build time): every lesson split into its sections (heading + body, the text inside
 * components included), every lesson's key terms (its **bold** words, pointing at the section that
 * introduces them), every lab and every preset, as MiniSearch documents; and the serialised index.
 */
import { createProcessor } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import MiniSearch from 'minisearch';
import { headingId, headingText } from '../lesson/headingId';
import { checkLessons, readLessonSources } from '../lesson/lessonFiles';
import { labs } from '../../simulations/registry';
import { indexOptions, processTerm, type SearchDocument, type SearchIndexFile } from './searchOptions';

interface MdNode {
  type: string;
  name?: string | null;
  value?: unknown;
  depth?: number;
  children?: MdNode[];
  attributes?: { type: string; name?: string; value?: unknown }[];
}

/** Lesson MDX (frontmatter removed) → its sections and key terms. */
export function lessonDocuments(slug: string, title: string, summary: string, body: string): SearchDocument[] {
  const tree = createProcessor({ format: 'mdx', remarkPlugins: [remarkGfm] }).parse(body) as unknown as MdNode;
  const href = `/lessons/${slug}`;
  const sections: { heading: string; id: string; parts: string[] }[] = [{ heading: title, id: '', parts: [summary] }];
  const terms = new Map<string, { term: string; section: number }>();

  const collect = (node: MdNode) => {
    const section = sections[sections.length - 1];
    if (node.type === 'heading') {
      const text = headingText(node).trim();
      sections.push({ heading: text, id: headingId(text), parts: [] });
      return;
    }
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') section.parts.push(String(node.value ?? ''));
    if (node.type === 'strong') {
      const term = plainText(node).trim();
      const key = processTerm(term);
      if (key && term.length <= 60 && !terms.has(key)) terms.set(key, { term, section: sections.length - 1 });
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name !== 'Lab') {
      for (const attribute of node.attributes ?? []) section.parts.push(...literalStrings(attribute.value));
    }
    for (const child of node.children ?? []) collect(child);
  };
  collect(tree);

  const docs: SearchDocument[] = sections
    .filter((s, i) => i === 0 || s.parts.join('').trim() !== '' || s.id)
    .map((s, i) => ({
      id: `${slug}#${s.id || 'top'}`,
      kind: i === 0 ? 'lesson' : 'section',
      title: s.heading,
      context: title,
      href: s.id ? `${href}#${s.id}` : href,
      text: squash(s.parts.join(' ')),
    }));
  for (const [key, { term, section }] of terms) {
    const s = sections[section];
    docs.push({ id: `${slug}:term:${key}`, kind: 'term', title: term, context: `${title} › ${s.heading}`, href: s.id ? `${href}#${s.id}` : href, text: '' });
  }
  return docs;
}

export function labDocuments(): SearchDocument[] {
  return labs.flatMap((lab) => [
    { id: `lab:${lab.id}`, kind: 'lab' as const, title: lab.title, context: `Lab · ${lab.topic}`, href: `/labs/${lab.id}`, text: lab.summary },
    ...lab.presets.map((preset) => ({
      id: `lab:${lab.id}:${preset.id}`,
      kind: 'preset' as const,
      title: preset.title,
      context: `${lab.title} preset`,
      href: `/labs/${lab.id}?preset=${encodeURIComponent(preset.id)}`,
      text: preset.story,
    })),
  ]);
}

export function allSearchDocuments(): SearchDocument[] {
  const sources = readLessonSources();
  const { lessons } = checkLessons(sources);
  const docs: SearchDocument[] = [];
  for (const lesson of lessons) {
    const source = sources.find((s) => s.slug === lesson.slug)!.source;
    docs.push(...lessonDocuments(lesson.slug, lesson.frontmatter.title, lesson.frontmatter.summary, stripFrontmatter(source)));
  }
  return [...docs, ...labDocuments()];
}

export function buildSearchIndex(documents: SearchDocument[] = allSearchDocuments()): SearchIndexFile {
  const search = new MiniSearch<SearchDocument>(indexOptions);
  search.addAll(documents);
  return { v: 1, index: search.toJSON(), documents: documents.length };
}

function stripFrontmatter(source: string): string {
  const match = /^---\n[\s\S]*?\n---\n?/.exec(source);
  return match ? '\n'.repeat(match[0].split('\n').length - 1) + source.slice(match[0].length) : source;
}

function plainText(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return String(node.value ?? '');
  return (node.children ?? []).map(plainText).join('');
}

/** The text inside a component's literal props: quiz prompts, key numbers, diagram labels, … */
function literalStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object' && 'value' in value && typeof (value as { value: unknown }).value === 'string') {
    // an expression prop: pull the string literals out of its source text
    const source = (value as { value: string }).value;
    return [...source.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2]).filter((s) => /\s/.test(s) || s.length > 3);
  }
  return [];
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
