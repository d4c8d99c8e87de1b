'use client';
import { useEffect, useRef } from 'react';
import { readKey, readProgress, writeProgress } from '../lesson/progress';
import { dayNumber } from './review';

/** Marks the lesson read (locally) once the reader reaches its end. Renders an invisible marker. */
export function ReadTracker({ slug }: { slug: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      if (!readProgress(readKey(slug), (v) => v)) writeProgress(readKey(slug), { read: true, day: dayNumber(new Date()) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [slug]);
  return <div ref={ref} data-testid="read-marker" aria-hidden="true" style={{ height: 1 }} />;
}
