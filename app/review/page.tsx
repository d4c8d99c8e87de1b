import { lessonLearning } from '@/components/learning/learningData';
import { LearningHeader } from '@/components/learning/LearningHeader';
import { ReviewView } from '@/components/learning/ReviewView';

export const metadata = { title: 'Review' };

export default function ReviewPage() {
  return (
    <div className="page">
      <LearningHeader current="/review" title="Review" intro="Questions you missed come back after 1, 3, 7, 16 and 35 days while you keep answering them right, and tomorrow when you do not." />
      <ReviewView lessons={lessonLearning()} />
    </div>
  );
}
