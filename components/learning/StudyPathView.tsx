import Link from 'next/link';
import { planDays, studyPath, type PlanDay, type PlannedLesson } from './studyPath';
import type { PathLesson } from './studyPath';
import styles from './Learning.module.css';

/** SERVER component: the study path and its 1-week and 4-week plans (no JavaScript). */
export function StudyPathView({ lessons }: { lessons: PathLesson[] }) {
  const path = studyPath(lessons);
  const titles = new Map(path.map((l) => [l.slug, l.title]));
  const total = path.reduce((sum, l) => sum + l.minutes, 0);
  const week = planDays(path, 7);
  const month = planDays(path, 28, 7);
  return (
    <div className={styles.page}>
      <section aria-labelledby="path-order">
        <h2 id="path-order">The order ({formatMinutes(total)} in all)</h2>
        <ol className={styles.list} data-testid="study-path">
          {path.map((lesson, i) => (
            <PathItem key={lesson.slug} lesson={lesson} index={i} titles={titles} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="plan-week">
        <h2 id="plan-week">One week before an interview</h2>
        <Plan days={week} titles={titles} label="Day" />
      </section>
      <section aria-labelledby="plan-month">
        <h2 id="plan-month">Four weeks, with a review day each week</h2>
        <div className={styles.weeks}>
          {[1, 2, 3, 4].map((w) => (
            <div key={w} className={styles.item}>
              <h3 className={styles.itemTitle}>Week {w}</h3>
              <Plan days={month.filter((d) => Math.ceil(d.day / 7) === w)} titles={titles} label="Day" compact />
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

function PathItem({ lesson, index, titles }: { lesson: PlannedLesson; index: number; titles: Map<string, string> }) {
  return (
    <li className={styles.item} data-slug={lesson.slug}>
      <h3 className={styles.itemTitle}>
        {index + 1}.{' '}
        <Link prefetch={false} href={`/lessons/${lesson.slug}`}>
          {lesson.title}
        </Link>
      </h3>
      {lesson.why && <p>{lesson.why}</p>}
      <p className={styles.meta}>
        <span>{formatMinutes(lesson.minutes)}</span>
        <span>
          {lesson.readingMinutes} min reading · {lesson.labEmbeds} lab run{lesson.labEmbeds === 1 ? '' : 's'} · {lesson.interviewQuestions} interview question{lesson.interviewQuestions === 1 ? '' : 's'}
        </span>
        <span>{lesson.prerequisites.length ? `After: ${lesson.prerequisites.map((p) => titles.get(p) ?? p).join(', ')}` : 'No prerequisites'}</span>
      </p>
    </li>
  );
}

function Plan({ days, titles, label, compact = false }: { days: PlanDay[]; titles: Map<string, string>; label: string; compact?: boolean }) {
  const shown = compact ? days.filter((d) => d.lessons.length > 0 || d.review) : days;
  return (
    <ul className={styles.list}>
      {shown.map((day) => (
        <li key={day.day} className={compact ? undefined : styles.item}>
          <strong>
            {label} {day.day}:
          </strong>{' '}
          {day.review ? (
            <>
              <Link prefetch={false} href="/review">
                Review
              </Link>{' '}
              the questions you missed, then answer two interview questions out loud.
            </>
          ) : day.lessons.length === 0 ? (
            'Practice: a challenge per lab, interview questions out loud, and the review.'
          ) : (
            <>
              {day.lessons.map((slug) => titles.get(slug) ?? slug).join(', ')} ({formatMinutes(day.minutes)})
            </>
          )}
        </li>
      ))}
      {compact && shown.length === 0 && <li>Practice and review.</li>}
    </ul>
  );
}

export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60 ? `${m % 60} min` : ''}`.trim();
}
