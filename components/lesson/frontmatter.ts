import type { LessonFrontmatter, LessonReference } from './types';

export const frontmatterFields = ['title', 'summary', 'topic', 'order', 'references', 'labs'] as const;

export interface FieldProblem {
  field: string;
  message: string;
}

/** Checks the parsed YAML of a lesson; returns the typed value only when there is no problem. */
export function validateFrontmatter(data: unknown): { frontmatter: LessonFrontmatter | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { frontmatter: null, problems: [{ field: '(frontmatter)', message: 'frontmatter must be a YAML mapping of fields' }] };
  }
  const record = data as Record<string, unknown>;

  for (const key of Object.keys(record)) {
    if (!(frontmatterFields as readonly string[]).includes(key)) {
      problems.push({ field: key, message: `unknown frontmatter field "${key}" (allowed: ${frontmatterFields.join(', ')})` });
    }
  }

  for (const field of ['title', 'summary', 'topic'] as const) {
    const value = record[field];
    if (value === undefined) problems.push({ field, message: `missing required field "${field}" (text)` });
    else if (typeof value !== 'string' || value.trim() === '') problems.push({ field, message: `"${field}" must be non-empty text, got ${describe(value)}` });
  }

  const order = record.order;
  if (order === undefined) problems.push({ field: 'order', message: 'missing required field "order" (a number that sorts the lesson within its topic)' });
  else if (typeof order !== 'number' || !Number.isFinite(order)) problems.push({ field: 'order', message: `"order" must be a number, got ${describe(order)}` });

  const references = record.references;
  if (references === undefined) problems.push({ field: 'references', message: 'missing required field "references" (a list of {title, url, source})' });
  else if (!Array.isArray(references)) problems.push({ field: 'references', message: `"references" must be a list of {title, url, source}, got ${describe(references)}` });
  else references.forEach((reference, index) => problems.push(...referenceProblems(reference, index)));

  const labs = record.labs;
  if (labs === undefined) problems.push({ field: 'labs', message: 'missing required field "labs" (a list of lab ids; [] when none)' });
  else if (!Array.isArray(labs) || labs.some((id) => typeof id !== 'string' || id === '')) {
    problems.push({ field: 'labs', message: `"labs" must be a list of lab ids (text), got ${describe(labs)}` });
  } else {
    const seen = new Set<string>();
    for (const id of labs as string[]) {
      if (seen.has(id)) problems.push({ field: 'labs', message: `lab "${id}" is listed twice in "labs"` });
      seen.add(id);
    }
  }

  if (problems.length > 0) return { frontmatter: null, problems };
  return {
    frontmatter: {
      title: (record.title as string).trim(),
      summary: (record.summary as string).trim(),
      topic: (record.topic as string).trim(),
      order: order as number,
      references: (references as Record<string, string>[]).map((r) => ({ title: r.title.trim(), url: r.url.trim(), source: r.source.trim() })),
      labs: labs as string[],
    },
    problems,
  };
}

function referenceProblems(reference: unknown, index: number): FieldProblem[] {
  const at = `references[${index}]`;
  if (!reference || typeof reference !== 'object' || Array.isArray(reference)) {
    return [{ field: 'references', message: `${at} must be a mapping with title, url and source, got ${describe(reference)}` }];
  }
  const r = reference as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const name = typeof r.title === 'string' && r.title.trim() ? `${at} ("${r.title.trim()}")` : at;
  for (const key of Object.keys(r)) {
    if (!['title', 'url', 'source'].includes(key)) problems.push({ field: 'references', message: `${name} has unknown key "${key}" (allowed: title, url, source)` });
  }
  if (r.url === undefined || r.url === null || (typeof r.url === 'string' && r.url.trim() === '')) {
    problems.push({ field: 'references', message: `${name} has no url: every reference needs an http(s) link` });
  } else if (typeof r.url !== 'string' || !isHttpUrl(r.url.trim())) {
    problems.push({ field: 'references', message: `${name} url must be an http(s) URL, got ${describe(r.url)}` });
  }
  for (const key of ['title', 'source'] as const) {
    if (typeof r[key] !== 'string' || (r[key] as string).trim() === '') {
      problems.push({ field: 'references', message: `${name} needs a non-empty "${key}" (text), got ${describe(r[key])}` });
    }
  }
  return problems;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `a date (${value.toISOString().slice(0, 10)})`;
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

export type { LessonReference };
