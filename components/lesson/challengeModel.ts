/**
 * Challenges: a goal on a lab whose success is computed from a run's result document, declared as
 * data (`{ field, op, value }`, all must hold). A challenge travels in the lab page's URL
 * (`/labs/<lab>?preset=…&challenge=…`) so an instructor can hand it out as a link. Pure.
 */
import { comparisons, describeCheck, isComparison, meetsCheck, type ResultCheck } from './resultFields';

export interface ChallengeCheck extends ResultCheck {
  /** how the field reads to a learner, e.g. "mean time in the system (s)" */
  label?: string;
}

export interface ChallengeSpec {
  id: string;
  goal: string;
  checks: ChallengeCheck[];
}

export const CHALLENGE_PARAM = 'challenge';

/** Problems with a challenge's checks (the content check and the URL decoder share them). */
export function challengeCheckProblems(check: unknown, resultFields?: readonly string[]): string[] {
  const list = Array.isArray(check) ? check : [check];
  if (list.length === 0) return ['"check" must be {field, op, value, label?} or a non-empty list of them'];
  const problems: string[] = [];
  list.forEach((c, i) => {
    const where = Array.isArray(check) ? `check[${i}]` : 'check';
    if (!c || typeof c !== 'object' || Array.isArray(c)) return problems.push(`${where} must be {field, op, value, label?}`);
    const r = c as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!['field', 'op', 'value', 'label'].includes(key)) problems.push(`${where}: unknown key "${key}" (allowed: field, op, value, label)`);
    if (typeof r.field !== 'string' || !r.field.trim()) problems.push(`${where} needs a "field" of the lab's result document`);
    else if (resultFields && !resultFields.includes(r.field)) problems.push(`${where}: "${r.field}" is not a field of the lab's result (fields: ${resultFields.slice(0, 40).join(', ')}${resultFields.length > 40 ? ', …' : ''})`);
    if (!isComparison(r.op)) problems.push(`${where}.op must be one of ${comparisons.join(' ')}`);
    const numeric = typeof r.value === 'number' && Number.isFinite(r.value);
    if (!numeric && typeof r.value !== 'boolean') problems.push(`${where}.value must be a number (or true/false)`);
    if (typeof r.value === 'boolean' && r.op !== '==' && r.op !== '!=') problems.push(`${where}: compare true/false with == or !=`);
    if (r.label !== undefined && (typeof r.label !== 'string' || !r.label.trim())) problems.push(`${where}.label must be text`);
  });
  return problems;
}

export function normaliseChecks(check: ChallengeCheck | ChallengeCheck[]): ChallengeCheck[] {
  return Array.isArray(check) ? check : [check];
}

/** Every check met by a finished run's result. */
export function evaluateChallenge(result: unknown, checks: readonly ChallengeCheck[]): { solved: boolean; results: { check: ChallengeCheck; met: boolean; actual: number | boolean | null | undefined }[] } {
  const results = checks.map((check) => ({ check, ...meetsCheck(result, check) }));
  return { solved: results.length > 0 && results.every((r) => r.met), results };
}

export function describeChallengeCheck(check: ChallengeCheck): string {
  const text = describeCheck(check);
  return check.label ? text.replace(check.field, check.label) : text;
}

/** base64url(JSON) of the spec: survives any URL and any goal text. */
export function encodeChallenge(spec: ChallengeSpec): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ id: spec.id, goal: spec.goal, checks: spec.checks }));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The spec in a URL, or the reason it cannot be used (never throws: links are untrusted input). */
export function decodeChallenge(text: string): { spec: ChallengeSpec } | { error: string } {
  let value: unknown;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return { error: 'the challenge in this link is damaged (it is not valid challenge data); ask for the link again' };
  }
  const v = value as Partial<ChallengeSpec> | null;
  if (!v || typeof v !== 'object') return { error: 'the challenge in this link is empty' };
  if (typeof v.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,80}$/.test(v.id)) return { error: 'the challenge in this link has no valid id' };
  if (typeof v.goal !== 'string' || !v.goal.trim() || v.goal.length > 500) return { error: 'the challenge in this link has no goal (or one over 500 characters)' };
  const problems = challengeCheckProblems(v.checks);
  if (!Array.isArray(v.checks) || problems.length > 0) return { error: `the challenge in this link has a bad check: ${problems[0] ?? 'checks must be a list'}` };
  return { spec: { id: v.id, goal: v.goal, checks: v.checks as ChallengeCheck[] } };
}

export function challengeHref(lab: string, preset: string | undefined, spec: ChallengeSpec): string {
  const q = new URLSearchParams();
  if (preset) q.set('preset', preset);
  q.set(CHALLENGE_PARAM, encodeChallenge(spec));
  return `/labs/${encodeURIComponent(lab)}?${q.toString()}`;
}

/** The lab page's query split into the run's part and the challenge. */
export function splitChallengeQuery(query: string): { runQuery: string; challenge: string | null } {
  const q = new URLSearchParams(query);
  const challenge = q.get(CHALLENGE_PARAM);
  q.delete(CHALLENGE_PARAM);
  return { runQuery: q.toString(), challenge };
}
