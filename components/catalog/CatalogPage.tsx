import { loadCatalog, type CatalogKind } from '../lesson/catalog';
import { Catalog } from './Catalog';
import styles from './Catalog.module.css';

interface CatalogPageProps {
  title: string;
  intro: string;
  /** Which kinds to list; both by default. */
  kinds?: CatalogKind[];
  noun: string;
}

/** Server component: loads the catalog (lesson frontmatter + lab registry) and renders the searchable list. */
export function CatalogPage({ title, intro, kinds = ['lesson', 'lab'], noun }: CatalogPageProps) {
  const entries = loadCatalog().filter((entry) => kinds.includes(entry.kind));
  return (
    <div className="page">
      <header className={styles.pageHeader}>
        <h1 className={styles.pageTitle}>{title}</h1>
        <p className={styles.intro}>{intro}</p>
      </header>
      <Catalog entries={entries} noun={noun} />
    </div>
  );
}
