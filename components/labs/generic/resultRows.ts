import { groupedNumber } from '@/simulations/core/numberText';
/** A lab's result() document as label/value rows for the generic view. Pure. */
export interface ResultRow {
  key: string;
  value: string;
}

const MAX_ROWS = 40;

export function resultRows(result: unknown, limit = MAX_ROWS): { rows: ResultRow[]; more: number } {
  const rows: ResultRow[] = [];
  let total = 0;
  const visit = (value: unknown, key: string, depth: number) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 3) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, key ? `${key}.${k}` : k, depth + 1);
      return;
    }
    total++;
    if (rows.length < limit) rows.push({ key: key || 'result', value: show(value) });
  };
  visit(result, '', 0);
  return { rows, more: total - rows.length };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return groupedNumber(v);
    return String(Number(v.toPrecision(4)));
  }
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length <= 6 && v.every((x) => typeof x === 'number' || typeof x === 'string')) return v.map((x) => show(x)).join(', ');
    return `[${v.length} items]`;
  }
  return '{…}';
}
