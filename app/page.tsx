import { CatalogPage } from '@/components/catalog/CatalogPage';

export default function HomePage() {
  return (
    <CatalogPage
      title="System Design Lab"
      intro="Short lessons on how real systems behave under load, each paired with a simulation you can play, pause, step and share. Everything runs in your browser, deterministically."
      noun="lessons and labs"
    />
  );
}
