/**
 * The study path: an order through every lesson with its prerequisites, a time estimate per lesson
 * (reading + its labs + interview practice), and plans that spread the path over 1 or 4 weeks. The
 * order is declared here; a lesson not listed yet (a new one) joins at the end, after its topic's
 * listed lessons, so the page never hides a lesson. Pure.
 */

export interface PathStep {
  slug: string;
  /** slugs to read first */
  prerequisites: string[];
  /** why it sits here, one sentence */
  why: string;
}

export const declaredPath: PathStep[] = [
  { slug: 'queueing-basics', prerequisites: [], why: 'Little’s law and the 1/(1 − ρ) curve come back in every other lesson.' },
  { slug: 'event-pipelines-kafka', prerequisites: ['queueing-basics'], why: 'Batching, acks and consumer lag are queueing with durability added.' },
  { slug: 'chat-systems', prerequisites: ['queueing-basics'], why: 'Fan-out and reconnect storms are arrival-rate problems at scale.' },
  { slug: 'video-uploads', prerequisites: ['queueing-basics'], why: 'Resumable uploads: chunking, retries and idempotent offsets.' },
  { slug: 'video-streaming', prerequisites: ['video-uploads'], why: 'Playback picks up where upload and transcoding leave off.' },
  { slug: 'end-to-end-encryption', prerequisites: ['chat-systems'], why: 'The chat path again, with a server that can no longer read what it routes.' },
  { slug: 'music-streaming', prerequisites: ['video-streaming'], why: 'Delivery is streaming with small files; recommendations are the new part.' },
  { slug: 'streaming-protocols', prerequisites: ['video-streaming'], why: 'Live: where the seconds go between the camera and the player, protocol by protocol.' },
  { slug: 'live-video-and-conferencing', prerequisites: ['chat-systems', 'streaming-protocols'], why: 'Live segments meet a crowd at the edge, and calls fan media out like chat fans out messages.' },
  { slug: 'design-a-video-platform', prerequisites: ['video-streaming'], why: 'The whole platform: estimates, pipeline, storage, CDN and press play, built on uploads and playback.' },
  { slug: 'video-search', prerequisites: ['design-a-video-platform'], why: 'Finding a video: an inverted index, BM25, typeahead, sharded fan-out and index freshness.' },
];

export interface PathLesson {
  slug: string;
  title: string;
  topic: string;
  readingMinutes: number;
  labEmbeds: number;
  interviewQuestions: number;
}

export interface PlannedLesson extends PathLesson {
  prerequisites: string[];
  why: string | null;
  /** reading + 8 min per lab embed + 6 min per interview question */
  minutes: number;
}

export const LAB_MINUTES = 8;
export const INTERVIEW_MINUTES = 6;

export function studyPath(lessons: readonly PathLesson[], declared: readonly PathStep[] = declaredPath): PlannedLesson[] {
  const bySlug = new Map(lessons.map((l) => [l.slug, l]));
  const listed = declared.filter((step) => bySlug.has(step.slug));
  const unlisted = lessons.filter((l) => !declared.some((d) => d.slug === l.slug));
  const plan = (lesson: PathLesson, step?: PathStep): PlannedLesson => ({
    ...lesson,
    prerequisites: (step?.prerequisites ?? []).filter((p) => bySlug.has(p)),
    why: step?.why ?? null,
    minutes: lesson.readingMinutes + LAB_MINUTES * lesson.labEmbeds + INTERVIEW_MINUTES * lesson.interviewQuestions,
  });
  return [...listed.map((step) => plan(bySlug.get(step.slug)!, step)), ...unlisted.map((l) => plan(l))];
}

/** Problems with a declared path: unknown or repeated slugs, prerequisites not earlier in the path. */
export function pathProblems(declared: readonly PathStep[], knownSlugs: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const step of declared) {
    if (!knownSlugs.includes(step.slug)) problems.push(`"${step.slug}" is not a lesson`);
    if (seen.has(step.slug)) problems.push(`"${step.slug}" is listed twice`);
    for (const p of step.prerequisites) if (!seen.has(p)) problems.push(`"${step.slug}" needs "${p}", which is not earlier in the path`);
    seen.add(step.slug);
  }
  return problems;
}

export interface PlanDay {
  day: number;
  lessons: string[];
  /** review sessions planned that day (4-week plan) */
  review: boolean;
  minutes: number;
}

/**
 * Spreads the path over `days` days in order, balancing the minutes: each day takes lessons while
 * that brings it nearer the average still to place (the last study day takes the rest). A day left
 * without a lesson is for practice (challenges, interview questions out loud). With `reviewEvery`,
 * every n-th day is a review day instead.
 */
export function planDays(path: readonly PlannedLesson[], days: number, reviewEvery?: number): PlanDay[] {
  const plan: PlanDay[] = [];
  const studyDays = Array.from({ length: days }, (_, i) => i + 1).filter((d) => !reviewEvery || d % reviewEvery !== 0);
  let next = 0;
  for (const [i, day] of studyDays.entries()) {
    const last = i === studyDays.length - 1;
    const target = path.slice(next).reduce((sum, l) => sum + l.minutes, 0) / (studyDays.length - i);
    const lessons: string[] = [];
    let minutes = 0;
    while (next < path.length) {
      const m = path[next].minutes;
      if (!last && lessons.length > 0 && minutes + m / 2 > target) break;
      lessons.push(path[next].slug);
      minutes += m;
      next++;
    }
    plan.push({ day, lessons, review: false, minutes });
  }
  if (reviewEvery) for (let d = reviewEvery; d <= days; d += reviewEvery) plan.push({ day: d, lessons: [], review: true, minutes: 30 });
  return plan.sort((a, b) => a.day - b.day);
}
