import Link from 'next/link';
import styles from './Learning.module.css';

const pages = [
  { href: '/path', label: 'Study path' },
  { href: '/progress', label: 'Progress' },
  { href: '/review', label: 'Review' },
];

export function LearningHeader({ title, intro, current }: { title: string; intro: string; current: string }) {
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>{title}</h1>
      <p className={styles.intro}>{intro}</p>
      <nav aria-label="Learning">
        <p className={styles.meta}>
          {pages.map((p) => (
            <Link key={p.href} prefetch={false} href={p.href} aria-current={p.href === current ? 'page' : undefined}>
              {p.label}
            </Link>
          ))}
        </p>
      </nav>
    </header>
  );
}
