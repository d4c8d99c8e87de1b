import { lessonLearning } from '@/components/learning/learningData';
import { LearningHeader } from '@/components/learning/LearningHeader';
import { ProgressView } from '@/components/learning/ProgressView';

export const metadata = { title: 'Your progress' };

export default function ProgressPage() {
  return (
    <div className="page">
      <LearningHeader current="/progress" title="Your progress" intro="Lessons read, quizzes, predictions and challenges, as this browser remembers them. No account: export a file to carry it elsewhere." />
      <ProgressView lessons={lessonLearning()} />
    </div>
  );
}
