import { CatalogPage } from '@/components/catalog/CatalogPage';

export const metadata = { title: 'Lessons' };

export default function LessonsPage() {
  return <CatalogPage title="Lessons" intro="Read the idea, then run it: every lesson links to the labs it uses." kinds={['lesson']} noun="lessons" />;
}
