'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { parseQuizProgress, quizScore } from '../lesson/quizProgress';
import { challengeKey, exportProgress, importProgress, predictionKey, progressChangeEvent, readKey, readProgress } from '../lesson/progress';
import { quizStorageKey } from '../lesson/quizProgress';
import type { LessonLearning } from './learningData';
import styles from './Learning.module.css';

interface LessonStatus {
  read: boolean;
  quiz: { correct: number; checked: number; total: number };
  predictions: { made: number; close: number };
  challenges: number;
}

function statusOf(lesson: LessonLearning): LessonStatus {
  const quiz = { correct: 0, checked: 0, total: 0 };
  for (const q of lesson.quizzes) {
    let raw: string | null = null;
    try {
      raw = window.localStorage.getItem(quizStorageKey(lesson.slug, q.id));
    } catch {
      // storage off
    }
    const score = quizScore(parseQuizProgress(raw, q.questions), q.questions);
    quiz.correct += score.correct;
    quiz.checked += score.checked;
    quiz.total += score.total;
  }
  const predictions = lesson.predictions.map((id) => readProgress(predictionKey(lesson.slug, id), (v) => v as { correct?: boolean } | null));
  return {
    read: readProgress(readKey(lesson.slug), (v) => v) !== null,
    quiz,
    predictions: { made: predictions.filter(Boolean).length, close: predictions.filter((p) => p?.correct === true).length },
    challenges: lesson.challenges.filter((c) => readProgress(challengeKey(c.id), (v) => v) !== null).length,
  };
}

/**
 * What this browser remembers of the learner's work, per lesson; export to a file and import it in
 * another browser (nothing leaves the machine otherwise).
 */
export function ProgressView({ lessons }: { lessons: LessonLearning[] }) {
  const [statuses, setStatuses] = useState<LessonStatus[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    const read = () => setStatuses(lessons.map(statusOf));
    read();
    window.addEventListener(progressChangeEvent, read);
    window.addEventListener('storage', read);
    return () => {
      window.removeEventListener(progressChangeEvent, read);
      window.removeEventListener('storage', read);
    };
  }, [lessons]);

  const download = () => {
    const file = exportProgress(window.localStorage);
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'system-design-lab-progress.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setMessage({ text: `Exported ${Object.keys(file.entries).length} entries.`, error: false });
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { imported, skipped } = importProgress(await file.text(), window.localStorage);
      window.dispatchEvent(new Event(progressChangeEvent));
      setMessage({ text: `Imported ${imported} entries${skipped.length ? ` (skipped ${skipped.length} that are not progress)` : ''}.`, error: false });
    } catch (e) {
      setMessage({ text: `Could not import: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };

  return (
    <div className={styles.page} data-testid="progress" data-hydrated={statuses ? 'true' : undefined}>
      <ul className={styles.list}>
        {lessons.map((lesson, i) => {
          const s = statuses?.[i];
          return (
            <li key={lesson.slug} className={styles.item} data-testid="progress-lesson" data-slug={lesson.slug} data-read={s?.read ? 'true' : 'false'}>
              <h2 className={styles.itemTitle}>
                <Link prefetch={false} href={`/lessons/${lesson.slug}`}>
                  {lesson.title}
                </Link>
              </h2>
              <p className={styles.meta}>
                <span className={s?.read ? styles.done : undefined}>{s?.read ? 'Read ✓' : 'Not read yet'}</span>
                <span>
                  Quizzes: {s ? `${s.quiz.correct} of ${s.quiz.total} right` : '…'}
                  {s && s.quiz.checked > s.quiz.correct ? ` (${s.quiz.checked - s.quiz.correct} to review)` : ''}
                </span>
                {lesson.predictions.length > 0 && (
                  <span>
                    Predictions: {s ? `${s.predictions.made} of ${lesson.predictions.length} made, ${s.predictions.close} close` : '…'}
                  </span>
                )}
                {lesson.challenges.length > 0 && <span>Challenges: {s ? `${s.challenges} of ${lesson.challenges.length} solved` : '…'}</span>}
              </p>
            </li>
          );
        })}
      </ul>
      <div className={styles.actions}>
        <button type="button" className={`${styles.button} ${styles.primary}`} onClick={download}>
          Export progress to a file
        </button>
        <label className={styles.fileLabel}>
          Import a progress file
          <input type="file" accept="application/json,.json" onChange={(e) => void upload(e.target.files?.[0])} data-testid="progress-import" />
        </label>
      </div>
      <p className={message?.error ? styles.error : styles.message} role="status">
        {message?.text ?? 'Progress is kept in this browser only; export it to move it to another.'}
      </p>
    </div>
  );
}
