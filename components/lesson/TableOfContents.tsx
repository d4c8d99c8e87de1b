import type { LessonHeading } from './types';
import styles from './LessonPage.module.css';

interface TocItem {
  id: string;
  text: string;
  children: TocItem[];
}

/** h2 and h3 headings as a nested list; extra entries (References, Labs) go at the end. */
export function TableOfContents({ headings, extra }: { headings: LessonHeading[]; extra: { id: string; text: string }[] }) {
  const items: TocItem[] = [];
  for (const heading of headings) {
    if (heading.depth === 2 || (heading.depth === 3 && items.length === 0)) items.push({ id: heading.id, text: heading.text, children: [] });
    else if (heading.depth === 3) items[items.length - 1].children.push({ id: heading.id, text: heading.text, children: [] });
  }
  for (const entry of extra) items.push({ ...entry, children: [] });
  if (items.length === 0) return null;
  return (
    <nav className={styles.toc} aria-labelledby="on-this-page">
      <h2 id="on-this-page" className={styles.tocTitle}>
        On this page
      </h2>
      <TocList items={items} />
    </nav>
  );
}

function TocList({ items }: { items: TocItem[] }) {
  return (
    <ul className={styles.tocList}>
      {items.map((item) => (
        <li key={item.id}>
          <a href={`#${item.id}`} className={styles.tocLink}>
            {item.text}
          </a>
          {item.children.length > 0 && <TocList items={item.children} />}
        </li>
      ))}
    </ul>
  );
}
