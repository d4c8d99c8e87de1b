/**
 * SERVER ONLY: what the progress, review and study-path pages need of the lessons, read from the
 * checked lessons (their quizzes, predictions and challenges as the MDX declares them).
 */
import { loadLessons } from '../lesson/lessonFiles';
import type { QuizQuestion } from '../lesson/types';
import type { PathLesson } from './studyPath';

export interface LessonLearning extends PathLesson {
  quizzes: { id: string; title: string | null; questions: QuizQuestion[] }[];
  predictions: string[];
  challenges: { id: string; goal: string }[];
}

export function lessonLearning(): LessonLearning[] {
  return loadLessons().map((lesson) => {
    const uses = (name: string) => lesson.uses.filter((u) => u.name === name);
    return {
      slug: lesson.slug,
      title: lesson.frontmatter.title,
      topic: lesson.frontmatter.topic,
      readingMinutes: lesson.readingMinutes,
      labEmbeds: lesson.labEmbeds.length,
      interviewQuestions: uses('InterviewQuestion').length,
      quizzes: uses('Quiz').map((q) => ({ id: String(q.props.id), title: typeof q.props.title === 'string' ? q.props.title : null, questions: q.props.questions as QuizQuestion[] })),
      predictions: uses('Predict').map((p) => String(p.props.id)),
      challenges: uses('Challenge').map((c) => ({ id: String(c.props.id), goal: String(c.props.goal) })),
    };
  });
}
