import { lessonLearning } from '@/components/learning/learningData';
import { LearningHeader } from '@/components/learning/LearningHeader';
import { StudyPathView } from '@/components/learning/StudyPathView';

export const metadata = { title: 'Study path' };

export default function PathPage() {
  return (
    <div className="page">
      <LearningHeader current="/path" title="Study path" intro="Every lesson in an order that builds on itself, how long each takes with its labs and interview questions, and two plans for interview preparation." />
      <StudyPathView lessons={lessonLearning()} />
    </div>
  );
}
