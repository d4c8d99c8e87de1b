import { loadCatalog, type CatalogKind } from '../lesson/catalog';
import { Catalog } from './Catalog';
import type { SearchKind } from '../search/searchOptions';
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
      <Catalog entries={entries} noun={noun} kinds={searchKindsFor(kinds)} />
    </div>
  );
}

/** A page listing only lessons searches lessons (sections, key terms); only labs, labs and presets. */
function searchKindsFor(kinds: CatalogKind[]): SearchKind[] | undefined {
  if (kinds.includes('lesson') && kinds.includes('lab')) return undefined;
  return kinds.includes('lesson') ? ['lesson', 'section', 'term'] : ['lab', 'preset'];
}
