/**
 * A lab's result document (the CLI's --json, `LabDefinition.result`) read by dotted path, e.g.
 * `littlesLaw.L` or `0.rebufferS` for a list. Predict and Challenge name a field this way; the content
 * check knows each lab's paths (labFacts) and rejects any other. Pure: client and server use it.
 */

/** A value Predict/Challenge can compare: numbers (null while a run has not measured it), booleans. */
export type ResultLeaf = number | boolean | null;

/** Lists longer than this (per-chunk rows, per-partition arrays) are data, not named fields. */
const MAX_INDEXED_LIST = 8;

/** Every dotted path to a number, boolean or null in a result document, in document order. */
export function resultFieldPaths(doc: unknown, prefix = ''): string[] {
  if (doc === null || typeof doc === 'number' || typeof doc === 'boolean') return prefix ? [prefix] : [];
  if (Array.isArray(doc)) {
    if (doc.length > MAX_INDEXED_LIST) return [];
    return doc.flatMap((item, index) => resultFieldPaths(item, prefix ? `${prefix}.${index}` : String(index)));
  }
  if (typeof doc === 'object') {
    return Object.entries(doc as Record<string, unknown>).flatMap(([key, value]) => resultFieldPaths(value, prefix ? `${prefix}.${key}` : key));
  }
  return [];
}

/** The leaf at `path`, or undefined when the document has no such number/boolean/null. */
export function readResultField(doc: unknown, path: string): ResultLeaf | undefined {
  let here: unknown = doc;
  for (const key of path.split('.')) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here as object, key)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here === null || typeof here === 'number' || typeof here === 'boolean' ? here : undefined;
}

export const comparisons = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Comparison = (typeof comparisons)[number];

/** A success check declared as data: `{ field: "lostAcked", op: ">", value: 0 }`. */
export interface ResultCheck {
  field: string;
  op: Comparison;
  value: number | boolean;
}

export function isComparison(op: unknown): op is Comparison {
  return typeof op === 'string' && (comparisons as readonly string[]).includes(op);
}

/**
 * Whether a result meets a check. A field the run has not measured (null) or the document lacks
 * never meets it: "no data" is not a success.
 */
export function meetsCheck(doc: unknown, check: ResultCheck): { met: boolean; actual: ResultLeaf | undefined } {
  const actual = readResultField(doc, check.field);
  if (actual === null || actual === undefined) return { met: false, actual };
  if (typeof check.value === 'boolean' || typeof actual === 'boolean') {
    const met = check.op === '==' ? actual === check.value : check.op === '!=' ? actual !== check.value : false;
    return { met, actual };
  }
  const a = actual;
  const b = check.value;
  const met = { '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b, '==': a === b, '!=': a !== b }[check.op];
  return { met, actual };
}

/** "lostAcked > 0" */
export function describeCheck(check: ResultCheck): string {
  const words: Record<Comparison, string> = { '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least', '==': 'equal to', '!=': 'not equal to' };
  return `${check.field} ${words[check.op]} ${String(check.value)}`;
}
