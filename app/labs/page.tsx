import { CatalogPage } from '@/components/catalog/CatalogPage';

export const metadata = { title: 'Labs' };

export default function LabsPage() {
  return (
    <CatalogPage
      title="Labs"
      intro="Deterministic simulations: same seed and parameters, same run. Press ? inside a lab for its keyboard shortcuts."
      kinds={['lab']}
      noun="labs"
    />
  );
}
