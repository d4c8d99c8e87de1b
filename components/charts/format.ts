import { format } from 'd3';

const grouped = format(',.0f');
const precise = format('.4~r');

/** Compact, locale-independent number text (same on server and client). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 10_000) return grouped(v);
  if (v === 0) return '0';
  return precise(v);
}
