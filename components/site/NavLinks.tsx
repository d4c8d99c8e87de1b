'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './SiteHeader.module.css';

const links = [
  { href: '/lessons', label: 'Lessons' },
  { href: '/labs', label: 'Labs' },
] as const;

export function NavLinks() {
  const pathname = usePathname() ?? '/';
  return (
    <ul className={styles.navList}>
      {links.map((link) => {
        const current = pathname === link.href ? 'page' : pathname.startsWith(`${link.href}/`) ? 'true' : undefined;
        return (
          <li key={link.href}>
            <Link prefetch={false} href={link.href} className={styles.navLink} aria-current={current}>
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
