/**
 * Numbers as learners read them in captions and messages: en-US grouping ("1,234.5"), at most
 * `digits` fraction digits. The same text as `x.toLocaleString('en-US', { maximumFractionDigits })`,
 * but through one cached Intl.NumberFormat per digit count.
 * LOUD: toLocaleString with options builds a new formatter on every call (tens of µs); the event log
 * captions a hundred events several times a second, and profiles of the chat lab showed that as
 * the largest single cost on the main thread while seeking.
 */
const formatters = new Map<number, Intl.NumberFormat>();

export function numberText(x: number, digits = 0): string {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    formatters.set(digits, f);
  }
  return f.format(x);
}
