import type { LessonReference } from './types';
import styles from './References.module.css';

/** The lesson's references, from its frontmatter (the page binds `items`; lessons write `<References />`). */
export function References({ items }: { items: LessonReference[] }) {
  if (items.length === 0) return null;
  return (
    <section className={styles.references} aria-labelledby="references">
      <h2 id="references" className={styles.heading}>
        References
      </h2>
      <ol className={styles.list}>
        {items.map((reference) => (
          <li key={reference.url} className={styles.item}>
            <a href={reference.url} rel="noopener noreferrer" className={styles.title}>
              {reference.title}
            </a>
            <span className={styles.source}>
              {reference.source} · {hostOf(reference.url)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
