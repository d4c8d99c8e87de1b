import Link from 'next/link';
import { NavLinks } from './NavLinks';
import { ThemeToggle } from './ThemeToggle';
import styles from './SiteHeader.module.css';

export function SiteHeader() {
  return (
    <header className={styles.header} data-site-chrome="">
      <div className={styles.inner}>
        <Link prefetch={false} href="/" className={styles.brand}>
          <LogoMark />
          <span>System Design Lab</span>
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          <NavLinks />
        </nav>
        <ThemeToggle />
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className={styles.footer} data-site-chrome="">
      <p>
        System Design Lab: lessons with deterministic simulations you can replay, share and run offline.
      </p>
      <nav aria-label="Your learning">
        <p>
          <Link prefetch={false} href="/path">
            Study path
          </Link>{' '}
          ·{' '}
          <Link prefetch={false} href="/progress">
            Your progress
          </Link>{' '}
          ·{' '}
          <Link prefetch={false} href="/review">
            Review
          </Link>
        </p>
      </nav>
    </footer>
  );
}

function LogoMark() {
  return (
    <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true" focusable="false" className={styles.logo}>
      <rect x="1" y="1" width="30" height="30" rx="7" fill="var(--accent)" />
      <rect x="6" y="13" width="4" height="6" rx="1" fill="var(--accent-fg)" opacity="0.55" />
      <rect x="11.5" y="13" width="4" height="6" rx="1" fill="var(--accent-fg)" opacity="0.75" />
      <rect x="17" y="13" width="4" height="6" rx="1" fill="var(--accent-fg)" />
      <circle cx="25" cy="16" r="3.2" fill="none" stroke="var(--accent-fg)" strokeWidth="1.8" />
    </svg>
  );
}
