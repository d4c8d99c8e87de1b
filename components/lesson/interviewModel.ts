/**
 * The interview framework and rubric data of `<InterviewQuestion>`: names, order, validation. Pure.
 */

/** The stages of a system design answer, in the order an interviewer expects them. */
export const frameworkStages = [
  { key: 'requirements', title: 'Requirements and scope' },
  { key: 'estimates', title: 'Estimates' },
  { key: 'api', title: 'API and data' },
  { key: 'design', title: 'High-level design' },
  { key: 'deepDives', title: 'Deep dives' },
  { key: 'failures', title: 'Bottlenecks and failures' },
] as const;
export type FrameworkStage = (typeof frameworkStages)[number]['key'];
export type InterviewFramework = Partial<Record<FrameworkStage, string>>;

export const rubricLevels = [
  { key: 'mid', title: 'Mid-level' },
  { key: 'senior', title: 'Senior' },
  { key: 'staff', title: 'Staff' },
] as const;
export type RubricLevel = (typeof rubricLevels)[number]['key'];
export type InterviewRubric = Partial<Record<RubricLevel, string[]>> & { mistakes?: string[] };

export const interviewKinds = ['concept', 'design', 'estimate', 'debug'] as const;
export type InterviewKind = (typeof interviewKinds)[number];

/**
 * The level a self-assessment reaches: a level counts when every point of it and of the levels below
 * was made. Null when not even the mid-level points were all made.
 */
export function levelReached(rubric: InterviewRubric, made: ReadonlySet<string>): RubricLevel | null {
  let reached: RubricLevel | null = null;
  for (const { key } of rubricLevels) {
    const points = rubric[key] ?? [];
    if (points.length === 0) continue;
    if (!points.every((_, i) => made.has(`${key}:${i}`))) return reached;
    reached = key;
  }
  return reached;
}

export function frameworkProblems(framework: unknown): string[] {
  if (!isRecord(framework)) return ['"framework" must be an object of stage notes, e.g. {{ requirements: "…", estimates: "…" }}'];
  const keys = frameworkStages.map((s) => s.key as string);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(framework)) {
    if (!keys.includes(key)) problems.push(`framework: unknown stage "${key}" (stages: ${keys.join(', ')})`);
    else if (typeof value !== 'string' || !value.trim()) problems.push(`framework.${key} must be non-empty text`);
  }
  if (Object.keys(framework).length < 3) problems.push('framework: give notes for at least three stages (a framework of one or two stages is a hint: use hints)');
  return problems;
}

export function rubricProblems(rubric: unknown): string[] {
  if (!isRecord(rubric)) return ['"rubric" must be {mid?, senior?, staff?, mistakes?}, each a list of texts'];
  const keys = [...rubricLevels.map((l) => l.key as string), 'mistakes'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(rubric)) {
    if (!keys.includes(key)) problems.push(`rubric: unknown key "${key}" (allowed: ${keys.join(', ')})`);
    else if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || !v.trim())) problems.push(`rubric.${key} must be a non-empty list of texts`);
  }
  if (!rubricLevels.some((l) => Array.isArray(rubric[l.key]) && (rubric[l.key] as unknown[]).length > 0)) problems.push('rubric: list the points a strong answer makes under at least one of mid, senior, staff');
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
