/**
 * Stable heading ids: lower-case ASCII words joined by '-'. Used by the content check (duplicates fail),
 * the MDX compiler (the id attribute) and the table of contents, so all three always agree.
 * LOUD: changing this breaks every deep link people have shared to a lesson section.
 */
export function headingId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Ids the lesson page itself uses; a lesson heading must not take them. */
export const reservedHeadingIds = ['main-content', 'on-this-page', 'references', 'lesson-labs', 'lesson-nav'] as const;

interface TextNode {
  type: string;
  value?: unknown;
  children?: TextNode[];
}

/** The visible text of an mdast heading (text and inline code, through emphasis, links, …). */
export function headingText(node: TextNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return String(node.value ?? '');
  return (node.children ?? []).map(headingText).join('');
}
