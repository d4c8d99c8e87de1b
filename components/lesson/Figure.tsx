import type { ReactNode } from 'react';
import styles from './Figure.module.css';

interface FigureProps {
  caption: string;
  /** An image in public/ ("/figures/x.svg") or an http(s) URL; needs alt. */
  src?: string;
  alt?: string;
  width?: number;
  height?: number;
  /** Drawn content instead of an image (a table, an inline SVG, …). */
  children?: ReactNode;
}

export function Figure({ caption, src, alt, width, height, children }: FigureProps) {
  return (
    <figure className={styles.figure}>
      <div className={styles.content}>
        {src ? <img src={src} alt={alt ?? ''} width={width} height={height} loading="lazy" decoding="async" /> : children}
      </div>
      <figcaption className={styles.caption}>{caption}</figcaption>
    </figure>
  );
}
