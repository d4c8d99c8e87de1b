'use client';
import { startTransition, useLayoutEffect, useState, type RefObject } from 'react';

/** Content width of an element, kept up to date with a ResizeObserver. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback = 640): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => setWidth((prev) => (Math.abs(prev - w) >= 1 ? Math.floor(w) : prev));
    measure(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) measure(entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * Like `useElementWidth`, but null until the element has been measured in the browser (a server
 * render gets `fallback`): a chart draws its frame first and its contents once, at the real width,
 * never at a guessed width and again. The first width is applied in a transition, so a page full of
 * charts draws them in slices rather than in one long task; later resizes apply at once.
 *
 * LOUD: the first width comes from the ResizeObserver's first report (after the browser's own
 * layout), never from getBoundingClientRect in the effect: that forces a layout of the whole page
 * inside React's commit, one long task where there could be two short ones (Lighthouse traces of
 * the ABR page: a 30 ms commit, 18 ms of it that forced layout).
 */
export function useMeasuredWidth(ref: RefObject<HTMLElement | null>, fallback = 640): number | null {
  const [width, setWidth] = useState<number | null>(() => (typeof window === 'undefined' ? fallback : null));
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (typeof ResizeObserver === 'undefined') {
      const first = Math.floor(el.getBoundingClientRect().width);
      startTransition(() => setWidth((prev) => (prev === null ? first : prev)));
      return;
    }
    let measured = false;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[entries.length - 1].contentRect.width);
      if (!measured) {
        // the first report is drawn in a transition, in slices
        measured = true;
        startTransition(() => setWidth(w));
      } else setWidth((prev) => (prev !== null && Math.abs(prev - w) < 1 ? prev : w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
