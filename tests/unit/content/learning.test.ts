import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterAnswer, dayNumber, isDue, parseReviewState, REVIEW_INTERVAL_DAYS } from '@/components/learning/review';
import { declaredPath, pathProblems, planDays, studyPath, type PathLesson } from '@/components/learning/studyPath';
import { lessonLearning } from '@/components/learning/learningData';

describe('spaced repetition', () => {
  it('moves a question up a box on each right answer, out of the review after the last', () => {
    let state = afterAnswer(undefined, true, 100);
    expect(state).toEqual({ box: 1, due: 101 });
    state = afterAnswer(state, true, 101);
    expect(state).toEqual({ box: 2, due: 104 });
    for (let i = 2; i < REVIEW_INTERVAL_DAYS.length; i++) state = afterAnswer(state, true, state.due);
    expect(state.learnt).toBe(true);
    expect(isDue(state, 1e9)).toBe(false);
  });

  it('sends a wrong answer back to box 0, due tomorrow; a missed question with no state is due now', () => {
    expect(afterAnswer({ box: 3, due: 120 }, false, 120)).toEqual({ box: 0, due: 121 });
    expect(isDue(undefined, 5)).toBe(true);
    expect(isDue({ box: 1, due: 6 }, 5)).toBe(false);
    expect(isDue({ box: 1, due: 6 }, 6)).toBe(true);
  });

  it('never schedules a right answer sooner than the wrong one would be (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 100_000 }), (box, today) => {
        const right = afterAnswer({ box, due: today }, true, today);
        const wrong = afterAnswer({ box, due: today }, false, today);
        expect(right.due).toBeGreaterThanOrEqual(wrong.due);
        expect(right.box).toBe(box + 1);
      }),
    );
  });

  it('reads stored states defensively and counts whole local days', () => {
    expect(parseReviewState({ box: 1, due: 3 })).toEqual({ box: 1, due: 3 });
    expect(parseReviewState({ box: -1, due: 3 })).toBeNull();
    expect(parseReviewState('junk')).toBeNull();
    const a = new Date(2026, 11, 7, 0, 5);
    const b = new Date(2026, 11, 7, 23, 55);
    expect(dayNumber(a)).toBe(dayNumber(b));
    expect(dayNumber(new Date(2026, 11, 8, 0, 5)) - dayNumber(a)).toBe(1);
  });
});

describe('study path', () => {
  const lessons: PathLesson[] = [
    { slug: 'video-streaming', title: 'Video', topic: 'V', readingMinutes: 17, labEmbeds: 3, interviewQuestions: 1 },
    { slug: 'queueing-basics', title: 'Queueing', topic: 'Q', readingMinutes: 12, labEmbeds: 3, interviewQuestions: 1 },
    { slug: 'brand-new', title: 'New', topic: 'N', readingMinutes: 10, labEmbeds: 0, interviewQuestions: 0 },
  ];

  it('orders the declared lessons first, appends unlisted ones, and estimates time', () => {
    const path = studyPath(lessons);
    expect(path.map((l) => l.slug)).toEqual(['queueing-basics', 'video-streaming', 'brand-new']);
    expect(path[0].minutes).toBe(12 + 3 * 8 + 6);
    expect(path[1].prerequisites).toEqual([]); // video-uploads is not among these lessons
    expect(path[2].why).toBeNull();
  });

  it('covers every real lesson, with prerequisites earlier in the path', () => {
    const real = lessonLearning();
    expect(pathProblems(declaredPath, real.map((l) => l.slug))).toEqual([]);
    expect(studyPath(real)).toHaveLength(real.length);
    expect(pathProblems([{ slug: 'a', prerequisites: ['b'], why: '' }, { slug: 'b', prerequisites: [], why: '' }], ['a', 'b'])).toEqual(['"a" needs "b", which is not earlier in the path']);
  });

  it('plans every lesson exactly once, in order, over 1 and 4 weeks (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 5, max: 120 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 28 }), (minutes, days) => {
        const path = studyPath(minutes.map((m, i) => ({ slug: `l${i}`, title: `L${i}`, topic: 't', readingMinutes: m, labEmbeds: 0, interviewQuestions: 0 })), []);
        const plan = planDays(path, days, days >= 7 ? 7 : undefined);
        expect(plan.flatMap((d) => d.lessons)).toEqual(path.map((l) => l.slug));
        expect(plan.map((d) => d.day)).toEqual(Array.from({ length: days }, (_, i) => i + 1));
      }),
    );
  });

  it('balances a week: no day holds more than the average plus the largest lesson', () => {
    const path = studyPath(lessonLearning());
    const week = planDays(path, 7);
    const total = path.reduce((s, l) => s + l.minutes, 0);
    const largest = Math.max(...path.map((l) => l.minutes));
    for (const day of week) expect(day.minutes).toBeLessThanOrEqual(total / Math.min(7, path.length) + largest);
  });
});
